"""Eligibility as a pure function: a subject's history, an award type, a year, the rulebook in
force → eligible / not eligible / needs a person's check, every reason naming its rule.

CONTRACT (implemented by the eligibility helper; signatures and dataclass fields are fixed, the
selectors and pages rely on them). No ORM, no Django: importable without settings.

How a verdict is reached (domain-rules §1.7):

- `year` is the year of the achievements (a CSTĐ cơ sở "of 2024"); the rules are those in force
  on 31/12 of that year (rulebook.toml: NĐ 91/2017 → 98/2023 → 152/2025), with the province's
  overrides.
- GEN-03 first: under review now, or disciplined in `year` → not eligible. Years under
  discipline never count in a chain (achievements count again after the discipline ends).
- GEN-02: only merit awards that were not revoked count in a chain (`counted_awards`).
- Then every IND-, COL-, FRM- and STD- rule of the award type's `rule_ids`, in that order (the
  voting rules VOT-, BLK- of the same list are the meeting's business and are skipped).
- Status: a reason not met under a binding rule → not eligible (`decided_by` = its rule); else a
  reason the system cannot know (met None: an initiative's scope not recorded, a qualitative
  criterion, a bloc's targets) → needs a person's check; else eligible. A rule tagged U never
  says "no" on its own: its failure becomes "needs a check", and the reason says so.
- The engine judges the regular merit path (công trạng, thành tích thường xuyên) of each form;
  movement, sudden and thematic achievements are separate proposals.

Messages are Vietnamese (ADR 0001) and not wrapped in gettext, as in rulebook.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from thidua.awards.rulebook import AwardType, Override, Rule, Rulebook, as_fraction

Status = Literal["eligible", "not_eligible", "needs_check"]


@dataclass(frozen=True)
class HeldAward:
    code: str  # award type code of the catalogue
    year: int
    basis: str = "merit"  # merit / thematic / ad_hoc / long_service (GEN-02)
    revoked: bool = False


@dataclass(frozen=True)
class YearFacts:
    year: int
    rating: str = ""  # htxs / htt / ht / kht / "" unknown
    initiative_scope: str = ""  # grassroots / province / national / ""
    science_accepted: bool = False
    disciplined: bool = False
    # Recognised initiatives and accepted science works of the year; None: one for a recorded
    # initiative scope plus one for an accepted science work.
    initiatives: int | None = None


@dataclass(frozen=True)
class SubjectHistory:
    kind: Literal["individual", "collective"]
    awards: tuple[HeldAward, ...] = ()
    facts: tuple[YearFacts, ...] = ()
    # Collectives: per year, the share of members holding LĐTT, whether every member completed
    # their tasks, the number of members with CSTĐ cơ sở, whether a member was disciplined at
    # "cảnh cáo" or above (COL-01/02).
    member_ldtt_share: Mapping[int, Fraction] = field(default_factory=dict)
    members_all_completed: Mapping[int, bool] = field(default_factory=dict)
    member_cstdcs: Mapping[int, int] = field(default_factory=dict)
    member_disciplined: Mapping[int, bool] = field(default_factory=dict)
    under_review: bool = False  # GEN-03 now: discipline review, investigation, complaint …
    is_bloc_leader: Mapping[int, bool] = field(default_factory=dict)  # COL-03
    female: bool | None = None  # individuals; GEN-05/06 information only
    # Individuals: a worker, farmer or employee outside the public sector, who has no official
    # rating; LĐTT is then judged by IND-01b instead of IND-01.
    outside_public_sector: bool = False


@dataclass(frozen=True)
class Reason:
    rule_id: str
    citation: str
    text: str  # Vietnamese: what was checked and what the history shows
    met: bool | None  # None: the system cannot know (a person must check)


@dataclass(frozen=True)
class Verdict:
    award_type: str
    year: int
    status: Status
    reasons: tuple[Reason, ...]
    decided_by: str  # the rule id that decided the status ("" when eligible on every rule)


def eligibility(
    history: SubjectHistory,
    award_type: str,
    year: int,
    book: Rulebook,
    *,
    overrides: Sequence[Override] = (),
) -> Verdict:
    """The verdict for `award_type` proposed for the achievements of `year`, under the rules in
    force that year (regimes NĐ 91/2017 → 98/2023 → 152/2025) with the province's overrides."""
    return prepare(book, year, overrides).evaluate(history, award_type)


def counted_awards(history: SubjectHistory) -> tuple[HeldAward, ...]:
    """The awards a chain may count: not revoked, basis merit (GEN-02)."""
    return tuple(a for a in history.awards if a.basis == "merit" and not a.revoked)


def consecutive_years(years: set[int], ending: int) -> int:
    """How many consecutive years end at `ending` (a gap breaks the run)."""
    count = 0
    while ending - count in years:
        count += 1
    return count


def chain_length(history: SubjectHistory, code: str, ending: int) -> int:
    """Consecutive years ending at `ending` in which the subject holds `code` as a counted award
    (GEN-02), years under discipline breaking the chain (GEN-03). E.g. "next year's candidates"
    for CSTĐ cấp tỉnh: chain_length(h, "chien_si_thi_dua_co_so", year) == 2."""
    return consecutive_years(_Subject(history).held.get(code, set()), ending)


