"""Forms of the covenant pages. They only shape input; the services validate and write."""

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from thidua.covenants.enums import CriterionKind, MovementKind, ScoringMode, TieBreak
from thidua.covenants.models import Covenant, Criterion
from thidua.org.forms import DateInput, UnitChoiceField, UnitMultipleChoiceField
from thidua.org.models import Bloc, Province, Unit

TIE_BREAK_SLOTS = len(TieBreak.choices)


class MovementFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("loại phong trào"),
        choices=[("", _("Tất cả")), *MovementKind.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"type": "search", "autocomplete": "off"})

    def value(self, name: str) -> Any:
        if not self.is_valid():
            return None
        return self.cleaned_data.get(name) or None


class MovementForm(forms.Form):
    province = forms.ModelChoiceField(label=_("tỉnh"), queryset=Province.objects.none())
    name = forms.CharField(label=_("tên phong trào"), max_length=255)
    kind = forms.ChoiceField(label=_("loại phong trào"), choices=MovementKind.choices)
    launched_by = forms.CharField(
        label=_("cấp phát động"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: UBND tỉnh, Hội đồng Thi đua – Khen thưởng tỉnh."),
    )
    launched_by_unit = UnitChoiceField(
        label=_("đơn vị phát động"), queryset=Unit.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("ngày bắt đầu"), widget=DateInput())
    end_date = forms.DateField(label=_("ngày kết thúc"), required=False, widget=DateInput())
    goals = forms.CharField(
        label=_("mục tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    blocs = forms.ModelMultipleChoiceField(
        label=_("khối, cụm tham gia"),
        queryset=Bloc.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = UnitMultipleChoiceField(
        label=_("đơn vị tham gia"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    is_illustrative = forms.BooleanField(label=_("dữ liệu minh hoạ"), required=False)

    def __init__(
        self,
        *args: Any,
        provinces: list[Province] | None,
        blocs: QuerySet[Bloc],
        units: QuerySet[Unit],
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
        self.fields["blocs"].queryset = blocs  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        self.fields["launched_by_unit"].queryset = units  # type: ignore[attr-defined]


def bands_to_text(bands: list[dict[str, Any]]) -> str:
    lines = []
    for band in bands:
        share = Decimal(str(band.get("min_share", 0))) * 100
        floor = Decimal(str(band.get("min_criterion_share", 0))) * 100
        lines.append(
            f"{band['code']} | {band['label']} | {share.normalize():f} | {floor.normalize():f}"
        )
    return "\n".join(lines)


class CovenantForm(forms.Form):
    title = forms.CharField(label=_("tiêu đề"), max_length=255)
    body = forms.CharField(
        label=_("nội dung giao ước"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    signing_date = forms.DateField(label=_("ngày ký kết"), required=False, widget=DateInput())
    total_points = forms.DecimalField(
        label=_("tổng điểm bảng điểm"),
        min_value=Decimal("1"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Thường là 100 hoặc 1000 điểm."),
    )
    scoring_mode = forms.ChoiceField(label=_("hình thức thẩm định"), choices=ScoringMode.choices)
    bands = forms.CharField(
        label=_("mức xếp loại"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Mỗi dòng một mức, từ cao xuống thấp: mã | tên | % tổng điểm tối thiểu | "
            "% tối thiểu của mỗi tiêu chí. Ví dụ: xs | Xuất sắc | 90 | 85"
        ),
    )
    registration_deadline = forms.DateField(
        label=_("hạn đăng ký thi đua"), required=False, widget=DateInput()
    )
    scoring_deadline = forms.DateField(
        label=_("hạn nộp bảng tự chấm"), required=False, widget=DateInput()
    )
    objection_deadline = forms.DateField(
        label=_("hạn gửi ý kiến về điểm"), required=False, widget=DateInput()
    )

    def __init__(self, *args: Any, creating: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("(không dùng)")), *TieBreak.choices]
        for slot in range(1, TIE_BREAK_SLOTS + 1):
            self.fields[f"tie_break_{slot}"] = forms.ChoiceField(
                label=_("quy tắc khi bằng điểm thứ %(n)s") % {"n": slot},
                choices=choices,
                required=False,
            )
        if creating:
            self.fields["copy_previous"] = forms.BooleanField(
                label=_("sao chép giao ước năm trước của khối"),
                required=False,
                help_text=_("Sao chép nội dung, quy tắc chấm và toàn bộ bảng điểm."),
            )

    @staticmethod
    def initial_for(covenant: Covenant) -> dict[str, Any]:
        initial: dict[str, Any] = {
            field: getattr(covenant, field)
            for field in (
                "title",
                "body",
                "signing_date",
                "total_points",
                "scoring_mode",
                "registration_deadline",
                "scoring_deadline",
                "objection_deadline",
            )
        }
        initial["bands"] = bands_to_text(covenant.bands)
        for slot, rule in enumerate(covenant.tie_breaks, start=1):
            initial[f"tie_break_{slot}"] = rule
        return initial

    def clean_bands(self) -> list[dict[str, Any]]:
        bands = []
        for number, line in enumerate(self.cleaned_data["bands"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|")]
            try:
                if len(parts) not in (3, 4):
                    raise ValueError
                share = Decimal(parts[2].replace(",", ".")) / 100
                floor = Decimal(parts[3].replace(",", ".")) / 100 if len(parts) == 4 else 0
            except (ValueError, ArithmeticError):
                raise forms.ValidationError(
                    _("Dòng %(n)s không đúng dạng “mã | tên | %% tổng điểm | %% mỗi tiêu chí”.")
                    % {"n": number}
                ) from None
            bands.append(
                {
                    "code": parts[0],
                    "label": parts[1],
                    "min_share": share,
                    "min_criterion_share": floor,
                }
            )
        return bands

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        rules = [data.pop(f"tie_break_{slot}") for slot in range(1, TIE_BREAK_SLOTS + 1)]
        data["tie_breaks"] = [r for r in rules if r]
        data.pop("copy_previous", None)
        return data


class ItemForm(forms.Form):
    text = forms.CharField(
        label=_("nội dung"), max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class CriterionForm(forms.Form):
    code = forms.CharField(label=_("mã"), max_length=20, help_text=_("Ví dụ: I, I.1, B.1"))
    title = forms.CharField(label=_("nội dung tiêu chí"), max_length=500)
    kind = forms.ChoiceField(label=_("loại"), choices=CriterionKind.choices)
    parent = forms.ModelChoiceField(
        label=_("thuộc nhóm"),
        queryset=Criterion.objects.none(),
        required=False,
        empty_label=_("(cấp ngoài cùng)"),
    )
    max_points = forms.DecimalField(
        label=_("điểm tối đa"),
        min_value=Decimal(0),
        max_digits=8,
        decimal_places=2,
        help_text=_("Với điểm cộng, điểm trừ: mức trần."),
    )
    points_per_item = forms.DecimalField(
        label=_("điểm mỗi lần"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        required=False,
        help_text=_("Chỉ dùng cho điểm cộng, điểm trừ."),
    )
    guidance = forms.CharField(
        label=_("hướng dẫn chấm"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence_required = forms.BooleanField(label=_("bắt buộc minh chứng"), required=False)

    def __init__(self, *args: Any, groups: QuerySet[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = groups  # type: ignore[attr-defined]
        self.fields["parent"].label_from_instance = lambda c: f"{c.code}. {c.title}"  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("tệp Excel (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )


class RegistrationForm(forms.Form):
    targets = forms.CharField(label=_("chỉ tiêu đăng ký"), widget=forms.Textarea(attrs={"rows": 6}))
    aimed_titles = forms.CharField(
        label=_("danh hiệu, hình thức khen thưởng đăng ký"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Mỗi dòng một danh hiệu, ví dụ: Cờ thi đua của UBND tỉnh; Bằng khen của Chủ tịch UBND "
            "tỉnh; Tập thể lao động xuất sắc."
        ),
    )

    def clean_aimed_titles(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["aimed_titles"].splitlines()]
