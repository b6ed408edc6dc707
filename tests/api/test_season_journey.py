"""A whole season through the API alone: covenant → table → signatures → scores → review → ranking."""

import pytest

from tests.api.conftest import ApiClient
from tests.factories import UserFactory, season_with_members
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


def _ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json() if response.content else None


def test_season_journey_through_the_api(db, province):
    season = season_with_members(3, province=province, year=2026)
    leader_unit, member_a = season.leader, season.deputy
    member_b = season.memberships.exclude(unit__in=[leader_unit, member_a]).get().unit
    board = ApiClient().login(UserFactory(role=Role.BOARD_ADMIN, province=province))
    officers = {
        unit.pk: ApiClient().login(
            UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=province)
        )
        for unit in (leader_unit, member_a, member_b)
    }
    leader = officers[leader_unit.pk]

    # The leader drafts the covenant and its 100-point table; the board locks it after signing.
    covenant = _ok(
        leader.post(
            f"/seasons/{season.pk}/covenant",
            {
                "title": "Giao ước thi đua năm 2026",
                "total_points": "100",
                "tie_breaks": ["fewer_deductions"],
            },
        ),
        201,
    )
    cid = covenant["id"]
    group_1 = _ok(
        leader.post(
            f"/covenants/{cid}/criteria",
            {"code": "I", "title": "Nhiệm vụ chính trị", "kind": "group", "max_points": "60"},
        ),
        201,
    )
    for code, title, points in (
        ("I.1", "Chỉ tiêu kế hoạch", "30"),
        ("I.2", "Cải cách hành chính", "30"),
    ):
        _ok(
            leader.post(
                f"/covenants/{cid}/criteria",
                {"code": code, "title": title, "max_points": points, "parent_id": group_1["id"]},
            ),
            201,
        )
    group_2 = _ok(
        leader.post(
            f"/covenants/{cid}/criteria",
            {"code": "II", "title": "Công tác thi đua", "kind": "group", "max_points": "40"},
        ),
        201,
    )
    _ok(
        leader.post(
            f"/covenants/{cid}/criteria",
            {
                "code": "II.1",
                "title": "Phát động phong trào",
                "max_points": "40",
                "parent_id": group_2["id"],
            },
        ),
        201,
    )
    _ok(
        leader.post(
            f"/covenants/{cid}/criteria",
            {
                "code": "B.1",
                "title": "Cờ thi đua năm trước",
                "kind": "bonus",
                "max_points": "10",
                "points_per_item": "10",
            },
        ),
        201,
    )
    _ok(
        leader.post(f"/covenants/{cid}/items", {"text": "Hoàn thành xuất sắc nhiệm vụ năm 2026."}),
        201,
    )
    assert _ok(leader.get(f"/covenants/{cid}/criteria/validation"))["problems"] == []
    _ok(leader.post(f"/covenants/{cid}/open-signing"))
    for officer in officers.values():
        _ok(officer.post(f"/covenants/{cid}/sign"), 201)
    assert _ok(board.post(f"/covenants/{cid}/lock"))["status"] == "locked"

    # Two members self-score and submit.
    wanted = {
        member_a.pk: {"I.1": "28", "I.2": "27", "II.1": "36", "B.1": "10"},
        member_b.pk: {"I.1": "29", "I.2": "28", "II.1": "38", "B.1": "0"},
    }
    cards = {}
    for unit_id, points in wanted.items():
        client = officers[unit_id]
        card = _ok(client.post(f"/seasons/{season.pk}/scorecards/own"), 201)
        for score in card["scores"]:
            _ok(
                client.patch(
                    f"/scores/{score['id']}",
                    {"points": points[score["criterion"]["code"]], "comment": "Có báo cáo"},
                )
            )
        _ok(client.post(f"/scorecards/{card['id']}/submit"))
        cards[unit_id] = card

    # The leader lowers one row of member B with a reason, closes both reviews, opens objections.
    b_row = next(s for s in cards[member_b.pk]["scores"] if s["criterion"]["code"] == "II.1")
    refused = leader.request("put", f"/scores/{b_row['id']}/review", {"points": "30"})
    assert (refused.status_code, refused.json()["code"]) == (422, "reason_required")
    _ok(
        leader.request(
            "put", f"/scores/{b_row['id']}/review", {"points": "30", "reason": "Thiếu minh chứng"}
        )
    )
    for card in cards.values():
        _ok(leader.post(f"/scorecards/{card['id']}/mark-reviewed"))
    _ok(leader.post(f"/seasons/{season.pk}/open-objections"))
    objection = _ok(
        officers[member_b.pk].post(
            f"/scorecards/{cards[member_b.pk]['id']}/objections",
            {"criterion_id": b_row["criterion"]["id"], "text": "Đơn vị đã gửi bổ sung minh chứng."},
        ),
        201,
    )
    _ok(
        leader.post(
            f"/objections/{objection['id']}/answer", {"answer": "Giữ nguyên điểm thẩm định."}
        )
    )
    for card in cards.values():
        _ok(leader.post(f"/scorecards/{card['id']}/finalize"))

    # The ranking: A 101 (91 + bonus 10), B 87 (95 − 8 on review); the leader has no card.
    ranking = _ok(board.get(f"/seasons/{season.pk}/ranking"))
    ranked = [(row["unit"]["id"], row["rank"], row["total"]) for row in ranking["rows"]]
    assert [(u, r) for u, r, _t in ranked[:2]] == [(member_a.pk, 1), (member_b.pk, 2)]
    assert [float(t) for _u, _r, t in ranked[:2]] == [101.0, 87.0]
