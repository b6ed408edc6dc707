"""The award catalogue of rulebook.toml (domain-rules §1.1–§1.3, §1.5, §1.6) and the eligibility
rules' data: codes, who decides, cash multiples, rule references, versions and parameters."""

import datetime
from decimal import Decimal

import pytest

from tests.awards.test_eligibility_helpers import person, unit, verdict
from thidua.awards.rulebook import (
    PARAM_KINDS,
    RULEBOOK_PATH,
    load_rulebook,
    param_codes,
    params_errors,
    parse_rulebook,
)

pytestmark = pytest.mark.unit
BOOK = load_rulebook()

# §1.6 (NĐ 152/2025/NĐ-CP Điều 50, 51, 54): code → (multiple, confidence).
CASH = {
    "chien_si_thi_dua_toan_quoc": ("4.5", "C"),
    "chien_si_thi_dua_cap_tinh": ("3.0", "C"),
    "chien_si_thi_dua_co_so": ("1.0", "C"),
    "lao_dong_tien_tien": ("0.3", "C"),
    "tap_the_lao_dong_xuat_sac": ("1.5", "C"),
    "tap_the_lao_dong_tien_tien": ("0.8", "C"),
    "xa_phuong_dac_khu_tieu_bieu": ("2.0", "C"),
    "thon_to_dan_pho_van_hoa": ("1.5", "C"),
    "co_thi_dua_chinh_phu": ("12.0", "C"),
    "co_thi_dua_ubnd_tinh": ("8.0", "C"),
    "bang_khen_thu_tuong_ca_nhan": ("3.5", "R"),
    "bang_khen_thu_tuong": ("7.0", "C"),
    "bang_khen_chu_tich_ubnd_tinh_ca_nhan": ("1.5", "R"),
    "bang_khen_chu_tich_ubnd_tinh": ("3.0", "C"),
    "giay_khen": ("0.3", "C"),
    "giay_khen_tap_the": ("0.6", "C"),
    "huan_chuong_lao_dong_hang_ba_ca_nhan": ("4.5", "C"),
    "huan_chuong_lao_dong_hang_nhi_ca_nhan": ("7.5", "C"),
    "huan_chuong_lao_dong_hang_nhat_ca_nhan": ("9.0", "C"),
    "huan_chuong_lao_dong_hang_ba_tap_the": ("9", "C"),
    "huan_chuong_lao_dong_hang_nhi_tap_the": ("15", "C"),
    "huan_chuong_lao_dong_hang_nhat_tap_the": ("18", "C"),
}

# code → (subject, category, level, decided_by) per §1.1–§1.3 and §1.5.
CATALOGUE = {
    "lao_dong_tien_tien": ("individual", "title", "unit", "Thủ trưởng cơ quan, đơn vị"),
    "chien_si_thi_dua_co_so": ("individual", "title", "unit", "Thủ trưởng cơ quan, đơn vị"),
    "chien_si_thi_dua_cap_tinh": ("individual", "title", "province", "Chủ tịch UBND tỉnh"),
    "chien_si_thi_dua_toan_quoc": ("individual", "title", "national", "Thủ tướng Chính phủ"),
    "tap_the_lao_dong_tien_tien": ("collective", "title", "unit", "Thủ trưởng cơ quan, đơn vị"),
    "tap_the_lao_dong_xuat_sac": ("collective", "title", "province", "Chủ tịch UBND tỉnh"),
    "co_thi_dua_ubnd_tinh": ("collective", "title", "province", "Chủ tịch UBND tỉnh"),
    "co_thi_dua_chinh_phu": ("collective", "title", "national", "Thủ tướng Chính phủ"),
    "xa_phuong_dac_khu_tieu_bieu": ("collective", "title", "province", "Chủ tịch UBND tỉnh"),
    "thon_to_dan_pho_van_hoa": ("collective", "title", "unit", "Chủ tịch UBND xã"),
    "giay_khen": ("individual", "commendation", "unit", "Thủ trưởng cơ quan, đơn vị"),
    "giay_khen_tap_the": ("collective", "commendation", "unit", "Thủ trưởng cơ quan, đơn vị"),
    "bang_khen_chu_tich_ubnd_tinh": (
        "collective",
        "commendation",
        "province",
        "Chủ tịch UBND tỉnh",
    ),
    "bang_khen_chu_tich_ubnd_tinh_ca_nhan": (
        "individual",
        "commendation",
        "province",
        "Chủ tịch UBND tỉnh",
    ),
    "bang_khen_thu_tuong": ("collective", "commendation", "national", "Thủ tướng Chính phủ"),
    "bang_khen_thu_tuong_ca_nhan": (
        "individual",
        "commendation",
        "national",
        "Thủ tướng Chính phủ",
    ),
    **{
        f"huan_chuong_lao_dong_hang_{rank}_{who}": (
            subject,
            "commendation",
            "national",
            "Chủ tịch nước",
        )
        for rank in ("ba", "nhi", "nhat")
        for who, subject in (("ca_nhan", "individual"), ("tap_the", "collective"))
    },
}

