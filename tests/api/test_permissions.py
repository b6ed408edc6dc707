"""Every role against every write endpoint: allowed answers 2xx, denied 401 / 403 / 404.

Anonymous callers get 401, callers outside the record's province 404 (the record does not exist
for them), and callers who can see it but may not change it 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from tests.api.test_decisions_api import COVERED_WRITES as DECISION_WRITES
from tests.api.test_dossiers_api import COVERED_WRITES as DOSSIER_WRITES
from tests.api.test_registry import COVERED_WRITES as REGISTRY_WRITES
from tests.api.test_voting_permissions import COVERED_WRITES as VOTING_WRITES
from tests.api.world import ROLES, World, build_world
from tests.awards.test_settings_api import COVERED_WRITES as RULEBOOK_WRITES
from tests.covenants.api.test_endpoints import COVERED_WRITES as COVENANT_WRITES
from tests.deadlines.test_api import COVERED_WRITES as DEADLINE_WRITES
from tests.reports.test_honour import COVERED_WRITES as HONOUR_WRITES
from tests.scoring.test_api import COVERED_WRITES as SCORING_WRITES
from thidua.api.main import api

pytestmark = pytest.mark.integration

BOARD = frozenset({"board"})
EVERYONE = frozenset(set(ROLES) - {"anonymous"})


@dataclass(frozen=True)
class Write:
    method: str
    template: str
    path: Callable[[World], str]
    body: Callable[[World], Any]
    allowed: frozenset[str]


def _none(w: World) -> None:
    return None


WRITES: dict[str, Write] = {
    "province_patch": Write(
        "patch",
        "/provinces/{province_id}",
        lambda w: f"/provinces/{w.home.pk}",
        lambda w: {"allow_multi_bloc_membership": True},
        BOARD,
    ),
    "unit_post": Write(
        "post",
        "/units",
        lambda w: "/units",
        lambda w: {"province_id": w.home.pk, "code": "moi", "name": "Đơn vị mới", "kind": "other"},
        BOARD,
    ),
    "unit_patch": Write(
        "patch",
        "/units/{unit_id}",
        lambda w: f"/units/{w.spare2.pk}",
        lambda w: {"short_name": "ĐV"},
        BOARD,
    ),
    "unit_delete": Write(
        "delete", "/units/{unit_id}", lambda w: f"/units/{w.spare2.pk}", _none, BOARD
    ),
    "lineage_event_post": Write(
        "post",
        "/lineage-events",
        lambda w: "/lineage-events",
        lambda w: {
            "province_id": w.home.pk,
            "kind": "rename",
            "date": "2025-07-01",
            "predecessor_ids": [w.spare2.pk],
            "successor_ids": [w.spare.pk],
        },
        BOARD,
    ),
    "person_post": Write(
        "post",
        "/people",
        lambda w: "/people",
        lambda w: {"unit_id": w.member.pk, "full_name": "Phạm Thị Hoa", "gender": "female"},
        BOARD | {"officer"},
    ),
    "person_patch": Write(
        "patch",
        "/people/{person_id}",
        lambda w: f"/people/{w.person.pk}",
        lambda w: {"position": "Phó Giám đốc"},
        BOARD | {"officer"},
    ),
    "person_delete": Write(
        "delete",
        "/people/{person_id}",
        lambda w: f"/people/{w.person.pk}",
        _none,
        BOARD | {"officer"},
    ),
    "bloc_post": Write(
        "post",
        "/blocs",
        lambda w: "/blocs",
        lambda w: {"province_id": w.home.pk, "name": "Khối mới"},
        BOARD,
    ),
    "bloc_patch": Write(
        "patch",
        "/blocs/{bloc_id}",
        lambda w: f"/blocs/{w.bloc.pk}",
        lambda w: {"name": "Khối đổi tên"},
        BOARD,
    ),
    "bloc_delete": Write(
        "delete", "/blocs/{bloc_id}", lambda w: f"/blocs/{w.empty_bloc.pk}", _none, BOARD
    ),
    "season_post": Write(
        "post",
        "/seasons",
        lambda w: "/seasons",
        lambda w: {"bloc_id": w.empty_bloc.pk, "year": 2024},
        BOARD,
    ),
    "season_patch_officers": Write(
        "patch",
        "/seasons/{season_id}",
        lambda w: f"/seasons/{w.season.pk}",
        lambda w: {"leader_id": w.deputy.pk, "deputy_id": w.leader.pk},
        BOARD,
    ),
    "season_patch_note": Write(
        "patch",
        "/seasons/{season_id}",
        lambda w: f"/seasons/{w.season.pk}",
        lambda w: {"note": "Biên bản hội nghị"},
        BOARD | {"leader_officer"},
    ),
    "season_delete": Write(
        "delete", "/seasons/{season_id}", lambda w: f"/seasons/{w.season.pk}", _none, BOARD
    ),
    "season_member_post": Write(
        "post",
        "/seasons/{season_id}/members",
        lambda w: f"/seasons/{w.season.pk}/members",
        lambda w: {"unit_id": w.spare.pk},
        BOARD,
    ),
    "season_member_delete": Write(
        "delete",
        "/seasons/{season_id}/members/{unit_id}",
        lambda w: f"/seasons/{w.season.pk}/members/{w.member.pk}",
        _none,
        BOARD,
    ),
    "token_delete": Write("delete", "/auth/token", lambda w: "/auth/token", _none, EVERYONE),
}


def _denied_status(role: str) -> int:
    if role == "anonymous":
        return 401
    if role == "other_board":
        return 404
    return 403


def base_permission_test(role: str, name: str) -> None:
    """Arrange the shared world, call the write as `role`, assert allowed or the denial code."""
    world = build_world()
    write = WRITES[name]
    client = world.client(role)

    response = getattr(client, write.method)(write.path(world), write.body(world))

    if role in write.allowed:
        assert 200 <= response.status_code < 300, response.content
    else:
        assert response.status_code == _denied_status(role), response.content
        assert response.json()["code"] in ("not_authenticated", "permission_denied", "not_found")


@pytest.mark.parametrize("name", sorted(WRITES))
@pytest.mark.parametrize("role", ROLES)
def test_write_permission_matrix(db, role, name):
    base_permission_test(role, name)


def test_write_permission_matrix_covers_every_write_endpoint():
    schema = api.get_openapi_schema(path_prefix="")
    writes = {
        (method, path)
        for path, ops in schema["paths"].items()
        for method in ops
        if method != "get" and (method, path) != ("post", "/auth/token")
    }

    # The scoring, covenant and voting writes have their own role matrices
    # (tests/scoring/test_api.py, tests/covenants/api/test_endpoints.py,
    # tests/api/test_voting_permissions.py, tests/awards/test_settings_api.py,
    # tests/api/test_registry.py, tests/api/test_dossiers_api.py,
    # tests/api/test_decisions_api.py, tests/deadlines/test_api.py, tests/reports/test_honour.py).
    covered = {(w.method, w.template) for w in WRITES.values()}
    others = (
        SCORING_WRITES
        | COVENANT_WRITES
        | VOTING_WRITES
        | RULEBOOK_WRITES
        | REGISTRY_WRITES
        | DOSSIER_WRITES
        | DECISION_WRITES
        | DEADLINE_WRITES
        | HONOUR_WRITES
    )
    assert covered | others == writes
