import io
import re
import zipfile
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from thidua.accounts.models import User
from thidua.awards.models import AwardRecord, RecordSource
from thidua.decisions.models import CouncilMember, CouncilSession, Decision, DecisionLine
from thidua.dossiers.models import Dossier, Proposal, ProposalStatus
from thidua.dossiers.selectors.proposals import is_overdue, proposal_inbox
from thidua.org.demo import data, dossiers, meetings
from thidua.org.models import Unit

pytestmark = pytest.mark.integration

CO_CP, CO_TINH, BANG_KHEN = meetings.CO_CP, meetings.CO_TINH, meetings.BANG_KHEN


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("create_demo_data", "--once", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def admin(demo, db):
    return User.objects.get(username=data.BOARD_ADMIN[0])


def _proposals(key):
    bloc, year = key
    rows = Proposal.objects.filter(
        season__bloc__name=bloc, season__year=year, source_poll__isnull=False
    )
    return list(rows.select_related("unit", "dossier").order_by("award_type", "unit__code"))


def test_demo_seed_001_proposals_are_decided_one_two_three(demo, db):
    rows = _proposals(dossiers.SEED_001)

    assert {p.status for p in rows} == {ProposalStatus.DECIDED}
    assert Counter(p.award_type for p in rows) == {CO_CP: 1, CO_TINH: 2, BANG_KHEN: 3}


def test_demo_seed_001_each_proposal_has_one_registry_line_from_its_decision(demo, db):
    for proposal in _proposals(dossiers.SEED_001):
        line = DecisionLine.objects.select_related("decision", "award_record").get(
            proposal=proposal
        )
        records = AwardRecord.objects.filter(
            unit=proposal.unit, award_type=proposal.award_type, year=proposal.year
        )

        assert list(records) == [line.award_record]
        record, decision = line.award_record, line.decision
        assert (record.decision_number, record.decision_date) == (decision.number, decision.date)
        assert (record.issuer, record.source) == (decision.authority, RecordSource.DECIDED)


def test_demo_seed_001_decisions_split_by_authority(demo, db):
    decisions = {d.authority: d for d in Decision.objects.prefetch_related("lines__proposal").all()}

    assert set(decisions) == {"Chủ tịch UBND tỉnh Nam Định", "Thủ tướng Chính phủ"}
    provincial, government = (
        decisions["Chủ tịch UBND tỉnh Nam Định"],
        decisions["Thủ tướng Chính phủ"],
    )
    assert Counter(x.proposal.award_type for x in provincial.lines.all()) == {
        CO_TINH: 2,
        BANG_KHEN: 3,
    }
    assert [x.proposal.award_type for x in government.lines.all()] == [CO_CP]
    assert provincial.number.endswith("/QĐ-UBND") and government.number.endswith("/QĐ-TTg")
    assert provincial.date.year == government.date.year == 2023
    assert "seed 001" in provincial.note and "minh hoạ" in provincial.note


def test_demo_seed_001_council_session_has_fifteen_members_all_present(demo, db):
    session = CouncilSession.objects.select_related("council").get()
    items = {i.proposal.award_type: i for i in session.items.select_related("proposal")}

    assert session.status == "closed"
    assert (session.members_total, session.present_count, session.present.count()) == (15, 15, 15)
    assert CouncilMember.objects.filter(council=session.council).count() == 15
    assert {m.role for m in session.council.members.all()} >= {"chair", "secretary"}
    assert session.date.isoformat() == "2023-01-06"
    assert {i.outcome for i in session.items.all()} == {"approved"}
    assert (items[CO_TINH].rule_id, items[CO_TINH].required) == ("VOT-03", 12)
    assert (items[CO_CP].rule_id, items[CO_CP].required) == ("VOT-03", 12)
    assert items[BANG_KHEN].rule_id == "VOT-06"
    assert all(i.approvals >= i.required and i.members_total == 15 for i in session.items.all())


def test_demo_seed_001_dossier_of_the_leader_keeps_the_override_reason(demo, db):
    rows = _proposals(dossiers.SEED_001)
    dossier = rows[0].dossier
    flags = [p for p in rows if p.award_type == CO_TINH]

    assert {p.dossier_id for p in rows} == {dossier.pk}
    assert (dossier.letter_number, dossier.reference) == ("25", "25/TTr-KTĐ")
    assert dossier.submitting_unit.code == "nd-btg"
    assert dossier.submitted_at is not None
    assert {p.override_reason for p in flags} == {meetings.PLANS[0].override_reason}
    assert all(p.eligibility.get("status") for p in rows)
    steps = [e.to_status for e in rows[0].events.order_by("at", "pk")]
    assert steps == ["submitted", "received", "valid", "approved", "decided"]


def test_demo_seed_003_proposals_are_in_the_inbox_one_overdue(demo, db, admin):
    rows = _proposals(dossiers.SEED_003)
    bloc = rows[0].season.bloc

    inbox = proposal_inbox(user=admin, bloc=bloc)

    assert Counter(p.status for p in rows) == {"received": 2, "submitted": 1, "returned": 1}
    assert {p.pk for p in inbox.page} == {p.pk for p in rows if p.status != "returned"}
    assert inbox.overdue == 1
    late = [p for p in rows if is_overdue(p)]
    assert [(p.award_type, p.status) for p in late] == [(BANG_KHEN, "submitted")]
    assert all(p.due_at is not None for p in rows if p.status == "received")
    returned = next(p for p in rows if p.status == "returned")
    assert returned.return_reason == dossiers.RETURN_REASON
    assert Dossier.objects.get(pk=rows[0].dossier_id).reference == "07/TTr-KTĐTH"


def test_demo_seed_003_outcomes_not_yet_in_the_registry(demo, db):
    for proposal in _proposals(dossiers.SEED_003):
        assert not AwardRecord.objects.filter(
            unit=proposal.unit, award_type=proposal.award_type, year=proposal.year
        ).exists()


def test_demo_pages_of_the_workflow_and_eligibility_load(demo, db, admin, client):
    client.force_login(admin)
    decided = _proposals(dossiers.SEED_001)[0]
    unit = Unit.objects.get(code="nd-btg")
    urls = [
        reverse("awards:eligibility"),
        reverse("awards:next_year"),
        reverse("awards:unit_eligibility", args=[unit.pk]),
        reverse("dossiers:inbox"),
        reverse("dossiers:proposal_detail", args=[decided.pk]),
        reverse("decisions:decision_list"),
        reverse("decisions:decision_detail", args=[Decision.objects.first().pk]),
        reverse("decisions:session_detail", args=[CouncilSession.objects.get().pk]),
    ]

    for url in urls:
        assert client.get(url).status_code == 200, url


def test_demo_seed_001_submission_letter_downloads_in_vietnamese(demo, db, admin, client):
    client.force_login(admin)
    proposal = _proposals(dossiers.SEED_001)[0]

    answer = client.get(
        reverse("dossiers:proposal_document", args=[proposal.pk, "to-trinh", "docx"])
    )

    assert answer.status_code == 200
    with zipfile.ZipFile(io.BytesIO(answer.content)) as docx:
        text = re.sub(r"<[^>]+>", "", docx.read("word/document.xml").decode())
    assert "TỜ TRÌNH" in text and "25/TTr-KTĐ" in text  # the dossier's own letter
    assert "91/2017/NĐ-CP" in text  # the decree in force on 08/12/2022
    assert "Bằng khen của Chủ tịch UBND tỉnh" in text and "Ban Tuyên giáo Tỉnh ủy" in text
    assert "Ngô Văn Liên" in text  # the 2022 bloc leader (seed 001) signs


def test_demo_dossiers_once_adds_nothing(demo, db):
    before = (Decision.objects.count(), AwardRecord.objects.count(), Dossier.objects.count())

    call_command("create_demo_data", "--once", stdout=io.StringIO())

    assert (
        Decision.objects.count(),
        AwardRecord.objects.count(),
        Dossier.objects.count(),
    ) == before
    assert before[0] == 2
