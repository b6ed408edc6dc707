"""The API paths of the blocs' year-end summary reports (tests/api/test_schema.py reads PATHS)."""

PATHS = {
    "/api/v1/seasons/{season_id}/summary": {"get"},
    "/api/v1/seasons/{season_id}/summary.docx": {"get"},
    "/api/v1/seasons/{season_id}/summary.pdf": {"get"},
}
