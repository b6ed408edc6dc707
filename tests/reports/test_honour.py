"""The public honour board: what it shows (and never shows), who changes it, on pages and API."""

import datetime

import pytest
from django.test import Client

from tests.api.conftest import ApiClient, schema_writes
from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.awards.services import registry
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.reports.models import HonourBoard, HonourBoardHidden
from thidua.reports.selectors import honour as selectors
from thidua.reports.services import honour as services

pytestmark = pytest.mark.django_db


def line(
    actor, *, unit=None, person=None, award="co_thi_dua_ubnd_tinh", year=2024, number="1/QĐ-UBND"
):
    return registry.award_record_create(
        actor=actor,
        unit=unit,
        person=person,
        award_type=award,
        year=year,
        decision_number=number,
        decision_date=datetime.date(year, 12, 20) if number else None,
        issuer="Chủ tịch UBND tỉnh" if number else "",
    )


@pytest.fixture
def world(province, board_admin):
    unit = UnitFactory(province=province, name="Sở Tư pháp")
    person = PersonFactory(
        unit=unit, full_name="Trần Thị Đào", birth_year=1977, position="Giám đốc"
    )
    lines = {
        "flag": line(board_admin, unit=unit),
        "person": line(
            board_admin, person=person, award="chien_si_thi_dua_cap_tinh", number="2/QĐ-UBND"
        ),
        "no_decision": line(
            board_admin, unit=unit, award="bang_khen_chu_tich_ubnd_tinh", number=""
        ),
        "unit_level": line(
            board_admin, person=person, award="lao_dong_tien_tien", number="5/QĐ-STP"
        ),
        "old": line(board_admin, unit=unit, year=2015, number="9/QĐ-UBND"),
        "national": line(board_admin, unit=unit, award="co_thi_dua_chinh_phu", number="612/QĐ-TTg"),
    }
    revoked = line(
        board_admin, unit=unit, award="bang_khen_chu_tich_ubnd_tinh", year=2023, number="3/QĐ-UBND"
    )
    registry.award_record_revoke(actor=board_admin, record=revoked, reason="Sai đối tượng")
    lines["revoked"] = revoked
    return {"unit": unit, "person": person, "lines": lines}


def publish(board_admin, province, **changes):
    options = {"published": True, "from_year": 2020} | changes
    return services.honour_board_update(actor=board_admin, province=province, **options)


def test_the_board_shows_decided_awards_of_its_levels_from_its_first_year(
    world, board_admin, province
):
    board = publish(board_admin, province)
    shown = set(selectors.honour_lines(board).values_list("pk", flat=True))
    lines = world["lines"]

    assert shown == {lines["flag"].pk, lines["person"].pk, lines["national"].pk}
    # Without a decision, revoked, below the levels shown, or before the first year: never shown.


def test_levels_people_and_filters_narrow_the_board(world, board_admin, province):
    lines = world["lines"]
    board = publish(board_admin, province, levels=["national"], show_people=False)
    assert set(selectors.honour_lines(board).values_list("pk", flat=True)) == {lines["national"].pk}

    board = publish(board_admin, province, levels=["unit", "province", "national"], from_year=None)
    assert lines["unit_level"].pk in set(selectors.honour_lines(board).values_list("pk", flat=True))
    assert list(selectors.honour_lines(board, year=2015).values_list("pk", flat=True)) == [
        lines["old"].pk
    ]
    assert list(
        selectors.honour_lines(board, award_type="chien_si_thi_dua_cap_tinh").values_list(
            "pk", flat=True
        )
    ) == [lines["person"].pk]


def test_a_hidden_line_leaves_the_board_and_comes_back(world, board_admin, province):
    board = publish(board_admin, province)
    flag = world["lines"]["flag"]

    services.honour_record_hide(actor=board_admin, record=flag, reason="Đang đính chính tên đơn vị")
    assert flag.pk not in set(selectors.honour_lines(board).values_list("pk", flat=True))
    with pytest.raises(Conflict):
        services.honour_record_hide(actor=board_admin, record=flag, reason="lần nữa")

    services.honour_record_show(actor=board_admin, record=flag)
    assert flag.pk in set(selectors.honour_lines(board).values_list("pk", flat=True))
    with pytest.raises(Conflict):
        services.honour_record_show(actor=board_admin, record=flag)
    assert HonourBoardHidden.history.filter(record_id=flag.pk).count() == 2


