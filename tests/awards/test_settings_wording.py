"""The rulebook's parameters in plain Vietnamese, and the setting form's parsing."""

import pytest

from thidua.awards.forms import RuleSettingForm, describe_params, value_text
from thidua.awards.rulebook import load_rulebook

pytestmark = pytest.mark.unit
BOOK = load_rulebook()


def _default(rule_id, year=2025):
    return describe_params(BOOK.rule(rule_id, year=year).params)


@pytest.mark.parametrize(
    ("rule_id", "lines"),
    [
        ("VOT-13", ["trên 1/2 tổng số thành viên"]),
        ("VOT-03", ["từ 4/5 tổng số thành viên trở lên"]),
        ("BLK-04", ["trên 1/2 số phiếu thu vào", "tối đa 1 đơn vị mỗi khối", "nhiệm kỳ 1 năm"]),
        ("BLK-09", ["tối đa 1 đơn vị mỗi khối"]),
        ("BLK-10", ["chọn trong số đơn vị được suy tôn «Cờ thi đua của UBND tỉnh»"]),
        ("VOT-05B", ["có mặt từ 2/3 tổng số thành viên trở lên"]),
        ("VOT-11", ["bằng phiếu: bỏ phiếu lại giữa các đơn vị bằng phiếu"]),
        ("BAL-01", ["mỗi phiếu ghi tối đa bằng số lượng được bầu"]),
        ("GEN-10", ["làm tròn lên bội số của 10.000 đồng"]),
        ("VOT-10", ["bỏ phiếu kín"]),
        ("GEN-01", []),
    ],
)
def test_describe_params_of_the_defaults(rule_id, lines):
    assert _default(rule_id) == lines


def test_describe_params_of_partial_settings():
    assert describe_params({"share": "4/5", "strict": False}) == ["từ 4/5 trở lên"]
    assert describe_params({"strict": False}) == ["từ tỷ lệ trở lên"]
    assert describe_params({"base": "valid"}) == ["tỷ lệ tính trên số phiếu hợp lệ"]
    assert describe_params({"seats_quota": None}) == ["không giới hạn số đơn vị mỗi khối"]
    assert describe_params({"policy": "gen05"}) == [
        "bằng phiếu: ưu tiên theo GEN-05, sau đó bỏ phiếu lại"
    ]


def test_value_text_reads_codes_as_labels():
    assert value_text("base", "cast") == "số phiếu thu vào"
    assert value_text("strict", False) == "không"
    assert value_text("seats_quota", None) == "không giới hạn"
    assert value_text("within", "co_thi_dua_ubnd_tinh") == "Cờ thi đua của UBND tỉnh"


def _form(rule_id, keys, **values):
    data = {"from_year": "2025", "citation": "QĐ 1/2025/QĐ-UBND", "note": "", **values}
    return RuleSettingForm(data, rule_id=rule_id, keys=keys)


def test_setting_form_parses_each_kind_of_value():
    form = _form(
        "BLK-04",
        ("share", "strict", "base", "seats_quota", "term_years"),
        p_share=" 2/3 ",
        p_strict="false",
        p_base="",
        p_seats_quota="2",
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["params"] == {"share": "2/3", "strict": False, "seats_quota": 2}


@pytest.mark.parametrize(("key", "text"), [("seats_quota", "hai"), ("term_years", "1,5")])
def test_setting_form_refuses_a_non_integer(key, text):
    form = _form("BLK-04", ("seats_quota", "term_years"), **{f"p_{key}": text})

    assert not form.is_valid()
    assert form.errors[f"p_{key}"] == [f"Nhập một số nguyên, ví dụ 2; nhận “{text}”."]


def test_setting_form_max_choices_takes_seats_or_a_number():
    seats = _form("BAL-01", ("max_choices",), p_max_choices="seats")
    number = _form("BAL-01", ("max_choices",), p_max_choices="3")

    assert seats.is_valid() and number.is_valid()
    assert seats.cleaned_data["params"] == {"max_choices": "seats"}
    assert number.cleaned_data["params"] == {"max_choices": 3}
