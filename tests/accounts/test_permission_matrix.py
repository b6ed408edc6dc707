"""Every role × every write service: allowed or denied, through the one permission layer.

Pages and the API call the same services, so their own matrices (tests/org/test_views.py,
tests/api/) check the HTTP mapping of the same decisions.
"""

import datetime

import pytest

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    UnitFactory,
    UserFactory,
    season_with_members,
)
from thidua.accounts.enums import Role
from thidua.accounts.services.users import user_create
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.org import services

pytestmark = pytest.mark.integration

ROLES = [
    "national_admin",
    "board_admin",
    "board_admin_other",
    "leader_officer",
    "officer",
    "officer_other",
    "viewer",
    "viewer_other",
]


def build_world():
    """One province with a season (leader, deputy, a third member) and a neighbouring province."""
    province = ProvinceFactory()
    other = ProvinceFactory()
    season = season_with_members(3, province=province)
    member = season.memberships.exclude(unit__in=[season.leader, season.deputy]).get().unit
    users = {
        "national_admin": UserFactory(role=Role.BOARD_ADMIN, province=None),
        "board_admin": UserFactory(role=Role.BOARD_ADMIN, province=province),
        "board_admin_other": UserFactory(role=Role.BOARD_ADMIN, province=other),
        "leader_officer": UserFactory(
            role=Role.UNIT_OFFICER, unit=season.leader, province=province
        ),
        "officer": UserFactory(role=Role.UNIT_OFFICER, unit=member, province=province),
        "officer_other": UserFactory(
            role=Role.UNIT_OFFICER, unit=UnitFactory(province=other), province=other
        ),
        "viewer": UserFactory(role=Role.VIEWER, province=province),
        "viewer_other": UserFactory(role=Role.VIEWER, province=other),
    }
    return {"province": province, "season": season, "member": member, "users": users}


def _new_unit(w):
    return UnitFactory(province=w["province"])


ACTIONS = {
    "province_update_settings": (
        lambda u, w: services.province_update_settings(
            actor=u, province=w["province"], allow_multi_bloc_membership=True
        ),
        {"national_admin", "board_admin"},
    ),
    "unit_create": (
        lambda u, w: services.unit_create(
            actor=u, province=w["province"], code="moi", name="Đơn vị mới", kind="other"
        ),
        {"national_admin", "board_admin"},
    ),
    "unit_update": (
        lambda u, w: services.unit_update(actor=u, unit=w["member"], short_name="Tên mới"),
        {"national_admin", "board_admin"},
    ),
    "unit_delete": (
        lambda u, w: services.unit_delete(actor=u, unit=_new_unit(w)),
        {"national_admin", "board_admin"},
    ),
    "lineage_event_record": (
        lambda u, w: services.lineage_event_record(
            actor=u,
            province=w["province"],
            kind="rename",
            date=datetime.date(2024, 1, 1),
            predecessors=[_new_unit(w)],
            successors=[_new_unit(w)],
        ),
        {"national_admin", "board_admin"},
    ),
    "person_create": (
        lambda u, w: services.person_create(
            actor=u, unit=w["member"], full_name="Phạm Thị Lan", gender="female"
        ),
        {"national_admin", "board_admin", "officer"},
    ),
    "person_update": (
        lambda u, w: services.person_update(
            actor=u, person=PersonFactory(unit=w["member"]), position="Chuyên viên"
        ),
        {"national_admin", "board_admin", "officer"},
    ),
    "person_delete": (
        lambda u, w: services.person_delete(actor=u, person=PersonFactory(unit=w["member"])),
        {"national_admin", "board_admin", "officer"},
    ),
    "bloc_create": (
        lambda u, w: services.bloc_create(
            actor=u, province=w["province"], name="Cụm mới", kind="cluster"
        ),
        {"national_admin", "board_admin"},
    ),
    "bloc_update": (
        lambda u, w: services.bloc_update(actor=u, bloc=w["season"].bloc, description="Mô tả"),
        {"national_admin", "board_admin"},
    ),
    "bloc_delete": (
        lambda u, w: services.bloc_delete(actor=u, bloc=BlocFactory(province=w["province"])),
        {"national_admin", "board_admin"},
    ),
    "season_create": (
        lambda u, w: services.season_create(actor=u, bloc=w["season"].bloc, year=2030),
        {"national_admin", "board_admin"},
    ),
    "season_update": (
        lambda u, w: services.season_update(
            actor=u, season=w["season"], leader=w["season"].deputy, deputy=w["season"].leader
        ),
        {"national_admin", "board_admin"},
    ),
    "season_update_note": (
        lambda u, w: services.season_update_note(actor=u, season=w["season"], note="Ghi chú"),
        {"national_admin", "board_admin", "leader_officer"},
    ),
    "season_add_member": (
        lambda u, w: services.season_add_member(actor=u, season=w["season"], unit=_new_unit(w)),
        {"national_admin", "board_admin"},
    ),
    "season_remove_member": (
        lambda u, w: services.season_remove_member(actor=u, season=w["season"], unit=w["member"]),
        {"national_admin", "board_admin"},
    ),
    "season_delete": (
        lambda u, w: services.season_delete(actor=u, season=w["season"]),
        {"national_admin", "board_admin"},
    ),
    "user_create": (
        lambda u, w: user_create(
            actor=u,
            username="moi",
            password="mat-khau-dai-2026",
            role=Role.UNIT_OFFICER,
            unit=w["member"],
        ),
        {"national_admin", "board_admin"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_permission_matrix(db, action, role):
    world = build_world()
    call, allowed = ACTIONS[action]
    user = world["users"][role]

    if role in allowed:
        call(user, world)
    else:
        with pytest.raises((PermissionDeniedError, NotFound)):
            call(user, world)


def test_permission_matrix_inactive_user_denied(db):
    world = build_world()
    admin = world["users"]["board_admin"]
    admin.is_active = False
    admin.save()

    with pytest.raises((PermissionDeniedError, NotFound)):
        services.bloc_create(actor=admin, province=world["province"], name="Khối")


def test_other_province_record_is_not_found_not_forbidden(db):
    world = build_world()

    with pytest.raises(NotFound):
        services.unit_update(
            actor=world["users"]["board_admin_other"], unit=world["member"], name="X"
        )
