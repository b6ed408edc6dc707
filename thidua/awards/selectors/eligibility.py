"""Eligibility lists: who in a unit, a bloc's season or a province may be proposed for an award
in a year and why not the others; a subject's verdicts for every award type of its kind; next
year's candidates of an award's chain of titles.

Histories are read in batch (awards.selectors.history) and judged by the pure engine
(awards.eligibility) under the rules in force that year with the subject's province's overrides
(awards.RuleSetting): a constant number of queries whatever the number of subjects. Every read is
scoped to the user's provinces; a unit, bloc, province or person outside them answers NotFound,
as a missing one does.
"""

import dataclasses
import gc
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.scoping import visible_province_ids
from thidua.awards.eligibility import (
    HeldAward,
    Prepared,
    Status,
    SubjectHistory,
    Verdict,
    chain_length,
    prepare,
)
from thidua.awards.models import RuleSetting
from thidua.awards.rulebook import AwardType, Override, Rule, Rulebook, load_rulebook
from thidua.awards.selectors import overrides_of
from thidua.awards.selectors.history import chunks, fetch_rows, person_histories, unit_histories
from thidua.core.exceptions import DomainError, NotFound, ValidationFailed
from thidua.org import selectors as org_selectors
from thidua.org.enums import Gender
from thidua.org.models import Bloc, Person, Province, Unit
from thidua.org.validators import MIN_YEAR

Kind = Literal["individual", "collective"]
STATUSES: tuple[Status, ...] = ("eligible", "needs_check", "not_eligible")


@dataclass(frozen=True)
class Subject:
    """A person or a unit judged; `unit` is the person's unit, or the unit itself."""

    kind: Kind
    pk: int
    name: str
    unit: Unit
    female: bool | None = None  # people: as person_histories reads the gender

    @property
    def province_id(self) -> int:
        return int(self.unit.province_id)


@dataclass(frozen=True)
class EligibilityRow:
    subject: Subject
    verdict: Verdict
    # Next year's candidates: consecutive years of the chain's title ending in the base year.
    chain: int | None = None


@dataclass(frozen=True)
class EligibilityList:
    """Verdicts of every subject in scope for one award and year, grouped by status (each group
    in the order of the unit's name, then the subject's name)."""

    award: AwardType
    year: int
    province: Province | None
    bloc: Bloc | None
    unit: Unit | None
    groups: Mapping[Status, tuple[EligibilityRow, ...]]

    @property
    def counts(self) -> dict[Status, int]:
        return {status: len(self.groups.get(status, ())) for status in STATUSES}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def rows(self, status: Status | None = None) -> list[EligibilityRow]:
        """Rows of one status, or every row (eligible first, then needs_check, not_eligible)."""
        chosen = STATUSES if status is None else (status,)
        return [row for s in chosen for row in self.groups.get(s, ())]


@dataclass(frozen=True)
class CandidateList(EligibilityList):
    """Next year's candidates: `year` is the base year, verdicts are for `target_year`, assuming
    each subject earns `chain_award` again in `target_year` (only eligible and needs_check)."""

    target_year: int = 0
    chain_rule: Rule | None = None
    chain_award: AwardType | None = None
    consecutive: int = 0


@dataclass(frozen=True)
class SubjectVerdict:
    award: AwardType
    verdict: Verdict


@dataclass(frozen=True)
class _Scope:
    province: Province | None = None
    bloc: Bloc | None = None
    unit: Unit | None = None
    units: tuple[Unit, ...] = field(default_factory=tuple)


# ── Arguments ────────────────────────────────────────────────────────────────────────────────


def check_year(year: Any, *, latest: int | None = None) -> int:
    """The year as an int between 1945 and next year (`latest`), else ValidationFailed
    (invalid_year)."""
    last = timezone.localdate().year + 1 if latest is None else latest
    if isinstance(year, bool) or not isinstance(year, int) or not MIN_YEAR <= year <= last:
        raise ValidationFailed(
            _("Năm phải là số nguyên từ %(low)s đến %(high)s.") % {"low": MIN_YEAR, "high": last},
            code="invalid_year",
            details={"field": "year"},
        )
    return year


def award_type_get(code: str, *, book: Rulebook | None = None) -> AwardType:
    """The catalogue's award type, else ValidationFailed (unknown_award_type)."""
    try:
        return (book or load_rulebook()).award_type(code)
    except KeyError:
        raise ValidationFailed(
            _("Không có hình thức khen thưởng «%(code)s» trong danh mục.") % {"code": code},
            code="unknown_award_type",
            details={"field": "award_type"},
        ) from None