def test_writes_are_audited_and_checked(world, board_admin, province):
    board = publish(board_admin, province, title="Bảng vàng tỉnh")
    row = board.history.latest()
    assert row.history_user == board_admin and row.history_change_reason == "Công khai bảng vàng"

    for bad, code in [
        ({"levels": []}, "levels_required"),
        ({"levels": ["xa"]}, "invalid_level"),
        ({"from_year": 1800}, "invalid_year"),
        ({"title": "a\x00b"}, None),
        ({"title": "x" * 201}, None),
    ]:
        with pytest.raises(ValidationFailed) as exc:
            publish(board_admin, province, **bad)
        assert code is None or exc.value.code == code
    assert HonourBoard.objects.get(province=province).title == "Bảng vàng tỉnh"
    with pytest.raises(ValidationFailed):
        services.honour_record_hide(actor=board_admin, record=world["lines"]["flag"], reason=" ")


@pytest.mark.parametrize("who", ["officer", "viewer", "other_board"])
def test_only_the_provinces_board_changes_the_board(world, province, who, officer, viewer):
    users = {
        "officer": officer,
        "viewer": viewer,
        "other_board": UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory()),
    }
    user = users[who]
    refused = (PermissionDeniedError, NotFound)  # another province's records are not even found
    with pytest.raises(refused):
        services.honour_board_update(actor=user, province=province, published=True)
    with pytest.raises(refused):
        services.honour_record_hide(actor=user, record=world["lines"]["flag"], reason="x")
    assert not HonourBoard.objects.exists() and not HonourBoardHidden.objects.exists()


# Pages ---------------------------------------------------------------------------------------


def test_public_page_needs_no_login_and_shows_no_other_personal_data(world, board_admin, province):
    board_url = f"/bang-vang/{province.code}/"
    assert Client().get(board_url).status_code == 404  # not published yet
    publish(board_admin, province)

    response = Client().get(board_url)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Trần Thị Đào" in html and "Sở Tư pháp" in html and "612/QĐ-TTg" in html
    assert "1977" not in html and "Giám đốc" not in html and "Nữ" not in html
    assert "Không công khai" not in html  # no management for visitors
    assert "public" in response["Cache-Control"]
    assert province.name in Client().get("/bang-vang/").content.decode()


def test_the_board_previews_an_unpublished_board_and_hides_lines(world, board_admin, province):
    client = Client()
    client.force_login(board_admin)
    html = client.get(f"/bang-vang/{province.code}/").content.decode()
    assert "xem trước" in html  # preview before publishing (defaults: not published)

    publish(board_admin, province)
    flag = world["lines"]["flag"]
    assert client.get(f"/bang-vang/dong/{flag.pk}/an/").status_code == 200
    response = client.post(f"/bang-vang/dong/{flag.pk}/an/", {"reason": ""})
    assert response.status_code == 200 and not HonourBoardHidden.objects.exists()
    response = client.post(f"/bang-vang/dong/{flag.pk}/an/", {"reason": "Cá nhân đề nghị"})
    assert response.status_code == 302 and HonourBoardHidden.objects.filter(record=flag).exists()

    settings_url = f"/bang-vang/tinh/{province.pk}/cai-dat/"
    assert "Cá nhân đề nghị" in client.get(settings_url).content.decode()
    client.post(f"/bang-vang/dong/{flag.pk}/hien/")
    assert not HonourBoardHidden.objects.exists()


def test_settings_page_saves_and_refuses_bad_input(world, board_admin, province):
    client = Client()
    client.force_login(board_admin)
    url = f"/bang-vang/tinh/{province.pk}/cai-dat/"
    form = {
        "published": "on",
        "title": "Bảng vàng",
        "levels": ["province"],
        "from_year": "2020",
        "show_people": "on",
    }

    assert client.post(url, form | {"levels": []}).status_code == 200
    assert client.post(url, form | {"title": "a\x00"}).status_code == 200
    assert not HonourBoard.objects.exists()
    assert client.post(url, form).status_code == 302
    board = HonourBoard.objects.get(province=province)
    assert board.published and board.levels == ["province"] and board.from_year == 2020


@pytest.mark.parametrize("who", ["officer", "viewer"])
def test_settings_pages_are_the_boards_only(world, province, who, officer, viewer, board_admin):
    user = {"officer": officer, "viewer": viewer}[who]
    client = Client()
    client.force_login(user)
    flag = world["lines"]["flag"]

    assert client.get(f"/bang-vang/tinh/{province.pk}/cai-dat/").status_code == 403
    assert client.post(f"/bang-vang/dong/{flag.pk}/an/", {"reason": "x"}).status_code == 403
    assert client.get(f"/bang-vang/{province.code}/").status_code == 404  # unpublished
    assert Client().get(f"/bang-vang/tinh/{province.pk}/cai-dat/").status_code == 302  # sign in