# ── Prepared rules (one resolution per year and overrides) ──────────────────────────────────

_CACHE_SIZE = 256
_PREPARED: dict[tuple[int, int, tuple[Any, ...]], Prepared] = {}
_BY_IDENTITY: dict[tuple[int, int, int], tuple[Sequence[Override], Prepared]] = {}


def prepare(book: Rulebook, year: int, overrides: Sequence[Override] = ()) -> Prepared:
    """The rules of `book` resolved for `year` and the province's overrides, cached: a batch of
    100,000 subjects resolves each rule once. `prepare(...).evaluate(history, award_type)` is
    `eligibility(history, award_type, year, book, overrides=overrides)`. Overrides are compared
    by value; a tuple passed again is recognised by identity, so its Override params must not be
    changed in place afterwards (build new Overrides instead)."""
    # Fast path: a batch passes the same tuple on every call (a list may have changed since).
    fast = (id(book), year, id(overrides))
    if isinstance(overrides, tuple):
        hit = _BY_IDENTITY.get(fast)
        if hit is not None and hit[0] is overrides:
            return hit[1]
    key = (id(book), year, _overrides_key(overrides))
    prepared = _PREPARED.get(key)
    if prepared is None:
        if len(_PREPARED) >= _CACHE_SIZE:
            _PREPARED.clear()
        # The cached object holds `book`, so its id cannot be reused while the entry lives.
        prepared = _PREPARED[key] = Prepared(book, year, tuple(overrides))
    if isinstance(overrides, tuple):
        if len(_BY_IDENTITY) >= _CACHE_SIZE:
            _BY_IDENTITY.clear()
        # Holding `overrides` keeps its id from being reused by another object.
        _BY_IDENTITY[fast] = (overrides, prepared)
    return prepared


def _overrides_key(overrides: Sequence[Override]) -> tuple[Any, ...]:
    if not overrides:
        return ()
    return tuple((o.rule_id, o.from_year, o.citation, _frozen(o.params)) for o in overrides)


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set):
        return tuple(_frozen(v) for v in value)
    return value


# ── Vocabulary ──────────────────────────────────────────────────────────────────────────────

CSTDCS = "chien_si_thi_dua_co_so"
TTLDXS = "tap_the_lao_dong_xuat_sac"
FLAG_CODES = ("co_thi_dua_ubnd_tinh", "co_thi_dua_chinh_phu")
PROVINCE_FLAG = "co_thi_dua_ubnd_tinh"
EVALUATED_PREFIXES = ("IND-", "COL-", "FRM-", "STD-")

_RANK = {"kht": 0, "ht": 1, "htt": 2, "htxs": 3}
_RATING_TEXT = {
    "htxs": "hoàn thành xuất sắc nhiệm vụ",
    "htt": "hoàn thành tốt nhiệm vụ",
    "ht": "hoàn thành nhiệm vụ",
    "kht": "không hoàn thành nhiệm vụ",
}
_SCOPE_RANK = {"grassroots": 1, "province": 2, "national": 3}
_SCOPE_TEXT = {"grassroots": "cấp cơ sở", "province": "trong tỉnh", "national": "toàn quốc"}
_SCOPE_JUDGE = {
    "grassroots": "Hội đồng sáng kiến cơ sở",
    "province": "Chủ tịch UBND tỉnh",
    "national": "người đứng đầu bộ, tỉnh",
}
_BASIS_TEXT = {
    "thematic": "chuyên đề",
    "ad_hoc": "đột xuất",
    "long_service": "quá trình cống hiến",
}
_U_NOTE = (
    " Quy tắc chưa được xác nhận [U]: chưa đủ căn cứ để kết luận không đạt, cần người kiểm tra."
)

# (met, text) of one check; a rule gives one or more.
Check = tuple[bool | None, str]
Evaluator = Callable[["_Subject", Rule, AwardType], list[Check]]
# (rule id, the rule in force or None, evaluator, "ID (citation): ", optional)
_Step = tuple[str, Rule | None, Evaluator, str, bool]


# ── The subject's history, indexed once per call ─────────────────────────────────────────────


class _Subject:
    __slots__ = ("history", "facts", "disciplined", "held", "excluded")

    def __init__(self, history: SubjectHistory) -> None:
        self.history = history
        facts = {item.year: item for item in history.facts}
        if len(facts) != len(history.facts):
            facts = {}
            for item in history.facts:
                earlier = facts.get(item.year)
                facts[item.year] = item if earlier is None else _merge(earlier, item)
        self.facts = facts
        disciplined = self.disciplined = {y for y, f in facts.items() if f.disciplined}
        held: dict[str, set[int]] = {}
        excluded: list[HeldAward] = []
        for award in history.awards:
            if award.revoked or award.basis != "merit":
                excluded.append(award)
            elif award.year not in disciplined:
                if award.code in held:
                    held[award.code].add(award.year)
                else:
                    held[award.code] = {award.year}
        self.held = held
        self.excluded = excluded

    def years(self, code: str) -> set[int]:
        return self.held.get(code, set())

    def rating(self, year: int) -> str:
        item = self.facts.get(year)
        return item.rating if item is not None else ""

    def rating_ok(self, year: int, rank: int) -> bool | None:
        """The year meets the rating (None: not recorded); a year under discipline never does."""
        if year in self.disciplined:
            return False
        rating = self.rating(year)
        if not rating:
            return None
        return _RANK.get(rating, -1) >= rank

    def initiatives(self, year: int) -> int:
        item = self.facts.get(year)
        if item is None or year in self.disciplined:
            return 0
        if item.initiatives is not None:
            return item.initiatives
        return bool(item.initiative_scope) + bool(item.science_accepted)

    def scope(self, year: int) -> str:
        item = self.facts.get(year)
        return "" if item is None or year in self.disciplined else item.initiative_scope


