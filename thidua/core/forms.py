"""Form base shared by the apps' pages."""

from typing import Any

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _


class Form(forms.Form):
    """A form whose text fields refuse NUL bytes with a Vietnamese message (Django's own is not
    translated; PostgreSQL rejects them)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            for validator in field.validators:
                if isinstance(validator, ProhibitNullCharactersValidator):
                    validator.message = _("Không được chứa ký tự rỗng (NUL).")