# What the voting app relies on (voting.services, awards.services, tests/voting).
VOTING_CODES = {
    "co_thi_dua_chinh_phu": (True, "BLK-10", 10),
    "co_thi_dua_ubnd_tinh": (True, "BLK-09", 20),
    "bang_khen_chu_tich_ubnd_tinh": (True, "BLK-Q-BK", 30),
    "bang_khen_thu_tuong": (False, "", 40),
}

ELIGIBILITY_RULES = [
    "IND-01",
    "IND-01b",
    "IND-02",
    "IND-02q",
    "IND-03",
    "IND-04",
    "IND-04t",
    "COL-01",
    "COL-02",
    "COL-03",
    "COL-04",
    "COL-04q",
    "FRM-01",
    "FRM-02",
    "FRM-02c",
    "FRM-03",
    "FRM-03c",
    "FRM-04",
    "FRM-04c",
    "FRM-05",
]


# ── catalogue ───────────────────────────────────────────────────────────────────────────────


def test_catalogue_holds_every_title_and_form_of_the_province():
    assert {a.code for a in BOOK.award_types()} == set(CATALOGUE)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_catalogue_entry(code):
    award = BOOK.award_type(code)

    assert (award.subject, award.category, award.level, award.decided_by) == CATALOGUE[code]
    assert award.name and award.short_name


@pytest.mark.parametrize("code", sorted(CASH))
def test_cash_multiple_as_in_domain_rules(code):
    award = BOOK.award_type(code)
    multiple, confidence = CASH[code]

    assert award.cash_multiple is not None
    assert Decimal(award.cash_multiple) == Decimal(multiple)
    assert award.cash_confidence == confidence
    assert award.cash_citation.startswith("NĐ 152/2025/NĐ-CP, Điều 5")


def test_medal_cash_for_collectives_is_twice_the_individual():
    for rank in ("ba", "nhi", "nhat"):
        one = BOOK.award_type(f"huan_chuong_lao_dong_hang_{rank}_ca_nhan").cash_multiple
        unit_ = BOOK.award_type(f"huan_chuong_lao_dong_hang_{rank}_tap_the").cash_multiple

        assert Decimal(unit_) == 2 * Decimal(one)


@pytest.mark.parametrize("code", sorted(VOTING_CODES))
def test_codes_used_by_voting_keep_their_meaning(code):
    award = BOOK.award_type(code)

    assert (award.bloc_vote, award.quota_rule, award.order) == VOTING_CODES[code]
    assert award.subject == "collective"


def test_bloc_vote_awards_unchanged():
    assert [a.code for a in BOOK.award_types(bloc_vote=True)] == [
        "co_thi_dua_chinh_phu",
        "co_thi_dua_ubnd_tinh",
        "bang_khen_chu_tich_ubnd_tinh",
    ]


def test_orders_unique():
    orders = [a.order for a in BOOK.award_types()]

    assert len(orders) == len(set(orders))


