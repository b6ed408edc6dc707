"""The eligibility engine's contract: chain helpers, how a status is decided, reasons, caching."""

import dataclasses

import pytest

from tests.awards.test_eligibility_helpers import (
    BOOK,
    CSTD_TINH,
    CSTDCS,
    LDTT,
    TTLDTT,
    XA,
    mets,
    outcome,
    person,
    province,
    titles,
    unit,
    verdict,
)
from thidua.awards.eligibility import (
    HeldAward,
    Prepared,
    SubjectHistory,
    YearFacts,
    chain_length,
    consecutive_years,
    counted_awards,
    eligibility,
    prepare,
)
from thidua.awards.rulebook import Override, parse_rulebook

pytestmark = pytest.mark.unit


# ── consecutive_years, counted_awards, chain_length ─────────────────────────────────────────


@pytest.mark.parametrize(
    ("years", "ending", "expected"),
    [
        (set(), 2024, 0),
        ({2024}, 2024, 1),
        ({2022, 2023, 2024}, 2024, 3),
        ({2021, 2023, 2024}, 2024, 2),  # a gap breaks the run
        ({2022, 2023}, 2024, 0),  # the run must end in the year
        ({2022, 2023, 2024, 2025}, 2024, 3),  # later years do not count
    ],
)
def test_consecutive_years(years, ending, expected):
    assert consecutive_years(years, ending) == expected


def test_counted_awards_keep_merit_not_revoked():
    kept = HeldAward(CSTDCS, 2022)
    history = person(
        (
            kept,
            HeldAward(CSTDCS, 2023, "thematic"),
            HeldAward(CSTDCS, 2024, "ad_hoc"),
            HeldAward(CSTDCS, 2021, "long_service"),
            HeldAward(CSTDCS, 2020, revoked=True),
        )
    )

    assert counted_awards(history) == (kept,)


def test_chain_length_next_years_candidates():
    history = person(titles(CSTDCS, 2020, 2022, 2023), titles(CSTDCS, 2024, basis="thematic"))

    assert chain_length(history, CSTDCS, 2023) == 2
    assert chain_length(history, CSTDCS, 2024) == 0


def test_chain_length_discipline_breaks():
    history = person(titles(CSTDCS, 2022, 2023, 2024), disciplined=[2023])

    assert chain_length(history, CSTDCS, 2024) == 1


# ── status ──────────────────────────────────────────────────────────────────────────────────


def test_status_eligible_when_every_reason_met():
    v = verdict(person(ratings={2024: "htt"}), LDTT, 2024)

    assert (v.award_type, v.year, v.status, v.decided_by) == (LDTT, 2024, "eligible", "")
    assert [r.met for r in v.reasons] == [True, True]


def test_status_not_eligible_names_the_first_failing_rule():
    v = verdict(person(ratings={2024: "ht"}, disciplined=[2024]), LDTT, 2024)

    assert (v.status, v.decided_by) == ("not_eligible", "GEN-03")
    assert mets(v, "IND-01") == [False]


def test_status_needs_check_when_something_unknown():
    v = verdict(person(titles(CSTDCS, 2022, 2023, 2024)), CSTD_TINH, 2024)

    assert (v.status, v.decided_by) == ("needs_check", "IND-03")
    assert mets(v, "IND-03") == [True, None]


def test_a_failing_u_rule_only_asks_for_a_check():
    history = unit(ratings={2024: "ht"}, ldtt={2024: "1/2"}, member_disciplined={2024: True})
    v = verdict(history, TTLDTT, 2024)

    assert BOOK.rule("COL-01", year=2024).confidence == "U"
    assert (v.status, v.decided_by) == ("needs_check", "COL-01")
    assert mets(v, "COL-01") == [None, None, None]
    assert all("Quy tắc chưa được xác nhận [U]" in t for t in [r.text for r in v.reasons][1:])


def test_a_province_setting_makes_a_u_rule_binding():
    history = unit(ratings={2024: "ht"}, ldtt={2024: "7/10"}, member_disciplined={2024: False})
    setting = province("COL-01", ldtt_share="7/10")
    v = verdict(history, TTLDTT, 2024, setting)

    assert (v.status, v.decided_by) == ("not_eligible", "COL-01")
    assert "tỉnh quy định: QĐ 99/2024/QĐ-UBND" in v.reasons[1].text


def test_every_reason_names_its_rule_and_citation():
    v = verdict(person(titles(CSTDCS, 2022, 2024), disciplined=[2023]), CSTD_TINH, 2025)

    for reason in v.reasons:
        assert reason.text.startswith(f"{reason.rule_id} ({reason.citation}): ")
        assert reason.citation == BOOK.rule(reason.rule_id, year=2025).citation


def test_voting_rules_of_the_award_are_not_evaluated():
    v = verdict(person(ratings={2024: "htxs"}), CSTDCS, 2024)

    assert [r.rule_id for r in v.reasons] == ["GEN-03", "IND-02", "IND-02", "IND-02q"]


def test_unknown_award_type_raises():
    with pytest.raises(KeyError):
        verdict(person(), "huy_chuong_vang", 2024)


