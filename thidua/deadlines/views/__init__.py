"""Pages of the calendar of deadlines."""

from thidua.deadlines.views.calendar import (
    calendar,
    calendar_ics,
    feed,
    province_feed_rotate,
    unit_calendar,
    unit_feed_rotate,
)
from thidua.deadlines.views.season import province_override, season_dates, season_override
from thidua.deadlines.views.template import reminder_days, template, template_edit

__all__ = [
    "calendar",
    "calendar_ics",
    "feed",
    "province_feed_rotate",
    "province_override",
    "reminder_days",
    "season_dates",
    "season_override",
    "template",
    "template_edit",
    "unit_calendar",
    "unit_feed_rotate",
]
