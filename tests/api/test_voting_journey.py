"""A whole year-end meeting through the API alone, after seed 003 (Yên Bái, 20/01/2022).

The bloc of general agencies reviews 2021: it proposes one unit for the Government's emulation
flag, one for the province's flag and two for the chairman's certificate of merit, then elects
Sở Tài chính leader and Văn phòng UBND tỉnh deputy for 2022. Ballots are cast online by the
member officers and on paper, keyed twice by the counting committee (one sheet in conflict,
resolved); the published ballot lists are recounted here with the pure tally.
"""

from fractions import Fraction

import pytest

from tests.api.voting_world import BANG_KHEN, CO_CP, CO_TINH, VotingApi
from tests.factories import (
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.dossiers.models import Proposal
from thidua.org.models import Season
from thidua.voting.tally import BallotIn, CandidateIn, TallyRules, ballot_list_hash, tally

pytestmark = pytest.mark.integration

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

UNITS = {
    "khdt": "Sở Kế hoạch và Đầu tư",
    "stc": "Sở Tài chính",
    "vp": "Văn phòng UBND tỉnh",
    "ctk": "Cục Thống kê tỉnh",
    "kb": "Kho bạc Nhà nước tỉnh",
    "ct": "Cục Thuế tỉnh",
    "tt": "Thanh tra tỉnh",
}


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json() if response.content else None


def _refused(response, status, code):
    assert (response.status_code, response.json()["code"]) == (status, code), response.content
    return response.json()


def _yen_bai():
    province = ProvinceFactory(code="yb", name="Tỉnh Yên Bái")
    bloc = BlocFactory(province=province, name="Khối thi đua các cơ quan tổng hợp")
    season = SeasonFactory(bloc=bloc, year=2021)
    units = {
        code: UnitFactory(province=province, code=code, name=name) for code, name in UNITS.items()
    }
    for unit in units.values():
        SeasonMembershipFactory(season=season, unit=unit)
    # 2021: the planning department leads (the meeting is held there), finance is deputy.
    season.leader, season.deputy = units["khdt"], units["stc"]
    season.save()
    officers = {
        code: VotingApi().login(UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=province))
        for code, unit in units.items()
    }
    keyers = [UserFactory(role=Role.VIEWER, province=province) for _ in range(2)]
    board = VotingApi().login(UserFactory(role=Role.BOARD_ADMIN, province=province))
    return season, units, officers, keyers, board


def _recount(poll, candidates, listing):
    """The count of the published ballot list through the pure tally, as any member could."""
    by_code = {c["unit"]["code"]: c["id"] for c in candidates}
    ballots = [
        BallotIn(tuple(by_code[code] for code in row["choices"]), row["status"] == "spoiled")
        for row in listing["rows"]
    ]
    infos = [
        CandidateIn(
            id=c["id"],
            selectable=c["selectable"],
            female_share=Fraction(c["female_share"]) if c["female_share"] is not None else None,
        )
        for c in candidates
    ]
    rules = TallyRules(
        seats=poll["seats"],
        members=poll["members_count"],
        threshold_share=Fraction(poll["threshold_share"]),
        threshold_strict=poll["threshold_strict"],
        threshold_base=poll["threshold_base"],
        tie_policy=poll["tie_policy"],
        max_choices=poll["seats"],
    )
    return tally(ballots, infos, rules)


def _check_published(client, poll_id):
    """Result, ballot list and recount agree: the hash and every count."""
    poll = _ok(client.get(f"/polls/{poll_id}"))
    candidates = _ok(client.get(f"/polls/{poll_id}/candidates"))
    result = _ok(client.get(f"/polls/{poll_id}/result"))
    listing = _ok(client.get(f"/polls/{poll_id}/ballots"))
    recount = _recount(poll, candidates, listing)

    assert listing["matches"] is True
    assert listing["hash"] == result["ballot_list_hash"] == ballot_list_hash(listing["rows"])
    assert (recount.cast, recount.valid, recount.blank, recount.spoiled, recount.required) == (
        result["cast"],
        result["valid"],
        result["blank"],
        result["spoiled"],
        result["required"],
    )
    assert {c.id: c.votes for c in recount.candidates} == {
        row["candidate_id"]: row["votes"] for row in result["rows"]
    }
    assert sorted(recount.elected) == sorted(
        r["candidate_id"] for r in result["rows"] if r["elected"]
    )
    return result, listing


