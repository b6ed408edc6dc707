"""The scoring pages: who sees what, autosave with htmx, uploads, downloads and the workflows."""

import pytest
from django.urls import reverse

from tests.scoring.conftest import (
    ROLES,
    in_objection,
    pdf_bytes,
    png_bytes,
    reload,
    reviewed,
    submitted,
    upload,
)
from thidua.scoring import services
from thidua.scoring.models import CrossScore, Evidence, Exclusion, Objection

pytestmark = pytest.mark.integration

HTMX = {"HTTP_HX_REQUEST": "true"}


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


# Season page panel --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["board", "leader_officer", "viewer"])
def test_season_panel_lists_member_cards_for_overseers(client, world, role):
    card = world.card()
    _login(client, world, role)

    body = client.get(reverse("org:season_detail", args=[world.season.pk])).content.decode()

    assert reverse("scoring:scorecard_detail", args=[card.pk]) in body
    assert world.b.name in body
    assert f"/nam-thi-dua/{world.season.pk}/xep-hang/" in body


def test_season_panel_member_sees_own_card_link_only(client, world):
    own = world.card()
    other = world.card(world.b)
    _login(client, world, "own_officer")

    body = client.get(reverse("org:season_detail", args=[world.season.pk])).content.decode()

    assert reverse("scoring:scorecard_detail", args=[own.pk]) in body
    assert reverse("scoring:scorecard_detail", args=[other.pk]) not in body


def test_season_panel_member_without_card_offered_start(client, world):
    _login(client, world, "own_officer")

    body = client.get(reverse("org:season_detail", args=[world.season.pk])).content.decode()

    assert reverse("scoring:my_scorecard", args=[world.season.pk]) in body


def test_season_panel_covenant_draft_says_not_ready(client, world):
    world.covenant.status = "draft"
    world.covenant.save()
    _login(client, world, "own_officer")

    response = client.get(reverse("org:season_detail", args=[world.season.pk]))

    assert response.status_code == 200
    assert reverse("scoring:my_scorecard", args=[world.season.pk]) not in response.content.decode()


# Own scorecard ------------------------------------------------------------------------------------


def test_my_scorecard_post_creates_and_redirects(client, world):
    _login(client, world, "own_officer")

    response = client.post(reverse("scoring:my_scorecard", args=[world.season.pk]))

    card = world.a.scorecards.get()
    assert response.status_code == 302
    assert response.url == reverse("scoring:scorecard_detail", args=[card.pk])


def test_my_scorecard_covenant_not_ready_shows_error(client, world):
    world.covenant.status = "draft"
    world.covenant.save()
    _login(client, world, "own_officer")

    response = client.post(reverse("scoring:my_scorecard", args=[world.season.pk]))

    assert response.status_code == 422
    assert "chưa thể chấm điểm" in response.content.decode()


def test_scorecard_detail_officer_sees_inputs_labelled(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    _login(client, world, "own_officer")

    body = client.get(reverse("scoring:scorecard_detail", args=[card.pk])).content.decode()

    assert f'<label for="diem-{row.pk}">Điểm tự chấm I.1' in body
    assert "Kết quả nhiệm vụ chuyên môn" in body
    assert "0/3 tiêu chí đã chấm" in body
    assert reverse("scoring:scorecard_submit", args=[card.pk]) in body


def test_scorecard_detail_tabs_switch_group(client, world):
    card = world.card()
    _login(client, world, "own_officer")

    body = client.get(
        reverse("scoring:scorecard_detail", args=[card.pk]), {"nhom": 1}
    ).content.decode()

    assert "Tổ chức phong trào thi đua" in body
    assert "Kết quả nhiệm vụ chuyên môn" not in body


@pytest.mark.parametrize("nhom", ["abc", "-5", "999"])
def test_scorecard_detail_bad_tab_clamped(client, world, nhom):
    card = world.card()
    _login(client, world, "own_officer")

    response = client.get(reverse("scoring:scorecard_detail", args=[card.pk]), {"nhom": nhom})

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("board", 200),
        ("leader_officer", 200),
        ("member_officer", 200),
        ("own_officer", 200),
        ("viewer", 200),
        ("other_board", 404),
    ],
)
def test_scorecard_detail_by_role(client, world, role, status):
    card = world.card()
    _login(client, world, role)

    response = client.get(reverse("scoring:scorecard_detail", args=[card.pk]))

    assert response.status_code == status


