"""Dossier components (DOS-*), the simplified procedure (SIM-*) and time limits (TML-*)."""

import datetime

import pytest

from thidua.awards.rulebook import (
    DOCUMENT_KINDS,
    PARAM_CHOICES,
    PARAM_KINDS,
    RULEBOOK_PATH,
    TIME_LIMIT_STEPS,
    DocumentRequirement,
    Override,
    load_rulebook,
    params_errors,
    parse_rulebook,
)

pytestmark = pytest.mark.unit
BOOK = load_rulebook()
D = datetime.date
NEW_PREFIXES = ("DOS-", "SIM-", "TML-")
BASE = ["to_trinh", "bien_ban_binh_xet", "bao_cao_thanh_tich"]


def _kinds(award, year=2025, **kwargs):
    return [
        (r.kind, r.required, r.rule_id) for r in BOOK.dossier_requirements(award, year, **kwargs)
    ]


def _new_rules():
    return [r for r in BOOK.rules() if r.id.startswith(NEW_PREFIXES)]


# ── the data ─────────────────────────────────────────────────────────────────────────────────


def test_new_rule_ids():
    assert sorted({r.id for r in _new_rules()}) == [
        *(f"DOS-{i:02d}" for i in range(1, 8)),
        "SIM-01",
        "SIM-02",
        *(f"TML-{i:02d}" for i in range(1, 7)),
    ]


def test_every_new_rule_has_citation_confidence_and_dates():
    for rule in _new_rules():
        assert rule.title and rule.citation and rule.note, rule.id
        assert rule.confidence in ("C", "R", "U"), rule.id
        assert rule.effective_from in (D(2017, 10, 1), D(2023, 12, 31), D(2025, 7, 1)), rule.id
        assert params_errors(rule.params) == [], rule.id
        assert rule.applies_to, rule.id


def test_document_vocabulary():
    assert set(DOCUMENT_KINDS) >= {
        "to_trinh",
        "bien_ban_binh_xet",
        "bien_ban_kiem_phieu",
        "bao_cao_thanh_tich",
        "xac_nhan_sang_kien",
        "xac_nhan_htxs",
        "tom_tat_thanh_tich",
        "tep_dien_tu",
        "khac",
    }
    for rule in _new_rules():
        for kind in rule.params.get("documents", ()):
            assert kind in DOCUMENT_KINDS, rule.id
        assert set(rule.params.get("optional", ())) <= set(rule.params.get("documents", ()))


def test_new_param_keys_have_kinds():
    assert PARAM_KINDS["documents"] == PARAM_KINDS["optional"] == "documents"
    assert PARAM_KINDS["working_days"] == "int"
    assert PARAM_KINDS["step"] == "choice"
    assert PARAM_CHOICES["step"] == tuple(TIME_LIMIT_STEPS)


@pytest.mark.parametrize(
    ("rule_id", "year", "confidence", "citation_part"),
    [
        ("DOS-01", 2024, "C", "Điều 84 khoản 1"),
        ("DOS-01", 2025, "C", "06/2022/QH15"),
        ("DOS-01", 2030, "C", "Điều 84"),
        ("DOS-02", 2025, "C", "QĐ 638/QĐ-BNV"),
        ("DOS-02", 2026, "C", "Mẫu số 01".lower()),
        ("DOS-02", 2027, "C", "NĐ 152/2025"),
        ("DOS-03", 2020, "C", "trước năm 2024"),
        ("DOS-03", 2023, "U", "chưa đối chiếu"),  # 31/12/2023: the new regime
        ("DOS-03", 2024, "U", "chưa đối chiếu"),
        ("DOS-04", 2024, "C", "Điều 34 khoản 2"),
        ("DOS-04", 2025, "U", "NĐ 152/2025"),
        ("DOS-04", 2026, "U", "Điều 34 khoản 2"),
        ("DOS-05", 2024, "C", "QĐ 311/QĐ-BNV"),
        ("DOS-05", 2025, "C", "mục XV"),
        ("DOS-05", 2026, "C", "Điều 30"),
        ("DOS-06", 2024, "C", "Điều 33"),
        ("DOS-06", 2025, "U", "Điều 33"),
        ("DOS-06", 2028, "U", "NĐ 152/2025"),
        ("DOS-07", 2025, "C", "Điều 42"),
        ("DOS-07", 2026, "C", "NĐ 152/2025"),
        ("DOS-07", 2030, "C", "Điều 42"),
        ("SIM-01", 2024, "R", "Điều 85"),
        ("SIM-01", 2025, "R", "06/2022/QH15"),
        ("SIM-01", 2030, "R", "Điều 85"),
        ("SIM-02", 2025, "C", "Điều 4 khoản 3"),
        ("SIM-02", 2026, "C", "NĐ 152/2025"),
        ("SIM-02", 2030, "C", "Điều 4 khoản 3"),
        ("TML-01", 2018, "R", "chưa đối chiếu"),
        ("TML-01", 2024, "R", "thủ tục hành chính"),
        ("TML-01", 2025, "R", "cấp tỉnh"),
        ("TML-02", 2024, "C", "QĐ 311"),
        ("TML-02", 2025, "C", "QĐ 311"),
        ("TML-02", 2030, "C", "Bộ Nội vụ"),
        ("TML-03", 2024, "C", "Điều 32 khoản 2"),
        ("TML-03", 2025, "C", "QĐ 311"),
        ("TML-03", 2030, "C", "NĐ 98/2023"),
        ("TML-04", 2024, "C", "QĐ 311"),
        ("TML-04", 2025, "C", "QĐ 311"),
        ("TML-04", 2030, "C", "QĐ 311"),
        ("TML-05", 2025, "C", "QĐ 638"),
        ("TML-05", 2026, "C", "cấp xã"),
        ("TML-05", 2030, "C", "QĐ 638"),
        ("TML-06", 2024, "C", "QĐ 311"),
        ("TML-06", 2025, "C", "QĐ 311"),
        ("TML-06", 2030, "C", "QĐ 311"),
    ],
)
def test_rule_confidence_and_citation(rule_id, year, confidence, citation_part):
    rule = BOOK.rule(rule_id, year=year)
    assert rule.confidence == confidence
    assert citation_part.lower() in rule.citation.lower()


