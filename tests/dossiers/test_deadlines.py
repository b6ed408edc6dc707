"""Working-day arithmetic and the public holidays of thidua/dossiers/deadlines.py."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.awards.rulebook import Override, load_rulebook
from thidua.dossiers.deadlines import (
    add_working_days,
    due_date,
    is_working_day,
    public_holidays,
    working_days_between,
)

pytestmark = pytest.mark.unit
D = datetime.date


def _all_holidays(*years):
    return frozenset().union(*(public_holidays(y) for y in years))


H = _all_holidays(*range(2016, 2030))


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (D(2025, 3, 3), 0, D(2025, 3, 3)),  # Monday, nothing added
        (D(2025, 3, 3), 1, D(2025, 3, 4)),
        (D(2025, 3, 7), 1, D(2025, 3, 10)),  # Friday → Monday
        (D(2025, 3, 8), 1, D(2025, 3, 10)),  # Saturday → Monday
        (D(2025, 3, 3), 5, D(2025, 3, 10)),
        (D(2025, 3, 3), 20, D(2025, 3, 31)),
    ],
)
def test_add_working_days_across_weekends(start, days, expected):
    assert add_working_days(start, days) == expected


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # Tết Ất Tỵ: off 25/01–02/02/2025
        (D(2025, 1, 24), 1, D(2025, 2, 3)),
        (D(2025, 1, 20), 5, D(2025, 2, 3)),
        # 30/4 Wed, 01/5 Thu 2025
        (D(2025, 4, 29), 1, D(2025, 5, 2)),
        (D(2025, 4, 28), 3, D(2025, 5, 5)),
        # 2022: 30/4 Sat, 01/5 Sun → made up Mon 02/5, Tue 03/5
        (D(2022, 4, 29), 1, D(2022, 5, 4)),
        # year end: 31/12/2024 Tue → 01/01/2025 holiday
        (D(2024, 12, 31), 1, D(2025, 1, 2)),
        (D(2024, 12, 27), 3, D(2025, 1, 2)),
        # 2022: 01/01 Sat → made up Mon 03/01
        (D(2021, 12, 31), 1, D(2022, 1, 4)),
        # Quốc khánh 2025: 01–02/9
        (D(2025, 8, 29), 1, D(2025, 9, 3)),
        # Tết Bính Ngọ 2026: off 14–22/02
        (D(2026, 2, 13), 1, D(2026, 2, 23)),
    ],
)
def test_add_working_days_across_holidays(start, days, expected):
    assert add_working_days(start, days, H) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 3, 3), D(2025, 3, 3), 0),
        (D(2025, 3, 3), D(2025, 3, 10), 5),
        (D(2025, 3, 10), D(2025, 3, 3), -5),
        (D(2025, 3, 8), D(2025, 3, 9), 0),  # a weekend
        (D(2025, 1, 24), D(2025, 2, 3), 1),  # Tết
        (D(2025, 4, 25), D(2025, 5, 5), 4),  # 28, 29/4, 02/5, 05/5
        (D(2024, 12, 30), D(2025, 1, 3), 3),  # 31/12, 02/01, 03/01
    ],
)
def test_working_days_between(start, end, expected):
    assert working_days_between(start, end, H) == expected


@pytest.mark.parametrize(
    ("year", "present", "absent"),
    [
        (2017, [D(2017, 1, 26), D(2017, 2, 1), D(2017, 4, 6), D(2017, 9, 4)], [D(2017, 9, 1)]),
        (2019, [D(2019, 4, 15), D(2019, 2, 8)], [D(2019, 9, 3)]),  # Giỗ Tổ Sunday → Monday
        (2020, [D(2020, 9, 2)], [D(2020, 9, 3), D(2020, 9, 1)]),  # one day before 2021
        (2021, [D(2021, 9, 3), D(2021, 2, 16)], []),
        (2023, [D(2023, 5, 2), D(2023, 5, 3), D(2023, 9, 1), D(2023, 9, 4)], []),
        (2024, [D(2024, 2, 14), D(2024, 9, 3), D(2024, 4, 18)], [D(2024, 2, 15)]),
        (2026, [D(2026, 4, 27), D(2026, 9, 1), D(2026, 11, 24)], [D(2026, 9, 3)]),
        (2027, [D(2027, 2, 5), D(2027, 2, 9), D(2027, 2, 10), D(2027, 2, 11)], []),
    ],
)
def test_public_holidays_listed_years(year, present, absent):
    days = public_holidays(year)
    assert set(present) <= days
    assert not set(absent) & days


def test_public_holidays_of_a_year_not_listed_are_the_solar_days():
    days = public_holidays(2030)
    weekdays = {d for d in days if d.weekday() < 5}
    # 01/01 Tue, 30/4 Tue, 01/5 Wed, 02/9 Mon, 03/9 Tue, 24/11 Sun → made up Mon 25/11
    assert weekdays == {
        D(2030, 1, 1),
        D(2030, 4, 30),
        D(2030, 5, 1),
        D(2030, 9, 2),
        D(2030, 9, 3),
        D(2030, 11, 25),
    }


def test_every_listed_year_has_tet_and_hung_kings():
    for year in range(2017, 2028):
        days = public_holidays(year)
        assert any(d.month in (1, 2) and d.day > 1 for d in days), year
        assert any(d.month == 4 and d.day < 30 for d in days), year


def test_negative_days_refused():
    with pytest.raises(ValueError):
        add_working_days(D(2025, 1, 1), -1)


@pytest.mark.parametrize(
    ("step", "start", "year", "expected", "rule_id"),
    [
        ("appraisal", D(2025, 3, 3), 2025, D(2025, 3, 31), "TML-01"),
        ("return", D(2025, 4, 28), 2025, D(2025, 5, 7), "TML-02"),
        ("forward", D(2025, 12, 26), 2025, D(2026, 1, 12), "TML-04"),
        ("central_appraisal", D(2025, 1, 20), 2025, D(2025, 2, 24), "TML-03"),
        ("commune_appraisal", D(2025, 8, 1), 2025, D(2025, 8, 29), "TML-05"),
    ],
)
def test_due_date_uses_the_rulebook(step, start, year, expected, rule_id):
    due, rule = due_date(step, start, year=year)
    assert rule.id == rule_id
    assert due == add_working_days(start, rule.params["working_days"], H) == expected


def test_due_date_with_the_province_working_days():
    override = Override("TML-01", {"working_days": 15}, 2024, "QĐ 1/2024/QĐ-UBND")
    due, rule = due_date("appraisal", D(2025, 3, 3), year=2025, overrides=[override])
    assert (due, rule.source) == (D(2025, 3, 24), "province")


def test_due_date_none_without_a_rule():
    assert due_date("commune_appraisal", D(2024, 3, 1), year=2024) is None
    assert due_date("no_such_step", D(2025, 3, 1), year=2025, book=load_rulebook()) is None


def test_due_date_with_given_holidays():
    due, _ = due_date("return", D(2025, 4, 28), year=2025, holidays=())
    assert due == D(2025, 5, 5)


starts = st.dates(min_value=D(2016, 1, 1), max_value=D(2028, 12, 31))
counts = st.integers(min_value=0, max_value=300)


@given(starts, counts)
def test_adding_then_counting_gives_n(start, n):
    assert working_days_between(start, add_working_days(start, n, H), H) == n


@given(starts, st.integers(min_value=1, max_value=300))
def test_result_is_a_working_day(start, n):
    assert is_working_day(add_working_days(start, n, H), H)


@given(starts, counts)
def test_monotone_in_n(start, n):
    assert add_working_days(start, n, H) < add_working_days(start, n + 1, H)


@given(starts, starts)
def test_counting_is_antisymmetric(a, b):
    assert working_days_between(a, b, H) == -working_days_between(b, a, H)