def test_scorecard_detail_other_officer_read_only(client, world):
    card = world.card()
    _login(client, world, "member_officer")

    body = client.get(reverse("scoring:scorecard_detail", args=[card.pk])).content.decode()

    assert 'name="points"' not in body


def test_scorecard_detail_review_hidden_from_unit_until_reviewed(client, world):
    card = submitted(world)
    services.score_set_review(
        actor=world.users["leader_officer"],
        score=world.score(card, "I.1"),
        points="20",
        reason="Bí mật",
    )
    _login(client, world, "own_officer")

    before = client.get(reverse("scoring:scorecard_detail", args=[card.pk])).content.decode()
    services.scorecard_mark_reviewed(actor=world.users["leader_officer"], scorecard=card)
    after = client.get(reverse("scoring:scorecard_detail", args=[card.pk])).content.decode()

    assert "Bí mật" not in before
    assert "Bí mật" in after


def test_score_self_htmx_saves_and_reports(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:score_self", args=[card.pk, row.pk]), {"points": "27,5"}, **HTMX
    )

    row.refresh_from_db()
    body = response.content.decode()
    assert str(row.self_score) == "27.50"
    assert "Đã lưu" in body
    assert 'id="tien-do"' in body and "1/3 tiêu chí đã chấm" in body


def test_score_self_htmx_comment_only_keeps_points(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    services.score_set_self(actor=world.users["own_officer"], score=row, points="10")
    _login(client, world, "own_officer")

    client.post(reverse("scoring:score_self", args=[card.pk, row.pk]), {"comment": "Đủ"}, **HTMX)

    row.refresh_from_db()
    assert (str(row.self_score), row.self_comment) == ("10.00", "Đủ")


def test_score_self_htmx_error_inline(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:score_self", args=[card.pk, row.pk]), {"points": "99"}, **HTMX
    )

    assert response.status_code == 200
    assert "field__error" in response.content.decode()
    assert "từ 0 đến 30" in response.content.decode()


def test_score_self_without_js_redirects_back(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:score_self", args=[card.pk, row.pk]),
        {"points": "5", "comment": "Có", "nhom": "0"},
    )

    assert response.status_code == 302
    assert response.url.endswith(f"#dong-{row.pk}")


def test_score_self_other_unit_forbidden(client, world):
    card = world.card()
    row = world.score(card, "I.1")
    _login(client, world, "member_officer")

    response = client.post(
        reverse("scoring:score_self", args=[card.pk, row.pk]), {"points": "5"}, **HTMX
    )

    row.refresh_from_db()
    assert response.status_code == 403
    assert row.self_score is None


def test_score_self_mismatched_card_404(client, world):
    card = world.card()
    other = world.card(world.b)
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:score_self", args=[other.pk, world.score(card, "I.1").pk]), {"points": "5"}
    )

    assert response.status_code == 404


def test_evidence_upload_htmx_lists_file(client, world):
    card = world.card()
    row = world.score(card, "I.2")
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:evidence_upload", args=[card.pk, row.pk]),
        {"file": upload("Kế hoạch.pdf", pdf_bytes())},
        **HTMX,
    )

    assert response.status_code == 200
    assert "Ke_hoach.pdf" in response.content.decode()
    assert Evidence.objects.filter(score=row).count() == 1


