"""The eligibility pages: access by role (board, officer, viewer, anonymous, another province),
the list's groups, reasons, counts and pagination, its .xlsx export, next year's candidates, a
person's and a unit's verdicts (full page and the short section their pages load), the form's
errors, and constant query counts."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import (
    BlocFactory,
    PersonFactory,
    ProvinceFactory,
    SeasonFactory,
    SeasonMembershipFactory,
    UnitFactory,
    UserFactory,
)
from thidua.accounts.enums import Role
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.awards.views_eligibility import PAGE_SIZE

pytestmark = pytest.mark.integration

PROVINCIAL = "chien_si_thi_dua_cap_tinh"
CSTDCS = "chien_si_thi_dua_co_so"
YEAR = 2024


@pytest.fixture(autouse=True)
def _static_root() -> None:
    # WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def unit(province):
    return UnitFactory(province=province, name="Sở Tài chính")


@pytest.fixture
def ready(unit):
    """Three consecutive CSTĐ cơ sở and a provincial initiative: eligible for CSTĐ cấp tỉnh."""
    return _person(unit, "Đặng Thị Hoà", (2022, 2023, 2024), initiative_scope="province")


@pytest.fixture
def short(unit):
    """Two titles with a gap: not eligible (IND-03); one title short of next year's chain."""
    return _person(unit, "Vũ Văn Nam", (2021, 2023, 2024))


def _person(unit, name, years, **facts):
    person = PersonFactory(unit=unit, full_name=name)
    for year in years:
        AwardRecord.objects.create(person=person, award_type=CSTDCS, year=year)
        AnnualAssessment.objects.create(person=person, year=year, rating="htxs", **facts)
    return person


def _list_url(**params):
    query = {"award": PROVINCIAL, "year": YEAR} | params
    return reverse("awards:eligibility") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