def award_types_of(kind: Kind) -> list[AwardType]:
    """The catalogue's award types for individuals or collectives, in the catalogue's order."""
    return [a for a in load_rulebook().award_types() if a.subject == kind]


def _pk(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value.pk if hasattr(value, "pk") else value)


def _scope(user: Any, province: Any, bloc: Any, unit: Any, year: int) -> _Scope:
    """The guarded province, bloc or unit (the narrowest given wins) and the units in scope:
    the unit and its sub-units, the bloc's members in `year`, or the province's units active in
    `year`. DomainError (missing_scope) when none is given."""
    unit_id, bloc_id, province_id = _pk(unit), _pk(bloc), _pk(province)
    if unit_id is not None:
        found = org_selectors.unit_get_for_user(user=user, pk=unit_id)
        children = org_selectors.unit_list_for_user(user=user).filter(parent_id=found.pk)
        return _Scope(unit=found, units=(found, *children))
    if bloc_id is not None:
        chosen = org_selectors.bloc_get_for_user(user=user, pk=bloc_id)
        members = (
            Unit.objects.select_related("province", "parent")
            .filter(memberships__season__bloc=chosen, memberships__season__year=year)
            .order_by("name", "pk")
        )
        return _Scope(bloc=chosen, units=tuple(members))
    if province_id is not None:
        where = org_selectors.province_get_for_user(user=user, pk=province_id)
        units = org_selectors.unit_list_for_user(
            user=user, province_id=where.pk, active_in_year=year
        )
        return _Scope(province=where, units=tuple(units))
    raise DomainError(
        _("Cần chọn phạm vi xét: tỉnh, khối thi đua hoặc đơn vị."),
        code="missing_scope",
        details={"field": "province"},
    )


# ── Batch evaluation ─────────────────────────────────────────────────────────────────────────


def _subjects(kind: Kind, units: Sequence[Unit]) -> list[Subject]:
    """The units themselves (collectives), or the people of the units (one query per 5,000
    units), in the order of the unit's name, then the person's name, as Vietnamese readers sort
    them: on the folded names (search keys: Đ with D, no tone marks)."""
    by_id = {u.pk: u for u in units}
    if kind == "collective":
        ordered = sorted(units, key=lambda u: (u.search_key, u.pk))
        return [Subject("collective", u.pk, u.name, u) for u in ordered]
    rows: list[tuple[Any, ...]] = []
    for chunk in chunks(sorted(by_id)):
        people = Person.objects.filter(unit_id__in=chunk).order_by()
        rows.extend(
            fetch_rows(people.values_list("pk", "full_name", "unit_id", "gender", "search_key"))
        )
    rows.sort(key=lambda r: (by_id[r[2]].search_key, r[2], r[4], r[0]))
    return [
        Subject("individual", pk, name, by_id[unit_id], female=gender == Gender.FEMALE)
        for pk, name, unit_id, gender, _key in rows
    ]


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a batch builds millions of small, acyclic
    objects (rows, histories, verdicts): each collection would otherwise walk every live object
    again and again, about a third of a province's run. Reference counting still frees them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def histories_of(
    subjects: Sequence[Subject], *, year: int, whole_units: bool = False
) -> dict[int, SubjectHistory]:
    """The subjects' histories by pk (all people, or all units), read in batch: units through
    awards.selectors.history.unit_histories (lineage, members, leadership, exclusions), people
    through person_histories (two queries per 5,000 people, or per 5,000 units when the subjects
    are every person of their units: `whole_units`)."""
    if not subjects:
        return {}
    if subjects[0].kind == "collective":
        return unit_histories([s.pk for s in subjects], year=year)
    with _gc_paused():
        return person_histories(
            [s.pk for s in subjects],
            unit_ids=[s.unit.pk for s in subjects] if whole_units else None,
            female={s.pk: s.female for s in subjects},
        )


def overrides_by_province(province_ids: Iterable[int]) -> dict[int, list[Override]]:
    """Each province's rule settings as rulebook overrides (one query)."""
    ids = sorted(set(province_ids))
    settings = RuleSetting.objects.filter(province_id__in=ids).order_by(
        "province_id", "rule_id", "from_year"
    )
    result: dict[int, list[RuleSetting]] = {pk: [] for pk in ids}
    for setting in settings:
        result[setting.province_id].append(setting)
    return {pk: overrides_of(rows) for pk, rows in result.items()}


