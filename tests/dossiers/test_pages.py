"""The unit side's pages of proposals and dossiers: who sees and may change what (board, the
unit's officer, another unit's officer, viewer, another province), each form's happy path and
a refused input (a Vietnamese error, nothing changed), files, generated documents, and query
counts of the unit's list that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.dossiers.conftest import LDTT, LDTT_DOCUMENTS
from tests.factories import PersonFactory
from tests.factories.dossiers import ProposalFactory, pdf_upload
from thidua.awards.models import AnnualAssessment
from thidua.dossiers.models import Dossier, DossierFile, Proposal, ProposalEvent, ProposalStatus
from thidua.dossiers.services.board import proposals_receive
from thidua.dossiers.services.dossiers import dossier_create
from thidua.dossiers.services.files import file_upload
from thidua.dossiers.services.proposals import proposals_create_for_staff
from thidua.dossiers.services.submission import proposal_submit
from thidua.scoring.models import Scorecard

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

S = ProposalStatus


def staff_proposal(world, *, person=None, complete=False, disciplined=False):
    person = person or world.staff[0]
    AnnualAssessment.objects.get_or_create(
        person=person, year=2025, defaults={"rating": "htt", "disciplined": disciplined}
    )
    (proposal,) = proposals_create_for_staff(
        actor=world.officer, unit=world.unit, people=[person], award_type=LDTT, year=2025
    )
    if complete:
        for kind in LDTT_DOCUMENTS:
            file_upload(actor=world.officer, proposal=proposal, kind=kind, upload=pdf_upload())
    return proposal


def who(world, name):
    return {
        "board": world.board,
        "officer": world.officer,
        "other_officer": world.other_officer,
        "viewer": world.viewer,
        "foreign_board": world.foreign_board,
        "foreign_officer": world.foreign_officer,
    }[name]


@pytest.fixture
def scene(world):
    """A draft with a file and a dossier of the officer's unit."""
    proposal = staff_proposal(world)
    item = file_upload(actor=world.officer, proposal=proposal, kind="to_trinh", upload=pdf_upload())
    dossier = dossier_create(
        actor=world.officer, submitting_unit=world.unit, year=2025, title="Hồ sơ LĐTT"
    )
    return {"proposal": proposal, "file": item, "dossier": dossier}


def read_urls(world, scene):
    return [
        reverse("dossiers:unit_proposals", args=[world.unit.pk]),
        reverse("dossiers:proposal_detail", args=[scene["proposal"].pk]),
        reverse("dossiers:file_download", args=[scene["file"].pk]),
        reverse("dossiers:dossier_detail", args=[scene["dossier"].pk]),
    ]


def write_urls(world):
    return [
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        reverse("dossiers:dossier_create", args=[world.unit.pk]),
    ]


def post_urls(world, scene):
    p, d = scene["proposal"].pk, scene["dossier"].pk
    return [
        reverse("dossiers:proposal_update", args=[p]),
        reverse("dossiers:proposal_delete", args=[p]),
        reverse("dossiers:proposal_submit", args=[p]),
        reverse("dossiers:proposal_withdraw", args=[p]),
        reverse("dossiers:file_remove", args=[scene["file"].pk]),
        reverse("dossiers:dossier_update", args=[d]),
        reverse("dossiers:dossier_assign", args=[d]),
        reverse("dossiers:dossier_submit", args=[d]),
        reverse("dossiers:dossier_delete", args=[d]),
    ]


