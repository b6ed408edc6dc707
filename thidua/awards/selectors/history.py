"""A subject's history as the pure eligibility engine reads it, built from the registry in a
constant number of queries for any number of people or units (batch eligibility).

Units inherit the records, ratings and bloc leadership of their predecessors through lineage
(a merged unit's successor carries its history). People are judged on their own records.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import Any, TypeVar

from django.db import connections
from django.db.models import QuerySet

from thidua.awards.eligibility import HeldAward, SubjectHistory, YearFacts
from thidua.awards.models import AnnualAssessment, AwardRecord, Rating
from thidua.org.enums import Gender
from thidua.org.models import Person, Season
from thidua.org.selectors import lineage_edges, walk_lineage
from thidua.scoring.models import Exclusion

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
T = TypeVar("T")
CHUNK = 5000  # SQLite limits the number of parameters of one query


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """`items` in slices of `size` (one query each)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _facts(rows: Iterable[tuple]) -> dict[int, list[YearFacts]]:
    facts: dict[int, list[YearFacts]] = defaultdict(list)
    for subject_id, year, rating, scope, science, disciplined in rows:
        facts[subject_id].append(
            YearFacts(
                year=year,
                rating=rating,
                initiative_scope=scope,
                science_accepted=science,
                disciplined=disciplined,
            )
        )
    return facts


def fetch_rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of an unordered values_list query straight from the cursor: no per-row
    converters (a batch reads millions of rows; booleans may come back as 0/1 and are
    normalised by the caller; the caller sorts, the database need not)."""
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def person_histories(
    person_ids: Sequence[int],
    *,
    unit_ids: Sequence[int] | None = None,
    female: Mapping[int, bool | None] | None = None,
) -> dict[int, SubjectHistory]:
    """Histories of people: their awards and yearly facts, two queries per 5,000 people (three
    when `female` is not given and the gender is read too).

    With `unit_ids`, the people being every person of those units, the lines are read by unit:
    a province's 100,000 people spare the database and Django as many bound ids. Equal awards
    and yearly facts are shared between people: they hold millions of lines but a few hundred
    distinct ones.
    """
    ids = sorted(set(person_ids))
    awards: dict[int, list[HeldAward]] = {pk: [] for pk in ids}
    facts: dict[int, list[YearFacts]] = {pk: [] for pk in ids}
    held_cache: dict[tuple[Any, ...], HeldAward] = {}
    facts_cache: dict[tuple[Any, ...], YearFacts] = {}
    field, keys = ("person_id", ids)
    if unit_ids is not None:
        field, keys = ("person__unit_id", sorted(set(unit_ids)))
    for chunk in chunks(keys):
        where = {f"{field}__in": chunk}
        records = AwardRecord.objects.filter(**where).order_by()
        for row in fetch_rows(
            records.values_list("award_type", "year", "basis", "revoked", "person_id")
        ):
            key = row[:4]
            held = held_cache.get(key)
            if held is None:
                held = held_cache[key] = HeldAward(row[0], row[1], row[2], bool(row[3]))
            found = awards.get(row[4])
            if found is not None:
                found.append(held)
        assessments = AnnualAssessment.objects.filter(**where).order_by()
        for row in fetch_rows(
            assessments.values_list(
                "year", "rating", "initiative_scope", "science_accepted", "disciplined", "person_id"
            )
        ):
            key = row[:5]
            fact = facts_cache.get(key)
            if fact is None:
                fact = facts_cache[key] = YearFacts(
                    year=row[0],
                    rating=row[1],
                    initiative_scope=row[2],
                    science_accepted=bool(row[3]),
                    disciplined=bool(row[4]),
                )
            listed = facts.get(row[5])
            if listed is not None:
                listed.append(fact)
    if female is None:
        female = {}
        for chunk in chunks(ids):
            genders = Person.objects.filter(pk__in=chunk).order_by().values_list("pk", "gender")
            female.update((pk, gender == Gender.FEMALE) for pk, gender in genders)
    return {
        pk: SubjectHistory(
            kind="individual",
            awards=tuple(awards[pk]),
            facts=tuple(facts[pk]),
            female=female.get(pk),
        )
        for pk in ids
    }


def ancestor_map(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """Each unit's predecessors through every lineage event (two queries for the whole graph)."""
    _preds, _succs, back, _forward = lineage_edges()
    return {start: walk_lineage(start, back) for start in unit_ids}