def _body(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# ── Access by role ───────────────────────────────────────────────────────────────────────────


def _urls(unit, person):
    return [
        _list_url(unit=unit.pk),
        _list_url(),
        reverse("awards:eligibility_export") + f"?award={PROVINCIAL}&year={YEAR}&unit={unit.pk}",
        reverse("awards:next_year") + f"?award={PROVINCIAL}&year={YEAR}&unit={unit.pk}",
        reverse("awards:unit_eligibility", args=[unit.pk]),
        reverse("awards:person_eligibility", args=[person.pk]) + "?compact=1",
    ]


@pytest.mark.parametrize("role", ["board_admin", "officer", "viewer"])
def test_pages_open_to_every_signed_in_user_in_scope(client, request, role, unit, ready):
    client.force_login(request.getfixturevalue(role))

    statuses = [client.get(url).status_code for url in _urls(unit, ready)]

    assert statuses == [200] * 6


def test_anonymous_is_sent_to_sign_in(client, unit, ready):
    responses = [client.get(url) for url in _urls(unit, ready)]

    assert {r.status_code for r in responses} == {302}
    assert all(reverse("accounts:login") in r["Location"] for r in responses)


def test_another_provinces_user_gets_not_found(client, unit, ready, province):
    client.force_login(UserFactory(role=Role.BOARD_ADMIN, province=ProvinceFactory()))
    bloc = BlocFactory(province=province)
    urls = [
        *[u for u in _urls(unit, ready) if u != _list_url()],
        _list_url(province=province.pk),
        _list_url(bloc=bloc.pk),
    ]

    statuses = [client.get(url).status_code for url in urls]

    assert statuses == [404] * len(urls)


def test_without_a_scope_the_users_province_is_used(client, viewer, province, ready):
    client.force_login(viewer)

    body = _body(client.get(_list_url()))

    assert ready.full_name in body
    assert province.name in body


def test_a_user_without_provinces_is_asked_for_a_scope(client, db):
    client.force_login(UserFactory(role=Role.UNIT_OFFICER))

    body = _body(client.get(_list_url()))

    assert "Chọn hình thức khen thưởng, năm và phạm vi xét" in body


# ── The list ─────────────────────────────────────────────────────────────────────────────────


def test_list_shows_three_groups_with_counts_and_reasons(client, viewer, unit, ready, short):
    client.force_login(viewer)

    body = _body(client.get(_list_url(unit=unit.pk)))

    assert "<h1>Đủ điều kiện đề nghị khen thưởng</h1>" in body
    for group in ("group-eligible", "group-needs_check", "group-not_eligible"):
        assert f'id="{group}"' in body
    assert body.index(ready.full_name) < body.index('id="group-needs_check"')
    assert body.index(short.full_name) > body.index('id="group-not_eligible"')
    assert "<details>" in body and "IND-03" in body
    assert "theo IND-03" in body  # the deciding rule of the short chain
    assert "Không đạt" in body and "Đạt" in body
    assert 'class="stat__value">1<' in body


def test_list_of_a_bloc_and_a_collective_award(client, board_admin, province):
    bloc = BlocFactory(province=province)
    member = UnitFactory(province=province, name="Ban Dân tộc tỉnh")
    UnitFactory(province=province, name="Sở ngoài khối")
    SeasonMembershipFactory(season=SeasonFactory(bloc=bloc, year=YEAR), unit=member)
    client.force_login(board_admin)

    body = _body(client.get(_list_url(award="tap_the_lao_dong_xuat_sac", bloc=bloc.pk)))

    results = body[body.index('<div id="results">') :]
    assert "Ban Dân tộc tỉnh" in results and "Sở ngoài khối" not in results
    assert bloc.name in results


def test_each_group_pages_on_its_own(client, viewer, unit):
    for i in range(PAGE_SIZE + 1):
        PersonFactory(unit=unit, full_name=f"Người thử {i:03d}")
    client.force_login(viewer)

    first = _body(client.get(_list_url(unit=unit.pk)))
    second = _body(client.get(_list_url(unit=unit.pk, page_not_eligible=2)))

    assert "Người thử 000" in first and "Người thử 050" not in first
    assert "Người thử 050" in second and "Người thử 000" not in second
    assert "page_not_eligible=2" in first


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"award": "khong_co"}, "Không có hình thức khen thưởng này trong danh mục."),
        ({"year": "abc"}, "Năm phải là một số nguyên."),
        ({"year": 2100}, "Năm phải là số nguyên từ 1945 đến"),
    ],
)
def test_bad_filters_show_an_error_not_a_crash(client, viewer, unit, params, message):
    client.force_login(viewer)

    body = _body(client.get(_list_url(unit=unit.pk, **params)))

    assert message in body
    assert 'id="group-eligible"' not in body


