"""Forms of the scoring pages. They only shape input; the services validate points and files."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.covenants.models import Criterion
from thidua.org.forms import UnitChoiceField
from thidua.org.models import Unit

POINTS_ATTRS = {"inputmode": "decimal", "autocomplete": "off", "class": "points-input"}


class PointsField(forms.CharField):
    """Points as typed (`27,5` or `27.5`); the service checks range, step and decimals."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("widget", forms.TextInput(attrs=POINTS_ATTRS))
        super().__init__(**kwargs)


class SelfScoreForm(forms.Form):
    points = PointsField(label=_("Điểm tự chấm"))
    comment = forms.CharField(
        label=_("Giải trình"), required=False, max_length=4000, widget=forms.Textarea
    )


class ReviewScoreForm(forms.Form):
    points = PointsField(label=_("Điểm thẩm định"))
    reason = forms.CharField(label=_("Lý do điều chỉnh"), required=False, max_length=4000)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Tệp minh chứng"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=4000, widget=forms.Textarea)


class CriterionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code}. {obj.title}"


class ObjectionForm(forms.Form):
    criterion = CriterionChoiceField(
        label=_("Tiêu chí"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("Cả bảng điểm"),
    )
    text = forms.CharField(label=_("Nội dung ý kiến"), max_length=4000, widget=forms.Textarea)

    def __init__(self, *args: Any, criteria: QuerySet[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = criteria  # type: ignore[attr-defined]


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Trả lời"), max_length=4000, widget=forms.Textarea)
    points = PointsField(
        label=_("Điểm thẩm định mới"),
        help_text=_("Để trống nếu giữ nguyên điểm thẩm định."),
    )
    reason = forms.CharField(
        label=_("Lý do điều chỉnh"),
        required=False,
        max_length=4000,
        help_text=_("Bắt buộc khi đổi điểm."),
    )


class ExclusionForm(forms.Form):
    unit = UnitChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none())
    rule_id = forms.CharField(label=_("Quy tắc"), max_length=20, initial="GEN-03")
    reason = forms.CharField(label=_("Lý do"), max_length=4000, widget=forms.Textarea)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
