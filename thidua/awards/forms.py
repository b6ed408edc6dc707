"""Forms of the rulebook pages, and the Vietnamese wording of the rulebook's parameters.

The forms only shape input (text to bool, int or a share as written); the services validate.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.awards import services
from thidua.awards.models import AwardBasis, InitiativeScope, Rating, RecordSource
from thidua.awards.rulebook import as_fraction, load_rulebook
from thidua.org.models import Bloc, Unit

PARAM_PREFIX = "p_"

PARAM_LABELS = {
    "share": gettext_lazy("tỷ lệ phiếu đồng ý"),
    "strict": gettext_lazy("phải vượt tỷ lệ"),
    "base": gettext_lazy("tỷ lệ tính trên"),
    "quorum_share": gettext_lazy("số thành viên tối thiểu có mặt"),
    "review_presence_share": gettext_lazy("số thành viên có mặt khi xét khen thưởng"),
    "seats_quota": gettext_lazy("số đơn vị tối đa mỗi khối"),
    "within": gettext_lazy("chọn trong số đơn vị được suy tôn"),
    "share_of_standard": gettext_lazy("tỷ lệ trên số tập thể đạt tiêu chuẩn"),
    "policy": gettext_lazy("cách xử lý khi bằng phiếu"),
    "female_share": gettext_lazy("tỷ lệ nữ được ưu tiên"),
    "max_choices": gettext_lazy("số tên tối đa trên một phiếu"),
    "absent_in_writing": gettext_lazy("thành viên vắng mặt cho ý kiến bằng văn bản"),
    "chair_votes": gettext_lazy("chủ tịch bỏ phiếu"),
    "secret": gettext_lazy("bỏ phiếu kín"),
    "term_years": gettext_lazy("nhiệm kỳ (năm)"),
    "max_consecutive_leader_years": gettext_lazy("số năm liền tối đa làm trưởng khối"),
    "deputy_succeeds": gettext_lazy("phó khối năm trước làm trưởng khối"),
    "blocs_per_unit": gettext_lazy("số khối, cụm của một đơn vị mỗi năm"),
    "leader_unit_eligible": gettext_lazy("đơn vị của trưởng khối được xét"),
    "tenure_reduction": gettext_lazy("tỷ lệ giảm thời gian giữ chức vụ"),
    "round_to_vnd": gettext_lazy("làm tròn lên bội số của (đồng)"),
}
PARAM_HELP = {
    "share": gettext_lazy("Viết như 1/2, 4/5, 9/10, 80% hoặc 0,8."),
    "strict": gettext_lazy("Có: phải hơn tỷ lệ (quá 1/2). Không: từ tỷ lệ trở lên (từ 80%)."),
    "quorum_share": gettext_lazy("Tỷ lệ trên tổng số thành viên, viết như 2/3 hoặc 80%."),
    "review_presence_share": gettext_lazy("Tỷ lệ trên tổng số thành viên, viết như 4/5."),
    "seats_quota": gettext_lazy("Số nguyên từ 1 trở lên."),
    "share_of_standard": gettext_lazy("Viết như 1/5 hoặc 20%."),
    "female_share": gettext_lazy("Viết như 7/10 hoặc 70%."),
    "max_choices": gettext_lazy("“seats”: bằng số lượng được bầu; hoặc một số nguyên."),
    "tenure_reduction": gettext_lazy("Viết như 1/3."),
}
BASE_LABELS = {
    "members": gettext_lazy("tổng số thành viên"),
    "cast": gettext_lazy("số phiếu thu vào"),
    "valid": gettext_lazy("số phiếu hợp lệ"),
}
POLICY_LABELS = {
    "runoff": gettext_lazy("bỏ phiếu lại giữa các đơn vị bằng phiếu"),
    "gen05": gettext_lazy("ưu tiên theo GEN-05, sau đó bỏ phiếu lại"),
}
UNSET = gettext_lazy("— không đặt (giữ mặc định) —")
YES_NO = [("true", gettext_lazy("Có")), ("false", gettext_lazy("Không"))]


# ── Wording ─────────────────────────────────────────────────────────────────────────────────


def _share_text(value: Any) -> str:
    try:
        return str(as_fraction(value))
    except ValueError:
        return str(value)


def _award_name(code: Any) -> str:
    try:
        return load_rulebook().award_type(str(code)).name
    except KeyError:
        return str(code)


def _yes_no(flag: Any, yes: str, no: str) -> str:
    return yes if flag else no


def describe_params(params: Mapping[str, Any]) -> list[str]:
    """The parameters in plain Vietnamese, one line per rule (share, strict and base together)."""
    lines: list[str] = []
    if "share" in params:
        values = {
            "share": _share_text(params["share"]),
            "base": BASE_LABELS.get(str(params.get("base", "members")), params.get("base")),
        }
        if "base" not in params:
            text = _("trên %(share)s") if params.get("strict", True) else _("từ %(share)s trở lên")
        elif params.get("strict", True):
            text = _("trên %(share)s %(base)s")
        else:
            text = _("từ %(share)s %(base)s trở lên")
        lines.append(text % values)
    else:
        if "strict" in params:
            lines.append(_yes_no(params["strict"], _("phải vượt tỷ lệ"), _("từ tỷ lệ trở lên")))
        if "base" in params:
            base = BASE_LABELS.get(str(params["base"]), params["base"])
            lines.append(_("tỷ lệ tính trên %(base)s") % {"base": base})
    for key, value in params.items():
        line = _describe_one(key, value)
        if line:
            lines.append(line)
    return lines


def _describe_one(key: str, value: Any) -> str:
    shown = {"value": value}
    if key in ("share", "strict", "base"):
        return ""
    if key == "quorum_share":
        return _("có mặt từ %(value)s tổng số thành viên trở lên") % {"value": _share_text(value)}
    if key == "review_presence_share":
        return _("phiên xét khen thưởng: có mặt từ %(value)s thành viên trở lên") % {
            "value": _share_text(value)
        }
    if key == "seats_quota":
        if value is None:
            return _("không giới hạn số đơn vị mỗi khối")
        return _("tối đa %(value)s đơn vị mỗi khối") % shown
    if key == "within":
        return _("chọn trong số đơn vị được suy tôn «%(award)s»") % {"award": _award_name(value)}
    if key == "share_of_standard":
        return _("không quá %(value)s số tập thể đạt tiêu chuẩn") % {"value": _share_text(value)}
    if key == "policy":
        label = POLICY_LABELS.get(str(value), value)
        return _("bằng phiếu: %(policy)s") % {"policy": label}
    if key == "female_share":
        return _("ưu tiên tập thể có tỷ lệ nữ từ %(value)s trở lên") % {"value": _share_text(value)}
    if key == "max_choices":
        if value == "seats":
            return _("mỗi phiếu ghi tối đa bằng số lượng được bầu")
        return _("mỗi phiếu ghi tối đa %(value)s tên") % shown
    if key == "term_years":
        return _("nhiệm kỳ %(value)s năm") % shown
    if key == "max_consecutive_leader_years":
        return _("làm trưởng khối không quá %(value)s năm liền") % shown
    if key == "blocs_per_unit":
        return _("mỗi năm một đơn vị thuộc %(value)s khối, cụm") % shown
    if key == "tenure_reduction":
        return _("thời gian giữ chức vụ được giảm %(value)s") % {"value": _share_text(value)}
    if key == "round_to_vnd":
        amount = f"{value:,}".replace(",", ".") if isinstance(value, int) else value
        return _("làm tròn lên bội số của %(value)s đồng") % {"value": amount}
    flags = {
        "absent_in_writing": (
            _("thành viên vắng mặt cho ý kiến bằng văn bản, được tính vào tổng số"),
            _("không tính ý kiến bằng văn bản của thành viên vắng mặt"),
        ),
        "chair_votes": (_("chủ tịch bỏ phiếu như thành viên khác"), _("chủ tịch không bỏ phiếu")),
        "secret": (_("bỏ phiếu kín"), _("bỏ phiếu công khai")),
        "deputy_succeeds": (
            _("phó khối năm trước làm trưởng khối năm sau"),
            _("không mặc nhiên để phó khối năm trước làm trưởng khối"),
        ),
        "leader_unit_eligible": (
            _("đơn vị của trưởng khối được xét như đơn vị khác"),
            _("đơn vị của trưởng khối không được đề nghị"),
        ),
    }
    if key in flags:
        return _yes_no(value, *flags[key])
    return f"{key} = {value}"


# ── Forms ───────────────────────────────────────────────────────────────────────────────────


def value_text(key: str, value: Any) -> str:
    """One parameter value as a person reads it (a label rather than a code)."""
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if key == "base":
        return str(BASE_LABELS.get(str(value), value))
    if key == "policy":
        return str(POLICY_LABELS.get(str(value), value))
    if key == "within":
        return _award_name(value)
    if value is None:
        return _("không giới hạn")
    if key == "max_choices" and value == "seats":
        return _("bằng số lượng được bầu")
    return str(value)


def _defaults_text(rule_id: str, key: str) -> str:
    """The rulebook's default values of a key across the rule's versions, for the help text."""
    values = []
    for version in load_rulebook().versions(rule_id):
        if key in version.params:
            value = version.params[key]
            shown = value_text(key, value)
            if shown not in values:
                values.append(shown)
    if not values:
        return _("Quy tắc không có giá trị mặc định cho tham số này.")
    return _("Mặc định: %(values)s.") % {"values": ", ".join(values)}


def _initial(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


class RuleSettingForm(forms.Form):
    """From year, one field per parameter the province may set for the rule, citation, note."""

    from_year = forms.IntegerField(
        label=gettext_lazy("áp dụng từ năm"),
        min_value=services.MIN_YEAR,
        max_value=services.MAX_YEAR,
        help_text=gettext_lazy("Giá trị áp dụng từ năm này cho đến khi có thiết lập mới hơn."),
    )
    citation = forms.CharField(
        label=gettext_lazy("văn bản của tỉnh"),
        max_length=services.CITATION_MAX,
        help_text=gettext_lazy("Số, ký hiệu và điều khoản, ví dụ: QĐ 86/2025/QĐ-UBND, Điều 3."),
    )
    note = forms.CharField(
        label=gettext_lazy("ghi chú"),
        required=False,
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self,
        *args: Any,
        rule_id: str,
        keys: Sequence[str],
        fixed_year: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rule_id = rule_id
        self.keys = tuple(keys)
        citation = self.fields.pop("citation")
        note = self.fields.pop("note")
        for key in self.keys:
            self.fields[PARAM_PREFIX + key] = self._param_field(key)
        self.fields["citation"] = citation
        self.fields["note"] = note
        if fixed_year:
            self.fields["from_year"].disabled = True
            self.fields["from_year"].help_text = _(
                "Muốn đổi năm áp dụng, hãy xoá thiết lập này và thêm thiết lập mới."
            )

    def _param_field(self, key: str) -> forms.Field:
        label = PARAM_LABELS.get(key, key)
        help_parts = [str(PARAM_HELP.get(key, "")), _defaults_text(self.rule_id, key)]
        if key in services.BOOL_KEYS:
            choices: list[tuple[str, Any]] = YES_NO
        elif key == "base":
            choices = list(BASE_LABELS.items())
        elif key == "policy":
            choices = list(POLICY_LABELS.items())
        elif key == "within":
            choices = [(a.code, a.name) for a in load_rulebook().award_types(bloc_vote=True)]
        else:
            return forms.CharField(
                label=label,
                required=False,
                max_length=services.VALUE_MAX,
                help_text=" ".join(p for p in help_parts if p),
            )
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", UNSET), *choices],
            help_text=" ".join(p for p in help_parts if p),
        )

    @staticmethod
    def initial_for(params: Mapping[str, Any]) -> dict[str, str]:
        return {PARAM_PREFIX + key: _initial(value) for key, value in params.items()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        params: dict[str, Any] = {}
        for key in self.keys:
            name = PARAM_PREFIX + key
            text = str(cleaned.get(name) or "").strip()
            if not text:
                continue
            try:
                params[key] = self._parse(key, text)
            except ValueError as exc:
                self.add_error(name, str(exc))
        cleaned["params"] = params
        return cleaned

    @staticmethod
    def _parse(key: str, text: str) -> Any:
        if key in services.BOOL_KEYS:
            return text == "true"
        if key in services.INT_KEYS or key in services.COUNT_KEYS:
            return _parse_int(text)
        if key == "max_choices":
            return "seats" if text.lower() == "seats" else _parse_int(text)
        return text  # shares as written ("4/5", "80%"), choices: the services check them

    def add_service_error(self, problems: Mapping[str, str]) -> None:
        """Messages of services.clean_params, shown under their parameter's field."""
        for key, message in problems.items():
            name = PARAM_PREFIX + key
            self.add_error(name if name in self.fields else None, message)