def judge(
    subjects: Sequence[Subject],
    histories: Mapping[int, SubjectHistory],
    award: AwardType,
    year: int,
    overrides: Mapping[int, Sequence[Override]],
    *,
    simulate: Callable[[Subject, SubjectHistory], SubjectHistory | None] | None = None,
) -> dict[Status, list[EligibilityRow]]:
    """Verdicts of the subjects grouped by status, the rules resolved once per province.
    `simulate` may change a history before it is judged, or answer None to skip the subject."""
    with _gc_paused():
        return _judge(subjects, histories, award, year, overrides, simulate)


def _judge(
    subjects: Sequence[Subject],
    histories: Mapping[int, SubjectHistory],
    award: AwardType,
    year: int,
    overrides: Mapping[int, Sequence[Override]],
    simulate: Callable[[Subject, SubjectHistory], SubjectHistory | None] | None,
) -> dict[Status, list[EligibilityRow]]:
    book = load_rulebook()
    prepared: dict[int, Prepared] = {}
    groups: dict[Status, list[EligibilityRow]] = {status: [] for status in STATUSES}
    for subject in subjects:
        history: SubjectHistory | None = histories[subject.pk]
        if simulate is not None and history is not None:
            history = simulate(subject, history)
        if history is None:
            continue
        rules = prepared.get(subject.province_id)
        if rules is None:
            own = overrides.get(subject.province_id, ())
            rules = prepared[subject.province_id] = prepare(book, year, own)
        verdict = rules.evaluate(history, award.code)
        groups[verdict.status].append(EligibilityRow(subject, verdict))
    return groups


def _frozen(
    groups: Mapping[Status, list[EligibilityRow]],
) -> dict[Status, tuple[EligibilityRow, ...]]:
    return {status: tuple(groups.get(status, ())) for status in STATUSES}


# ── Selectors ────────────────────────────────────────────────────────────────────────────────


def eligibility_list(
    *,
    user: Any,
    award_type: str,
    year: int,
    province: Province | int | None = None,
    bloc: Bloc | int | None = None,
    unit: Unit | int | None = None,
) -> EligibilityList:
    """Who in the unit (and its sub-units), the bloc's season of `year` or the province may be
    proposed for `award_type` for the achievements of `year`, and why not the others: the units
    for a collective award, their people for an individual one. The narrowest scope given wins.

    Raises ValidationFailed (unknown_award_type, invalid_year), DomainError (missing_scope) and
    NotFound for a scope outside the user's provinces. Queries: the scope, the subjects, their
    histories in batch (awards.selectors.history) and the provinces' settings.
    """
    require(user, "awards.view_registry")
    award = award_type_get(award_type)
    year = check_year(year)
    scope = _scope(user, province, bloc, unit, year)
    subjects = _subjects(award.subject, scope.units)
    histories = histories_of(subjects, year=year, whole_units=True)
    overrides = overrides_by_province(s.province_id for s in subjects)
    groups = judge(subjects, histories, award, year, overrides)
    return EligibilityList(
        award=award,
        year=year,
        province=scope.province,
        bloc=scope.bloc,
        unit=scope.unit,
        groups=_frozen(groups),
    )


def chain_of(award: AwardType, year: int, overrides: Sequence[Override] = ()) -> Rule | None:
    """The first rule of the award whose parameters name a chain (`chain_award`, `consecutive`)
    in force in `year` with the overrides; None when the award rests on no chain of titles."""
    book = load_rulebook()
    for rule_id in award.rule_ids:
        try:
            rule = book.rule(rule_id, year=year, overrides=overrides)
        except KeyError:
            continue
        if rule.params.get("chain_award") and rule.params.get("consecutive"):
            return rule
    return None


