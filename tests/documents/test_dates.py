import datetime

import pytest

from thidua.documents.dates import vn_date, vn_date_line

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        (datetime.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
        (datetime.date(2021, 2, 28), "ngày 28 tháng 02 năm 2021"),
        (datetime.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
        (datetime.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (datetime.date(2023, 10, 1), "ngày 01 tháng 10 năm 2023"),
        (datetime.date(2023, 12, 31), "ngày 31 tháng 12 năm 2023"),
        (datetime.date(2025, 11, 10), "ngày 10 tháng 11 năm 2025"),
    ],
)
def test_vn_date_leading_zeros_follow_decree_30(date, expected):
    assert vn_date(date) == expected


def test_vn_date_line_puts_the_place_first():
    line = vn_date_line("Nam Định", datetime.date(2020, 1, 5))

    assert line == "Nam Định, ngày 05 tháng 01 năm 2020"
