"""The legal rulebook as data (rulebook.toml), read by pure functions.

CONTRACT (implemented by the rulebook helper; signatures are fixed, other modules rely on them).

Each rule has an id from domain-rules.md (VOT-03, BLK-09, …), a citation, a confidence tag
(C confirmed, R recalled, U uncertain), effective dates and default parameters. A province may
override a rule's parameters from a year on (awards.RuleSetting → `Override`). Rules tagged U are
never binding on their own: checks against them warn; a province's own value binds.

The parameter keys are documented at the top of rulebook.toml. Messages are Vietnamese (ADR
0001) and not wrapped in gettext: this module is importable without Django settings.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal, cast

Confidence = Literal["C", "R", "U"]


@dataclass(frozen=True)
class Rule:
    id: str
    title: str  # Vietnamese, one line
    citation: str  # e.g. "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7"
    confidence: Confidence
    effective_from: datetime.date | None
    effective_to: datetime.date | None  # inclusive; None = still in force
    params: Mapping[str, Any] = field(default_factory=dict)
    applies_to: tuple[str, ...] = ()  # award type codes
    note: str = ""
    # "rulebook" for the national default, "province" when a RuleSetting supplied the params.
    source: Literal["rulebook", "province"] = "rulebook"
    province_citation: str = ""

    @property
    def binding(self) -> bool:
        """A rule blocks when confirmed or recalled, or when the province set it; U only warns."""
        return self.source == "province" or self.confidence != "U"

    def in_force_on(self, day: datetime.date) -> bool:
        starts = self.effective_from is None or self.effective_from <= day
        return starts and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class AwardType:
    code: str  # e.g. "co_thi_dua_chinh_phu"
    name: str  # "Cờ thi đua của Chính phủ"
    category: Literal["title", "commendation"]
    subject: Literal["collective", "individual"]
    level: Literal["unit", "province", "national"]
    decided_by: str  # "Thủ tướng Chính phủ"
    rule_ids: tuple[str, ...] = ()
    bloc_vote: bool = False  # proposed by a bloc's nomination poll
    order: int = 0
    # The rule giving the seats quota per bloc ("" = DEFAULT_QUOTA_RULE, no quota by default).
    quota_rule: str = ""
    note: str = ""
    # Cash award as a multiple of the base salary (domain-rules §1.6, NĐ 152/2025/NĐ-CP Điều
    # 50–54), written as a decimal string ("4.5"); None where the catalogue holds no amount.
    cash_multiple: str | None = None
    cash_confidence: Confidence | None = None  # "R" where §1.6 only recalls the amount
    cash_citation: str = ""
    short_name: str = ""  # used in eligibility reasons ("CSTĐ cơ sở"); "" = name


@dataclass(frozen=True)
class DocumentRequirement:
    """One component of a dossier: its kind (DOCUMENT_KINDS), whether it is always required
    (False: only in the cases the rule's note names), and the rule that asks for it."""

    kind: str
    name: str  # Vietnamese, DOCUMENT_KINDS[kind]
    required: bool
    rule_id: str
    citation: str
    confidence: Confidence


@dataclass(frozen=True)
class Override:
    rule_id: str
    params: Mapping[str, Any]
    from_year: int
    citation: str = ""


@dataclass(frozen=True)
class PollRules:
    """The rules in force for one poll, resolved from the rulebook and the province's settings."""

    threshold_share: Fraction
    threshold_strict: bool  # True: more than the share; False: at least the share (ceil)
    threshold_base: Literal["members", "cast", "valid"]
    quorum_share: Fraction
    tie_policy: Literal["runoff", "gen05"]
    seats_quota: int | None  # max seats per bloc for the award type; None = no quota
    # Which rule gave each value: {"threshold": "VOT-13", "quorum": "VOT-05", "seats": "BLK-09",
    # "tie": "VOT-11", "max_choices": "BAL-01"}
    rule_ids: Mapping[str, str]
    rules: Mapping[str, Rule]  # the same keys, the resolved Rule objects (citation, binding)
    # Award type whose seats in the same meeting cap this poll's seats (Cờ CP within Cờ tỉnh,
    # BLK-10), and the rule saying so.
    seats_within: str = ""
    within_rule: Rule | None = None


@dataclass(frozen=True)
class Finding:
    """A rule's objection to a setup: blocking, or a warning the user may pass with a reason."""

    rule_id: str
    citation: str
    message: str  # Vietnamese, names the rule id
    blocking: bool
    code: str  # machine code, e.g. "quota_exceeded", "quorum_not_met"


RULEBOOK_PATH = Path(__file__).with_name("rulebook.toml")

# Rule ids the voting engine resolves (see rulebook.toml for each rule's citation and note).
NOMINATION_THRESHOLD_RULE = "VOT-13"
ELECTION_RULE = "BLK-04"
BLOC_QUORUM_RULE = "VOT-05B"
TIE_RULE = "VOT-11"
BALLOT_RULE = "BAL-01"
DEFAULT_QUOTA_RULE = "BLK-Q"

_RULE_KEYS = {
    "id",
    "title",
    "citation",
    "confidence",
    "effective_from",
    "effective_to",
    "params",
    "applies_to",
    "note",
}
_AWARD_KEYS = {
    "code",
    "name",
    "category",
    "subject",
    "level",
    "decided_by",
    "rule_ids",
    "bloc_vote",
    "order",
    "quota_rule",
    "note",
    "cash_multiple",
    "cash_confidence",
    "cash_citation",
    "short_name",
}
_CHOICES: dict[str, tuple[str, ...]] = {
    "confidence": ("C", "R", "U"),
    "category": ("title", "commendation"),
    "subject": ("collective", "individual"),
    "level": ("unit", "province", "national"),
}
_SHARE_KEYS = (
    "share",
    "female_share",
    "tenure_reduction",
    "share_of_standard",
    "ldtt_share",
    "share_of_ldtt",
)
# Eligibility parameters (IND-*, COL-*, FRM-*), documented in rulebook.toml.
_BOOL_KEYS = (
    "htxs_suffices",
    "alternative_cstdcs",
    "all_completed",
    "no_member_disciplined",
    "prerequisite_year_counts",
    "rating_suffices",
)
_POSITIVE_KEYS = ("consecutive", "window_years", "htxs_years", "min_movement_years")
_COUNT_KEYS = (
    "min_cstdcs",
    "min_htxs",
    "min_initiatives",
    "min_ttldxs",
    "min_flags",
    "min_member_cstdcs",
    "max_years_after",
)
RATINGS = ("htxs", "htt", "ht", "kht")  # best first
INITIATIVE_SCOPES = ("grassroots", "province", "national")
_CODE_KEYS = ("chain_award", "prerequisite")
# Dossier components (DOS-*, SIM-01): the fixed vocabulary of document kinds, kind → name.
DOCUMENT_KINDS: dict[str, str] = {
    "to_trinh": "Tờ trình",
    "bien_ban_binh_xet": "Biên bản họp bình xét, có kết quả bỏ phiếu",
    "bien_ban_kiem_phieu": "Biên bản kiểm phiếu",
    "bao_cao_thanh_tich": "Báo cáo thành tích",
    "xac_nhan_sang_kien": "Xác nhận sáng kiến / đề tài khoa học",
    "xac_nhan_htxs": "Xác nhận hoàn thành xuất sắc nhiệm vụ",
    "tom_tat_thanh_tich": "Tóm tắt thành tích",
    "tep_dien_tu": "Tệp điện tử Word và PDF",
    "khac": "Tài liệu khác",
}
_DOCUMENT_KEYS = ("documents", "optional")
# Workflow steps a time limit (TML-*) is for, step → Vietnamese name.
TIME_LIMIT_STEPS: dict[str, str] = {
    "appraisal": "Thẩm định hồ sơ cấp tỉnh",
    "return": "Trả lại hồ sơ chưa đủ, không đủ điều kiện",
    "central_appraisal": "Bộ Nội vụ thẩm định, trình Thủ tướng Chính phủ",
    "after_consultation": "Trình sau khi nhận đủ ý kiến cơ quan liên quan",
    "forward": "Chuyển quyết định, hiện vật khen thưởng",
    "commune_appraisal": "Thẩm định hồ sơ Chiến sĩ thi đua cơ sở ở cấp xã",
}
DOSSIER_RULE_PREFIX = "DOS-"
TIME_LIMIT_RULE_PREFIX = "TML-"
SIMPLIFIED_DOSSIER_RULE = "SIM-01"
_BASES = ("members", "cast", "valid")
_POLICIES = ("runoff", "gen05")
_BASE_LABELS = {
    "members": "tổng số thành viên",
    "cast": "số phiếu thu vào",
    "valid": "số phiếu hợp lệ",
}
# The kind of every parameter key (for forms and settings): "share" (0, 1], "presence" [0, 1],
# "bool", "int" (≥ 1), "count" (≥ 0), "choice" (PARAM_CHOICES), "code" (award type code, for
# `prerequisite` also a list or a table by award code), "max_choices" ("seats" or an int),
# "documents" (document kinds of DOCUMENT_KINDS: a list, or one string separated by commas).
PARAM_KINDS: Mapping[str, str] = {
    **dict.fromkeys(_SHARE_KEYS, "share"),
    "quorum_share": "presence",
    "review_presence_share": "presence",
    **dict.fromkeys(
        ("strict", "absent_in_writing", "chair_votes", "secret", "deputy_succeeds"), "bool"
    ),
    "leader_unit_eligible": "bool",
    **dict.fromkeys(_BOOL_KEYS, "bool"),
    **dict.fromkeys(
        ("seats_quota", "term_years", "max_consecutive_leader_years", "blocs_per_unit"), "int"
    ),
    "round_to_vnd": "int",
    **dict.fromkeys(_POSITIVE_KEYS, "int"),
    **dict.fromkeys(_COUNT_KEYS, "count"),
    "base": "choice",
    "policy": "choice",
    "min_rating": "choice",
    "initiative_scope": "choice",
    "within": "code",
    **dict.fromkeys(_CODE_KEYS, "code"),
    "max_choices": "max_choices",
    **dict.fromkeys(_DOCUMENT_KEYS, "documents"),
    "working_days": "int",
    "step": "choice",
}
PARAM_CHOICES: Mapping[str, tuple[str, ...]] = {
    "base": _BASES,
    "policy": _POLICIES,
    "min_rating": RATINGS[:3],
    "initiative_scope": INITIATIVE_SCOPES,
    "step": tuple(TIME_LIMIT_STEPS),
}


class Rulebook:
    """Loaded rulebook: rule versions by id and the award catalogue."""

    def __init__(self, rules: Sequence[Rule], award_types: Sequence[AwardType]) -> None:
        versions: dict[str, list[Rule]] = {}
        for rule in rules:
            versions.setdefault(rule.id, []).append(rule)
        self._versions = {
            rule_id: tuple(sorted(items, key=_start)) for rule_id, items in versions.items()
        }
        self._award_types = {a.code: a for a in sorted(award_types, key=lambda a: a.order)}

    def rule(self, rule_id: str, *, year: int, overrides: Sequence[Override] = ()) -> Rule:
        """The version of `rule_id` in force on 31/12 of `year`, with the province's overrides."""
        day = datetime.date(year, 12, 31)
        in_force = [r for r in self.versions(rule_id) if r.in_force_on(day)]
        if not in_force:
            raise KeyError(f"{rule_id}: không có phiên bản có hiệu lực ngày 31/12/{year}")
        rule = in_force[-1]
        chosen = [o for o in overrides if o.rule_id == rule_id and o.from_year <= year]
        if not chosen:
            return rule
        latest = max(chosen, key=lambda o: o.from_year)
        return dataclasses.replace(
            rule,
            params={**rule.params, **latest.params},
            source="province",
            province_citation=latest.citation,
        )

    def versions(self, rule_id: str) -> tuple[Rule, ...]:
        """Every version of a rule, oldest first. KeyError when unknown."""
        try:
            return tuple(_copy(rule) for rule in self._versions[rule_id])
        except KeyError:
            raise KeyError(f"{rule_id}: không có trong bộ quy tắc") from None

    def rules(self) -> list[Rule]:
        return [rule for rule_id in sorted(self._versions) for rule in self.versions(rule_id)]

    def award_type(self, code: str) -> AwardType:
        """KeyError when unknown."""
        try:
            return self._award_types[code]
        except KeyError:
            raise KeyError(f"{code}: không có trong danh mục hình thức khen thưởng") from None

    def award_types(self, *, bloc_vote: bool | None = None) -> list[AwardType]:
        return [
            a for a in self._award_types.values() if bloc_vote is None or a.bloc_vote == bloc_vote
        ]

    def _in_force(
        self, prefix: str, year: int, overrides: Sequence[Override]
    ) -> list[tuple[Rule, Rule]]:
        """(rulebook version, version with the province's overrides, checked) of every rule whose
        id starts with `prefix` and that has a version in force on 31/12 of `year`."""
        found = []
        for rule_id in sorted(self._versions):
            if not rule_id.startswith(prefix):
                continue
            try:
                own = self.rule(rule_id, year=year)
            except KeyError:
                continue
            found.append((own, _checked(self.rule(rule_id, year=year, overrides=overrides))))
        return found

    def dossier_requirements(
        self,
        award_code: str,
        year: int,
        *,
        simplified: bool = False,
        overrides: Sequence[Override] = (),
    ) -> list[DocumentRequirement]:
        """The components of a dossier proposing `award_code` in `year` (rules in force on 31/12).

        Every DOS-* rule applying to the award is merged by document kind: a required document
        beats an optional one, then the rule naming fewer award types (the most specific) gives
        the citation. `simplified`: the list of SIM-01 (Law Art. 85), for commendation forms
        only. In the order of DOCUMENT_KINDS. An empty list: the rulebook holds no dossier rule
        for that award and year (a person checks against the texts). KeyError for an unknown
        award code; ValueError when a province's override is invalid, or `simplified` is asked
        for an emulation title or for a year before SIM-01.
        """
        award = self.award_type(award_code)
        if simplified:
            try:
                sim = self.rule(SIMPLIFIED_DOSSIER_RULE, year=year, overrides=overrides)
            except KeyError:
                raise ValueError(
                    f"{SIMPLIFIED_DOSSIER_RULE}: không có thủ tục đơn giản trong năm {year}"
                ) from None
            if award.code not in sim.applies_to:
                raise ValueError(
                    f"«{award.name}» không khen thưởng theo thủ tục đơn giản "
                    f"({SIMPLIFIED_DOSSIER_RULE}: {sim.citation})"
                )
            return _requirements([_checked(sim)])
        rules = [
            rule
            for own, rule in self._in_force(DOSSIER_RULE_PREFIX, year, overrides)
            if award.code in own.applies_to
        ]
        return _requirements(rules)

    def time_limit(
        self, step: str, year: int, overrides: Sequence[Override] = ()
    ) -> tuple[int, Rule] | None:
        """(working days, deciding rule) of a workflow step in `year`, with the province's
        `working_days`; None when no TML-* rule for the step is in force. The step of a rule is
        the rulebook's (a province's value of `step` is ignored)."""
        for own, rule in self._in_force(TIME_LIMIT_RULE_PREFIX, year, overrides):
            if own.params.get("step") == step:
                return int(rule.params["working_days"]), rule
        return None


def _requirements(rules: Sequence[Rule]) -> list[DocumentRequirement]:
    """The documents of `rules`, one per kind (required first, then the most specific rule)."""
    best: dict[str, tuple[tuple[int, int, str], DocumentRequirement]] = {}
    for rule in rules:
        optional = set(document_kinds(rule.params.get("optional", ())) or ())
        for kind in document_kinds(rule.params.get("documents", ())) or ():
            required = kind not in optional
            rank = (0 if required else 1, len(rule.applies_to) or 10**6, rule.id)
            item = DocumentRequirement(
                kind=kind,
                name=DOCUMENT_KINDS[kind],
                required=required,
                rule_id=rule.id,
                citation=rule.citation,
                confidence=rule.confidence,
            )
            if kind not in best or rank < best[kind][0]:
                best[kind] = (rank, item)
    return [best[kind][1] for kind in DOCUMENT_KINDS if kind in best]


def _start(rule: Rule) -> datetime.date:
    return rule.effective_from or datetime.date.min


def _copy(rule: Rule) -> Rule:
    # The cached rulebook hands out copies: a caller editing params never changes the data.
    return dataclasses.replace(rule, params=dict(rule.params))


@functools.lru_cache(maxsize=1)
def load_rulebook() -> Rulebook:
    """The rulebook of thidua/awards/rulebook.toml (parsed once, cached)."""
    return parse_rulebook(RULEBOOK_PATH.read_text(encoding="utf-8"))


def parse_rulebook(text: str) -> Rulebook:
    """A Rulebook from TOML text; ValueError naming the faulty entry when the data is wrong."""
    data = tomllib.loads(text)
    rules = [_parse_rule(raw) for raw in data.get("rule", [])]
    award_types = [_parse_award_type(raw) for raw in data.get("award_type", [])]
    book = Rulebook(rules, award_types)
    _check_book(book)
    return book


def _parse_rule(raw: Mapping[str, Any]) -> Rule:
    label = raw.get("id", "?")
    _check_keys(raw, _RULE_KEYS, {"id", "title", "citation", "confidence", "effective_from"}, label)
    _check_choice(raw, "confidence", label)
    for key in ("effective_from", "effective_to"):
        if key in raw and not isinstance(raw[key], datetime.date):
            raise ValueError(f"{label}: {key} phải là ngày (YYYY-MM-DD)")
    params = dict(raw.get("params", {}))
    errors = params_errors(params)
    if errors:
        raise ValueError(f"{label}: " + "; ".join(errors))
    return Rule(
        id=raw["id"],
        title=raw["title"],
        citation=raw["citation"],
        confidence=raw["confidence"],
        effective_from=raw["effective_from"],
        effective_to=raw.get("effective_to"),
        params=params,
        applies_to=tuple(raw.get("applies_to", ())),
        note=raw.get("note", ""),
    )


def _parse_award_type(raw: Mapping[str, Any]) -> AwardType:
    label = raw.get("code", "?")
    required = {"code", "name", "category", "subject", "level", "decided_by", "order"}
    _check_keys(raw, _AWARD_KEYS, required, label)
    for key in ("category", "subject", "level"):
        _check_choice(raw, key, label)
    return AwardType(
        code=raw["code"],
        name=raw["name"],
        category=raw["category"],
        subject=raw["subject"],
        level=raw["level"],
        decided_by=raw["decided_by"],
        rule_ids=tuple(raw.get("rule_ids", ())),
        bloc_vote=bool(raw.get("bloc_vote", False)),
        order=int(raw["order"]),
        quota_rule=raw.get("quota_rule", ""),
        note=raw.get("note", ""),
        cash_multiple=_cash_multiple(raw, label),
        cash_confidence=_cash_confidence(raw, label),
        cash_citation=raw.get("cash_citation", ""),
        short_name=raw.get("short_name", ""),
    )


def _cash_multiple(raw: Mapping[str, Any], label: str) -> str | None:
    value = raw.get("cash_multiple")
    if value is None:
        return None
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except ArithmeticError:
        number = None
    if number is None or not number.is_finite() or number <= 0:
        raise ValueError(
            f'{label}: cash_multiple phải là số thập phân dương viết dạng chuỗi ("4.5")'
        )
    return value


def _cash_confidence(raw: Mapping[str, Any], label: str) -> Confidence | None:
    if "cash_confidence" not in raw:
        return "C" if raw.get("cash_multiple") is not None else None
    value = raw["cash_confidence"]
    if value not in _CHOICES["confidence"]:
        raise ValueError(f"{label}: cash_confidence phải là một trong {_CHOICES['confidence']}")
    return cast(Confidence, value)


def _check_keys(raw: Mapping[str, Any], allowed: set[str], required: set[str], label: str) -> None:
    unknown = set(raw) - allowed
    missing = required - set(raw)
    if unknown or missing:
        raise ValueError(f"{label}: khóa lạ {sorted(unknown)}, thiếu {sorted(missing)}")


def _check_choice(raw: Mapping[str, Any], key: str, label: str) -> None:
    if raw.get(key) not in _CHOICES[key]:
        raise ValueError(f"{label}: {key} phải là một trong {_CHOICES[key]}")


def _check_book(book: Rulebook) -> None:
    """Versions of one rule must not overlap; references must point at known rules and awards."""
    known_rules = {r.id for r in book.rules()}
    codes = {a.code for a in book.award_types()}
    for rule in book.rules():
        if rule.effective_to is not None and _start(rule) > rule.effective_to:
            raise ValueError(f"{rule.id}: effective_to trước effective_from")
        if set(rule.applies_to) - codes:
            raise ValueError(f"{rule.id}: applies_to lạ {sorted(set(rule.applies_to) - codes)}")
        within = rule.params.get("within")
        if within is not None and within not in codes:
            raise ValueError(f"{rule.id}: within lạ {within}")
        unknown = param_codes(rule.params) - codes
        if unknown:
            raise ValueError(f"{rule.id}: mã hình thức lạ {sorted(unknown)}")
    for rule_id in known_rules:
        versions = book.versions(rule_id)
        for older, newer in zip(versions, versions[1:], strict=False):
            if older.effective_to is None or older.effective_to >= _start(newer):
                raise ValueError(f"{rule_id}: các phiên bản chồng lên nhau")
    _check_dossier_rules(book)
    for award in book.award_types():
        refs = set(award.rule_ids) | ({award.quota_rule} if award.quota_rule else set())
        if refs - known_rules:
            raise ValueError(f"{award.code}: quy tắc lạ {sorted(refs - known_rules)}")


def _check_dossier_rules(book: Rulebook) -> None:
    """DOS-* and SIM-01 list documents; TML-* name a step and a limit, one rule per step a day."""
    steps: dict[str, list[Rule]] = {}
    for rule in book.rules():
        if rule.id.startswith(DOSSIER_RULE_PREFIX) or rule.id == SIMPLIFIED_DOSSIER_RULE:
            if "documents" not in rule.params:
                raise ValueError(f"{rule.id}: thiếu documents")
            extra = set(document_kinds(rule.params.get("optional", ())) or ()) - set(
                document_kinds(rule.params["documents"]) or ()
            )
            if extra:
                raise ValueError(f"{rule.id}: optional ngoài documents {sorted(extra)}")
        if rule.id.startswith(TIME_LIMIT_RULE_PREFIX):
            if "step" not in rule.params or "working_days" not in rule.params:
                raise ValueError(f"{rule.id}: thiếu step hoặc working_days")
            steps.setdefault(str(rule.params["step"]), []).append(rule)
    for step, rules in steps.items():
        for i, first in enumerate(rules):
            for second in rules[i + 1 :]:
                if first.id != second.id and _overlap(first, second):
                    raise ValueError(f"{first.id}, {second.id}: cùng bước {step} cùng thời gian")


def _overlap(first: Rule, second: Rule) -> bool:
    first_end = first.effective_to or datetime.date.max
    second_end = second.effective_to or datetime.date.max
    return _start(first) <= second_end and _start(second) <= first_end


# ── Parameters ───────────────────────────────────────────────────────────────────────────────


def as_fraction(value: Any) -> Fraction:
    """A share as written: "4/5", "0.8", "80%", "0,8", 0.8 (read as its decimal text), 4/5."""
    if isinstance(value, bool):
        raise ValueError(f"không phải tỷ lệ: {value!r}")
    if isinstance(value, Fraction | int | Decimal):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        text = value.strip().replace(",", ".")
        percent = text.endswith("%")
        try:
            number = Fraction(text.removesuffix("%").strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"không phải tỷ lệ: {value!r}") from None
        return number / 100 if percent else number
    raise ValueError(f"không phải tỷ lệ: {value!r}")


def params_errors(params: Mapping[str, Any]) -> list[str]:
    """Errors in the values of the known keys (for the rulebook data and a province's setting)."""
    errors: list[str] = []
    for key in _SHARE_KEYS:
        if key in params:
            errors += _share_error(key, params[key], low_open=True)
    for key in ("quorum_share", "review_presence_share"):
        if key in params:
            errors += _share_error(key, params[key], low_open=False)
    if "strict" in params and not isinstance(params["strict"], bool):
        errors.append("strict phải là true hoặc false")
    if "base" in params and params["base"] not in _BASES:
        errors.append(f"base phải là một trong {_BASES}")
    if "policy" in params and params["policy"] not in _POLICIES:
        errors.append(f"policy phải là một trong {_POLICIES}")
    quota = params.get("seats_quota")
    if quota is not None and not _positive_int(quota):
        errors.append("seats_quota phải là số nguyên từ 1 trở lên (hoặc null: không hạn mức)")
    choices = params.get("max_choices", "seats")
    if choices != "seats" and not _positive_int(choices):
        errors.append('max_choices phải là "seats" hoặc số nguyên từ 1 trở lên')
    return errors + _eligibility_params_errors(params)


def _eligibility_params_errors(params: Mapping[str, Any]) -> list[str]:
    errors = [f"{key} phải là true hoặc false" for key in _BOOL_KEYS if _not_bool(params, key)]
    for key in _POSITIVE_KEYS:
        if key in params and not _positive_int(params[key]):
            errors.append(f"{key} phải là số nguyên từ 1 trở lên")
    for key in _COUNT_KEYS:
        if key in params and not _count(params[key]):
            errors.append(f"{key} phải là số nguyên từ 0 trở lên")
    for key in ("min_rating", "initiative_scope", "step"):
        if key in params and params[key] not in PARAM_CHOICES[key]:
            errors.append(f"{key} phải là một trong {PARAM_CHOICES[key]}")
    if "chain_award" in params and not _code(params["chain_award"]):
        errors.append("chain_award phải là mã hình thức khen thưởng")
    if "prerequisite" in params and not _prerequisite(params["prerequisite"]):
        errors.append(
            "prerequisite phải là mã hình thức, danh sách mã, hoặc bảng {mã hình thức: mã}"
        )
    return errors + _dossier_params_errors(params)


def _dossier_params_errors(params: Mapping[str, Any]) -> list[str]:
    errors: list[str] = []
    for key in _DOCUMENT_KEYS:
        if key not in params:
            continue
        kinds = document_kinds(params[key])
        if kinds is None or (key == "documents" and not kinds):
            errors.append(
                f"{key} phải là danh sách loại tài liệu không trùng nhau, trong số "
                f"{', '.join(DOCUMENT_KINDS)}"
            )
    if "working_days" in params and not _positive_int(params["working_days"]):
        errors.append("working_days phải là số nguyên từ 1 trở lên")
    return errors


def document_kinds(value: Any) -> tuple[str, ...] | None:
    """Document kinds as written (a list, or one string separated by commas or semicolons);
    None when a kind is unknown, repeated, or the value is neither."""
    if isinstance(value, str):
        items: list[Any] = [part.strip() for part in value.replace(";", ",").split(",")]
        items = [item for item in items if item]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        return None
    if not all(isinstance(item, str) and item in DOCUMENT_KINDS for item in items):
        return None
    if len(set(items)) != len(items):
        return None
    return tuple(items)


def _not_bool(params: Mapping[str, Any], key: str) -> bool:
    return key in params and not isinstance(params[key], bool)


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _code(value: Any) -> bool:
    return isinstance(value, str) and bool(value)


def _codes(value: Any) -> bool:
    if isinstance(value, list | tuple):
        return bool(value) and all(_code(item) for item in value)
    return _code(value)


def _prerequisite(value: Any) -> bool:
    if isinstance(value, Mapping):
        return bool(value) and all(_code(k) and _codes(v) for k, v in value.items())
    return _codes(value)


def param_codes(params: Mapping[str, Any]) -> set[str]:
    """The award type codes named by a rule's parameters (chain_award, prerequisite)."""
    found: set[str] = set()
    chain = params.get("chain_award")
    if isinstance(chain, str):
        found.add(chain)
    prerequisite = params.get("prerequisite")
    items: list[Any] = []
    if isinstance(prerequisite, Mapping):
        found |= {str(k) for k in prerequisite}
        items = list(prerequisite.values())
    elif prerequisite is not None:
        items = [prerequisite]
    for item in items:
        found |= {str(x) for x in item} if isinstance(item, list | tuple) else {str(item)}
    return found


def _share_error(key: str, value: Any, *, low_open: bool) -> list[str]:
    try:
        share = as_fraction(value)
    except ValueError as exc:
        return [f"{key}: {exc}"]
    if share > 1 or share < 0 or (low_open and share == 0):
        return [f"{key} phải trong khoảng {'(0' if low_open else '[0'}, 1]"]
    return []


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _checked(rule: Rule) -> Rule:
    errors = params_errors(rule.params)
    if errors:
        where = f" ({rule.province_citation})" if rule.province_citation else ""
        raise ValueError(f"{rule.id}{where}: " + "; ".join(errors))
    return rule


def seats_quota_of(rule: Rule) -> int | None:
    quota = rule.params.get("seats_quota")
    return None if quota is None else int(quota)


def max_choices(rules: PollRules, *, seats: int) -> int:
    """Names a ballot may carry (BAL-01): the poll's seats unless the province set a number."""
    value = rules.rules["max_choices"].params.get("max_choices", "seats")
    return seats if value == "seats" else int(value)


# ── Poll rules ───────────────────────────────────────────────────────────────────────────────


def poll_rules(
    book: Rulebook,
    *,
    kind: Literal["nomination", "leader", "deputy"],
    award_type: str,
    year: int,
    overrides: Sequence[Override] = (),
) -> PollRules:
    """The rules of a bloc poll in `year`.

    Nomination: threshold VOT-13, seats quota from the award type's quota rule (Cờ CP: BLK-10,
    whose quota is Cờ tỉnh's unless the province set one). Leader / deputy: threshold and one
    seat from BLK-04. All: quorum VOT-05B, tie VOT-11, ballot validity BAL-01. An unknown award
    type resolves with the default quota rule; check_poll_setup reports it.
    """

    def get(rule_id: str) -> Rule:
        return _checked(book.rule(rule_id, year=year, overrides=overrides))

    within_rule: Rule | None = None
    if kind == "nomination":
        threshold = get(NOMINATION_THRESHOLD_RULE)
        seats, within_rule = _seats_rules(book, award_type, get)
    elif kind in ("leader", "deputy"):
        threshold = seats = get(ELECTION_RULE)
    else:
        raise ValueError(f"loại cuộc bỏ phiếu lạ: {kind!r}")
    resolved = {
        "threshold": threshold,
        "quorum": get(BLOC_QUORUM_RULE),
        "seats": seats,
        "tie": get(TIE_RULE),
        "max_choices": get(BALLOT_RULE),
    }
    params = threshold.params
    return PollRules(
        threshold_share=as_fraction(params.get("share", "1/2")),
        threshold_strict=bool(params.get("strict", True)),
        threshold_base=cast(Literal["members", "cast", "valid"], params.get("base", "members")),
        quorum_share=as_fraction(resolved["quorum"].params.get("quorum_share", 0)),
        tie_policy=cast(Literal["runoff", "gen05"], resolved["tie"].params.get("policy", "runoff")),
        seats_quota=seats_quota_of(seats),
        rule_ids={key: rule.id for key, rule in resolved.items()},
        rules=resolved,
        seats_within=str(within_rule.params["within"]) if within_rule else "",
        within_rule=within_rule,
    )


def _seats_rules(
    book: Rulebook, award_type: str, get: Callable[[str], Rule]
) -> tuple[Rule, Rule | None]:
    """(the rule giving the quota, the `within` rule or None) of a nomination poll."""
    rule = get(_quota_rule_id(book, award_type))
    within = rule.params.get("within")
    if not within:
        return rule, None
    if "seats_quota" in rule.params:
        return rule, rule
    # Chosen among another award's nominees: that award's quota, and its rule, apply.
    return get(_quota_rule_id(book, str(within))), rule


def _quota_rule_id(book: Rulebook, award_type: str) -> str:
    try:
        return book.award_type(award_type).quota_rule or DEFAULT_QUOTA_RULE
    except KeyError:
        return DEFAULT_QUOTA_RULE


# ── Checks ───────────────────────────────────────────────────────────────────────────────────


def _finding(rule: Rule, code: str, message: str, *, blocking: bool | None = None) -> Finding:
    text = f"{message} {_source(rule)}"
    if blocking is None:
        blocking = rule.binding
    if not blocking and rule.confidence == "U" and rule.source == "rulebook":
        text += " Quy tắc chưa được xác nhận [U]: có thể tiếp tục khi ghi rõ lý do."
    return Finding(rule.id, rule.citation, text, blocking, code)


def _source(rule: Rule) -> str:
    if rule.source == "province":
        where = rule.province_citation or "thiết lập của tỉnh"
        return f"({rule.id}: {rule.citation}; tỉnh quy định: {where})."
    return f"({rule.id}: {rule.citation})."


def check_poll_setup(
    rules: PollRules,
    *,
    kind: Literal["nomination", "leader", "deputy"],
    award_type: str,
    seats: int,
    members: int,
    seats_by_award: Mapping[str, int],
) -> list[Finding]:
    """Quota and size checks of a poll's setup. `seats_by_award`: seats of the meeting's other
    (not cancelled) nomination polls by award type, this poll excluded."""
    findings = _award_findings(rules, award_type) if kind == "nomination" else []
    name = _award_name(award_type) if kind == "nomination" else "Bầu trưởng, phó khối"
    seats_rule = rules.rules["seats"]
    if seats < 1:
        message = f"Số lượng được bầu phải từ 1 trở lên, đang đặt {seats}"
        return [*findings, _finding(seats_rule, "invalid_seats", message, blocking=True)]
    if seats > members:
        message = f"Số lượng được bầu {seats} lớn hơn số đơn vị thành viên {members}"
        findings.append(_finding(seats_rule, "seats_exceed_members", message, blocking=True))
    within = _award_name(rules.seats_within)
    if rules.seats_quota is not None and seats > rules.seats_quota:
        message = f"{name}: số lượng được bầu {seats} vượt hạn mức {rules.seats_quota} mỗi khối"
        if rules.within_rule is not None and rules.within_rule.id != seats_rule.id:
            message += f", là hạn mức của {within} ({rules.within_rule.id})"
        findings.append(_finding(seats_rule, "quota_exceeded", message))
    within_seats = seats_by_award.get(rules.seats_within) if rules.seats_within else None
    if rules.within_rule is not None and within_seats is not None and seats > within_seats:
        message = (
            f"{name} chỉ chọn trong số đơn vị được suy tôn {within}: số lượng {seats} vượt "
            f"số lượng {within_seats} của cuộc bỏ phiếu {within} trong hội nghị"
        )
        findings.append(_finding(rules.within_rule, "quota_exceeded", message))
    return findings


def _award_findings(rules: PollRules, award_type: str) -> list[Finding]:
    """A nomination poll's award type: unknown (blocking), or not voted in blocs (warning)."""
    threshold_rule = rules.rules["threshold"]
    try:
        award = load_rulebook().award_type(award_type)
    except KeyError:
        message = f"Không có hình thức khen thưởng «{award_type}» trong danh mục"
        return [_finding(threshold_rule, "unknown_award_type", message, blocking=True)]
    if award.bloc_vote:
        return []
    message = f"«{award.name}» không phải hình thức do khối bình xét, suy tôn"
    return [_finding(threshold_rule, "award_not_bloc_vote", message, blocking=False)]


def _award_name(code: str) -> str:
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def check_quorum(rules: PollRules, *, members: int, present: int) -> list[Finding]:
    """present / members below the quorum share → quorum_not_met (blocking when binding)."""
    rule = rules.rules["quorum"]
    if members < 1 or present < 0 or present > members:
        message = f"Số có mặt {present} không hợp lệ so với số thành viên {members}"
        return [_finding(rule, "invalid_present", message, blocking=True)]
    if Fraction(present, members) >= rules.quorum_share:
        return []
    needed = math.ceil(members * rules.quorum_share)
    message = (
        f"Chưa đủ số thành viên có mặt: {present}/{members}, cần ít nhất {needed} "
        f"là {rules.quorum_share} {_BASE_LABELS['members']}"
    )
    return [_finding(rule, "quorum_not_met", message)]