def next_year_candidates(
    *,
    user: Any,
    award_type: str,
    year: int,
    province: Province | int | None = None,
    bloc: Bloc | int | None = None,
    unit: Unit | int | None = None,
) -> CandidateList:
    """The subjects one title short of the award's chain: who would meet it in `year + 1` if
    they earn the chain's title (e.g. CSTĐ cơ sở for CSTĐ cấp tỉnh: IND-03 `chain_award`,
    `consecutive`) again in `year + 1`. Those holding exactly `consecutive - 1` such titles in
    consecutive years ending in `year` (those holding the whole chain are this year's list) are
    judged for `year + 1` with that title added; eligible and needs_check are kept. The bloc's
    members are those of its season of `year`; the chain follows the province's overrides.

    Raises as eligibility_list, and ValidationFailed (award_without_chain) when the award rests
    on no chain of titles.
    """
    require(user, "awards.view_registry")
    award = award_type_get(award_type)
    year = check_year(year, latest=timezone.localdate().year)
    target = year + 1
    base_rule = chain_of(award, target)
    if base_rule is None:
        raise ValidationFailed(
            _("«%(name)s» không xét theo chuỗi danh hiệu liên tục; không có ứng viên năm sau.")
            % {"name": award.name},
            code="award_without_chain",
            details={"field": "award_type"},
        )
    scope = _scope(user, province, bloc, unit, year)
    subjects = _subjects(award.subject, scope.units)
    histories = histories_of(subjects, year=target, whole_units=True)
    overrides = overrides_by_province(s.province_id for s in subjects)
    chains = {pk: chain_of(award, target, own) or base_rule for pk, own in overrides.items()}
    runs: dict[int, int] = {}

    def simulate(subject: Subject, history: SubjectHistory) -> SubjectHistory | None:
        rule = chains[subject.province_id]
        code, needed = str(rule.params["chain_award"]), int(rule.params["consecutive"])
        run = runs[subject.pk] = chain_length(history, code, year)
        if run != needed - 1:
            return None
        return dataclasses.replace(history, awards=(*history.awards, HeldAward(code, target)))

    groups = judge(subjects, histories, award, target, overrides, simulate=simulate)
    return CandidateList(
        award=award,
        year=year,
        province=scope.province,
        bloc=scope.bloc,
        unit=scope.unit,
        groups={
            status: tuple(dataclasses.replace(r, chain=runs[r.subject.pk]) for r in groups[status])
            if status != "not_eligible"
            else ()
            for status in STATUSES
        },
        target_year=target,
        chain_rule=base_rule,
        chain_award=load_rulebook().award_type(str(base_rule.params["chain_award"])),
        consecutive=int(base_rule.params["consecutive"]),
    )


def subject_verdicts(
    *,
    user: Any,
    year: int,
    person: Person | int | None = None,
    unit: Unit | int | None = None,
    award_types: Sequence[str] | None = None,
) -> list[SubjectVerdict]:
    """The verdicts of a person (individual awards) or a unit (collective awards) for every
    award type of its kind in the catalogue's order, or for `award_types` only. NotFound for a
    subject outside the user's provinces. Queries: the subject when given by id, its history,
    its province's settings."""
    require(user, "awards.view_registry")
    year = check_year(year)
    subject = _subject(user, person=person, unit=unit)
    kind = subject.kind
    awards = award_types_of(kind)
    if award_types is not None:
        wanted = set(award_types)
        awards = [a for a in awards if a.code in wanted]
    history = histories_of([subject], year=year)
    overrides = overrides_by_province([subject.province_id])[subject.province_id]
    rules = prepare(load_rulebook(), year, overrides)
    return [SubjectVerdict(a, rules.evaluate(history[subject.pk], a.code)) for a in awards]


def _subject(user: Any, *, person: Person | int | None, unit: Unit | int | None) -> Subject:
    if (person is None) == (unit is None):
        raise ValueError("subject_verdicts: exactly one of person, unit")
    if person is not None:
        found_person = (
            person
            if isinstance(person, Person)
            else org_selectors.person_get_for_user(user=user, pk=person)
        )
        _check_visible(user, found_person.unit.province_id)
        return Subject(
            "individual",
            found_person.pk,
            found_person.full_name,
            found_person.unit,
            female=found_person.gender == Gender.FEMALE,
        )
    found = (
        unit if isinstance(unit, Unit) else org_selectors.unit_get_for_user(user=user, pk=int(unit))  # type: ignore[arg-type]
    )
    _check_visible(user, found.province_id)
    return Subject("collective", found.pk, found.name, found)


def _check_visible(user: Any, province_id: int) -> None:
    visible = visible_province_ids(user)
    if visible is not None and province_id not in visible:
        raise NotFound()


__all__ = [
    "STATUSES",
    "CandidateList",
    "EligibilityList",
    "EligibilityRow",
    "Subject",
    "SubjectVerdict",
    "award_type_get",
    "award_types_of",
    "chain_of",
    "check_year",
    "eligibility_list",
    "histories_of",
    "judge",
    "next_year_candidates",
    "overrides_by_province",
    "subject_verdicts",
]