@pytest.mark.parametrize(
    ("rule_id", "first_year"),
    [
        ("DOS-01", 2023),
        ("DOS-02", 2025),
        ("DOS-03", 2017),
        ("DOS-04", 2023),
        ("DOS-05", 2023),
        ("DOS-06", 2023),
        ("DOS-07", 2025),
        ("SIM-01", 2023),
        ("SIM-02", 2025),
        ("TML-01", 2017),
        ("TML-02", 2023),
        ("TML-03", 2023),
        ("TML-04", 2023),
        ("TML-05", 2025),
        ("TML-06", 2023),
    ],
)
def test_effective_date_boundaries(rule_id, first_year):
    BOOK.rule(rule_id, year=first_year)
    with pytest.raises(KeyError):
        BOOK.rule(rule_id, year=first_year - 1)


def test_split_versions_end_on_the_regime_boundary():
    assert BOOK.rule("DOS-03", year=2022).effective_to == D(2023, 12, 30)
    assert BOOK.rule("DOS-04", year=2024).effective_to == D(2025, 6, 30)
    assert BOOK.rule("DOS-06", year=2025).effective_from == D(2025, 7, 1)


def test_sim02_references_gen02_instead_of_repeating_it():
    sim = BOOK.rule("SIM-02", year=2025)
    gen = BOOK.rule("GEN-02", year=2025)
    assert sim.citation == gen.citation
    assert "GEN-02" in sim.note and sim.params == {}


# ── dossier requirements ────────────────────────────────────────────────────────────────────


REQ, OPT = True, False


