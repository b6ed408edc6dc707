"""The proposals, dossiers, files, workflow steps and generated documents of the JSON API.

One setup (tests/api/world.py): the member unit's officer prepares and submits, the home board
receives, returns and appraises, the viewer and the other units' officers read, the other
province sees nothing. Every write endpoint is in COVERED_WRITES and the role matrix below.
"""

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.api.conftest import BASE, ApiClient, schema_writes
from tests.api.world import ROLES, World, build_world
from tests.factories.dossiers import DossierFactory, ProposalFactory
from thidua.awards.models import AnnualAssessment
from thidua.dossiers.models import Dossier, DossierFile, Proposal, ProposalStatus
from thidua.dossiers.services.board import proposal_validate, proposals_receive
from thidua.dossiers.services.files import file_upload
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit

pytestmark = pytest.mark.integration

LDTT = "lao_dong_tien_tien"
TTLDTT = "tap_the_lao_dong_tien_tien"
DOCUMENTS = ("to_trinh", "bao_cao_thanh_tich", "bien_ban_binh_xet")
PDF_BYTES = b"%PDF-1.4\n%test\n"
REASON = "Đơn vị bổ sung giấy tờ sau"

COVERED_WRITES = {
    ("post", "/proposals"),
    ("patch", "/proposals/{proposal_id}"),
    ("delete", "/proposals/{proposal_id}"),
    ("post", "/proposals/{proposal_id}/submit"),
    ("post", "/proposals/{proposal_id}/withdraw"),
    ("post", "/proposals/{proposal_id}/receive"),
    ("post", "/proposals/{proposal_id}/return"),
    ("post", "/proposals/{proposal_id}/validate"),
    ("post", "/proposals/{proposal_id}/reject"),
    ("post", "/proposals/receive"),
    ("post", "/proposals/return"),
    ("post", "/proposals/{proposal_id}/files"),
    ("delete", "/files/{file_id}"),
    ("post", "/dossiers"),
    ("patch", "/dossiers/{dossier_id}"),
    ("delete", "/dossiers/{dossier_id}"),
    ("post", "/dossiers/{dossier_id}/proposals"),
    ("delete", "/dossiers/{dossier_id}/proposals/{proposal_id}"),
    ("post", "/dossiers/{dossier_id}/submit"),
    ("post", "/dossiers/{dossier_id}/files"),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db) -> World:
    return build_world()


def _officer(w: World):
    return w.users["officer"]


def _board(w: World):
    return w.users["board"]


def _draft(w: World) -> Proposal:
    """A draft LĐTT proposal for the member unit's person, made by its officer."""
    (proposal,) = proposals_create_for_staff(
        actor=_officer(w), unit=w.member, people=[w.person], award_type=LDTT, year=2023
    )
    return proposal


def _submitted(w: World) -> Proposal:
    proposal = _draft(w)
    proposal_submit(actor=_officer(w), proposal=proposal, override_reason=REASON)
    return proposal


def _received(w: World) -> Proposal:
    proposal = _submitted(w)
    proposals_receive(actor=_board(w), proposals=[proposal])
    return proposal


def _valid(w: World) -> Proposal:
    proposal = _received(w)
    proposal_validate(actor=_board(w), proposal=proposal)
    return proposal


def _complete(w: World, proposal: Proposal) -> None:
    AnnualAssessment.objects.create(person=w.person, year=2023, rating="htt")
    for kind in DOCUMENTS:
        file_upload(actor=_officer(w), proposal=proposal, kind=kind, upload=_pdf())


