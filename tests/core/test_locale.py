import pytest

pytestmark = pytest.mark.integration


def test_locale_english_browser_still_gets_vietnamese(client, db):
    response = client.get("/accounts/login/", headers={"Accept-Language": "en-US,en;q=0.9"})

    assert response.headers["Content-Language"] == "vi"
    assert "Đăng nhập" in response.content.decode()


def test_locale_cookie_choice_switches_to_english(client, db):
    client.cookies["django_language"] = "en"

    response = client.get("/accounts/login/")

    assert response.headers["Content-Language"] == "en"


def test_locale_unknown_cookie_falls_back_to_vietnamese(client, db):
    client.cookies["django_language"] = "fr"

    response = client.get("/accounts/login/")

    assert response.headers["Content-Language"] == "vi"