@pytest.mark.parametrize(
    ("award", "year", "expected"),
    [
        (
            "chien_si_thi_dua_co_so",
            2025,
            [
                ("to_trinh", REQ, "DOS-02"),
                ("bien_ban_binh_xet", REQ, "DOS-02"),
                ("bao_cao_thanh_tich", REQ, "DOS-02"),
                ("xac_nhan_sang_kien", OPT, "DOS-02"),
                ("xac_nhan_htxs", OPT, "DOS-02"),
            ],
        ),
        (
            "chien_si_thi_dua_co_so",
            2024,  # before the commune procedure: the Law's baseline only
            [
                ("to_trinh", REQ, "DOS-01"),
                ("bien_ban_binh_xet", REQ, "DOS-01"),
                ("bao_cao_thanh_tich", REQ, "DOS-01"),
                ("xac_nhan_sang_kien", OPT, "DOS-01"),
            ],
        ),
        (
            "chien_si_thi_dua_cap_tinh",
            2024,
            [
                ("to_trinh", REQ, "DOS-04"),
                ("bien_ban_binh_xet", REQ, "DOS-04"),
                ("bien_ban_kiem_phieu", REQ, "DOS-04"),
                ("bao_cao_thanh_tich", REQ, "DOS-04"),
                ("xac_nhan_sang_kien", REQ, "DOS-04"),
            ],
        ),
        (
            "chien_si_thi_dua_toan_quoc",
            2025,
            [
                ("to_trinh", REQ, "DOS-06"),
                ("bien_ban_binh_xet", REQ, "DOS-06"),
                ("bien_ban_kiem_phieu", REQ, "DOS-06"),
                ("bao_cao_thanh_tich", REQ, "DOS-06"),
                ("xac_nhan_sang_kien", REQ, "DOS-06"),
            ],
        ),
        (
            "co_thi_dua_chinh_phu",
            2025,
            [
                ("to_trinh", REQ, "DOS-05"),
                ("bien_ban_binh_xet", REQ, "DOS-05"),
                ("bien_ban_kiem_phieu", REQ, "DOS-05"),
                ("bao_cao_thanh_tich", REQ, "DOS-05"),
                ("xac_nhan_sang_kien", OPT, "DOS-01"),
                ("tep_dien_tu", REQ, "DOS-05"),
                ("khac", OPT, "DOS-05"),
            ],
        ),
        (
            "co_thi_dua_ubnd_tinh",
            2022,  # old provincial procedure list, before the Law 2022 baseline
            [
                ("to_trinh", REQ, "DOS-03"),
                ("bien_ban_binh_xet", REQ, "DOS-03"),
                ("bao_cao_thanh_tich", REQ, "DOS-03"),
            ],
        ),
        (
            "co_thi_dua_ubnd_tinh",
            2025,
            [
                ("to_trinh", REQ, "DOS-03"),
                ("bien_ban_binh_xet", REQ, "DOS-03"),
                ("bao_cao_thanh_tich", REQ, "DOS-03"),
                ("xac_nhan_sang_kien", OPT, "DOS-01"),
            ],
        ),
        (
            "bang_khen_thu_tuong_ca_nhan",
            2025,
            [
                ("to_trinh", REQ, "DOS-07"),
                ("bien_ban_binh_xet", REQ, "DOS-07"),
                ("bao_cao_thanh_tich", REQ, "DOS-07"),
                ("khac", OPT, "DOS-07"),
            ],
        ),
        ("bang_khen_thu_tuong", 2024, []),  # NĐ 152 Art. 42 only from 01/7/2025
        (
            "lao_dong_tien_tien",
            2025,
            [
                ("to_trinh", REQ, "DOS-01"),
                ("bien_ban_binh_xet", REQ, "DOS-01"),
                ("bao_cao_thanh_tich", REQ, "DOS-01"),
                ("xac_nhan_sang_kien", OPT, "DOS-01"),
            ],
        ),
        ("giay_khen", 2025, []),
    ],
)
def test_dossier_requirements_per_award(award, year, expected):
    assert _kinds(award, year) == expected


def test_requirement_carries_name_citation_confidence():
    first = BOOK.dossier_requirements("chien_si_thi_dua_cap_tinh", 2025)[0]
    assert first == DocumentRequirement(
        kind="to_trinh",
        name="Tờ trình",
        required=True,
        rule_id="DOS-04",
        citation=BOOK.rule("DOS-04", year=2025).citation,
        confidence="U",
    )


@pytest.mark.parametrize(
    "award", ["giay_khen", "bang_khen_chu_tich_ubnd_tinh", "huan_chuong_lao_dong_hang_ba_ca_nhan"]
)
def test_simplified_procedure(award):
    assert _kinds(award, 2025, simplified=True) == [
        ("to_trinh", REQ, "SIM-01"),
        ("tom_tat_thanh_tich", REQ, "SIM-01"),
    ]


@pytest.mark.parametrize(
    ("award", "year"),
    [("co_thi_dua_ubnd_tinh", 2025), ("chien_si_thi_dua_co_so", 2025), ("giay_khen", 2022)],
)
def test_simplified_procedure_refused(award, year):
    with pytest.raises(ValueError, match="SIM-01"):
        BOOK.dossier_requirements(award, year, simplified=True)


def test_unknown_award_code():
    with pytest.raises(KeyError):
        BOOK.dossier_requirements("khong_co", 2025)