@pytest.mark.parametrize(
    ("name", "read", "write"),
    [
        ("officer", 200, 200),
        ("board", 200, 403),
        ("viewer", 200, 403),
        ("other_officer", 200, 403),
        ("foreign_board", 404, 404),
        ("foreign_officer", 404, 404),
    ],
)
def test_every_page_by_role(client, world, scene, name, read, write):
    client.force_login(who(world, name))
    for url in read_urls(world, scene):
        assert (url, client.get(url).status_code) == (url, read)
    for url in write_urls(world):
        assert (url, client.get(url).status_code) == (url, write)
    if write != 200:
        for url in [*write_urls(world), *post_urls(world, scene)]:
            assert (url, client.post(url, {}).status_code) == (url, write)
        proposal = Proposal.objects.get(pk=scene["proposal"].pk)
        assert proposal.status == S.DRAFT
        assert DossierFile.objects.filter(pk=scene["file"].pk).exists()
        assert Dossier.objects.filter(pk=scene["dossier"].pk).exists()
    # The board attaches its own papers at any step; the others may not.
    upload = reverse("dossiers:proposal_file_upload", args=[scene["proposal"].pk])
    expected = 200 if name in ("officer", "board") else write
    assert client.post(upload, {}).status_code == expected


def test_anonymous_is_sent_to_sign_in(client, world, scene):
    for url in read_urls(world, scene):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))


def test_home_sends_each_user_to_their_page(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("dossiers:home")).url == reverse(
        "dossiers:unit_proposals", args=[world.unit.pk]
    )
    client.force_login(world.board)
    assert client.get(reverse("dossiers:home")).url == reverse("dossiers:inbox")
    client.force_login(world.viewer)
    response = client.get(reverse("dossiers:home"))
    assert response.status_code == 200 and world.unit.name in response.content.decode()


def test_nav_shows_each_role_its_entry(client, world):
    client.force_login(world.officer)
    text = client.get(reverse("dossiers:unit_proposals", args=[world.unit.pk])).content.decode()
    assert "Đề nghị khen thưởng" in text and reverse("dossiers:inbox") not in text
    client.force_login(world.board)
    text = client.get(reverse("dossiers:inbox")).content.decode()
    assert "Hồ sơ đề nghị" in text and reverse("dossiers:inbox") in text


def test_unit_list_shows_statuses_and_marks_overdue(client, world, scene):
    late = staff_proposal(world, person=world.staff[1], complete=True)
    proposal_submit(actor=world.officer, proposal=late)
    Proposal.objects.filter(pk=late.pk).update(due_at="2020-01-02")
    client.force_login(world.officer)
    text = client.get(reverse("dossiers:unit_proposals", args=[world.unit.pk])).content.decode()
    assert "Dự thảo" in text and "Đã trình" in text
    assert text.count("Quá hạn") == 1 and "02/01/2020" in text
    assert 'class="row--outlier"' in text


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_unit_list_queries_do_not_grow(client, world):
    """1 row and 10 rows (people's proposals, in a dossier, with due dates) cost the same."""
    dossier = dossier_create(actor=world.officer, submitting_unit=world.unit, year=2025)

    def add(n):
        for _ in range(n):
            ProposalFactory(
                unit=None,
                person=PersonFactory(unit=world.unit),
                award_type=LDTT,
                dossier=dossier,
                due_at="2020-01-01",
            )

    client.force_login(world.officer)
    url = reverse("dossiers:unit_proposals", args=[world.unit.pk])
    add(1)
    client.get(url)  # warm the session and the rulebook
    one = count_queries(client, url)
    add(9)
    ten = count_queries(client, url)
    assert (one, ten) == (one, one)
    assert one <= 10


# Creating proposals ---------------------------------------------------------------------------


def test_create_for_staff_makes_one_draft_per_person(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        {
            "doi_tuong": "ca-nhan",
            "cn-people": [world.staff[0].pk, world.staff[1].pk],
            "cn-award_type": LDTT,
            "cn-year": "2025",
            "cn-summary": "Hoàn thành tốt nhiệm vụ.",
        },
    )
    assert response.status_code == 302
    made = Proposal.objects.filter(person__in=world.staff[:2], award_type=LDTT, year=2025)
    assert made.count() == 2 and {p.status for p in made} == {S.DRAFT}


