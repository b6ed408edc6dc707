"""The registry pages: access by role, filters, export, the board's forms, the timelines with
inherited and revoked records, and constant query counts."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards import forms, services
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.core.paging import CappedPaginator
from thidua.org.enums import LineageKind
from thidua.org.services import lineage_event_record

pytestmark = pytest.mark.integration

COLLECTIVE = "tap_the_lao_dong_xuat_sac"
INDIVIDUAL = "chien_si_thi_dua_co_so"


@pytest.fixture(autouse=True)
def _static_root() -> None:
    # WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def unit(province):
    return UnitFactory(province=province, name="Sở Giáo dục và Đào tạo")


@pytest.fixture
def person(unit):
    return PersonFactory(unit=unit, full_name="Đặng Thị Hoà")


def _record(actor, *, unit=None, person=None, year=2023, number="12/QĐ-UBND", **values):
    return services.award_record_create(
        actor=actor,
        unit=unit,
        person=person,
        award_type=INDIVIDUAL if person is not None else COLLECTIVE,
        year=year,
        decision_number=number,
        **values,
    )


def _form(**values):
    data = {
        "award_type": COLLECTIVE,
        "year": "2024",
        "basis": "merit",
        "decision_number": "45/QĐ-UBND",
        "decision_date": "2025-01-20",
        "issuer": "Chủ tịch UBND tỉnh",
        "source": "manual",
        "note": "",
    }
    data.update(values)
    return data


# ── Access by role ───────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_read_pages_open_to_every_signed_in_user_in_scope(client, request, role, unit, person):
    board = request.getfixturevalue("board_admin")
    record = _record(board, person=person)
    client.force_login(request.getfixturevalue(role))

    urls = [
        reverse("awards:registry"),
        reverse("awards:record_detail", args=[record.pk]),
        reverse("awards:unit_awards", args=[unit.pk]),
        reverse("awards:person_awards", args=[person.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [200, 200, 200, 200]


@pytest.mark.parametrize("role", ["officer", "viewer"])
def test_write_pages_refused_to_officers_and_viewers(client, request, role, board_admin, unit):
    record = _record(board_admin, unit=unit)
    client.force_login(request.getfixturevalue(role))

    urls = [
        reverse("awards:record_create"),
        f"{reverse('awards:record_create')}?unit={unit.pk}",
        reverse("awards:record_update", args=[record.pk]),
        reverse("awards:record_revoke", args=[record.pk]),
        reverse("awards:unit_assessment", args=[unit.pk]),
    ]

    assert [client.get(url).status_code for url in urls] == [403] * 5
    response = client.post(reverse("awards:record_revoke", args=[record.pk]), {"reason": "x"})
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.revoked is False


def test_pages_of_another_province_answer_404(client, board_admin, unit, person):
    record = _record(board_admin, unit=unit)
    stranger = UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory())
    client.force_login(stranger)

    urls = [
        reverse("awards:record_detail", args=[record.pk]),
        reverse("awards:record_update", args=[record.pk]),
        reverse("awards:record_revoke", args=[record.pk]),
        reverse("awards:unit_awards", args=[unit.pk]),
        reverse("awards:person_awards", args=[person.pk]),
        f"{reverse('awards:record_create')}?person={person.pk}",
    ]

    assert [client.get(url).status_code for url in urls] == [404] * 6
    assert record.pk not in [r.pk for r in client.get(reverse("awards:registry")).context["page"]]


def test_pages_need_sign_in(client, db):
    response = client.get(reverse("awards:registry"))

    assert response.status_code == 302
    assert "/accounts/" in response["Location"]


# ── The list ─────────────────────────────────────────────────────────────────────────────────


def test_list_shows_records_and_nav(client, board_admin, unit, person):
    _record(board_admin, person=person)
    client.force_login(board_admin)

    body = client.get(reverse("awards:registry")).content.decode()

    assert 'aria-current="page">Khen thưởng</a>' in body
    assert "Chiến sĩ thi đua cơ sở" in body
    assert "Đặng Thị Hoà" in body
    assert reverse("awards:record_create") in body


def test_list_filters_and_revoked_struck_through(client, board_admin, unit, person):
    kept = _record(board_admin, person=person, year=2022)
    gone = _record(board_admin, unit=unit, year=2023)
    services.award_record_revoke(actor=board_admin, record=gone, reason="Sai tiêu chuẩn")
    client.force_login(board_admin)

    default = client.get(reverse("awards:registry"))
    with_revoked = client.get(reverse("awards:registry"), {"include_revoked": "on"})
    by_year = client.get(reverse("awards:registry"), {"year": "2023", "include_revoked": "on"})
    bad = client.get(reverse("awards:registry"), {"year": "abc", "bloc": "999999"})

    assert [r.pk for r in default.context["page"]] == [kept.pk]
    assert [r.pk for r in with_revoked.context["page"]] == [gone.pk, kept.pk]
    assert "<del>Tập thể lao động xuất sắc</del>" in with_revoked.content.decode()
    assert [r.pk for r in by_year.context["page"]] == [gone.pk]
    assert bad.status_code == 200
    assert [r.pk for r in bad.context["page"]] == [kept.pk]


def test_list_counts_up_to_the_cap(client, board_admin, unit, monkeypatch):
    monkeypatch.setattr(CappedPaginator.__init__, "__kwdefaults__", {"cap": 2})
    for year in (2020, 2021, 2022):
        _record(board_admin, unit=unit, year=year)
    client.force_login(board_admin)

    body = client.get(reverse("awards:registry")).content.decode()
    narrowed = client.get(reverse("awards:registry"), {"year": "2021"}).content.decode()

    assert "Hơn 2 bản ghi; lọc thêm để thu hẹp danh sách." in body
    assert "1 bản ghi" in narrowed and "Hơn" not in narrowed


def test_list_unit_filter_is_a_code_box_for_many_units(client, board_admin, unit, monkeypatch):
    monkeypatch.setattr(forms, "MAX_UNIT_CHOICES", 1)
    other = UnitFactory(province=unit.province)
    mine = _record(board_admin, unit=unit, year=2021)
    _record(board_admin, unit=other, year=2022)
    client.force_login(board_admin)

    page = client.get(reverse("awards:registry"), {"unit": unit.code.lower()})
    by_id = client.get(reverse("awards:registry"), {"unit": str(unit.pk)})
    unknown = client.get(reverse("awards:registry"), {"unit": "KHONG-CO"})

    body = page.content.decode()
    assert 'name="unit"' in body and "<option" not in body.split('name="unit"')[1][:200]
    assert [r.pk for r in page.context["page"]] == [mine.pk]
    assert [r.pk for r in by_id.context["page"]] == [mine.pk]
    assert unknown.status_code == 200
    assert len(unknown.context["page"]) == 2


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("awards:registry"))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_list_query_count_is_constant(client, board_admin, viewer, unit):
    _record(board_admin, unit=unit, year=2020)
    client.force_login(viewer)
    one = _list_queries(client)
    _record(board_admin, person=PersonFactory(unit=unit), year=2021)
    _record(board_admin, unit=UnitFactory(province=unit.province), year=2022)

    assert _list_queries(client) == one


# ── Export ───────────────────────────────────────────────────────────────────────────────────


def test_export_holds_the_filtered_list(client, board_admin, unit, person):
    _record(board_admin, person=person, year=2022, note="=1+1")
    _record(board_admin, unit=unit, year=2023)
    client.force_login(board_admin)

    response = client.get(reverse("awards:registry_export"), {"subject_kind": "individual"})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="so-khen-thuong-')
    sheet = load_workbook(io.BytesIO(response.content))["Khen thưởng"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:7] == (
        "Loại",
        "Mã đơn vị",
        "Họ và tên",
        "Năm sinh",
        "Giới tính",
        "Hình thức khen thưởng",
        "Năm",
    )
    assert len(rows) == 2
    assert rows[1][:7] == (
        "Cá nhân",
        unit.code,
        "Đặng Thị Hoà",
        1980,
        "Nam",
        "Chiến sĩ thi đua cơ sở",
        2022,
    )
    assert rows[1][11] == "=1+1"  # stored as text, never as a formula
    assert sheet.cell(row=2, column=12).data_type == "s"


def test_export_is_scoped(client, board_admin, unit):
    _record(board_admin, unit=unit)
    client.force_login(UserFactory(role=Role.VIEWER, province=ProvinceFactory()))

    response = client.get(reverse("awards:registry_export"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert len(rows) == 1


# ── The board's forms ────────────────────────────────────────────────────────────────────────


def test_create_for_a_unit_chosen_in_the_form(client, board_admin, unit):
    client.force_login(board_admin)

    response = client.post(reverse("awards:record_create"), _form(unit=str(unit.pk)))

    record = AwardRecord.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("awards:record_detail", args=[record.pk])
    assert (record.unit, record.year, record.decision_date) == (
        unit,
        2024,
        datetime.date(2025, 1, 20),
    )


def test_create_for_a_person_from_the_timeline(client, board_admin, person):
    client.force_login(board_admin)
    url = f"{reverse('awards:record_create')}?person={person.pk}"

    page = client.get(url)
    response = client.post(url, _form(award_type=INDIVIDUAL))

    assert page.status_code == 200
    choices = [c[0] for c in page.context["form"].fields["award_type"].choices]
    assert INDIVIDUAL in choices
    assert COLLECTIVE not in choices
    assert response.status_code == 302
    assert AwardRecord.objects.get().person == person


def test_create_refusal_shows_on_the_form_and_writes_nothing(client, board_admin, unit):
    _record(board_admin, unit=unit, year=2024, number="45/QĐ-UBND")
    client.force_login(board_admin)

    response = client.post(
        f"{reverse('awards:record_create')}?unit={unit.pk}", _form(decision_date="2025-01-20")
    )

    assert response.status_code == 200
    assert "Sổ đã có bản ghi này" in response.content.decode()
    assert AwardRecord.objects.count() == 1


def test_create_with_a_too_early_decision_date_is_refused(client, board_admin, unit):
    client.force_login(board_admin)

    response = client.post(
        f"{reverse('awards:record_create')}?unit={unit.pk}", _form(decision_date="2020-05-01")
    )

    assert response.status_code == 200
    assert "không thể trước năm 2023" in response.content.decode()
    assert AwardRecord.objects.count() == 0


def test_update_then_revoke(client, board_admin, unit):
    record = _record(board_admin, unit=unit)
    client.force_login(board_admin)

    updated = client.post(
        reverse("awards:record_update", args=[record.pk]),
        _form(year="2023", decision_number="99/QĐ-UBND", decision_date=""),
    )
    missing_reason = client.post(reverse("awards:record_revoke", args=[record.pk]), {"reason": ""})
    revoked = client.post(
        reverse("awards:record_revoke", args=[record.pk]), {"reason": "Hồ sơ không trung thực"}
    )
    detail = client.get(reverse("awards:record_detail", args=[record.pk])).content.decode()

    assert updated.status_code == 302
    assert missing_reason.status_code == 200
    assert revoked.status_code == 302
    record.refresh_from_db()
    assert record.decision_number == "99/QĐ-UBND"
    assert record.revoked_reason == "Hồ sơ không trung thực"
    assert "<del>Tập thể lao động xuất sắc</del>" in detail
    assert "Hồ sơ không trung thực" in detail
    assert '<span class="muted small">Huỷ khen thưởng</span>' in detail  # the history row
    assert reverse("awards:record_update", args=[record.pk]) not in detail


def test_update_of_a_revoked_record_redirects(client, board_admin, unit):
    record = _record(board_admin, unit=unit)
    services.award_record_revoke(actor=board_admin, record=record, reason="Sai")
    client.force_login(board_admin)

    response = client.get(reverse("awards:record_update", args=[record.pk]))

    assert response.status_code == 302


def test_assessment_page_creates_then_edits(client, board_admin, person):
    client.force_login(board_admin)
    url = reverse("awards:person_assessment", args=[person.pk])
    data = {"year": "2023", "rating": "htxs", "initiative_scope": "grassroots", "note": ""}

    created = client.post(url, data)
    page = client.get(url, {"year": "2023"})
    client.post(url, {**data, "rating": "htt", "disciplined": "on"})

    assert created.status_code == 302
    assert page.context["form"].initial["rating"] == "htxs"
    assessment = AnnualAssessment.objects.get()
    assert (assessment.rating, assessment.disciplined) == ("htt", True)


# ── Timelines ────────────────────────────────────────────────────────────────────────────────


def test_unit_timeline_marks_inherited_records(client, board_admin, province, unit):
    old = UnitFactory(province=province, name="Sở Khoa học và Công nghệ")
    lineage_event_record(
        actor=board_admin,
        province=province,
        kind=LineageKind.MERGE,
        date=datetime.date(2025, 3, 1),
        predecessors=[old],
        successors=[unit],
    )
    _record(board_admin, unit=old, year=2022)
    _record(board_admin, unit=unit, year=2025)
    client.force_login(board_admin)

    response = client.get(reverse("awards:unit_awards", args=[unit.pk]))

    body = response.content.decode()
    assert [row["via"] for row in response.context["rows"]] == [None, old]
    assert "từ đơn vị trước: Sở Khoa học và Công nghệ" in body
    assert 'class="row--inherited"' in body


def test_unit_and_person_pages_link_to_their_timelines(client, viewer, unit, person):
    client.force_login(viewer)

    unit_page = client.get(reverse("org:unit_detail", args=[unit.pk])).content.decode()
    person_page = client.get(reverse("org:person_detail", args=[person.pk])).content.decode()

    assert reverse("awards:unit_awards", args=[unit.pk]) in unit_page
    assert reverse("awards:person_awards", args=[person.pk]) in person_page


def _page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_timeline_query_counts_are_constant(client, board_admin, viewer, province, unit, person):
    old = UnitFactory(province=province)
    lineage_event_record(
        actor=board_admin,
        province=province,
        kind=LineageKind.RENAME,
        date=datetime.date(2025, 3, 1),
        predecessors=[old],
        successors=[unit],
    )
    _record(board_admin, unit=unit, year=2020)
    _record(board_admin, person=person, year=2020)
    client.force_login(viewer)
    unit_url = reverse("awards:unit_awards", args=[unit.pk])
    person_url = reverse("awards:person_awards", args=[person.pk])
    unit_one, person_one = _page_queries(client, unit_url), _page_queries(client, person_url)
    for year in (2021, 2022):
        _record(board_admin, unit=old, year=year)
        _record(board_admin, person=person, year=year)
        services.assessment_set(actor=board_admin, person=person, year=year, rating="htt")

    assert _page_queries(client, unit_url) == unit_one
    assert _page_queries(client, person_url) == person_one