def test_evidence_upload_renamed_html_refused_inline(client, world):
    card = world.card()
    row = world.score(card, "I.2")
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:evidence_upload", args=[card.pk, row.pk]),
        {"file": upload("anh.png", b"<html><script>x</script></html>")},
        **HTMX,
    )

    assert "field__error" in response.content.decode()
    assert Evidence.objects.count() == 0


def test_evidence_delete_htmx(client, world):
    card = world.card()
    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("a.png", png_bytes()),
    )
    _login(client, world, "own_officer")

    response = client.post(reverse("scoring:evidence_delete", args=[evidence.pk]), **HTMX)

    assert response.status_code == 200
    assert Evidence.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [("own_officer", 200), ("leader_officer", 200), ("viewer", 200), ("other_board", 404)],
)
def test_evidence_download_by_role(client, world, role, status):
    card = world.card()
    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("a.pdf", pdf_bytes()),
    )
    _login(client, world, role)

    response = client.get(reverse("scoring:evidence_download", args=[evidence.pk]))

    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == pdf_bytes()
        assert response["Content-Disposition"].startswith("attachment")
        assert response["Content-Type"] == "application/pdf"


def test_evidence_download_anonymous_redirected(client, world):
    card = world.card()
    evidence = services.evidence_upload(
        actor=world.users["own_officer"],
        score=world.score(card, "I.2"),
        file=upload("a.pdf", pdf_bytes()),
    )

    response = client.get(reverse("scoring:evidence_download", args=[evidence.pk]))

    assert response.status_code == 302


def test_scorecard_submit_page_confirms_then_submits(client, world):
    card = world.card()
    from tests.scoring.conftest import fill

    fill(world, card)
    _login(client, world, "own_officer")

    page = client.get(reverse("scoring:scorecard_submit", args=[card.pk]))
    response = client.post(reverse("scoring:scorecard_submit", args=[card.pk]))

    assert page.status_code == 200
    assert response.status_code == 302
    assert reload(card).status == "submitted"


def test_scorecard_submit_page_missing_evidence_listed(client, world):
    from tests.scoring.conftest import fill

    card = fill(world, world.card(), evidence=False)
    _login(client, world, "own_officer")

    response = client.post(reverse("scoring:scorecard_submit", args=[card.pk]))

    assert response.status_code == 200
    assert "I.2" in response.content.decode()
    assert reload(card).status == "draft"


@pytest.mark.parametrize("role", ["member_officer", "leader_officer", "viewer"])
def test_scorecard_submit_page_forbidden_for_others(client, world, role):
    card = world.card()
    _login(client, world, role)

    assert client.get(reverse("scoring:scorecard_submit", args=[card.pk])).status_code == 403


# Review grid ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("board", 200),
        ("leader_officer", 200),
        ("member_officer", 403),
        ("own_officer", 403),
        ("viewer", 403),
        ("other_board", 404),
    ],
)
def test_review_grid_by_role(client, world, role, status):
    submitted(world)
    _login(client, world, role)

    response = client.get(reverse("scoring:review_grid", args=[world.season.pk]))

    assert response.status_code == status


def test_review_grid_leader_own_column_read_only(client, world):
    own = submitted(world, world.leader)
    other = submitted(world, world.a)
    _login(client, world, "leader_officer")

    body = client.get(reverse("scoring:review_grid", args=[world.season.pk])).content.decode()

    assert f'id="td-{world.score(other, "I.1").pk}"' in body
    assert f'id="td-{world.score(own, "I.1").pk}"' not in body


def test_score_review_htmx_saves_with_reason_and_totals(client, world):
    card = submitted(world)
    row = world.score(card, "I.1")
    _login(client, world, "leader_officer")

    response = client.post(
        reverse("scoring:score_review", args=[world.season.pk, row.pk]),
        {"points": "20", "reason": "Thiếu hồ sơ"},
        **HTMX,
    )

    row.refresh_from_db()
    body = response.content.decode()
    assert str(row.review_score) == "20.00"
    assert "Đã lưu" in body
    assert f'id="tong-{card.pk}"' in body