def _pdf(name: str = "bao-cao.pdf", body: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _upload(api: ApiClient, path: str, kind: str, upload: Any):
    return api.client.post(BASE + path, {"kind": kind, "file": upload}, headers=api._headers())


def _status(proposal: Proposal) -> str:
    proposal.refresh_from_db()
    return proposal.status


# ── Happy paths ──────────────────────────────────────────────────────────────────────────────


def test_api_proposal_from_draft_to_valid(world):
    officer, board = world.client("officer"), world.client("board")

    created = officer.post(
        "/proposals",
        {
            "unit_id": world.member.pk,
            "award_type": LDTT,
            "year": 2023,
            "person_ids": [world.person.pk],
        },
    )
    assert created.status_code == 201, created.content
    (row,) = created.json()
    assert row["status"] == "draft"
    assert row["subject_kind"] == "individual"
    assert row["person"]["id"] == world.person.pk
    pk = row["id"]
    proposal = Proposal.objects.get(pk=pk)
    _complete(world, proposal)

    submitted = officer.post(f"/proposals/{pk}/submit", {})
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["due_at"] is not None

    inbox = board.get("/proposals").json()
    assert inbox["inbox"] is True
    assert [item["id"] for item in inbox["items"]] == [pk]
    assert inbox["counts"]["submitted"] == 1

    assert board.post(f"/proposals/{pk}/receive").json()["status"] == "received"
    validated = board.post(f"/proposals/{pk}/validate", {"note": "Đủ hồ sơ"})
    assert validated.status_code == 200, validated.content
    assert validated.json()["status"] == "valid"

    detail = officer.get(f"/proposals/{pk}").json()
    assert [e["to_status"] for e in detail["events"]] == ["submitted", "received", "valid"]
    assert detail["events"][-1]["note"] == "Đủ hồ sơ"
    assert {f["kind"] for f in detail["files"]} == set(DOCUMENTS)
    assert detail["checks"]["needs_override"] is False
    assert detail["eligibility"]["status"] == "eligible"
    assert detail["next_statuses"] == ["approved", "not_approved", "returned"]


def test_api_proposal_for_the_unit_itself(world):
    response = world.client("officer").post(
        "/proposals", {"unit_id": world.member.pk, "award_type": TTLDTT, "year": 2023}
    )

    assert response.status_code == 201, response.content
    (row,) = response.json()
    assert row["subject_kind"] == "collective"
    assert row["unit"]["id"] == world.member.pk
    assert row["award_name"] != TTLDTT


def test_api_submit_without_reason_lists_the_failures(world):
    proposal = _draft(world)

    response = world.client("officer").post(f"/proposals/{proposal.pk}/submit", {})

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "override_required"
    assert body["details"]["proposals"][str(proposal.pk)]
    assert _status(proposal) == "draft"


def test_api_submit_with_override_keeps_the_reason(world):
    proposal = _draft(world)

    response = world.client("officer").post(
        f"/proposals/{proposal.pk}/submit", {"override_reason": REASON}
    )

    assert response.status_code == 200, response.content
    assert response.json()["override_reason"] == REASON


def test_api_withdraw_needs_a_reason_and_closes_the_proposal(world):
    proposal = _submitted(world)
    officer = world.client("officer")

    missing = officer.post(f"/proposals/{proposal.pk}/withdraw", {"reason": "  "})
    done = officer.post(f"/proposals/{proposal.pk}/withdraw", {"reason": "Đơn vị rút"})

    assert missing.status_code == 422
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "withdrawn"


def test_api_board_returns_and_the_unit_resubmits(world):
    proposal = _received(world)

    returned = world.client("board").post(
        f"/proposals/{proposal.pk}/return", {"reason": "Thiếu báo cáo thành tích"}
    )
    again = world.client("officer").post(
        f"/proposals/{proposal.pk}/submit", {"override_reason": REASON}
    )

    assert returned.json()["status"] == "returned"
    assert returned.json()["return_reason"] == "Thiếu báo cáo thành tích"
    assert again.status_code == 200, again.content
    assert again.json()["status"] == "submitted"


def test_api_board_rejects_with_a_reason(world):
    proposal = _received(world)

    response = world.client("board").post(
        f"/proposals/{proposal.pk}/reject", {"reason": "Bị kỷ luật trong năm"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["status"] == "rejected"
    assert response.json()["next_statuses"] == []


def test_api_bulk_receive_and_return(world):
    first, second = _submitted(world), _submitted_other(world)
    board = world.client("board")

    received = board.post("/proposals/receive", {"ids": [first.pk, second.pk]})
    returned = board.post("/proposals/return", {"ids": [first.pk], "reason": "Thiếu tờ trình"})

    assert received.status_code == 200, received.content
    assert [r["status"] for r in received.json()] == ["received", "received"]
    assert [r["status"] for r in returned.json()] == ["returned"]
    assert _status(second) == "received"


def _submitted_other(w: World) -> Proposal:
    proposal = ProposalFactory(unit=w.member, award_type=TTLDTT, year=2023)
    proposal_submit(actor=_officer(w), proposal=proposal, override_reason=REASON)
    return proposal


def test_api_bulk_is_all_or_none(world):
    submitted, draft = _submitted(world), _draft_other(world)

    response = world.client("board").post("/proposals/receive", {"ids": [submitted.pk, draft.pk]})

    assert response.status_code == 409
    assert response.json()["code"] == "bad_transition"
    assert _status(submitted) == "submitted"


def _draft_other(w: World) -> Proposal:
    return ProposalFactory(unit=w.member, award_type=TTLDTT, year=2023)


def test_api_patch_and_delete_a_draft(world):
    proposal = _draft(world)
    officer = world.client("officer")

    patched = officer.patch(f"/proposals/{proposal.pk}", {"summary": "Hoàn thành xuất sắc"})
    deleted = officer.delete(f"/proposals/{proposal.pk}")

    assert patched.json()["summary"] == "Hoàn thành xuất sắc"
    assert deleted.status_code == 204
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_api_delete_a_submitted_proposal_is_refused(world):
    proposal = _submitted(world)

    response = world.client("officer").delete(f"/proposals/{proposal.pk}")

    assert response.status_code == 409
    assert response.json()["code"] == "not_deletable"


# ── The list and the inbox ────────────────────────────────────────────────────────────────────


def test_api_list_for_a_unit_officer_includes_drafts(world):
    draft, submitted = _draft(world), _submitted_other(world)

    body = world.client("officer").get("/proposals", {"unit_id": world.member.pk}).json()

    assert body["inbox"] is False
    assert {item["id"] for item in body["items"]} == {draft.pk, submitted.pk}
    assert body["counts"]["draft"] == 1
    assert body["counts"]["submitted"] == 1
    assert body["count"] == 2


def test_api_inbox_hides_drafts_and_filters_by_status(world):
    _draft(world)
    submitted = _submitted_other(world)
    board = world.client("board")

    everything = board.get("/proposals").json()
    received = board.get("/proposals", {"status": "received"}).json()

    assert [i["id"] for i in everything["items"]] == [submitted.pk]
    assert everything["counts"]["draft"] == 0
    assert received == {**received, "count": 0, "items": []}


def test_api_inbox_filters(world):
    submitted = _submitted_other(world)
    board = world.client("board")

    by_year = board.get("/proposals", {"year": 2022}).json()
    by_award = board.get("/proposals", {"award_type": TTLDTT}).json()
    overdue = board.get("/proposals", {"overdue": "true"}).json()
    by_bloc = board.get("/proposals", {"bloc_id": world.bloc.pk}).json()

    assert by_year["count"] == 0
    assert [i["id"] for i in by_award["items"]] == [submitted.pk]
    assert overdue["count"] == 0
    assert by_bloc["count"] == 0


def test_api_inbox_shows_overdue_proposals(world):
    proposal = _submitted(world)
    Proposal.objects.filter(pk=proposal.pk).update(due_at="2000-01-03")

    body = world.client("board").get("/proposals", {"overdue": "true"}).json()

    assert [i["id"] for i in body["items"]] == [proposal.pk]
    assert body["items"][0]["overdue"] is True
    assert body["overdue"] == 1


def test_api_list_of_the_other_province_is_empty(world):
    _submitted(world)

    body = world.client("other_board").get("/proposals").json()

    assert body["count"] == 0
    assert sum(body["counts"].values()) == 0


@pytest.mark.parametrize("n", [1, 3])
def test_api_proposal_list_queries_do_not_grow(world, django_assert_max_num_queries, n):
    for _ in range(n):
        ProposalFactory(
            unit=world.member,
            award_type=TTLDTT,
            year=2020 + _,
            status=ProposalStatus.SUBMITTED,
            season=world.season,
        )
    board = world.client("board")

    with django_assert_max_num_queries(6):
        body = board.get("/proposals").json()

    assert body["count"] == n


# ── Files ──────────────────────────────────────────────────────────────────────────────────────


def test_api_file_upload_list_download_delete(world):
    proposal = _draft(world)
    officer = world.client("officer")

    uploaded = _upload(officer, f"/proposals/{proposal.pk}/files", "to_trinh", _pdf("Tờ trình.pdf"))
    assert uploaded.status_code == 201, uploaded.content
    item = uploaded.json()
    listed = officer.get(f"/proposals/{proposal.pk}/files").json()
    download = world.client("viewer").client.get(
        item["url"], headers=world.client("viewer")._headers()
    )
    deleted = officer.delete(f"/files/{item['id']}")

    assert item["kind_name"]
    assert item["content_type"] == "application/pdf"
    assert [f["id"] for f in listed] == [item["id"]]
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert deleted.status_code == 204
    assert not DossierFile.objects.filter(pk=item["id"]).exists()


@pytest.mark.parametrize(
    ("kind", "upload", "code"),
    [
        ("to_trinh", SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary"), "file_type"),
        ("to_trinh", SimpleUploadedFile("a.docx", PDF_BYTES), "file_type"),
        ("to_trinh", SimpleUploadedFile("a.pdf", b""), "file_empty"),
        ("khong_co", SimpleUploadedFile("a.pdf", PDF_BYTES), "file_kind"),
    ],
)
def test_api_file_upload_refusals(world, kind, upload, code):
    proposal = _draft(world)

    response = _upload(world.client("officer"), f"/proposals/{proposal.pk}/files", kind, upload)

    assert response.status_code == 422, response.content
    assert response.json()["code"] == code


def test_api_file_upload_without_a_file_or_with_a_nul_kind(world):
    proposal = _draft(world)
    officer = world.client("officer")

    no_file = officer.client.post(
        BASE + f"/proposals/{proposal.pk}/files", {"kind": "to_trinh"}, headers=officer._headers()
    )
    nul = _upload(officer, f"/proposals/{proposal.pk}/files", "to\x00trinh", _pdf())

    assert no_file.status_code == 422
    assert nul.status_code == 422
    assert nul.json()["code"] == "validation_error"


def test_api_file_of_another_province_is_not_found(world):
    proposal = _draft(world)
    item = file_upload(actor=_officer(world), proposal=proposal, kind="to_trinh", upload=_pdf())
    other = world.client("other_board")

    assert other.client.get(BASE + f"/files/{item.pk}", headers=other._headers()).status_code == 404
    assert other.get(f"/proposals/{proposal.pk}/files").status_code == 404


def test_api_unit_cannot_upload_once_submitted(world):
    proposal = _submitted(world)

    response = _upload(world.client("officer"), f"/proposals/{proposal.pk}/files", "khac", _pdf())

    assert response.status_code == 409
    assert response.json()["code"] == "not_editable"


def test_api_board_attaches_its_papers_at_any_step(world):
    proposal = _received(world)

    response = _upload(world.client("board"), f"/proposals/{proposal.pk}/files", "khac", _pdf())

    assert response.status_code == 201, response.content
    assert response.json()["by_board"] is True


# ── Dossiers ───────────────────────────────────────────────────────────────────────────────────


def test_api_dossier_create_assign_submit(world):
    officer = world.client("officer")
    first, second = _draft(world), _draft_other(world)

    created = officer.post(
        "/dossiers",
        {
            "submitting_unit_id": world.member.pk,
            "year": 2023,
            "title": "Đề nghị khen thưởng năm 2023",
            "letter_number": "12",
            "letter_symbol": "TTr-STC",
            "letter_date": "2023-12-10",
            "proposal_ids": [first.pk],
        },
    )
    assert created.status_code == 201, created.content
    dossier = created.json()
    assigned = officer.post(f"/dossiers/{dossier['id']}/proposals", {"ids": [second.pk]})
    uploaded = _upload(officer, f"/dossiers/{dossier['id']}/files", "to_trinh", _pdf())
    submitted = officer.post(f"/dossiers/{dossier['id']}/submit", {"override_reason": REASON})

    assert dossier["reference"] == "12/TTr-STC"
    assert [p["id"] for p in dossier["proposals"]] == [first.pk]
    assert {p["id"] for p in assigned.json()["proposals"]} == {first.pk, second.pk}
    assert uploaded.status_code == 201, uploaded.content
    assert submitted.status_code == 200, submitted.content
    assert {p["status"] for p in submitted.json()["proposals"]} == {"submitted"}
    assert submitted.json()["submitted_at"] is not None
    assert [f["kind"] for f in submitted.json()["files"]] == ["to_trinh"]


def test_api_dossier_patch_unassign_delete(world):
    officer = world.client("officer")
    proposal = _draft(world)
    dossier = DossierFactory(submitting_unit=world.member, year=2023)
    proposal.dossier = dossier
    proposal.save()

    patched = officer.patch(f"/dossiers/{dossier.pk}", {"letter_number": "7", "simplified": False})
    unassigned = officer.delete(f"/dossiers/{dossier.pk}/proposals/{proposal.pk}")
    deleted = officer.delete(f"/dossiers/{dossier.pk}")

    assert patched.status_code == 200, patched.content
    assert patched.json()["letter_number"] == "7"
    assert unassigned.json()["proposals"] == []
    assert deleted.status_code == 204
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_api_dossier_unassign_a_proposal_of_another_dossier_is_not_found(world):
    proposal = _draft(world)
    dossier = DossierFactory(submitting_unit=world.member, year=2023)

    response = world.client("officer").delete(f"/dossiers/{dossier.pk}/proposals/{proposal.pk}")

    assert response.status_code == 404


def test_api_dossier_list_and_scope(world):
    DossierFactory(submitting_unit=world.member, year=2023)
    DossierFactory(submitting_unit=world.away_unit, year=2023)

    home = world.client("viewer").get("/dossiers").json()
    filtered = world.client("board").get("/dossiers", {"year": 2022}).json()

    assert home["count"] == 1
    assert home["items"][0]["submitting_unit"]["id"] == world.member.pk
    assert filtered["count"] == 0


@pytest.mark.parametrize("n", [1, 3])
def test_api_dossier_list_queries_do_not_grow(world, django_assert_max_num_queries, n):
    for _ in range(n):
        DossierFactory(submitting_unit=world.member, year=2023)
    board = world.client("board")

    with django_assert_max_num_queries(6):
        body = board.get("/dossiers").json()

    assert body["count"] == n


# ── Bad input ──────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "code"),
    [
        ("post", "/proposals", {"award_type": LDTT, "year": 2023}, 422, "validation_error"),
        (
            "post",
            "/proposals",
            {"unit_id": 1, "award_type": "X Y", "year": 2023},
            422,
            "validation_error",
        ),
        ("get", "/proposals/999999", None, 404, "not_found"),
        ("get", "/proposals/0", None, 422, "validation_error"),
        ("post", "/proposals/999999/receive", None, 404, "not_found"),
        ("post", "/proposals/receive", {"ids": []}, 422, "validation_error"),
        ("post", "/proposals/receive", {"ids": [999999]}, 404, "not_found"),
        ("post", "/proposals/return", {"ids": [1]}, 422, "validation_error"),
        ("get", "/dossiers/999999", None, 404, "not_found"),
        ("get", "/files/999999", None, 404, "not_found"),
        ("get", "/proposals", {"status": "nope"}, 422, "validation_error"),
    ],
)
def test_api_bad_input(world, method, path, body, status, code):
    board = world.client("board")

    response = board.get(path, body) if method == "get" else getattr(board, method)(path, body)

    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_api_wrong_state_is_a_bad_transition(world):
    proposal = _submitted(world)

    response = world.client("board").post(f"/proposals/{proposal.pk}/validate", {})

    assert response.status_code == 409
    assert response.json()["code"] == "bad_transition"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/proposals/{id}/submit", {"override_reason": "lý do\x00"}),
        ("/proposals/{id}/withdraw", {"reason": "\x00"}),
    ],
)
def test_api_nul_bytes_are_refused(world, path, body):
    proposal = _draft(world)

    response = world.client("officer").post(path.format(id=proposal.pk), body)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"
    assert _status(proposal) == "draft"


def test_api_nul_byte_in_a_summary_or_a_dossier_title(world):
    officer = world.client("officer")
    proposal = _draft(world)

    patched = officer.patch(f"/proposals/{proposal.pk}", {"summary": "a\x00b"})
    dossier = officer.post(
        "/dossiers", {"submitting_unit_id": world.member.pk, "year": 2023, "title": "\x00"}
    )

    assert patched.status_code == 422
    assert dossier.status_code == 422


def test_api_malformed_body_is_400(world):
    proposal = _draft(world)

    response = world.client("officer").post(f"/proposals/{proposal.pk}/submit", raw=b"[1]")

    assert response.status_code == 400
    assert response.json()["code"] == "malformed_body"


# ── Generated documents ────────────────────────────────────────────────────────────────────────


@pytest.fixture
def seed(db):
    from tests.factories.dossiers import seed_world

    seed = seed_world()
    client = ApiClient().login(seed.board)
    return seed, client, "&".join(f"ids={p.pk}" for p in seed.proposals)


def _get_raw(client: ApiClient, url: str):
    return client.client.get(url, headers=client._headers())


def test_api_documents_list_and_downloads(seed):
    seed, client, query = seed

    listed = _get_raw(client, f"{BASE}/proposals/documents?{query}&number=12")
    assert listed.status_code == 200, listed.content
    body = listed.json()
    kinds = [d["kind"] for d in body["items"]]
    pdf = _get_raw(client, body["items"][0]["pdf_url"])
    docx = _get_raw(client, body["items"][0]["docx_url"])

    assert "to-trinh" in kinds
    assert body["proposal_ids"] == [p.pk for p in seed.proposals]
    assert pdf.status_code == 200, pdf.content
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert docx["Content-Type"].endswith("wordprocessingml.document")
    assert zipfile.is_zipfile(io.BytesIO(docx.content))
    filename = docx["Content-Disposition"].split("filename=")[1].strip('"')
    assert filename == f"{kinds[0]}.docx"
    assert filename.isascii()


def test_api_documents_pack_is_a_zip(seed):
    seed, client, query = seed

    response = _get_raw(client, f"{BASE}/proposals/documents.zip?{query}")

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any(n.endswith(".pdf") for n in names)
    assert any(n.endswith(".docx") for n in names)
    assert response["Content-Disposition"].isascii()


@pytest.mark.parametrize(
    ("suffix", "status", "code"),
    [
        ("/proposals/documents/to-trinh.odt", 422, "document_format"),
        ("/proposals/documents/khong-co.pdf", 404, "document_kind"),
    ],
)
def test_api_document_refusals(seed, suffix, status, code):
    seed, client, query = seed

    response = _get_raw(client, f"{BASE}{suffix}?{query}")

    assert response.status_code == status, response.content
    assert response.json()["code"] == code


def test_api_documents_of_an_unknown_or_foreign_proposal_are_not_found(seed, world):
    seed, client, query = seed
    foreign = ApiClient().login(world.users["board"])

    unknown = _get_raw(client, f"{BASE}/proposals/documents?ids=999999")
    hidden = _get_raw(foreign, f"{BASE}/proposals/documents?{query}")
    missing = _get_raw(client, f"{BASE}/proposals/documents")

    assert unknown.status_code == 404
    assert hidden.status_code == 404
    assert missing.status_code == 422


def test_api_documents_of_a_proposal_without_season_are_refused(world):
    proposal = _draft(world)

    response = world.client("officer").get("/proposals/documents", {"ids": proposal.pk})

    assert response.status_code == 422
    assert response.json()["code"] == "pack_no_season"


# ── Every write, every role ────────────────────────────────────────────────────────────────────

UNIT = frozenset({"officer"})
BOARD = frozenset({"board"})


@dataclass(frozen=True)
class Case:
    method: str
    template: str
    setup: Callable[[World], Any]
    path: Callable[[World, Any], str]
    body: Callable[[World, Any], Any]
    allowed: frozenset[str]
    multipart: bool = False


def _nothing(w):
    return None


def _none(w, target):
    return None


def _p(template):
    return lambda w, proposal: template.format(id=proposal.pk)


def _dossier(w):
    dossier = DossierFactory(submitting_unit=w.member, year=2023)
    proposal = _draft(w)
    proposal.dossier = dossier
    proposal.save()
    return dossier


def _file(w):
    return file_upload(actor=_officer(w), proposal=_draft(w), kind="to_trinh", upload=_pdf())


WRITES: dict[str, Case] = {
    "proposal_post": Case(
        "post",
        "/proposals",
        _nothing,
        lambda w, _: "/proposals",
        lambda w, _: {"unit_id": w.member.pk, "award_type": TTLDTT, "year": 2023},
        UNIT,
    ),
    "proposal_patch": Case(
        "patch",
        "/proposals/{proposal_id}",
        _draft,
        _p("/proposals/{id}"),
        lambda w, p: {"summary": "Tóm tắt"},
        UNIT,
    ),
    "proposal_delete": Case(
        "delete", "/proposals/{proposal_id}", _draft, _p("/proposals/{id}"), _none, UNIT
    ),
    "proposal_submit": Case(
        "post",
        "/proposals/{proposal_id}/submit",
        _draft,
        _p("/proposals/{id}/submit"),
        lambda w, p: {"override_reason": REASON},
        UNIT,
    ),
    "proposal_withdraw": Case(
        "post",
        "/proposals/{proposal_id}/withdraw",
        _submitted,
        _p("/proposals/{id}/withdraw"),
        lambda w, p: {"reason": "Rút"},
        UNIT,
    ),
    "proposal_receive": Case(
        "post",
        "/proposals/{proposal_id}/receive",
        _submitted,
        _p("/proposals/{id}/receive"),
        _none,
        BOARD,
    ),
    "proposal_return": Case(
        "post",
        "/proposals/{proposal_id}/return",
        _received,
        _p("/proposals/{id}/return"),
        lambda w, p: {"reason": "Thiếu giấy tờ"},
        BOARD,
    ),
    "proposal_validate": Case(
        "post",
        "/proposals/{proposal_id}/validate",
        _received,
        _p("/proposals/{id}/validate"),
        lambda w, p: {},
        BOARD,
    ),
    "proposal_reject": Case(
        "post",
        "/proposals/{proposal_id}/reject",
        _received,
        _p("/proposals/{id}/reject"),
        lambda w, p: {"reason": "Không đủ điều kiện"},
        BOARD,
    ),
    "proposals_receive": Case(
        "post",
        "/proposals/receive",
        _submitted,
        lambda w, p: "/proposals/receive",
        lambda w, p: {"ids": [p.pk]},
        BOARD,
    ),
    "proposals_return": Case(
        "post",
        "/proposals/return",
        _submitted,
        lambda w, p: "/proposals/return",
        lambda w, p: {"ids": [p.pk], "reason": "Thiếu giấy tờ"},
        BOARD,
    ),
    "proposal_file_post": Case(
        "post",
        "/proposals/{proposal_id}/files",
        _draft,
        _p("/proposals/{id}/files"),
        lambda w, p: {"kind": "to_trinh", "file": _pdf()},
        UNIT | BOARD,
        multipart=True,
    ),
    "file_delete": Case(
        "delete", "/files/{file_id}", _file, lambda w, f: f"/files/{f.pk}", _none, UNIT
    ),
    "dossier_post": Case(
        "post",
        "/dossiers",
        _nothing,
        lambda w, _: "/dossiers",
        lambda w, _: {"submitting_unit_id": w.member.pk, "year": 2023},
        UNIT,
    ),
    "dossier_patch": Case(
        "patch",
        "/dossiers/{dossier_id}",
        _dossier,
        lambda w, d: f"/dossiers/{d.pk}",
        lambda w, d: {"title": "Hồ sơ năm 2023"},
        UNIT,
    ),
    "dossier_delete": Case(
        "delete", "/dossiers/{dossier_id}", _dossier, lambda w, d: f"/dossiers/{d.pk}", _none, UNIT
    ),
    "dossier_assign": Case(
        "post",
        "/dossiers/{dossier_id}/proposals",
        lambda w: (DossierFactory(submitting_unit=w.member, year=2023), _draft(w)),
        lambda w, t: f"/dossiers/{t[0].pk}/proposals",
        lambda w, t: {"ids": [t[1].pk]},
        UNIT,
    ),
    "dossier_unassign": Case(
        "delete",
        "/dossiers/{dossier_id}/proposals/{proposal_id}",
        _dossier,
        lambda w, d: f"/dossiers/{d.pk}/proposals/{d.proposals.get().pk}",
        _none,
        UNIT,
    ),
    "dossier_submit": Case(
        "post",
        "/dossiers/{dossier_id}/submit",
        _dossier,
        lambda w, d: f"/dossiers/{d.pk}/submit",
        lambda w, d: {"override_reason": REASON},
        UNIT,
    ),
    "dossier_file_post": Case(
        "post",
        "/dossiers/{dossier_id}/files",
        _dossier,
        lambda w, d: f"/dossiers/{d.pk}/files",
        lambda w, d: {"kind": "to_trinh", "file": _pdf()},
        UNIT | BOARD,
        multipart=True,
    ),
}


def _denied_status(role: str) -> int:
    if role == "anonymous":
        return 401
    if role == "other_board":
        return 404
    return 403


def base_permission_test(role: str, name: str) -> None:
    """Arrange the shared world, call the write as `role`, assert allowed or the denial code."""
    world = build_world()
    case = WRITES[name]
    target = case.setup(world)
    client = world.client(role)
    path, body = case.path(world, target), case.body(world, target)

    if case.multipart:
        response = client.client.post(BASE + path, body, headers=client._headers())
    else:
        response = getattr(client, case.method)(path, body)

    if role in case.allowed:
        assert 200 <= response.status_code < 300, response.content
    else:
        assert response.status_code == _denied_status(role), response.content
        # The board removes only its own papers (`not_own_file`), the unit only its own.
        assert response.json()["code"] in (
            "not_authenticated",
            "permission_denied",
            "not_found",
            "not_own_file",
        )


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_dossier_write_permission_matrix(db, media, role, name):
    base_permission_test(role, name)


def test_dossier_writes_are_all_in_the_matrix():
    writes = schema_writes("dossiers")

    assert {(c.method, c.template) for c in WRITES.values()} == COVERED_WRITES
    assert writes == COVERED_WRITES


@pytest.mark.parametrize("role", ["officer", "other_officer", "leader_officer", "viewer", "board"])
def test_api_readers_of_the_province_see_a_proposal(world, role):
    proposal = _draft(world)

    response = world.client(role).get(f"/proposals/{proposal.pk}")

    assert response.status_code == 200, response.content


@pytest.mark.parametrize(("role", "status"), [("other_board", 404), ("anonymous", 401)])
def test_api_others_do_not_see_a_proposal(world, role, status):
    proposal = _draft(world)

    response = world.client(role).get(f"/proposals/{proposal.pk}")

    assert response.status_code == status
