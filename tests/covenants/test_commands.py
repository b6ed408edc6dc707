"""The criteria_table command: export, import back (idempotent), broken file, permissions."""

import pytest
from django.core.management import CommandError, call_command

from tests.covenants.world import build_world
from tests.factories import SeasonFactory
from tests.factories.covenants import CovenantFactory

pytestmark = pytest.mark.integration


def test_criteria_table_command_export_then_import(db, tmp_path, capsys):
    world = build_world()
    source = world.covenant()
    target = CovenantFactory(season=SeasonFactory(bloc=world.season.bloc, year=2031))
    board = world.user("board").username
    path = tmp_path / "bang-diem.xlsx"

    call_command("criteria_table", "export", str(path), season=source.season_id, username=board)
    call_command("criteria_table", "import", str(path), season=target.season_id, username=board)
    call_command("criteria_table", "import", str(path), season=target.season_id, username=board)

    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "Đã nhập bảng điểm: thêm 0, sửa 0, xoá 0, giữ nguyên 7 dòng."
    assert target.criteria.count() == 7


def test_criteria_table_command_broken_file_and_denied(db, tmp_path):
    world = build_world()
    covenant = world.covenant()
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not excel")

    with pytest.raises(CommandError, match="Chưa nhập được"):
        call_command(
            "criteria_table",
            "import",
            str(path),
            season=covenant.season_id,
            username=world.user("board").username,
        )
    with pytest.raises(CommandError, match="không có quyền"):
        call_command(
            "criteria_table",
            "import",
            str(path),
            season=covenant.season_id,
            username=world.user("member_officer").username,
        )
