"""The registry exported to .xlsx reads back through the import: nothing added in the same
book, every line the same (revoked ones revoked, with their reason) in an emptied one."""

import datetime

import pytest

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards import services
from thidua.awards.importing.service import registry_import
from thidua.awards.models import AwardBasis, AwardRecord
from thidua.awards.services.registry_xlsx import registry_workbook
from thidua.org.enums import Gender

pytestmark = pytest.mark.integration

FIELDS = (
    "unit__code",
    "person__full_name",
    "person__birth_year",
    "person__gender",
    "award_type",
    "year",
    "basis",
    "decision_number",
    "decision_date",
    "issuer",
    "note",
    "revoked",
    "revoked_reason",
)


@pytest.fixture
def book(db):
    province = ProvinceFactory()
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    finance = UnitFactory(province=province, code="STC", name="Sở Tài chính")
    office = UnitFactory(province=province, code="VP-UBND", name="Văn phòng UBND tỉnh")
    hoa = PersonFactory(
        unit=finance, full_name="Trần Thị Hoà", birth_year=1984, gender=Gender.FEMALE
    )
    dat = PersonFactory(unit=office, full_name="Đặng Văn Đạt", birth_year=None, gender=Gender.MALE)
    create = services.award_record_create
    create(
        actor=board, unit=finance, award_type="tap_the_lao_dong_xuat_sac", year=2022,
        decision_number="45/QĐ-UBND", decision_date=datetime.date(2023, 1, 12),
        issuer="Chủ tịch UBND tỉnh", note="Dẫn đầu khối",
    )  # fmt: skip
    create(actor=board, unit=office, award_type="co_thi_dua_ubnd_tinh", year=2023)
    create(
        actor=board, person=hoa, award_type="chien_si_thi_dua_co_so", year=2023,
        decision_number="7/QĐ-STC", decision_date=datetime.date(2023, 12, 20), issuer="Giám đốc Sở",
    )  # fmt: skip
    create(
        actor=board, person=dat, award_type="bang_khen_chu_tich_ubnd_tinh_ca_nhan", year=2021,
        basis=AwardBasis.THEMATIC, decision_number="1.234/QĐ-UBND", note="=Phòng chống dịch",
    )  # fmt: skip
    revoked = create(actor=board, person=dat, award_type="lao_dong_tien_tien", year=2020)
    services.award_record_revoke(actor=board, record=revoked, reason="Hồ sơ không trung thực")
    return province, board


def lines():
    rows = AwardRecord.objects.values_list(*FIELDS)
    return sorted(rows, key=lambda row: tuple(str(v) for v in row))


def test_export_read_back_into_the_same_book_adds_nothing(book):
    province, board = book
    before = lines()

    report = registry_import(
        actor=board, province=province, file=registry_workbook(user=board, include_revoked=True)
    )

    assert report.ok, report.errors
    assert (report.records_created, report.records_unchanged) == (0, len(before))
    assert (report.people_created, report.people_matched) == (0, 2)
    assert lines() == before


def test_export_read_into_an_emptied_book_gives_the_same_lines(book):
    province, board = book
    before = lines()
    exported = registry_workbook(user=board, include_revoked=True)
    AwardRecord.objects.all().delete()

    report = registry_import(actor=board, province=province, file=exported)

    assert report.ok, report.errors
    assert (report.records_created, report.people_created) == (len(before), 0)
    assert lines() == before
    revoked = AwardRecord.objects.get(revoked=True)
    assert revoked.revoked_reason == "Hồ sơ không trung thực"
    assert revoked.revoked_at is not None
    assert revoked.history.first().history_change_reason == "import"
