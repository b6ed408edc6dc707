from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.org.models import Province


class ImportForm(forms.Form):
    province = forms.ModelChoiceField(
        label=gettext_lazy("Tỉnh, thành phố"), queryset=Province.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Chỉ kiểm tra, không ghi dữ liệu"), required=False
    )

    def __init__(self, *args: Any, provinces: Sequence[Province], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["province"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Province.objects.filter(pk__in=[p.pk for p in provinces])
        if len(provinces) == 1:
            field.initial = provinces[0].pk

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        limit = int(settings.IMPORT_MAX_BYTES)
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(
                _("Tệp quá lớn (%(size)s MB); dung lượng tối đa là %(max)s MB.")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "max": round(limit / 1024 / 1024, 1),
                },
                code="too_large",
            )
        return upload
