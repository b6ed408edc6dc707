"""The board imports a registry from Excel, finds a person typed without diacritics, reads the
timeline and sees why the person may or may not be proposed, with the rule and its citation."""

import re

import pytest

from tests.awards.test_import import person_row, registry_bytes
from tests.factories import PASSWORD, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.org.models import Person

pytestmark = pytest.mark.e2e


def test_import_search_timeline_and_eligibility(page, live_server, login, tmp_path, settings):
    settings.AWARDS_IMPORT_SYNC = True  # the live server's database is not shared with threads
    province = ProvinceFactory(code="HNA", name="Tỉnh Hà Nam")
    UnitFactory(province=province, code="SNV", name="Sở Nội vụ")
    UserFactory(username="ban-hna", role=Role.BOARD_ADMIN, province=province)
    rows = [
        person_row(
            name="Đặng Thị Đào",
            birth=1980,
            award="Chiến sĩ thi đua cơ sở",
            year=year,
            number=f"{year}/QĐ-UBND",
        )  # fmt: skip
        for year in (2021, 2022, 2023)
    ]
    broken = [*rows, person_row(name="Đặng Thị Đào", birth=1980, year=2090)]
    (tmp_path / "loi.xlsx").write_bytes(registry_bytes(broken))
    (tmp_path / "so.xlsx").write_bytes(registry_bytes(rows))

    login("ban-hna", PASSWORD)
    page.goto(f"{live_server.url}/khen-thuong/nhap/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(tmp_path / "loi.xlsx")
    page.get_by_role("button", name="Nhập dữ liệu").click()
    page.locator(".io-failure").wait_for()
    assert "2090" in page.locator("table.io-errors").inner_text()
    assert AwardRecord.objects.count() == 0

    page.goto(f"{live_server.url}/khen-thuong/nhap/")
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(tmp_path / "so.xlsx")
    page.get_by_role("button", name="Nhập dữ liệu").click()
    page.get_by_text("Nhập dữ liệu thành công.").wait_for()
    assert page.locator("progress").first.get_attribute("value") == "3"

    # Typed the way people type: no diacritics, đ as d, upper case.
    page.get_by_role("searchbox").first.fill("DANG THI DAO")
    page.get_by_role("searchbox").first.press("Enter")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("link", name="Đặng Thị Đào").count() >= 1

    person = Person.objects.get(full_name="Đặng Thị Đào")
    page.goto(f"{live_server.url}/khen-thuong/ca-nhan/{person.pk}/")
    timeline = page.locator("table").first.inner_text()
    assert timeline.count("Chiến sĩ thi đua cơ sở") == 3
    for year in (2021, 2022, 2023):
        assert f"{year}/QĐ-UBND" in timeline

    page.goto(f"{live_server.url}/khen-thuong/du-dieu-kien/ca-nhan/{person.pk}/?year=2023")
    verdict = page.locator("details").filter(has_text="Chiến sĩ thi đua cấp tỉnh").first
    assert re.search(r"theo IND-\d+", verdict.inner_text()), "every verdict names its rule"
    verdict.locator("summary").click()
    reasons = verdict.locator(".reasons").inner_text()
    assert re.search(r"IND-\d+", reasons)
    assert "NĐ" in reasons or "Luật" in reasons, "and cites the legal text"
