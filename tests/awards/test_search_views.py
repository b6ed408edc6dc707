"""The search page /tim-kiem/ and the search box in the header."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.awards.test_search import CO_TINH, person, record, unit
from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration
URL = "/tim-kiem/"


@pytest.fixture
def world(db):
    province = ProvinceFactory(name="Tỉnh Thanh Hoá")
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)
    office = unit(province, "Văn phòng UBND tỉnh", "vp")
    return province, admin, office


def _get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def test_search_url_name():
    assert reverse("awards:search") == URL


def test_search_page_requires_sign_in(client, db):
    response = client.get(URL, {"q": "dao"})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_search_page_groups_results_with_links(client, world):
    province, admin, office = world
    dao = person(office, "Nguyễn Thị Đào")
    school = unit(province, "Trường THPT Đào Duy Từ", "thpt")
    line = record(dao, decision_number="1234/QĐ-UBND", year=2023)
    record(school, award_type=CO_TINH, decision_number="88/QĐ-UBND", year=2024)

    response = _get(client, admin, q="dao")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index('id="search-units"') < html.index('id="search-people"')
    assert html.index('id="search-people"') < html.index('id="search-records"')
    assert f'href="{reverse("org:unit_detail", args=[school.pk])}"' in html
    assert f'href="{reverse("org:person_detail", args=[dao.pk])}"' in html
    assert "Cờ thi đua của UBND tỉnh" in html
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "1234/QĐ-UBND" in html
    assert f'href="{reverse("awards:record_detail", args=[line.pk])}"' in html


def test_search_page_finds_what_the_user_typed_without_diacritics(client, world):
    _province, admin, office = world
    person(office, "Đặng Thị Hoà")

    response = _get(client, admin, q="DANG HÒA")

    assert response.status_code == 200
    assert "Đặng Thị Hoà" in response.content.decode()


def test_search_page_one_kind(client, world):
    province, admin, office = world
    person(office, "Nguyễn Thị Đào")
    unit(province, "Trường THPT Đào Duy Từ", "thpt")

    response = _get(client, admin, q="dao", kind="person")

    html = response.content.decode()
    assert 'id="search-people"' in html
    assert 'id="search-units"' not in html


def test_search_page_more_link_when_a_kind_has_more(client, world):
    _province, admin, office = world
    for i in range(21):
        person(office, f"Nguyễn Thị Đào {i:02d}")

    response = _get(client, admin, q="nguyen dao")

    html = response.content.decode()
    assert "20 kết quả nhập gần nhất, trong 21 kết quả." in html
    assert "?q=nguyen%20dao&amp;kind=person" in html


@pytest.mark.parametrize(
    ("q", "message"),
    [
        ("d", "Nhập ít nhất 2 ký tự để tìm kiếm."),
        ("", "Nhập ít nhất 2 ký tự để tìm kiếm."),
        ("a" * 201, "Từ khoá dài quá 200 ký tự."),
    ],
)
def test_search_page_hint(client, world, q, message):
    _province, admin, _office = world

    response = _get(client, admin, q=q)

    assert response.status_code == 200
    assert message in response.content.decode()


def test_search_page_nul_byte_refused_before_the_database(client, world):
    _province, admin, office = world
    person(office, "Nguyễn Thị Đào")

    response = _get(client, admin, q="nguyen\x00dao")

    # core.middleware.RejectNulBytesMiddleware answers before the view.
    assert response.status_code == 400


def test_search_page_no_results(client, world):
    _province, admin, _office = world

    response = _get(client, admin, q="khong co ai")

    assert "Không tìm thấy kết quả nào cho “khong co ai”." in response.content.decode()


def test_search_page_without_query_shows_the_form_only(client, world):
    _province, admin, _office = world

    response = _get(client, admin)

    html = response.content.decode()
    assert 'id="search-q"' in html
    assert 'role="status"' not in html


def test_search_page_scoped(client, world):
    _province, admin, _office = world
    other = ProvinceFactory(name="Tỉnh Nghệ An")
    person(unit(other, "Sở Nội vụ Nghệ An"), "Nguyễn Thị Đào")

    response = _get(client, admin, q="dao")

    assert "Nguyễn Thị Đào" not in response.content.decode()


def test_header_search_box_on_every_page(client, world):
    _province, admin, _office = world
    client.force_login(admin)

    html = client.get(reverse("org:dashboard")).content.decode()

    assert f'action="{URL}"' in html
    assert '<label for="site-search-q" class="visually-hidden">Tìm kiếm</label>' in html
    assert 'name="q"' in html


def test_header_search_box_hidden_when_signed_out(client, db):
    html = client.get(reverse("accounts:login")).content.decode()

    assert "site-search-q" not in html


def _page_queries(client, admin, q):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_search_page_query_count_same_for_one_and_three_items(client, world):
    province, admin, office = world
    client.force_login(admin)

    def add():
        dao = person(office, "Nguyễn Thị Đào")
        record(dao, decision_number="1/QĐ")
        record(unit(province, "Trường Đào Tạo"), award_type=CO_TINH)

    add()
    one = _page_queries(client, admin, "dao")
    add()
    add()
    three = _page_queries(client, admin, "dao")

    assert one == three


def test_header_search_box_keeps_the_query_on_the_search_page(client, world):
    _province, admin, _office = world

    html = _get(client, admin, q="đào").content.decode()

    assert 'id="site-search-q" name="q" size="22" maxlength="200"' in html
    assert 'value="đào">' in html
