"""One scoring setup shared by the service, permission, page and API tests.

Province `home`: a 2023 season with leader L, members A and B (covenant table locked, leader
review), a spare unit outside the bloc; province `away` with its own board. Users per role.
"""

import io
import zipfile
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.covenants import covenant_with_table
from thidua.accounts.enums import Role
from thidua.covenants.models import Covenant
from thidua.org.models import Season, Unit
from thidua.scoring import services
from thidua.scoring.models import Scorecard

ROLES = ("board", "other_board", "leader_officer", "member_officer", "own_officer", "viewer")


@dataclass
class ScoringWorld:
    season: Season
    covenant: Covenant
    leader: Unit
    a: Unit
    b: Unit
    spare: Unit
    users: dict = field(default_factory=dict)

    def user(self, role):
        return self.users[role]

    def card(self, unit=None, *, user=None):
        """The unit's card (A by default), created through the service by its own officer."""
        unit = unit or self.a
        officer = user or self.officer_of(unit)
        card, _created = services.scorecard_get_or_create(
            actor=officer, season=self.season, unit=unit
        )
        return card

    def officer_of(self, unit):
        return {
            self.leader.pk: self.users["leader_officer"],
            self.a.pk: self.users["own_officer"],
            self.b.pk: self.users["member_officer"],
        }[unit.pk]

    def score(self, card, code):
        return card.scores.select_related("criterion").get(criterion__code=code)


def build_world(*, mode="leader_review", status="locked") -> ScoringWorld:
    home, away = ProvinceFactory(), ProvinceFactory()
    leader, a, b, spare = (UnitFactory(province=home) for _ in range(4))
    season = SeasonFactory(bloc=BlocFactory(province=home), year=2023)
    for unit in (leader, a, b):
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = leader
    season.save()
    covenant = covenant_with_table(season)
    covenant.status, covenant.scoring_mode = status, mode
    covenant.save()
    world = ScoringWorld(season=season, covenant=covenant, leader=leader, a=a, b=b, spare=spare)
    world.users = {
        "board": UserFactory(role=Role.BOARD_ADMIN, province=home),
        "other_board": UserFactory(role=Role.BOARD_ADMIN, province=away),
        "leader_officer": UserFactory(role=Role.UNIT_OFFICER, unit=leader, province=home),
        "member_officer": UserFactory(role=Role.UNIT_OFFICER, unit=b, province=home),
        "own_officer": UserFactory(role=Role.UNIT_OFFICER, unit=a, province=home),
        "spare_officer": UserFactory(role=Role.UNIT_OFFICER, unit=spare, province=home),
        "viewer": UserFactory(role=Role.VIEWER, province=home),
    }
    return world


@pytest.fixture
def world(db, media):
    return build_world()


@pytest.fixture
def cross_world(db, media):
    return build_world(mode="cross_scoring")


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


# Scorecards at each step, made through the services ------------------------------------------------

FULL = {"I.1": "28", "I.2": "25.5", "II.1": "40", "B.1": "10", "D.1": "2"}


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(
    main="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Override PartName="/word/document.xml" '
            f'ContentType="{main}"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def png_bytes() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
        b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
        b"\x00\x00IEND\xaeB`\x82"
    )


def upload(name, content):
    return SimpleUploadedFile(name, content)


def fill(world, card, values=FULL, *, evidence=True):
    user = world.officer_of(card.unit)
    for code, points in values.items():
        services.score_set_self(actor=user, score=world.score(card, code), points=points)
    if evidence:
        services.evidence_upload(
            actor=user, score=world.score(card, "I.2"), file=upload("bao-cao.pdf", pdf_bytes())
        )
    return card


def submitted(world, unit=None):
    card = fill(world, world.card(unit))
    return services.scorecard_submit(actor=world.officer_of(card.unit), scorecard=card)


def reviewed(world, unit=None):
    card = submitted(world, unit)
    reviewer = world.users["board" if card.unit_id == world.leader.pk else "leader_officer"]
    return services.scorecard_mark_reviewed(actor=reviewer, scorecard=card)


def in_objection(world, unit=None):
    card = reviewed(world, unit)
    return services.scorecard_open_objections(actor=world.users["board"], scorecard=card)


def final(world, unit=None):
    card = in_objection(world, unit)
    return services.scorecard_finalize(actor=world.users["board"], scorecard=card)


def reload(card) -> Scorecard:
    return Scorecard.objects.get(pk=card.pk)
