"""The dossier world: a province with its board, a unit with an officer and staff, another unit
of the same province, a bloc's season led by a third unit, and another province's board."""

import datetime
import io
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import (
    PersonFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.dossiers import pdf_upload
from thidua.accounts.enums import Role
from thidua.voting import services as voting

LDTT = "lao_dong_tien_tien"
# DOS-01: the documents every emulation title needs.
LDTT_DOCUMENTS = ("to_trinh", "bao_cao_thanh_tich", "bien_ban_binh_xet")


@dataclass
class World:
    province: Any
    board: Any
    viewer: Any
    unit: Any
    officer: Any
    staff: list[Any]
    other_unit: Any
    other_officer: Any
    season: Any
    leader_officer: Any
    foreign_board: Any
    foreign_officer: Any


@pytest.fixture
def world(province, other_province, board_admin, officer, viewer, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    board_admin.email = "ban@example.vn"
    board_admin.save(update_fields=["email"])
    officer.email = "canbo@example.vn"
    officer.save(update_fields=["email"])
    other_unit = UnitFactory(province=province)
    leader = UnitFactory(province=province)
    season = SeasonFactory(bloc__province=province, year=2025, leader=leader)
    foreign_unit = UnitFactory(province=other_province)
    return World(
        province=province,
        board=board_admin,
        viewer=viewer,
        unit=officer.unit,
        officer=officer,
        staff=[PersonFactory(unit=officer.unit) for _ in range(3)],
        other_unit=other_unit,
        other_officer=UserFactory(
            role=Role.UNIT_OFFICER, unit=other_unit, province=province, email="khac@example.vn"
        ),
        season=season,
        leader_officer=UserFactory(
            role=Role.UNIT_OFFICER, unit=leader, province=province, email="truongkhoi@example.vn"
        ),
        foreign_board=UserFactory(
            role=Role.BOARD_ADMIN, province=other_province, email="bankhac@example.vn"
        ),
        foreign_officer=UserFactory(role=Role.UNIT_OFFICER, unit=foreign_unit),
    )


@pytest.fixture
def meeting_poll(world):
    """A nomination poll (Cờ thi đua của UBND tỉnh) of the world's season, not yet voted."""
    for unit in (world.unit, world.season.leader, world.other_unit):
        SeasonMembershipFactory(season=world.season, unit=unit)
    meeting = voting.meeting_create(
        actor=world.board,
        season=world.season,
        held_on=datetime.date(2025, 12, 1),
        place="Hội trường",
        place_name="Nam Định",
        chair_name="Ngô Văn Liên",
        chair_title="Trưởng khối",
        secretary_name="Trần Thị Thơ",
    )
    return voting.poll_create(
        actor=world.board,
        meeting=meeting,
        kind="nomination",
        award_type="co_thi_dua_ubnd_tinh",
        seats=1,
    )


def ooxml(main_part: str, name: str) -> SimpleUploadedFile:
    """A minimal Word or Excel file: a zip whose [Content_Types].xml names the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0"?><Types><Override PartName="/x" ContentType="{main_part}"/></Types>',
        )
        archive.writestr("x", "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"

__all__ = ["LDTT", "LDTT_DOCUMENTS", "World", "ooxml", "pdf_upload"]
