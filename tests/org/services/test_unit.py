import datetime
import unicodedata

import pytest

from tests.factories import (
    ProvinceFactory,
    SeasonMembershipFactory,
    UnitFactory,
    season_with_members,
)
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import LineageEvent, Unit
from thidua.org.selectors import unit_lineage, unit_list_for_user, unit_seasons
from thidua.org.services import lineage_event_record, unit_create, unit_delete, unit_update

pytestmark = pytest.mark.integration


def test_unit_create_stores_nfc_and_search_key(board_admin, province):
    name = unicodedata.normalize("NFD", "  Sở  Tài chính ")

    unit = unit_create(
        actor=board_admin, province=province, code="stc", name=name, kind="department"
    )

    assert unit.name == unicodedata.normalize("NFC", "Sở Tài chính")
    assert unit.search_key == "so tai chinh stc"
    assert unit.history.count() == 1
    assert unit.history.first().history_user == board_admin


def test_unit_create_duplicate_code_refused(board_admin, province):
    unit_create(
        actor=board_admin, province=province, code="stc", name="Sở Tài chính", kind="department"
    )

    with pytest.raises(ValidationFailed):
        unit_create(
            actor=board_admin, province=province, code="stc", name="Khác", kind="department"
        )

    assert Unit.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("name", "", "validation_error"),
        ("name", "x" * 256, "validation_error"),
        ("name", "Sở\x00", "validation_error"),
        ("kind", "ministry", "validation_error"),
        ("code", "có khoảng trắng", "validation_error"),
    ],
)
def test_unit_create_bad_input_refused(board_admin, province, field, value, code):
    values = {"code": "stc", "name": "Sở Tài chính", "kind": "department", field: value}

    with pytest.raises(ValidationFailed) as exc:
        unit_create(actor=board_admin, province=province, **values)

    assert exc.value.code == code
    assert Unit.objects.count() == 0


def test_unit_create_bad_period_refused(board_admin, province):
    with pytest.raises(ValidationFailed):
        unit_create(
            actor=board_admin,
            province=province,
            code="x",
            name="X",
            kind="other",
            active_from=datetime.date(2025, 1, 1),
            active_to=datetime.date(2024, 1, 1),
        )


def test_unit_update_records_old_and_new(board_admin, province):
    unit = unit_create(
        actor=board_admin, province=province, code="snv", name="Sở Nội vụ", kind="department"
    )

    unit_update(actor=board_admin, unit=unit, name="Sở Nội vụ tỉnh", short_name="SNV")

    latest = unit.history.first()
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(latest.prev_record).changes}
    assert changes == {"name": ("Sở Nội vụ", "Sở Nội vụ tỉnh"), "short_name": ("", "SNV")}


def test_unit_update_unchanged_writes_no_history(board_admin, province):
    unit = unit_create(
        actor=board_admin, province=province, code="snv", name="Sở Nội vụ", kind="department"
    )

    unit_update(actor=board_admin, unit=unit, name="Sở Nội vụ")

    assert unit.history.count() == 1


def test_unit_update_parent_cycle_refused(board_admin, province):
    parent = unit_create(actor=board_admin, province=province, code="a", name="A", kind="other")
    child = unit_create(
        actor=board_admin, province=province, code="b", name="B", kind="other", parent=parent
    )

    with pytest.raises(ValidationFailed) as exc:
        unit_update(actor=board_admin, unit=parent, parent=child)

    assert exc.value.code == "parent_cycle"


def test_unit_delete_in_use_refused(board_admin, province):
    season = season_with_members(2, province=province)
    unit = season.memberships.first().unit

    with pytest.raises(Conflict) as exc:
        unit_delete(actor=board_admin, unit=unit)

    assert exc.value.code == "in_use"


def test_unit_delete_unused(board_admin, province):
    unit = UnitFactory(province=province)

    unit_delete(actor=board_admin, unit=unit)

    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_lineage_merge_successor_inherits_history(board_admin, province):
    old_a, old_b = UnitFactory(province=province), UnitFactory(province=province)
    season = season_with_members(2, province=province, year=2019)
    SeasonMembershipFactory(season=season, unit=old_a)
    merged = UnitFactory(province=province)

    lineage_event_record(
        actor=board_admin,
        province=province,
        kind="merge",
        date=datetime.date(2020, 7, 1),
        predecessors=[old_a, old_b],
        successors=[merged],
    )

    lineage = unit_lineage(unit=merged)
    assert {u.pk for u in lineage.ancestors} == {old_a.pk, old_b.pk}
    assert [s.pk for s in unit_seasons(unit=merged, lineage=lineage)] == [season.pk]
    old_a.refresh_from_db()
    assert old_a.active_to == datetime.date(2020, 6, 30)


def test_lineage_chain_across_provinces(province):
    from tests.factories import UserFactory
    from thidua.accounts.enums import Role

    board_admin = UserFactory(role=Role.BOARD_ADMIN, province=None)
    other = ProvinceFactory()
    first, second, third = (
        UnitFactory(province=province),
        UnitFactory(province=province),
        UnitFactory(province=other),
    )
    lineage_event_record(
        actor=board_admin,
        province=province,
        kind="rename",
        date=datetime.date(2021, 1, 1),
        predecessors=[first],
        successors=[second],
    )
    lineage_event_record(
        actor=board_admin,
        province=other,
        kind="merge",
        date=datetime.date(2025, 7, 1),
        predecessors=[second],
        successors=[third],
    )

    assert [u.pk for u in unit_lineage(unit=third).ancestors] == [second.pk, first.pk]
    assert [u.pk for u in unit_lineage(unit=first).descendants] == [second.pk, third.pk]


@pytest.mark.parametrize(
    ("kind", "n_pred", "n_succ"),
    [
        ("rename", 2, 1),
        ("rename", 1, 2),
        ("split", 1, 1),
        ("merge", 1, 2),
        ("merge", 0, 1),
        ("teleport", 1, 1),
    ],
)
def test_lineage_bad_shape_refused(board_admin, province, kind, n_pred, n_succ):
    preds = [UnitFactory(province=province) for _ in range(n_pred)]
    succs = [UnitFactory(province=province) for _ in range(n_succ)]

    with pytest.raises(ValidationFailed):
        lineage_event_record(
            actor=board_admin,
            province=province,
            kind=kind,
            date=datetime.date(2025, 1, 1),
            predecessors=preds,
            successors=succs,
        )

    assert LineageEvent.objects.count() == 0


def test_lineage_same_unit_both_sides_refused(board_admin, province):
    unit, other = UnitFactory(province=province), UnitFactory(province=province)

    with pytest.raises(ValidationFailed):
        lineage_event_record(
            actor=board_admin,
            province=province,
            kind="merge",
            date=datetime.date(2025, 1, 1),
            predecessors=[unit, other],
            successors=[unit],
        )


def test_unit_list_search_ignores_diacritics_and_d(board_admin, province):
    UnitFactory(
        province=province,
        name="Đảng ủy Khối Doanh nghiệp tỉnh",
        search_key="dang uy khoi doanh nghiep tinh",
    )
    UnitFactory(province=province, name="Sở Y tế", search_key="so y te")

    found = unit_list_for_user(user=board_admin, q="ĐẢNG UY")

    assert [u.name for u in found] == ["Đảng ủy Khối Doanh nghiệp tỉnh"]
