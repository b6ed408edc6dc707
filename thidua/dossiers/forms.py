"""Forms of the proposal, dossier and inbox pages. They only shape input; the services validate
and write (and answer in Vietnamese when they refuse)."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.awards.rulebook import DOCUMENT_KINDS, load_rulebook
from thidua.core.forms import Form
from thidua.dossiers.models import ProposalStatus
from thidua.org.forms import DateInput

TEXTAREA = {"rows": 3}
REASON_MAX = 4000
YEAR_MIN, YEAR_MAX = 2000, 2100


def award_choices(subject: str | None = None) -> list[tuple[str, str]]:
    """The catalogue's award types (for one subject, "collective" or "individual")."""
    return [
        (a.code, a.name)
        for a in load_rulebook().award_types()
        if subject is None or a.subject == subject
    ]


def award_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Hình thức khen thưởng"),
        choices=(),
        error_messages={
            "invalid_choice": _("Hình thức khen thưởng không hợp lệ."),
            "required": _("Chọn hình thức khen thưởng."),
        },
    )


def kind_choices() -> list[tuple[str, str]]:
    return list(DOCUMENT_KINDS.items())


def year_field(**kwargs: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Năm"),
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages={
            "invalid": _("Năm phải là số, ví dụ 2025."),
            "min_value": _("Năm không hợp lệ."),
            "max_value": _("Năm không hợp lệ."),
            "required": _("Nhập năm."),
        },
        **kwargs,
    )


class LabelledMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes whose labels come from a mapping {pk: label} built by the view."""

    def __init__(self, *args: Any, labels: dict[int, str] | None = None, **kwargs: Any) -> None:
        self.labels = labels or {}
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return self.labels.get(obj.pk, str(obj))


class StaffProposalForm(Form):
    """Proposals of one award and year for people of the unit (one per person)."""

    people: "forms.ModelMultipleChoiceField[Any]" = forms.ModelMultipleChoiceField(
        label=_("Cán bộ được đề nghị"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Chọn ít nhất một người."),
            "invalid_choice": _("Chỉ đề nghị được cho người của đơn vị mình."),
            "invalid_pk_value": _("Chỉ đề nghị được cho người của đơn vị mình."),
        },
    )
    award_type = award_field()
    year = year_field()
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, people: QuerySet[Any], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = people
        self.fields["award_type"].choices = award_choices("individual")  # type: ignore[attr-defined]


class UnitProposalForm(Form):
    """A proposal of a collective award for the unit itself."""

    award_type = award_field()
    year = year_field()
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs=TEXTAREA),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        self.fields["award_type"].choices = award_choices("collective")  # type: ignore[attr-defined]


class SummaryForm(Form):
    summary = forms.CharField(
        label=_("Tóm tắt thành tích"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class FileForm(Form):
    kind = forms.ChoiceField(label=_("Loại giấy tờ"), choices=())
    file = forms.FileField(
        label=_("Tệp"),
        help_text=_("PDF, Word (.docx), Excel (.xlsx) hoặc ảnh JPEG, PNG; tối đa 20 MB."),
        error_messages={
            "required": _("Chọn tệp để tải lên."),
            "empty": _("Tệp rỗng."),
            "invalid": _("Không đọc được tệp."),
        },
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices()  # type: ignore[attr-defined]
        self.fields["kind"].error_messages["invalid_choice"] = _("Loại giấy tờ không hợp lệ.")


class SubmitForm(Form):
    """Submit; the reason is required (and asked for) when a check needs an override."""

    override_reason = forms.CharField(
        label=_("Lý do vẫn trình khi chưa đủ điều kiện"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Lý do được lưu trong hồ sơ và in trong báo cáo thẩm định."),
    )

    def __init__(self, *args: Any, needs_override: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs_override:
            field = self.fields["override_reason"]
            field.required = True
            field.error_messages["required"] = _(
                "Đề nghị chưa đủ điều kiện hoặc thiếu giấy tờ: ghi rõ lý do để vẫn trình."
            )


class ReasonForm(Form):
    """A step that needs a written reason (withdraw, return, reject)."""

    reason = forms.CharField(
        label=_("Lý do"), max_length=REASON_MAX, widget=forms.Textarea(attrs=TEXTAREA)
    )

    def __init__(self, *args: Any, label: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        if label:
            field.label = label
        field.error_messages["required"] = _("Ghi lý do.")


class NoteForm(Form):
    note = forms.CharField(
        label=_("Ghi chú thẩm định"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DossierForm(Form):
    title = forms.CharField(
        label=_("Trích yếu"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Đề nghị tặng danh hiệu Lao động tiên tiến năm 2025."),
    )
    year = year_field()
    letter_number = forms.CharField(
        label=_("Số tờ trình"), max_length=20, required=False, help_text=_("Ví dụ: 12.")
    )
    letter_symbol = forms.CharField(
        label=_("Ký hiệu tờ trình"),
        max_length=40,
        required=False,
        help_text=_("Ví dụ: TTr-KTĐ."),
    )
    letter_date = forms.DateField(
        label=_("Ngày tờ trình"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Ngày không hợp lệ.")},
    )
    simplified = forms.BooleanField(
        label=_("Thủ tục đơn giản"),
        required=False,
        help_text=_(
            "Khen thưởng kịp thời, đột xuất: hồ sơ chỉ gồm tờ trình và tóm tắt thành tích (SIM-01)."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)


class ProposalsForm(Form):
    """Proposals chosen by checkbox (the dossier's assignment)."""

    proposals = LabelledMultipleChoiceField(
        label=_("Đề nghị"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Chọn ít nhất một đề nghị."),
            "invalid_choice": _("Đề nghị đã chọn không còn hợp lệ."),
            "invalid_pk_value": _("Đề nghị đã chọn không còn hợp lệ."),
        },
    )

    def __init__(
        self,
        *args: Any,
        proposals: QuerySet[Any],
        labels: dict[int, str],
        label: str | None = None,
        required: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        assert isinstance(field, LabelledMultipleChoiceField)
        field.queryset, field.labels, field.required = proposals, labels, required
        if label:
            field.label = label


BULK_RECEIVE, BULK_RETURN = "receive", "return"


class BulkForm(Form):
    """The inbox's bulk step on the ticked proposals (ids; the services check each)."""

    action = forms.ChoiceField(
        choices=[(BULK_RECEIVE, _("Tiếp nhận")), (BULK_RETURN, _("Trả lại"))],
        error_messages={"required": _("Chọn thao tác."), "invalid_choice": _("Chọn thao tác.")},
    )
    ids = forms.TypedMultipleChoiceField(
        coerce=int,
        choices=(),
        error_messages={
            "required": _("Chưa chọn đề nghị nào."),
            "invalid_choice": _("Đề nghị đã chọn không còn trong danh sách."),
        },
    )
    reason = forms.CharField(
        label=_("Lý do trả lại"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ids"].choices = [(str(i), str(i)) for i in ids]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("action") == BULK_RETURN and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Ghi lý do trả lại."))
        return data


class InboxFilterForm(Form):
    """The inbox's filters (GET); a bad value is ignored, not an error page."""

    trang_thai = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=())
    khoi = forms.TypedChoiceField(label=_("Khối thi đua"), required=False, coerce=int, choices=())
    hinh_thuc = forms.ChoiceField(label=_("Hình thức khen thưởng"), required=False, choices=())
    nam = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)
    qua_han = forms.BooleanField(label=_("Chỉ đề nghị quá hạn"), required=False)

    def __init__(self, *args: Any, blocs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        statuses = [(v, lbl) for v, lbl in ProposalStatus.choices if v != ProposalStatus.DRAFT]
        self.fields["trang_thai"].choices = [  # type: ignore[attr-defined]
            ("", _("Đang ở Ban")),
            *statuses,
        ]
        self.fields["khoi"].choices = [*everything, *blocs]  # type: ignore[attr-defined]
        self.fields["hinh_thuc"].choices = [*everything, *award_choices()]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        """The valid filters (an invalid one is dropped)."""
        if self.is_bound:
            self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("trang_thai") or None,
            "bloc": data.get("khoi") or None,
            "award_type": data.get("hinh_thuc") or None,
            "year": data.get("nam"),
            "overdue": bool(data.get("qua_han")),
        }
