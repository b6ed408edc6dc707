"""The rulebook page and the province's settings pages: access, the form round trip, queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards import services
from thidua.awards.models import RuleSetting

pytestmark = pytest.mark.integration
CITATION = "QĐ 86/2025/QĐ-UBND, Điều 3"


def _setting(actor, province, rule_id="BLK-09", params=None, from_year=2024):
    return services.rule_setting_set(
        actor=actor,
        province=province,
        rule_id=rule_id,
        params=params or {"seats_quota": 2},
        from_year=from_year,
        citation=CITATION,
    )


def _form_data(**values):
    data = {"from_year": "2025", "citation": CITATION, "note": ""}
    data.update(values)
    return data


# ── the rulebook page ────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_rulebook_page_open_to_every_signed_in_user(client, request, role):
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("awards:rulebook"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Bộ quy tắc thi đua, khen thưởng" in body
    assert 'aria-current="page">Quy tắc</a>' in body


def test_rulebook_page_anonymous_redirects_to_sign_in(client, db):
    response = client.get(reverse("awards:rulebook"))

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


def test_rulebook_page_shows_rules_versions_legend_and_catalogue(client, viewer):
    client.force_login(viewer)

    body = client.get(reverse("awards:rulebook")).content.decode()

    for text in (
        "Nguyên tắc chung (GEN)",
        "Bình xét, bỏ phiếu (VOT)",
        "Khối, cụm thi đua (BLK)",
        "Quy tắc của sản phẩm",
        'id="VOT-13"',
        'id="BAL-01"',
        "chưa xác nhận, chỉ cảnh báo",
        "trên 1/2 tổng số thành viên",
        "từ 4/5 tổng số thành viên trở lên",
        "tối đa 1 đơn vị mỗi khối",
        "từ 31/12/2023 đến 30/06/2025",
        "NĐ 98/2023/NĐ-CP, Điều 30 khoản 7",
        "Cờ thi đua của Chính phủ",
        "Danh mục hình thức khen thưởng",
    ):
        assert text in body, text


def test_rulebook_page_shows_the_province_value_in_force(client, board_admin, province):
    _setting(board_admin, province, from_year=2024)
    client.force_login(board_admin)

    in_2025 = client.get(reverse("awards:rulebook"), {"province": province.pk, "year": 2025})
    in_2023 = client.get(reverse("awards:rulebook"), {"province": province.pk, "year": 2023})

    body_2025, body_2023 = in_2025.content.decode(), in_2023.content.decode()
    assert "tối đa 2 đơn vị mỗi khối" in body_2025
    assert "tỉnh quy định" in body_2025
    assert CITATION in body_2025
    assert "Áp dụng năm 2023" in body_2023
    assert body_2023.count("tỉnh quy định</span>") == 0


def test_rulebook_page_board_sees_write_links_officer_does_not(client, board_admin, officer):
    setting = _setting(board_admin, board_admin.province)
    edit = reverse("awards:setting_update", args=[setting.pk])
    add = reverse("awards:setting_create", args=[board_admin.province_id, "VOT-13"])

    client.force_login(board_admin)
    board_body = client.get(reverse("awards:rulebook")).content.decode()
    client.force_login(officer)
    officer_body = client.get(reverse("awards:rulebook")).content.decode()

    assert edit in board_body and add in board_body
    assert edit not in officer_body and add not in officer_body
    assert "tối đa 2 đơn vị mỗi khối" in officer_body


def test_rulebook_page_other_province_is_not_offered(client, board_admin, other_province):
    client.force_login(board_admin)

    response = client.get(reverse("awards:rulebook"), {"province": other_province.pk})

    assert response.status_code == 200
    assert other_province.name not in response.content.decode()
    assert response.context["province"] is None


def _count(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["board_admin", "viewer"])
def test_rulebook_page_queries_constant_for_1_and_3_settings(client, request, province, role):
    board = UserFactory(role=Role.BOARD_ADMIN, province=province)
    client.force_login(request.getfixturevalue(role))
    url, params = reverse("awards:rulebook"), {"province": province.pk, "year": 2025}
    _setting(board, province, from_year=2020)
    with_one = _count(client, url, params)
    _setting(board, province, rule_id="VOT-13", params={"share": "4/5"}, from_year=2021)
    _setting(board, province, rule_id="VOT-11", params={"policy": "gen05"}, from_year=2022)

    with_three = _count(client, url, params)

    assert with_three == with_one


# ── the setting form ─────────────────────────────────────────────────────────────────────────


def test_setting_create_round_trip(client, board_admin, province):
    client.force_login(board_admin)
    url = reverse("awards:setting_create", args=[province.pk, "VOT-13"])

    form_page = client.get(url)
    response = client.post(
        url, _form_data(p_share="80%", p_strict="false", p_base="", note="Theo quy chế khối")
    )

    assert form_page.status_code == 200
    assert 'name="p_share"' in form_page.content.decode()
    setting = RuleSetting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:setting_detail", args=[setting.pk])
    assert (setting.rule_id, setting.from_year) == ("VOT-13", 2025)
    assert setting.params == {"share": "4/5", "strict": False}
    detail = client.get(response["Location"]).content.decode()
    assert "từ 4/5 trở lên" in detail
    assert "Thêm thiết lập của tỉnh" in detail


def test_setting_create_bad_value_shows_vietnamese_error_under_the_field(
    client, board_admin, province
):
    client.force_login(board_admin)
    url = reverse("awards:setting_create", args=[province.pk, "BLK-09"])

    response = client.post(url, _form_data(p_seats_quota="0"))

    assert response.status_code == 200
    assert response.context["form"].errors["p_seats_quota"] == [
        "“seats_quota” phải là số nguyên từ 1 trở lên; nhận “0”."
    ]
    assert RuleSetting.objects.count() == 0


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"p_share": "1.5"}, "p_share"),
        ({"p_share": "abc"}, "p_share"),
        ({"p_strict": "yes"}, "p_strict"),
        ({"citation": ""}, "citation"),
        ({"from_year": "1999"}, "from_year"),
    ],
)
def test_setting_create_refusals_change_nothing(client, board_admin, province, values, field):
    client.force_login(board_admin)
    url = reverse("awards:setting_create", args=[province.pk, "VOT-13"])

    response = client.post(url, _form_data(**{"p_share": "1/2", **values}))

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert RuleSetting.objects.count() == 0


def test_setting_create_nothing_set_is_refused(client, board_admin, province):
    client.force_login(board_admin)
    url = reverse("awards:setting_create", args=[province.pk, "VOT-13"])

    response = client.post(url, _form_data())

    assert response.status_code == 200
    assert "Cần đặt ít nhất một tham số" in response.content.decode()
    assert RuleSetting.objects.count() == 0


def test_setting_create_existing_year_points_to_edit(client, board_admin, province):
    _setting(board_admin, province, from_year=2025)
    client.force_login(board_admin)
    url = reverse("awards:setting_create", args=[province.pk, "BLK-09"])

    response = client.post(url, _form_data(p_seats_quota="3"))

    assert response.status_code == 200
    assert "from_year" in response.context["form"].errors
    assert RuleSetting.objects.get().params == {"seats_quota": 2}


def test_setting_create_unknown_rule_or_rule_without_parameters_is_404(
    client, board_admin, province
):
    client.force_login(board_admin)

    unknown = client.get(reverse("awards:setting_create", args=[province.pk, "VOT-99"]))
    no_params = client.get(reverse("awards:setting_create", args=[province.pk, "GEN-01"]))

    assert (unknown.status_code, no_params.status_code) == (404, 404)


def test_setting_choose_redirects_to_the_rule_form(client, board_admin, province):
    client.force_login(board_admin)

    response = client.get(reverse("awards:setting_choose", args=[province.pk]), {"rule": "vot-11"})

    assert response["Location"] == reverse("awards:setting_create", args=[province.pk, "VOT-11"])


def test_setting_update_round_trip_keeps_year_and_records_history(client, board_admin, province):
    setting = _setting(board_admin, province, from_year=2024)
    client.force_login(board_admin)
    url = reverse("awards:setting_update", args=[setting.pk])

    form_page = client.get(url)
    response = client.post(url, _form_data(from_year="2030", p_seats_quota="3"))

    assert form_page.context["form"].initial["p_seats_quota"] == "2"
    assert response.status_code == 302
    setting.refresh_from_db()
    assert (setting.from_year, setting.params) == (2024, {"seats_quota": 3})
    detail = client.get(reverse("awards:setting_detail", args=[setting.pk])).content.decode()
    assert "Sửa thiết lập của tỉnh" in detail
    assert "tối đa 3 đơn vị mỗi khối" in detail


def test_setting_delete_round_trip(client, board_admin, province):
    setting = _setting(board_admin, province)
    client.force_login(board_admin)
    url = reverse("awards:setting_delete", args=[setting.pk])

    confirm = client.get(url)
    response = client.post(url)

    assert confirm.status_code == 200
    assert "BLK-09" in confirm.content.decode()
    assert response.status_code == 302
    assert RuleSetting.objects.count() == 0


# ── who may open the setting pages ───────────────────────────────────────────────────────────


def _pages(setting):
    return [
        ("get", reverse("awards:setting_create", args=[setting.province_id, "BLK-09"])),
        ("get", reverse("awards:setting_update", args=[setting.pk])),
        ("get", reverse("awards:setting_delete", args=[setting.pk])),
        ("post", reverse("awards:setting_delete", args=[setting.pk])),
    ]


@pytest.mark.parametrize(
    ("role", "status"),
    [("board_admin", 200), ("officer", 403), ("viewer", 403), ("foreign_board", 404)],
)
def test_setting_write_pages_by_role(client, request, board_admin, province, role, status):
    setting = _setting(board_admin, province)
    if role == "foreign_board":
        user = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    else:
        user = request.getfixturevalue(role)
    client.force_login(user)

    statuses = {getattr(client, method)(url).status_code for method, url in _pages(setting)}

    assert statuses == ({200, 302} if status == 200 else {status})
    assert RuleSetting.objects.count() == (0 if status == 200 else 1)


@pytest.mark.parametrize(("role", "status"), [("officer", 200), ("viewer", 200)])
def test_setting_detail_readable_in_scope(client, request, board_admin, province, role, status):
    setting = _setting(board_admin, province)
    client.force_login(request.getfixturevalue(role))

    response = client.get(reverse("awards:setting_detail", args=[setting.pk]))

    assert response.status_code == status
    assert reverse("awards:setting_update", args=[setting.pk]) not in response.content.decode()


def test_setting_detail_other_province_is_404(client, board_admin, province):
    setting = _setting(board_admin, province)
    client.force_login(UserFactory(role=Role.VIEWER, province=ProvinceFactory()))

    response = client.get(reverse("awards:setting_detail", args=[setting.pk]))

    assert response.status_code == 404


def test_setting_pages_anonymous_redirect(client, board_admin, province):
    setting = _setting(board_admin, province)

    statuses = {client.get(url).status_code for _method, url in _pages(setting)}

    assert statuses == {302}
