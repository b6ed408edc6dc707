"""Signing in and out through the pages, and the lockout page of django-axes."""

import pytest
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from thidua.accounts.enums import Role

pytestmark = pytest.mark.integration


def test_login_page_labels_in_vietnamese(client, db):
    body = client.get(reverse("accounts:login")).content.decode()

    assert '<label for="id_username">Tên đăng nhập' in body
    assert '<label for="id_password">Mật khẩu' in body
    assert ">Đăng nhập</button>" in body


def test_login_valid_credentials_redirects_to_dashboard(client, board_admin):
    response = client.post(reverse("accounts:login"), {"username": "ban", "password": PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("org:dashboard")


def test_login_wrong_password_shows_vietnamese_error(client, board_admin):
    response = client.post(reverse("accounts:login"), {"username": "ban", "password": "sai"})

    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.content.decode()


def test_login_next_parameter_followed(client, viewer):
    target = reverse("org:unit_list")

    response = client.post(
        f"{reverse('accounts:login')}?next={target}",
        {"username": "xem", "password": PASSWORD, "next": target},
    )

    assert response.url == target


def test_login_repeated_failures_show_lockout_page(client, db):
    UserFactory(username="khoa", role=Role.VIEWER)
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": "khoa", "password": "sai"})

    response = client.post(reverse("accounts:login"), {"username": "khoa", "password": PASSWORD})

    assert response.status_code == 429
    assert "Tạm khoá đăng nhập" in response.content.decode()


def test_header_shows_name_role_and_logout(client, db):
    user = UserFactory(username="lan", full_name="Nguyễn Thị Lan", role=Role.BOARD_ADMIN)
    client.force_login(user)

    body = client.get(reverse("org:dashboard")).content.decode()

    assert "Nguyễn Thị Lan" in body
    assert "Quản trị Ban Thi đua – Khen thưởng" in body
    assert f'action="{reverse("accounts:logout")}" method="post"' in body
    assert 'href="/du-lieu/"' in body


def test_header_hides_import_link_from_officer(client, officer):
    client.force_login(officer)

    body = client.get(reverse("org:dashboard")).content.decode()

    assert 'href="/du-lieu/"' not in body


def test_logout_by_post_signs_out(client, viewer):
    client.force_login(viewer)

    response = client.post(reverse("accounts:logout"))
    after = client.get(reverse("org:dashboard"))

    assert response.status_code == 302
    assert after.status_code == 302


def test_login_page_has_skip_link_and_language_switch(client, db):
    body = client.get(reverse("accounts:login")).content.decode()

    assert 'class="skip-link" href="#main"' in body
    assert 'name="language" value="en"' in body