def test_every_rule_id_of_the_catalogue_exists():
    known = {rule.id for rule in BOOK.rules()}
    for award in BOOK.award_types():
        assert set(award.rule_ids) <= known, award.code
        assert not award.quota_rule or award.quota_rule in known


def test_every_award_type_has_its_eligibility_rules():
    evaluated = ("IND-", "COL-", "FRM-", "STD-")
    for award in BOOK.award_types():
        assert [r for r in award.rule_ids if r.startswith(evaluated)], award.code


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_the_engine_evaluates_every_listed_rule(code):
    award = BOOK.award_type(code)
    history = person() if award.subject == "individual" else unit()
    v = verdict(history, code, 2025)

    assert "Hệ thống chưa tự kiểm tra" not in " ".join(r.text for r in v.reasons)


# ── rules ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("rule_id", ELIGIBILITY_RULES)
@pytest.mark.parametrize("year", range(2018, 2031))
def test_eligibility_rule_in_force_every_year_since_nd91(rule_id, year):
    rule = BOOK.rule(rule_id, year=year)

    assert rule.citation and rule.applies_to


@pytest.mark.parametrize("rule_id", ["GEN-02", "GEN-03", "STD-00"])
def test_cross_cutting_rules_in_force_since_nd91(rule_id):
    assert [BOOK.rule(rule_id, year=y).id for y in (2018, 2023, 2024, 2025)] == [rule_id] * 4


@pytest.mark.parametrize(
    ("rule_id", "year", "params"),
    [
        ("IND-02q", 2019, {"share_of_ldtt": "3/20"}),
        ("IND-02q", 2024, {}),
        (
            "IND-03",
            2024,
            {
                "consecutive": 3,
                "chain_award": "chien_si_thi_dua_co_so",
                "initiative_scope": "province",
            },
        ),
        (
            "COL-01",
            2019,
            {
                "min_rating": "htt",
                "ldtt_share": "1/2",
                "strict": True,
                "no_member_disciplined": True,
            },
        ),
        (
            "COL-01",
            2024,
            {
                "min_rating": "htt",
                "ldtt_share": "7/10",
                "strict": False,
                "no_member_disciplined": True,
            },
        ),
        (
            "FRM-03",
            2025,
            {
                "window_years": 5,
                "min_rating": "htt",
                "prerequisite": "bang_khen_chu_tich_ubnd_tinh_ca_nhan",
                "prerequisite_year_counts": True,
                "min_cstdcs": 3,
            },
        ),
    ],
)
def test_rule_params_as_in_the_legal_text(rule_id, year, params):
    assert BOOK.rule(rule_id, year=year).params == params


@pytest.mark.parametrize(
    ("rule_id", "year", "confidence"),
    [
        ("IND-02q", 2019, "C"),
        ("IND-04t", 2019, "R"),
        ("IND-04t", 2024, "C"),
        ("IND-04t", 2025, "U"),
        ("COL-01", 2019, "R"),
        ("COL-01", 2024, "U"),
        ("COL-02", 2024, "C"),
        ("COL-04q", 2019, "C"),
        ("COL-04q", 2024, "U"),
        ("FRM-03", 2024, "C"),
        ("FRM-03c", 2024, "R"),
        ("FRM-04", 2024, "C"),
        ("FRM-04c", 2024, "U"),
        ("FRM-05", 2025, "U"),
    ],
)
def test_rule_confidence_as_in_domain_rules(rule_id, year, confidence):
    assert BOOK.rule(rule_id, year=year).confidence == confidence


def test_regime_boundaries():
    assert BOOK.rule("IND-02q", year=2022).params == {"share_of_ldtt": "3/20"}
    assert BOOK.rule("IND-02q", year=2023).params == {}
    assert BOOK.rule("IND-04t", year=2024).effective_to == datetime.date(2025, 6, 30)
    assert BOOK.rule("IND-04t", year=2025).effective_from == datetime.date(2025, 7, 1)


def test_every_param_key_of_the_rulebook_has_a_kind():
    keys = {key for rule in BOOK.rules() for key in rule.params}

    assert keys <= set(PARAM_KINDS)