def test_subject_kind_must_match_the_award():
    with pytest.raises(ValueError, match="không xét cho tập thể"):
        verdict(unit(), LDTT, 2024)
    with pytest.raises(ValueError, match="không xét cho cá nhân"):
        verdict(person(), TTLDTT, 2024)


def test_year_before_every_regime_needs_a_check():
    v = verdict(person(ratings={2015: "htt"}), LDTT, 2015)

    assert (v.status, v.decided_by) == ("needs_check", "GEN-03")
    assert [r.met for r in v.reasons] == [None, None, None]


def test_rule_evaluated_without_an_evaluator_needs_a_check():
    text = (
        '[[rule]]\nid = "IND-99"\ntitle = "t"\ncitation = "c"\nconfidence = "C"\n'
        "effective_from = 2017-10-01\n"
        '[[award_type]]\ncode = "x"\nname = "X"\ncategory = "title"\nsubject = "individual"\n'
        'level = "unit"\ndecided_by = "d"\norder = 1\nrule_ids = ["IND-99"]\n'
    )
    v = eligibility(person(), "x", 2024, parse_rulebook(text))

    assert (v.status, v.decided_by) == ("needs_check", "GEN-03")
    assert [(r.rule_id, r.met) for r in v.reasons] == [("GEN-03", None), ("IND-99", None)]


# ── facts ───────────────────────────────────────────────────────────────────────────────────


def test_two_records_of_one_year_take_the_cautious_values():
    history = SubjectHistory(
        "individual",
        facts=(YearFacts(2024, rating="htxs"), YearFacts(2024, rating="ht")),
    )
    swapped = dataclasses.replace(history, facts=history.facts[::-1])

    assert outcome(history, LDTT, 2024) == ("not_eligible", "IND-01")
    assert verdict(history, LDTT, 2024) == verdict(swapped, LDTT, 2024)


def test_initiatives_count_may_be_given():
    history = person(ratings={2023: "htxs", 2024: "htxs"}, initiatives={2024: 2})

    assert outcome(history, "bang_khen_chu_tich_ubnd_tinh_ca_nhan", 2024) == ("eligible", "")


# ── prepare ─────────────────────────────────────────────────────────────────────────────────


def test_prepare_is_cached_by_year_and_equal_overrides():
    one = [Override("COL-01", {"ldtt_share": "7/10"}, 2020, "QĐ 1")]
    same = [Override("COL-01", {"ldtt_share": "7/10"}, 2020, "QĐ 1")]
    other = [Override("COL-01", {"ldtt_share": "3/4"}, 2020, "QĐ 1")]

    assert isinstance(prepare(BOOK, 2024), Prepared)
    assert prepare(BOOK, 2024) is prepare(BOOK, 2024, ())
    assert prepare(BOOK, 2024, one) is prepare(BOOK, 2024, same)
    assert prepare(BOOK, 2024, one) is not prepare(BOOK, 2024, other)
    assert prepare(BOOK, 2024) is not prepare(BOOK, 2025)


def test_prepare_evaluate_is_eligibility():
    history = person(titles(CSTDCS, 2022, 2023, 2024), scopes={2024: "province"})

    assert prepare(BOOK, 2024).evaluate(history, CSTD_TINH) == eligibility(
        history, CSTD_TINH, 2024, BOOK
    )


def test_prepare_does_not_mix_rulebooks():
    other = parse_rulebook(
        '[[award_type]]\ncode = "xa_phuong_dac_khu_tieu_bieu"\nname = "X"\ncategory = "title"\n'
        'subject = "collective"\nlevel = "unit"\ndecided_by = "d"\norder = 1\n'
    )

    assert prepare(other, 2024) is not prepare(BOOK, 2024)
    assert outcome(unit(), XA, 2024) == ("needs_check", "STD-00")
    assert eligibility(unit(), XA, 2024, other).decided_by == "GEN-03"


def test_a_mutated_override_list_is_seen():
    settings = [province("COL-01", ldtt_share="7/10")]
    history = unit(ratings={2024: "htt"}, ldtt={2024: "69/100"}, member_disciplined={2024: False})
    before = eligibility(history, TTLDTT, 2024, BOOK, overrides=settings)
    settings.clear()
    after = eligibility(history, TTLDTT, 2024, BOOK, overrides=settings)

    assert (before.status, after.status) == ("not_eligible", "needs_check")


def test_gen02_lists_every_award_left_out_of_chains():
    history = person(
        titles(CSTDCS, 2023, revoked=True),
        titles(CSTDCS, 2023, basis="other"),
        titles(CSTDCS, 2022, basis="ad_hoc"),
        titles(CSTDCS, 2026, basis="thematic"),  # after the year: not shown
        ratings={2024: "htt"},
    )
    v = verdict(history, LDTT, 2024)

    assert [r.text.split("): ", 1)[1] for r in v.reasons if r.rule_id == "GEN-02"] == [
        "Không tính vào chuỗi thành tích: CSTĐ cơ sở 2022 (đột xuất); CSTĐ cơ sở 2023 (không "
        "theo công trạng); CSTĐ cơ sở 2023 (đã hủy)."
    ]
