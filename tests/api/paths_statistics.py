"""API paths of the statistics (reports, issue 7): the tables as JSON and their files."""

PATHS = {
    "/api/v1/statistics": {"get"},
    "/api/v1/statistics.xlsx": {"get"},
    "/api/v1/statistics/{table}.{fmt}": {"get"},
}
