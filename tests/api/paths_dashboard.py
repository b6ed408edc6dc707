"""API paths of the province dashboard (reports, issue 7)."""

PATHS = {"/api/v1/dashboard": {"get"}}
