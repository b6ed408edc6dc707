"""The rulebook data (rulebook.toml) and its pure engine: versions, overrides, poll rules, checks."""

import datetime
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from thidua.awards.rulebook import (
    RULEBOOK_PATH,
    Override,
    as_fraction,
    check_poll_setup,
    check_quorum,
    load_rulebook,
    max_choices,
    params_errors,
    parse_rulebook,
    poll_rules,
)

pytestmark = pytest.mark.unit
F = Fraction
BOOK = load_rulebook()
BLOC_AWARDS = ["co_thi_dua_chinh_phu", "co_thi_dua_ubnd_tinh", "bang_khen_chu_tich_ubnd_tinh"]
DOMAIN_IDS = (
    [f"GEN-{i:02d}" for i in range(1, 11)]
    + [f"VOT-{i:02d}" for i in range(1, 14)]
    + [f"BLK-{i:02d}" for i in range(1, 13)]
)


def _rules(award="co_thi_dua_ubnd_tinh", kind="nomination", year=2025, overrides=()):
    return poll_rules(BOOK, kind=kind, award_type=award, year=year, overrides=overrides)


def _setup(rules, *, award="co_thi_dua_ubnd_tinh", kind="nomination", seats=1, members=10, **other):
    return check_poll_setup(
        rules, kind=kind, award_type=award, seats=seats, members=members, seats_by_award=other
    )


def _codes(findings):
    return [(f.code, f.rule_id, f.blocking) for f in findings]


# ── the data ─────────────────────────────────────────────────────────────────────────────────


def test_rulebook_every_rule_is_complete():
    for rule in BOOK.rules():
        assert rule.id and rule.title and rule.citation, rule
        assert rule.confidence in ("C", "R", "U"), rule.id
        assert isinstance(rule.effective_from, datetime.date), rule.id
        assert rule.effective_to is None or rule.effective_to >= rule.effective_from, rule.id
        assert params_errors(rule.params) == [], rule.id


def test_rulebook_has_every_domain_rule():
    ids = {rule.id for rule in BOOK.rules()}

    assert set(DOMAIN_IDS) <= ids
    assert {"BAL-01", "VOT-05B", "BLK-Q", "BLK-Q-BK"} <= ids


def test_rulebook_versions_unique_and_not_overlapping():
    keys = [(rule.id, rule.effective_from) for rule in BOOK.rules()]
    assert len(keys) == len(set(keys))
    for rule_id in {rule.id for rule in BOOK.rules()}:
        versions = BOOK.versions(rule_id)
        for older, newer in zip(versions, versions[1:], strict=False):
            assert older.effective_to is not None, rule_id
            assert older.effective_to < newer.effective_from, rule_id


@pytest.mark.parametrize(
    ("rule_id", "year", "confidence"),
    [
        ("GEN-05", 2025, "C"),
        ("VOT-02", 2024, "C"),
        ("VOT-02", 2025, "U"),
        ("VOT-03", 2024, "C"),
        ("VOT-03", 2026, "U"),
        ("VOT-05", 2025, "C"),
        ("VOT-05B", 2025, "U"),
        ("VOT-11", 2025, "U"),
        ("VOT-13", 2025, "U"),
        ("BLK-04", 2025, "C"),
        ("BLK-09", 2025, "U"),
        ("BLK-10", 2025, "C"),
        ("BLK-11", 2019, "C"),
        ("BLK-11", 2025, "U"),
        ("BLK-12", 2025, "U"),
        ("BAL-01", 2025, "R"),
    ],
)
def test_rulebook_confidence_as_in_domain_rules(rule_id, year, confidence):
    assert BOOK.rule(rule_id, year=year).confidence == confidence


def test_rulebook_council_thresholds():
    assert BOOK.rule("VOT-02", year=2024).params == {
        "share": "9/10",
        "strict": False,
        "base": "members",
    }
    assert BOOK.rule("VOT-03", year=2025).params == {
        "share": "4/5",
        "strict": False,
        "base": "members",
    }
    assert BOOK.rule("VOT-05", year=2025).params["quorum_share"] == "2/3"
    assert BOOK.rule("BAL-01", year=2025).citation == (
        "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân 2015, Điều 74 "
        "(phiếu bầu không hợp lệ), áp dụng tương tự"
    )


@pytest.mark.parametrize(
    ("year", "citation", "confidence"),
    [
        (2019, "TT 08/2017/TT-BNV (hướng dẫn NĐ 91/2017/NĐ-CP)", "C"),
        (2023, "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7", "C"),  # NĐ 98 in force on 31/12/2023
        (2024, "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7", "C"),
        (2025, "NĐ 152/2025/NĐ-CP", "U"),
        (2030, "NĐ 152/2025/NĐ-CP", "U"),
    ],
)
def test_rule_regime_change_across_years(year, citation, confidence):
    rule = BOOK.rule("VOT-04", year=year)

    assert rule.citation.startswith(citation)
    assert rule.confidence == confidence


