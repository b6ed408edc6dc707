"""The council's rules as pure functions: thresholds of the TOTAL membership, rule versions by
the session's day, a province's own values, and the quorum (VOT-05)."""

import datetime

import pytest

from thidua.awards.rulebook import Override, load_rulebook
from thidua.decisions import council

pytestmark = pytest.mark.unit

DAY = datetime.date(2026, 1, 20)  # NĐ 152 versions of VOT-02/03; VOT-05/06 in force
BOOK = load_rulebook()


@pytest.mark.parametrize(
    ("award", "approvals", "passes", "rule_id", "required"),
    [
        # VOT-03, 80 % of 15 = 12
        ("co_thi_dua_ubnd_tinh", 12, True, "VOT-03", 12),
        ("co_thi_dua_ubnd_tinh", 11, False, "VOT-03", 12),
        ("co_thi_dua_chinh_phu", 12, True, "VOT-03", 12),
        ("chien_si_thi_dua_co_so", 11, False, "VOT-03", 12),
        # VOT-02, 90 % of 15 = 13.5 → 14, never rounded down
        ("chien_si_thi_dua_cap_tinh", 14, True, "VOT-02", 14),
        ("chien_si_thi_dua_cap_tinh", 13, False, "VOT-02", 14),
        ("chien_si_thi_dua_toan_quoc", 15, True, "VOT-02", 14),
        ("chien_si_thi_dua_toan_quoc", 13, False, "VOT-02", 14),
        # VOT-06, more than half of 15 = 8
        ("bang_khen_chu_tich_ubnd_tinh", 8, True, "VOT-06", 8),
        ("bang_khen_chu_tich_ubnd_tinh", 7, False, "VOT-06", 8),
        ("tap_the_lao_dong_xuat_sac", 8, True, "VOT-06", 8),
    ],
)
def test_threshold_of_a_15_member_council(award, approvals, passes, rule_id, required):
    threshold = council.threshold_for(BOOK, award, DAY)
    assert (threshold.rule_id, threshold.required(15)) == (rule_id, required)
    assert threshold.passes(approvals, 15) is passes


@pytest.mark.parametrize(
    ("total", "share", "required"),
    [(10, "4/5", 8), (11, "4/5", 9), (10, "9/10", 9), (11, "9/10", 10)],
)
def test_required_is_the_ceiling_of_the_total(total, share, required):
    rule_id = "VOT-03" if share == "4/5" else "VOT-02"
    award = "co_thi_dua_ubnd_tinh" if rule_id == "VOT-03" else "chien_si_thi_dua_cap_tinh"
    threshold = council.threshold_for(BOOK, award, DAY)
    assert threshold.share_text == share
    assert threshold.required(total) == required


def test_threshold_cites_the_version_in_force_on_the_day():
    old = council.threshold_for(BOOK, "co_thi_dua_ubnd_tinh", datetime.date(2024, 6, 1))
    new = council.threshold_for(BOOK, "co_thi_dua_ubnd_tinh", DAY)
    assert "NĐ 98/2023" in old.citation and old.binding and not old.by_analogy
    assert "NĐ 152/2025" in new.citation and not new.binding  # [U]: informs, warns


def test_before_any_version_the_nearest_applies_by_analogy():
    threshold = council.threshold_for(BOOK, "co_thi_dua_ubnd_tinh", datetime.date(2023, 1, 10))
    assert threshold.by_analogy and not threshold.binding
    assert threshold.required(15) == 12
    majority = council.threshold_for(
        BOOK, "bang_khen_chu_tich_ubnd_tinh", datetime.date(2024, 1, 1)
    )
    assert (majority.rule_id, majority.by_analogy, majority.required(15)) == ("VOT-06", True, 8)


def test_a_province_value_applies_from_its_year_and_binds():
    overrides = [Override("VOT-03", {"share": "2/3"}, 2026, "QĐ 1/2026/QĐ-UBND")]
    before = council.threshold_for(
        BOOK, "co_thi_dua_ubnd_tinh", datetime.date(2025, 12, 31), overrides
    )
    after = council.threshold_for(BOOK, "co_thi_dua_ubnd_tinh", DAY, overrides)
    assert before.required(15) == 12
    assert (after.required(15), after.binding) == (10, True)
    assert "QĐ 1/2026/QĐ-UBND" in after.citation


@pytest.mark.parametrize(
    ("present", "codes"),
    [
        (15, []),
        (12, []),  # 80 % of 15
        (11, ["review_presence_not_met"]),
        (10, ["review_presence_not_met"]),  # 2/3 of 15 = 10: may meet, not review
        (9, ["quorum_not_met", "review_presence_not_met"]),
    ],
)
def test_quorum_of_a_15_member_council(present, codes):
    findings = council.check_quorum(BOOK, DAY, members_total=15, present=present)
    assert [f.code for f in findings] == codes
    assert all(f.blocking and f.rule_id == "VOT-05" for f in findings)  # [C]: blocks


def test_quorum_before_vot05_is_in_force_only_warns():
    findings = council.check_quorum(BOOK, datetime.date(2025, 3, 1), members_total=15, present=9)
    assert [f.blocking for f in findings] == [False, False]
    assert "áp dụng tương tự" in findings[0].message


@pytest.mark.parametrize(("total", "present"), [(0, 0), (15, 16), (15, -1)])
def test_quorum_refuses_impossible_counts(total, present):
    (finding,) = council.check_quorum(BOOK, DAY, members_total=total, present=present)
    assert (finding.code, finding.blocking) == ("invalid_present", True)
