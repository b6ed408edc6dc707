"""The registry import pages (/khen-thuong/nhap/): upload, background job, progress, template."""

import io
import json
import threading
import uuid

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.awards.test_import import counts, person_row, registry_bytes, unit_row
from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.importing import jobs
from thidua.awards.models import AwardRecord
from thidua.org.xlsx.workbook import XLSX_CONTENT_TYPE

pytestmark = pytest.mark.integration

BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    settings.AWARDS_IMPORT_SYNC = True
    return tmp_path


@pytest.fixture
def snv(province):
    return UnitFactory(province=province, code="SNV", name="Sở Nội vụ")


def upload(data, name="so-khen-thuong.xlsx"):
    return SimpleUploadedFile(name, data, content_type=XLSX_CONTENT_TYPE)


def post_import(client, user, province, data):
    client.force_login(user, backend=BACKEND)
    return client.post(reverse("awards:import"), {"province": province.pk, "file": upload(data)})


def job_id_of(response):
    return response["Location"].rstrip("/").split("/")[-1]


# --- The upload page ---------------------------------------------------------------------------


def test_import_page_board_admin_allowed(client, board_admin):
    client.force_login(board_admin, backend=BACKEND)

    response = client.get(reverse("awards:import"))

    assert response.status_code == 200
    assert "Tải tệp mẫu" in response.content.decode()


@pytest.mark.parametrize("user_fixture", ["officer", "viewer"])
def test_import_page_officer_and_viewer_denied(client, request, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture), backend=BACKEND)

    assert client.get(reverse("awards:import")).status_code == 403


def test_import_page_anonymous_redirected_to_login(client, db):
    assert client.get(reverse("awards:import")).status_code == 302


def test_import_post_board_admin_of_other_province_denied(client, province, snv):
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())

    response = post_import(client, stranger, province, registry_bytes([unit_row()]))

    assert (response.status_code, AwardRecord.objects.count()) == (403, 0)


def test_import_post_file_too_large_refused_by_form(client, board_admin, province, settings):
    settings.IMPORT_MAX_BYTES = 1000

    response = post_import(client, board_admin, province, b"x" * 1001)

    assert response.status_code == 200
    assert "Tệp quá lớn" in response.content.decode()
    assert list(settings.DATA_DIR.glob("imports/*")) == []


# --- Job page and progress fragment ------------------------------------------------------------


def test_import_post_runs_job_and_shows_report(client, board_admin, province, snv, data_dir):
    response = post_import(
        client, board_admin, province, registry_bytes([unit_row(), person_row()])
    )
    job_id = job_id_of(response)

    page = client.get(response["Location"])

    assert response.status_code == 302
    assert response["Location"] == reverse("awards:import_job", args=[job_id])
    text = page.content.decode()
    assert "Nhập dữ liệu thành công." in text
    assert "Đã xử lý 2/2 dòng" in text
    assert AwardRecord.objects.count() == 2
    assert not (data_dir / "imports" / f"{job_id}.xlsx").exists()
    state = json.loads((data_dir / "imports" / f"{job_id}.json").read_text(encoding="utf-8"))
    assert (state["status"], state["report"]["records_created"]) == ("finished", 2)


def test_import_post_bad_file_shows_row_errors(client, board_admin, province, snv):
    rows = [unit_row(), unit_row(unit="KHONGCO")]

    response = post_import(client, board_admin, province, registry_bytes(rows))
    fragment = client.get(reverse("awards:import_progress", args=[job_id_of(response)]))

    text = fragment.content.decode()
    assert "Tệp có 1 lỗi. Không có dữ liệu nào được ghi." in text
    assert "Không tìm thấy đơn vị mã “KHONGCO”" in text
    assert "hx-trigger" not in text
    assert counts()["records"] == 0


def test_import_post_junk_file_shows_error(client, board_admin, province):
    response = post_import(client, board_admin, province, b"not an excel file")
    page = client.get(response["Location"]).content.decode()

    assert "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ." in page


def write_state(data_dir, **values):
    state = {
        "id": uuid.uuid4().hex,
        "status": "running",
        "phase": "writing",
        "done": 4000,
        "total": 10000,
        "report": None,
        "error": "",
        "filename": "so.xlsx",
        **values,
    }
    jobs._write_state(state)
    return state["id"]


def test_progress_fragment_running_polls_every_second(client, board_admin, province, data_dir):
    job_id = write_state(data_dir, user_id=board_admin.pk, province_id=province.pk)
    client.force_login(board_admin, backend=BACKEND)

    text = client.get(reverse("awards:import_progress", args=[job_id])).content.decode()

    assert 'hx-trigger="every 1s"' in text
    assert 'aria-valuenow="4000"' in text
    assert 'max="10000"' in text
    assert "Đã xử lý 4000/10000 dòng" in text


def test_import_post_while_another_runs_in_the_province_refused(
    client, board_admin, province, snv, data_dir
):
    write_state(data_dir, user_id=board_admin.pk, province_id=province.pk)

    response = post_import(client, board_admin, province, registry_bytes([unit_row()]))

    assert response.status_code == 200
    assert "Một lần nhập sổ khen thưởng của tỉnh này đang chạy" in response.content.decode()
    assert AwardRecord.objects.count() == 0