def test_create_for_the_unit(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        {"doi_tuong": "tap-the", "tt-award_type": "tap_the_lao_dong_tien_tien", "tt-year": "2025"},
    )
    proposal = Proposal.objects.get(unit=world.unit, person__isnull=True)
    assert response.url == reverse("dossiers:proposal_detail", args=[proposal.pk])


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"doi_tuong": "ca-nhan", "cn-award_type": LDTT, "cn-year": "2025"},
            "Chọn ít nhất một người.",
        ),
        (
            {
                "doi_tuong": "ca-nhan",
                "cn-people": ["999999"],
                "cn-award_type": LDTT,
                "cn-year": "2025",
            },
            "Chỉ đề nghị được cho người của đơn vị mình.",
        ),
        (
            {
                "doi_tuong": "tap-the",
                "tt-award_type": "tap_the_lao_dong_tien_tien",
                "tt-year": "năm",
            },
            "Năm phải là số",
        ),
        (
            {"doi_tuong": "tap-the", "tt-award_type": "khong_co", "tt-year": "2025"},
            "Hình thức khen thưởng không hợp lệ.",
        ),
        (
            {
                "doi_tuong": "tap-the",
                "tt-award_type": "tap_the_lao_dong_tien_tien",
                "tt-year": "2025",
                "tt-summary": "a\x00b",
            },
            "ký tự rỗng",
        ),
    ],
)
def test_create_refuses_bad_input(client, world, data, error):
    client.force_login(world.officer)
    response = client.post(reverse("dossiers:proposal_create", args=[world.unit.pk]), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Proposal.objects.count() == 0


def test_create_refuses_a_duplicate_with_the_service_message(client, world):
    staff_proposal(world)
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        {
            "doi_tuong": "ca-nhan",
            "cn-people": [world.staff[0].pk],
            "cn-award_type": LDTT,
            "cn-year": "2025",
        },
    )
    assert "đang xử lý" in response.content.decode()
    assert Proposal.objects.count() == 1


def test_create_refuses_another_units_person(client, world):
    stranger = PersonFactory(unit=world.other_unit)
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        {
            "doi_tuong": "ca-nhan",
            "cn-people": [stranger.pk],
            "cn-award_type": LDTT,
            "cn-year": "2025",
        },
    )
    assert "Chỉ đề nghị được cho người của đơn vị mình." in response.content.decode()
    assert Proposal.objects.count() == 0


# The proposal's page --------------------------------------------------------------------------


def test_proposal_page_shows_checklist_with_rules(client, world, scene):
    client.force_login(world.officer)
    text = client.get(
        reverse("dossiers:proposal_detail", args=[scene["proposal"].pk])
    ).content.decode()
    assert "DOS-01" in text and "Còn thiếu" in text and "Đã có" in text
    assert "Trình kèm lý do" in text  # two documents missing: an override is needed
    assert "Lưu tóm tắt" in text


