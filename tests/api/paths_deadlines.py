"""The paths of the calendar of deadlines (tag "deadlines"), read by tests/api/test_schema.py."""

PATHS = {
    "/api/v1/deadlines": {"get"},
    "/api/v1/provinces/{province_id}/deadline-template": {"get"},
    "/api/v1/provinces/{province_id}/deadline-template/{kind}": {"patch"},
    "/api/v1/provinces/{province_id}/deadline-reminders": {"put"},
    "/api/v1/seasons/{season_id}/deadlines/{kind}": {"put", "delete"},
    "/api/v1/provinces/{province_id}/deadlines/{year}/{kind}": {"put", "delete"},
    "/api/v1/units/{unit_id}/calendar-feed": {"get"},
    "/api/v1/units/{unit_id}/calendar-feed/rotate": {"post"},
    "/api/v1/provinces/{province_id}/calendar-feed": {"get"},
    "/api/v1/provinces/{province_id}/calendar-feed/rotate": {"post"},
}
