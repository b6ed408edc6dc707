"""The year-end meeting's paths in /api/v1/openapi.json: methods, summaries, error codes."""

import json

import pytest

pytestmark = pytest.mark.integration

VOTING_PATHS = {
    "/api/v1/seasons/{season_id}/meeting": {"get", "post"},
    "/api/v1/meetings/{meeting_id}": {"get", "patch"},
    "/api/v1/meetings/{meeting_id}/attendance/{unit_id}": {"put"},
    "/api/v1/meetings/{meeting_id}/committee": {"post"},
    "/api/v1/committee/{member_id}": {"delete"},
    "/api/v1/meetings/{meeting_id}/start": {"post"},
    "/api/v1/meetings/{meeting_id}/end": {"post"},
    "/api/v1/meetings/{meeting_id}/polls": {"get", "post"},
    "/api/v1/polls/{poll_id}": {"get", "patch"},
    "/api/v1/polls/{poll_id}/candidates": {"get", "post"},
    "/api/v1/candidates/{candidate_id}": {"delete"},
    "/api/v1/polls/{poll_id}/open": {"post"},
    "/api/v1/polls/{poll_id}/close": {"post"},
    "/api/v1/polls/{poll_id}/cancel": {"post"},
    "/api/v1/polls/{poll_id}/runoff": {"post"},
    "/api/v1/polls/{poll_id}/turnout": {"get"},
    "/api/v1/polls/{poll_id}/ballots": {"get", "post"},
    "/api/v1/polls/{poll_id}/my-status": {"get"},
    "/api/v1/polls/{poll_id}/paper/issue": {"post"},
    "/api/v1/polls/{poll_id}/paper/entries": {"post"},
    "/api/v1/polls/{poll_id}/paper/sheets": {"get"},
    "/api/v1/polls/{poll_id}/paper/sheets/{number}/resolve": {"post"},
    "/api/v1/polls/{poll_id}/result": {"get"},
    "/api/v1/polls/{poll_id}/minutes.docx": {"get"},
    "/api/v1/polls/{poll_id}/minutes.pdf": {"get"},
    "/api/v1/award-types": {"get"},
}

WRITE_CODES = {"400", "401", "403", "404", "409", "422"}
# Vietnamese letters that English never uses: a summary written in Vietnamese has one of them.
VIETNAMESE = set("ăâđêôơưáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def _voting_ops(schema):
    return {
        (path, method): op
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
        if "voting" in op.get("tags", [])
    }


def test_schema_lists_the_voting_paths(schema):
    paths = {
        path: set(ops)
        for path, ops in schema["paths"].items()
        if any("voting" in op.get("tags", []) for op in ops.values())
    }

    assert paths == VOTING_PATHS


def test_voting_operations_have_vietnamese_summaries(schema):
    for (path, method), op in _voting_ops(schema).items():
        summary = op.get("summary", "")
        assert set(summary.lower()) & VIETNAMESE, (method, path, summary)


def test_voting_writes_document_error_codes(schema):
    for (path, method), op in _voting_ops(schema).items():
        if method == "get":
            continue
        codes = set(op["responses"])
        assert codes >= WRITE_CODES, (method, path, codes)
        assert codes & {"200", "201", "204"}, (method, path, codes)


def test_voting_results_document_the_closing_conflict(schema):
    for name in ("result", "ballots", "minutes.docx", "minutes.pdf"):
        codes = set(schema["paths"][f"/api/v1/polls/{{poll_id}}/{name}"]["get"]["responses"])

        assert {"200", "401", "404", "409", "422"} <= codes, (name, codes)


def test_minutes_are_documented_as_files(schema):
    docx = schema["paths"]["/api/v1/polls/{poll_id}/minutes.docx"]["get"]["responses"]["200"]
    pdf = schema["paths"]["/api/v1/polls/{poll_id}/minutes.pdf"]["get"]["responses"]["200"]

    assert list(docx["content"]) == [
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ]
    assert list(pdf["content"]) == ["application/pdf"]


def test_ballot_choices_are_strict_integers(schema):
    ballot = schema["components"]["schemas"]["BallotIn"]["properties"]["choices"]

    assert ballot["items"]["type"] == "integer"
    assert ballot["maxItems"] == 100
