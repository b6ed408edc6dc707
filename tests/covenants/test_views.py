"""The covenant pages: who sees what (per role), writes through the forms, 403/404, htmx."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.covenants.world import ROLES, build_world
from tests.factories.covenants import CovenantFactory, RegistrationFactory
from thidua.covenants import services
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.covenants.models import Covenant, Movement, Registration

pytestmark = pytest.mark.integration


@pytest.fixture
def world(db):
    return build_world()


def _login(client, world, role):
    client.force_login(world.user(role))
    return client


def _movement(world, kind="thematic"):
    return Movement.objects.create(
        province=world.province,
        name="Văn hoá công sở",
        kind=kind,
        start_date=datetime.date(2019, 1, 1),
    )


def _read_urls(world, covenant, registration, movement):
    return [
        reverse("covenants:movement_list"),
        reverse("covenants:movement_detail", args=[movement.pk]),
        reverse("covenants:covenant_detail", args=[covenant.pk]),
        reverse("covenants:covenant_signatures", args=[covenant.pk]),
        reverse("covenants:criteria_table", args=[covenant.pk]),
        reverse("covenants:registration_list", args=[world.season.pk]),
        reverse("org:season_detail", args=[world.season.pk]),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_each_role(client, world, role):
    covenant = world.covenant()
    registration = RegistrationFactory(season=world.season, unit=world.member)
    movement = _movement(world)
    _login(client, world, role)

    statuses = [
        client.get(url).status_code for url in _read_urls(world, covenant, registration, movement)
    ]

    expected = [200, 404, 404, 404, 404, 404, 404] if role == "other_board" else [200] * 7
    assert statuses == expected


def test_pages_anonymous_redirects_to_login(client, world):
    response = client.get(reverse("covenants:movement_list"))

    assert response.status_code == 302


def test_movement_detail_states_gen02_for_thematic(client, world):
    movement = _movement(world, "ad_hoc")
    _login(client, world, "viewer")

    body = client.get(reverse("covenants:movement_detail", args=[movement.pk])).content.decode()

    assert "không được tính vào chuỗi danh hiệu nhiều năm liên tục (GEN-02" in body


def test_movement_list_kind_filter(client, world):
    _movement(world, "thematic")
    Movement.objects.create(
        province=world.province,
        name="Thi đua thường xuyên",
        kind="regular",
        start_date=datetime.date(2024, 1, 1),
    )
    _login(client, world, "viewer")

    body = client.get(reverse("covenants:movement_list"), {"kind": "regular"}).content.decode()

    assert "Thi đua thường xuyên" in body
    assert "Văn hoá công sở" not in body


def test_movement_create_by_board_and_denied_for_officer(client, world):
    _login(client, world, "board")
    response = client.post(
        reverse("covenants:movement_create"),
        {
            "province": world.province.pk,
            "name": "Nông thôn mới",
            "kind": "thematic",
            "start_date": "2021-01-01",
            "blocs": [world.season.bloc_id],
        },
    )
    movement = Movement.objects.get()
    assert response.status_code == 302
    assert list(movement.blocs.all()) == [world.season.bloc]

    _login(client, world, "member_officer")
    assert client.get(reverse("covenants:movement_create")).status_code == 403
    assert client.get(reverse("covenants:movement_update", args=[movement.pk])).status_code == 403


def test_covenant_create_page_by_leader(client, world):
    _login(client, world, "leader_officer")
    data = {
        "title": "Giao ước 2024",
        "total_points": "100",
        "scoring_mode": "leader_review",
        "bands": "xs | Xuất sắc | 90 | 85\nt | Tốt | 80",
        "tie_break_1": "more_bonus",
        "body": "Điều 1",
    }

    response = client.post(reverse("covenants:covenant_create", args=[world.season.pk]), data)

    covenant = Covenant.objects.get()
    assert response.status_code == 302
    assert covenant.tie_breaks == ["more_bonus"]
    assert covenant.bands[0] == {
        "code": "xs",
        "label": "Xuất sắc",
        "min_share": 0.9,
        "min_criterion_share": 0.85,
    }


def test_covenant_create_page_denied_for_member(client, world):
    _login(client, world, "member_officer")

    assert (
        client.get(reverse("covenants:covenant_create", args=[world.season.pk])).status_code == 403
    )


def test_covenant_create_page_bad_bands_shows_error(client, world):
    _login(client, world, "board")

    response = client.post(
        reverse("covenants:covenant_create", args=[world.season.pk]),
        {
            "title": "G",
            "total_points": "100",
            "scoring_mode": "leader_review",
            "bands": "chỉ một cột",
        },
    )

    assert response.status_code == 200
    assert "không đúng dạng" in response.content.decode()


def test_season_panel_shows_status_signatures_and_links(client, world):
    covenant = world.covenant()
    services.covenant_open_signing(actor=world.user("board"), covenant=covenant)
    services.covenant_sign(actor=world.user("member_officer"), covenant=covenant)
    _login(client, world, "member_officer")

    body = client.get(reverse("org:season_detail", args=[world.season.pk])).content.decode()

    assert "Đang ký kết" in body
    assert "1/3 thành viên" in body
    assert reverse("covenants:criteria_table", args=[covenant.pk]) in body
    assert reverse("covenants:registration_own", args=[world.season.pk]) in body


def test_season_panel_without_covenant_offers_create_to_leader(client, world):
    _login(client, world, "leader_officer")

    body = client.get(reverse("org:season_detail", args=[world.season.pk])).content.decode()

    assert reverse("covenants:covenant_create", args=[world.season.pk]) in body


def test_covenant_sign_lock_through_pages(client, world):
    covenant = world.covenant()
    _login(client, world, "leader_officer")
    client.post(reverse("covenants:covenant_open_signing", args=[covenant.pk]))
    _login(client, world, "member_officer")
    client.post(reverse("covenants:covenant_sign", args=[covenant.pk]))
    again = client.post(reverse("covenants:covenant_sign", args=[covenant.pk]), follow=True)
    _login(client, world, "board")
    client.post(reverse("covenants:covenant_lock", args=[covenant.pk]))

    covenant.refresh_from_db()
    body = client.get(reverse("covenants:covenant_signatures", args=[covenant.pk])).content.decode()
    assert covenant.status == CovenantStatus.LOCKED
    assert "Đơn vị của bạn đã ký giao ước lúc" in again.content.decode()
    assert "1/3 thành viên đã ký" in body
    assert "Chưa ký" in body


def test_covenant_open_signing_invalid_table_shows_message(client, world):
    covenant = CovenantFactory(season=world.season)
    _login(client, world, "board")

    response = client.post(
        reverse("covenants:covenant_open_signing", args=[covenant.pk]), follow=True
    )

    assert "Bảng điểm còn 1 lỗi" in response.content.decode()


def test_covenant_unlock_page_requires_reason(client, world):
    covenant = CovenantFactory(season=world.season, status=CovenantStatus.LOCKED)
    _login(client, world, "board")
    url = reverse("covenants:covenant_unlock", args=[covenant.pk])

    empty = client.post(url, {"reason": ""})
    done = client.post(url, {"reason": "Sửa nhóm II"})

    covenant.refresh_from_db()
    assert (empty.status_code, done.status_code) == (200, 302)
    assert covenant.status == CovenantStatus.SIGNING


def test_locked_covenant_edit_refused_with_message(client, world):
    covenant = CovenantFactory(season=world.season, status=CovenantStatus.LOCKED)
    _login(client, world, "board")

    response = client.post(
        reverse("covenants:covenant_update", args=[covenant.pk]),
        {"title": "Mới", "total_points": "100", "scoring_mode": "leader_review", "bands": ""},
    )

    assert "đã khoá, không thể sửa" in response.content.decode()


def test_items_add_move_and_delete_through_pages(client, world):
    covenant = CovenantFactory(season=world.season)
    _login(client, world, "leader_officer")
    for text in ("Một", "Hai"):
        client.post(reverse("covenants:item_add", args=[covenant.pk]), {"text": text})
    second = covenant.items.get(text="Hai")

    client.post(reverse("covenants:item_move", args=[second.pk]), {"direction": "up"})
    client.post(reverse("covenants:item_delete", args=[covenant.items.get(text="Một").pk]))

    assert list(covenant.items.values_list("text", flat=True)) == ["Hai"]


def test_criteria_table_shows_problems_and_tree(client, world):
    covenant = world.covenant()
    covenant.criteria.filter(code="I.2").update(max_points=Decimal("20"))
    _login(client, world, "viewer")

    body = client.get(reverse("covenants:criteria_table", args=[covenant.pk])).content.decode()

    assert "Dòng “I”: điểm tối đa của nhóm là 60 nhưng tổng điểm các dòng con là 50." in body
    assert "padding-left: 2.0rem" in body
    assert reverse("covenants:criterion_create", args=[covenant.pk]) not in body


def test_criterion_create_htmx_returns_partial_form(client, world):
    covenant = world.covenant()
    _login(client, world, "leader_officer")

    response = client.get(
        reverse("covenants:criterion_create", args=[covenant.pk]), headers={"HX-Request": "true"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'name="max_points"' in body


def test_criterion_create_and_update_through_pages(client, world):
    covenant = world.covenant()
    group = covenant.criteria.get(code="II")
    _login(client, world, "leader_officer")

    created = client.post(
        reverse("covenants:criterion_create", args=[covenant.pk]),
        {
            "code": "II.2",
            "title": "Khen thưởng kịp thời",
            "kind": "criterion",
            "parent": group.pk,
            "max_points": "5",
        },
    )
    updated = client.post(
        reverse("covenants:criterion_update", args=[group.pk]),
        {"code": "II", "title": "Công tác TĐKT", "kind": "group", "max_points": "45"},
    )
    duplicate = client.post(
        reverse("covenants:criterion_create", args=[covenant.pk]),
        {"code": "II.2", "title": "x", "kind": "criterion", "max_points": "1"},
    )

    assert (created.status_code, updated.status_code) == (302, 302)
    assert covenant.criteria.get(code="II").title == "Công tác TĐKT"
    assert "Mã “II.2” đã có trong bảng điểm." in duplicate.content.decode()


def test_criteria_export_and_import_through_pages(client, world):
    source = world.covenant()
    _login(client, world, "board")
    data = client.get(reverse("covenants:criteria_export", args=[source.pk])).content
    from tests.factories import SeasonFactory

    target = CovenantFactory(season=SeasonFactory(bloc=world.season.bloc, year=2030))
    upload = io.BytesIO(data)
    upload.name = "bang-diem.xlsx"

    response = client.post(reverse("covenants:criteria_import", args=[target.pk]), {"file": upload})

    assert response.status_code == 302
    assert target.criteria.count() == 7


def test_criteria_import_broken_file_shows_error(client, world):
    covenant = CovenantFactory(season=world.season)
    _login(client, world, "board")
    upload = io.BytesIO(b"not excel")
    upload.name = "x.xlsx"

    response = client.post(
        reverse("covenants:criteria_import", args=[covenant.pk]), {"file": upload}
    )

    assert response.status_code == 422
    assert "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ." in response.content.decode()


def test_criteria_write_pages_denied_for_member(client, world):
    covenant = world.covenant()
    _login(client, world, "member_officer")
    leaf = covenant.criteria.get(code="I.1")

    statuses = [
        client.get(reverse("covenants:criterion_create", args=[covenant.pk])).status_code,
        client.get(reverse("covenants:criterion_update", args=[leaf.pk])).status_code,
        client.get(reverse("covenants:criterion_delete", args=[leaf.pk])).status_code,
        client.post(reverse("covenants:item_add", args=[covenant.pk]), {"text": "x"}).status_code,
        client.get(reverse("covenants:covenant_update", args=[covenant.pk])).status_code,
    ]

    assert statuses == [403] * 5


def test_registration_own_save_submit_return_resubmit(client, world):
    _login(client, world, "member_officer")
    url = reverse("covenants:registration_own", args=[world.season.pk])
    client.post(
        url,
        {
            "targets": "Hoàn thành 100%",
            "aimed_titles": "Cờ thi đua của UBND tỉnh\nTập thể lao động xuất sắc",
        },
    )
    client.post(
        url,
        {"targets": "Hoàn thành 100%", "aimed_titles": "Cờ thi đua của UBND tỉnh", "submit": "1"},
    )
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.SUBMITTED

    _login(client, world, "leader_officer")
    listing = client.get(
        reverse("covenants:registration_list", args=[world.season.pk])
    ).content.decode()
    client.post(
        reverse("covenants:registration_return", args=[registration.pk]),
        {"reason": "Bổ sung chỉ tiêu"},
    )
    registration.refresh_from_db()
    assert reverse("covenants:registration_approve", args=[registration.pk]) in listing
    assert (registration.status, registration.return_reason) == (
        RegistrationStatus.RETURNED,
        "Bổ sung chỉ tiêu",
    )

    _login(client, world, "member_officer")
    page = client.get(url).content.decode()
    client.post(url, {"targets": "Hoàn thành 110%", "aimed_titles": "", "submit": "1"})
    registration.refresh_from_db()
    assert "Bổ sung chỉ tiêu" in page
    assert (registration.status, registration.targets) == (
        RegistrationStatus.SUBMITTED,
        "Hoàn thành 110%",
    )


def test_registration_submit_after_deadline_shows_message(client, world):
    CovenantFactory(season=world.season, registration_deadline=datetime.date(2000, 1, 1))
    _login(client, world, "member_officer")

    response = client.post(
        reverse("covenants:registration_own", args=[world.season.pk]),
        {"targets": "A", "submit": "1"},
        follow=True,
    )

    assert "Đã quá hạn đăng ký thi đua" in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.DRAFT


def test_registration_pages_denied(client, world):
    registration = RegistrationFactory(
        season=world.season, unit=world.member, status=RegistrationStatus.SUBMITTED
    )

    _login(client, world, "other_officer")
    own = client.get(reverse("covenants:registration_own", args=[world.season.pk])).status_code
    ret = client.get(reverse("covenants:registration_return", args=[registration.pk])).status_code
    approve = client.post(
        reverse("covenants:registration_approve", args=[registration.pk]), follow=True
    )
    _login(client, world, "other_board")
    hidden = client.get(
        reverse("covenants:registration_return", args=[registration.pk])
    ).status_code

    registration.refresh_from_db()
    assert (own, ret, hidden) == (403, 403, 404)
    assert registration.status == RegistrationStatus.SUBMITTED
    assert "Bạn không có quyền" in approve.content.decode() or approve.status_code == 403


def test_pages_unknown_ids_are_404(client, world):
    _login(client, world, "board")

    statuses = [
        client.get(reverse("covenants:covenant_detail", args=[999999])).status_code,
        client.get(reverse("covenants:movement_detail", args=[999999])).status_code,
        client.get(reverse("covenants:criterion_update", args=[999999])).status_code,
        client.get(reverse("covenants:registration_list", args=[999999])).status_code,
    ]

    assert statuses == [404] * 4
