"""Who may do each write (OpenSlides' permission trio): allowed and denied share one setup."""

import pytest

from tests.scoring.conftest import (
    ROLES,
    build_world,
    fill,
    in_objection,
    pdf_bytes,
    reviewed,
    submitted,
    upload,
)
from thidua.core.exceptions import NotFound, PermissionDeniedError
from thidua.scoring import services

pytestmark = pytest.mark.integration


def _objection(w):
    card = in_objection(w)
    return services.objection_file(actor=w.users["own_officer"], scorecard=card, text="Xem lại")


# action → (setup(world) → arg, call(world, user, arg), roles allowed)
WRITES = {
    "scorecard_create": (
        lambda w: None,
        lambda w, u, _: services.scorecard_get_or_create(actor=u, season=w.season, unit=w.a),
        {"own_officer"},
    ),
    "score_set_self": (
        lambda w: w.score(w.card(), "I.1"),
        lambda w, u, s: services.score_set_self(actor=u, score=s, points="1"),
        {"own_officer"},
    ),
    "evidence_upload": (
        lambda w: w.score(w.card(), "I.2"),
        lambda w, u, s: services.evidence_upload(
            actor=u, score=s, file=upload("a.pdf", pdf_bytes())
        ),
        {"own_officer"},
    ),
    "scorecard_submit": (
        lambda w: fill(w, w.card()),
        lambda w, u, c: services.scorecard_submit(actor=u, scorecard=c),
        {"own_officer"},
    ),
    "score_set_review": (
        lambda w: w.score(submitted(w), "I.1"),
        lambda w, u, s: services.score_set_review(actor=u, score=s, points="20", reason="Thiếu"),
        {"board", "leader_officer"},
    ),
    "scorecard_mark_reviewed": (
        submitted,
        lambda w, u, c: services.scorecard_mark_reviewed(actor=u, scorecard=c),
        {"board", "leader_officer"},
    ),
    "scorecard_open_objections": (
        reviewed,
        lambda w, u, c: services.scorecard_open_objections(actor=u, scorecard=c),
        {"board", "leader_officer"},
    ),
    "season_open_objections": (
        lambda w: reviewed(w) and w.season,
        lambda w, u, s: services.season_open_objections(actor=u, season=s),
        {"board", "leader_officer"},
    ),
    "objection_file": (
        in_objection,
        lambda w, u, c: services.objection_file(actor=u, scorecard=c, text="Xem lại"),
        {"own_officer"},
    ),
    "objection_answer": (
        _objection,
        lambda w, u, o: services.objection_answer(actor=u, objection=o, answer="Giữ nguyên"),
        {"board", "leader_officer"},
    ),
    "scorecard_finalize": (
        in_objection,
        lambda w, u, c: services.scorecard_finalize(actor=u, scorecard=c),
        {"board", "leader_officer"},
    ),
    "scorecard_reopen": (
        lambda w: services.scorecard_finalize(actor=w.users["board"], scorecard=in_objection(w)),
        lambda w, u, c: services.scorecard_reopen(actor=u, scorecard=c, reason="Sai sót"),
        {"board"},
    ),
    "exclusion_create": (
        lambda w: None,
        lambda w, u, _: services.exclusion_create(actor=u, season=w.season, unit=w.b, reason="x"),
        {"board"},
    ),
    "exclusion_delete": (
        lambda w: services.exclusion_create(
            actor=w.users["board"], season=w.season, unit=w.b, reason="x"
        ),
        lambda w, u, e: services.exclusion_delete(actor=u, exclusion=e, reason="Đã xong"),
        {"board"},
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(WRITES))
def test_write_permission_by_role(db, media, action, role):
    world = build_world()
    setup, call, allowed = WRITES[action]
    arg = setup(world)

    if role in allowed:
        call(world, world.users[role], arg)
    else:
        expected = NotFound if role == "other_board" else PermissionDeniedError
        with pytest.raises(expected):
            call(world, world.users[role], arg)


CROSS_ROLES = {"leader_officer": True, "member_officer": True}


@pytest.mark.parametrize("role", ROLES)
def test_cross_score_permission_by_role(db, media, role):
    world = build_world(mode="cross_scoring")
    row = world.score(submitted(world), "I.1")

    if CROSS_ROLES.get(role):
        services.cross_score_set(actor=world.users[role], score=row, points="10")
    else:
        expected = NotFound if role == "other_board" else PermissionDeniedError
        with pytest.raises(expected) as exc:
            services.cross_score_set(actor=world.users[role], score=row, points="10")
        if role == "own_officer":
            assert exc.value.code == "cannot_score_self"
