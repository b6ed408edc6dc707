import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.core.text import fold, nfc

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Đảng ủy Khối", "dang uy khoi"),
        ("ĐẢNG ỦY", "dang uy"),
        ("hoà", "hoa"),
        ("hòa", "hoa"),
        (unicodedata.normalize("NFD", "Nguyễn Thị Hồng"), "nguyen thi hong"),
        ("  Sở   Tài chính ", "so tai chinh"),
    ],
)
def test_fold_vietnamese_matches_plain_ascii(raw, expected):
    assert fold(raw) == expected


def test_fold_tone_placements_agree():
    assert fold("Thanh Hoá") == fold("Thanh Hóa")


def test_nfc_normalises_and_collapses_spaces():
    assert nfc(unicodedata.normalize("NFD", " Bình  Lục ")) == unicodedata.normalize(
        "NFC", "Bình Lục"
    )


@given(st.text())
def test_fold_is_idempotent(value):
    assert fold(fold(value)) == fold(value)


@given(st.text())
def test_fold_nfc_and_nfd_agree(value):
    assert fold(unicodedata.normalize("NFC", value)) == fold(unicodedata.normalize("NFD", value))