def test_score_review_htmx_missing_reason_inline(client, world):
    card = submitted(world)
    row = world.score(card, "I.1")
    _login(client, world, "leader_officer")

    response = client.post(
        reverse("scoring:score_review", args=[world.season.pk, row.pk]), {"points": "20"}, **HTMX
    )

    row.refresh_from_db()
    assert "field__error" in response.content.decode()
    assert row.review_score is None


def test_mark_reviewed_from_grid_redirects_back(client, world):
    card = submitted(world)
    _login(client, world, "leader_officer")
    grid = reverse("scoring:review_grid", args=[world.season.pk])

    response = client.post(
        reverse("scoring:scorecard_mark_reviewed", args=[card.pk]), {"next": grid}
    )

    assert response.url == grid
    assert reload(card).status == "reviewed"


def test_mark_reviewed_refusal_shown_as_message(client, world):
    card = world.card()
    _login(client, world, "leader_officer")

    response = client.post(reverse("scoring:scorecard_mark_reviewed", args=[card.pk]), follow=True)

    assert "không thể chuyển" in response.content.decode()


def test_season_open_objections_page(client, world):
    card = reviewed(world)
    _login(client, world, "leader_officer")

    response = client.post(reverse("scoring:season_open_objections", args=[world.season.pk]))

    assert response.status_code == 302
    assert reload(card).status == "objection"


# Cross-scoring -----------------------------------------------------------------------------------------


def test_cross_grid_excludes_own_card(client, cross_world):
    w = cross_world
    own = submitted(w, w.b)
    other = submitted(w, w.a)
    _login(client, w, "member_officer")

    body = client.get(reverse("scoring:cross_grid", args=[w.season.pk])).content.decode()

    assert f'id="cc-{w.score(other, "I.1").pk}"' in body
    assert f'id="cc-{w.score(own, "I.1").pk}"' not in body


def test_cross_score_htmx_saves(client, cross_world):
    w = cross_world
    card = submitted(w, w.a)
    row = w.score(card, "I.1")
    _login(client, w, "member_officer")

    response = client.post(
        reverse("scoring:cross_score", args=[w.season.pk, row.pk]), {"points": "21"}, **HTMX
    )

    assert "Đã lưu" in response.content.decode()
    assert CrossScore.objects.get(score=row).points == 21


def test_cross_score_own_card_refused(client, cross_world):
    w = cross_world
    card = submitted(w, w.a)
    row = w.score(card, "I.1")
    _login(client, w, "own_officer")

    response = client.post(
        reverse("scoring:cross_score", args=[w.season.pk, row.pk]), {"points": "21"}
    )

    assert response.status_code == 403
    assert CrossScore.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"), [("board", 403), ("viewer", 403), ("member_officer", 200)]
)
def test_cross_grid_by_role(client, cross_world, role, status):
    _login(client, cross_world, role)

    response = client.get(reverse("scoring:cross_grid", args=[cross_world.season.pk]))

    assert response.status_code == status


# Objections ----------------------------------------------------------------------------------------------


def test_objection_file_page_creates(client, world):
    card = in_objection(world)
    _login(client, world, "own_officer")

    response = client.post(
        reverse("scoring:objection_file", args=[card.pk]), {"criterion": "", "text": "Xem lại"}
    )

    assert response.status_code == 302
    assert Objection.objects.get().text == "Xem lại"


def test_objection_file_page_other_unit_forbidden(client, world):
    card = in_objection(world)
    _login(client, world, "member_officer")

    assert client.get(reverse("scoring:objection_file", args=[card.pk])).status_code == 403


def test_objection_answer_page_answers(client, world):
    card = in_objection(world)
    objection = services.objection_file(actor=world.users["own_officer"], scorecard=card, text="x")
    _login(client, world, "leader_officer")

    listing = client.get(reverse("scoring:objection_list", args=[world.season.pk]))
    response = client.post(
        reverse("scoring:objection_answer", args=[objection.pk]),
        {"answer": "Giữ nguyên", "points": "", "reason": ""},
    )

    objection.refresh_from_db()
    assert reverse("scoring:objection_answer", args=[objection.pk]) in listing.content.decode()
    assert response.status_code == 302
    assert objection.status == "answered"