def test_import_post_after_a_stale_job_allowed(client, board_admin, province, snv, data_dir):
    job_id = write_state(data_dir, user_id=board_admin.pk, province_id=province.pk)
    path = data_dir / "imports" / f"{job_id}.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**state, "updated_at": "2020-01-01T00:00:00+00:00"}), "utf-8")

    response = post_import(client, board_admin, province, registry_bytes([unit_row()]))

    assert (response.status_code, AwardRecord.objects.count()) == (302, 1)


def test_progress_of_stale_job_reads_as_interrupted(client, board_admin, province, data_dir):
    job_id = write_state(data_dir, user_id=board_admin.pk, province_id=province.pk)
    path = data_dir / "imports" / f"{job_id}.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    state["updated_at"] = "2020-01-01T00:00:00+00:00"
    path.write_text(json.dumps(state), encoding="utf-8")
    client.force_login(board_admin, backend=BACKEND)

    text = client.get(reverse("awards:import_progress", args=[job_id])).content.decode()

    assert "Việc nhập bị gián đoạn" in text
    assert "hx-trigger" not in text


def test_progress_owner_allowed(client, province, data_dir):
    owner = UserFactory(role=Role.BOARD_ADMIN, province=province)
    job_id = write_state(data_dir, user_id=owner.pk, province_id=province.pk)
    client.force_login(owner, backend=BACKEND)

    assert client.get(reverse("awards:import_job", args=[job_id])).status_code == 200


def test_progress_other_board_admin_of_province_allowed(client, board_admin, province, data_dir):
    owner = UserFactory(role=Role.BOARD_ADMIN, province=province)
    job_id = write_state(data_dir, user_id=owner.pk, province_id=province.pk)
    client.force_login(board_admin, backend=BACKEND)

    assert client.get(reverse("awards:import_progress", args=[job_id])).status_code == 200


@pytest.mark.parametrize("user_fixture", ["officer", "viewer", "stranger"])
def test_progress_others_denied(client, request, province, data_dir, user_fixture):
    owner = UserFactory(role=Role.BOARD_ADMIN, province=province)
    job_id = write_state(data_dir, user_id=owner.pk, province_id=province.pk)
    if user_fixture == "stranger":
        user = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    else:
        user = request.getfixturevalue(user_fixture)
    client.force_login(user, backend=BACKEND)

    assert client.get(reverse("awards:import_progress", args=[job_id])).status_code == 404
    assert client.get(reverse("awards:import_job", args=[job_id])).status_code == 404


@pytest.mark.parametrize("job_id", ["0" * 32, "not-a-job", "A" * 32])
def test_progress_unknown_or_malformed_job_not_found(client, board_admin, job_id):
    client.force_login(board_admin, backend=BACKEND)

    assert client.get(reverse("awards:import_progress", args=[job_id])).status_code == 404


# --- Template ----------------------------------------------------------------------------------


def test_template_download_has_sheets_columns_and_catalogue(client, board_admin):
    client.force_login(board_admin, backend=BACKEND)

    response = client.get(reverse("awards:import_template"))

    assert response["Content-Type"] == XLSX_CONTENT_TYPE
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["Khen thưởng", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in wb["Khen thưởng"][1]] == [
        "Loại", "Mã đơn vị", "Họ và tên", "Năm sinh", "Giới tính", "Hình thức khen thưởng",
        "Năm", "Loại thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan quyết định",
        "Ghi chú",
    ]  # fmt: skip
    catalogue = {row[0]: row[1] for row in wb["Danh mục"].iter_rows(min_row=2, values_only=True)}
    assert catalogue["chien_si_thi_dua_co_so"] == "Chiến sĩ thi đua cơ sở"
    assert [r[0].value for r in wb["Danh mục"]["H1:H5"]] == [
        "Loại thành tích", "Thường xuyên", "Chuyên đề", "Đột xuất", "Cống hiến"
    ]  # fmt: skip


def test_template_download_viewer_denied(client, viewer):
    client.force_login(viewer, backend=BACKEND)

    assert client.get(reverse("awards:import_template")).status_code == 403


# --- The background thread ---------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_import_job_in_a_thread_writes_and_closes_its_connection(settings, data_dir, monkeypatch):
    settings.AWARDS_IMPORT_SYNC = False
    province = ProvinceFactory()
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)
    UnitFactory(province=province, code="SNV")
    closed = []
    close_all = jobs.connections.close_all

    def spy():
        closed.append(threading.current_thread().name)
        close_all()

    monkeypatch.setattr(jobs.connections, "close_all", spy)

    job_id = jobs.import_job_start(
        actor=admin, province=province, upload=registry_bytes([unit_row(), person_row()])
    )
    for thread in threading.enumerate():
        if thread.name == f"awards-import-{job_id}":
            thread.join(timeout=60)

    state = jobs.import_job_get(user=admin, job_id=job_id)
    assert (state["status"], state["report"].records_created, state["percent"]) == (
        "finished",
        2,
        100,
    )
    assert closed == [f"awards-import-{job_id}"]
    assert AwardRecord.objects.count() == 2
