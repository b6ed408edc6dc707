"""iCalendar (RFC 5545) feeds of the calendar, written by hand (pure, no Django models).

Each deadline is an all-day VEVENT (DTSTART;VALUE=DATE, DTEND the next day) with a stable UID
(its key: the same event when its date moves), DTSTAMP, SUMMARY and DESCRIPTION in Vietnamese
(TEXT escaped: backslash, semicolon, comma, newline), and one display alarm per reminder offset
at 09:00 local time that many days before. Lines end in CRLF and are folded at 75 octets
without splitting a UTF-8 character (RFC 5545 §3.1).
"""

import datetime
from collections.abc import Iterable, Sequence

from thidua.deadlines.schedule import Deadline

PRODID = "-//Thi dua - Khen thuong//Lich thi dua//VI"
UID_DOMAIN = "thidua.lich"
LINE_OCTETS = 75
ALARM_HOUR = 9
CRLF = "\r\n"


def escape_text(value: str) -> str:
    """TEXT value escaping (RFC 5545 §3.3.11)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded into chunks of at most 75 octets (continuations start with a
    space, which counts), never inside a multi-byte UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(char)
        size += width
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def _date(day: datetime.date) -> str:
    return day.strftime("%Y%m%d")


def _stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def alarm_trigger(days: int) -> str:
    """A trigger before the all-day start (00:00) at 09:00 `days` days before: -P6DT15H for 7."""
    if days <= 0:
        return f"PT{ALARM_HOUR}H"
    hours = 24 - ALARM_HOUR
    return f"-P{days - 1}DT{hours}H" if days > 1 else f"-PT{hours}H"


def event_lines(
    deadline: Deadline,
    *,
    stamp: datetime.datetime,
    summary: str,
    description: str,
    reminder_days: Sequence[int],
    alarm_text: str,
    category: str = "",
) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{deadline.key}@{UID_DOMAIN}",
        f"DTSTAMP:{_stamp(stamp)}",
        f"DTSTART;VALUE=DATE:{_date(deadline.due)}",
        f"DTEND;VALUE=DATE:{_date(deadline.due + datetime.timedelta(days=1))}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
    ]
    if category:
        lines.append(f"CATEGORIES:{escape_text(category)}")
    for days in sorted(set(reminder_days), reverse=True):
        lines += [
            "BEGIN:VALARM",
            "ACTION:DISPLAY",
            f"DESCRIPTION:{escape_text(alarm_text)}",
            f"TRIGGER:{alarm_trigger(days)}",
            "END:VALARM",
        ]
    lines.append("END:VEVENT")
    return lines


def calendar_text(name: str, description: str, events: Iterable[list[str]]) -> str:
    """The whole VCALENDAR, folded, CRLF line ends."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-CALDESC:{escape_text(description)}",
        "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
        "X-PUBLISHED-TTL:PT6H",
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
