"""Forms of the org pages. They only shape input; the services validate and write."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.org.enums import BlocKind, Gender, LineageKind, UnitKind
from thidua.org.models import Province, Unit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


class UnitMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.code})"


def _year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(label=_("năm"), min_value=1945, max_value=2100, **kwargs)


class FilterForm(forms.Form):
    """Search and filters of the list pages; invalid values are ignored, never an error page."""

    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    province = forms.ModelChoiceField(
        label=_("tỉnh"), queryset=Province.objects.none(), required=False, empty_label=_("Tất cả")
    )

    def __init__(self, *args: Any, provinces: QuerySet[Province], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def value(self, name: str) -> Any:
        if not self.is_valid():
            return None
        return self.cleaned_data.get(name) or None


class UnitFilterForm(FilterForm):
    kind = forms.ChoiceField(
        label=_("loại đơn vị"),
        choices=[("", _("Tất cả")), *UnitKind.choices],
        required=False,
    )


class DashboardForm(forms.Form):
    province = forms.ModelChoiceField(label=_("tỉnh"), queryset=Province.objects.none())
    year = forms.TypedChoiceField(label=_("năm"), coerce=int)

    def __init__(
        self, *args: Any, provinces: QuerySet[Province], years: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = provinces  # type: ignore[attr-defined]
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]


class UnitForm(forms.Form):
    province = forms.ModelChoiceField(label=_("tỉnh"), queryset=Province.objects.none())
    code = forms.CharField(label=_("mã đơn vị"), max_length=40)
    name = forms.CharField(label=_("tên đầy đủ"), max_length=255)
    short_name = forms.CharField(label=_("tên viết tắt"), max_length=80, required=False)
    kind = forms.ChoiceField(label=_("loại đơn vị"), choices=UnitKind.choices)
    parent = UnitChoiceField(
        label=_("đơn vị cấp trên"), queryset=Unit.objects.none(), required=False
    )
    active_from = forms.DateField(label=_("hoạt động từ"), required=False, widget=DateInput())
    active_to = forms.DateField(label=_("hoạt động đến"), required=False, widget=DateInput())
    is_illustrative = forms.BooleanField(
        label=_("dữ liệu minh hoạ"),
        required=False,
        help_text=_("Không có trong nguồn tin, do hệ thống tạo."),
    )

    def __init__(
        self,
        *args: Any,
        provinces: list[Province] | None,
        parents: QuerySet[Unit],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if provinces is None:
            del self.fields["province"]
        else:
            self.fields["province"].queryset = Province.objects.filter(  # type: ignore[attr-defined]
                pk__in=[p.pk for p in provinces]
            )
            if len(provinces) == 1:
                self.fields["province"].initial = provinces[0].pk
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("active_from"), data.get("active_to")
        if start and end and end < start:
            self.add_error("active_to", _("Ngày kết thúc phải sau ngày bắt đầu hoạt động."))
        return data


class PersonForm(forms.Form):
    full_name = forms.CharField(label=_("họ và tên"), max_length=120)
    gender = forms.ChoiceField(label=_("giới tính"), choices=Gender.choices)
    birth_year = forms.IntegerField(
        label=_("năm sinh"), required=False, min_value=1900, max_value=2100
    )
    unit = UnitChoiceField(label=_("đơn vị"), queryset=Unit.objects.none())
    position = forms.CharField(label=_("chức vụ"), max_length=160, required=False)
    is_illustrative = forms.BooleanField(label=_("dữ liệu minh hoạ"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class BlocForm(forms.Form):
    province = forms.ModelChoiceField(label=_("tỉnh"), queryset=Province.objects.none())
    name = forms.CharField(label=_("tên khối, cụm"), max_length=255)
    kind = forms.ChoiceField(label=_("loại"), choices=BlocKind.choices)
    description = forms.CharField(
        label=_("mô tả"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, provinces: list[Province] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if provinces is None:
            del self.fields["province"]
        else:
            self.fields["province"].queryset = Province.objects.filter(  # type: ignore[attr-defined]
                pk__in=[p.pk for p in provinces]
            )
            if len(provinces) == 1:
                self.fields["province"].initial = provinces[0].pk


class SeasonCreateForm(forms.Form):
    year = _year_field()
    members = UnitMultipleChoiceField(
        label=_("thành viên"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leader = UnitChoiceField(label=_("trưởng khối"), queryset=Unit.objects.none(), required=False)
    deputy = UnitChoiceField(
        label=_("phó trưởng khối"), queryset=Unit.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(label=_("nguồn"), required=False, max_length=255)
    is_illustrative = forms.BooleanField(label=_("dữ liệu minh hoạ"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("members", "leader", "deputy"):
            self.fields[name].queryset = units  # type: ignore[attr-defined]
        self.fields["year"].initial = timezone.localdate().year


class SeasonUpdateForm(forms.Form):
    leader = UnitChoiceField(label=_("trưởng khối"), queryset=Unit.objects.none(), required=False)
    deputy = UnitChoiceField(
        label=_("phó trưởng khối"), queryset=Unit.objects.none(), required=False
    )
    note = forms.CharField(
        label=_("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    source = forms.CharField(label=_("nguồn"), required=False, max_length=255)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = units  # type: ignore[attr-defined]
        self.fields["deputy"].queryset = units  # type: ignore[attr-defined]


class SeasonNoteForm(forms.Form):
    note = forms.CharField(
        label=_("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class SeasonMemberForm(forms.Form):
    unit = UnitChoiceField(
        label=pgettext_lazy("season member", "Đơn vị cần thêm"), queryset=Unit.objects.none()
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class LineageEventForm(forms.Form):
    province = forms.ModelChoiceField(label=_("tỉnh"), queryset=Province.objects.none())
    kind = forms.ChoiceField(label=_("loại sự kiện"), choices=LineageKind.choices)
    date = forms.DateField(label=_("ngày hiệu lực"), widget=DateInput())
    predecessors = UnitMultipleChoiceField(
        label=_("đơn vị trước"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    successors = UnitMultipleChoiceField(
        label=_("đơn vị sau"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    legal_basis = forms.CharField(
        label=_("căn cứ"),
        required=False,
        max_length=255,
        help_text=_("Ví dụ: Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội."),
    )
    note = forms.CharField(
        label=_("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_illustrative = forms.BooleanField(label=_("dữ liệu minh hoạ"), required=False)

    def __init__(
        self, *args: Any, provinces: list[Province], units: QuerySet[Unit], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].queryset = Province.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in provinces]
        )
        if len(provinces) == 1:
            self.fields["province"].initial = provinces[0].pk
        self.fields["predecessors"].queryset = units  # type: ignore[attr-defined]
        self.fields["successors"].queryset = units  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    """The delete confirmation: a POST with the CSRF token is the confirmation."""
