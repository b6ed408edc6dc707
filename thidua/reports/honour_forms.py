"""Forms of the honour board's pages."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from thidua.core.forms import Form
from thidua.reports.models import LEVEL_CHOICES
from thidua.reports.services.honour import MAX_YEAR, MIN_YEAR


class HonourBoardForm(Form):
    published = forms.BooleanField(
        label=_("Công khai bảng vàng (ai cũng xem được, không cần đăng nhập)"), required=False
    )
    title = forms.CharField(label=_("Tiêu đề"), max_length=200, required=False)
    intro = forms.CharField(
        label=_("Lời giới thiệu"), max_length=4000, required=False, widget=forms.Textarea
    )
    levels = forms.MultipleChoiceField(
        label=_("Các cấp khen thưởng hiển thị"),
        choices=LEVEL_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    from_year = forms.IntegerField(
        label=_("Từ năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False
    )
    show_people = forms.BooleanField(label=_("Hiển thị khen thưởng cá nhân"), required=False)


class HideForm(Form):
    reason = forms.CharField(
        label=_("Lý do không công khai"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Ví dụ: cá nhân đề nghị không công khai; đang đính chính họ tên."),
    )


class BoardFilterForm(Form):
    """The public page's filters (GET): a year and an award type of the board's."""

    nam = forms.IntegerField(label=_("Năm"), min_value=MIN_YEAR, max_value=MAX_YEAR, required=False)
    hinh_thuc = forms.ChoiceField(label=_("Hình thức khen thưởng"), required=False)

    def __init__(self, *args: Any, award_types: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["hinh_thuc"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Tất cả")), *award_types]
