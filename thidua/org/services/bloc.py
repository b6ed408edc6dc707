from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.core.text import fold
from thidua.org.enums import BlocKind
from thidua.org.models import Bloc, Province
from thidua.org.services._common import clean_text, delete, save

BLOC_FIELDS = ("name", "kind", "description")


def _apply(bloc: Bloc, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in BLOC_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        if field == "name":
            value = clean_text(value, field=_("tên khối, cụm"), required=True)
        elif field == "description":
            value = clean_text(value, field=_("mô tả"), max_length=4000)
        elif field == "kind" and value not in BlocKind.values:
            raise ValidationFailed(_("Loại khối “%(kind)s” không hợp lệ.") % {"kind": value})
        if getattr(bloc, field) != value:
            setattr(bloc, field, value)
            changed.append(field)
    bloc.search_key = fold(bloc.name)
    return changed


@transaction.atomic
def bloc_create(
    *, actor: Any, province: Province, name: str, kind: str = BlocKind.BLOC, description: str = ""
) -> Bloc:
    """Create an emulation bloc or cluster in `province` (board only)."""
    require(actor, "org.add_bloc", province)
    bloc = Bloc(province=province)
    _apply(bloc, {"name": name, "kind": kind, "description": description})
    save(bloc, actor=actor, reason="bloc_create")
    return bloc


@transaction.atomic
def bloc_update(*, actor: Any, bloc: Bloc, **values: Any) -> Bloc:
    require(actor, "org.change_bloc", bloc)
    changed = _apply(bloc, values)
    if changed:
        save(bloc, actor=actor, reason="bloc_update", update_fields=[*changed, "search_key"])
    return bloc


@transaction.atomic
def bloc_delete(*, actor: Any, bloc: Bloc) -> None:
    """Delete a bloc without seasons; a bloc with history is kept (refused with `in_use`)."""
    require(actor, "org.delete_bloc", bloc)
    delete(bloc, actor=actor, reason="bloc_delete")
