"""The server-rendered org pages: who sees what, and writes through the forms."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from tests.factories import (
    BlocFactory,
    PersonFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
    season_with_members,
)
from thidua.accounts.enums import Role
from thidua.core.audit import stamp
from thidua.org.enums import BlocKind, Gender, LineageKind, UnitKind
from thidua.org.models import Bloc, LineageEvent, Person, Season, SeasonMembership, Unit

pytestmark = pytest.mark.integration

ROLES = ["board_admin", "officer", "viewer"]


@pytest.fixture
def world(province):
    """A bloc with a 2023 season (leader, deputy, one more member) and a person."""
    season = season_with_members(3, year=2023, province=province)
    person = PersonFactory(unit=season.leader, full_name="Trần Thị Hoà")
    return {
        "season": season,
        "bloc": season.bloc,
        "unit": season.leader,
        "person": person,
    }


@pytest.fixture
def foreign(other_province):
    """Records of a province outside the officer's and viewer's scope."""
    season = season_with_members(2, year=2023, province=other_province)
    return {
        "season": season,
        "bloc": season.bloc,
        "unit": season.leader,
        "person": PersonFactory(unit=season.leader),
    }


def _login(client, user):
    client.force_login(user)
    return client


def _detail_urls(world):
    return [
        reverse("org:dashboard"),
        reverse("org:bloc_list"),
        reverse("org:unit_list"),
        reverse("org:person_list"),
        reverse("org:bloc_detail", args=[world["bloc"].pk]),
        reverse("org:season_detail", args=[world["season"].pk]),
        reverse("org:unit_detail", args=[world["unit"].pk]),
        reverse("org:person_detail", args=[world["person"].pk]),
    ]


# Reading ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_pages_render_for_each_role(client, request, world, role):
    user = request.getfixturevalue(role)
    _login(client, user)

    statuses = {url: client.get(url).status_code for url in _detail_urls(world)}

    assert statuses == dict.fromkeys(_detail_urls(world), 200)


def test_pages_anonymous_redirected_to_login(client, world):
    urls = [
        *_detail_urls(world),
        reverse("org:unit_create"),
        reverse("org:season_update", args=[world["season"].pk]),
    ]

    responses = [client.get(url) for url in urls]

    assert [r.status_code for r in responses] == [302] * len(urls)
    assert all(r.url.startswith(reverse("accounts:login")) for r in responses)


def test_dashboard_shows_leader_and_deputy_of_year(client, viewer, world):
    season = world["season"]
    _login(client, viewer)

    response = client.get(reverse("org:dashboard"), {"year": 2023})

    body = response.content.decode()
    assert response.context["year"] == 2023
    assert season.leader.display_name in body
    assert season.deputy.display_name in body
    assert reverse("org:bloc_detail", args=[season.bloc.pk]) in body


def test_dashboard_defaults_to_latest_season_year(client, viewer, world):
    _login(client, viewer)

    response = client.get(reverse("org:dashboard"))

    assert response.context["year"] == 2023


def test_dashboard_province_of_other_scope_not_found(client, viewer, world, foreign):
    _login(client, viewer)

    response = client.get(reverse("org:dashboard"), {"province": foreign["bloc"].province_id})

    assert response.status_code == 404
    assert foreign["bloc"].name not in response.content.decode()


def test_bloc_detail_rotation_and_illustrative_mark(client, viewer, world):
    bloc = world["bloc"]
    unit = world["unit"]
    older = SeasonFactory(bloc=bloc, year=2022, is_illustrative=True, source="Báo Hà Nam 2022")
    SeasonMembershipFactory(season=older, unit=unit)
    older.leader = unit
    older.save()
    _login(client, viewer)

    response = client.get(reverse("org:bloc_detail", args=[bloc.pk]))

    body = response.content.decode()
    assert [s.year for s in response.context["seasons"]] == [2023, 2022]
    assert "minh hoạ" in body
    assert "Báo Hà Nam 2022" in body


def test_bloc_list_search_ignores_diacritics(client, viewer, province):
    BlocFactory(province=province, name="Khối Đảng")
    BlocFactory(province=province, name="Khối Kinh tế")
    _login(client, viewer)

    response = client.get(reverse("org:bloc_list"), {"q": "dang"})

    assert [b.name for b in response.context["page"].object_list] == ["Khối Đảng"]


def test_unit_list_filters_by_kind_and_search(client, viewer, province):
    UnitFactory(province=province, name="Sở Tài chính", kind=UnitKind.DEPARTMENT)
    UnitFactory(province=province, name="Ban Tuyên giáo Tỉnh uỷ", kind=UnitKind.PARTY)
    _login(client, viewer)

    response = client.get(reverse("org:unit_list"), {"q": "tai chinh", "kind": "department"})

    assert [u.name for u in response.context["page"].object_list] == ["Sở Tài chính"]


def test_unit_list_htmx_filter_returns_results(client, viewer, province):
    UnitFactory(province=province, name="Sở Tư pháp")
    _login(client, viewer)

    response = client.get(reverse("org:unit_list"), {"q": "tu phap"}, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert 'id="results"' in response.content.decode()


def test_unit_list_invalid_filter_ignored(client, viewer, province):
    UnitFactory(province=province)
    _login(client, viewer)

    response = client.get(reverse("org:unit_list"), {"province": "abc", "page": "99"})

    assert response.status_code == 200


def test_unit_detail_marks_seasons_inherited_from_predecessor(client, viewer, province, world):
    old_unit = world["season"].members.exclude(pk=world["unit"].pk).first()
    successor = UnitFactory(province=province, name="Sở Hợp nhất")
    event = LineageEvent.objects.create(
        kind=LineageKind.RENAME, date=datetime.date(2025, 7, 1), legal_basis="NQ 202/2025/QH15"
    )
    event.predecessors.set([old_unit])
    event.successors.set([successor])
    _login(client, viewer)

    response = client.get(reverse("org:unit_detail", args=[successor.pk]))

    rows = response.context["season_rows"]
    assert [(r.season.pk, r.via) for r in rows] == [(world["season"].pk, old_unit)]
    assert "NQ 202/2025/QH15" in response.content.decode()


def test_unit_detail_shows_history_of_page_edit(client, board_admin, world):
    unit = world["unit"]
    _login(client, board_admin)
    client.post(reverse("org:unit_update", args=[unit.pk]), _unit_post(unit, name="Sở Mới Tên"))

    response = client.get(reverse("org:unit_detail", args=[unit.pk]))

    rows = response.context["history"]
    assert rows[0]["user"] == board_admin
    assert rows[0]["changes"][0]["new_display"] == "Sở Mới Tên"


def test_season_detail_shows_member_history(client, viewer, world):
    season = world["season"]
    _login(client, viewer)

    response = client.get(reverse("org:season_detail", args=[season.pk]))

    assert len(response.context["member_history"]) == 3
    assert response.context["member_history"][0]["type_code"] == "+"


@pytest.mark.parametrize("role", ["officer", "viewer"])
def test_other_province_records_not_found(client, request, world, foreign, role):
    _login(client, request.getfixturevalue(role))
    urls = [
        reverse("org:bloc_detail", args=[foreign["bloc"].pk]),
        reverse("org:season_detail", args=[foreign["season"].pk]),
        reverse("org:unit_detail", args=[foreign["unit"].pk]),
        reverse("org:person_detail", args=[foreign["person"].pk]),
    ]

    statuses = [client.get(url).status_code for url in urls]

    assert statuses == [404] * 4


def test_other_province_records_absent_from_lists(client, officer, world, foreign):
    _login(client, officer)

    body = client.get(reverse("org:unit_list")).content.decode()

    assert foreign["unit"].name not in body


def test_missing_record_not_found_page_in_vietnamese(client, viewer, world):
    _login(client, viewer)

    response = client.get(reverse("org:unit_detail", args=[999999]))

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


# Board-only pages ---------------------------------------------------------------------------------


def _board_only_urls(world):
    season, bloc, unit = world["season"], world["bloc"], world["unit"]
    return [
        reverse("org:unit_create"),
        reverse("org:unit_update", args=[unit.pk]),
        reverse("org:unit_delete", args=[unit.pk]),
        reverse("org:lineage_event_create"),
        reverse("org:bloc_create"),
        reverse("org:bloc_update", args=[bloc.pk]),
        reverse("org:bloc_delete", args=[bloc.pk]),
        reverse("org:season_create", args=[bloc.pk]),
        reverse("org:season_update", args=[season.pk]),
        reverse("org:season_delete", args=[season.pk]),
    ]


@pytest.mark.parametrize("role", ["officer", "viewer"])
def test_board_pages_forbidden_for_non_board(client, request, world, role):
    _login(client, request.getfixturevalue(role))

    statuses = [client.get(url).status_code for url in _board_only_urls(world)]

    assert statuses == [403] * len(statuses)


def test_board_pages_forbidden_page_in_vietnamese(client, officer, world):
    _login(client, officer)

    response = client.get(reverse("org:unit_create"))

    assert "Không có quyền truy cập" in response.content.decode()


def test_board_pages_render_for_board(client, board_admin, world):
    _login(client, board_admin)

    statuses = [client.get(url).status_code for url in _board_only_urls(world)]

    assert statuses == [200] * len(statuses)


def test_board_buttons_hidden_from_viewer(client, viewer, world):
    _login(client, viewer)

    body = client.get(reverse("org:unit_detail", args=[world["unit"].pk])).content.decode()

    assert reverse("org:unit_update", args=[world["unit"].pk]) not in body


def test_member_add_forbidden_for_officer(client, officer, world):
    unit = UnitFactory(province=world["bloc"].province)
    _login(client, officer)

    response = client.post(
        reverse("org:season_member_add", args=[world["season"].pk]), {"unit": unit.pk}
    )

    assert response.status_code == 403
    assert not SeasonMembership.objects.filter(unit=unit).exists()


# Units -------------------------------------------------------------------------------------------


def _unit_post(unit=None, **values):
    data = {
        "code": unit.code if unit else "so-tc",
        "name": unit.name if unit else "Sở Tài chính",
        "short_name": "",
        "kind": UnitKind.DEPARTMENT,
        "parent": "",
        "active_from": "",
        "active_to": "",
    }
    data.update(values)
    return data


def test_unit_create_by_board(client, board_admin, province):
    _login(client, board_admin)

    response = client.post(
        reverse("org:unit_create"),
        _unit_post(province=province.pk, active_from="2020-01-01", is_illustrative="on"),
    )

    unit = Unit.objects.get(code="so-tc")
    assert response.status_code == 302
    assert response.url == reverse("org:unit_detail", args=[unit.pk])
    assert (unit.name, unit.province, unit.active_from, unit.is_illustrative) == (
        "Sở Tài chính",
        province,
        datetime.date(2020, 1, 1),
        True,
    )


def test_unit_create_duplicate_code_shows_form_error(client, board_admin, province):
    UnitFactory(province=province, code="so-tc")
    _login(client, board_admin)

    response = client.post(reverse("org:unit_create"), _unit_post(province=province.pk))

    assert response.status_code == 200
    assert response.context["form"].errors
    assert Unit.objects.filter(code="so-tc").count() == 1


def test_unit_create_end_before_start_shows_vietnamese_error(client, board_admin, province):
    _login(client, board_admin)

    response = client.post(
        reverse("org:unit_create"),
        _unit_post(province=province.pk, active_from="2020-01-01", active_to="2019-01-01"),
    )

    assert "Ngày kết thúc phải sau ngày bắt đầu hoạt động." in response.content.decode()


def test_unit_update_by_board(client, board_admin, world):
    unit = world["unit"]
    parent = UnitFactory(province=unit.province, name="UBND tỉnh")
    _login(client, board_admin)

    response = client.post(
        reverse("org:unit_update", args=[unit.pk]),
        _unit_post(unit, short_name="STC", parent=parent.pk),
    )

    unit.refresh_from_db()
    assert response.status_code == 302
    assert (unit.short_name, unit.parent) == ("STC", parent)


def test_unit_update_parent_cycle_shows_vietnamese_error(client, board_admin, world):
    unit = world["unit"]
    child = UnitFactory(province=unit.province, parent=unit)
    _login(client, board_admin)

    response = client.post(
        reverse("org:unit_update", args=[unit.pk]), _unit_post(unit, parent=child.pk)
    )

    assert response.status_code == 200
    assert "Đơn vị cấp trên tạo thành vòng lặp." in response.content.decode()


def test_unit_delete_in_use_shows_error(client, board_admin, world):
    unit = world["unit"]
    _login(client, board_admin)

    response = client.post(reverse("org:unit_delete", args=[unit.pk]))

    assert response.status_code == 200
    assert "còn dữ liệu liên quan" in response.content.decode()
    assert Unit.objects.filter(pk=unit.pk).exists()


def test_unit_delete_unused_by_board(client, board_admin, province):
    unit = UnitFactory(province=province)
    _login(client, board_admin)

    response = client.post(reverse("org:unit_delete", args=[unit.pk]))

    assert response.status_code == 302
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_lineage_event_create_by_board(client, board_admin, province):
    old = UnitFactory(province=province, name="Sở Kế hoạch và Đầu tư")
    new = UnitFactory(province=province, name="Sở Tài chính")
    _login(client, board_admin)

    response = client.post(
        reverse("org:lineage_event_create"),
        {
            "province": province.pk,
            "kind": LineageKind.MERGE,
            "date": "2025-03-01",
            "predecessors": [old.pk],
            "successors": [new.pk],
            "legal_basis": "Quyết định 01/QĐ-UBND",
            "note": "",
        },
    )

    event = LineageEvent.objects.get()
    old.refresh_from_db()
    assert response.status_code == 302
    assert (event.legal_basis, old.active_to) == (
        "Quyết định 01/QĐ-UBND",
        datetime.date(2025, 2, 28),
    )


def test_lineage_event_bad_shape_shows_vietnamese_error(client, board_admin, province):
    unit = UnitFactory(province=province)
    _login(client, board_admin)

    response = client.post(
        reverse("org:lineage_event_create"),
        {
            "province": province.pk,
            "kind": LineageKind.SPLIT,
            "date": "2025-03-01",
            "predecessors": [unit.pk],
            "successors": [UnitFactory(province=province).pk],
        },
    )

    assert response.status_code == 200
    assert "Chia tách phải tạo ra ít nhất hai đơn vị." in response.content.decode()


# Blocs and seasons ---------------------------------------------------------------------------------


def test_bloc_create_by_board(client, board_admin, province):
    _login(client, board_admin)

    response = client.post(
        reverse("org:bloc_create"),
        {"province": province.pk, "name": "Cụm thi đua số 1", "kind": BlocKind.CLUSTER},
    )

    bloc = Bloc.objects.get(name="Cụm thi đua số 1")
    assert response.status_code == 302
    assert (bloc.kind, bloc.province) == (BlocKind.CLUSTER, province)


def test_bloc_update_by_board(client, board_admin, world):
    bloc = world["bloc"]
    _login(client, board_admin)

    response = client.post(
        reverse("org:bloc_update", args=[bloc.pk]),
        {"name": "Khối các cơ quan Đảng", "kind": BlocKind.BLOC, "description": "11 cơ quan"},
    )

    bloc.refresh_from_db()
    assert response.status_code == 302
    assert (bloc.name, bloc.description) == ("Khối các cơ quan Đảng", "11 cơ quan")


def test_bloc_delete_with_seasons_refused(client, board_admin, world):
    _login(client, board_admin)

    response = client.post(reverse("org:bloc_delete", args=[world["bloc"].pk]))

    assert response.status_code == 200
    assert Bloc.objects.filter(pk=world["bloc"].pk).exists()


def test_season_create_by_board(client, board_admin, province):
    bloc = BlocFactory(province=province)
    a, b, c = (UnitFactory(province=province) for _ in range(3))
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_create", args=[bloc.pk]),
        {
            "year": 2024,
            "members": [a.pk, b.pk, c.pk],
            "leader": a.pk,
            "deputy": b.pk,
            "note": "Bầu tại hội nghị tổng kết",
            "source": "Báo Nam Định",
        },
    )

    season = Season.objects.get(bloc=bloc, year=2024)
    assert response.status_code == 302
    assert (season.leader, season.deputy, season.members.count()) == (a, b, 3)


def test_season_create_leader_not_member_shows_vietnamese_error(client, board_admin, province):
    bloc = BlocFactory(province=province)
    a, b = UnitFactory(province=province), UnitFactory(province=province)
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_create", args=[bloc.pk]),
        {"year": 2024, "members": [a.pk], "leader": b.pk},
    )

    assert response.status_code == 200
    assert "Trưởng khối phải là thành viên của khối trong năm 2024." in response.content.decode()
    assert not Season.objects.filter(bloc=bloc).exists()


def test_season_create_existing_year_shows_error(client, board_admin, world):
    _login(client, board_admin)

    response = client.post(reverse("org:season_create", args=[world["bloc"].pk]), {"year": 2023})

    assert response.status_code == 200
    assert "đã có năm thi đua 2023" in response.content.decode()


def test_season_update_leader_by_board(client, board_admin, world):
    season = world["season"]
    third = season.members.exclude(pk__in=[season.leader_id, season.deputy_id]).get()
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_update", args=[season.pk]),
        {"leader": third.pk, "deputy": season.deputy_id, "note": "Bầu lại", "source": ""},
    )

    season.refresh_from_db()
    assert response.status_code == 302
    assert (season.leader, season.note) == (third, "Bầu lại")


def test_season_update_leader_equals_deputy_shows_vietnamese_error(client, board_admin, world):
    season = world["season"]
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_update", args=[season.pk]),
        {"leader": season.leader_id, "deputy": season.leader_id, "note": "", "source": ""},
    )

    assert response.status_code == 200
    assert "Trưởng khối và phó trưởng khối phải là hai đơn vị khác nhau." in (
        response.content.decode()
    )


def test_season_member_add_htmx_returns_partial(client, board_admin, world):
    season = world["season"]
    unit = UnitFactory(province=season.bloc.province, name="Sở Nội vụ")
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_member_add", args=[season.pk]),
        {"unit": unit.pk},
        HTTP_HX_REQUEST="true",
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<section class="card" id="thanh-vien"')
    assert "Sở Nội vụ" in body
    assert season.members.filter(pk=unit.pk).exists()


def test_season_member_add_without_htmx_redirects(client, board_admin, world):
    season = world["season"]
    unit = UnitFactory(province=season.bloc.province)
    _login(client, board_admin)

    response = client.post(reverse("org:season_member_add", args=[season.pk]), {"unit": unit.pk})

    assert response.status_code == 302
    assert season.members.filter(pk=unit.pk).exists()


def test_season_member_add_other_bloc_same_year_shows_error(client, board_admin, world):
    season = world["season"]
    other = SeasonFactory(bloc=BlocFactory(province=season.bloc.province), year=2023)
    unit = UnitFactory(province=season.bloc.province)
    SeasonMembershipFactory(season=other, unit=unit)
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_member_add", args=[season.pk]),
        {"unit": unit.pk},
        HTTP_HX_REQUEST="true",
    )

    assert "BLK-03" in response.content.decode()
    assert not season.members.filter(pk=unit.pk).exists()


def test_season_member_remove_by_board(client, board_admin, world):
    season = world["season"]
    third = season.members.exclude(pk__in=[season.leader_id, season.deputy_id]).get()
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_member_remove", args=[season.pk, third.pk]), HTTP_HX_REQUEST="true"
    )

    assert response.status_code == 200
    assert not season.members.filter(pk=third.pk).exists()


def test_season_member_remove_leader_shows_vietnamese_error(client, board_admin, world):
    season = world["season"]
    _login(client, board_admin)

    response = client.post(
        reverse("org:season_member_remove", args=[season.pk, season.leader_id]),
        HTTP_HX_REQUEST="true",
    )

    assert "đang là trưởng hoặc phó trưởng khối" in response.content.decode()
    assert season.members.filter(pk=season.leader_id).exists()


def test_season_delete_by_board(client, board_admin, world):
    season = world["season"]
    _login(client, board_admin)

    response = client.post(reverse("org:season_delete", args=[season.pk]))

    assert response.status_code == 302
    assert not Season.objects.filter(pk=season.pk).exists()


def test_season_note_by_leader_officer(client, world):
    season = world["season"]
    leader_officer = UserFactory(role=Role.UNIT_OFFICER, unit=season.leader)
    _login(client, leader_officer)

    page = client.get(reverse("org:season_detail", args=[season.pk]))
    response = client.post(reverse("org:season_note", args=[season.pk]), {"note": "Họp 12/2023"})

    season.refresh_from_db()
    assert reverse("org:season_note", args=[season.pk]) in page.content.decode()
    assert response.status_code == 302
    assert season.note == "Họp 12/2023"


def test_season_note_forbidden_for_other_officer(client, officer, world):
    _login(client, officer)

    response = client.post(reverse("org:season_note", args=[world["season"].pk]), {"note": "x"})

    assert response.status_code == 403


# People ----------------------------------------------------------------------------------------


def _person_post(unit, **values):
    data = {
        "full_name": "Lê Văn Đạt",
        "gender": Gender.MALE,
        "birth_year": "1985",
        "unit": unit.pk,
        "position": "Chuyên viên",
    }
    data.update(values)
    return data


def test_person_create_by_officer_in_own_unit(client, officer):
    _login(client, officer)

    page = client.get(reverse("org:person_create"), {"unit": officer.unit_id})
    response = client.post(reverse("org:person_create"), _person_post(officer.unit))

    person = Person.objects.get(full_name="Lê Văn Đạt")
    assert page.status_code == 200
    assert response.status_code == 302
    assert person.unit == officer.unit


def test_person_create_by_officer_in_other_unit_refused(client, officer, province):
    other_unit = UnitFactory(province=province)
    _login(client, officer)

    page = client.get(reverse("org:person_create"), {"unit": other_unit.pk})
    response = client.post(reverse("org:person_create"), _person_post(other_unit))

    assert page.status_code == 403
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Person.objects.filter(full_name="Lê Văn Đạt").exists()


def test_person_create_forbidden_for_viewer(client, viewer, world):
    _login(client, viewer)

    response = client.get(reverse("org:person_create"))

    assert response.status_code == 403


def test_person_update_by_officer_of_unit(client, officer):
    person = PersonFactory(unit=officer.unit)
    _login(client, officer)

    response = client.post(
        reverse("org:person_update", args=[person.pk]),
        _person_post(officer.unit, full_name="Nguyễn Thị Lan", gender=Gender.FEMALE),
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.full_name, person.gender) == ("Nguyễn Thị Lan", Gender.FEMALE)


def test_person_update_forbidden_for_officer_of_other_unit(client, officer, world):
    _login(client, officer)

    response = client.get(reverse("org:person_update", args=[world["person"].pk]))

    assert response.status_code == 403


def test_person_delete_by_board(client, board_admin, world):
    person = world["person"]
    _login(client, board_admin)

    response = client.post(reverse("org:person_delete", args=[person.pk]))

    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_person_detail_history_names_actor(client, board_admin, world):
    person = world["person"]
    person.position = "Trưởng phòng"
    stamp(person, actor=board_admin, reason="person_update")
    person.save()
    _login(client, board_admin)

    response = client.get(reverse("org:person_detail", args=[person.pk]))

    row = response.context["history"][0]
    assert (row["user"], row["reason_label"]) == (board_admin, "Sửa cá nhân")


def test_unit_list_paginates_keeping_filters(client, viewer, province):
    UnitFactory.create_batch(51, province=province, kind=UnitKind.DEPARTMENT)
    _login(client, viewer)

    first = client.get(reverse("org:unit_list"), {"kind": "department"})
    second = client.get(reverse("org:unit_list"), {"kind": "department", "page": 2})

    assert "?kind=department&amp;page=2" in first.content.decode()
    assert len(second.context["page"].object_list) == 1


def test_server_error_page_renders_without_context(db):
    body = render_to_string("500.html")

    assert "Lỗi hệ thống" in body
