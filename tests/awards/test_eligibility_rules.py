"""Every rule the eligibility engine evaluates, from the legal text (domain-rules §1.1–§1.4, §1.7):
just eligible, just not, and the regime of the year (NĐ 91/2017 → NĐ 98/2023 → NĐ 152/2025)."""

import pytest

from tests.awards.test_eligibility_helpers import (
    BK_TINH,
    BK_TINH_TT,
    BK_TTG,
    BK_TTG_TT,
    BOOK,
    CO_CP,
    CO_TINH,
    CSTD_TINH,
    CSTD_TQ,
    CSTDCS,
    GIAY_KHEN,
    GIAY_KHEN_TT,
    HCLD1,
    HCLD2,
    HCLD2_TT,
    HCLD3,
    HCLD3_TT,
    LDTT,
    THON,
    TTLDTT,
    TTLDXS,
    XA,
    good_unit,
    mets,
    outcome,
    person,
    province,
    rated,
    texts,
    titles,
    unit,
    verdict,
)

pytestmark = pytest.mark.unit

OK = ("eligible", "")


def _cases(*rows):
    return pytest.mark.parametrize(
        ("history", "award", "year", "overrides", "expected"),
        [pytest.param(h, a, y, o, e, id=i) for i, h, a, y, o, e in rows],
    )


def test_rule_outcome_table_runs():
    # The tables below read: id, history, award type, year, province overrides, (status, rule).
    assert outcome(person(ratings={2024: "htt"}), LDTT, 2024) == OK


# ── GEN-03, GEN-02, GEN-01 ──────────────────────────────────────────────────────────────────


