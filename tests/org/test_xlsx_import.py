"""Importing units and bloc memberships from real .xlsx files built with openpyxl."""

import datetime
import io
import random
import zipfile

import openpyxl
import pytest

from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.core.exceptions import NotFound
from thidua.org.enums import BlocKind, UnitKind
from thidua.org.models import Bloc, Season, SeasonMembership, Unit
from thidua.org.services.xlsx_import import workbook_import
from thidua.org.xlsx.format import RowError

pytestmark = pytest.mark.integration

UNIT_HEADERS = [
    "Mã tỉnh",
    "Mã đơn vị",
    "Tên đầy đủ",
    "Tên viết tắt",
    "Loại đơn vị",
    "Mã đơn vị cấp trên",
    "Hoạt động từ",
    "Hoạt động đến",
]
MEMBER_HEADERS = ["Mã tỉnh", "Tên khối", "Loại khối", "Năm", "Mã đơn vị", "Vai trò"]


def workbook_bytes(
    units=(),
    members=(),
    *,
    unit_sheet="Don vi",
    member_sheet="Thanh vien khoi",
    unit_headers=UNIT_HEADERS,
    member_headers=MEMBER_HEADERS,
):
    """A real .xlsx file with the two data sheets."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = unit_sheet
    ws.append(unit_headers)
    for row in units:
        ws.append(list(row))
    ws = wb.create_sheet(member_sheet)
    ws.append(member_headers)
    for row in members:
        ws.append(list(row))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def sample_rows(code):
    """Four units (one with a parent) in two blocs of 2024, with a leader and a deputy."""
    units = [
        [code, "SNV", "Sở Nội vụ", "SNV", "Sở, ban, ngành cấp tỉnh", None, "01/01/2015", None],
        [code, "STC", "Sở Tài chính", "", "department", "", datetime.date(2015, 1, 1), None],
        [code, "PNS", "Phòng Ngân sách", None, "Khac", "STC", None, None],
        [code, "VPTU", "Văn phòng Tỉnh ủy", "VPTU", "Cơ quan Đảng", None, None, "31/12/2030"],
    ]
    members = [
        [code, "Khối các sở, ngành", "Khối", 2024, "SNV", "Trưởng khối"],
        [code, "Khối các sở, ngành", "Khối", 2024, "STC", "Phó trưởng khối"],
        [code, "Khối các sở, ngành", "Khối", 2024, "PNS", "Thành viên"],
        [code, "Cụm các cơ quan Đảng", "Cụm", "2024", "VPTU", "Thành viên"],
    ]
    return units, members


def counts():
    models = (Unit, Bloc, Season, SeasonMembership)
    return {
        **{m.__name__: m.objects.count() for m in models},
        **{f"{m.__name__}.history": m.history.count() for m in models},
    }


def tallies(result):
    return {
        name: (t.created, t.updated, t.unchanged)
        for name, t in zip(
            ("units", "blocs", "seasons", "memberships"),
            (result.units, result.blocs, result.seasons, result.memberships),
            strict=True,
        )
    }


@pytest.fixture
def sample_file(province):
    return workbook_bytes(*sample_rows(province.code))


def test_import_happy_path_creates_units_blocs_seasons_and_memberships(
    board_admin, province, sample_file
):
    result = workbook_import(actor=board_admin, data=sample_file, province=province)

    assert result.errors == []
    assert tallies(result) == {
        "units": (4, 0, 0),
        "blocs": (2, 0, 0),
        "seasons": (2, 0, 0),
        "memberships": (4, 0, 0),
    }
    snv = Unit.objects.get(province=province, code="SNV")
    assert (snv.name, snv.short_name, snv.kind, snv.active_from) == (
        "Sở Nội vụ",
        "SNV",
        UnitKind.DEPARTMENT,
        datetime.date(2015, 1, 1),
    )
    pns = Unit.objects.get(province=province, code="PNS")
    assert (pns.kind, pns.parent.code) == (UnitKind.OTHER, "STC")
    assert Unit.objects.get(code="VPTU").active_to == datetime.date(2030, 12, 31)
    season = Season.objects.get(bloc__name="Khối các sở, ngành", year=2024)
    assert (season.bloc.kind, season.leader.code, season.deputy.code) == (
        BlocKind.BLOC,
        "SNV",
        "STC",
    )
    assert sorted(season.members.values_list("code", flat=True)) == ["PNS", "SNV", "STC"]
    cluster = Season.objects.get(bloc__name="Cụm các cơ quan Đảng")
    assert (cluster.bloc.kind, cluster.leader, cluster.year) == (BlocKind.CLUSTER, None, 2024)


def test_import_history_records_actor_and_reason(board_admin, province, sample_file):
    workbook_import(actor=board_admin, data=sample_file, province=province)

    record = Unit.history.get(code="SNV")
    assert (record.history_user, record.history_change_reason) == (board_admin, "unit_create")


def test_import_same_file_twice_changes_nothing(board_admin, province, sample_file):
    workbook_import(actor=board_admin, data=sample_file, province=province)
    before = counts()

    result = workbook_import(actor=board_admin, data=sample_file, province=province)

    assert result.errors == []
    assert result.changed is False
    assert tallies(result) == {
        "units": (0, 0, 4),
        "blocs": (0, 0, 2),
        "seasons": (0, 0, 2),
        "memberships": (0, 0, 4),
    }
    assert counts() == before


def test_import_changed_rows_update_only_changed_fields(board_admin, province):
    units, members = sample_rows(province.code)
    workbook_import(actor=board_admin, data=workbook_bytes(units, members), province=province)
    units[0][2] = "Sở Nội vụ tỉnh"
    members[0][5], members[1][5] = "Phó trưởng khối", "Trưởng khối"
    history_before = Unit.history.count()

    result = workbook_import(
        actor=board_admin, data=workbook_bytes(units, members), province=province
    )

    assert result.errors == []
    assert tallies(result) == {
        "units": (0, 1, 3),
        "blocs": (0, 0, 2),
        "seasons": (0, 1, 1),
        "memberships": (0, 0, 4),
    }
    assert Unit.objects.get(code="SNV").name == "Sở Nội vụ tỉnh"
    assert Unit.history.count() == history_before + 1
    season = Season.objects.get(bloc__name="Khối các sở, ngành")
    assert (season.leader.code, season.deputy.code) == ("STC", "SNV")


def test_import_member_listed_as_plain_member_loses_leader_post(board_admin, province):
    units, members = sample_rows(province.code)
    workbook_import(actor=board_admin, data=workbook_bytes(units, members), province=province)
    members[0][5] = "Thành viên"

    workbook_import(actor=board_admin, data=workbook_bytes(units, members), province=province)

    season = Season.objects.get(bloc__name="Khối các sở, ngành")
    assert (season.leader, season.deputy.code) == (None, "STC")


def test_import_existing_units_can_be_referenced_without_unit_rows(board_admin, province):
    UnitFactory(province=province, code="SYT", name="Sở Y tế")
    members = [[province.code, "Khối văn xã", "Khối", 2025, "SYT", "Trưởng khối"]]

    result = workbook_import(actor=board_admin, data=workbook_bytes([], members), province=province)

    assert result.errors == []
    assert Season.objects.get(bloc__name="Khối văn xã", year=2025).leader.code == "SYT"


def test_import_sheet_and_headers_with_diacritics_accepted(board_admin, province):
    units, members = sample_rows(province.code)
    data = workbook_bytes(
        units,
        members,
        unit_sheet="Đơn vị",
        member_sheet="Thành viên khối",
        unit_headers=["ma tinh", *UNIT_HEADERS[1:]],
    )

    result = workbook_import(actor=board_admin, data=data, province=province)

    assert result.errors == []
    assert Unit.objects.filter(province=province).count() == 4


def test_import_dry_run_writes_nothing(board_admin, province, sample_file):
    before = counts()

    result = workbook_import(actor=board_admin, data=sample_file, province=province, dry_run=True)

    assert (result.errors, result.units.created) == ([], 4)
    assert counts() == before


def test_import_parent_defined_after_child_in_file(board_admin, province):
    code = province.code
    units = [
        [code, "CON", "Phòng con", "", "other", "CHA", None, None],
        [code, "CHA", "Sở cha", "", "department", "", None, None],
    ]

    result = workbook_import(actor=board_admin, data=workbook_bytes(units), province=province)

    assert result.errors == []
    assert Unit.objects.get(code="CON").parent.code == "CHA"


# --- Broken files: each gives a clear Vietnamese error and writes nothing ----------------------


def assert_refused(board_admin, province, data, expected):
    """Import `data`; the errors are exactly `expected` (sheet, row, column, message)."""
    before = counts()

    result = workbook_import(actor=board_admin, data=data, province=province)

    assert [(e.sheet, e.row, e.column, e.message) for e in result.errors] == expected
    assert result.ok is False
    assert counts() == before


def test_import_wrong_sheet_name_refused(board_admin, province):
    units, members = sample_rows(province.code)
    data = workbook_bytes(units, members, unit_sheet="Units")

    assert_refused(
        board_admin,
        province,
        data,
        [
            (
                "",
                None,
                "",
                "Tệp thiếu trang (sheet): “Don vi”. Các trang hiện có: “Units”, “Thanh vien khoi”.",
            )
        ],
    )


def test_import_missing_column_refused(board_admin, province):
    headers = [h for h in UNIT_HEADERS if h not in ("Loại đơn vị", "Hoạt động đến")]
    data = workbook_bytes([], [], unit_headers=headers)

    assert_refused(
        board_admin,
        province,
        data,
        [
            (
                "Don vi",
                1,
                "Loại đơn vị, Hoạt động đến",
                "Trang “Don vi” thiếu cột: “Loại đơn vị”, “Hoạt động đến”.",
            )
        ],
    )


@pytest.mark.parametrize(
    ("year", "message"),
    [
        ("20x3", "Năm “20x3” không hợp lệ: phải là số có 4 chữ số, ví dụ 2024."),
        (1800, "Năm 1800 không hợp lệ (phải từ 1945 đến 2100)."),
        ("1800", "Năm 1800 không hợp lệ (phải từ 1945 đến 2100)."),
        (2024.5, "Năm “2024.5” không hợp lệ."),
        (None, "Ô này là bắt buộc."),
    ],
)
def test_import_bad_year_refused(board_admin, province, year, message):
    units, members = sample_rows(province.code)
    members[2][3] = year

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [("Thanh vien khoi", 4, "Năm", message)],
    )


def test_import_duplicate_unit_rows_refused(board_admin, province):
    units, members = sample_rows(province.code)
    units.append(list(units[1]))

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [("Don vi", 6, "Mã đơn vị", "Đơn vị mã “STC” bị lặp lại (đã có ở dòng 3).")],
    )


def test_import_duplicate_member_rows_refused(board_admin, province):
    units, members = sample_rows(province.code)
    members.append(list(members[2]))

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                6,
                "Mã đơn vị",
                "Đơn vị “PNS” bị lặp lại trong khối “Khối các sở, ngành” năm 2024 "
                "(đã có ở dòng 4).",
            )
        ],
    )


def test_import_unknown_unit_kind_refused(board_admin, province):
    units, members = sample_rows(province.code)
    units[1][4] = "Bộ ngành"

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Don vi",
                3,
                "Loại đơn vị",
                "Giá trị “Bộ ngành” không hợp lệ; chọn một trong: Sở, ban, ngành cấp tỉnh; "
                "Cơ quan Đảng; Mặt trận, đoàn thể; Huyện, thị xã, thành phố (trước 2025); "
                "Xã, phường, đặc khu (từ 2025); Doanh nghiệp; Khác.",
            )
        ],
    )


def test_import_unknown_role_and_bloc_kind_refused(board_admin, province):
    units, members = sample_rows(province.code)
    members[0][2] = "Nhóm"
    members[1][5] = "Chủ tịch"

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                2,
                "Loại khối",
                "Giá trị “Nhóm” không hợp lệ; chọn một trong: Khối; Cụm.",
            ),
            (
                "Thanh vien khoi",
                3,
                "Vai trò",
                "Giá trị “Chủ tịch” không hợp lệ; chọn một trong: Trưởng khối; "
                "Phó trưởng khối; Thành viên.",
            ),
        ],
    )


def test_import_two_leaders_refused(board_admin, province):
    units, members = sample_rows(province.code)
    members[2][5] = "Trưởng khối"

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                4,
                "Vai trò",
                "Khối “Khối các sở, ngành” năm 2024 có hai trưởng khối (dòng 2 và dòng này); "
                "mỗi năm chỉ có một.",
            )
        ],
    )


def test_import_leader_not_a_known_unit_refused(board_admin, province):
    units, members = sample_rows(province.code)
    members[0][4] = "KHONGCO"

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                2,
                "Mã đơn vị",
                f"Không tìm thấy đơn vị mã “KHONGCO” trong tỉnh “{province.code}” "
                "(trong tệp hoặc trong hệ thống).",
            )
        ],
    )


def test_import_leader_not_active_that_year_refused_by_service(board_admin, province):
    units, members = sample_rows(province.code)
    units[0][7] = "31/12/2020"  # SNV closed before 2024, yet listed as the 2024 leader

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                2,
                "Mã đơn vị",
                "Đơn vị “Sở Nội vụ” đã ngừng hoạt động trước năm 2024.",
            )
        ],
    )


def test_import_unit_in_two_blocs_same_year_refused_by_service(board_admin, province):
    units, members = sample_rows(province.code)
    members.append([province.code, "Cụm các cơ quan Đảng", "Cụm", 2024, "PNS", "Thành viên"])

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Thanh vien khoi",
                6,
                "Mã đơn vị",
                "Đơn vị “Phòng Ngân sách” đã là thành viên của “Khối các sở, ngành” năm 2024; "
                "mỗi đơn vị chỉ thuộc một khối, cụm thi đua trong một năm (BLK-03).",
            )
        ],
    )


def test_import_nul_byte_in_cell_refused(board_admin, province):
    units, members = sample_rows(province.code)
    units[0][2] = "Sở_x0000_Nội vụ"  # how Excel stores a NUL character in a cell

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [("Don vi", 2, "Tên đầy đủ", "Ô chứa ký tự NUL không hợp lệ.")],
    )


def test_import_over_long_name_refused(board_admin, province):
    units, members = sample_rows(province.code)
    units[0][2] = "Đ" * 300

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units, members),
        [
            (
                "Don vi",
                2,
                "Tên đầy đủ",
                "Nội dung dài 300 ký tự, vượt quá giới hạn 255 ký tự.",
            )
        ],
    )


def test_import_required_cells_and_bad_codes_refused(board_admin, province):
    code = province.code
    units = [
        [code, "A B", "", "", "department", "", "32/13/2024", None],
        [code, "C", "Sở C", "", "department", "", "01/02/2024", "01/01/2024"],
    ]

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units),
        [
            ("Don vi", 2, "Mã đơn vị", "Mã “A B” không được chứa khoảng trắng."),
            ("Don vi", 2, "Tên đầy đủ", "Ô này là bắt buộc."),
            (
                "Don vi",
                2,
                "Hoạt động từ",
                "Ngày “32/13/2024” không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 01/07/2025.",
            ),
            ("Don vi", 3, "Hoạt động đến", "Ngày kết thúc hoạt động phải sau ngày bắt đầu."),
        ],
    )


def test_import_unknown_province_and_parent_refused(board_admin, province):
    units = [
        ["KHONGCO", "A", "Sở A", "", "department", "", None, None],
        [province.code, "B", "Sở B", "", "department", "ZZZ", None, None],
    ]

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units),
        [
            (
                "Don vi",
                2,
                "Mã tỉnh",
                "Không tìm thấy tỉnh có mã “KHONGCO”, hoặc bạn không có quyền nhập dữ liệu "
                "cho tỉnh này.",
            ),
            (
                "Don vi",
                3,
                "Mã đơn vị cấp trên",
                f"Không tìm thấy đơn vị cấp trên mã “ZZZ” trong tỉnh “{province.code}”.",
            ),
        ],
    )


def test_import_parent_cycle_refused(board_admin, province):
    code = province.code
    units = [
        [code, "A", "Sở A", "", "department", "B", None, None],
        [code, "B", "Sở B", "", "department", "A", None, None],
    ]

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units),
        [
            ("Don vi", 2, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp (mã “A”)."),
            ("Don vi", 3, "Mã đơn vị cấp trên", "Đơn vị cấp trên tạo thành vòng lặp (mã “B”)."),
        ],
    )


NOT_XLSX = (
    "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại với "
    "định dạng “Excel Workbook (.xlsx)”, hoặc tải tệp mẫu về để điền."
)


def test_import_text_file_renamed_xlsx_refused(board_admin, province, tmp_path):
    path = tmp_path / "don-vi.xlsx"
    path.write_text("Mã tỉnh,Mã đơn vị\nHNA,SNV\n", encoding="utf-8")

    assert_refused(board_admin, province, path.read_bytes(), [("", None, "", NOT_XLSX)])


def test_import_random_bytes_refused_as_not_a_zip(board_admin, province):
    data = random.Random(2).randbytes(2 * 1024 * 1024)

    assert_refused(board_admin, province, data, [("", None, "", NOT_XLSX)])


def test_import_zip_without_workbook_refused(board_admin, province):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải Excel")

    assert_refused(board_admin, province, buffer.getvalue(), [("", None, "", NOT_XLSX)])


def test_import_over_size_limit_refused(board_admin, province, settings):
    data = random.Random(1).randbytes(settings.IMPORT_MAX_BYTES + 1)

    assert_refused(
        board_admin,
        province,
        data,
        [("", None, "", "Tệp quá lớn (10.0 MB); dung lượng tối đa là 10.0 MB.")],
    )


def test_import_row_of_other_province_refused(board_admin, province, other_province):
    units = [[other_province.code, "A", "Sở A", "", "department", "", None, None]]

    assert_refused(
        board_admin,
        province,
        workbook_bytes(units),
        [
            (
                "Don vi",
                2,
                "Mã tỉnh",
                f"Mã tỉnh “{other_province.code}” khác với tỉnh đã chọn "
                f"(“{province.name}”, mã “{province.code}”).",
            )
        ],
    )


# --- Permissions -------------------------------------------------------------------------------


def test_import_board_admin_of_other_province_refused(province, sample_file):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    before = counts()

    with pytest.raises(NotFound):
        workbook_import(actor=stranger, data=sample_file, province=province)

    assert counts() == before


def test_import_without_province_checks_each_row_province(province, sample_file):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    result = workbook_import(actor=stranger, data=sample_file)

    assert result.error_count == 8
    assert result.errors[0] == RowError(
        "Don vi",
        2,
        "Mã tỉnh",
        f"Không tìm thấy tỉnh có mã “{province.code}”, hoặc bạn không có quyền nhập dữ liệu "
        "cho tỉnh này.",
    )
    assert Unit.objects.filter(province=province).count() == 0