def _parse_int(text: str) -> int:
    compact = text.replace(".", "").replace(" ", "")
    if not compact.lstrip("-").isdigit() or len(compact) > 12:
        raise ValueError(_("Nhập một số nguyên, ví dụ 2; nhận “%(value)s”.") % {"value": text})
    return int(compact)


class ProvinceChoiceForm(forms.Form):
    """The rulebook page's selector: a province in the user's scope and the year to show."""

    province = forms.TypedChoiceField(
        label=gettext_lazy("tỉnh"), coerce=int, required=False, empty_value=None
    )
    year = forms.IntegerField(
        label=gettext_lazy("năm"),
        min_value=services.MIN_YEAR,
        max_value=services.MAX_YEAR,
        required=False,
    )

    def __init__(self, *args: Any, provinces: Sequence[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["province"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            ("", _("— chỉ xem bộ quy tắc —")),
            *[(p.pk, p.name) for p in provinces],
        ]


class RuleChoiceForm(forms.Form):
    """The board's shortcut to add a setting: pick the rule, then fill its parameters."""

    rule = forms.ChoiceField(label=gettext_lazy("quy tắc"))

    def __init__(self, *args: Any, rule_ids: Sequence[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rule"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = list(rule_ids)


# ── Registry of awards ──────────────────────────────────────────────────────────────────────

LEVEL_LABELS = {
    "unit": gettext_lazy("Cơ sở"),
    "province": gettext_lazy("Cấp tỉnh"),
    "national": gettext_lazy("Nhà nước"),
}
SUBJECT_LABELS = {
    "collective": gettext_lazy("Tập thể"),
    "individual": gettext_lazy("Cá nhân"),
}
ALL = gettext_lazy("Tất cả")
# Beyond this many units in scope the unit filter is a code box, not a list of every unit.
MAX_UNIT_CHOICES = 300


class UnitCodeField(forms.CharField):
    """A unit of `units` typed by its code (or given by id, as links pass it)."""

    def __init__(self, units: Any, **kwargs: Any) -> None:
        super().__init__(max_length=40, **kwargs)
        self.units = units
        self.widget.attrs.update({"placeholder": _("Mã đơn vị, ví dụ SNV"), "autocomplete": "off"})

    def clean(self, value: Any) -> Unit | None:
        code = super().clean(value).strip()
        if not code:
            return None
        found = self.units.filter(code__iexact=code).first()
        if found is None and code.isdigit():
            found = self.units.filter(pk=int(code)).first()
        if found is None:
            raise forms.ValidationError(
                _("Không có đơn vị mã “%(code)s”.") % {"code": code}, code="invalid_choice"
            )
        return found  # type: ignore[no-any-return]


def award_choices(*, subject: str | None = None) -> list[tuple[str, str]]:
    """The catalogue as choices, in its order; `subject` keeps collective or individual ones."""
    awards = sorted(load_rulebook().award_types(), key=lambda a: (a.order, a.code))
    return [(a.code, a.name) for a in awards if subject is None or a.subject == subject]


class RegistryFilterForm(forms.Form):
    """Filters of the registry list; invalid values are ignored, never an error page."""

    q = forms.CharField(label=gettext_lazy("tìm kiếm"), required=False, max_length=100)
    award_type = forms.ChoiceField(label=gettext_lazy("hình thức"), required=False)
    year = forms.IntegerField(
        label=gettext_lazy("năm"), required=False, min_value=1945, max_value=2100
    )
    subject_kind = forms.ChoiceField(
        label=gettext_lazy("đối tượng"),
        required=False,
        choices=[("", ALL), *SUBJECT_LABELS.items()],
    )
    level = forms.ChoiceField(
        label=gettext_lazy("cấp khen thưởng"),
        required=False,
        choices=[("", ALL), *LEVEL_LABELS.items()],
    )
    bloc = forms.ModelChoiceField(
        label=gettext_lazy("khối, cụm"),
        queryset=Bloc.objects.none(),
        required=False,
        empty_label=ALL,
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("đơn vị"), queryset=Unit.objects.none(), required=False, empty_label=ALL
    )
    include_revoked = forms.BooleanField(
        label=gettext_lazy("hiện cả bản ghi đã huỷ"), required=False
    )

    def __init__(self, *args: Any, blocs: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        award_field = self.fields["award_type"]
        assert isinstance(award_field, forms.ChoiceField)
        award_field.choices = [("", ALL), *award_choices()]
        self.fields["bloc"].queryset = blocs  # type: ignore[attr-defined]
        if units.count() > MAX_UNIT_CHOICES:
            self.fields["unit"] = UnitCodeField(
                units, label=gettext_lazy("mã đơn vị"), required=False
            )
        else:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["q"].widget.input_type = "search"  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update({"autocomplete": "off"})
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})

    def filters(self) -> dict[str, Any]:
        """The valid filters as registry_list keywords (an invalid field is dropped)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q") or None,
            "award_type": data.get("award_type") or None,
            "year": data.get("year"),
            "subject_kind": data.get("subject_kind") or None,
            "level": data.get("level") or None,
            "bloc": data.get("bloc"),
            "unit": data.get("unit"),
            "include_revoked": bool(data.get("include_revoked")),
        }


class AwardRecordForm(forms.Form):
    """A registry line. The subject is fixed by the page (a unit or a person), or chosen among
    the units the board keeps when the page has none. The services validate."""

    unit = forms.ModelChoiceField(
        label=gettext_lazy("tập thể (đơn vị)"), queryset=Unit.objects.none()
    )
    award_type = forms.ChoiceField(label=gettext_lazy("hình thức khen thưởng"))
    year = forms.IntegerField(
        label=gettext_lazy("năm"),
        min_value=1945,
        max_value=2100,
        help_text=gettext_lazy("Năm của thành tích được khen thưởng."),
    )
    basis = forms.ChoiceField(
        label=gettext_lazy("loại thành tích"),
        choices=AwardBasis.choices,
        help_text=gettext_lazy(
            "Khen thưởng theo chuyên đề và đột xuất không dùng làm căn cứ đề nghị khen thưởng "
            "theo công trạng (GEN-02)."
        ),
    )
    decision_number = forms.CharField(
        label=gettext_lazy("số quyết định"), required=False, max_length=60
    )
    decision_date = forms.DateField(
        label=gettext_lazy("ngày quyết định"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    issuer = forms.CharField(
        label=gettext_lazy("cơ quan, người quyết định"), required=False, max_length=255
    )
    source = forms.ChoiceField(label=gettext_lazy("nguồn"), choices=RecordSource.choices)
    note = forms.CharField(
        label=gettext_lazy("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_illustrative = forms.BooleanField(label=gettext_lazy("dữ liệu minh hoạ"), required=False)

    def __init__(self, *args: Any, subject: str, units: Any = None, **kwargs: Any) -> None:
        """`subject`: "collective" or "individual"; `units`: the choice of units, or None when
        the page fixed the subject."""
        super().__init__(*args, **kwargs)
        if units is None:
            del self.fields["unit"]
        else:
            self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        award_field = self.fields["award_type"]
        assert isinstance(award_field, forms.ChoiceField)
        award_field.choices = award_choices(subject=subject)
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})

    def values(self) -> dict[str, Any]:
        """The service's keywords (without the subject)."""
        data = self.cleaned_data
        keys = (
            "award_type",
            "year",
            "basis",
            "decision_number",
            "decision_date",
            "issuer",
            "source",
            "note",
            "is_illustrative",
        )
        return {key: data[key] for key in keys}


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("lý do huỷ"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "GEN-08: gian dối, hồ sơ không trung thực, thẩm định sai, hoặc phát hiện không đạt "
            "tiêu chuẩn. Ghi số, ngày văn bản huỷ nếu có."
        ),
    )


class AssessmentForm(forms.Form):
    """The year's facts of a unit or a person (GEN-09 rating, initiative, science, GEN-03)."""

    year = forms.IntegerField(label=gettext_lazy("năm"), min_value=1945, max_value=2100)
    rating = forms.ChoiceField(
        label=gettext_lazy("xếp loại"),
        required=False,
        choices=[("", gettext_lazy("— chưa có —")), *Rating.choices],
    )
    initiative_scope = forms.ChoiceField(
        label=gettext_lazy("sáng kiến được công nhận"),
        required=False,
        choices=[("", gettext_lazy("— không có —")), *InitiativeScope.choices],
    )
    science_accepted = forms.BooleanField(
        label=gettext_lazy("đề tài khoa học đã nghiệm thu"), required=False
    )
    disciplined = forms.BooleanField(
        label=gettext_lazy("bị kỷ luật từ khiển trách trở lên"), required=False
    )
    note = forms.CharField(
        label=gettext_lazy("ghi chú"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