def test_param_keys_documented_in_the_header():
    header = RULEBOOK_PATH.read_text(encoding="utf-8").split("\n[[rule]]")[0]
    keys = {key for rule in BOOK.rules() for key in rule.params}

    assert [key for key in sorted(keys) if key not in header] == []


# ── parameter validation ────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "params",
    [
        {"consecutive": 3, "chain_award": "x"},
        {"window_years": 5, "min_cstdcs": 0, "max_years_after": 0},
        {"ldtt_share": "70%", "strict": False, "share_of_ldtt": "3/20"},
        {"min_rating": "htxs", "initiative_scope": "national"},
        {"prerequisite": ["a", "b"], "prerequisite_year_counts": True},
        {"prerequisite": {"a": "b", "c": ["d"]}},
        {"htxs_suffices": False, "rating_suffices": True, "all_completed": True},
    ],
)
def test_params_errors_accepts_eligibility_keys(params):
    assert params_errors(params) == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"consecutive": 0}, "consecutive phải là số nguyên từ 1 trở lên"),
        ({"window_years": "5"}, "window_years phải là số nguyên từ 1 trở lên"),
        ({"min_cstdcs": -1}, "min_cstdcs phải là số nguyên từ 0 trở lên"),
        ({"max_years_after": True}, "max_years_after phải là số nguyên từ 0 trở lên"),
        ({"ldtt_share": "3/2"}, "ldtt_share phải trong khoảng (0, 1]"),
        ({"min_rating": "kht"}, "min_rating phải là một trong ('htxs', 'htt', 'ht')"),
        (
            {"initiative_scope": "world"},
            "initiative_scope phải là một trong ('grassroots', 'province', 'national')",
        ),
        ({"htxs_suffices": "yes"}, "htxs_suffices phải là true hoặc false"),
        ({"chain_award": ""}, "chain_award phải là mã hình thức khen thưởng"),
        (
            {"prerequisite": []},
            "prerequisite phải là mã hình thức, danh sách mã, hoặc bảng {mã hình thức: mã}",
        ),
        (
            {"prerequisite": {"a": 3}},
            "prerequisite phải là mã hình thức, danh sách mã, hoặc bảng {mã hình thức: mã}",
        ),
    ],
)
def test_params_errors_refuses_bad_eligibility_values(params, message):
    assert params_errors(params) == [message]


def test_param_codes():
    params = {"chain_award": "a", "prerequisite": {"b": "c", "d": ["e", "f"]}}

    assert param_codes(params) == {"a", "b", "c", "d", "e", "f"}


AWARD = """
[[award_type]]
code = "a"
name = "A"
category = "title"
subject = "individual"
level = "unit"
decided_by = "d"
order = 1
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("cash_multiple = 4.5", "cash_multiple phải là số thập phân dương"),
        ('cash_multiple = "-1"', "cash_multiple phải là số thập phân dương"),
        ('cash_multiple = "abc"', "cash_multiple phải là số thập phân dương"),
        ('cash_multiple = "1"\ncash_confidence = "X"', "cash_confidence phải là một trong"),
    ],
)
def test_parse_refuses_bad_cash(extra, message):
    with pytest.raises(ValueError, match=message):
        parse_rulebook(AWARD.format(extra=extra))


def test_parse_cash_confidence_defaults_to_confirmed():
    award = parse_rulebook(AWARD.format(extra='cash_multiple = "0.3"')).award_type("a")

    assert (award.cash_multiple, award.cash_confidence) == ("0.3", "C")
    assert parse_rulebook(AWARD.format(extra="")).award_type("a").cash_confidence is None


def test_parse_refuses_unknown_codes_in_params():
    text = AWARD.format(extra="") + (
        '[[rule]]\nid = "X-01"\ntitle = "t"\ncitation = "c"\nconfidence = "C"\n'
        'effective_from = 2020-01-01\nparams = { prerequisite = { a = "zz" } }\n'
    )

    with pytest.raises(ValueError, match=r"X-01: mã hình thức lạ \['zz'\]"):
        parse_rulebook(text)
