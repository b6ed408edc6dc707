"""registry_import: award history from real .xlsx files built with openpyxl."""

import datetime
import io
import random
import zipfile

import openpyxl
import pytest
from simple_history.utils import get_history_model_for_model

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.importing.format import RECORD_COLUMNS
from thidua.awards.importing.service import registry_import
from thidua.awards.importing.template import registry_template
from thidua.awards.keys import record_import_key
from thidua.awards.models import AwardBasis, AwardRecord, RecordSource
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.org.enums import Gender
from thidua.org.models import Person

pytestmark = pytest.mark.integration

HEADERS = [c.header for c in RECORD_COLUMNS]
NOT_XLSX = (
    "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại với "
    "định dạng “Excel Workbook (.xlsx)”, hoặc tải tệp mẫu về để điền."
)


def registry_bytes(rows=(), *, sheet="Khen thưởng", headers=HEADERS, extra_sheets=()):
    """A real .xlsx file with the registry sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    if headers is not None:
        ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for name in extra_sheets:
        wb.create_sheet(name)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def unit_row(unit="SNV", award="Tập thể lao động xuất sắc", year=2023, number="12/QĐ-UBND", **kw):
    row = {
        "Loại": "Tập thể",
        "Mã đơn vị": unit,
        "Họ và tên": None,
        "Năm sinh": None,
        "Giới tính": None,
        "Hình thức khen thưởng": award,
        "Năm": year,
        "Loại thành tích": "Thường xuyên",
        "Số quyết định": number,
        "Ngày quyết định": datetime.date(year + 1, 1, 15),
        "Cơ quan quyết định": "Chủ tịch UBND tỉnh",
        "Ghi chú": None,
    }
    row.update(kw)
    return [row[h] for h in HEADERS]


def person_row(
    name="Nguyễn Thị Hoà", birth=1985, gender="Nữ", award="Chiến sĩ thi đua cơ sở", **kw
):
    values = {"Loại": "Cá nhân", "Họ và tên": name, "Năm sinh": birth, "Giới tính": gender}
    values.update(kw)
    return unit_row(award=award, **values)


def column(name):
    return HEADERS.index(name)


def counts():
    history = get_history_model_for_model
    return {
        "records": AwardRecord.objects.count(),
        "people": Person.objects.count(),
        "records.history": history(AwardRecord).objects.count(),
        "people.history": history(Person).objects.count(),
    }


@pytest.fixture
def snv(province):
    return UnitFactory(province=province, code="SNV", name="Sở Nội vụ")


@pytest.fixture
def stc(province):
    return UnitFactory(province=province, code="STC", name="Sở Tài chính")


def sample_file():
    return registry_bytes(
        [
            unit_row(),
            unit_row(unit="STC", award="co_thi_dua_ubnd_tinh", year=2022, number="9/QĐ-UBND"),
            person_row(),
            person_row(year=2022, number="7/QĐ-SNV", **{"Loại thành tích": "Chuyên đề"}),
            person_row(name="Trần Văn Đức", birth=None, gender="Nam", award="lao_dong_tien_tien"),
        ]
    )


def assert_refused(actor, province, data, expected):
    """Import `data`; the errors are exactly `expected` (row, column, message); nothing written."""
    before = counts()

    report = registry_import(actor=actor, province=province, file=data)

    assert [(e.row, e.column, e.message) for e in report.errors] == expected
    assert report.ok is False
    assert counts() == before


# --- Happy path --------------------------------------------------------------------------------


def test_registry_import_creates_records_and_people(board_admin, province, snv, stc):
    report = registry_import(actor=board_admin, province=province, file=sample_file())

    assert report.errors == []
    assert (report.rows, report.records_created, report.records_unchanged) == (5, 5, 0)
    assert (report.people_created, report.people_matched) == (2, 0)
    hoa = Person.objects.get(full_name="Nguyễn Thị Hoà")
    assert (hoa.unit, hoa.birth_year, hoa.gender, hoa.search_key) == (
        snv,
        1985,
        Gender.FEMALE,
        "nguyen thi hoa",
    )
    flag = AwardRecord.objects.get(unit=stc)
    assert (flag.award_type, flag.year, flag.decision_number, flag.source) == (
        "co_thi_dua_ubnd_tinh",
        2022,
        "9/QĐ-UBND",
        RecordSource.IMPORTED,
    )
    assert (flag.decision_date, flag.issuer) == (datetime.date(2023, 1, 15), "Chủ tịch UBND tỉnh")
    assert flag.import_key == record_import_key(
        subject_kind="unit",
        subject_code=str(stc.pk),
        award_type="co_thi_dua_ubnd_tinh",
        year=2022,
        decision_number="9/QĐ-UBND",
    )
    assert sorted(hoa.award_records.values_list("year", "basis")) == [
        (2022, AwardBasis.THEMATIC),
        (2023, AwardBasis.MERIT),
    ]
    assert AwardRecord.objects.get(person__full_name="Trần Văn Đức").search_key == (
        "tran van duc lao dong tien tien 12/qd-ubnd"
    )


def test_registry_import_history_records_actor_and_reason(board_admin, province, snv, stc):
    registry_import(actor=board_admin, province=province, file=sample_file())

    history = get_history_model_for_model(AwardRecord).objects.all()
    people = get_history_model_for_model(Person).objects.all()
    assert {(h.history_user, h.history_change_reason, h.history_type) for h in history} == {
        (board_admin, "import", "+")
    }
    assert history.count() == 5
    assert {(h.history_user, h.history_change_reason) for h in people} == {(board_admin, "import")}


def test_registry_import_same_file_twice_adds_nothing(board_admin, province, snv, stc):
    data = sample_file()
    registry_import(actor=board_admin, province=province, file=data)
    before = counts()

    again = registry_import(actor=board_admin, province=province, file=data)

    assert (again.ok, again.records_created, again.records_unchanged) == (True, 0, 5)
    assert (again.people_created, again.people_matched) == (0, 2)
    assert counts() == before


def test_registry_import_line_entered_by_hand_counts_as_unchanged(board_admin, province, snv):
    AwardRecord.objects.create(
        unit=snv, award_type="tap_the_lao_dong_xuat_sac", year=2023, decision_number="12/qđ-ubnd"
    )

    report = registry_import(
        actor=board_admin, province=province, file=registry_bytes([unit_row()])
    )

    assert (report.ok, report.records_created, report.records_unchanged) == (True, 0, 1)
    assert AwardRecord.objects.count() == 1


def test_registry_import_never_revives_a_revoked_line(board_admin, province, snv):
    """An old book still listing a line revoked since (GEN-08) must not make it count again:
    the line is in the registry, revoked; restoring it is done on its page."""
    AwardRecord.objects.create(
        unit=snv,
        award_type="tap_the_lao_dong_xuat_sac",
        year=2023,
        decision_number="12/QĐ-UBND",
        revoked=True,
    )

    report = registry_import(
        actor=board_admin, province=province, file=registry_bytes([unit_row()])
    )

    assert (report.records_created, report.records_unchanged) == (0, 1)
    assert AwardRecord.objects.get().revoked


def test_registry_import_matches_existing_people_ignoring_case_and_diacritics(
    board_admin, province, snv
):
    hoa = PersonFactory(unit=snv, full_name="Nguyễn Thị Hòa", birth_year=1985)
    data = registry_bytes([person_row(name="NGUYEN THI HOA", birth=1985, gender=None)])

    report = registry_import(actor=board_admin, province=province, file=data)

    assert (report.ok, report.people_created, report.people_matched) == (True, 0, 1)
    assert AwardRecord.objects.get().person == hoa


def test_registry_import_row_without_birth_year_matches_the_one_namesake(
    board_admin, province, snv
):
    duc = PersonFactory(unit=snv, full_name="Trần Văn Đức", birth_year=1970)

    report = registry_import(
        actor=board_admin,
        province=province,
        file=registry_bytes([person_row(name="Trần Văn Đức", birth=None)]),
    )

    assert (report.ok, AwardRecord.objects.get().person) == (True, duc)


def test_registry_import_namesakes_without_birth_year_refused(board_admin, province, snv):
    PersonFactory(unit=snv, full_name="Trần Văn Đức", birth_year=1970)
    PersonFactory(unit=snv, full_name="Trần Văn Đức", birth_year=1990)

    assert_refused(
        board_admin,
        province,
        registry_bytes([person_row(name="Trần Văn Đức", birth=None)]),
        [
            (
                2,
                "Năm sinh",
                "Đơn vị “SNV” có 2 cá nhân tên “Trần Văn Đức”; ghi năm sinh để phân biệt.",
            )
        ],
    )


def test_registry_import_same_new_person_on_several_rows_created_once(board_admin, province, snv):
    rows = [person_row(year=y, number=f"{y}/QĐ") for y in (2019, 2020, 2021)]

    report = registry_import(actor=board_admin, province=province, file=registry_bytes(rows))

    assert (report.records_created, report.people_created) == (3, 1)


def test_registry_import_accepts_codes_names_and_spellings(board_admin, province, snv):
    rows = [
        unit_row(
            award="TAP THE LAO DONG TIEN TIEN", **{"Loại": "tap the", "Loại thành tích": None}
        ),
        person_row(award="giay_khen", gender="nam", **{"Loại": "CÁ NHÂN"}),
        person_row(
            award="Giấy khen",
            gender="male",
            year=2021,
            number="x",
            **{"Loại thành tích": "Đột xuất"},
        ),
    ]

    report = registry_import(actor=board_admin, province=province, file=registry_bytes(rows))

    assert report.errors == []
    assert sorted(AwardRecord.objects.values_list("award_type", "basis")) == [
        ("giay_khen", AwardBasis.AD_HOC),
        ("giay_khen", AwardBasis.MERIT),
        ("tap_the_lao_dong_tien_tien", AwardBasis.MERIT),
    ]


def test_registry_import_sheet_and_headers_without_diacritics_accepted(board_admin, province, snv):
    headers = ["Loai", "MA DON VI", "Ho va ten", "Nam sinh", "Gioi tinh", "Hinh thuc khen thuong",
               "Nam", "Loai thanh tich", "So quyet dinh", "Ngay quyet dinh", "Co quan quyet dinh",
               "Ghi chu"]  # fmt: skip
    data = registry_bytes([unit_row()], sheet="Khen thuong", headers=headers)

    report = registry_import(actor=board_admin, province=province, file=data)

    assert (report.ok, report.records_created) == (True, 1)


def test_registry_import_reads_the_template(board_admin, province, snv):
    report = registry_import(actor=board_admin, province=province, file=registry_template())

    assert (report.errors, report.records_created, report.people_created) == ([], 2, 1)


def test_registry_import_reads_a_file_path(board_admin, province, snv, tmp_path):
    path = tmp_path / "so-khen-thuong.xlsx"
    path.write_bytes(registry_bytes([unit_row()]))

    report = registry_import(actor=board_admin, province=province, file=path)

    assert (report.ok, report.records_created) == (True, 1)


def test_registry_import_calls_progress(board_admin, province, snv, monkeypatch):
    monkeypatch.setattr("thidua.awards.importing.service.BATCH_SIZE", 2)
    calls, phases = [], []
    rows = [unit_row(year=2000 + i, number=str(i)) for i in range(5)]

    registry_import(
        actor=board_admin,
        province=province,
        file=registry_bytes(rows),
        progress=lambda done, total: calls.append((done, total)),
        on_phase=phases.append,
    )

    assert calls == [(5, 5), (0, 5), (2, 5), (4, 5), (5, 5)]
    assert phases == ["reading", "checking", "writing"]


# --- Row errors --------------------------------------------------------------------------------


def test_registry_import_unknown_unit_refused(board_admin, province, snv, other_province):
    UnitFactory(province=other_province, code="XA")

    assert_refused(
        board_admin,
        province,
        registry_bytes([unit_row(unit="XA")]),
        [(2, "Mã đơn vị", f"Không tìm thấy đơn vị mã “XA” trong tỉnh “{province.name}”.")],
    )


def test_registry_import_unknown_award_type_refused(board_admin, province, snv):
    assert_refused(
        board_admin,
        province,
        registry_bytes([unit_row(award="Huân chương Sao Hoả")]),
        [
            (
                2,
                "Hình thức khen thưởng",
                "Không có hình thức khen thưởng “Huân chương Sao Hoả” trong danh mục; ghi mã hoặc "
                "tên như ở trang “Danh mục” của tệp mẫu.",
            )
        ],
    )


def test_registry_import_subject_mismatch_refused(board_admin, province, snv):
    rows = [
        person_row(award="Cờ thi đua của UBND tỉnh"),
        unit_row(award="Lao động tiên tiến"),
        unit_row(number="2", **{"Họ và tên": "Lê Văn A"}),
        person_row(name=None),
    ]

    assert_refused(
        board_admin,
        province,
        registry_bytes(rows),
        [
            (2, "Hình thức khen thưởng",
             "“Cờ thi đua của UBND tỉnh” là hình thức khen thưởng tập thể, không dùng cho cá nhân."),
            (3, "Hình thức khen thưởng",
             "“Lao động tiên tiến” là hình thức khen thưởng cá nhân, không dùng cho tập thể."),
            (4, "Họ và tên",
             "Dòng khen thưởng tập thể không ghi họ và tên, năm sinh, giới tính; nếu đây là khen "
             "thưởng cá nhân, hãy ghi “Cá nhân” ở cột “Loại”."),
            (5, "Họ và tên", "Dòng khen thưởng cá nhân phải ghi họ và tên."),
        ],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("year", "message"),
    [
        (None, "Ô này là bắt buộc."),
        ("hai nghìn", "Năm “hai nghìn” không hợp lệ: phải là số có 4 chữ số, ví dụ 2024."),
        (1800, "Năm 1800 không hợp lệ (phải từ 1945 đến 2100)."),
        (2023.5, "Năm “2023.5” không hợp lệ."),
    ],
)
def test_registry_import_bad_year_refused(board_admin, province, snv, year, message):
    row = unit_row()
    row[column("Năm")] = year

    assert_refused(board_admin, province, registry_bytes([row]), [(2, "Năm", message)])


def test_registry_import_future_year_refused(board_admin, province, snv):
    next_year = datetime.date.today().year + 1
    row = unit_row(**{"Ngày quyết định": None})
    row[column("Năm")] = next_year

    assert_refused(
        board_admin,
        province,
        registry_bytes([row]),
        [(2, "Năm", f"Năm {next_year} chưa tới (năm nay là {next_year - 1}).")],
    )


def test_registry_import_bad_dates_refused(board_admin, province, snv):
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    rows = [
        unit_row(number="1", **{"Ngày quyết định": "31/02/2024"}),
        unit_row(number="2", **{"Ngày quyết định": datetime.date(2022, 12, 31)}),
        unit_row(number="3", **{"Ngày quyết định": tomorrow}),
    ]

    assert_refused(
        board_admin,
        province,
        registry_bytes(rows),
        [
            (2, "Ngày quyết định",
             "Ngày “31/02/2024” không hợp lệ: dùng dạng ngày/tháng/năm, ví dụ 01/07/2025."),
            (3, "Ngày quyết định", "Ngày quyết định 31/12/2022 trước năm khen thưởng 2023."),
            (4, "Ngày quyết định", f"Ngày quyết định {tomorrow:%d/%m/%Y} chưa tới."),
        ],
    )  # fmt: skip


def test_registry_import_bad_birth_year_and_gender_refused(board_admin, province, snv):
    assert_refused(
        board_admin,
        province,
        registry_bytes([person_row(birth=1850, gender="Khác")]),
        [
            (2, "Năm sinh", "Năm sinh 1850 không hợp lệ."),
            (2, "Giới tính", "Giá trị “Khác” không hợp lệ; chọn một trong: Nam; Nữ."),
        ],
    )


def test_registry_import_new_person_without_gender_refused(board_admin, province, snv):
    assert_refused(
        board_admin,
        province,
        registry_bytes([person_row(gender=None)]),
        [
            (2, "Giới tính",
             "Cá nhân “Nguyễn Thị Hoà” chưa có trong đơn vị “SNV”: ghi giới tính (Nam/Nữ) để "
             "tạo mới."),
        ],
    )  # fmt: skip


def test_registry_import_duplicate_rows_refused(board_admin, province, snv):
    rows = [
        unit_row(),
        person_row(),
        unit_row(**{"Ghi chú": "nhập lần hai"}),
        person_row(name="nguyễn thị hòa", gender=None),
    ]

    assert_refused(
        board_admin,
        province,
        registry_bytes(rows),
        [
            (4, "Số quyết định",
             "Dòng này trùng với dòng 2 (cùng đối tượng, hình thức khen thưởng, năm và số quyết "
             "định)."),
            (5, "Số quyết định",
             "Dòng này trùng với dòng 3 (cùng đối tượng, hình thức khen thưởng, năm và số quyết "
             "định)."),
        ],
    )  # fmt: skip


def test_registry_import_nul_byte_and_over_long_text_refused(board_admin, province, snv):
    rows = [
        unit_row(**{"Cơ quan quyết định": "UBND_x0000_tỉnh"}),
        unit_row(number="Q" * 61),
    ]

    assert_refused(
        board_admin,
        province,
        registry_bytes(rows),
        [
            (2, "Cơ quan quyết định", "Ô chứa ký tự NUL không hợp lệ."),
            (3, "Số quyết định", "Nội dung dài 61 ký tự, vượt quá giới hạn 60 ký tự."),
        ],
    )


def test_registry_import_one_bad_row_among_good_writes_nothing(board_admin, province, snv):
    rows = [unit_row(year=2000 + i, number=str(i)) for i in range(20)]
    rows.append(unit_row(unit="KHONGCO"))

    report = registry_import(actor=board_admin, province=province, file=registry_bytes(rows))

    assert (report.ok, report.error_count, report.errors[0].row) == (False, 1, 22)
    assert counts()["records"] == 0


def test_registry_import_error_list_is_capped(board_admin, province, snv):
    rows = [unit_row(unit="KHONGCO", number=str(i)) for i in range(600)]

    report = registry_import(actor=board_admin, province=province, file=registry_bytes(rows))

    assert (report.error_count, len(report.errors)) == (600, 500)


# --- Broken files ------------------------------------------------------------------------------


def test_registry_import_wrong_sheet_name_refused(board_admin, province, snv):
    data = registry_bytes([unit_row()], sheet="Sheet1", extra_sheets=["Danh mục"])

    assert_refused(
        board_admin,
        province,
        data,
        [
            (None, "",
             "Tệp thiếu trang (sheet): “Khen thưởng”. Các trang hiện có: “Sheet1”, “Danh mục”."),
        ],
    )  # fmt: skip


def test_registry_import_missing_columns_refused(board_admin, province, snv):
    headers = [h for h in HEADERS if h not in ("Năm", "Hình thức khen thưởng")]

    assert_refused(
        board_admin,
        province,
        registry_bytes([], headers=headers),
        [
            (1, "Hình thức khen thưởng, Năm",
             "Trang “Khen thưởng” thiếu cột: “Hình thức khen thưởng”, “Năm”."),
        ],
    )  # fmt: skip


@pytest.mark.parametrize("headers", [HEADERS, None])
def test_registry_import_empty_sheet_refused(board_admin, province, headers):
    expected = (
        [(None, "", "Trang “Khen thưởng” không có dòng dữ liệu nào.")]
        if headers
        else [(1, ", ".join(HEADERS), "Trang “Khen thưởng” thiếu cột: "
              + ", ".join(f"“{h}”" for h in HEADERS) + ".")]
    )  # fmt: skip

    assert_refused(board_admin, province, registry_bytes([], headers=headers), expected)


def test_registry_import_text_file_renamed_xlsx_refused(board_admin, province, tmp_path):
    path = tmp_path / "so-khen-thuong.xlsx"
    path.write_text("Loại,Mã đơn vị\nTập thể,SNV\n", encoding="utf-8")

    assert_refused(board_admin, province, path, [(None, "", NOT_XLSX)])


def test_registry_import_random_bytes_refused(board_admin, province):
    data = random.Random(3).randbytes(256 * 1024)

    assert_refused(board_admin, province, data, [(None, "", NOT_XLSX)])


def test_registry_import_zip_without_workbook_refused(board_admin, province):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")

    assert_refused(board_admin, province, buffer.getvalue(), [(None, "", NOT_XLSX)])


def test_registry_import_ten_megabytes_of_junk_refused(board_admin, province, settings):
    data = random.Random(1).randbytes(settings.IMPORT_MAX_BYTES + 1)

    assert_refused(
        board_admin,
        province,
        io.BytesIO(data + b"more junk that is never read"),
        [(None, "", "Tệp quá lớn (10.0 MB); dung lượng tối đa là 10.0 MB.")],
    )


# --- Permissions -------------------------------------------------------------------------------


def permission_case(user, province):
    """The one setup of the allowed and denied cases: a one-row file into `province`."""
    UnitFactory(province=province, code="SNV")
    return registry_import(actor=user, province=province, file=registry_bytes([unit_row()]))


def test_registry_import_board_admin_allowed(board_admin, province):
    assert permission_case(board_admin, province).records_created == 1


@pytest.mark.parametrize("user_fixture", ["officer", "viewer"])
def test_registry_import_officer_and_viewer_denied(request, province, user_fixture):
    user = request.getfixturevalue(user_fixture)

    with pytest.raises(PermissionDeniedError):
        permission_case(user, province)
    assert AwardRecord.objects.count() == 0


def test_registry_import_board_admin_of_other_province_denied(province):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    with pytest.raises(NotFound):
        permission_case(stranger, province)
    assert AwardRecord.objects.count() == 0