def test_the_public_page_costs_the_same_queries_for_one_line_and_many(
    world, board_admin, province, django_assert_num_queries
):
    publish(board_admin, province)
    client = Client()
    url = f"/bang-vang/{province.code}/"
    with django_assert_num_queries(4):  # board, merged provinces, count, page
        client.get(url)
    unit = world["unit"]
    for i in range(12):
        person = PersonFactory(unit=UnitFactory(province=province))
        line(
            board_admin,
            person=person,
            award="chien_si_thi_dua_cap_tinh",
            year=2021 + i % 4,
            number=f"{i}/QĐ",
        )
        line(
            board_admin,
            unit=unit,
            award="bang_khen_chu_tich_ubnd_tinh",
            year=2021 + i % 4,
            number=f"B{i}/QĐ",
        )
    with django_assert_num_queries(4):
        response = client.get(url)
    assert response.content.decode().count("<tr>") == 1 + 3 + 24


def test_bad_filters_are_refused_without_error(world, board_admin, province):
    publish(board_admin, province)
    response = Client().get(f"/bang-vang/{province.code}/", {"nam": "abc", "hinh_thuc": "x\x00"})
    assert response.status_code in (200, 400)


# API -----------------------------------------------------------------------------------------


def test_api_public_board_and_settings(world, board_admin, province, officer):
    anonymous = ApiClient()
    assert anonymous.get(f"/honour-board/{province.code}").status_code == 404
    board_api = ApiClient().login(board_admin)
    payload = {"published": True, "levels": ["province", "national"], "from_year": 2020}

    response = board_api.request("put", f"/provinces/{province.pk}/honour-board", payload)
    assert response.status_code == 200 and response.json()["published"] is True

    body = anonymous.get(f"/honour-board/{province.code}", {"limit": 2}).json()
    assert body["count"] == 3 and len(body["items"]) == 2 and not body["capped"]
    assert set(body["items"][0]) == {
        "id",
        "year",
        "name",
        "unit",
        "collective",
        "award_type",
        "award_name",
        "decision_number",
        "decision_date",
        "issuer",
    }
    assert anonymous.get(f"/honour-board/{province.code}", {"year": 3000}).status_code == 422
    assert board_api.get(f"/provinces/{province.pk}/honour-board").json()["from_year"] == 2020

    flag = world["lines"]["flag"]
    assert (
        board_api.post("/honour-board/hidden", {"record_id": flag.pk, "reason": "x"}).status_code
        == 204
    )
    assert (
        board_api.post("/honour-board/hidden", {"record_id": flag.pk, "reason": "x"}).status_code
        == 409
    )
    assert anonymous.get(f"/honour-board/{province.code}").json()["count"] == 2
    assert board_api.delete(f"/honour-board/hidden/{flag.pk}").status_code == 204

    bad = board_api.request(
        "put", f"/provinces/{province.pk}/honour-board", payload | {"levels": []}
    )
    assert bad.status_code == 422 and bad.json()["code"]
    bad = board_api.request(
        "put", f"/provinces/{province.pk}/honour-board", payload | {"title": "a\x00"}
    )
    assert bad.status_code in (400, 422) and bad.json()["code"]

    officer_api = ApiClient().login(officer)
    assert (
        officer_api.request("put", f"/provinces/{province.pk}/honour-board", payload).status_code
        == 403
    )
    assert officer_api.get(f"/provinces/{province.pk}/honour-board").status_code == 403
    assert (
        officer_api.post("/honour-board/hidden", {"record_id": flag.pk, "reason": "x"}).status_code
        == 403
    )
    assert (
        anonymous.request("put", f"/provinces/{province.pk}/honour-board", payload).status_code
        == 401
    )


# The writes test_api_public_board_and_settings checks for the board, an officer and anonymous.
COVERED_WRITES = {
    ("put", "/provinces/{province_id}/honour-board"),
    ("post", "/honour-board/hidden"),
    ("delete", "/honour-board/hidden/{record_id}"),
}


def test_api_writes_of_the_honour_tag_are_all_tested_above():
    assert schema_writes("honour") == COVERED_WRITES


def test_a_merged_provinces_lines_show_on_its_successors_board(board_admin, province):
    old = ProvinceFactory(merged_into=province)
    unit = UnitFactory(province=old)
    flag = line(UserFactory(role=Role.BOARD_ADMIN), unit=unit)  # a national board account
    board = publish(board_admin, province)
    assert flag.pk in set(selectors.honour_lines(board).values_list("pk", flat=True))
    assert AwardRecord.objects.count() == 1