def test_rule_nd91_quota_only_in_old_regime():
    assert BOOK.rule("BLK-11", year=2019).params == {"share_of_standard": "1/5"}
    assert BOOK.rule("BLK-11", year=2024).params == {}


def test_rule_unknown_id_raises():
    with pytest.raises(KeyError):
        BOOK.rule("VOT-99", year=2025)


def test_rule_not_in_force_raises():
    with pytest.raises(KeyError):
        BOOK.rule("VOT-02", year=2019)


def test_rule_copies_do_not_change_the_cache():
    BOOK.rule("BLK-09", year=2025).params["seats_quota"] = 5

    assert BOOK.rule("BLK-09", year=2025).params == {"seats_quota": 1}
    assert load_rulebook() is BOOK


# ── overrides ────────────────────────────────────────────────────────────────────────────────


def test_override_replaces_params_and_binds():
    override = Override("BLK-09", {"seats_quota": 2}, from_year=2024, citation="QĐ 12/2024 tỉnh X")

    rule = BOOK.rule("BLK-09", year=2025, overrides=[override])

    assert rule.params == {"seats_quota": 2}
    assert (rule.source, rule.province_citation, rule.binding) == (
        "province",
        "QĐ 12/2024 tỉnh X",
        True,
    )
    assert BOOK.rule("BLK-09", year=2025).binding is False


def test_override_merges_over_defaults():
    rule = BOOK.rule("VOT-13", year=2025, overrides=[Override("VOT-13", {"share": "4/5"}, 2020)])

    assert rule.params == {"share": "4/5", "strict": True, "base": "members"}


def test_override_latest_applicable_year_wins():
    overrides = [
        Override("BLK-09", {"seats_quota": 2}, 2020),
        Override("BLK-09", {"seats_quota": 3}, 2024),
        Override("BLK-09", {"seats_quota": 4}, 2026),
        Override("BLK-10", {"seats_quota": 5}, 2020),
    ]

    assert BOOK.rule("BLK-09", year=2019, overrides=overrides).source == "rulebook"
    assert BOOK.rule("BLK-09", year=2023, overrides=overrides).params["seats_quota"] == 2
    assert BOOK.rule("BLK-09", year=2025, overrides=overrides).params["seats_quota"] == 3
    assert BOOK.rule("BLK-09", year=2026, overrides=overrides).params["seats_quota"] == 4


def test_override_with_bad_value_refused_by_poll_rules():
    override = Override("VOT-13", {"share": "3/2"}, 2020)

    with pytest.raises(ValueError, match="VOT-13"):
        _rules(overrides=[override])


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("4/5", F(4, 5)),
        ("0.8", F(4, 5)),
        ("80%", F(4, 5)),
        ("0,9", F(9, 10)),
        (0.9, F(9, 10)),
        (1, F(1)),
    ],
)
def test_as_fraction_reads_shares_exactly(value, expected):
    assert as_fraction(value) == expected


@pytest.mark.parametrize("value", ["abc", True, None, "1/0"])
def test_as_fraction_refuses_non_shares(value):
    with pytest.raises(ValueError):
        as_fraction(value)


def test_params_errors():
    assert params_errors({"share": "1/2", "base": "members", "seats_quota": None}) == []
    assert (
        len(params_errors({"share": 0, "base": "present", "policy": "coin", "seats_quota": 0})) == 4
    )
    assert params_errors({"max_choices": "all", "strict": "yes"}) != []


# ── poll rules ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("award", "quota", "seats_rule"),
    [
        ("co_thi_dua_chinh_phu", 1, "BLK-09"),  # Cờ CP inherits Cờ tỉnh's quota (BLK-10)
        ("co_thi_dua_ubnd_tinh", 1, "BLK-09"),
        ("bang_khen_chu_tich_ubnd_tinh", None, "BLK-Q-BK"),
    ],
)
def test_poll_rules_for_bloc_awards(award, quota, seats_rule):
    rules = _rules(award)

    assert (rules.threshold_share, rules.threshold_strict, rules.threshold_base) == (
        F(1, 2),
        True,
        "members",
    )
    assert rules.quorum_share == F(2, 3)
    assert rules.tie_policy == "runoff"
    assert rules.seats_quota == quota
    assert rules.rule_ids == {
        "threshold": "VOT-13",
        "quorum": "VOT-05B",
        "seats": seats_rule,
        "tie": "VOT-11",
        "max_choices": "BAL-01",
    }
    assert set(rules.rules) == set(rules.rule_ids)
    assert rules.rules["quorum"].binding is False
    assert rules.rules["threshold"].binding is False


