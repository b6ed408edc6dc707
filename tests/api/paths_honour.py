"""API paths of the public honour board and its settings (read by test_schema)."""

PATHS = {
    "/api/v1/honour-board/{code}": {"get"},
    "/api/v1/honour-board/hidden": {"post"},
    "/api/v1/honour-board/hidden/{record_id}": {"delete"},
    "/api/v1/provinces/{province_id}/honour-board": {"get", "put"},
}
