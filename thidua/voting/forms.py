"""Forms of the year-end meeting pages. They only shape input; the services validate and write."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

from thidua.org.forms import DateInput, UnitChoiceField, UnitMultipleChoiceField
from thidua.org.models import Unit
from thidua.voting.enums import CommitteeRole, PollKind, TiePolicy

TEXTAREA = {"rows": 3}


class MeetingForm(forms.Form):
    title = forms.CharField(
        label=_("Tên hội nghị"),
        max_length=255,
        required=False,
        help_text=_("Để trống để dùng tên mặc định “Hội nghị tổng kết công tác thi đua năm …”."),
    )
    held_on = forms.DateField(label=_("Ngày họp"), widget=DateInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    place_name = forms.CharField(
        label=_("Địa danh ghi trên văn bản"),
        max_length=120,
        required=False,
        help_text=_("Dùng ở dòng “…, ngày … tháng … năm …” của biên bản, ví dụ: Nam Định."),
    )
    chair_name = forms.CharField(label=_("Người chủ trì"), max_length=160, required=False)
    chair_title = forms.CharField(label=_("Chức vụ người chủ trì"), max_length=255, required=False)
    secretary_name = forms.CharField(label=_("Thư ký hội nghị"), max_length=160, required=False)
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class MeetingEditForm(MeetingForm):
    """The meeting's details, and its actual start and end (recorded afterwards if need be)."""

    started_at = forms.DateTimeField(label=_("Bắt đầu lúc"), required=False, widget=DateTimeInput())
    ended_at = forms.DateTimeField(
        label=_("Kết thúc lúc"),
        required=False,
        widget=DateTimeInput(),
        help_text=_("Ghi vào biên bản kiểm phiếu khi hội nghị được nhập lại sau."),
    )


class AttendanceRowForm(forms.Form):
    """One member unit's line of the attendance checklist (prefixed by the unit id)."""

    present = forms.BooleanField(label=_("Có mặt"), required=False)
    delegate_name = forms.CharField(label=_("Đại biểu"), max_length=160, required=False)
    delegate_title = forms.CharField(label=_("Chức vụ đại biểu"), max_length=255, required=False)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.full_name or obj.username
        return f"{name} ({obj.username})"


class CommitteeForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=160)
    title = forms.CharField(label=_("Chức vụ, đơn vị"), max_length=255, required=False)
    role = forms.ChoiceField(
        label=pgettext_lazy("counting committee", "Nhiệm vụ"),
        choices=CommitteeRole.choices,
        initial=CommitteeRole.MEMBER,
    )
    user = UserChoiceField(
        label=_("Tài khoản nhập phiếu giấy"),
        queryset=None,
        required=False,
        empty_label=_("Không có (chỉ ghi tên)"),
        help_text=_("Thành viên có tài khoản mới nhập được phiếu giấy."),
    )

    def __init__(self, *args: Any, users: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users  # type: ignore[attr-defined]


class OverrideReasonMixin(forms.Form):
    """A reason for going past a warning of a rule tagged [U]; shown once the service asks."""

    override_reason = forms.CharField(
        label=_("Lý do vẫn tiếp tục"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Lý do được ghi lại cùng cảnh báo trong biên bản và lịch sử."),
    )

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.needs_reason = needs_reason
        if not needs_reason:
            self.fields["override_reason"].widget = forms.HiddenInput()


ENTRIES_CHOICES = [
    (1, _("1 lần (một người nhập)")),
    (2, _("2 lần (hai người nhập độc lập)")),
    (3, _("3 lần (ba người nhập độc lập)")),
]


class PollForm(OverrideReasonMixin):
    kind = forms.ChoiceField(label=_("Nội dung bỏ phiếu"), choices=PollKind.choices)
    award_type = forms.ChoiceField(
        label=_("Hình thức khen thưởng"),
        required=False,
        help_text=_("Bắt buộc khi bình xét, suy tôn."),
    )
    seats = forms.IntegerField(
        label=_("Số lượng được bầu"),
        min_value=1,
        max_value=99,
        initial=1,
        help_text=_("Mỗi phiếu được chọn tối đa chừng này đơn vị."),
    )
    title = forms.CharField(
        label=_("Tiêu đề"),
        max_length=255,
        required=False,
        help_text=_("Để trống để dùng tiêu đề theo nội dung bỏ phiếu."),
    )
    allow_online = forms.BooleanField(label=_("Bỏ phiếu trực tuyến"), required=False, initial=True)
    allow_paper = forms.BooleanField(label=_("Bỏ phiếu giấy"), required=False, initial=True)
    entries_required = forms.TypedChoiceField(
        label=_("Số lần nhập mỗi phiếu giấy"),
        choices=ENTRIES_CHOICES,
        coerce=int,
        initial=2,
        help_text=_(
            "Nhập hai lần độc lập giúp phát hiện nhập nhầm; chỉ lưu phiếu khi các lần khớp."
        ),
    )
    tie_policy = forms.ChoiceField(
        label=_("Khi bằng phiếu"),
        required=False,
        choices=[("", _("Theo quy tắc đang áp dụng")), *TiePolicy.choices],
    )

    field_order = [
        "kind",
        "award_type",
        "seats",
        "title",
        "allow_online",
        "allow_paper",
        "entries_required",
        "tie_policy",
        "override_reason",
    ]

    def __init__(self, *args: Any, awards: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["award_type"].choices = [("", "—"), *awards]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == PollKind.NOMINATION and not data.get("award_type"):
            self.add_error("award_type", _("Hãy chọn hình thức khen thưởng được bình xét."))
        if data.get("kind") in (PollKind.LEADER, PollKind.DEPUTY):
            data["award_type"] = ""
        if not data.get("allow_online") and not data.get("allow_paper"):
            raise forms.ValidationError(_("Hãy cho phép ít nhất một hình thức bỏ phiếu."))
        return data


class PollEditForm(OverrideReasonMixin):
    """The settings of a draft poll (kind and award type are fixed once created)."""

    title = PollForm.base_fields["title"]
    seats = PollForm.base_fields["seats"]
    allow_online = PollForm.base_fields["allow_online"]
    allow_paper = PollForm.base_fields["allow_paper"]
    entries_required = PollForm.base_fields["entries_required"]
    tie_policy = forms.ChoiceField(label=_("Khi bằng phiếu"), choices=TiePolicy.choices)

    field_order = [
        "title",
        "seats",
        "allow_online",
        "allow_paper",
        "entries_required",
        "tie_policy",
        "override_reason",
    ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("allow_online") and not data.get("allow_paper"):
            raise forms.ValidationError(_("Hãy cho phép ít nhất một hình thức bỏ phiếu."))
        return data


class PollOpenForm(OverrideReasonMixin):
    pass


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do"), max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    )


class CandidateAddForm(forms.Form):
    unit = UnitChoiceField(label=_("Thêm đơn vị vào danh sách"), queryset=Unit.objects.none())

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


def _candidate_choices(candidates: Sequence[Any]) -> list[tuple[str, str]]:
    return [(str(c.pk), c.unit.name) for c in candidates]


class BallotForm(forms.Form):
    """An online ballot: the selectable candidates, at most `max_choices` of them."""

    choices = forms.MultipleChoiceField(
        label=_("Đơn vị được chọn"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args: Any, candidates: Sequence[Any], max_choices: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_choices = max_choices
        self.fields["choices"].choices = _candidate_choices(candidates)  # type: ignore[attr-defined]

    def clean_choices(self) -> list[int]:
        chosen = [int(value) for value in self.cleaned_data["choices"]]
        if len(chosen) > self.max_choices:
            raise forms.ValidationError(
                ngettext_lazy(
                    "Chỉ được chọn tối đa %(n)d đơn vị.",
                    "Chỉ được chọn tối đa %(n)d đơn vị.",
                    "n",
                )
                % {"n": self.max_choices}
            )
        return chosen


class PaperChoicesForm(forms.Form):
    """What one paper ballot shows, as keyed; any number of marks (too many makes it invalid)."""

    choices = forms.MultipleChoiceField(
        label=_("Đơn vị được đánh dấu trên phiếu"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    marked_spoiled = forms.BooleanField(
        label=_("Phiếu không hợp lệ"),
        required=False,
        help_text=_("Phiếu không có dấu, bị rách, viết thêm nội dung…"),
    )

    def __init__(self, *args: Any, candidates: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choices"].choices = _candidate_choices(candidates)  # type: ignore[attr-defined]

    def clean_choices(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["choices"]]


class PaperKeyForm(PaperChoicesForm):
    number = forms.IntegerField(
        label=pgettext_lazy("paper sheet number", "Số phiếu"), min_value=1, max_value=9999
    )

    field_order = ["number", "choices", "marked_spoiled"]


class PaperResolveForm(PaperChoicesForm):
    note = forms.CharField(
        label=_("Ghi chú xử lý"),
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_("Ví dụ: đã đối chiếu với phiếu gốc cùng ban kiểm phiếu."),
    )


class PaperIssueForm(forms.Form):
    units = UnitMultipleChoiceField(
        label=_("Đơn vị có mặt nhận phiếu giấy"),
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units  # type: ignore[attr-defined]


class ReceiptSearchForm(forms.Form):
    ma = forms.CharField(label=_("Mã phiếu của bạn"), max_length=20, required=False)