def test_poll_rules_every_bloc_award_resolves_in_every_year():
    for award in BOOK.award_types(bloc_vote=True):
        for year in range(2018, 2031):
            assert _rules(award.code, year=year).rule_ids["threshold"] == "VOT-13"


def test_poll_rules_government_flag_within_province_flag():
    rules = _rules("co_thi_dua_chinh_phu")

    assert rules.seats_within == "co_thi_dua_ubnd_tinh"
    assert rules.within_rule.id == "BLK-10"
    assert rules.within_rule.binding is True


def test_poll_rules_government_flag_own_quota_when_province_sets_it():
    rules = _rules("co_thi_dua_chinh_phu", overrides=[Override("BLK-10", {"seats_quota": 2}, 2020)])

    assert (rules.seats_quota, rules.rule_ids["seats"]) == (2, "BLK-10")
    assert rules.rules["seats"].binding is True


@pytest.mark.parametrize("kind", ["leader", "deputy"])
def test_poll_rules_leader_and_deputy(kind):
    rules = _rules("", kind=kind)

    assert (rules.threshold_share, rules.threshold_strict, rules.threshold_base) == (
        F(1, 2),
        True,
        "cast",
    )
    assert rules.seats_quota == 1
    assert rules.rule_ids["threshold"] == rules.rule_ids["seats"] == "BLK-04"
    assert rules.rule_ids["quorum"] == "VOT-05B"


def test_poll_rules_province_chooses_council_threshold_and_gen05():
    overrides = [
        Override("VOT-13", {"share": "4/5", "strict": False}, 2024, "Quy chế khối 2024"),
        Override("VOT-11", {"policy": "gen05"}, 2024),
    ]

    rules = _rules(overrides=overrides)

    assert (rules.threshold_share, rules.threshold_strict) == (F(4, 5), False)
    assert rules.tie_policy == "gen05"
    assert rules.rules["threshold"].source == "province"


def test_poll_rules_unknown_kind_refused():
    with pytest.raises(ValueError):
        poll_rules(BOOK, kind="mayor", award_type="", year=2025)


def test_max_choices_is_seats_unless_set():
    assert max_choices(_rules(), seats=3) == 3
    assert (
        max_choices(_rules(overrides=[Override("BAL-01", {"max_choices": 1}, 2020)]), seats=3) == 1
    )


# ── check_poll_setup ─────────────────────────────────────────────────────────────────────────


def test_check_setup_within_quota_passes():
    assert _setup(_rules(), seats=1) == []


def test_check_setup_uncertain_quota_warns():
    findings = _setup(_rules(), seats=2)

    assert _codes(findings) == [("quota_exceeded", "BLK-09", False)]
    assert "BLK-09" in findings[0].message
    assert "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 3 khoản 1" in findings[0].message
    assert "[U]" in findings[0].message


def test_check_setup_province_quota_blocks():
    override = Override("BLK-09", {"seats_quota": 1}, 2020, "QĐ 5/2020 tỉnh X")

    findings = _setup(_rules(overrides=[override]), seats=2)

    assert _codes(findings) == [("quota_exceeded", "BLK-09", True)]
    assert "QĐ 5/2020 tỉnh X" in findings[0].message


def test_check_setup_province_raises_quota():
    override = Override("BLK-09", {"seats_quota": 2}, 2020)

    assert _setup(_rules(overrides=[override]), seats=2) == []


def test_check_setup_government_flag_not_above_province_flag():
    rules = _rules("co_thi_dua_chinh_phu", overrides=[Override("BLK-09", {"seats_quota": 3}, 2020)])

    findings = _setup(rules, award="co_thi_dua_chinh_phu", seats=2, co_thi_dua_ubnd_tinh=1)

    assert _codes(findings) == [("quota_exceeded", "BLK-10", True)]
    assert "Cờ thi đua của UBND tỉnh" in findings[0].message


def test_check_setup_government_flag_without_province_poll():
    rules = _rules("co_thi_dua_chinh_phu")

    assert _setup(rules, award="co_thi_dua_chinh_phu", seats=1) == []
    assert _codes(_setup(rules, award="co_thi_dua_chinh_phu", seats=2)) == [
        ("quota_exceeded", "BLK-09", False)
    ]


def test_check_setup_commendation_has_no_quota_unless_set():
    award = "bang_khen_chu_tich_ubnd_tinh"
    set_quota = [Override("BLK-Q-BK", {"seats_quota": 3}, 2020)]

    assert _setup(_rules(award), award=award, seats=8) == []
    assert _codes(_setup(_rules(award, overrides=set_quota), award=award, seats=4)) == [
        ("quota_exceeded", "BLK-Q-BK", True)
    ]


