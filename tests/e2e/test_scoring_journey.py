"""A season from self-scoring to review to ranking, in the browser (issue 3's critical journey)."""

from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from tests.factories import (
    PASSWORD,
    BlocFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from tests.factories.covenants import covenant_with_table
from thidua.accounts.enums import Role
from thidua.scoring.services import (
    evidence_upload,
    score_set_self,
    scorecard_get_or_create,
    scorecard_submit,
)

pytestmark = pytest.mark.e2e

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def season(transactional_db):
    province = ProvinceFactory(name="Tỉnh Hà Nam")
    season = SeasonFactory(
        bloc=BlocFactory(province=province, name="Khối các sở tổng hợp"), year=2026
    )
    units = [
        UnitFactory(province=province, name=name)
        for name in ("Sở Tài chính", "Văn phòng UBND tỉnh", "Sở Nội vụ")
    ]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader, season.deputy = units[0], units[1]
    season.save()
    covenant = covenant_with_table(season)
    covenant.status = "locked"
    covenant.save()
    for unit, username in zip(units, ("truongkhoi", "vanphong", "noivu"), strict=True):
        UserFactory(username=username, role=Role.UNIT_OFFICER, unit=unit, province=province)
    return season


def _fill_and_save(page, label: str, value: str) -> None:
    field = page.get_by_label(label, exact=False).first
    field.fill(value)
    field.press("Tab")


def test_scoring_journey_self_score_review_rank(season, page, live_server, login, tmp_path):
    # The member unit's officer fills its card, one group per screen, with evidence, and submits.
    login("vanphong", PASSWORD)
    page.goto(f"{live_server.url}/nam-thi-dua/{season.pk}/cham-diem/")
    page.get_by_role("button", name="Bắt đầu tự chấm").click()
    _fill_and_save(page, "Điểm tự chấm I.1", "28")
    expect(page.locator("main")).to_contain_text("Đã lưu")
    _fill_and_save(page, "Điểm tự chấm I.2", "25")
    evidence = tmp_path / "bao-cao-cai-cach-hanh-chinh.pdf"
    evidence.write_bytes(PDF)
    upload = page.get_by_label("Thêm minh chứng cho I.2")
    upload.set_input_files(str(evidence))
    upload.locator("xpath=ancestor::form").get_by_role("button", name="Tải lên").click()
    expect(page.get_by_role("link", name="bao-cao-cai-cach-hanh-chinh.pdf")).to_be_visible()
    page.get_by_role("link", name="Nhóm sau").click()
    _fill_and_save(page, "Điểm tự chấm II.1", "35")
    expect(page.locator("main")).to_contain_text("Đã lưu")
    while page.get_by_role("link", name="Nhóm sau").count():
        page.get_by_role("link", name="Nhóm sau").click()
    page.get_by_role("link", name="Nộp bảng tự chấm").first.click()
    page.get_by_role("button", name="Xác nhận nộp").click()
    expect(page.locator("main")).to_contain_text("Đã nộp")

    # Another member submits through the services (the same layer the pages use).
    noivu = season.memberships.get(unit__name="Sở Nội vụ").unit
    officer = noivu.officers.get()
    card, _ = scorecard_get_or_create(actor=officer, season=season, unit=noivu)
    for score in card.scores.select_related("criterion"):
        if score.criterion.kind == "criterion":
            score_set_self(actor=officer, score=score, points=Decimal(20))
    i2 = card.scores.get(criterion__code="I.2")
    evidence_upload(actor=officer, score=i2, file=ContentFile(PDF, name="minh-chung.pdf"))
    scorecard_submit(actor=officer, scorecard=card)

    # The leader unit reviews: one change with its reason, then closes both reviews.
    page.get_by_role("button", name="Đăng xuất").click()
    login("truongkhoi", PASSWORD)
    page.goto(f"{live_server.url}/nam-thi-dua/{season.pk}/tham-dinh/")
    page.get_by_label("Lý do điều chỉnh I.1 – Văn phòng UBND tỉnh").fill("Thiếu số liệu quý IV")
    points = page.get_by_label("Điểm thẩm định I.1 – Văn phòng UBND tỉnh")
    points.fill("26")
    points.press("Tab")
    expect(page.locator("main")).to_contain_text("Đã lưu")
    page.get_by_role("button", name="Chốt thẩm định Văn phòng UBND tỉnh").click()
    page.get_by_role("button", name="Chốt thẩm định Sở Nội vụ").click()

    # The ranking: reviewed totals, the chart and the table behind it.
    page.goto(f"{live_server.url}/nam-thi-dua/{season.pk}/xep-hang/")
    expect(page.get_by_role("img").first).to_be_visible()
    rows = page.locator("table tbody tr")
    expect(rows.first).to_contain_text("Văn phòng UBND tỉnh")
    expect(rows.first).to_contain_text("86")
    expect(page.locator("main")).to_contain_text("Sở Nội vụ")
