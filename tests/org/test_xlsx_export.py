"""Exporting to the import format, the template, and the export → import round trip."""

import datetime
import io

import openpyxl
import pytest

from tests.factories import ProvinceFactory, UnitFactory, UserFactory, season_with_members
from tests.org.test_xlsx_import import MEMBER_HEADERS, UNIT_HEADERS, counts, tallies
from thidua.accounts.enums import Role
from thidua.core.exceptions import NotFound
from thidua.org.enums import BlocKind
from thidua.org.services.xlsx_export import workbook_export, workbook_template
from thidua.org.services.xlsx_import import workbook_import

pytestmark = pytest.mark.integration


def sheet_rows(data, name):
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    rows = [list(r) for r in wb[name].iter_rows(values_only=True)]
    wb.close()
    return rows


@pytest.fixture
def world(province):
    """Two seasons of one bloc and a cluster, units with parents, dates and short names."""
    season = season_with_members(3, year=2023, province=province)
    first, second, third = season.members.order_by("pk")
    third.parent, third.short_name = first, "P3"
    third.active_from = datetime.date(2010, 5, 17)
    third.save()
    later = season_with_members(2, year=2024, province=province)
    later.bloc.kind = BlocKind.CLUSTER
    later.bloc.save()
    UnitFactory(province=province, code="rieng", active_to=datetime.date(2030, 1, 1))
    return season, later


def test_export_round_trip_changes_nothing(board_admin, province, world):
    data = workbook_export(actor=board_admin, provinces=[province])
    before = counts()

    result = workbook_import(actor=board_admin, data=data, province=province)

    assert result.errors == []
    assert result.changed is False
    assert tallies(result) == {
        "units": (0, 0, 6),
        "blocs": (0, 0, 2),
        "seasons": (0, 0, 2),
        "memberships": (0, 0, 5),
    }
    assert counts() == before


def test_export_rows_follow_the_import_format(board_admin, province, world):
    season, _later = world

    data = workbook_export(actor=board_admin, provinces=[province], year=2023)

    units = sheet_rows(data, "Don vi")
    members = sheet_rows(data, "Thanh vien khoi")
    assert (units[0], members[0]) == (UNIT_HEADERS, MEMBER_HEADERS)
    assert len(units) == 1 + 6
    third = next(r for r in units if r[3] == "P3")
    assert (third[4], third[6]) == ("Sở, ban, ngành cấp tỉnh", datetime.datetime(2010, 5, 17))
    assert [r[5] for r in members[1:]] == ["Trưởng khối", "Phó trưởng khối", "Thành viên"]
    assert {(r[1], r[2], r[3]) for r in members[1:]} == {(season.bloc.name, "Khối", 2023)}


def test_export_by_viewer_allowed(viewer, province, world):
    data = workbook_export(actor=viewer, provinces=[province])

    assert len(sheet_rows(data, "Thanh vien khoi")) == 1 + 5


def test_export_other_province_refused(province, world):
    stranger = UserFactory(role=Role.VIEWER, province=ProvinceFactory())

    with pytest.raises(NotFound):
        workbook_export(actor=stranger, provinces=[province])


def test_template_opens_with_both_sheets_lists_and_help():
    data = workbook_template()

    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Don vi", "Thanh vien khoi", "Huong dan", "Danh muc"]
    units, members = wb["Don vi"], wb["Thanh vien khoi"]
    assert [c.value for c in units[1]] == UNIT_HEADERS
    assert [c.value for c in members[1]] == MEMBER_HEADERS
    assert (units.max_row, members.max_row) == (2, 2)
    assert units["A1"].font.bold is True
    assert units.column_dimensions["C"].width == 48
    assert [str(v.sqref) for v in units.data_validations.dataValidation] == ["E2:E1001"]
    assert [v.formula1 for v in members.data_validations.dataValidation] == [
        "'Danh muc'!$B$2:$B$3",
        "'Danh muc'!$C$2:$C$4",
    ]
    assert wb["Danh muc"].sheet_state == "hidden"
    assert wb["Huong dan"]["A1"].value.startswith("HƯỚNG DẪN")


def test_template_example_rows_import_into_a_province_with_that_code(db):
    province = ProvinceFactory(code="HNA")
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)

    result = workbook_import(actor=admin, data=workbook_template(), province=province)

    assert result.errors == []
    assert tallies(result)["memberships"] == (1, 0, 0)
