"""The import page, the template download and the export download (/du-lieu/)."""

import io
import random

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import ProvinceFactory, UserFactory, season_with_members
from tests.org.test_xlsx_import import counts, sample_rows, workbook_bytes
from thidua.accounts.enums import Role
from thidua.org.models import Unit
from thidua.org.xlsx.workbook import XLSX_CONTENT_TYPE

pytestmark = pytest.mark.integration

BACKEND = "django.contrib.auth.backends.ModelBackend"


def upload(data, name="don-vi.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX_CONTENT_TYPE)


def post_import(client, user, province, data, **extra):
    client.force_login(user, backend=BACKEND)
    return client.post(
        reverse("org_io:index"), {"province": province.pk, "file": upload(data), **extra}
    )


def test_import_page_board_admin_allowed(client, board_admin):
    client.force_login(board_admin, backend=BACKEND)

    response = client.get(reverse("org_io:index"))

    assert response.status_code == 200
    assert "Tải tệp mẫu" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["officer", "viewer"])
def test_import_page_officer_and_viewer_denied(client, request, user_fixture):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user, backend=BACKEND)

    assert client.get(reverse("org_io:index")).status_code == 403


def test_import_page_anonymous_redirected_to_login(client, db):
    response = client.get(reverse("org_io:index"))

    assert response.status_code == 302


def test_import_post_officer_denied(client, officer, province):
    before = counts()

    response = post_import(client, officer, province, workbook_bytes(*sample_rows(province.code)))

    assert (response.status_code, counts()) == (403, before)


def test_import_post_board_admin_of_other_province_denied(client, province):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    before = counts()

    response = post_import(client, stranger, province, workbook_bytes(*sample_rows(province.code)))

    assert (response.status_code, counts()) == (403, before)


def test_import_post_good_file_shows_summary(client, board_admin, province):
    response = post_import(
        client, board_admin, province, workbook_bytes(*sample_rows(province.code))
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Nhập dữ liệu thành công." in page
    assert response.context["result"].units.created == 4
    assert Unit.objects.filter(province=province).count() == 4


def test_import_post_same_file_again_says_nothing_changed(client, board_admin, province):
    data = workbook_bytes(*sample_rows(province.code))
    post_import(client, board_admin, province, data)

    response = post_import(client, board_admin, province, data)

    assert "Không có thay đổi nào" in response.content.decode()


def test_import_post_bad_row_shows_error_table_and_writes_nothing(client, board_admin, province):
    units, members = sample_rows(province.code)
    members[0][3] = "20x3"
    before = counts()

    response = post_import(client, board_admin, province, workbook_bytes(units, members))

    page = response.content.decode()
    assert "Năm “20x3” không hợp lệ: phải là số có 4 chữ số, ví dụ 2024." in page
    assert "Không có dữ liệu nào được ghi." in page
    assert counts() == before


def test_import_post_over_size_limit_shows_error(client, board_admin, province, settings):
    data = random.Random(3).randbytes(settings.IMPORT_MAX_BYTES + 10)
    before = counts()

    response = post_import(client, board_admin, province, data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "Tệp quá lớn (10.0 MB); dung lượng tối đa là 10.0 MB."
    ]
    assert counts() == before


def test_import_post_dry_run_writes_nothing(client, board_admin, province):
    before = counts()

    response = post_import(
        client, board_admin, province, workbook_bytes(*sample_rows(province.code)), dry_run="on"
    )

    assert "Kiểm tra xong: tệp hợp lệ (chưa ghi dữ liệu)." in response.content.decode()
    assert counts() == before


def test_template_download_opens_with_both_sheets(client, viewer):
    client.force_login(viewer, backend=BACKEND)

    response = client.get(reverse("org_io:template"))

    assert (response.status_code, response["Content-Type"]) == (200, XLSX_CONTENT_TYPE)
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames[:3] == ["Don vi", "Thanh vien khoi", "Huong dan"]


def test_export_download_viewer_allowed(client, viewer, province):
    season_with_members(3, province=province)
    client.force_login(viewer, backend=BACKEND)

    response = client.get(reverse("org_io:export"), {"province": province.pk, "year": 2023})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="thidua-{province.code}-2023.xlsx"'
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert len(list(wb["Thanh vien khoi"].iter_rows())) == 1 + 3


def test_export_download_other_province_not_found(client, province):
    stranger = UserFactory(role=Role.VIEWER, province=ProvinceFactory())
    client.force_login(stranger, backend=BACKEND)

    response = client.get(reverse("org_io:export"), {"province": province.pk})

    assert response.status_code == 404


def test_export_download_bad_parameters_rejected(client, viewer):
    client.force_login(viewer, backend=BACKEND)

    response = client.get(reverse("org_io:export"), {"province": "x"})

    assert response.status_code == 400
