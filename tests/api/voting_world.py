"""One setup shared by the voting API tests: a bloc meeting ready to vote, seen by every role.

Built on `tests.factories.voting.meeting_world` (5 member units with an officer each, the board,
two counting-committee keyers, a meeting with everyone present), plus a viewer of the province,
an officer of another province and helpers that bring a poll to a given state through the
services (test setup; the behaviour under test goes through the API).
"""

from dataclasses import dataclass

from tests.api.conftest import ApiClient
from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.voting import MeetingWorld, meeting_world
from thidua.accounts.enums import Role
from thidua.voting import services
from thidua.voting.models import Poll

CO_CP = "co_thi_dua_chinh_phu"
CO_TINH = "co_thi_dua_ubnd_tinh"
BANG_KHEN = "bang_khen_chu_tich_ubnd_tinh"

ROLES = (
    "board",
    "foreign_board",
    "leader_officer",
    "member_officer",
    "outsider",
    "foreign_officer",
    "keyer",
    "viewer",
    "anonymous",
)
# Roles that see the meeting (its province); the others are anonymous (401) or abroad (404).
READERS = frozenset({"board", "leader_officer", "member_officer", "outsider", "keyer", "viewer"})


class VotingApi(ApiClient):
    def put(self, path, data=None, **kw):
        return self.request("put", path, data, **kw)


@dataclass
class VotingWorld:
    w: MeetingWorld
    users: dict

    def __getattr__(self, name):
        return getattr(self.w, name)

    def client(self, role: str) -> VotingApi:
        user = self.users[role]
        return VotingApi() if user is None else VotingApi().login(user)

    def api(self, user) -> VotingApi:
        return VotingApi().login(user)


def voting_world(n: int = 5, **kwargs) -> VotingWorld:
    w = meeting_world(n, **kwargs)
    away = ProvinceFactory()
    away_season = SeasonFactory(bloc=BlocFactory(province=away), year=w.season.year)
    away_unit = UnitFactory(province=away)
    SeasonMembershipFactory(season=away_season, unit=away_unit)
    users = {
        "board": w.board,
        "foreign_board": w.foreign_board,
        "leader_officer": w.leader_officer,
        "member_officer": w.officer(2),
        "outsider": w.outsider,
        "foreign_officer": UserFactory(role=Role.UNIT_OFFICER, unit=away_unit, province=away),
        "keyer": w.keyers[0],
        "viewer": UserFactory(role=Role.VIEWER, province=w.province),
        "anonymous": None,
    }
    return VotingWorld(w=w, users=users)


def candidate_ids(poll: Poll, *indexes: int) -> list[int]:
    candidates = list(poll.candidates.order_by("order"))
    return [candidates[i].pk for i in indexes]


def draft_poll(vw: VotingWorld, kind: str = "leader", **kwargs) -> Poll:
    return services.poll_create(actor=vw.board, meeting=vw.meeting, kind=kind, **kwargs)


def open_poll(vw: VotingWorld, kind: str = "leader", **kwargs) -> Poll:
    return services.poll_open(actor=vw.board, poll=draft_poll(vw, kind, **kwargs))


def closed_poll(vw: VotingWorld) -> Poll:
    """A leader election won by the third unit with every ballot."""
    poll = open_poll(vw)
    (choice,) = candidate_ids(poll, 2)
    for i in range(len(vw.units)):
        services.ballot_cast(actor=vw.officer(i), poll=poll, choices=[choice])
    return services.poll_close(actor=vw.board, poll=poll)


def tied_poll(vw: VotingWorld) -> Poll:
    """Two certificates of merit: a 4 votes, b and c 3 each, all past 3 of 5 → b, c tied."""
    poll = open_poll(vw, "nomination", award_type=BANG_KHEN, seats=2)
    a, b, c = candidate_ids(poll, 0, 1, 2)
    for i, choice in enumerate([[a, b], [a, c], [a, b], [a, c], [b, c]]):
        services.ballot_cast(actor=vw.officer(i), poll=poll, choices=choice)
    return services.poll_close(actor=vw.board, poll=poll)


def paper_poll(vw: VotingWorld) -> Poll:
    """An open leader election with a paper ballot (sheet 1) handed to the last unit."""
    poll = open_poll(vw)
    services.paper_issue(actor=vw.board, poll=poll, units=[vw.units[-1]])
    return poll


def conflict_sheet(vw: VotingWorld) -> Poll:
    """Sheet 1 keyed differently by the two keyers: it waits for a resolution."""
    poll = paper_poll(vw)
    first, second = candidate_ids(poll, 0, 1)
    services.paper_key(actor=vw.keyers[0], poll=poll, number=1, choices=[first])
    services.paper_key(actor=vw.keyers[1], poll=poll, number=1, choices=[second])
    return poll
