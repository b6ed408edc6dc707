"""The council's rules as pure functions: which threshold decides a proposal, how many approvals
it needs, and whether a session has its quorum. No ORM, no request.

Thresholds are taken of the council's TOTAL membership on the session's day, never of those
present (VOT-02/03 note; domain-rules §2): 15 members at 80 % need 12, at 90 % need 14. A member
who is absent and gave no written opinion simply adds no approval.

Rules are looked up as in force on the session's DAY (not on 31 December of a year as the bloc
rules are): the council votes under the text in force when it meets. A province's own value
(awards.RuleSetting) applies from its `from_year` on. When no version of a rule is in force on
that day (e.g. VOT-02/03 before NĐ 98/2023, VOT-05/06 before Bắc Ninh QĐ 86/2025), the nearest
version is applied by analogy and can only warn. Messages are Vietnamese, not wrapped in gettext.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from thidua.awards.rulebook import Finding, Override, Rule, Rulebook, as_fraction
from thidua.voting.tally import percent, required_votes

# Rule ids, from the most demanding threshold down (an award listed in two takes the first).
HIGH_THRESHOLD_RULE = "VOT-02"  # 90 %: Anh hùng, CSTĐ toàn quốc, CSTĐ cấp tỉnh
THRESHOLD_RULE = "VOT-03"  # 80 %: CSTĐ cơ sở, Cờ thi đua tỉnh, Cờ thi đua Chính phủ
MAJORITY_RULE = "VOT-06"  # simple majority of the council for everything else
QUORUM_RULE = "VOT-05"  # 2/3 to meet, 80 % present for a session reviewing awards
THRESHOLD_RULES = (HIGH_THRESHOLD_RULE, THRESHOLD_RULE)


@dataclass(frozen=True)
class ResolvedRule:
    """A rule version applied on a day; `by_analogy` when none was in force that day."""

    rule: Rule
    by_analogy: bool = False

    @property
    def binding(self) -> bool:
        return self.rule.binding and not self.by_analogy


@dataclass(frozen=True)
class Threshold:
    rule_id: str
    citation: str
    share: Fraction
    strict: bool  # True: more than the share (a majority); False: at least the share
    binding: bool
    by_analogy: bool

    def required(self, members_total: int) -> int:
        return required_votes(members_total, self.share, strict=self.strict)

    def passes(self, approvals: int, members_total: int) -> bool:
        return members_total > 0 and approvals >= self.required(members_total)

    @property
    def share_text(self) -> str:
        return f"{self.share.numerator}/{self.share.denominator}"

    @property
    def share_pct(self) -> float:
        return percent(self.share)


def rule_on(
    book: Rulebook, rule_id: str, day: datetime.date, overrides: Sequence[Override] = ()
) -> ResolvedRule:
    """The version of `rule_id` in force on `day` with the province's value merged in (the
    latest override whose from_year ≤ day's year); the nearest version by analogy when none is
    in force that day. KeyError when the rulebook has no such rule."""
    versions = book.versions(rule_id)
    in_force = [v for v in versions if v.in_force_on(day)]
    by_analogy = not in_force
    if in_force:
        rule = in_force[-1]
    else:
        earlier = [v for v in versions if v.effective_to is not None and v.effective_to < day]
        rule = earlier[-1] if earlier else versions[0]
    chosen = [o for o in overrides if o.rule_id == rule_id and o.from_year <= day.year]
    if chosen:
        latest = max(chosen, key=lambda o: o.from_year)
        rule = dataclasses.replace(
            rule,
            params={**rule.params, **latest.params},
            source="province",
            province_citation=latest.citation,
        )
        by_analogy = False  # the province's own value binds whatever the rulebook's dates
    return ResolvedRule(rule, by_analogy)


def threshold_rule_id(book: Rulebook, award_type: str) -> str:
    """VOT-02 or VOT-03 when any version lists the award type, otherwise VOT-06."""
    for rule_id in THRESHOLD_RULES:
        if any(award_type in v.applies_to for v in book.versions(rule_id)):
            return rule_id
    return MAJORITY_RULE


def threshold_for(
    book: Rulebook, award_type: str, day: datetime.date, overrides: Sequence[Override] = ()
) -> Threshold:
    """The approval threshold of a proposal for `award_type` reviewed on `day`."""
    resolved = rule_on(book, threshold_rule_id(book, award_type), day, overrides)
    params = resolved.rule.params
    citation = resolved.rule.citation
    if resolved.rule.source == "province" and resolved.rule.province_citation:
        citation = f"{citation}; tỉnh quy định: {resolved.rule.province_citation}"
    return Threshold(
        rule_id=resolved.rule.id,
        citation=citation[:255],
        share=as_fraction(params.get("share", "1/2")),
        strict=bool(params.get("strict", resolved.rule.id == MAJORITY_RULE)),
        binding=resolved.binding,
        by_analogy=resolved.by_analogy,
    )


def check_quorum(
    book: Rulebook,
    day: datetime.date,
    *,
    members_total: int,
    present: int,
    overrides: Sequence[Override] = (),
) -> list[Finding]:
    """VOT-05: the council meets with ≥ quorum_share of its members; a session reviewing awards
    needs ≥ review_presence_share present. Blocking when the rule binds (confirmed, or the
    province's own value); a [U] rule or a rule applied by analogy only warns."""
    resolved = rule_on(book, QUORUM_RULE, day, overrides)
    rule = resolved.rule
    if members_total < 1 or present < 0 or present > members_total:
        message = (
            f"Số thành viên có mặt {present} không hợp lệ so với tổng số {members_total} "
            f"thành viên Hội đồng"
        )
        return [_finding(resolved, "invalid_present", message, blocking=True)]
    findings = []
    for key, code, what in (
        ("quorum_share", "quorum_not_met", "để Hội đồng họp"),
        ("review_presence_share", "review_presence_not_met", "cho phiên xét khen thưởng"),
    ):
        share = as_fraction(rule.params.get(key, 0))
        if Fraction(present, members_total) >= share:
            continue
        needed = math.ceil(members_total * share)
        message = (
            f"Chưa đủ thành viên có mặt {what}: {present}/{members_total}, cần ít nhất {needed} "
            f"({share.numerator}/{share.denominator} tổng số thành viên)"
        )
        findings.append(_finding(resolved, code, message))
    return findings


def _finding(
    resolved: ResolvedRule, code: str, message: str, *, blocking: bool | None = None
) -> Finding:
    rule = resolved.rule
    source = f"({rule.id}: {rule.citation}"
    if rule.source == "province":
        source += f"; tỉnh quy định: {rule.province_citation or 'thiết lập của tỉnh'}"
    text = f"{message} {source})."
    if blocking is None:
        blocking = resolved.binding
    if not blocking:
        if resolved.by_analogy:
            text += " Quy tắc chưa có hiệu lực vào ngày họp, áp dụng tương tự: chỉ cảnh báo."
        elif rule.confidence == "U":
            text += " Quy tắc chưa được xác nhận [U]: có thể tiếp tục khi ghi rõ lý do."
    return Finding(rule.id, rule.citation, text, blocking, code)