def test_summary_edit_and_refusal(client, world, scene):
    proposal = scene["proposal"]
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_update", args=[proposal.pk])
    assert client.post(url, {"summary": "Thành tích mới"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.summary == "Thành tích mới"
    response = client.post(url, {"summary": "x\x00"})
    assert response.status_code == 200 and "ký tự rỗng" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.summary == "Thành tích mới"


def test_summary_of_a_submitted_proposal_is_refused(client, world):
    proposal = staff_proposal(world, complete=True)
    proposal_submit(actor=world.officer, proposal=proposal)
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_update", args=[proposal.pk])
    response = client.post(url, {"summary": "x"}, follow=True)
    assert "đơn vị không sửa được" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.summary == ""


def test_file_upload_download_remove(client, world, scene):
    proposal = scene["proposal"]
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_file_upload", args=[proposal.pk])
    response = client.post(url, {"kind": "bao_cao_thanh_tich", "file": pdf_upload("bc.pdf")})
    assert response.status_code == 302
    item = DossierFile.objects.get(proposal=proposal, kind="bao_cao_thanh_tich")
    download = client.get(reverse("dossiers:file_download", args=[item.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert download["Content-Type"] == "application/pdf"
    assert 'filename="bc.pdf"' in download["Content-Disposition"]
    assert client.post(reverse("dossiers:file_remove", args=[item.pk])).status_code == 302
    assert not DossierFile.objects.filter(pk=item.pk).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"kind": "bao_cao_thanh_tich"}, "Chọn tệp để tải lên."),
        ({"kind": "khong_co", "file": "pdf"}, "Loại giấy tờ không hợp lệ."),
        ({"kind": "bao_cao_thanh_tich", "file": "exe"}, "Tệp hồ sơ phải là PDF"),
    ],
)
def test_file_upload_refusals(client, world, scene, data, error):
    from django.core.files.uploadedfile import SimpleUploadedFile

    if data.get("file") == "pdf":
        data["file"] = pdf_upload()
    elif data.get("file") == "exe":
        data["file"] = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary")
    client.force_login(world.officer)
    before = DossierFile.objects.count()
    response = client.post(
        reverse("dossiers:proposal_file_upload", args=[scene["proposal"].pk]), data
    )
    assert response.status_code == 200 and error in response.content.decode()
    assert DossierFile.objects.count() == before


def test_submit_needs_an_override_reason_when_documents_are_missing(client, world, scene):
    proposal = scene["proposal"]
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_submit", args=[proposal.pk])
    response = client.post(url, {"override_reason": ""})
    text = response.content.decode()
    assert response.status_code == 200 and "ghi rõ lý do" in text and "Thiếu" in text
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT
    assert client.post(url, {"override_reason": "Báo cáo gửi bản giấy."}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED and proposal.override_reason == "Báo cáo gửi bản giấy."


def test_submit_without_override_when_complete(client, world):
    proposal = staff_proposal(world, complete=True)
    client.force_login(world.officer)
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Trình kèm lý do" not in text and "Trình Ban Thi đua – Khen thưởng" in text
    assert (
        client.post(reverse("dossiers:proposal_submit", args=[proposal.pk]), {}).status_code == 302
    )
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED and proposal.override_reason == ""


def test_withdraw_needs_a_reason(client, world, scene):
    proposal = scene["proposal"]
    client.force_login(world.officer)
    url = reverse("dossiers:proposal_withdraw", args=[proposal.pk])
    response = client.post(url, {"rut-reason": "  "})
    assert response.status_code == 200 and "Ghi lý do." in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT
    assert client.post(url, {"rut-reason": "Nhầm đối tượng"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.WITHDRAWN
    assert ProposalEvent.objects.get(proposal=proposal).note == "Nhầm đối tượng"


def test_delete_a_draft(client, world):
    proposal = staff_proposal(world)
    client.force_login(world.officer)
    response = client.post(reverse("dossiers:proposal_delete", args=[proposal.pk]))
    assert response.url == reverse("dossiers:unit_proposals", args=[world.unit.pk])
    assert not Proposal.objects.filter(pk=proposal.pk).exists()


def test_delete_of_a_submitted_proposal_is_refused(client, world):
    proposal = staff_proposal(world, complete=True)
    proposal_submit(actor=world.officer, proposal=proposal)
    client.force_login(world.officer)
    client.post(reverse("dossiers:proposal_delete", args=[proposal.pk]))
    assert Proposal.objects.filter(pk=proposal.pk).exists()


def test_the_unit_cannot_remove_the_boards_file(client, world):
    proposal = staff_proposal(world, complete=True)
    proposal_submit(actor=world.officer, proposal=proposal)
    proposals_receive(actor=world.board, proposals=[proposal])
    item = file_upload(actor=world.board, proposal=proposal, kind="khac", upload=pdf_upload())
    client.force_login(world.officer)
    assert client.post(reverse("dossiers:file_remove", args=[item.pk])).status_code == 403
    assert DossierFile.objects.filter(pk=item.pk).exists()


# Dossiers -------------------------------------------------------------------------------------


def test_dossier_create_assign_and_submit(client, world):
    first = staff_proposal(world, complete=True)
    second = staff_proposal(world, person=world.staff[1], complete=True)
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:dossier_create", args=[world.unit.pk]),
        {
            "title": "Đề nghị LĐTT 2025",
            "year": "2025",
            "letter_number": "12",
            "letter_symbol": "TTr-ĐV",
            "letter_date": "2025-12-10",
            "proposals": [first.pk],
        },
    )
    dossier = Dossier.objects.get()
    assert response.url == reverse("dossiers:dossier_detail", args=[dossier.pk])
    assert dossier.reference == "12/TTr-ĐV" and list(dossier.proposals.all()) == [first]
    client.post(reverse("dossiers:dossier_assign", args=[dossier.pk]), {"proposals": [second.pk]})
    assert set(dossier.proposals.all()) == {first, second}
    text = client.get(reverse("dossiers:dossier_detail", args=[dossier.pk])).content.decode()
    assert "Trình cả hồ sơ" in text
    assert client.post(reverse("dossiers:dossier_submit", args=[dossier.pk]), {}).status_code == 302
    assert set(Proposal.objects.values_list("status", flat=True)) == {S.SUBMITTED}
    dossier.refresh_from_db()
    assert dossier.submitted_at is not None


def test_dossier_create_refuses_a_bad_letter(client, world):
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:dossier_create", args=[world.unit.pk]),
        {"year": "2025", "letter_number": "12/TTr"},
    )
    assert response.status_code == 200 and "Số và ký hiệu ghi riêng" in response.content.decode()
    assert Dossier.objects.count() == 0


def test_dossier_submit_needs_a_reason_when_a_proposal_fails(client, world, scene):
    dossier = scene["dossier"]
    proposal = scene["proposal"]
    client.force_login(world.officer)
    client.post(reverse("dossiers:dossier_assign", args=[dossier.pk]), {"proposals": [proposal.pk]})
    url = reverse("dossiers:dossier_submit", args=[dossier.pk])
    response = client.post(url, {})
    assert response.status_code == 200 and "ghi rõ lý do" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == S.DRAFT
    assert client.post(url, {"override_reason": "Bổ sung sau"}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == S.SUBMITTED


def test_dossier_update_unassign_delete(client, world, scene):
    dossier, proposal = scene["dossier"], scene["proposal"]
    client.force_login(world.officer)
    client.post(reverse("dossiers:dossier_assign", args=[dossier.pk]), {"proposals": [proposal.pk]})
    client.post(
        reverse("dossiers:dossier_update", args=[dossier.pk]),
        {"title": "Mới", "year": "2025", "letter_number": "3", "letter_symbol": "TTr-X"},
    )
    dossier.refresh_from_db()
    assert (dossier.title, dossier.reference) == ("Mới", "3/TTr-X")
    client.post(reverse("dossiers:dossier_unassign", args=[dossier.pk, proposal.pk]))
    proposal.refresh_from_db()
    assert proposal.dossier_id is None
    client.post(reverse("dossiers:dossier_delete", args=[dossier.pk]))
    assert not Dossier.objects.filter(pk=dossier.pk).exists()


def test_dossier_file_upload(client, world, scene):
    dossier = scene["dossier"]
    client.force_login(world.officer)
    response = client.post(
        reverse("dossiers:dossier_file_upload", args=[dossier.pk]),
        {"kind": "to_trinh", "file": pdf_upload("tt.pdf")},
    )
    assert response.status_code == 302
    item = DossierFile.objects.get(dossier=dossier)
    assert client.get(reverse("dossiers:file_download", args=[item.pk])).status_code == 200


def test_proposal_page_shows_the_scorecard_behind_it(client, world):
    card = Scorecard.objects.create(season=world.season, unit=world.unit)
    client.force_login(world.officer)
    client.post(
        reverse("dossiers:proposal_create", args=[world.unit.pk]),
        {"doi_tuong": "tap-the", "tt-award_type": "tap_the_lao_dong_tien_tien", "tt-year": "2025"},
    )
    proposal = Proposal.objects.get(unit=world.unit)
    assert proposal.scorecard_id == card.pk
    text = client.get(reverse("dossiers:proposal_detail", args=[proposal.pk])).content.decode()
    assert "Tự chấm 0 điểm; thống nhất 0 điểm." in text
    assert reverse("scoring:scorecard_detail", args=[card.pk]) in text
    assert "Không theo bỏ phiếu của khối" in text
