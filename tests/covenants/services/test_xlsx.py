"""Export and import of the criteria table: round trip, idempotence, row errors, broken files."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from tests.covenants.world import build_world
from tests.factories import SeasonFactory
from tests.factories.covenants import CovenantFactory, covenant_with_table
from thidua.core.exceptions import Conflict
from thidua.covenants import services
from thidua.covenants.enums import CovenantStatus
from thidua.covenants.services.xlsx import HEADERS

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _tree(covenant):
    return sorted(
        (
            c.code,
            c.parent.code if c.parent else "",
            c.title,
            c.kind,
            c.max_points,
            c.points_per_item,
            c.guidance,
            c.evidence_required,
            c.order,
        )
        for c in covenant.criteria.select_related("parent")
    )


def _workbook(rows, headers=None):
    wb = Workbook()
    ws = wb.active
    ws.title = "Bang diem"
    ws.append(headers or [h for _k, h, _w in HEADERS])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_criteria_export_import_round_trip_gives_the_same_table(world):
    board = world.user("board")
    source = covenant_with_table(SeasonFactory(bloc=world.season.bloc, year=2020))
    source.criteria.filter(code="I.2").update(guidance="Dòng 1\nDòng 2")
    target = CovenantFactory(season=world.season)

    result = services.criteria_import(
        actor=board, covenant=target, data=services.criteria_export(actor=board, covenant=source)
    )

    assert (result.ok, result.created) == (True, 7)
    assert _tree(target) == _tree(source)


def test_criteria_import_same_file_twice_changes_nothing(world):
    board = world.user("board")
    covenant = world.covenant()
    data = services.criteria_export(actor=board, covenant=covenant)
    before = _tree(covenant)

    result = services.criteria_import(actor=board, covenant=covenant, data=data)

    assert (result.ok, result.changed, result.unchanged) == (True, False, 7)
    assert _tree(covenant) == before


def test_criteria_import_updates_creates_and_deletes_to_match_file(world):
    covenant = world.covenant()
    data = _workbook(
        [
            ["I", "", "Nhóm I", "Nhóm", 100, None, "", "Không"],
            ["I.1", "I", "Tiêu chí 1", "Tiêu chí", "60", None, "", "Có"],
            ["I.3", "I", "Tiêu chí 3", "tieu chi", "40", None, "Hướng dẫn", "x"],
            ["B.1", "", "Cờ", "Điểm cộng", "10", 5, "", ""],
        ]
    )

    result = services.criteria_import(
        actor=world.user("leader_officer"), covenant=covenant, data=data
    )

    assert (result.ok, result.created, result.updated, result.deleted) == (True, 1, 3, 4)
    assert sorted(covenant.criteria.values_list("code", flat=True)) == ["B.1", "I", "I.1", "I.3"]
    assert covenant.criteria.get(code="I.3").evidence_required is True
    assert services.table_problems(covenant) == []


def test_criteria_import_row_errors_name_row_and_column_and_change_nothing(world):
    covenant = world.covenant()
    before = _tree(covenant)
    data = _workbook(
        [
            ["X", "", "Nhóm X", "Nhóm", 10, None, "", ""],
            ["X.1", "Y", "Con", "Tiêu chí", "abc", None, "", ""],
            ["X.1", "X", "", "Loại lạ", 5, None, "", "có lẽ"],
            ["B.2", "", "Cộng", "Điểm cộng", 5, -1, "", ""],
        ]
    )

    result = services.criteria_import(actor=world.user("board"), covenant=covenant, data=data)

    errors = {(e.row, e.column) for e in result.errors}
    assert not result.ok
    assert {
        (3, "Điểm tối đa"),
        (4, "Nội dung"),
        (4, "Loại"),
        (4, "Bắt buộc minh chứng"),
        (5, "Điểm mỗi lần"),
    } <= errors
    assert _tree(covenant) == before


def test_criteria_import_unknown_parent_and_duplicate_code_are_row_errors(world):
    covenant = CovenantFactory(season=world.season)
    data = _workbook(
        [
            ["A", "", "Nhóm", "Nhóm", 10, None, "", ""],
            ["A.1", "Z", "Con", "Tiêu chí", 10, None, "", ""],
            ["A", "", "Lặp", "Tiêu chí", 10, None, "", ""],
        ]
    )

    result = services.criteria_import(actor=world.user("board"), covenant=covenant, data=data)

    messages = [(e.row, e.message) for e in result.errors]
    assert (3, "Không tìm thấy nhóm cha mã “Z” trong tệp.") in messages
    assert (4, "Mã “A” bị lặp lại (đã có ở dòng 2).") in messages
    assert covenant.criteria.count() == 0


@pytest.mark.parametrize(
    "data",
    [b"", b"not a workbook", b"PK\x03\x04broken", b"\x00" * 10],
)
def test_criteria_import_broken_file_is_refused_with_message(world, data):
    covenant = CovenantFactory(season=world.season)

    result = services.criteria_import(actor=world.user("board"), covenant=covenant, data=data)

    assert [e.message for e in result.errors] == [
        "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ."
    ]


def test_criteria_import_missing_column_is_refused(world):
    covenant = CovenantFactory(season=world.season)
    data = _workbook(
        [["A", "", "Nhóm", "Nhóm", 10]], headers=["Mã", "Mã nhóm cha", "Nội dung", "Loại"]
    )

    result = services.criteria_import(actor=world.user("board"), covenant=covenant, data=data)

    assert [e.message for e in result.errors] == ["Thiếu cột “Điểm tối đa”."]


def test_criteria_import_locked_covenant_is_refused(world):
    covenant = CovenantFactory(season=world.season, status=CovenantStatus.LOCKED)

    with pytest.raises(Conflict) as exc:
        services.criteria_import(actor=world.user("board"), covenant=covenant, data=_workbook([]))

    assert exc.value.code == "covenant_locked"


def test_criteria_export_writes_headers_and_tree_order(world):
    covenant = world.covenant(total=Decimal("1000"))

    data = services.criteria_export(actor=world.user("viewer"), covenant=covenant)

    ws = load_workbook(io.BytesIO(data)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == tuple(h for _k, h, _w in HEADERS)
    assert [r[0] for r in rows[1:]] == ["I", "I.1", "I.2", "II", "II.1", "B.1", "D.1"]
    assert rows[1][3:5] == ("Nhóm", 600)
