"""Every transition of the scorecard state machine, from every state: allowed once, else refused."""

import pytest

from tests.scoring.conftest import fill, final, in_objection, reload, reviewed, submitted
from thidua.core.exceptions import Conflict
from thidua.scoring import services

pytestmark = pytest.mark.integration

STATES = {
    "draft": lambda w: fill(w, w.card()),
    "submitted": submitted,
    "reviewed": reviewed,
    "objection": in_objection,
    "final": final,
}
ACTIONS = {
    "submit": lambda w, c: services.scorecard_submit(actor=w.users["own_officer"], scorecard=c),
    "mark_reviewed": lambda w, c: services.scorecard_mark_reviewed(
        actor=w.users["leader_officer"], scorecard=c
    ),
    "open_objections": lambda w, c: services.scorecard_open_objections(
        actor=w.users["leader_officer"], scorecard=c
    ),
    "finalize": lambda w, c: services.scorecard_finalize(
        actor=w.users["leader_officer"], scorecard=c
    ),
    "reopen": lambda w, c: services.scorecard_reopen(
        actor=w.users["board"], scorecard=c, reason="Sai sót cộng điểm"
    ),
}
ALLOWED = {
    ("draft", "submit"): "submitted",
    ("submitted", "mark_reviewed"): "reviewed",
    ("reviewed", "open_objections"): "objection",
    ("objection", "finalize"): "final",
    ("final", "reopen"): "reviewed",
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("state", list(STATES))
def test_scorecard_transition_allowed_or_refused(world, state, action):
    card = STATES[state](world)

    if (state, action) in ALLOWED:
        ACTIONS[action](world, card)
        assert reload(card).status == ALLOWED[(state, action)]
    else:
        with pytest.raises(Conflict) as exc:
            ACTIONS[action](world, card)
        assert exc.value.code == "invalid_transition"
        assert reload(card).status == state
