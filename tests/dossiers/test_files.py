import hashlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.dossiers.conftest import DOCX_MAIN, LDTT, XLSX_MAIN, ooxml
from tests.factories.dossiers import pdf_upload
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.dossiers.files import check_upload
from thidua.dossiers.models import DossierFile
from thidua.dossiers.services.board import proposals_receive
from thidua.dossiers.services.files import file_remove, file_upload
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit

pytestmark = pytest.mark.integration

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 20


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (lambda: pdf_upload("Báo cáo thành tích.pdf"), "application/pdf"),
        (lambda: SimpleUploadedFile("anh.png", PNG), "image/png"),
        (lambda: SimpleUploadedFile("anh.JPEG", JPEG), "image/jpeg"),
        (
            lambda: ooxml(DOCX_MAIN, "to-trinh.docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            lambda: ooxml(XLSX_MAIN, "danh-sach.xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    ],
)
def test_check_upload_accepts_by_content(upload, content_type):
    checked = check_upload(upload())
    assert checked.content_type == content_type


@pytest.mark.parametrize(
    ("upload", "code"),
    [
        (lambda: SimpleUploadedFile("rong.pdf", b""), "file_empty"),
        (lambda: SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf"), "file_type"),
        (lambda: pdf_upload("bao-cao.docx"), "file_type"),  # content and extension disagree
        (lambda: ooxml(DOCX_MAIN, "to-trinh.xlsx"), "file_type"),
        (
            lambda: ooxml("application/vnd.ms-word.document.macroEnabled.main+xml", "m.docx"),
            "file_type",
        ),
        (
            lambda: SimpleUploadedFile("cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 8),
            "file_type",
        ),
        (lambda: pdf_upload("khong-duoi"), "file_type"),
    ],
)
def test_check_upload_refuses(upload, code):
    with pytest.raises(ValidationFailed) as caught:
        check_upload(upload())
    assert caught.value.code == code


def test_check_upload_refuses_a_file_over_the_setting(settings):
    settings.DOSSIER_MAX_UPLOAD_BYTES = 10
    with pytest.raises(ValidationFailed) as caught:
        check_upload(pdf_upload(body=b"%PDF-1.4 " + b"x" * 10))
    assert caught.value.code == "file_too_large"
    assert "MB" in caught.value.message


def test_check_upload_keeps_the_name_without_folders_and_hashes_the_content():
    body = b"%PDF-1.7 ho so"
    checked = check_upload(pdf_upload("C:\\Tài liệu\\Tờ trình số 12.pdf", body))
    assert checked.name == "Tờ trình số 12.pdf"
    assert checked.sha256 == hashlib.sha256(body).hexdigest()
    assert checked.size == len(body)


def _draft(world):
    (proposal,) = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=world.staff[:1], award_type=LDTT, year=2025
    )
    return proposal


def test_upload_by_the_unit_stores_the_file_under_dossiers(world):
    proposal = _draft(world)
    item = file_upload(
        actor=world.officer, proposal=proposal, kind="bao_cao_thanh_tich", upload=pdf_upload()
    )
    item.refresh_from_db()
    assert item.file.name.startswith("dossiers/")
    assert item.file.name.endswith(".pdf")
    assert (item.kind, item.by_board, item.content_type) == (
        "bao_cao_thanh_tich",
        False,
        "application/pdf",
    )
    assert default_storage.exists(item.file.name)


def test_upload_other_kind_and_unknown_kind(world):
    proposal = _draft(world)
    item = file_upload(actor=world.officer, proposal=proposal, kind="other", upload=pdf_upload())
    with pytest.raises(ValidationFailed) as caught:
        file_upload(actor=world.officer, proposal=proposal, kind="bi_mat", upload=pdf_upload())
    assert item.kind == "khac"
    assert caught.value.code == "file_kind"


def test_upload_refused_to_the_unit_once_submitted_but_allowed_to_the_board(world):
    proposal = _draft(world)
    proposal_submit(actor=world.officer, proposal=proposal, override_reason="Bổ sung sau")
    proposals_receive(actor=world.board, proposals=[proposal])
    with pytest.raises(Conflict) as caught:
        file_upload(actor=world.officer, proposal=proposal, kind="khac", upload=pdf_upload())
    paper = file_upload(actor=world.board, proposal=proposal, kind="khac", upload=pdf_upload())
    assert caught.value.code == "not_editable"
    assert paper.by_board is True


def test_upload_denied_to_another_unit_and_a_viewer(world):
    proposal = _draft(world)
    for user in (world.other_officer, world.viewer):
        with pytest.raises(PermissionDeniedError):
            file_upload(actor=user, proposal=proposal, kind="khac", upload=pdf_upload())
    assert not DossierFile.objects.exists()


def test_remove_own_file_deletes_row_and_stored_file(world, django_capture_on_commit_callbacks):
    proposal = _draft(world)
    item = file_upload(actor=world.officer, proposal=proposal, kind="khac", upload=pdf_upload())
    name = item.file.name
    with django_capture_on_commit_callbacks(execute=True):
        file_remove(actor=world.officer, item=item)
    assert not DossierFile.objects.exists()
    assert not default_storage.exists(name)


def test_remove_refuses_the_other_sides_files(world):
    proposal = _draft(world)
    unit_file = file_upload(
        actor=world.officer, proposal=proposal, kind="khac", upload=pdf_upload()
    )
    board_file = file_upload(actor=world.board, proposal=proposal, kind="khac", upload=pdf_upload())
    with pytest.raises(PermissionDeniedError):
        file_remove(actor=world.officer, item=board_file)
    with pytest.raises(PermissionDeniedError):
        file_remove(actor=world.board, item=unit_file)
    file_remove(actor=world.board, item=board_file)
    assert list(DossierFile.objects.values_list("pk", flat=True)) == [unit_file.pk]