def _merge(a: YearFacts, b: YearFacts) -> YearFacts:
    # Two records of one year: the result must not depend on their order, so each field takes
    # the cautious value (lower rating) or the union (discipline, initiatives).
    ratings = [r for r in (a.rating, b.rating) if r]
    rating = min(ratings, key=lambda r: _RANK.get(r, -1)) if ratings else ""
    scope = max(a.initiative_scope, b.initiative_scope, key=lambda s: _SCOPE_RANK.get(s, 0))
    counts = [n for n in (a.initiatives, b.initiatives) if n is not None]
    return YearFacts(
        year=a.year,
        rating=rating,
        initiative_scope=scope,
        science_accepted=a.science_accepted or b.science_accepted,
        disciplined=a.disciplined or b.disciplined,
        initiatives=max(counts) if counts else None,
    )


# ── Prepared: evaluation for one year ────────────────────────────────────────────────────────


class Prepared:
    """The rulebook resolved for one year and one province's overrides (see `prepare`)."""

    def __init__(self, book: Rulebook, year: int, overrides: tuple[Override, ...]) -> None:
        self.book = book
        self.year = year
        self.overrides = overrides
        self._rules: dict[str, Rule | None] = {}
        self._fractions: dict[tuple[str, str], Fraction] = {}
        self._plans: dict[str, tuple[_Step, ...]] = {}
        self._evaluators: dict[str, Evaluator] = {
            "IND-01": self._ind01,
            "IND-01b": self._ind01b,
            "IND-02": self._ind02,
            "IND-02q": self._quota_of_unit,
            "IND-03": self._title_chain,
            "IND-04": self._title_chain,
            "IND-04t": self._ind04t,
            "COL-01": self._collective_title,
            "COL-02": self._collective_title,
            "COL-03": self._col03,
            "COL-04": self._col04,
            "COL-04q": self._quota_of_province,
            "FRM-01": self._frm01,
            "FRM-02": self._frm02,
            "FRM-02c": self._frm02c,
            "FRM-03": self._window,
            "FRM-03c": self._window,
            "FRM-04": self._window,
            "FRM-04c": self._window,
            "FRM-05": self._window,
            "STD-00": self._std00,
        }

    def rule(self, rule_id: str) -> Rule | None:
        """The version in force with the overrides; None when no version is in force."""
        try:
            return self._rules[rule_id]
        except KeyError:
            pass
        try:
            rule: Rule | None = self.book.rule(rule_id, year=self.year, overrides=self.overrides)
        except KeyError:
            rule = None
        self._rules[rule_id] = rule
        return rule

    def evaluate(self, history: SubjectHistory, award_type: str) -> Verdict:
        award = self.book.award_type(award_type)
        if award.subject != history.kind:
            raise ValueError(
                f"{award.code}: hình thức của {_KIND[award.subject]}, không xét cho "
                f"{_KIND[history.kind]}"
            )
        subject = _Subject(history)
        reasons: list[Reason] = []
        for rule_id, rule, evaluator, head, optional in self._plan(award):
            if rule is None:
                if not optional:
                    text = (
                        f"{rule_id}: không có phiên bản có hiệu lực năm {self.year}; cần người "
                        "kiểm tra theo quy định thời điểm đó."
                    )
                    reasons.append(Reason(rule_id, "", text, None))
                continue
            for met, body in evaluator(subject, rule, award):
                if met is False and not rule.binding:
                    met, body = None, body + _U_NOTE
                reasons.append(Reason(rule_id, rule.citation, head + body, met))
        return _verdict(award.code, self.year, reasons)

    def _plan(self, award: AwardType) -> tuple[_Step, ...]:
        """The rules an award type's verdict evaluates, in order, resolved once."""
        plan = self._plans.get(award.code)
        if plan is not None:
            return plan
        steps: list[tuple[str, Evaluator, bool]] = [("GEN-03", self._gen03, False)]
        for rule_id in award.rule_ids:
            if rule_id.startswith(EVALUATED_PREFIXES):
                steps.append((rule_id, self._evaluators.get(rule_id, self._unknown), False))
        steps += [("GEN-02", self._gen02, True), ("GEN-01", self._gen01, True)]
        plan = self._plans[award.code] = tuple(
            (rule_id, self.rule(rule_id), evaluator, self._head(rule_id), optional)
            for rule_id, evaluator, optional in steps
        )
        return plan

    def _head(self, rule_id: str) -> str:
        rule = self.rule(rule_id)
        if rule is None:
            return ""
        head = f"{rule.id} ({rule.citation}"
        if rule.source == "province":
            head += f"; tỉnh quy định: {rule.province_citation or 'thiết lập của tỉnh'}"
        return head + "): "

    # ── cross-cutting principles ──

    def _gen01(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        return [(True, _GEN01)]

    def _gen03(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        if s.history.under_review:
            return [
                (
                    False,
                    "Đang bị xem xét kỷ luật, điều tra, thanh tra có dấu hiệu vi phạm hoặc có "
                    "đơn thư đang xác minh: chưa khen thưởng, chưa đề nghị khen thưởng.",
                )
            ]
        if year in s.disciplined:
            return [(False, f"Bị kỷ luật trong năm {year}: không xét thành tích năm {year}.")]
        text = f"Không đang bị xem xét kỷ luật; không bị kỷ luật năm {year}."
        earlier = [y for y in s.disciplined if y < year]
        if earlier:
            text += (
                f" Năm bị kỷ luật ({_years(earlier)}) không tính vào chuỗi thành tích; thành "
                "tích tính lại từ khi hết thời hạn kỷ luật."
            )
        return [(True, text)]

    def _gen02(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        shown = sorted(
            (a.year, self._short(a.code), _excluded_why(a))
            for a in s.excluded
            if a.year <= self.year
        )
        if not shown:
            return []
        items = "; ".join(f"{name} {year} ({why})" for year, name, why in shown)
        return [(True, f"Không tính vào chuỗi thành tích: {items}.")]

    # ── IND ──

    def _ind01(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        if s.history.outside_public_sector:
            return []
        return [self._rating_check(s, rule, "")]

    def _ind01b(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        if not s.history.outside_public_sector:
            return []
        text = (
            "Người lao động ngoài khu vực nhà nước, không có xếp loại chính thức: lao động, sản "
            "xuất có hiệu quả, tích cực tham gia phong trào thi đua và hoạt động xã hội theo "
            "quy định của tỉnh – cần Hội đồng xem xét."
        )
        return [(None, text)]

    def _ind02(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        checks = [self._rating_check(s, rule, "Tiêu chuẩn Lao động tiên tiến: ")]
        htxs_suffices = bool(rule.params.get("htxs_suffices", True))
        rating = "" if year in s.disciplined else s.rating(year)
        found = []
        if htxs_suffices and rating == "htxs":
            found.append("xếp loại hoàn thành xuất sắc nhiệm vụ")
        scope = s.scope(year)
        if scope:
            found.append(f"sáng kiến được công nhận ({_SCOPE_TEXT.get(scope, scope)})")
        item = s.facts.get(year)
        if item is not None and item.science_accepted and year not in s.disciplined:
            found.append("đề tài, đề án, công trình khoa học đã nghiệm thu")
        if not found and s.initiatives(year):
            found.append("sáng kiến được công nhận")
        options = (
            "xếp loại hoàn thành xuất sắc nhiệm vụ, sáng kiến được công nhận hoặc đề tài khoa "
            "học đã nghiệm thu"
            if htxs_suffices
            else "sáng kiến được công nhận hoặc đề tài khoa học đã nghiệm thu (xếp loại hoàn "
            "thành xuất sắc nhiệm vụ chưa đủ theo quy định này)"
        )
        if found:
            checks.append((True, f"Năm {year} có {', '.join(found)}."))
        elif htxs_suffices and not rating and year not in s.disciplined:
            checks.append((None, f"Chưa có xếp loại năm {year}; cần {options}."))
        else:
            checks.append((False, f"Năm {year} không có {options}."))
        return checks

    def _quota_of_unit(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        cap = rule.params.get("share_of_ldtt")
        if cap is None:
            return [
                (True, "Không giới hạn tỷ lệ Chiến sĩ thi đua cơ sở trên số Lao động tiên tiến.")
            ]
        share = _percent(self._fraction(rule, "share_of_ldtt"))
        text = (
            f"Số Chiến sĩ thi đua cơ sở của đơn vị không quá {share} số cá nhân đạt Lao động "
            "tiên tiến: kiểm tra khi lập danh sách đề nghị của đơn vị."
        )
        return [(None, text)]

    def _title_chain(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        """IND-03, IND-04: n consecutive titles of the chain award, and an initiative whose scope
        matches the title (not recorded → a person checks)."""
        year = self.year
        needed = int(rule.params.get("consecutive", 1))
        code = str(rule.params.get("chain_award", ""))
        name = self._short(code)
        held = {y for y in s.years(code) if y <= year}
        if rule.id == "IND-04":
            # The latest qualifying chain; its timing is IND-04t's business.
            end = _latest_chain_end(held, needed)
        else:
            end = year if consecutive_years(held, year) >= needed else None
        checks: list[Check] = []
        if end is not None:
            run = consecutive_years(held, end)
            span = _span(end - run + 1, end)
            checks.append((True, f"{run} năm liên tục đạt {name} ({span}), cần {needed}."))
            window = range(end - needed + 1, end + 1)
        else:
            checks.append((False, _chain_short(name, held, year, needed)))
            window = range(year - needed + 1, year + 1)
        scope = str(rule.params.get("initiative_scope", "province"))
        rank = _SCOPE_RANK.get(scope, 2)
        matching = [y for y in window if _SCOPE_RANK.get(s.scope(y), 0) >= rank]
        where = _SCOPE_TEXT.get(scope, scope)
        if matching:
            text = f"Có sáng kiến, đề tài có phạm vi ảnh hưởng {where} (năm {_years(matching)})."
            checks.append((True, text))
        else:
            text = (
                f"Chưa ghi nhận sáng kiến, đề tài có hiệu quả, phạm vi ảnh hưởng {where} trong các "
                f"năm {_span(window[0], window[-1])}: cần {_SCOPE_JUDGE.get(scope, '')} xem xét, "
                "công nhận."
            )
            checks.append((None, text))
        return checks

    def _ind04t(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        chain = self.rule("IND-04")
        needed = int(chain.params.get("consecutive", 2)) if chain else 2
        code = str(chain.params.get("chain_award", "")) if chain else ""
        end = _latest_chain_end({y for y in s.years(code) if y <= year}, needed)
        if end is None:
            return []  # IND-04 already says the chain is missing
        lag = int(rule.params.get("max_years_after", 0))
        name = self._short(code)
        if year - end <= lag:
            text = (
                f"Lần thứ {needed} liên tục đạt {name} là năm {end}: đề nghị cho thành tích năm "
                f"{year}, trong thời hạn (hồ sơ trong năm {end + 1})."
            )
            return [(True, text)]
        text = (
            f"Lần thứ {needed} liên tục đạt {name} là năm {end}: phải đề nghị ngay cho thành tích "
            f"năm {end} (hồ sơ trong năm {end + 1}); năm {year} đã muộn {year - end} năm."
        )
        return [(False, text)]

    # ── COL ──

    def _collective_title(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        """COL-01 (TTLĐTT), COL-02 (TTLĐXS): the collective's rating and its members' figures."""
        year, params, h = self.year, rule.params, s.history
        checks = [self._rating_check(s, rule, "")]
        if params.get("all_completed"):
            done = h.members_all_completed.get(year)
            if done is None:
                checks.append(
                    (None, f"Chưa có thông tin thành viên hoàn thành nhiệm vụ năm {year}.")
                )
            elif done:
                checks.append((True, f"100% thành viên hoàn thành nhiệm vụ năm {year}."))
            else:
                checks.append(
                    (False, f"Có thành viên không hoàn thành nhiệm vụ năm {year}, cần 100%.")
                )
        if "ldtt_share" in params:
            checks.append(self._share_check(rule, h.member_ldtt_share.get(year)))
        least = int(params.get("min_member_cstdcs", 0))
        if least:
            count = h.member_cstdcs.get(year)
            if count is None:
                checks.append((None, f"Chưa có số thành viên đạt CSTĐ cơ sở năm {year}."))
            else:
                text = f"{count} thành viên đạt CSTĐ cơ sở năm {year}, cần ít nhất {least}."
                checks.append((count >= least, text))
        if params.get("no_member_disciplined"):
            punished = h.member_disciplined.get(year)
            if punished is None:
                text = f"Chưa có thông tin thành viên bị kỷ luật năm {year}."
                checks.append((None, text))
            elif punished:
                text = f"Có thành viên bị kỷ luật từ cảnh cáo trở lên năm {year}."
                checks.append((False, text))
            else:
                text = f"Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {year}."
                checks.append((True, text))
        return checks

    def _share_check(self, rule: Rule, value: Any) -> Check:
        year = self.year
        if value is None:
            return (None, f"Chưa có tỷ lệ thành viên đạt Lao động tiên tiến năm {year}.")
        share = value if isinstance(value, Fraction) else as_fraction(value)
        needed = self._fraction(rule, "ldtt_share")
        strict = bool(rule.params.get("strict", False))
        met = share > needed if strict else share >= needed
        bound = f"trên {_percent(needed)}" if strict else f"từ {_percent(needed)} trở lên"
        text = f"{_percent(share)} thành viên đạt Lao động tiên tiến năm {year}, cần {bound}."
        return (met, text)

    def _col03(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        leads = s.history.is_bloc_leader.get(year)
        if leads is None:
            first: Check = (
                None,
                f"Chưa có kết quả bình xét, suy tôn của cụm, khối thi đua năm {year}.",
            )
        elif leads:
            first = (True, f"Đơn vị dẫn đầu phong trào thi đua của cụm, khối năm {year}.")
        else:
            first = (
                False,
                f"Không phải đơn vị dẫn đầu cụm, khối thi đua do tỉnh tổ chức năm {year}.",
            )
        rest = (
            "Vượt các chỉ tiêu thi đua và nhiệm vụ được giao, tiêu biểu trong tỉnh; nội bộ đoàn "
            "kết, tổ chức đảng, đoàn thể hoàn thành xuất sắc nhiệm vụ: cần Hội đồng xem xét."
        )
        return [first, (None, rest)]

    def _col04(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        leads = s.history.is_bloc_leader.get(year)
        if leads or year in s.years(PROVINCE_FLAG):
            first: Check = (
                True,
                f"Đơn vị dẫn đầu cụm, khối thi đua (đạt tiêu chuẩn Cờ thi đua cấp tỉnh) năm {year}.",
            )
        elif leads is None:
            first = (None, f"Chưa có kết quả bình xét, suy tôn của cụm, khối thi đua năm {year}.")
        else:
            first = (False, f"Không phải đơn vị dẫn đầu cụm, khối thi đua năm {year}.")
        rest = (
            "Tiêu biểu xuất sắc trong số các đơn vị dẫn đầu cụm, khối; vượt chỉ tiêu, nội bộ đoàn "
            "kết, đi đầu thực hành tiết kiệm, phòng, chống tham nhũng: cần Hội đồng tỉnh xem xét."
        )
        return [first, (None, rest)]

    def _quota_of_province(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        if "share_of_standard" in rule.params:
            share = _percent(self._fraction(rule, "share_of_standard"))
            text = (
                f"Số Cờ thi đua của Chính phủ của tỉnh không quá {share} số tập thể đạt tiêu "
                "chuẩn Cờ thi đua cấp tỉnh: kiểm tra khi lập danh sách của tỉnh."
            )
            return [(None, text)]
        if rule.params.get("seats_quota") is not None:
            text = (
                f"Tỉnh quy định tối đa {rule.params['seats_quota']} đơn vị: kiểm tra khi lập "
                "danh sách của tỉnh."
            )
            return [(None, text)]
        text = (
            "Chưa có hạn mức hiện hành; chỉ đơn vị dẫn đầu khối đã được suy tôn Cờ thi đua của "
            "UBND tỉnh được đề nghị (xem COL-04)."
        )
        return [(True, text)]

    # ── FRM ──

    def _frm01(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        checks = [self._rating_check(s, rule, "")]
        if not rule.params.get("rating_suffices", False):
            text = (
                "Thành tích được công nhận trong phong trào thi đua, hoặc nhiều thành tích, "
                "thành tích đột xuất có ảnh hưởng trong đơn vị: cần Hội đồng xem xét."
            )
            checks.append((None, text))
        return checks

    def _frm02(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        """BK tỉnh (individual): n consecutive CSTĐ cơ sở, or k consecutive HTXS years with m
        initiatives not already used for a CSTĐ cơ sở (Công văn 5007/BNV-TĐKT)."""
        year, params = self.year, rule.params
        needed = int(params.get("consecutive", 2))
        code = str(params.get("chain_award", CSTDCS))
        name = self._short(code)
        chain = {y for y in s.years(code) if y <= year}
        run = consecutive_years(chain, year)
        alternative = bool(params.get("alternative_cstdcs", True))
        if alternative and run >= needed:
            text = f"{run} năm liên tục đạt {name} ({_span(year - run + 1, year)}), cần {needed}."
            return [(True, text), *self._reuse(s, award, needed)]
        years = int(params.get("htxs_years", 2))
        want = int(params.get("min_initiatives", 2))
        window = range(year - years + 1, year + 1)
        ratings = _classify(window, lambda y: s.rating_ok(y, _RANK["htxs"]))
        sure = sum(s.initiatives(y) for y in window if y not in chain)
        maybe = sum(s.initiatives(y) for y in window if y in chain)
        first = f"{run} năm liên tục đạt {name}, cần {needed}; " if alternative else ""
        text = (
            f"{first}{years} năm liên tục hoàn thành xuất sắc nhiệm vụ "
            f"({_span(window[0], year)}) với {want} sáng kiến, đề tài được công nhận: "
            f"{_rating_run_text(s, ratings)}, {sure + maybe} sáng kiến, đề tài."
        )
        if not ratings.bad and not ratings.unknown and sure >= want:
            return [(True, text), *self._reuse(s, award, years)]
        if ratings.bad or sure + maybe < want:
            return [(False, text)]
        if sure < want:
            text += (
                f" Sáng kiến của năm đạt {name} có thể đã dùng để xét danh hiệu đó: cần kiểm tra "
                "(Công văn 5007/BNV-TĐKT)."
            )
        return [(None, text)]

    def _frm02c(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        year = self.year
        needed = int(rule.params.get("consecutive", 2))
        code = str(rule.params.get("chain_award", TTLDXS))
        held = s.years(code)
        window = range(year - needed + 1, year + 1)

        def good(y: int) -> bool | None:
            if y in held:
                return True
            return s.rating_ok(y, _RANK["htxs"])

        result = _classify(window, good)
        label = f"{needed} năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc {self._short(code)}"
        shown = _rating_run_text(s, result, held=held, name=self._short(code))
        met = None if result.unknown and not result.bad else not result.bad
        checks: list[Check] = [(met, f"{label} ({_span(window[0], year)}): {shown}.")]
        qualitative = (
            "Thực hiện tốt dân chủ ở cơ sở, chăm lo đời sống, thực hành tiết kiệm, phòng, chống "
            "tham nhũng: cần Hội đồng xem xét."
        )
        return [*checks, (None, qualitative), *self._reuse(s, award, needed)]

    def _window(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        """FRM-03…05: a prerequisite award before the N-year window ending in the year, the
        rating in every year of the window, and counts of titles inside it."""
        year, params = self.year, rule.params
        size = int(params.get("window_years", 5))
        start = year - size + 1
        window = range(start, year + 1)
        checks = [self._prerequisite(s, rule, award, start, size)]
        wanted = str(params.get("min_rating", "htt"))
        rank = _RANK.get(wanted, 2)
        result = _classify(window, lambda y: s.rating_ok(y, rank))
        need = _RATING_TEXT.get(wanted, wanted)
        label = f"{size} năm liên tục ({_span(start, year)}) xếp loại {need} trở lên"
        met = None if result.unknown and not result.bad else not result.bad
        checks.append((met, f"{label}: {_rating_run_text(s, result)}."))
        checks += self._window_counts(s, rule, window)
        if rule.id == "FRM-05":
            checks.append(
                (
                    None,
                    "Danh hiệu cấp cao hơn cần có trong thời gian xét: số lần chưa xác định "
                    "(domain-rules §1.3) – cần người kiểm tra.",
                )
            )
        return [*checks, *self._reuse(s, award, size)]

    def _prerequisite(
        self, s: _Subject, rule: Rule, award: AwardType, start: int, size: int
    ) -> Check:
        codes = _prerequisite_codes(rule.params.get("prerequisite"), award.code)
        names = " hoặc ".join(dict.fromkeys(self._short(c) for c in codes)) or "hình thức trước"
        counts = bool(rule.params.get("prerequisite_year_counts", True))
        span = _span(start, self.year)
        held = sorted({y for c in codes for y in s.years(c) if y <= self.year})
        before = [y for y in held if (y <= start if counts else y < start)]
        if before:
            got = before[-1]
            if got < start:
                return (True, f"Đã được tặng {names} năm {got}, trước thời gian xét {span}.")
            text = f"Đã được tặng {names} năm {got}, năm đầu của thời gian xét {span}"
            if rule.source != "province":
                text += (
                    " (tính năm được tặng vào thời gian xét là mặc định chưa xác nhận, "
                    "domain-rules §7.10; tỉnh có thể đặt prerequisite_year_counts)"
                )
            return (True, text + ".")
        if held:
            got = held[-1]
            if counts:
                rule_text = f"cần {size} năm tính từ năm được tặng"
                earliest = got + size - 1
            else:
                rule_text = f"cần {size} năm tiếp theo năm được tặng"
                earliest = got + size
            text = (
                f"Được tặng {names} năm {got}, không trước thời gian xét {span}: {rule_text} "
                f"(sớm nhất xét cho thành tích năm {earliest})."
            )
            return (False, text)
        return (False, f"Chưa được tặng {names} (điều kiện của {self._short(award.code)}).")

    def _window_counts(self, s: _Subject, rule: Rule, window: range) -> list[Check]:
        params = rule.params
        span = _span(window[0], window[-1])
        checks: list[Check] = []
        flags = int(params.get("min_flags", 0))
        ttldxs = int(params.get("min_ttldxs", 0))
        ttldxs_name = self._short(TTLDXS)
        if flags:
            # FRM-04c: one Cờ thi đua, or several TTLĐXS.
            got_flags = [y for y in window if any(y in s.years(c) for c in FLAG_CODES)]
            got_ttldxs = [y for y in window if y in s.years(TTLDXS)]
            met = len(got_flags) >= flags or (ttldxs > 0 and len(got_ttldxs) >= ttldxs)
            text = f"Trong {span}: {len(got_flags)} lần Cờ thi đua, cần {flags}"
            if ttldxs:
                text += f"; hoặc {len(got_ttldxs)} lần {ttldxs_name}, cần {ttldxs}"
            checks.append((met, text + "."))
            ttldxs = 0
        counted: list[tuple[int, Callable[[int], bool], str]] = [
            (
                int(params.get("min_cstdcs", 0)),
                lambda y: y in s.years(CSTDCS),
                f"lần đạt {self._short(CSTDCS)}",
            ),
            (
                int(params.get("min_htxs", 0)),
                lambda y: s.rating_ok(y, _RANK["htxs"]) is True,
                "năm hoàn thành xuất sắc nhiệm vụ",
            ),
            (ttldxs, lambda y: y in s.years(TTLDXS), f"lần đạt {ttldxs_name}"),
        ]
        for least, hit, what in counted:
            if not least:
                continue
            found = [y for y in window if hit(y)]
            text = f"{len(found)} {what} trong {span}" + (f" ({_years(found)})" if found else "")
            checks.append((len(found) >= least, f"{text}, cần {least}."))
        least = int(params.get("min_initiatives", 0))
        if least:
            count = sum(s.initiatives(y) for y in window)
            text = f"{count} sáng kiến, đề tài được công nhận trong {span}, cần {least}."
            checks.append((count >= least, text))
        return checks

    def _reuse(self, s: _Subject, award: AwardType, size: int) -> list[Check]:
        """GEN-07: the same form already given inside the period may have used its achievements."""
        year = self.year
        earlier = [y for y in s.years(award.code) if year - size < y < year]
        if not earlier:
            return []
        text = (
            f"Đã được tặng {self._short(award.code)} năm {_years(earlier)}: thành tích trong thời "
            "gian xét có thể đã dùng để khen thưởng (một thành tích chỉ được một hình thức khen "
            "thưởng, GEN-07) – cần kiểm tra."
        )
        return [(None, text)]

    def _std00(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        return [
            (
                None,
                f"Tiêu chuẩn của «{award.name}» chưa có trong bộ quy tắc: cần người kiểm tra hồ sơ.",
            )
        ]

    def _unknown(self, s: _Subject, rule: Rule, award: AwardType) -> list[Check]:
        return [(None, "Hệ thống chưa tự kiểm tra quy tắc này: cần người kiểm tra.")]

    # ── helpers ──

    def _rating_check(self, s: _Subject, rule: Rule, prefix: str) -> Check:
        year = self.year
        wanted = str(rule.params.get("min_rating", "htt"))
        rank = _RANK.get(wanted, 2)
        need = _RATING_TEXT.get(wanted, wanted)
        if year in s.disciplined:
            return (False, f"{prefix}Bị kỷ luật năm {year}.")
        rating = s.rating(year)
        if not rating:
            return (
                None,
                f"{prefix}Chưa có kết quả đánh giá, xếp loại năm {year}; cần {need} trở lên.",
            )
        got = _RATING_TEXT.get(rating, rating)
        if _RANK.get(rating, -1) >= rank:
            return (True, f"{prefix}Năm {year} xếp loại {got}, đạt mức {need} trở lên.")
        return (False, f"{prefix}Năm {year} xếp loại {got}, chưa đạt mức {need}.")

    def _fraction(self, rule: Rule, key: str) -> Fraction:
        # One Prepared resolves each rule id to one Rule: the id is key enough.
        cache_key = (rule.id, key)
        try:
            return self._fractions[cache_key]
        except KeyError:
            value = self._fractions[cache_key] = as_fraction(rule.params[key])
            return value

    def _short(self, code: str) -> str:
        try:
            award = self.book.award_type(code)
        except KeyError:
            return code
        return award.short_name or award.name


_KIND = {"individual": "cá nhân", "collective": "tập thể"}


def _excluded_why(award: HeldAward) -> str:
    if award.revoked:
        return "đã hủy"
    return _BASIS_TEXT.get(award.basis, "không theo công trạng")


_GEN01 = (
    "Hình thức thấp hơn không là điều kiện của hình thức cao hơn, trừ khi tiêu chuẩn nêu rõ: "
    "chỉ các điều kiện nêu trên được kiểm tra."
)


def _verdict(code: str, year: int, reasons: list[Reason]) -> Verdict:
    failed = next((r for r in reasons if r.met is False), None)
    if failed is not None:
        return Verdict(code, year, "not_eligible", tuple(reasons), failed.rule_id)
    unknown = next((r for r in reasons if r.met is None), None)
    if unknown is not None:
        return Verdict(code, year, "needs_check", tuple(reasons), unknown.rule_id)
    return Verdict(code, year, "eligible", tuple(reasons), "")


# ── Chains and windows ──────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Run:
    good: tuple[int, ...]
    bad: tuple[int, ...]
    unknown: tuple[int, ...]


def _classify(years: Iterable[int], check: Callable[[int], bool | None]) -> _Run:
    good: list[int] = []
    bad: list[int] = []
    unknown: list[int] = []
    for y in years:
        result = check(y)
        (good if result else unknown if result is None else bad).append(y)
    return _Run(tuple(good), tuple(bad), tuple(unknown))


def _latest_chain_end(years: set[int], needed: int) -> int | None:
    for end in sorted(years, reverse=True):
        if consecutive_years(years, end) >= needed:
            return end
    return None


def _prerequisite_codes(value: Any, award_code: str) -> tuple[str, ...]:
    if isinstance(value, Mapping):
        value = value.get(award_code)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _rating_run_text(
    s: _Subject, run: _Run, *, held: set[int] | None = None, name: str = ""
) -> str:
    parts = []
    if run.bad:
        items = []
        for y in run.bad:
            if y in s.disciplined:
                items.append(f"năm {y} bị kỷ luật")
            else:
                items.append(f"năm {y} xếp loại {_RATING_TEXT.get(s.rating(y), s.rating(y))}")
        parts.append("; ".join(items))
    if run.unknown:
        parts.append(f"chưa có xếp loại năm {_years(run.unknown)}")
    if not parts:
        if held is not None:
            titled = [y for y in run.good if y in held]
            if titled:
                return f"đạt (năm {_years(titled)} có {name})"
        return "đạt"
    return "; ".join(parts)


def _chain_short(name: str, held: set[int], year: int, needed: int) -> str:
    run = consecutive_years(held, year)
    if run:
        text = (
            f"Chỉ {run} năm liên tục đạt {name} ({_span(year - run + 1, year)}) tính đến năm "
            f"{year}, cần {needed}."
        )
    else:
        text = f"Chưa đạt {name} năm {year}; cần {needed} năm liên tục tính đến năm {year}."
    if held and len(held) != run:
        text += f" Các năm đã đạt: {_years(held)}."
    return text


# ── Wording ─────────────────────────────────────────────────────────────────────────────────


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _years(years: Iterable[int]) -> str:
    """2019, 2021–2023: sorted, runs collapsed."""
    ordered = sorted(set(years))
    if not ordered:
        return ""
    parts = []
    first = last = ordered[0]
    for y in ordered[1:]:
        if y == last + 1:
            last = y
            continue
        parts.append(_span(first, last))
        first = last = y
    parts.append(_span(first, last))
    return ", ".join(parts)


def _percent(value: Fraction) -> str:
    """70%, 66,67% (Vietnamese decimal comma)."""
    hundred = value * 100
    if hundred.denominator == 1:
        return f"{hundred.numerator}%"
    return f"{float(hundred):.2f}".rstrip("0").rstrip(".").replace(".", ",") + "%"
