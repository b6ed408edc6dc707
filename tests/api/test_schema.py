import importlib
import json
import pathlib

import pytest

from tests.api.test_voting_schema import VOTING_PATHS
from thidua.api.main import api

pytestmark = pytest.mark.integration

READ_CODES = {"401", "404", "422"}
WRITE_CODES = {"400", "401", "403", "404", "409", "422"}

DOSSIER_PATHS = {
    "/api/v1/proposals": {"get", "post"},
    "/api/v1/proposals/receive": {"post"},
    "/api/v1/proposals/return": {"post"},
    "/api/v1/proposals/documents": {"get"},
    "/api/v1/proposals/documents.zip": {"get"},
    "/api/v1/proposals/documents/{kind}.{fmt}": {"get"},
    "/api/v1/proposals/{proposal_id}": {"get", "patch", "delete"},
    "/api/v1/proposals/{proposal_id}/submit": {"post"},
    "/api/v1/proposals/{proposal_id}/withdraw": {"post"},
    "/api/v1/proposals/{proposal_id}/receive": {"post"},
    "/api/v1/proposals/{proposal_id}/return": {"post"},
    "/api/v1/proposals/{proposal_id}/validate": {"post"},
    "/api/v1/proposals/{proposal_id}/reject": {"post"},
    "/api/v1/proposals/{proposal_id}/files": {"get", "post"},
    "/api/v1/files/{file_id}": {"get", "delete"},
    "/api/v1/dossiers": {"get", "post"},
    "/api/v1/dossiers/{dossier_id}": {"get", "patch", "delete"},
    "/api/v1/dossiers/{dossier_id}/proposals": {"post"},
    "/api/v1/dossiers/{dossier_id}/proposals/{proposal_id}": {"delete"},
    "/api/v1/dossiers/{dossier_id}/submit": {"post"},
    "/api/v1/dossiers/{dossier_id}/files": {"get", "post"},
    # The council, its sessions and votes, and the award decisions.
    "/api/v1/councils": {"get", "post"},
    "/api/v1/councils/{council_id}": {"get", "patch"},
    "/api/v1/councils/{council_id}/members": {"post"},
    "/api/v1/council-members/{member_id}": {"patch"},
    "/api/v1/councils/{council_id}/sessions": {"post"},
    "/api/v1/sessions": {"get"},
    "/api/v1/sessions/{session_id}": {"get"},
    "/api/v1/sessions/{session_id}/present": {"put"},
    "/api/v1/sessions/{session_id}/proposals": {"post"},
    "/api/v1/sessions/{session_id}/proposals/{proposal_id}": {"delete"},
    "/api/v1/sessions/{session_id}/proposals/{proposal_id}/votes": {"get", "put"},
    "/api/v1/sessions/{session_id}/review-sheet": {"get"},
    "/api/v1/sessions/{session_id}/close": {"post"},
    "/api/v1/decisions": {"get", "post"},
    "/api/v1/decisions/{decision_id}": {"get"},
    "/api/v1/decisions/{decision_id}/file": {"get"},
}