def test_objection_list_member_sees_only_own(client, world):
    card_a = in_objection(world, world.a)
    card_b = in_objection(world, world.b)
    services.objection_file(actor=world.users["own_officer"], scorecard=card_a, text="Ý kiến A")
    services.objection_file(actor=world.users["member_officer"], scorecard=card_b, text="Ý kiến B")
    _login(client, world, "member_officer")

    body = client.get(reverse("scoring:objection_list", args=[world.season.pk])).content.decode()

    assert "Ý kiến B" in body
    assert "Ý kiến A" not in body


def test_objection_answer_page_member_forbidden(client, world):
    card = in_objection(world)
    objection = services.objection_file(actor=world.users["own_officer"], scorecard=card, text="x")
    _login(client, world, "own_officer")

    assert client.get(reverse("scoring:objection_answer", args=[objection.pk])).status_code == 403


# Finalize, reopen ---------------------------------------------------------------------------------------


def test_reopen_page_requires_reason(client, world):
    card = in_objection(world)
    services.scorecard_finalize(actor=world.users["board"], scorecard=card)
    _login(client, world, "board")

    empty = client.post(reverse("scoring:scorecard_reopen", args=[card.pk]), {"reason": ""})
    done = client.post(reverse("scoring:scorecard_reopen", args=[card.pk]), {"reason": "Sai sót"})

    assert empty.status_code == 200
    assert done.status_code == 302
    assert reload(card).status == "reviewed"


def test_reopen_page_leader_forbidden(client, world):
    card = in_objection(world)
    services.scorecard_finalize(actor=world.users["board"], scorecard=card)
    _login(client, world, "leader_officer")

    assert client.get(reverse("scoring:scorecard_reopen", args=[card.pk])).status_code == 403


# Exclusions ----------------------------------------------------------------------------------------------


def test_exclusion_list_board_creates_and_removes(client, world):
    _login(client, world, "board")
    url = reverse("scoring:exclusion_list", args=[world.season.pk])

    created = client.post(url, {"unit": world.b.pk, "rule_id": "GEN-03", "reason": "Kỷ luật"})
    exclusion = Exclusion.objects.get()
    removed = client.post(
        reverse("scoring:exclusion_delete", args=[exclusion.pk]), {"reason": "Xong"}
    )

    assert (created.status_code, removed.status_code) == (302, 302)
    assert Exclusion.objects.count() == 0


@pytest.mark.parametrize("role", ["leader_officer", "own_officer", "viewer"])
def test_exclusion_list_non_board_read_only(client, world, role):
    _login(client, world, role)
    url = reverse("scoring:exclusion_list", args=[world.season.pk])

    page = client.get(url)
    post = client.post(url, {"unit": world.b.pk, "rule_id": "GEN-03", "reason": "x"})

    assert page.status_code == 200
    assert 'name="reason"' not in page.content.decode()
    assert post.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_scoring_pages_anonymous_redirected(client, world, role):
    card = world.card()
    urls = [
        reverse("scoring:scorecard_detail", args=[card.pk]),
        reverse("scoring:review_grid", args=[world.season.pk]),
        reverse("scoring:objection_list", args=[world.season.pk]),
        reverse("scoring:exclusion_list", args=[world.season.pk]),
    ]

    assert [client.get(u).status_code for u in urls] == [302] * len(urls)


def test_scorecard_page_in_english(client, world):
    card = world.card()
    _login(client, world, "own_officer")
    client.post(reverse("set_language"), {"language": "en"})

    body = client.get(reverse("scoring:scorecard_detail", args=[card.pk])).content.decode()

    assert "Self-score I.1" in body
    assert "0/3 criteria scored" in body
    assert "Self-assessing" in body
