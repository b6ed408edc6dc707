"""Forms of the calendar pages (validation of the values is the services'; these parse)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.deadlines.enums import Anchor, Confidence
from thidua.deadlines.schedule import KINDS

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
INT_ERRORS = {"invalid": _("Nhập một số nguyên.")}


class TemplateRowForm(Form):
    title = forms.CharField(label=_("Tên mốc"), max_length=255)
    anchor = forms.ChoiceField(label=_("Cách tính"), choices=Anchor.choices)
    month = forms.IntegerField(label=_("Tháng"), required=False, error_messages=INT_ERRORS)
    day = forms.IntegerField(label=_("Ngày"), required=False, error_messages=INT_ERRORS)
    year_offset = forms.TypedChoiceField(
        label=_("Năm"),
        coerce=int,
        choices=[(0, _("Năm thi đua")), (1, _("Năm sau năm thi đua"))],
        required=False,
        empty_value=None,
    )
    days_before = forms.IntegerField(
        label=_("Số ngày trước sự kiện"), required=False, error_messages=INT_ERRORS
    )
    working_days = forms.BooleanField(label=_("Tính theo ngày làm việc"), required=False)
    description = forms.CharField(
        label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    citation = forms.CharField(label=_("Căn cứ (văn bản, điều khoản)"), max_length=255)
    confidence = forms.ChoiceField(label=_("Mức tin cậy"), choices=Confidence.choices)
    active = forms.BooleanField(label=_("Áp dụng mốc này"), required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = KINDS[kind].anchors
        field = self.fields["anchor"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(v, label) for v, label in Anchor.choices if v in allowed]


class ReminderDaysForm(Form):
    reminder_days = forms.CharField(
        label=_("Nhắc trước hạn (số ngày, cách nhau bằng dấu phẩy)"),
        max_length=40,
        help_text=_("Ví dụ “7, 1”: nhắc 7 ngày và 1 ngày trước hạn."),
    )


class OverrideForm(Form):
    due_on = forms.DateField(
        label=_("Hạn mới"),
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _("Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm."),
            "required": _("Cần nhập ngày."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Cần ghi rõ lý do điều chỉnh.")},
    )


class ConfirmForm(Form):
    """A POST with no fields (remove an override, rotate a feed link)."""
