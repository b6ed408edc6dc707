"""Properties of the chain logic (hypothesis): gaps break a chain, the order of records is
irrelevant, thematic / ad hoc / revoked awards never change a verdict's status, and a year of
discipline never turns "not eligible" into anything better."""

import dataclasses
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.awards.test_eligibility_helpers import (
    BOOK,
    CSTD_TINH,
    CSTDCS,
    person,
    province,
    titles,
    verdict,
)
from thidua.awards.eligibility import HeldAward, SubjectHistory, YearFacts, consecutive_years

pytestmark = pytest.mark.unit

YEARS = st.integers(2012, 2026)
INDIVIDUAL = [a.code for a in BOOK.award_types() if a.subject == "individual"]
COLLECTIVE = [a.code for a in BOOK.award_types() if a.subject == "collective"]
CHAIN_CODES = [
    CSTDCS,
    CSTD_TINH,
    "lao_dong_tien_tien",
    "bang_khen_chu_tich_ubnd_tinh_ca_nhan",
    "bang_khen_thu_tuong_ca_nhan",
    "huan_chuong_lao_dong_hang_ba_ca_nhan",
    "huan_chuong_lao_dong_hang_nhi_ca_nhan",
]
UNIT_CODES = [
    "tap_the_lao_dong_xuat_sac",
    "co_thi_dua_ubnd_tinh",
    "bang_khen_chu_tich_ubnd_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba_tap_the",
]
EVAL_YEARS = st.sampled_from([2019, 2022, 2023, 2024, 2025])

merit_awards = st.builds(HeldAward, code=st.sampled_from(CHAIN_CODES), year=YEARS)
unit_awards = st.builds(HeldAward, code=st.sampled_from(UNIT_CODES), year=YEARS)
year_facts = st.builds(
    YearFacts,
    year=YEARS,
    rating=st.sampled_from(["", "htxs", "htt", "ht", "kht"]),
    initiative_scope=st.sampled_from(["", "grassroots", "province", "national"]),
    science_accepted=st.booleans(),
    disciplined=st.sampled_from([False, False, False, True]),
    initiatives=st.none() | st.integers(0, 3),
)
individuals = st.builds(
    SubjectHistory,
    kind=st.just("individual"),
    awards=st.lists(merit_awards, max_size=14).map(tuple),
    facts=st.lists(year_facts, max_size=14).map(tuple),
    outside_public_sector=st.booleans(),
)
shares = st.fractions(min_value=0, max_value=1, max_denominator=100)
year_maps = st.dictionaries(YEARS, st.booleans(), max_size=6)
collectives = st.builds(
    SubjectHistory,
    kind=st.just("collective"),
    awards=st.lists(unit_awards, max_size=12).map(tuple),
    facts=st.lists(year_facts, max_size=12).map(tuple),
    member_ldtt_share=st.dictionaries(YEARS, shares, max_size=6),
    members_all_completed=year_maps,
    member_cstdcs=st.dictionaries(YEARS, st.integers(0, 3), max_size=6),
    member_disciplined=year_maps,
    is_bloc_leader=year_maps,
)
subjects = st.one_of(
    st.tuples(individuals, st.sampled_from(INDIVIDUAL)),
    st.tuples(collectives, st.sampled_from(COLLECTIVE)),
)
SETTINGS = st.sampled_from(
    [
        (),
        (province("COL-01", ldtt_share="7/10"),),
        (
            province("FRM-03", prerequisite_year_counts=False),
            province("IND-04t", max_years_after=1),
        ),
    ]
)


def _status_and_rule(history, award, year, overrides=()):
    v = verdict(history, award, year, *overrides)
    return v.status, v.decided_by


# ── gaps break a chain ──────────────────────────────────────────────────────────────────────


@settings(max_examples=300, deadline=None)
@given(years=st.sets(YEARS, max_size=15), ending=YEARS, gap=YEARS)
def test_a_gap_year_bounds_the_run(years, ending, gap):
    run = consecutive_years(years - {gap}, ending)

    assert run <= consecutive_years(years, ending)
    if gap <= ending:
        assert run <= ending - gap


@settings(max_examples=300, deadline=None)
@given(year=st.integers(2019, 2026), gap_offset=st.integers(0, 2), extra=st.sets(YEARS))
def test_a_gap_in_the_last_three_years_denies_cstd_cap_tinh(year, gap_offset, extra):
    gap = year - gap_offset
    held = (set(range(year - 2, year + 1)) | {y for y in extra if y < year - 2}) - {gap}
    history = person(
        titles(CSTDCS, *held), scopes=dict.fromkeys(range(year - 2, year + 1), "province")
    )
    v = verdict(history, CSTD_TINH, year)

    assert (v.status, v.decided_by) == ("not_eligible", "IND-03")


