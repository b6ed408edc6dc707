import pytest

from tests.scoring.conftest import docx_bytes, pdf_bytes, png_bytes, submitted, upload
from thidua.core.exceptions import Conflict, PermissionDeniedError, ValidationFailed
from thidua.scoring import services
from thidua.scoring.models import Evidence

pytestmark = pytest.mark.integration


def test_evidence_upload_stores_file_under_media_root(world, media):
    card = world.card()

    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("Báo cáo tổng kết năm.pdf", pdf_bytes()),
    )

    path = media / evidence.file.name
    assert evidence.original_name == "Bao_cao_tong_ket_nam.pdf"
    assert evidence.content_type == "application/pdf"
    assert path.read_bytes() == pdf_bytes()
    assert path.resolve().is_relative_to(media.resolve())


def test_evidence_upload_path_traversal_name_stays_in_media(world, media):
    card = world.card()

    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("../../etc/passwd", png_bytes()),
    )

    assert evidence.original_name == "passwd.png"
    assert (media / evidence.file.name).resolve().is_relative_to(media.resolve())
    assert ".." not in evidence.file.name


def test_evidence_upload_docx_recognised(world):
    card = world.card()

    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.1"),
        file=upload("ke-hoach.docx", docx_bytes()),
    )

    assert evidence.content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("virus.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "evidence_type"),
        ("trang.png", b"<!doctype html><script>alert(1)</script>", "evidence_type"),
        ("lon.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024), "evidence_too_large"),
        ("rong.pdf", b"", "evidence_empty"),
    ],
)
def test_evidence_upload_bad_file_refused(world, media, name, content, code):
    card = world.card()

    with pytest.raises(ValidationFailed) as exc:
        services.evidence_upload(
            actor=world.users["own_officer"],
            score=world.score(card, "I.2"),
            file=upload(name, content),
        )

    assert exc.value.code == code
    assert Evidence.objects.count() == 0
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_evidence_upload_other_unit_refused(world):
    card = world.card()

    with pytest.raises(PermissionDeniedError):
        services.evidence_upload(
            actor=world.users["member_officer"],
            score=world.score(card, "I.2"),
            file=upload("a.pdf", pdf_bytes()),
        )


def test_evidence_upload_after_submit_refused(world):
    card = submitted(world)

    with pytest.raises(Conflict) as exc:
        services.evidence_upload(
            actor=world.users["own_officer"],
            score=world.score(card, "I.2"),
            file=upload("a.pdf", pdf_bytes()),
        )

    assert exc.value.code == "scorecard_locked"


def test_evidence_delete_removes_record_and_file(world, media, django_capture_on_commit_callbacks):
    card = world.card()
    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("a.pdf", pdf_bytes()),
    )
    path = media / evidence.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_delete(actor=world.users["own_officer"], evidence=evidence)

    assert Evidence.objects.count() == 0
    assert not path.exists()


def test_evidence_delete_other_unit_refused(world):
    card = world.card()
    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("a.pdf", pdf_bytes()),
    )

    with pytest.raises(PermissionDeniedError):
        services.evidence_delete(actor=world.users["leader_officer"], evidence=evidence)