EXPECTED_PATHS = {
    "/api/v1/auth/token": {"post", "delete"},
    "/api/v1/me": {"get"},
    "/api/v1/provinces": {"get"},
    "/api/v1/provinces/{province_id}": {"get", "patch"},
    "/api/v1/provinces/{province_id}/history": {"get"},
    "/api/v1/units": {"get", "post"},
    "/api/v1/units/{unit_id}": {"get", "patch", "delete"},
    "/api/v1/units/{unit_id}/lineage": {"get"},
    "/api/v1/units/{unit_id}/history": {"get"},
    "/api/v1/lineage-events": {"post"},
    "/api/v1/people": {"get", "post"},
    "/api/v1/people/{person_id}": {"get", "patch", "delete"},
    "/api/v1/people/{person_id}/history": {"get"},
    "/api/v1/blocs": {"get", "post"},
    "/api/v1/blocs/{bloc_id}": {"get", "patch", "delete"},
    "/api/v1/blocs/{bloc_id}/history": {"get"},
    "/api/v1/seasons": {"get", "post"},
    "/api/v1/seasons/{season_id}": {"get", "patch", "delete"},
    "/api/v1/seasons/{season_id}/members": {"post"},
    "/api/v1/seasons/{season_id}/members/{unit_id}": {"delete"},
    "/api/v1/seasons/{season_id}/history": {"get"},
    "/api/v1/seasons/{season_id}/ranking": {"get"},
    # Scoring: scorecards, scores, evidence, objections, exclusions.
    "/api/v1/seasons/{season_id}/scorecards": {"get"},
    "/api/v1/seasons/{season_id}/scorecards/own": {"get", "post"},
    "/api/v1/scorecards/{scorecard_id}": {"get"},
    "/api/v1/scorecards/{scorecard_id}/submit": {"post"},
    "/api/v1/scorecards/{scorecard_id}/mark-reviewed": {"post"},
    "/api/v1/scorecards/{scorecard_id}/open-objections": {"post"},
    "/api/v1/scorecards/{scorecard_id}/finalize": {"post"},
    "/api/v1/scorecards/{scorecard_id}/reopen": {"post"},
    "/api/v1/seasons/{season_id}/open-objections": {"post"},
    "/api/v1/scores/{score_id}": {"patch"},
    "/api/v1/scores/{score_id}/review": {"put"},
    "/api/v1/scores/{score_id}/cross": {"put"},
    "/api/v1/scores/{score_id}/evidence": {"get", "post"},
    "/api/v1/evidence/{evidence_id}": {"delete"},
    "/api/v1/seasons/{season_id}/objections": {"get"},
    "/api/v1/scorecards/{scorecard_id}/objections": {"post"},
    "/api/v1/objections/{objection_id}/answer": {"post"},
    "/api/v1/seasons/{season_id}/exclusions": {"get", "post"},
    "/api/v1/exclusions/{exclusion_id}": {"delete"},
    "/api/v1/seasons/{season_id}/leniency": {"get"},
    # Covenants: movements, covenant, items, criteria table, registrations.
    "/api/v1/movements": {"get", "post"},
    "/api/v1/movements/{movement_id}": {"get", "patch", "delete"},
    "/api/v1/seasons/{season_id}/covenant": {"get", "post"},
    "/api/v1/covenants/{covenant_id}": {"patch"},
    "/api/v1/covenants/{covenant_id}/open-signing": {"post"},
    "/api/v1/covenants/{covenant_id}/sign": {"post"},
    "/api/v1/covenants/{covenant_id}/lock": {"post"},
    "/api/v1/covenants/{covenant_id}/unlock": {"post"},
    "/api/v1/covenants/{covenant_id}/signatures": {"get"},
    "/api/v1/covenants/{covenant_id}/items": {"get", "post"},
    "/api/v1/covenants/{covenant_id}/items/order": {"post"},
    "/api/v1/covenant-items/{item_id}": {"patch", "delete"},
    "/api/v1/covenants/{covenant_id}/criteria": {"get", "post"},
    "/api/v1/covenants/{covenant_id}/criteria/validation": {"get"},
    "/api/v1/criteria/{criterion_id}": {"patch", "delete"},
    "/api/v1/seasons/{season_id}/registrations": {"get", "post"},
    "/api/v1/registrations/{registration_id}": {"get", "patch"},
    "/api/v1/registrations/{registration_id}/submit": {"post"},
    "/api/v1/registrations/{registration_id}/approve": {"post"},
    "/api/v1/registrations/{registration_id}/return": {"post"},
    # The year-end meeting: its own schema test lists them (tests/api/test_voting_schema.py).
    **VOTING_PATHS,
    "/api/v1/rulebook": {"get"},
    "/api/v1/provinces/{province_id}/rule-settings": {"get"},
    "/api/v1/provinces/{province_id}/rule-settings/{rule_id}": {"put"},
    "/api/v1/rule-settings/{setting_id}": {"delete"},
    "/api/v1/search": {"get"},
    # The registry of awards.
    "/api/v1/award-records": {"get", "post"},
    "/api/v1/award-records/{record_id}": {"get", "patch"},
    "/api/v1/award-records/{record_id}/revoke": {"post"},
    "/api/v1/units/{unit_id}/award-records": {"get"},
    "/api/v1/people/{person_id}/award-records": {"get"},
    "/api/v1/assessments": {"put"},
    # Eligibility.
    "/api/v1/eligibility": {"get"},
    "/api/v1/eligibility/next-year": {"get"},
    "/api/v1/people/{person_id}/eligibility": {"get"},
    "/api/v1/units/{unit_id}/eligibility": {"get"},
    # Proposals, dossiers, their files and generated documents.
    **DOSSIER_PATHS,
}


@pytest.fixture
def schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)


def test_schema_lists_every_path_and_method(schema):
    paths = {path: set(ops) for path, ops in schema["paths"].items()}

    assert paths == EXPECTED_PATHS | area_paths()


def area_paths() -> dict[str, set[str]]:
    """The paths each later area declares in its own `tests/api/paths_<area>.py` (PATHS)."""
    found: dict[str, set[str]] = {}
    for module in sorted(pathlib.Path(__file__).parent.glob("paths_*.py")):
        paths = importlib.import_module(f"tests.api.{module.stem}").PATHS
        assert not set(paths) & set(found), module.name
        found |= paths
    return found


def test_schema_write_operations_document_error_codes(schema):
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if path == "/api/v1/auth/token" or method == "get":
                continue
            codes = set(op["responses"])
            assert codes >= WRITE_CODES, (method, path, codes)
            assert codes & {"200", "201", "204"}, (method, path, codes)


def test_schema_read_operations_document_error_codes(schema):
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None or path == "/api/v1/me":
            continue
        codes = set(op["responses"])
        if "{" in path:
            assert READ_CODES | {"200"} <= codes, (path, codes)
        else:
            assert {"200", "400", "401", "422"} <= codes, (path, codes)


def test_schema_token_operation_documents_throttling(schema):
    codes = set(schema["paths"]["/api/v1/auth/token"]["post"]["responses"])

    assert codes == {"201", "400", "401", "422", "429"}


def test_schema_errors_use_the_error_shape(schema):
    error = schema["components"]["schemas"]["Error"]
    ref = schema["paths"]["/api/v1/units"]["post"]["responses"]["409"]["content"][
        "application/json"
    ]["schema"]["$ref"]

    assert ref == "#/components/schemas/Error"
    assert set(error["required"]) == {"code", "message"}


def test_schema_declares_bearer_security(schema):
    schemes = schema["components"]["securitySchemes"]

    assert [s["scheme"] for s in schemes.values()] == ["bearer"]
    assert "security" not in schema["paths"]["/api/v1/auth/token"]["post"]


def test_schema_ids_are_bounded_to_64_bits(schema):
    parameter = schema["paths"]["/api/v1/units/{unit_id}"]["get"]["parameters"][0]

    assert parameter["schema"]["minimum"] == 1
    assert parameter["schema"]["maximum"] == 2**63 - 1


def test_schema_matches_the_api_object(schema):
    assert schema["info"]["title"] == api.title


def test_docs_page_renders_without_cdn(client):
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn.jsdelivr.net" not in html
