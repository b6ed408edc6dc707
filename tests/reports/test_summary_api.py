"""The summary report through the JSON API: `GET /seasons/{id}/summary` (the selector's data),
`…/summary.docx` and `…/summary.pdf`; permissions (`reports.view_summary`, province scope), bad
options, a fixed number of queries, and the paths as the schema declares them."""

import io
import json
from urllib.parse import unquote

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import ApiClient
from tests.api.paths_summaries import PATHS
from tests.reports.test_summary_world import BLOC, NAMES, summary_world

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

ALLOWED = ("board", "viewer", "officer")
DENIED = ("foreign_board", "foreign_officer")
TARGETS = ("", ".docx", ".pdf")


@pytest.fixture
def world():
    return summary_world(4)


def api_for(world, who):
    client = ApiClient()
    return client if who == "anonymous" else client.login(getattr(world, who))


def path(world, suffix=""):
    return f"/seasons/{world.season.pk}/summary{suffix}"


@pytest.mark.parametrize("who", ALLOWED)
@pytest.mark.parametrize("suffix", TARGETS)
def test_province_users_read_the_summary_and_its_files(world, who, suffix):
    response = api_for(world, who).get(path(world, suffix))

    assert response.status_code == 200


@pytest.mark.parametrize("who", DENIED)
@pytest.mark.parametrize("suffix", TARGETS)
def test_other_provinces_get_not_found(world, who, suffix):
    response = api_for(world, who).get(path(world, suffix))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("suffix", TARGETS)
def test_anonymous_callers_are_unauthorised(world, suffix):
    response = api_for(world, "anonymous").get(path(world, suffix))

    assert response.status_code == 401
    assert set(response.json()) >= {"code", "message"}


def test_summary_json_has_every_section(world):
    body = api_for(world, "board").get(path(world)).json()

    assert (body["season_id"], body["year"], body["finished"]) == (world.season.pk, 2022, True)
    assert (body["bloc"]["name"], body["leader"]["name"], body["deputy"]["name"]) == (
        BLOC,
        NAMES[0],
        NAMES[1],
    )
    assert len(body["members"]) == 4
    assert body["covenant"]["signing_date"] == "2022-02-15"
    assert body["covenant"]["signed"] == 4
    assert [m["name"] for m in body["movements"]] == ["Văn hóa công sở giai đoạn 2019-2025"]
    assert len(body["registrations"]) == 4
    assert body["ranking"]["rows"][0] == {
        "rank": 1,
        "unit": {"id": world.units[0].pk, "name": NAMES[0]},
        "base": 100.0,
        "bonus": 0.0,
        "deduction": 0.0,
        "total": 100.0,
        "band": "Xuất sắc",
        "card_status": "final",
        "unreviewed": False,
        "note": "",
        "excluded_rule": "",
    }
    nomination = body["polls"][0]
    assert (nomination["kind"], nomination["members"], nomination["required"]) == (
        "nomination",
        4,
        3,
    )
    assert (nomination["threshold_share"], nomination["rule_id"]) == ("1/2", "VOT-13")
    assert nomination["rows"][1]["share"] == "3/4"
    assert nomination["rows"][1]["share_pct"] == 75.0
    assert [(p["subject"], p["status"]) for p in body["proposals"]] == [
        (NAMES[0], "decided"),
        (NAMES[2], "received"),
    ]
    assert body["decisions"][0]["number"] == "135/QĐ-UBND"
    assert body["person_awards"] == [
        {"award_type": "lao_dong_tien_tien", "award_name": "Lao động tiên tiến", "count": 4}
    ]
    assert body["next_year"]["leader"]["name"] == NAMES[1]
    assert body["next_year"]["leader_poll_id"] == world.polls["leader"].pk
    assert body["docx_url"] == f"/api/v1{path(world, '.docx')}"
    assert body["pdf_url"] == f"/api/v1{path(world, '.pdf')}"


def test_summary_json_of_a_bare_season(world):
    bare = summary_world(2, complete=False)

    body = api_for(bare, "board").get(path(bare)).json()

    assert body["finished"] is False
    assert (body["covenant"], body["meeting"], body["polls"], body["proposals"]) == (
        None,
        None,
        [],
        [],
    )
    assert body["next_year"]["leader"] is None


def test_docx_file_takes_number_and_date(world):
    response = api_for(world, "board").get(
        path(world, ".docx"), {"number": "9", "date": "2024-03-01"}
    )

    assert response.status_code == 200
    assert unquote(response["Content-Disposition"].split("filename*=UTF-8''")[1]) == (
        f"Báo cáo tổng kết 2022 - {BLOC}.docx"
    )
    document = docx.Document(io.BytesIO(response.content))
    assert document.tables[0].cell(1, 0).text == "Số: 09/BC-KTĐ"
    assert any("98/2023/NĐ-CP" in p.text for p in document.paragraphs)


def test_pdf_file_is_a_pdf(world):
    response = api_for(world, "viewer").get(path(world, ".pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="bao-cao-tong-ket-' in response["Content-Disposition"]


@pytest.mark.parametrize(
    "params",
    [
        {"number": "12a"},
        {"number": "1234567"},
        {"date": "2022-02-31"},
        {"date": "1999-12-31"},
    ],
)
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_bad_options_are_a_422_with_the_error_shape(world, params, suffix):
    response = api_for(world, "board").get(path(world, suffix), params)

    assert response.status_code == 422
    assert response.json()["code"] == "validation_error"


@pytest.mark.parametrize("params", [{"number": "1\x00"}, {"date": "2022-12-20\x00"}])
def test_nul_bytes_are_refused_before_anything_is_read(world, params):
    response = api_for(world, "board").get(path(world, ".pdf"), params)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_characters"


def test_a_bad_season_id_is_refused(world):
    client = api_for(world, "board")

    assert client.get("/seasons/0/summary").status_code == 422
    assert client.get(f"/seasons/{2**63}/summary").status_code == 422
    assert client.get(f"/seasons/{10**9}/summary.pdf").status_code == 404


def _queries(world):
    client = api_for(world, "board")
    client.get(path(world))  # the token's lookups, as on any call
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path(world)).status_code == 200
    return len(queries.captured_queries)


def test_summary_queries_do_not_grow_with_the_bloc():
    assert _queries(summary_world(2)) == _queries(summary_world(10))


def test_schema_declares_the_paths_as_tests_api_paths_summaries_lists(client):
    schema = json.loads(client.get("/api/v1/openapi.json").content)

    ours = {p: set(ops) for p, ops in schema["paths"].items() if "/summary" in p}
    assert ours == PATHS
    for suffix, content_type in ((".docx", "wordprocessingml"), (".pdf", "application/pdf")):
        op = schema["paths"][f"/api/v1/seasons/{{season_id}}/summary{suffix}"]["get"]
        assert {"200", "401", "404", "422"} <= set(op["responses"])
        assert any(content_type in kind for kind in op["responses"]["200"]["content"])
        assert op["tags"] == ["summaries"]
