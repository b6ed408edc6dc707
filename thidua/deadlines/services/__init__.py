"""Writes of the calendar: the template, a season's or province's dates, feed links, reminders."""

from thidua.deadlines.services.feeds import feed_token_rotate
from thidua.deadlines.services.overrides import (
    province_deadline_clear,
    province_deadline_set,
    season_deadline_clear,
    season_deadline_set,
)
from thidua.deadlines.services.reminders import ReminderReport, reminders_send
from thidua.deadlines.services.template import (
    clean_reminder_days,
    reminder_days_set,
    template_row_set,
    template_seed,
)

__all__ = [
    "ReminderReport",
    "clean_reminder_days",
    "feed_token_rotate",
    "province_deadline_clear",
    "province_deadline_set",
    "reminder_days_set",
    "reminders_send",
    "season_deadline_clear",
    "season_deadline_set",
    "template_row_set",
    "template_seed",
]
