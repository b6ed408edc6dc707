"""From a closed nomination poll to a recorded decision: the bloc's leader-unit officer completes
and submits the proposal the poll created, the board receives it in its inbox and finds it
valid, the council votes on it in a session, the board records the decision, and the registry
shows the unit's new award once, with the decision number."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.factories.voting import meeting_world
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.decisions import services as decisions
from thidua.decisions.enums import CouncilRole
from thidua.dossiers.models import Proposal, ProposalStatus
from thidua.voting import services as voting

pytestmark = pytest.mark.e2e

AWARD = "co_thi_dua_ubnd_tinh"
NUMBER = "215/QĐ-UBND"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def closed_poll_world():
    """A bloc of five whose nomination poll for the provincial flag passed one unit, and the
    province's council of five members."""
    w = meeting_world(5)
    poll = voting.poll_create(actor=w.board, meeting=w.meeting, kind="nomination", award_type=AWARD)
    voting.poll_open(actor=w.board, poll=poll)
    first = poll.candidates.order_by("order").first()
    for unit in w.units:
        voting.ballot_cast(actor=w.officers[unit.pk], poll=poll, choices=[first.pk])
    voting.poll_close(actor=w.board, poll=poll)
    council = decisions.council_create(
        actor=w.board, province=w.province, name="Hội đồng Thi đua – Khen thưởng tỉnh"
    )
    roles = [CouncilRole.CHAIR, CouncilRole.VICE_CHAIR, CouncilRole.SECRETARY]
    for i in range(5):
        decisions.council_member_add(
            actor=w.board,
            council=council,
            full_name=f"Thành viên {i + 1:02d}",
            title="Giám đốc Sở",
            role=roles[i] if i < len(roles) else CouncilRole.MEMBER,
            active_from=datetime.date(2020, 1, 1),
        )
    proposal = Proposal.objects.select_related("unit").get(source_poll=poll)
    return w, proposal


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")


def test_from_a_closed_poll_to_a_recorded_decision(page, live_server, login, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    w, proposal = closed_poll_world()
    unit = proposal.unit
    leader = w.officers[w.season.leader_id]
    leader.username = "truong-khoi"
    leader.set_password(PASSWORD)
    leader.save()
    UserFactory(username="ban-tdkt", role=Role.BOARD_ADMIN, province=w.province)
    report = tmp_path / "bao-cao-thanh-tich.pdf"
    report.write_bytes(PDF)

    # The leader unit's officer finds the proposal the poll created.
    login("truong-khoi", PASSWORD)
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role(
        "link", name="Đề nghị khen thưởng"
    ).click()
    page.get_by_role("link", name=unit.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(unit.name)

    # Uploads the achievement report.
    page.get_by_label("Loại giấy tờ").select_option(label="Báo cáo thành tích")
    page.get_by_label(re.compile(r"^Tệp\b")).set_input_files(report)
    page.get_by_role("button", name="Tải lên").click()
    expect(page.get_by_text("Đã tải tệp lên.")).to_be_visible()
    expect(page.get_by_role("link", name="bao-cao-thanh-tich.pdf")).to_be_visible()

    # Submits, with a reason when a check still fails.
    override = page.get_by_role("button", name="Trình kèm lý do")
    if override.count():
        page.get_by_label("Lý do vẫn trình khi chưa đủ điều kiện").fill(
            "Khối đã suy tôn; thành tích năm trước xác nhận bằng văn bản."
        )
        override.click()
    else:
        page.get_by_role("button", name="Trình Ban Thi đua – Khen thưởng").click()
    expect(page.get_by_text("Đã trình đề nghị lên Ban Thi đua – Khen thưởng.")).to_be_visible()
    logout(page)

    # The board receives it from its inbox.
    login("ban-tdkt", PASSWORD)
    page.get_by_role("link", name="Hồ sơ đề nghị").click()
    page.get_by_label(re.compile(f"Chọn {re.escape(unit.name)}")).check()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_text("Đã tiếp nhận 1 đề nghị.")).to_be_visible()
    page.get_by_label("Trạng thái", exact=True).select_option(label="Đã tiếp nhận")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_role("link", name=unit.name, exact=True).click()

    # Finds it valid.
    page.get_by_label("Ghi chú thẩm định").fill("Hồ sơ đầy đủ.")
    page.get_by_role("button", name="Hợp lệ", exact=True).click()
    expect(page.get_by_text("Đã ghi: hồ sơ hợp lệ, chờ Hội đồng xét.")).to_be_visible()

    # Opens a council session, marks the members present, keys their votes, closes.
    page.get_by_role("link", name="Đến phiên họp Hội đồng").click()
    page.get_by_role("link", name="Mở phiên họp").click()
    page.get_by_label("Địa điểm").fill("Phòng họp số 1")
    page.get_by_role("button", name="Mở phiên họp").click()
    expect(page.get_by_text("Đã mở phiên họp Hội đồng.")).to_be_visible()
    page.get_by_label(re.compile(re.escape(unit.name))).check()
    page.get_by_role("button", name="Đưa vào phiên họp").click()
    expect(page.get_by_text("Đã đưa đề nghị vào phiên họp.")).to_be_visible()
    for box in page.locator("#co-mat input[type=checkbox]").all():
        box.check()
    page.get_by_role("button", name="Lưu danh sách có mặt").click()
    expect(page.get_by_text("Đã lưu danh sách thành viên có mặt.")).to_be_visible()
    page.get_by_role("link", name=f"Nhập biểu quyết cho {unit.name}").click()
    for radio in page.locator("input[type=radio][value=yes]").all():
        radio.check()
    page.get_by_role("button", name="Lưu biểu quyết").click()
    expect(page.get_by_text("Đã lưu biểu quyết của các thành viên.")).to_be_visible()
    page.locator(".page-actions").get_by_role("link", name="Kết thúc phiên họp").click()
    page.get_by_role("button", name=re.compile("Kết thúc phiên họp")).click()
    expect(page.get_by_text("Đã kết thúc phiên họp; kết quả xét đã được ghi.")).to_be_visible()
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.APPROVED

    # Records the decision.
    page.get_by_role("link", name="Quyết định khen thưởng").first.click()
    page.get_by_role("link", name="Ghi quyết định khen thưởng").click()
    page.get_by_label("Số, ký hiệu").fill(NUMBER)
    page.get_by_label("Ngày ký").fill(timezone.localdate().isoformat())
    page.get_by_role("textbox", name="Người ký", exact=True).fill("Nguyễn Văn An")
    page.get_by_label(re.compile(re.escape(unit.name))).check()
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(
        page.get_by_text("Đã ghi quyết định khen thưởng; sổ theo dõi khen thưởng đã cập nhật.")
    ).to_be_visible()

    # The registry shows the unit's new award once, with the decision number.
    page.goto(f"{live_server.url}/khen-thuong/don-vi/{unit.pk}/")
    page.wait_for_load_state("networkidle")
    body = page.locator("main").inner_text()
    assert body.count(NUMBER) == 1
    assert "Cờ thi đua của UBND tỉnh" in body
    assert AwardRecord.objects.filter(unit=unit, decision_number=NUMBER).count() == 1
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.DECIDED