def test_export_lists_every_row_with_its_reasons(client, viewer, unit, ready, short):
    client.force_login(viewer)

    response = client.get(
        reverse("awards:eligibility_export") + f"?award={PROVINCIAL}&year={YEAR}&unit={unit.pk}"
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Chiến sĩ thi đua cấp tỉnh – năm 2024"
    assert rows[1][:5] == (
        "Kết quả",
        "Đối tượng",
        "Họ và tên / Tên tập thể",
        "Đơn vị",
        "Quy tắc quyết định",
    )
    assert [r[:5] for r in rows[2:]] == [
        ("Đủ điều kiện", "Cá nhân", ready.full_name, unit.name, None),
        ("Chưa đủ", "Cá nhân", short.full_name, unit.name, "IND-03"),
    ]
    assert "IND-03 [không đạt]" in rows[3][5]


def test_list_takes_constant_queries_for_1_and_3_people(client, viewer, province):
    small, large = UnitFactory(province=province), UnitFactory(province=province)
    _person(small, "Một người", (2023, 2024))
    for i in range(3):
        _person(large, f"Người {i}", (2022, 2023, 2024))
    client.force_login(viewer)

    counts = []
    for target in (small, large):
        client.get(_list_url(unit=target.pk))
        with CaptureQueriesContext(connection) as ctx:
            _body(client.get(_list_url(unit=target.pk)))
        counts.append(len(ctx.captured_queries))

    assert counts[0] == counts[1]


# ── Next year's candidates ───────────────────────────────────────────────────────────────────


def test_next_year_lists_who_is_one_title_short(client, viewer, unit, ready):
    two = _person(unit, "Lê Thị Mai", (2023, 2024))
    client.force_login(viewer)

    body = _body(
        client.get(reverse("awards:next_year") + f"?award={PROVINCIAL}&year={YEAR}&unit={unit.pk}")
    )

    assert two.full_name in body and ready.full_name not in body
    assert "đang có 2 năm liên tục" in body
    assert "2025" in body and "IND-03" in body
    assert 'id="group-not_eligible"' not in body


def test_next_year_offers_only_awards_with_a_chain(client, viewer, unit):
    client.force_login(viewer)

    body = _body(client.get(reverse("awards:next_year") + f"?unit={unit.pk}"))

    assert f'value="{PROVINCIAL}"' in body
    assert 'value="giay_khen"' not in body


# ── A person's and a unit's verdicts ─────────────────────────────────────────────────────────


def test_person_page_lists_every_individual_award_with_reasons(client, viewer, ready):
    client.force_login(viewer)

    body = _body(
        client.get(reverse("awards:person_eligibility", args=[ready.pk]) + f"?year={YEAR}")
    )

    assert "Đủ điều kiện đề nghị năm 2024" in body
    assert "Chiến sĩ thi đua cấp tỉnh" in body and "Cờ thi đua của Chính phủ" not in body
    assert "IND-03" in body


def test_section_names_the_top_awards_the_subject_may_be_proposed_for(client, viewer, ready):
    client.force_login(viewer)

    body = _body(
        client.get(
            reverse("awards:person_eligibility", args=[ready.pk]) + f"?year={YEAR}",
            headers={"HX-Request": "true"},
        )
    )

    assert "<html" not in body
    assert "Đủ điều kiện đề nghị năm 2024" in body
    assert "Chiến sĩ thi đua cấp tỉnh" in body
    assert "Lao động tiên tiến" not in body  # a unit-level title is not a top award
    assert reverse("awards:person_eligibility", args=[ready.pk]) in body


def test_section_without_proposable_awards(client, viewer, unit):
    person = PersonFactory(unit=unit)
    AnnualAssessment.objects.create(person=person, year=YEAR, disciplined=True)  # GEN-03
    client.force_login(viewer)
    url = reverse("awards:person_eligibility", args=[person.pk])

    body = _body(client.get(f"{url}?year={YEAR}&compact=1"))

    assert "Chưa đủ điều kiện đề nghị hình thức khen thưởng cấp tỉnh, cấp Nhà nước nào" in body
    assert "7 hình thức khác chưa đủ điều kiện." in body


@pytest.mark.parametrize("name", ["org:unit_detail", "awards:unit_awards"])
def test_unit_pages_load_the_section(client, viewer, unit, name):
    client.force_login(viewer)

    body = _body(client.get(reverse(name, args=[unit.pk])))

    url = reverse("awards:unit_eligibility", args=[unit.pk])
    assert f'hx-get="{url}?compact=1"' in body


@pytest.mark.parametrize("name", ["org:person_detail", "awards:person_awards"])
def test_person_pages_load_the_section(client, viewer, ready, name):
    client.force_login(viewer)

    body = _body(client.get(reverse(name, args=[ready.pk])))

    url = reverse("awards:person_eligibility", args=[ready.pk])
    assert f'hx-get="{url}?compact=1"' in body
    assert f'href="{url}"' in body  # without JavaScript, a link


def test_a_bad_year_falls_back_to_last_year(client, viewer, ready):
    client.force_login(viewer)

    body = _body(client.get(reverse("awards:person_eligibility", args=[ready.pk]) + "?year=1800"))

    assert "Đủ điều kiện đề nghị năm" in body
