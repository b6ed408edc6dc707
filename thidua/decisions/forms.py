"""Forms of the council and decision pages. They only shape input; the services validate and
write (and answer in Vietnamese when they refuse)."""

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from thidua.core.forms import Form
from thidua.decisions.enums import CouncilRole
from thidua.dossiers.forms import LabelledMultipleChoiceField
from thidua.org.forms import DateInput

TEXTAREA = {"rows": 3}
APPROVE, DISAPPROVE, NOT_VOTED = "yes", "no", ""


class CouncilForm(Form):
    name = forms.CharField(
        label=_("Tên Hội đồng"),
        max_length=255,
        help_text=_("Ví dụ: Hội đồng Thi đua – Khen thưởng tỉnh Nam Định."),
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        name = obj.full_name or obj.username
        return f"{name} ({obj.username})"


class MemberForm(Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    title = forms.CharField(
        label=_("Chức vụ"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Chủ tịch UBND tỉnh; Giám đốc Sở Nội vụ."),
    )
    role = forms.ChoiceField(
        label=_("Vai trò trong Hội đồng"), choices=CouncilRole.choices, initial=CouncilRole.MEMBER
    )
    active_from = forms.DateField(label=_("Là thành viên từ ngày"), widget=DateInput())
    active_to = forms.DateField(
        label=_("Đến ngày"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Để trống khi còn là thành viên. Số phiếu cần đạt tính trên tổng số thành "
            "viên vào ngày họp."
        ),
    )
    user = UserChoiceField(
        label=_("Tài khoản"),
        queryset=None,
        required=False,
        empty_label=_("— không gắn tài khoản —"),
    )

    def __init__(self, *args: Any, users: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = users


class SessionForm(Form):
    date = forms.DateField(label=_("Ngày họp"), widget=DateInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)


class PresentForm(Form):
    members = LabelledMultipleChoiceField(
        label=_("Thành viên có mặt"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(
        self, *args: Any, members: QuerySet[Any], labels: dict[int, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, LabelledMultipleChoiceField)
        field.queryset, field.labels = members, labels


class ProposalsForm(Form):
    """Proposals to put before a session (VALID ones) or into a decision (APPROVED ones)."""

    proposals = LabelledMultipleChoiceField(
        label=_("Đề nghị"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một đề nghị.")},
    )

    def __init__(
        self,
        *args: Any,
        proposals: QuerySet[Any],
        labels: dict[int, str],
        label: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        assert isinstance(field, LabelledMultipleChoiceField)
        field.queryset, field.labels = proposals, labels
        if label:
            field.label = label


VOTE_CHOICES = [
    (APPROVE, pgettext_lazy("council vote", "Đồng ý")),
    (DISAPPROVE, pgettext_lazy("council vote", "Không đồng ý")),
    (NOT_VOTED, pgettext_lazy("council vote", "Chưa biểu quyết")),
]


class VoteRowForm(Form):
    """One member's line of the vote entry (prefixed by the member id). A member who already has
    a vote cannot go back to "not voted" (the service keeps keyed votes): the choice is hidden."""

    vote = forms.ChoiceField(
        label=_("Biểu quyết"),
        choices=VOTE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    in_writing = forms.BooleanField(label=_("Ý kiến bằng văn bản"), required=False)

    def __init__(self, *args: Any, has_vote: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if has_vote:
            field = self.fields["vote"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [c for c in VOTE_CHOICES if c[0] != NOT_VOTED]
            field.required = True
            field.error_messages["required"] = _(
                "Phiếu đã nhập chỉ sửa được thành đồng ý hoặc không đồng ý."
            )


class CloseForm(Form):
    override_reason = forms.CharField(
        label=_("Lý do vẫn kết thúc phiên họp"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs=TEXTAREA),
        help_text=_(
            "Chỉ cần khi quy tắc về số thành viên có mặt chỉ cảnh báo; lý do được ghi "
            "vào phiên họp."
        ),
    )

    def __init__(self, *args: Any, needs_reason: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if needs_reason:
            self.fields["override_reason"].required = True
            self.fields["override_reason"].error_messages["required"] = _(
                "Ghi lý do để kết thúc phiên họp khi chưa đạt khuyến nghị của quy tắc."
            )


class DecisionForm(ProposalsForm):
    number = forms.CharField(
        label=_("Số, ký hiệu"), max_length=60, help_text=_("Ví dụ: 123/QĐ-UBND.")
    )
    date = forms.DateField(label=_("Ngày ký"), widget=DateInput())
    signer_name = forms.CharField(label=_("Người ký"), max_length=120)
    signer_title = forms.CharField(
        label=_("Chức vụ người ký"),
        max_length=255,
        required=False,
        help_text=_("Ví dụ: Chủ tịch UBND tỉnh."),
    )
    authority = forms.CharField(
        label=_("Cấp quyết định"),
        max_length=255,
        required=False,
        help_text=_(
            "Để trống để lấy theo danh mục hình thức khen thưởng (ví dụ: Chủ tịch UBND "
            "tỉnh); bắt buộc khi các đề nghị thuộc nhiều cấp quyết định."
        ),
    )
    file = forms.FileField(
        label=_("Tệp quyết định (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        help_text=_("Bản quét hoặc bản điện tử của quyết định, định dạng PDF, tối đa 20 MB."),
    )
    note = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=4000, widget=forms.Textarea(attrs=TEXTAREA)
    )

    field_order: Sequence[str] = (
        "number",
        "date",
        "signer_name",
        "signer_title",
        "authority",
        "proposals",
        "file",
        "note",
    )