def test_check_setup_seats_above_members_blocks():
    rules = _rules("bang_khen_chu_tich_ubnd_tinh")

    findings = _setup(rules, award="bang_khen_chu_tich_ubnd_tinh", seats=6, members=5)

    assert _codes(findings) == [("seats_exceed_members", "BLK-Q-BK", True)]


@pytest.mark.parametrize("seats", [0, -1])
def test_check_setup_invalid_seats_blocks(seats):
    assert _codes(_setup(_rules(), seats=seats)) == [("invalid_seats", "BLK-09", True)]


def test_check_setup_award_not_voted_in_blocs_warns():
    findings = _setup(_rules("giay_khen"), award="giay_khen")

    assert _codes(findings) == [("award_not_bloc_vote", "VOT-13", False)]


def test_check_setup_unknown_award_blocks():
    findings = _setup(_rules("huy_chuong_vang"), award="huy_chuong_vang")

    assert _codes(findings) == [("unknown_award_type", "VOT-13", True)]


def test_check_setup_leader_one_seat():
    rules = _rules("", kind="leader")

    assert _setup(rules, kind="leader", award="", seats=1) == []
    assert _codes(_setup(rules, kind="leader", award="", seats=2)) == [
        ("quota_exceeded", "BLK-04", True)
    ]


# ── check_quorum ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("members", "present"), [(9, 6), (10, 7), (10, 10), (3, 2)])
def test_check_quorum_met(members, present):
    assert check_quorum(_rules(), members=members, present=present) == []


def test_check_quorum_not_met_warns_by_default():
    findings = check_quorum(_rules(), members=10, present=6)

    assert _codes(findings) == [("quorum_not_met", "VOT-05B", False)]
    assert "cần ít nhất 7" in findings[0].message


def test_check_quorum_not_met_blocks_when_province_set_it():
    rules = _rules(overrides=[Override("VOT-05B", {"quorum_share": "2/3"}, 2020, "Quy chế khối")])

    assert _codes(check_quorum(rules, members=10, present=6)) == [
        ("quorum_not_met", "VOT-05B", True)
    ]


@pytest.mark.parametrize(("members", "present"), [(0, 0), (5, 6), (5, -1)])
def test_check_quorum_invalid_counts_block(members, present):
    assert _codes(check_quorum(_rules(), members=members, present=present)) == [
        ("invalid_present", "VOT-05B", True)
    ]


# ── catalogue ────────────────────────────────────────────────────────────────────────────────


def test_award_types_bloc_vote_in_meeting_order():
    assert [a.code for a in BOOK.award_types(bloc_vote=True)] == BLOC_AWARDS


def test_award_types_catalogue():
    codes = {a.code for a in BOOK.award_types()}
    flag = BOOK.award_type("co_thi_dua_chinh_phu")

    assert {
        "bang_khen_thu_tuong",
        "tap_the_lao_dong_xuat_sac",
        "tap_the_lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
        "chien_si_thi_dua_cap_tinh",
        "lao_dong_tien_tien",
        "giay_khen",
    } <= codes
    assert (flag.name, flag.category, flag.subject, flag.level, flag.decided_by) == (
        "Cờ thi đua của Chính phủ",
        "title",
        "collective",
        "national",
        "Thủ tướng Chính phủ",
    )
    assert BOOK.award_type("bang_khen_thu_tuong").bloc_vote is False
    assert [a.code for a in BOOK.award_types(bloc_vote=False)][0] == "bang_khen_thu_tuong"


def test_award_type_unknown_raises():
    with pytest.raises(KeyError):
        BOOK.award_type("huy_chuong_vang")


# ── parsing ──────────────────────────────────────────────────────────────────────────────────

RULE = """
[[rule]]
id = "X-01"
title = "t"
citation = "c"
confidence = "C"
effective_from = 2020-01-01
{extra}
"""


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (RULE.format(extra="effective_to = 2024-12-31") * 2, "chồng lên nhau"),
        (RULE.format(extra='colour = "red"'), "khóa lạ"),
        (RULE.format(extra='params = { share = "3/2" }'), "share"),
        (RULE.format(extra='applies_to = ["nothing"]'), "applies_to"),
        (RULE.format(extra="").replace('"C"', '"X"'), "confidence"),
        (RULE.format(extra="effective_to = 2019-01-01"), "effective_to"),
    ],
)
def test_parse_rulebook_refuses_bad_data(text, error):
    with pytest.raises(ValueError, match=error):
        parse_rulebook(text)


def test_parse_rulebook_reads_the_file():
    book = parse_rulebook(RULEBOOK_PATH.read_text(encoding="utf-8"))

    assert len(book.rules()) == len(BOOK.rules())


def test_modules_import_without_django_settings():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys, thidua.awards.rulebook as r, thidua.voting.tally;"
        "r.load_rulebook();"
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules)"
    )

    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=Path(__file__).resolve().parents[2], check=False
    )

    assert done.returncode == 0