def unit_histories(unit_ids: Sequence[int], *, year: int) -> dict[int, SubjectHistory]:
    """Histories of units (collectives) with their predecessors' history, their members' titles
    per year (COL-01/02), bloc leadership (COL-03) and GEN-03 exclusions in `year`."""
    ids = sorted(set(unit_ids))
    lineage = ancestor_map(ids)
    owner: dict[int, set[int]] = defaultdict(set)  # a unit of the history → the units judged
    for uid in ids:
        for member in (uid, *lineage[uid]):
            owner[member].add(uid)
    every = sorted(owner)
    awards: dict[int, list[HeldAward]] = defaultdict(list)
    facts: dict[int, dict[int, YearFacts]] = defaultdict(dict)
    leaders: dict[int, dict[int, bool]] = defaultdict(dict)
    excluded: set[int] = set()
    for chunk in chunks(every):
        for uid, code, y, basis, revoked in (
            AwardRecord.objects.filter(unit_id__in=chunk)
            .order_by()
            .values_list("unit_id", "award_type", "year", "basis", "revoked")
        ):
            for target in owner[uid]:
                awards[target].append(HeldAward(code=code, year=y, basis=basis, revoked=revoked))
        rows = (
            AnnualAssessment.objects.filter(unit_id__in=chunk)
            .order_by()
            .values_list(
                "unit_id", "year", "rating", "initiative_scope", "science_accepted", "disciplined"
            )
        )
        for uid, items in _facts(rows).items():
            for target in owner[uid]:
                for item in items:  # the unit's own facts win over a predecessor's
                    if uid == target or item.year not in facts[target]:
                        facts[target][item.year] = item
        for leader_id, y in (
            Season.objects.filter(leader_id__in=chunk).order_by().values_list("leader_id", "year")
        ):
            for target in owner[leader_id]:
                leaders[target][y] = True
        excluded.update(
            Exclusion.objects.filter(unit_id__in=chunk, season__year=year)
            .order_by()
            .values_list("unit_id", flat=True)
        )
    members = _member_stats(ids)
    return {
        uid: SubjectHistory(
            kind="collective",
            awards=tuple(awards.get(uid, ())),
            facts=tuple(sorted(facts.get(uid, {}).values(), key=lambda f: f.year)),
            member_ldtt_share=members[uid][0],
            members_all_completed=members[uid][1],
            member_cstdcs=members[uid][2],
            member_disciplined=members[uid][3],
            under_review=any(u in excluded for u in (uid, *lineage[uid])),
            is_bloc_leader=leaders.get(uid, {}),
        )
        for uid in ids
    }


def _member_stats(
    unit_ids: Sequence[int],
) -> dict[int, tuple[dict[int, Fraction], dict[int, bool], dict[int, int], dict[int, bool]]]:
    """Per unit and year: share of its people holding LĐTT, whether every rated person completed
    the tasks, how many hold CSTĐ cơ sở, whether one was disciplined (people of the unit now)."""
    headcount: dict[int, int] = defaultdict(int)
    person_unit: dict[int, int] = {}
    for chunk in chunks(list(unit_ids)):
        for pid, uid in (
            Person.objects.filter(unit_id__in=chunk).order_by().values_list("pk", "unit_id")
        ):
            person_unit[pid] = uid
            headcount[uid] += 1
    ldtt: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    cstdcs: dict[int, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    completed: dict[int, dict[int, bool]] = defaultdict(dict)
    disciplined: dict[int, dict[int, bool]] = defaultdict(dict)
    people = sorted(person_unit)
    for chunk in chunks(people):
        for pid, code, y in (
            AwardRecord.objects.filter(
                person_id__in=chunk, award_type__in=(LDTT, CSTDCS), revoked=False
            )
            .order_by()
            .values_list("person_id", "award_type", "year")
        ):
            target = ldtt if code == LDTT else cstdcs
            target[person_unit[pid]][y] += 1
        for pid, y, rating, punished in (
            AnnualAssessment.objects.filter(person_id__in=chunk)
            .order_by()
            .values_list("person_id", "year", "rating", "disciplined")
        ):
            uid = person_unit[pid]
            done = rating in (Rating.HTXS, Rating.HTT, Rating.HT)
            completed[uid][y] = completed[uid].get(y, True) and done
            disciplined[uid][y] = disciplined[uid].get(y, False) or punished
    stats = {}
    for uid in unit_ids:
        count = headcount.get(uid, 0)
        shares = {y: Fraction(n, count) for y, n in ldtt[uid].items()} if count else {}
        stats[uid] = (shares, dict(completed[uid]), dict(cstdcs[uid]), dict(disciplined[uid]))
    return stats