def test_year_end_meeting_through_the_api(db):
    season, units, officers, keyers, board = _yen_bai()
    leader = officers["khdt"]

    # The catalogue of what a bloc votes on holds the three awards of the seed.
    catalogue = {
        a["code"]: a["name"] for a in _ok(leader.get("/award-types", {"bloc_vote": "true"}))
    }
    co_cp, co_tinh, bang_khen = CO_CP, CO_TINH, BANG_KHEN
    assert catalogue[co_cp] == "Cờ thi đua của Chính phủ"
    assert {co_tinh, bang_khen} <= set(catalogue)

    # The leader sets up the meeting; every member starts absent.
    meeting = _ok(
        leader.post(
            f"/seasons/{season.pk}/meeting",
            {
                "held_on": "2022-01-20",
                "title": "Hội nghị tổng kết phong trào thi đua năm 2021, triển khai nhiệm vụ năm 2022",
                "place": "Sở Kế hoạch và Đầu tư tỉnh Yên Bái",
                "place_name": "Yên Bái",
                "chair_name": "Trần Thanh Chương",
                "chair_title": "Phó Giám đốc Sở Kế hoạch và Đầu tư",
                "secretary_name": "Nguyễn Thị Lan",
            },
        ),
        201,
    )
    mid = meeting["id"]
    assert (meeting["members"], meeting["present"], meeting["status"]) == (7, 0, "planned")
    assert _ok(board.get(f"/seasons/{season.pk}/meeting"))["id"] == mid
    _refused(
        leader.post(f"/seasons/{season.pk}/meeting", {"held_on": "2022-01-21"}),
        409,
        "meeting_exists",
    )

    # Roll call, the counting committee (two keyers with accounts), the opening.
    for code, unit in units.items():
        row = _ok(
            leader.put(
                f"/meetings/{mid}/attendance/{unit.pk}",
                {"present": True, "delegate_name": f"Đại biểu {UNITS[code]}"},
            )
        )
        assert row["present"] is True
    head = _ok(
        leader.post(
            f"/meetings/{mid}/committee",
            {"full_name": "Hoàng Văn Minh", "role": "head", "user_id": keyers[0].pk},
        ),
        201,
    )
    _ok(
        leader.post(
            f"/meetings/{mid}/committee", {"full_name": "Lò Thị Hà", "user_id": keyers[1].pk}
        ),
        201,
    )
    spare = _ok(leader.post(f"/meetings/{mid}/committee", {"full_name": "Vũ Đức Anh"}), 201)
    assert head["role"] == "head" and head["user_id"] == keyers[0].pk
    _ok(leader.delete(f"/committee/{spare['id']}"), 204)
    assert _ok(leader.post(f"/meetings/{mid}/start"))["status"] == "in_progress"
    detail = _ok(leader.get(f"/meetings/{mid}"))
    assert (detail["present"], detail["quorum_met"], len(detail["committee"])) == (7, True, 2)

    # Three nomination polls, under the rules of 2021 copied onto each.
    polls = {}
    for key, code, seats in (("cp", co_cp, 1), ("tinh", co_tinh, 1), ("bk", bang_khen, 2)):
        poll = _ok(
            leader.post(
                f"/meetings/{mid}/polls", {"kind": "nomination", "award_type": code, "seats": seats}
            ),
            201,
        )
        assert poll["status"] == "draft" and poll["rule_ids"]["threshold"]["id"]
        polls[key] = poll["id"]
    listed = _ok(board.get(f"/meetings/{mid}/polls"))
    assert [p["id"] for p in listed] == list(polls.values())
    assert [p["award_name"] for p in listed] == [catalogue[c] for c in (co_cp, co_tinh, bang_khen)]
    ids = {
        key: {c["unit"]["code"]: c["id"] for c in _ok(leader.get(f"/polls/{pid}/candidates"))}
        for key, pid in polls.items()
    }
    for pid in polls.values():
        assert _ok(leader.post(f"/polls/{pid}/open"))["status"] == "open"

    # Government flag: five members online, two on paper (one sheet keyed in conflict).
    cp = polls["cp"]
    receipts = {}
    for code in ("khdt", "stc", "vp", "ctk", "kb"):
        receipts[code] = _ok(
            officers[code].post(f"/polls/{cp}/ballots", {"choices": [ids["cp"]["khdt"]]}), 201
        )["receipt"]
    _refused(officers["stc"].post(f"/polls/{cp}/ballots", {"choices": []}), 409, "already_voted")
    status = _ok(officers["stc"].get(f"/polls/{cp}/my-status"))
    assert (status["has_voted"], status["channel"], status["can_vote"]) == (True, "online", False)
    keyer_1, keyer_2 = (VotingApi().login(k) for k in keyers)
    issued = _ok(
        keyer_1.post(f"/polls/{cp}/paper/issue", {"unit_ids": [units["ct"].pk, units["tt"].pk]})
    )
    assert issued == {"issued": 2}
    turnout = _ok(board.get(f"/polls/{cp}/turnout"))
    assert (turnout["voted_online"], turnout["paper_issued"], turnout["waiting_units"]) == (
        5,
        2,
        [],
    )
    khdt = ids["cp"]["khdt"]
    first = _ok(keyer_1.post(f"/polls/{cp}/paper/entries", {"number": 1, "choices": [khdt]}), 201)
    assert (first["status"], first["entries"]) == ("pending", 1)
    agreed = _ok(keyer_2.post(f"/polls/{cp}/paper/entries", {"number": 1, "choices": [khdt]}), 201)
    assert agreed["status"] == "agreed"
    _ok(keyer_1.post(f"/polls/{cp}/paper/entries", {"number": 2, "choices": [khdt]}), 201)
    misread = [ids["cp"]["stc"]]
    conflict = _ok(
        keyer_2.post(f"/polls/{cp}/paper/entries", {"number": 2, "choices": misread}), 201
    )
    assert conflict["status"] == "conflict"
    sheets = _ok(keyer_1.get(f"/polls/{cp}/paper/sheets"))
    assert [(s["number"], s["status"]) for s in sheets] == [(1, "agreed"), (2, "conflict")]
    assert sheets[1]["entry_choices"] == [["khdt"], ["stc"]]
    _refused(leader.post(f"/polls/{cp}/close"), 409, "paper_pending")
    resolved = _ok(
        leader.post(
            f"/polls/{cp}/paper/sheets/2/resolve",
            {"choices": [khdt], "note": "Đối chiếu phiếu gốc: phiếu chọn Sở Kế hoạch và Đầu tư."},
        )
    )
    assert resolved["status"] == "agreed" and resolved["resolution_note"]
    _refused(board.get(f"/polls/{cp}/result"), 409, "poll_not_closed")
    assert _ok(leader.post(f"/polls/{cp}/close"))["status"] == "closed"
    _refused(officers["ct"].post(f"/polls/{cp}/ballots", {"choices": []}), 409, "poll_not_open")

    # Provincial flag and two certificates of merit: everyone online.
    for code in UNITS:
        _ok(
            officers[code].post(
                f"/polls/{polls['tinh']}/ballots", {"choices": [ids["tinh"]["stc"]]}
            ),
            201,
        )
        _ok(
            officers[code].post(
                f"/polls/{polls['bk']}/ballots", {"choices": [ids["bk"]["ctk"], ids["bk"]["kb"]]}
            ),
            201,
        )
    for key in ("tinh", "bk"):
        _ok(board.post(f"/polls/{polls[key]}/close"))

    # Results: the published lists recount to the frozen results; proposals are drafted.
    cp_result, cp_list = _check_published(officers["tt"], cp)
    assert (cp_result["cast"], cp_result["valid"], cp_result["issued"]) == (7, 7, 7)
    assert cp_result["elected_names"] == [UNITS["khdt"]]
    assert sorted(r["receipt"] for r in cp_list["rows"] if r["channel"] == "paper") == [
        "P-001",
        "P-002",
    ]
    assert receipts["vp"] in {r["receipt"] for r in cp_list["rows"]}
    assert _check_published(board, polls["tinh"])[0]["elected_names"] == [UNITS["stc"]]
    assert sorted(_check_published(board, polls["bk"])[0]["elected_names"]) == sorted(
        [UNITS["ctk"], UNITS["kb"]]
    )
    proposals = {
        (p.award_type, p.unit.code, p.year, p.status)
        for p in Proposal.objects.filter(source_poll_id__in=polls.values()).select_related("unit")
    }
    assert proposals == {
        (co_cp, "khdt", 2021, "draft"),
        (co_tinh, "stc", 2021, "draft"),
        (bang_khen, "ctk", 2021, "draft"),
        (bang_khen, "kb", 2021, "draft"),
    }

    # The leader and deputy for 2022: finance leads (the planning department is warned about
    # leading twice running), the office of the People's Committee is deputy.
    lead_poll = _ok(leader.post(f"/meetings/{mid}/polls", {"kind": "leader"}), 201)
    lead_candidates = {
        c["unit"]["code"]: c for c in _ok(leader.get(f"/polls/{lead_poll['id']}/candidates"))
    }
    assert "BLK-05" in lead_candidates["khdt"]["warning"]
    _ok(leader.post(f"/polls/{lead_poll['id']}/open", {}))
    for code in UNITS:
        choice = [] if code == "tt" else [lead_candidates["stc"]["id"]]
        _ok(officers[code].post(f"/polls/{lead_poll['id']}/ballots", {"choices": choice}), 201)
    _ok(leader.post(f"/polls/{lead_poll['id']}/close"))
    lead_result, _ = _check_published(board, lead_poll["id"])
    assert (lead_result["elected_names"], lead_result["blank"]) == ([UNITS["stc"]], 1)

    deputy_poll = _ok(leader.post(f"/meetings/{mid}/polls", {"kind": "deputy"}), 201)
    deputy_candidates = {
        c["unit"]["code"]: c for c in _ok(leader.get(f"/polls/{deputy_poll['id']}/candidates"))
    }
    assert deputy_candidates["stc"]["selectable"] is False
    assert deputy_candidates["stc"]["exclusion_rule"] == "BLK-04"
    _ok(leader.post(f"/polls/{deputy_poll['id']}/open"))
    for code in UNITS:
        choice = deputy_candidates["ct" if code == "ct" else "vp"]["id"]
        _ok(officers[code].post(f"/polls/{deputy_poll['id']}/ballots", {"choices": [choice]}), 201)
    _refused(
        officers["stc"].post(f"/polls/{deputy_poll['id']}/ballots", {"choices": []}),
        409,
        "already_voted",
    )
    _ok(leader.post(f"/polls/{deputy_poll['id']}/close"))
    assert _check_published(board, deputy_poll["id"])[0]["elected_names"] == [UNITS["vp"]]

    following = Season.objects.get(bloc=season.bloc, year=2022)
    assert (following.leader_id, following.deputy_id) == (units["stc"].pk, units["vp"].pk)
    season_2022 = _ok(board.get(f"/seasons/{following.pk}"))
    assert (season_2022["leader"]["code"], season_2022["deputy"]["code"]) == ("stc", "vp")

    # The vote-count minutes of each poll, in Word and PDF.
    for pid in (cp, lead_poll["id"]):
        word = board.get(f"/polls/{pid}/minutes.docx")
        pdf = officers["tt"].get(f"/polls/{pid}/minutes.pdf")
        assert (word.status_code, word["Content-Type"]) == (200, DOCX)
        assert (pdf.status_code, pdf["Content-Type"]) == (200, "application/pdf")
        assert word.content[:2] == b"PK" and pdf.content[:5] == b"%PDF-"
        assert "attachment" in word["Content-Disposition"]

    ended = _ok(leader.post(f"/meetings/{mid}/end"))
    assert ended["status"] == "closed" and ended["ended_at"]
    assert [p["status"] for p in _ok(board.get(f"/meetings/{mid}/polls"))] == ["closed"] * 5