def test_province_override_of_documents():
    override = Override(
        "DOS-03", {"documents": "to_trinh, bao_cao_thanh_tich, khac", "optional": "khac"}, 2025
    )
    got = [
        (r.kind, r.required, r.rule_id)
        for r in BOOK.dossier_requirements("co_thi_dua_ubnd_tinh", 2025, overrides=[override])
    ]
    # The baseline (Law Art. 84) still asks for the review minutes.
    assert got == [
        ("to_trinh", REQ, "DOS-03"),
        ("bien_ban_binh_xet", REQ, "DOS-01"),
        ("bao_cao_thanh_tich", REQ, "DOS-03"),
        ("xac_nhan_sang_kien", OPT, "DOS-01"),
        ("khac", OPT, "DOS-03"),
    ]
    assert _kinds("co_thi_dua_ubnd_tinh", 2024, overrides=[override]) == _kinds(
        "co_thi_dua_ubnd_tinh", 2024
    )


def test_invalid_override_of_documents_refused():
    override = Override("DOS-03", {"documents": ["to_trinh", "giay_to_la"]}, 2025, "QĐ 9")
    with pytest.raises(ValueError, match="DOS-03"):
        BOOK.dossier_requirements("co_thi_dua_ubnd_tinh", 2025, overrides=[override])


@pytest.mark.parametrize(
    ("params", "ok"),
    [
        ({"documents": ["to_trinh"]}, True),
        ({"documents": "to_trinh; khac"}, True),
        ({"documents": []}, False),
        ({"documents": ["to_trinh", "to_trinh"]}, False),
        ({"documents": "to_trinh, xyz"}, False),
        ({"optional": []}, True),
        ({"optional": 3}, False),
        ({"working_days": 10}, True),
        ({"working_days": 0}, False),
        ({"working_days": True}, False),
        ({"step": "return"}, True),
        ({"step": "lunch"}, False),
    ],
)
def test_params_errors_of_the_new_keys(params, ok):
    assert (params_errors(params) == []) is ok


# ── time limits ─────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("step", "year", "expected"),
    [
        ("appraisal", 2018, (20, "TML-01")),
        ("appraisal", 2025, (20, "TML-01")),
        ("return", 2024, (5, "TML-02")),
        ("return", 2025, (5, "TML-02")),
        ("central_appraisal", 2024, (20, "TML-03")),
        ("central_appraisal", 2026, (20, "TML-03")),
        ("forward", 2024, (10, "TML-04")),
        ("forward", 2025, (10, "TML-04")),
        ("commune_appraisal", 2025, (20, "TML-05")),
        ("after_consultation", 2025, (10, "TML-06")),
        ("return", 2022, None),
        ("commune_appraisal", 2024, None),
        ("no_such_step", 2025, None),
    ],
)
def test_time_limit(step, year, expected):
    got = BOOK.time_limit(step, year)
    assert (None if got is None else (got[0], got[1].id)) == expected


def test_every_step_has_a_rule_and_one_rule_per_step():
    steps = [r.params["step"] for r in _new_rules() if r.id.startswith("TML-")]
    assert sorted(steps) == sorted(TIME_LIMIT_STEPS)


def test_time_limit_override_applies_from_its_year():
    override = Override("TML-01", {"working_days": 15}, 2026, "QĐ 5/2026/QĐ-UBND")
    days, rule = BOOK.time_limit("appraisal", 2026, [override])
    assert (days, rule.source, rule.province_citation) == (15, "province", "QĐ 5/2026/QĐ-UBND")
    days, rule = BOOK.time_limit("appraisal", 2025, [override])
    assert (days, rule.source) == (20, "rulebook")


def test_time_limit_ignores_a_province_step():
    override = Override("TML-01", {"step": "return", "working_days": 12}, 2025)
    assert BOOK.time_limit("appraisal", 2025, [override])[0] == 12
    assert BOOK.time_limit("return", 2025, [override])[1].id == "TML-02"


@pytest.mark.parametrize("value", [0, -3, "20", 2.5])
def test_time_limit_invalid_override_refused(value):
    override = Override("TML-02", {"working_days": value}, 2025)
    with pytest.raises(ValueError, match="working_days"):
        BOOK.time_limit("return", 2025, [override])


def test_parse_refuses_two_time_limits_for_one_step():
    text = RULEBOOK_PATH.read_text(encoding="utf-8").replace(
        'step = "return", working_days = 5', 'step = "appraisal", working_days = 5'
    )
    with pytest.raises(ValueError, match="appraisal"):
        parse_rulebook(text)


def test_parse_refuses_optional_outside_documents():
    text = RULEBOOK_PATH.read_text(encoding="utf-8").replace(
        'optional = ["khac"] }\napplies_to = ["bang_khen_thu_tuong"',
        'optional = ["xac_nhan_htxs"] }\napplies_to = ["bang_khen_thu_tuong"',
    )
    with pytest.raises(ValueError, match="DOS-07"):
        parse_rulebook(text)