@_cases(
    ("clean", person(ratings={2024: "htt"}), LDTT, 2024, (), OK),
    (
        "disciplined_in_year",
        person(ratings={2024: "htt"}, disciplined=[2024]),
        LDTT,
        2024,
        (),
        ("not_eligible", "GEN-03"),
    ),
    (
        "under_review",
        person(ratings={2024: "htt"}, under_review=True),
        LDTT,
        2024,
        (),
        ("not_eligible", "GEN-03"),
    ),
    (
        "disciplined_year_breaks_chain",
        person(titles(CSTDCS, 2021, 2022, 2023), scopes={2023: "province"}, disciplined=[2022]),
        CSTD_TINH,
        2023,
        (),
        ("not_eligible", "IND-03"),
    ),
    (
        "discipline_over_chain_restarts",
        person(titles(CSTDCS, 2022, 2023, 2024), scopes={2024: "province"}, disciplined=[2021]),
        CSTD_TINH,
        2024,
        (),
        OK,
    ),
    (
        "under_review_2019",
        person(ratings={2019: "htt"}, under_review=True),
        LDTT,
        2019,
        (),
        ("not_eligible", "GEN-03"),
    ),
)
def test_gen03(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@pytest.mark.parametrize(
    ("year", "citation", "confidence"),
    [
        (2019, "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); NĐ 91/2017/NĐ-CP", "R"),
        (2024, "Luật Thi đua, khen thưởng số 06/2022/QH15; NĐ 98/2023/NĐ-CP", "R"),
        (2025, "NĐ 152/2025/NĐ-CP, Điều 4 khoản 4", "C"),
    ],
)
def test_gen03_regime(year, citation, confidence):
    v = verdict(person(ratings={year: "htt"}, disciplined=[year]), LDTT, year)

    gen03 = v.reasons[0]
    assert (gen03.rule_id, gen03.met) == ("GEN-03", False)
    assert gen03.citation.startswith(citation)
    assert gen03.text == (
        f"GEN-03 ({gen03.citation}): Bị kỷ luật trong năm {year}: không xét thành tích năm {year}."
    )
    assert BOOK.rule("GEN-03", year=year).confidence == confidence


@pytest.mark.parametrize("basis", ["thematic", "ad_hoc", "long_service"])
def test_gen02_thematic_award_not_in_chain(basis):
    merit = person(titles(CSTDCS, 2022, 2023, 2024), scopes={2024: "province"})
    thematic = person(
        titles(CSTDCS, 2022, 2024), titles(CSTDCS, 2023, basis=basis), scopes={2024: "province"}
    )

    assert outcome(merit, CSTD_TINH, 2024) == OK
    assert outcome(thematic, CSTD_TINH, 2024) == ("not_eligible", "IND-03")
    assert mets(verdict(thematic, CSTD_TINH, 2024), "GEN-02") == [True]


def test_gen02_revoked_award_not_in_chain():
    history = person(
        titles(CSTDCS, 2022, 2024), titles(CSTDCS, 2023, revoked=True), scopes={2024: "province"}
    )
    v = verdict(history, CSTD_TINH, 2024)

    assert (v.status, v.decided_by) == ("not_eligible", "IND-03")
    assert texts(v, "GEN-02")[0].endswith(
        "Không tính vào chuỗi thành tích: CSTĐ cơ sở 2023 (đã hủy)."
    )


def test_gen02_thematic_prerequisite_does_not_count():
    history = person(
        titles(BK_TINH, 2019, basis="thematic"),
        titles(CSTDCS, 2021, 2022, 2023),
        ratings=rated(2020, 2024),
    )

    assert outcome(history, BK_TTG, 2024) == ("not_eligible", "FRM-03")


@pytest.mark.parametrize(("year", "confidence"), [(2019, "U"), (2024, "U"), (2025, "C")])
def test_gen02_regime(year, confidence):
    history = person(titles(LDTT, year - 1, basis="ad_hoc"), ratings={year: "htt"})
    v = verdict(history, LDTT, year)

    assert mets(v, "GEN-02") == [True]
    assert BOOK.rule("GEN-02", year=year).confidence == confidence


@pytest.mark.parametrize(("year", "present"), [(2019, False), (2024, False), (2025, True)])
def test_gen01_information_from_nd152(year, present):
    v = verdict(person(ratings={year: "htt"}), LDTT, year)

    assert (mets(v, "GEN-01") == [True]) is present
    assert v.status == "eligible"


# ── IND ─────────────────────────────────────────────────────────────────────────────────────


@_cases(
    ("htt", person(ratings={2024: "htt"}), LDTT, 2024, (), OK),
    ("htxs", person(ratings={2024: "htxs"}), LDTT, 2024, (), OK),
    ("ht_just_not", person(ratings={2024: "ht"}), LDTT, 2024, (), ("not_eligible", "IND-01")),
    ("kht", person(ratings={2024: "kht"}), LDTT, 2024, (), ("not_eligible", "IND-01")),
    ("no_rating", person(ratings={2023: "htt"}), LDTT, 2024, (), ("needs_check", "IND-01")),
    ("nd91_2019", person(ratings={2019: "htt"}), LDTT, 2019, (), OK),
    ("nd91_2019_ht", person(ratings={2019: "ht"}), LDTT, 2019, (), ("not_eligible", "IND-01")),
    ("nd152_2025", person(ratings={2025: "htt"}), LDTT, 2025, (), OK),
    (
        "province_asks_htxs",
        person(ratings={2025: "htt"}),
        LDTT,
        2025,
        (province("IND-01", min_rating="htxs"),),
        ("not_eligible", "IND-01"),
    ),
)
def test_ind01(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@pytest.mark.parametrize(
    ("year", "citation"),
    [
        (2019, "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 24; NĐ 91/2017/NĐ-CP"),
        (2023, "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 1"),
        (2024, "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 1"),
        (2025, "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 1"),
    ],
)
def test_ind01_regime_citation(year, citation):
    v = verdict(person(ratings={year: "htt"}), LDTT, year)

    assert [r.citation for r in v.reasons if r.rule_id == "IND-01"] == [citation]
    assert texts(v, "IND-01") == [
        f"IND-01 ({citation}): Năm {year} xếp loại hoàn thành tốt nhiệm vụ, đạt mức hoàn thành "
        "tốt nhiệm vụ trở lên."
    ]


@pytest.mark.parametrize(
    ("year", "citation"),
    [
        (2019, "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 24 khoản 2"),
        (
            2024,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 3; UBND tỉnh quy định chi tiết (Điều 24 khoản 4)",
        ),
        (
            2025,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24 khoản 3; UBND tỉnh quy định chi tiết (Điều 24 khoản 4)",
        ),
    ],
)
def test_ind01b_worker_outside_public_sector_needs_council(year, citation):
    v = verdict(person(outside=True), LDTT, year)

    assert (v.status, v.decided_by) == ("needs_check", "IND-01b")
    assert mets(v, "IND-01") == []
    assert [r.citation for r in v.reasons if r.rule_id == "IND-01b"] == [citation]


def test_ind01b_not_for_public_employees():
    v = verdict(person(ratings={2024: "ht"}), LDTT, 2024)

    assert mets(v, "IND-01b") == []
    assert (v.status, v.decided_by) == ("not_eligible", "IND-01")


@_cases(
    ("htxs_alone_2024", person(ratings={2024: "htxs"}), CSTDCS, 2024, (), OK),
    (
        "htt_only_just_not",
        person(ratings={2024: "htt"}),
        CSTDCS,
        2024,
        (),
        ("not_eligible", "IND-02"),
    ),
    (
        "htt_initiative",
        person(ratings={2024: "htt"}, scopes={2024: "grassroots"}),
        CSTDCS,
        2024,
        (),
        OK,
    ),
    ("htt_science", person(ratings={2024: "htt"}, science=[2024]), CSTDCS, 2024, (), OK),
    (
        "ht_with_initiative",
        person(ratings={2024: "ht"}, scopes={2024: "grassroots"}),
        CSTDCS,
        2024,
        (),
        ("not_eligible", "IND-02"),
    ),
    ("no_rating", person(), CSTDCS, 2024, (), ("needs_check", "IND-02")),
    # Law 2003: an initiative or science work was required; HTXS alone was not enough.
    (
        "nd91_htxs_alone",
        person(ratings={2019: "htxs"}),
        CSTDCS,
        2019,
        (),
        ("not_eligible", "IND-02"),
    ),
    (
        "nd91_htt_initiative",
        person(ratings={2019: "htt"}, scopes={2019: "grassroots"}),
        CSTDCS,
        2019,
        (),
        ("needs_check", "IND-02q"),
    ),
    ("2023_under_new_law", person(ratings={2023: "htxs"}), CSTDCS, 2023, (), OK),
    (
        "2022_under_old_law",
        person(ratings={2022: "htxs"}),
        CSTDCS,
        2022,
        (),
        ("not_eligible", "IND-02"),
    ),
    ("nd152_2025", person(ratings={2025: "htxs"}), CSTDCS, 2025, (), OK),
    (
        "province_requires_initiative",
        person(ratings={2025: "htxs"}),
        CSTDCS,
        2025,
        (province("IND-02", htxs_suffices=False),),
        ("not_eligible", "IND-02"),
    ),
)
def test_ind02(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_ind02_reasons_state_the_year():
    v = verdict(person(ratings={2024: "htt"}), CSTDCS, 2024)

    assert mets(v, "IND-02") == [True, False]
    assert texts(v, "IND-02")[1] == (
        "IND-02 (Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 23): Năm 2024 không có xếp loại "
        "hoàn thành xuất sắc nhiệm vụ, sáng kiến được công nhận hoặc đề tài khoa học đã nghiệm thu."
    )


@pytest.mark.parametrize(
    ("year", "overrides", "met", "status"),
    [
        (2019, (), None, "needs_check"),  # NĐ 91/2017 Điều 9 khoản 3: ≤ 15% of LĐTT
        (2022, (), None, "needs_check"),
        (2023, (), True, "eligible"),  # no cap from the NĐ 98 regime on
        (2024, (), True, "eligible"),
        (2025, (), True, "eligible"),
        (2025, (province("IND-02q", share_of_ldtt="1/5"),), None, "needs_check"),
        (2023, (province("IND-02q", from_year=2024, share_of_ldtt="1/5"),), True, "eligible"),
    ],
)
def test_ind02q_quota_by_regime(year, overrides, met, status):
    history = person(ratings={year: "htxs"}, scopes={year: "grassroots"})
    v = verdict(history, CSTDCS, year, *overrides)

    assert mets(v, "IND-02q") == [met]
    assert v.status == status


def test_ind02q_text_names_the_cap():
    v = verdict(person(ratings={2019: "htxs"}, scopes={2019: "grassroots"}), CSTDCS, 2019)

    assert texts(v, "IND-02q") == [
        "IND-02q (NĐ 91/2017/NĐ-CP, Điều 9 khoản 3): Số Chiến sĩ thi đua cơ sở của đơn vị không "
        "quá 15% số cá nhân đạt Lao động tiên tiến: kiểm tra khi lập danh sách đề nghị của đơn vị."
    ]


@_cases(
    (
        "three_in_a_row",
        person(titles(CSTDCS, 2021, 2022, 2023), scopes={2022: "province"}),
        CSTD_TINH,
        2023,
        (),
        OK,
    ),
    (
        "national_scope_counts",
        person(titles(CSTDCS, 2021, 2022, 2023), scopes={2023: "national"}),
        CSTD_TINH,
        2023,
        (),
        OK,
    ),
    (
        "one_year_gap",
        person(titles(CSTDCS, 2020, 2021, 2023), scopes={2023: "province"}),
        CSTD_TINH,
        2023,
        (),
        ("not_eligible", "IND-03"),
    ),
    (
        "one_short",
        person(titles(CSTDCS, 2022, 2023), scopes={2023: "province"}),
        CSTD_TINH,
        2023,
        (),
        ("not_eligible", "IND-03"),
    ),
    (
        "chain_ended_last_year",
        person(titles(CSTDCS, 2020, 2021, 2022), scopes={2022: "province"}),
        CSTD_TINH,
        2023,
        (),
        ("not_eligible", "IND-03"),
    ),
    (
        "initiative_scope_not_recorded",
        person(titles(CSTDCS, 2021, 2022, 2023), scopes={2022: "grassroots"}),
        CSTD_TINH,
        2023,
        (),
        ("needs_check", "IND-03"),
    ),
    (
        "nd91_2019",
        person(titles(CSTDCS, 2017, 2018, 2019), scopes={2019: "province"}),
        CSTD_TINH,
        2019,
        (),
        OK,
    ),
    (
        "nd91_chain_spans_regimes",
        person(titles(CSTDCS, 2022, 2023, 2024), scopes={2024: "province"}),
        CSTD_TINH,
        2024,
        (),
        OK,
    ),
    (
        "nd152_2025",
        person(titles(CSTDCS, 2023, 2024, 2025), scopes={2025: "province"}),
        CSTD_TINH,
        2025,
        (),
        OK,
    ),
    (
        "province_asks_four",
        person(titles(CSTDCS, 2023, 2024, 2025), scopes={2025: "province"}),
        CSTD_TINH,
        2025,
        (province("IND-03", consecutive=4),),
        ("not_eligible", "IND-03"),
    ),
)
def test_ind03(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_ind03_reason_states_the_chain():
    v = verdict(
        person(titles(CSTDCS, 2021, 2022, 2023), scopes={2022: "province"}), CSTD_TINH, 2023
    )

    assert texts(v, "IND-03") == [
        "IND-03 (Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1, khoản 2): 3 năm liên "
        "tục đạt CSTĐ cơ sở (2021–2023), cần 3.",
        "IND-03 (Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1, khoản 2): Có sáng "
        "kiến, đề tài có phạm vi ảnh hưởng trong tỉnh (năm 2022).",
    ]


def test_ind03_reason_shows_the_gap():
    v = verdict(
        person(titles(CSTDCS, 2020, 2021, 2023), scopes={2023: "province"}), CSTD_TINH, 2023
    )

    assert texts(v, "IND-03")[0].endswith(
        "Chỉ 1 năm liên tục đạt CSTĐ cơ sở (2023) tính đến năm 2023, cần 3. Các năm đã đạt: "
        "2020–2021, 2023."
    )


@pytest.mark.parametrize(
    ("year", "citation", "confidence"),
    [
        (2019, "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 22", "R"),
        (2024, "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1, khoản 2", "C"),
        (2025, "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 22 khoản 1, khoản 2", "C"),
    ],
)
def test_ind03_regime(year, citation, confidence):
    history = person(titles(CSTDCS, year - 1, year), scopes={year: "province"})
    v = verdict(history, CSTD_TINH, year)

    assert (v.status, v.decided_by) == ("not_eligible", "IND-03")
    assert {r.citation for r in v.reasons if r.rule_id == "IND-03"} == {citation}
    assert BOOK.rule("IND-03", year=year).confidence == confidence


@_cases(
    (
        "two_in_a_row",
        person(titles(CSTD_TINH, 2023, 2024), scopes={2024: "national"}),
        CSTD_TQ,
        2024,
        (),
        OK,
    ),
    (
        "one_short",
        person(titles(CSTD_TINH, 2024), scopes={2024: "national"}),
        CSTD_TQ,
        2024,
        (),
        ("not_eligible", "IND-04"),
    ),
    (
        "one_year_gap",
        person(titles(CSTD_TINH, 2022, 2024), scopes={2024: "national"}),
        CSTD_TQ,
        2024,
        (),
        ("not_eligible", "IND-04"),
    ),
    (
        "province_scope_only",
        person(titles(CSTD_TINH, 2023, 2024), scopes={2024: "province"}),
        CSTD_TQ,
        2024,
        (),
        ("needs_check", "IND-04"),
    ),
    (
        "nd91_2019",
        person(titles(CSTD_TINH, 2018, 2019), scopes={2019: "national"}),
        CSTD_TQ,
        2019,
        (),
        OK,
    ),
    (
        "nd152_2025",
        person(titles(CSTD_TINH, 2024, 2025), scopes={2025: "national"}),
        CSTD_TQ,
        2025,
        (),
        OK,
    ),
)
def test_ind04(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@_cases(
    # The proposal follows the second consecutive CSTĐ cấp tỉnh at once (NĐ 98 Điều 32.1.a).
    (
        "right_after",
        person(titles(CSTD_TINH, 2022, 2023), scopes={2023: "national"}),
        CSTD_TQ,
        2023,
        (),
        OK,
    ),
    (
        "one_year_late_nd98",
        person(titles(CSTD_TINH, 2022, 2023), scopes={2023: "national"}),
        CSTD_TQ,
        2024,
        (),
        ("not_eligible", "IND-04t"),
    ),
    (
        "one_year_late_nd91",
        person(titles(CSTD_TINH, 2017, 2018), scopes={2018: "national"}),
        CSTD_TQ,
        2019,
        (),
        ("not_eligible", "IND-04t"),
    ),
    # NĐ 152/2025: the deadline is unconfirmed [U] → a late proposal needs a check, never a no.
    (
        "one_year_late_nd152",
        person(titles(CSTD_TINH, 2023, 2024), scopes={2024: "national"}),
        CSTD_TQ,
        2025,
        (),
        ("needs_check", "IND-04t"),
    ),
    (
        "province_allows_a_year",
        person(titles(CSTD_TINH, 2022, 2023), scopes={2023: "national"}),
        CSTD_TQ,
        2024,
        (province("IND-04t", max_years_after=1),),
        OK,
    ),
    (
        "province_sets_nd152_deadline",
        person(titles(CSTD_TINH, 2023, 2024), scopes={2024: "national"}),
        CSTD_TQ,
        2025,
        (province("IND-04t", max_years_after=0),),
        ("not_eligible", "IND-04t"),
    ),
)
def test_ind04t(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_ind04t_reason_under_u_says_so():
    history = person(titles(CSTD_TINH, 2023, 2024), scopes={2024: "national"})
    v = verdict(history, CSTD_TQ, 2025)

    assert mets(v, "IND-04") == [True, True]
    assert mets(v, "IND-04t") == [None]
    assert texts(v, "IND-04t")[0].endswith(
        "Lần thứ 2 liên tục đạt CSTĐ cấp tỉnh là năm 2024: phải đề nghị ngay cho thành tích năm "
        "2024 (hồ sơ trong năm 2025); năm 2025 đã muộn 1 năm. Quy tắc chưa được xác nhận [U]: "
        "chưa đủ căn cứ để kết luận không đạt, cần người kiểm tra."
    )


# ── COL ─────────────────────────────────────────────────────────────────────────────────────

TTLDTT_2024 = {
    "ratings": {2024: "htt"},
    "ldtt": {2024: "7/10"},
    "member_disciplined": {2024: False},
}


@_cases(
    ("seventy_percent", unit(**TTLDTT_2024), TTLDTT, 2024, (), OK),
    # The national default of 70% is [U]: 69% needs a check until the province sets the share.
    (
        "sixty_nine_default_u",
        unit(**{**TTLDTT_2024, "ldtt": {2024: "69/100"}}),
        TTLDTT,
        2024,
        (),
        ("needs_check", "COL-01"),
    ),
    (
        "sixty_nine_province_share",
        unit(**{**TTLDTT_2024, "ldtt": {2024: "69/100"}}),
        TTLDTT,
        2024,
        (province("COL-01", ldtt_share="7/10"),),
        ("not_eligible", "COL-01"),
    ),
    (
        "member_warned",
        unit(**{**TTLDTT_2024, "member_disciplined": {2024: True}}),
        TTLDTT,
        2024,
        (province("COL-01", ldtt_share="7/10"),),
        ("not_eligible", "COL-01"),
    ),
    (
        "rating_ht",
        unit(**{**TTLDTT_2024, "ratings": {2024: "ht"}}),
        TTLDTT,
        2024,
        (province("COL-01", ldtt_share="7/10"),),
        ("not_eligible", "COL-01"),
    ),
    (
        "share_unknown",
        unit(ratings={2024: "htt"}, member_disciplined={2024: False}),
        TTLDTT,
        2024,
        (),
        ("needs_check", "COL-01"),
    ),
    # Law 2003: more than 50% (recalled [R], binding).
    (
        "nd91_fifty_one",
        unit(ratings={2019: "htt"}, ldtt={2019: "51/100"}, member_disciplined={2019: False}),
        TTLDTT,
        2019,
        (),
        OK,
    ),
    (
        "nd91_exactly_half",
        unit(ratings={2019: "htt"}, ldtt={2019: "1/2"}, member_disciplined={2019: False}),
        TTLDTT,
        2019,
        (),
        ("not_eligible", "COL-01"),
    ),
    (
        "nd98_fifty_one",
        unit(ratings={2024: "htt"}, ldtt={2024: "51/100"}, member_disciplined={2024: False}),
        TTLDTT,
        2024,
        (),
        ("needs_check", "COL-01"),
    ),
    (
        "nd152_seventy",
        unit(ratings={2025: "htt"}, ldtt={2025: "7/10"}, member_disciplined={2025: False}),
        TTLDTT,
        2025,
        (),
        OK,
    ),
)
def test_col01(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_col01_share_text():
    v = verdict(unit(**{**TTLDTT_2024, "ldtt": {2024: "69/100"}}), TTLDTT, 2024)

    assert texts(v, "COL-01")[1].endswith(
        "69% thành viên đạt Lao động tiên tiến năm 2024, cần từ 70% trở lên. Quy tắc chưa được "
        "xác nhận [U]: chưa đủ căn cứ để kết luận không đạt, cần người kiểm tra."
    )


@_cases(
    ("meets_all", good_unit(2024), TTLDXS, 2024, (), OK),
    (
        "no_cstdcs_member",
        good_unit(2024, cstdcs={2024: 0}),
        TTLDXS,
        2024,
        (),
        ("not_eligible", "COL-02"),
    ),
    (
        "sixty_nine",
        good_unit(2024, ldtt={2024: "69/100"}),
        TTLDXS,
        2024,
        (),
        ("not_eligible", "COL-02"),
    ),
    (
        "htt_not_htxs",
        good_unit(2024, ratings={2024: "htt"}),
        TTLDXS,
        2024,
        (),
        ("not_eligible", "COL-02"),
    ),
    (
        "one_member_failed",
        good_unit(2024, completed={2024: False}),
        TTLDXS,
        2024,
        (),
        ("not_eligible", "COL-02"),
    ),
    ("members_unknown", good_unit(2024, completed={}), TTLDXS, 2024, (), ("needs_check", "COL-02")),
    # Law 2003 also excluded a unit with a member warned or worse; the 2022 Law does not.
    (
        "nd91_member_warned",
        good_unit(2019, member_disciplined={2019: True}),
        TTLDXS,
        2019,
        (),
        ("not_eligible", "COL-02"),
    ),
    ("nd91_clean", good_unit(2019), TTLDXS, 2019, (), OK),
    ("nd98_member_warned", good_unit(2024, member_disciplined={2024: True}), TTLDXS, 2024, (), OK),
    ("nd152", good_unit(2025), TTLDXS, 2025, (), OK),
)
def test_col02(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@_cases(
    ("bloc_leader", unit(leader={2024: True}), CO_TINH, 2024, (), ("needs_check", "COL-03")),
    ("not_leader", unit(leader={2024: False}), CO_TINH, 2024, (), ("not_eligible", "COL-03")),
    ("no_bloc_result", unit(leader={2023: True}), CO_TINH, 2024, (), ("needs_check", "COL-03")),
    ("nd91_not_leader", unit(leader={2019: False}), CO_TINH, 2019, (), ("not_eligible", "COL-03")),
    ("nd152_leader", unit(leader={2025: True}), CO_TINH, 2025, (), ("needs_check", "COL-03")),
)
def test_col03(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@pytest.mark.parametrize(
    ("year", "citation"),
    [
        (2019, "NĐ 91/2017/NĐ-CP, Điều 12"),
        (
            2024,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 26 khoản 1; QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 3 khoản 1",
        ),
        (
            2025,
            "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 26 khoản 1; QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh, Điều 3 khoản 1",
        ),
    ],
)
def test_col03_leader_then_targets_left_to_the_council(year, citation):
    v = verdict(unit(leader={year: True}), CO_TINH, year)

    assert mets(v, "COL-03") == [True, None]
    assert {r.citation for r in v.reasons if r.rule_id == "COL-03"} == {citation}


@_cases(
    ("bloc_leader", unit(leader={2024: True}), CO_CP, 2024, (), ("needs_check", "COL-04")),
    ("holds_co_tinh", unit(titles(CO_TINH, 2024)), CO_CP, 2024, (), ("needs_check", "COL-04")),
    ("not_leader", unit(leader={2024: False}), CO_CP, 2024, (), ("not_eligible", "COL-04")),
    (
        "co_tinh_last_year",
        unit(titles(CO_TINH, 2023), leader={2024: False}),
        CO_CP,
        2024,
        (),
        ("not_eligible", "COL-04"),
    ),
    ("nd91_not_leader", unit(leader={2019: False}), CO_CP, 2019, (), ("not_eligible", "COL-04")),
    ("nd152_leader", unit(leader={2025: True}), CO_CP, 2025, (), ("needs_check", "COL-04")),
)
def test_col04(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_col04_first_reason_met_for_a_leader():
    assert mets(verdict(unit(leader={2024: True}), CO_CP, 2024), "COL-04") == [True, None]


@pytest.mark.parametrize(
    ("year", "overrides", "met", "fragment"),
    [
        (2019, (), None, "không quá 20% số tập thể đạt tiêu chuẩn Cờ thi đua cấp tỉnh"),
        (2023, (), True, "Chưa có hạn mức hiện hành"),
        (2024, (), True, "Chưa có hạn mức hiện hành"),
        (2025, (), True, "Chưa có hạn mức hiện hành"),
        (2025, (province("COL-04q", share_of_standard="1/4"),), None, "không quá 25% số tập thể"),
    ],
)
def test_col04q_quota_by_regime(year, overrides, met, fragment):
    v = verdict(unit(leader={year: True}), CO_CP, year, *overrides)

    assert mets(v, "COL-04q") == [met]
    assert fragment in texts(v, "COL-04q")[0]


# ── FRM ─────────────────────────────────────────────────────────────────────────────────────


@_cases(
    ("htt_2024", person(ratings={2024: "htt"}), GIAY_KHEN, 2024, (), ("needs_check", "FRM-01")),
    ("ht_2024", person(ratings={2024: "ht"}), GIAY_KHEN, 2024, (), ("not_eligible", "FRM-01")),
    # Law 2003: completing the tasks well was one sufficient criterion.
    ("nd91_htt", person(ratings={2019: "htt"}), GIAY_KHEN, 2019, (), OK),
    ("nd91_ht", person(ratings={2019: "ht"}), GIAY_KHEN, 2019, (), ("not_eligible", "FRM-01")),
    ("nd152_htt", person(ratings={2025: "htt"}), GIAY_KHEN, 2025, (), ("needs_check", "FRM-01")),
    (
        "collective_htt",
        unit(ratings={2024: "htt"}),
        GIAY_KHEN_TT,
        2024,
        (),
        ("needs_check", "FRM-01"),
    ),
    (
        "collective_ht",
        unit(ratings={2024: "ht"}),
        GIAY_KHEN_TT,
        2024,
        (),
        ("not_eligible", "FRM-01"),
    ),
    ("collective_nd91", unit(ratings={2019: "htt"}), GIAY_KHEN_TT, 2019, (), OK),
)
def test_frm01(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@_cases(
    ("two_cstdcs", person(titles(CSTDCS, 2023, 2024)), BK_TINH, 2024, (), OK),
    (
        "cstdcs_gap",
        person(titles(CSTDCS, 2022, 2024), ratings=rated(2022, 2024)),
        BK_TINH,
        2024,
        (),
        ("not_eligible", "FRM-02"),
    ),
    (
        "htxs_two_initiatives",
        person(ratings=rated(2023, 2024, "htxs"), scopes={2023: "grassroots", 2024: "grassroots"}),
        BK_TINH,
        2024,
        (),
        OK,
    ),
    (
        "htxs_one_initiative_short",
        person(ratings=rated(2023, 2024, "htxs"), scopes={2024: "grassroots"}),
        BK_TINH,
        2024,
        (),
        ("not_eligible", "FRM-02"),
    ),
    (
        "htt_year_breaks_htxs",
        person(ratings=rated(2023, 2024, "htxs", y2023="htt"), initiatives={2023: 1, 2024: 1}),
        BK_TINH,
        2024,
        (),
        ("not_eligible", "FRM-02"),
    ),
    (
        "initiative_maybe_used_for_cstdcs",
        person(
            titles(CSTDCS, 2024),
            ratings=rated(2023, 2024, "htxs"),
            scopes={2023: "grassroots", 2024: "grassroots"},
        ),
        BK_TINH,
        2024,
        (),
        ("needs_check", "FRM-02"),
    ),
    (
        "rating_missing",
        person(ratings={2024: "htxs"}, initiatives={2023: 1, 2024: 1}),
        BK_TINH,
        2024,
        (),
        ("needs_check", "FRM-02"),
    ),
    (
        "same_form_last_year",
        person(titles(CSTDCS, 2023, 2024), titles(BK_TINH, 2023)),
        BK_TINH,
        2024,
        (),
        ("needs_check", "FRM-02"),
    ),
    # NĐ 91/2017: no "2 consecutive CSTĐ cơ sở" path; 2 HTXS years with 2 initiatives.
    (
        "nd91_two_cstdcs_only",
        person(titles(CSTDCS, 2018, 2019), ratings=rated(2018, 2019), scopes={2019: "grassroots"}),
        BK_TINH,
        2019,
        (),
        ("not_eligible", "FRM-02"),
    ),
    (
        "nd91_htxs_initiatives",
        person(ratings=rated(2018, 2019, "htxs"), initiatives={2018: 1, 2019: 1}),
        BK_TINH,
        2019,
        (),
        OK,
    ),
    ("nd152_two_cstdcs", person(titles(CSTDCS, 2024, 2025)), BK_TINH, 2025, (), OK),
)
def test_frm02(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@_cases(
    (
        "htxs_then_ttldxs",
        unit(titles(TTLDXS, 2024), ratings={2023: "htxs", 2024: "htt"}),
        BK_TINH_TT,
        2024,
        (),
        ("needs_check", "FRM-02c"),
    ),
    (
        "one_htt_year",
        unit(ratings={2023: "htt", 2024: "htxs"}),
        BK_TINH_TT,
        2024,
        (),
        ("not_eligible", "FRM-02c"),
    ),
    (
        "nd91_two_htxs",
        unit(ratings=rated(2018, 2019, "htxs")),
        BK_TINH_TT,
        2019,
        (),
        ("needs_check", "FRM-02c"),
    ),
    (
        "nd91_one_htt",
        unit(ratings={2018: "htt", 2019: "htxs"}),
        BK_TINH_TT,
        2019,
        (),
        ("not_eligible", "FRM-02c"),
    ),
    (
        "nd152_two_htxs",
        unit(ratings=rated(2024, 2025, "htxs")),
        BK_TINH_TT,
        2025,
        (),
        ("needs_check", "FRM-02c"),
    ),
)
def test_frm02c(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@pytest.mark.parametrize(
    ("history", "chain_met"),
    [
        (unit(titles(TTLDXS, 2024), ratings={2023: "htxs", 2024: "htt"}), True),
        (unit(ratings={2024: "htxs"}), None),  # 2023 not recorded
        (unit(ratings={2023: "ht", 2024: "htxs"}), False),
    ],
)
def test_frm02c_chain_then_qualitative(history, chain_met):
    assert mets(verdict(history, BK_TINH_TT, 2024), "FRM-02c") == [chain_met, None]


def _bk_ttg(bk_year=2019, year=2024, *, cstdcs=(2021, 2022, 2023), **ratings):
    return person(
        titles(BK_TINH, bk_year),
        titles(CSTDCS, *cstdcs),
        ratings=rated(year - 4, year, **ratings),
    )


@_cases(
    ("bk_before_window", _bk_ttg(), BK_TTG, 2024, (), OK),
    ("bk_in_first_year_default", _bk_ttg(bk_year=2020), BK_TTG, 2024, (), OK),
    (
        "bk_first_year_province_says_no",
        _bk_ttg(bk_year=2020),
        BK_TTG,
        2024,
        (province("FRM-03", prerequisite_year_counts=False),),
        ("not_eligible", "FRM-03"),
    ),
    ("bk_inside_window", _bk_ttg(bk_year=2021), BK_TTG, 2024, (), ("not_eligible", "FRM-03")),
    (
        "no_bk",
        person(titles(CSTDCS, 2021, 2022, 2023), ratings=rated(2020, 2024)),
        BK_TTG,
        2024,
        (),
        ("not_eligible", "FRM-03"),
    ),
    (
        "two_cstdcs_short",
        _bk_ttg(cstdcs=(2022, 2023)),
        BK_TTG,
        2024,
        (),
        ("not_eligible", "FRM-03"),
    ),
    (
        "cstdcs_before_window",
        _bk_ttg(cstdcs=(2019, 2021, 2022)),
        BK_TTG,
        2024,
        (),
        ("not_eligible", "FRM-03"),
    ),
    ("one_year_ht", _bk_ttg(y2022="ht"), BK_TTG, 2024, (), ("not_eligible", "FRM-03")),
    (
        "one_year_unrated",
        person(titles(BK_TINH, 2019), titles(CSTDCS, 2021, 2022, 2023), ratings=rated(2021, 2024)),
        BK_TTG,
        2024,
        (),
        ("needs_check", "FRM-03"),
    ),
    (
        "disciplined_year_in_window",
        person(
            titles(BK_TINH, 2019),
            titles(CSTDCS, 2021, 2022, 2023),
            ratings=rated(2020, 2024),
            disciplined=[2020],
        ),
        BK_TTG,
        2024,
        (),
        ("not_eligible", "FRM-03"),
    ),
    # NĐ 91/2017 Điều 38: "05 năm tiếp theo" with 5 initiatives, the BK year not counted.
    (
        "nd91_five_initiatives",
        person(
            titles(BK_TINH, 2014),
            ratings=rated(2015, 2019),
            initiatives=dict.fromkeys(range(2015, 2020), 1),
        ),
        BK_TTG,
        2019,
        (),
        OK,
    ),
    (
        "nd91_bk_in_first_year",
        person(
            titles(BK_TINH, 2015),
            ratings=rated(2015, 2019),
            initiatives=dict.fromkeys(range(2015, 2020), 1),
        ),
        BK_TTG,
        2019,
        (),
        ("not_eligible", "FRM-03"),
    ),
    (
        "nd91_four_initiatives",
        person(
            titles(BK_TINH, 2014),
            ratings=rated(2015, 2019),
            initiatives=dict.fromkeys(range(2016, 2020), 1),
        ),
        BK_TTG,
        2019,
        (),
        ("not_eligible", "FRM-03"),
    ),
    (
        "nd152_2025",
        _bk_ttg(bk_year=2020, year=2025, cstdcs=(2022, 2023, 2025)),
        BK_TTG,
        2025,
        (),
        OK,
    ),
    (
        "same_form_in_window",
        person(
            titles(BK_TINH, 2019),
            titles(CSTDCS, 2021, 2022, 2023),
            titles(BK_TTG, 2022),
            ratings=rated(2020, 2024),
        ),
        BK_TTG,
        2024,
        (),
        ("needs_check", "FRM-03"),
    ),
)
def test_frm03(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def test_frm03_reasons():
    v = verdict(_bk_ttg(bk_year=2020), BK_TTG, 2024)
    citation = "Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 73 khoản 1 điểm b"

    assert texts(v, "FRM-03") == [
        f"FRM-03 ({citation}): Đã được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2020, năm đầu "
        "của thời gian xét 2020–2024 (tính năm được tặng vào thời gian xét là mặc định chưa xác "
        "nhận, domain-rules §7.10; tỉnh có thể đặt prerequisite_year_counts).",
        f"FRM-03 ({citation}): 5 năm liên tục (2020–2024) xếp loại hoàn thành tốt nhiệm vụ trở "
        "lên: đạt.",
        f"FRM-03 ({citation}): 3 lần đạt CSTĐ cơ sở trong 2020–2024 (2021–2023), cần 3.",
    ]


def test_frm03_prerequisite_too_late_says_when():
    v = verdict(_bk_ttg(bk_year=2021), BK_TTG, 2024)

    assert texts(v, "FRM-03")[0].endswith(
        "Được tặng Bằng khen của Chủ tịch UBND tỉnh năm 2021, không trước thời gian xét "
        "2020–2024: cần 5 năm tính từ năm được tặng (sớm nhất xét cho thành tích năm 2025)."
    )


def _bk_ttg_unit(bk_year=2019, year=2024, ttldxs=(2022, 2024), rating="htt"):
    return unit(
        titles(BK_TINH_TT, bk_year), titles(TTLDXS, *ttldxs), ratings=rated(year - 4, year, rating)
    )


@_cases(
    ("two_ttldxs", _bk_ttg_unit(), BK_TTG_TT, 2024, (), OK),
    ("one_ttldxs", _bk_ttg_unit(ttldxs=(2024,)), BK_TTG_TT, 2024, (), ("not_eligible", "FRM-03c")),
    (
        "no_bk",
        unit(titles(TTLDXS, 2022, 2024), ratings=rated(2020, 2024)),
        BK_TTG_TT,
        2024,
        (),
        ("not_eligible", "FRM-03c"),
    ),
    # NĐ 91/2017: criteria not verified [U] → a failure needs a check.
    (
        "nd91_one_ttldxs",
        _bk_ttg_unit(bk_year=2014, year=2019, ttldxs=(2019,)),
        BK_TTG_TT,
        2019,
        (),
        ("needs_check", "FRM-03c"),
    ),
    (
        "nd91_two_ttldxs",
        _bk_ttg_unit(bk_year=2014, year=2019, ttldxs=(2017, 2019)),
        BK_TTG_TT,
        2019,
        (),
        OK,
    ),
    ("nd152", _bk_ttg_unit(bk_year=2020, year=2025, ttldxs=(2023, 2025)), BK_TTG_TT, 2025, (), OK),
)
def test_frm03c(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def _hcld3(prize_year=2019, year=2024, cstdcs=(2020, 2022, 2024), **ratings):
    return person(
        titles(BK_TTG, prize_year),
        titles(CSTDCS, *cstdcs),
        ratings=rated(year - 4, year, **ratings),
    )


@_cases(
    ("one_htxs_three_cstdcs", _hcld3(y2022="htxs"), HCLD3, 2024, (), OK),
    ("no_htxs", _hcld3(), HCLD3, 2024, (), ("not_eligible", "FRM-04")),
    (
        "two_cstdcs",
        _hcld3(cstdcs=(2022, 2024), y2022="htxs"),
        HCLD3,
        2024,
        (),
        ("not_eligible", "FRM-04"),
    ),
    (
        "no_bk_ttg",
        person(titles(CSTDCS, 2020, 2022, 2024), ratings=rated(2020, 2024, y2022="htxs")),
        HCLD3,
        2024,
        (),
        ("not_eligible", "FRM-04"),
    ),
    # Law 2003 [U]: 5 years HTXS with 3 initiatives; a failure needs a check.
    (
        "nd91_htt_years",
        _hcld3(prize_year=2014, year=2019, cstdcs=()),
        HCLD3,
        2019,
        (),
        ("needs_check", "FRM-04"),
    ),
    (
        "nd91_htxs_initiatives",
        person(
            titles(BK_TTG, 2014),
            ratings=rated(2015, 2019, "htxs"),
            initiatives={2016: 1, 2017: 1, 2019: 1},
        ),
        HCLD3,
        2019,
        (),
        OK,
    ),
    (
        "nd152",
        _hcld3(prize_year=2020, year=2025, cstdcs=(2021, 2023, 2025), y2025="htxs"),
        HCLD3,
        2025,
        (),
        OK,
    ),
)
def test_frm04(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


def _hcld3_unit(prize_year=2019, year=2024, flags=(), ttldxs=(), rating="htxs"):
    return unit(
        titles(BK_TTG_TT, prize_year),
        titles(CO_TINH, *flags),
        titles(TTLDXS, *ttldxs),
        ratings=rated(year - 4, year, rating),
    )


@_cases(
    ("one_flag", _hcld3_unit(flags=(2022,)), HCLD3_TT, 2024, (), OK),
    ("three_ttldxs", _hcld3_unit(ttldxs=(2020, 2022, 2024)), HCLD3_TT, 2024, (), OK),
    # [U] both regimes: short of the recalled counts needs a check, unless the province set them.
    (
        "two_ttldxs",
        _hcld3_unit(ttldxs=(2022, 2024)),
        HCLD3_TT,
        2024,
        (),
        ("needs_check", "FRM-04c"),
    ),
    (
        "two_ttldxs_province",
        _hcld3_unit(ttldxs=(2022, 2024)),
        HCLD3_TT,
        2024,
        (province("FRM-04c", min_ttldxs=3),),
        ("not_eligible", "FRM-04c"),
    ),
    (
        "htt_years",
        _hcld3_unit(flags=(2022,), rating="htt"),
        HCLD3_TT,
        2024,
        (),
        ("needs_check", "FRM-04c"),
    ),
    (
        "nd91_bk_first_year",
        _hcld3_unit(prize_year=2015, year=2019, flags=(2017,)),
        HCLD3_TT,
        2019,
        (),
        ("needs_check", "FRM-04c"),
    ),
    (
        "nd98_bk_first_year",
        _hcld3_unit(prize_year=2020, year=2024, flags=(2022,)),
        HCLD3_TT,
        2024,
        (),
        OK,
    ),
    ("nd152", _hcld3_unit(prize_year=2020, year=2025, flags=(2023,)), HCLD3_TT, 2025, (), OK),
)
def test_frm04c(history, award, year, overrides, expected):
    assert outcome(history, award, year, *overrides) == expected


@pytest.mark.parametrize(
    ("history", "award", "year", "overrides", "expected_mets", "expected"),
    [
        pytest.param(
            person(titles(HCLD3, 2019), ratings=rated(2020, 2024, "htxs")),
            HCLD2,
            2024,
            (),
            [True, True, None],
            ("needs_check", "FRM-05"),
            id="class_below_and_htxs",
        ),
        pytest.param(
            person(titles(HCLD3, 2021), ratings=rated(2020, 2024, "htxs")),
            HCLD2,
            2024,
            (),
            [None, True, None],
            ("needs_check", "FRM-05"),
            id="class_below_too_late_u",
        ),
        pytest.param(
            person(titles(HCLD3, 2021), ratings=rated(2020, 2024, "htxs")),
            HCLD2,
            2024,
            (province("FRM-05", window_years=5),),
            [False, True, None],
            ("not_eligible", "FRM-05"),
            id="class_below_too_late_province",
        ),
        pytest.param(
            person(titles(HCLD2, 2019), ratings=rated(2020, 2024, "htxs")),
            HCLD1,
            2024,
            (),
            [True, True, None],
            ("needs_check", "FRM-05"),
            id="nhat_after_nhi",
        ),
        pytest.param(
            person(titles(HCLD3, 2019), ratings=rated(2020, 2024, "htxs")),
            HCLD1,
            2024,
            (),
            [None, True, None],
            ("needs_check", "FRM-05"),
            id="nhat_needs_nhi",
        ),
        pytest.param(
            unit(titles(HCLD3_TT, 2019), ratings=rated(2020, 2024, "htxs")),
            HCLD2_TT,
            2024,
            (),
            [True, True, None],
            ("needs_check", "FRM-05"),
            id="collective_ladder",
        ),
        pytest.param(
            person(titles(HCLD3, 2015), ratings=rated(2015, 2019, "htxs")),
            HCLD2,
            2019,
            (),
            [None, True, None],
            ("needs_check", "FRM-05"),
            id="nd91_first_year_not_counted",
        ),
        pytest.param(
            person(titles(HCLD3, 2021), ratings=rated(2021, 2025, "htxs")),
            HCLD2,
            2025,
            (),
            [True, True, None],
            ("needs_check", "FRM-05"),
            id="nd152_first_year_counts",
        ),
    ],
)
def test_frm05(history, award, year, overrides, expected_mets, expected):
    v = verdict(history, award, year, *overrides)

    assert mets(v, "FRM-05") == expected_mets
    assert (v.status, v.decided_by) == expected


# ── STD-00 ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("award", [XA, THON])
@pytest.mark.parametrize("year", [2019, 2024, 2025])
def test_std00_standard_not_in_rulebook_needs_check(award, year):
    v = verdict(unit(ratings={year: "htxs"}), award, year)

    assert (v.status, v.decided_by) == ("needs_check", "STD-00")


def test_std00_gen03_still_excludes():
    assert outcome(unit(under_review=True), XA, 2024) == ("not_eligible", "GEN-03")


def test_std00_before_the_oldest_regime_needs_check():
    v = verdict(unit(), XA, 2016)

    assert (v.status, v.decided_by) == ("needs_check", "GEN-03")
    assert v.reasons[0].text == (
        "GEN-03: không có phiên bản có hiệu lực năm 2016; cần người kiểm tra theo quy định thời "
        "điểm đó."
    )