@settings(max_examples=200, deadline=None)
@given(year=st.integers(2019, 2026), before=st.sets(st.integers(2000, 2016)))
def test_three_years_without_gap_meet_the_chain(year, before):
    held = set(range(year - 2, year + 1)) | before
    history = person(titles(CSTDCS, *held), scopes={year: "province"})

    assert _status_and_rule(history, CSTD_TINH, year) == ("eligible", "")


# ── order of records ────────────────────────────────────────────────────────────────────────


@settings(max_examples=300, deadline=None)
@given(subject=subjects, year=EVAL_YEARS, seed=st.integers(), overrides=SETTINGS)
def test_order_of_records_is_irrelevant(subject, year, seed, overrides):
    history, award = subject
    rng = random.Random(seed)
    awards, facts = list(history.awards), list(history.facts)
    rng.shuffle(awards)
    rng.shuffle(facts)
    shuffled = dataclasses.replace(history, awards=tuple(awards), facts=tuple(facts))

    assert verdict(shuffled, award, year, *overrides) == verdict(history, award, year, *overrides)


# ── GEN-02: thematic, ad hoc and revoked awards ─────────────────────────────────────────────


@settings(max_examples=300, deadline=None)
@given(
    subject=subjects,
    year=EVAL_YEARS,
    noise=st.lists(
        st.tuples(
            st.sampled_from(CHAIN_CODES + UNIT_CODES),
            YEARS,
            st.sampled_from(["thematic", "ad_hoc", "long_service", "revoked", "other"]),
        ),
        min_size=1,
        max_size=6,
    ),
    overrides=SETTINGS,
)
def test_thematic_ad_hoc_revoked_awards_never_change_a_verdict(subject, year, noise, overrides):
    history, award = subject
    extra = tuple(
        HeldAward(code, y, "merit", True) if kind == "revoked" else HeldAward(code, y, kind)
        for code, y, kind in noise
    )
    noisy = dataclasses.replace(history, awards=history.awards + extra)
    before = verdict(history, award, year, *overrides)
    after = verdict(noisy, award, year, *overrides)

    assert (after.status, after.decided_by) == (before.status, before.decided_by)
    assert [r for r in after.reasons if r.rule_id != "GEN-02"] == [
        r for r in before.reasons if r.rule_id != "GEN-02"
    ]


# ── GEN-03: discipline ──────────────────────────────────────────────────────────────────────


@settings(max_examples=400, deadline=None)
@given(subject=subjects, year=EVAL_YEARS, punished=YEARS, overrides=SETTINGS)
def test_a_year_of_discipline_never_turns_not_eligible_into_eligible(
    subject, year, punished, overrides
):
    history, award = subject
    facts = [f for f in history.facts if f.year != punished]
    same_year = [f for f in history.facts if f.year == punished]
    marked = [dataclasses.replace(f, disciplined=True) for f in same_year] or [
        YearFacts(punished, disciplined=True)
    ]
    disciplined = dataclasses.replace(history, facts=tuple(facts + marked))
    before = verdict(history, award, year, *overrides)
    after = verdict(disciplined, award, year, *overrides)

    if before.status == "not_eligible":
        assert after.status == "not_eligible"
    if after.status == "eligible":
        assert before.status == "eligible"
    if punished == year:
        assert (after.status, after.decided_by) == ("not_eligible", "GEN-03")


@settings(max_examples=200, deadline=None)
@given(subject=subjects, year=EVAL_YEARS)
def test_under_review_is_never_eligible(subject, year):
    history, award = subject
    reviewed = dataclasses.replace(history, under_review=True)

    assert _status_and_rule(reviewed, award, year) == ("not_eligible", "GEN-03")


# ── every verdict ───────────────────────────────────────────────────────────────────────────


@settings(max_examples=300, deadline=None)
@given(subject=subjects, year=EVAL_YEARS, overrides=SETTINGS)
def test_verdict_is_consistent_with_its_reasons(subject, year, overrides):
    history, award = subject
    v = verdict(history, award, year, *overrides)
    mets = [r.met for r in v.reasons]

    assert v.reasons and v.reasons[0].rule_id == "GEN-03"
    if v.status == "not_eligible":
        assert next(r for r in v.reasons if r.met is False).rule_id == v.decided_by
    elif v.status == "needs_check":
        assert False not in mets
        assert next(r for r in v.reasons if r.met is None).rule_id == v.decided_by
    else:
        assert set(mets) == {True} and v.decided_by == ""
    for reason in v.reasons:
        # "ID (citation): …", or "ID (citation; tỉnh quy định: …): …" under a province setting.
        assert reason.text.startswith(f"{reason.rule_id} ({reason.citation}")
        assert "): " in reason.text
