import io
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from thidua.accounts.models import User
from thidua.dossiers.models import Proposal
from thidua.org.demo import meetings
from thidua.org.demo.loader import demo_accounts
from thidua.org.models import Season
from thidua.voting.enums import Channel, MeetingStatus, PollKind, PollStatus
from thidua.voting.models import Ballot, Meeting, Poll, Voter
from thidua.voting.services import ballot_cast, poll_close

pytestmark = pytest.mark.integration

PARTY_BLOC = "Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy"
YB_BLOC = "Khối thi đua các cơ quan tổng hợp"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        # Up to the meetings: the award history stage has its own module (test_demo_awards).
        call_command("create_demo_data", "--once", "--stage", "meeting", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


def _season(bloc_name, year):
    return Season.objects.select_related("leader", "deputy").get(bloc__name=bloc_name, year=year)


def _meeting(bloc_name, year):
    return Meeting.objects.get(season__bloc__name=bloc_name, season__year=year)


def _proposals(season):
    return Counter(Proposal.objects.filter(season=season).values_list("award_type", flat=True))


def test_demo_meeting_of_seed_001_proposes_one_two_three(demo, db):
    season = _season(PARTY_BLOC, 2022)

    meeting = _meeting(PARTY_BLOC, 2022)

    assert _proposals(season) == {
        "co_thi_dua_chinh_phu": 1,
        "co_thi_dua_ubnd_tinh": 2,
        "bang_khen_chu_tich_ubnd_tinh": 3,
    }
    assert (meeting.held_on.isoformat(), meeting.chair_name) == ("2022-12-01", "Ngô Văn Liên")
    assert meeting.status == MeetingStatus.CLOSED
    assert meeting.is_illustrative is True


def test_demo_meeting_of_seed_001_elects_the_2023_leader(demo, db):
    poll = Poll.objects.get(meeting=_meeting(PARTY_BLOC, 2022), kind=PollKind.LEADER)

    assert _season(PARTY_BLOC, 2023).leader.name == "Đảng ủy Khối các Cơ quan và Doanh nghiệp tỉnh"
    assert poll.candidates.get(pk=poll.result["elected"][0]).unit.code == "nd-dukcqdn"


def test_demo_meeting_of_seed_001_overrides_the_flag_quota_with_a_reason(demo, db):
    poll = Poll.objects.get(
        meeting=_meeting(PARTY_BLOC, 2022), award_type="co_thi_dua_ubnd_tinh", kind="nomination"
    )

    assert poll.seats == 2
    assert [w["rule_id"] for w in poll.warnings] == ["BLK-09"]
    assert "seed 001" in poll.override_reason


def test_demo_meeting_of_seed_001_proposes_the_top_ranked_units(demo, db):
    season = _season(PARTY_BLOC, 2022)
    flags = Proposal.objects.filter(season=season, award_type="co_thi_dua_ubnd_tinh")
    government = Proposal.objects.get(season=season, award_type="co_thi_dua_chinh_phu")

    poll = Poll.objects.get(meeting=_meeting(PARTY_BLOC, 2022), award_type="co_thi_dua_ubnd_tinh")
    top_two = set(poll.candidates.order_by("rank").values_list("unit_id", flat=True)[:2])

    assert set(flags.values_list("unit_id", flat=True)) == top_two
    assert government.unit_id == season.leader_id
    assert government.unit_id in top_two


def test_demo_meeting_of_seed_003_proposes_one_one_two(demo, db):
    season = _season(YB_BLOC, 2021)

    assert _proposals(season) == {
        "co_thi_dua_chinh_phu": 1,
        "co_thi_dua_ubnd_tinh": 1,
        "bang_khen_chu_tich_ubnd_tinh": 2,
    }
    meeting = _meeting(YB_BLOC, 2021)
    assert (meeting.held_on.isoformat(), meeting.place) == (
        "2022-01-20",
        "Sở Kế hoạch và Đầu tư tỉnh Yên Bái",
    )


def test_demo_meeting_of_seed_003_elects_the_2022_leader_and_deputy(demo, db):
    season = _season(YB_BLOC, 2022)
    meeting = _meeting(YB_BLOC, 2021)

    assert (season.leader.name, season.deputy.name) == (
        "Sở Tài chính tỉnh Yên Bái",
        "Văn phòng UBND tỉnh Yên Bái",
    )
    assert set(meeting.polls.values_list("kind", flat=True)) == {"nomination", "leader", "deputy"}


def test_demo_meeting_of_seed_003_without_scores_proposes_the_leader_for_the_flags(demo, db):
    season = _season(YB_BLOC, 2021)
    poll = Poll.objects.filter(meeting=_meeting(YB_BLOC, 2021)).first()

    flags = Proposal.objects.filter(
        season=season, award_type__in=["co_thi_dua_chinh_phu", "co_thi_dua_ubnd_tinh"]
    )

    assert set(poll.candidates.values_list("total", flat=True)) <= {None, 0}
    assert set(flags.values_list("unit__code", flat=True)) == {"yb-skhdt"}


def test_demo_closed_meetings_count_online_and_paper_ballots(demo, db):
    for bloc_name, year in ((PARTY_BLOC, 2022), (YB_BLOC, 2021)):
        meeting = _meeting(bloc_name, year)
        members = meeting.season.memberships.count()
        for poll in meeting.polls.all():
            channels = Counter(Ballot.objects.filter(poll=poll).values_list("channel", flat=True))

            assert poll.status == PollStatus.CLOSED
            assert poll.result["cast"] == members
            assert channels[Channel.PAPER] == len(
                [p for p in meetings.PLANS if p.year == year][0].paper_units
            )
            assert poll.sheets.filter(status="agreed").count() == channels[Channel.PAPER]


def test_demo_open_meeting_of_2023_has_an_open_poll_with_a_few_ballots(demo, db):
    meeting = _meeting(PARTY_BLOC, 2023)

    poll = meeting.polls.get()

    assert meeting.status == MeetingStatus.IN_PROGRESS
    assert (poll.status, poll.award_type) == (PollStatus.OPEN, "co_thi_dua_ubnd_tinh")
    assert Voter.objects.filter(poll=poll, has_voted=True).count() == len(meetings.OPEN_VOTERS)
    assert Ballot.objects.filter(poll=poll).count() == len(meetings.OPEN_VOTERS)


def test_demo_open_poll_takes_the_visitors_votes_and_the_leader_closes_it(demo, db):
    poll = _meeting(PARTY_BLOC, 2023).polls.get()
    waiting = Voter.objects.filter(poll=poll, has_voted=False).values_list("unit__code", flat=True)
    leader = User.objects.get(username="nd-dukcqdn")
    first = poll.candidates.order_by("order").first()

    for username in list(waiting):
        ballot_cast(actor=User.objects.get(username=username), poll=poll, choices=[first.pk])
    closed = poll_close(actor=leader, poll=poll)

    assert closed.status == PollStatus.CLOSED
    assert closed.result["cast"] == poll.meeting.season.memberships.count()
    assert closed.result["elected"] == [first.pk]
    assert first.unit.code == "nd-dukcqdn"


def test_demo_meetings_keyer_accounts_are_listed(demo, db):
    listed = [row[0] for row in demo_accounts()[:6]]

    assert {"kiemphieu1", "kiemphieu2"} <= set(listed)
    assert User.objects.get(username="kiemphieu1").role == "viewer"


def test_demo_meetings_once_is_idempotent(demo, db):
    before = (Meeting.objects.count(), Poll.objects.count(), Ballot.objects.count())

    call_command("create_demo_data", "--once", stdout=io.StringIO())

    assert (Meeting.objects.count(), Poll.objects.count(), Ballot.objects.count()) == before
    assert before[0] == 3
