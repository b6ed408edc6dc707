"""The hand-written iCalendar writer: escaping, folding at 75 octets, parsed back."""

import datetime

import pytest

from tests.deadlines.ics import parse, unescape
from thidua.deadlines import ical
from thidua.deadlines.schedule import Deadline

pytestmark = pytest.mark.unit


def deadline(**kw):
    base = {
        "key": "season-7-dossier",
        "kind": "dossier",
        "title": "Nộp hồ sơ",
        "due": datetime.date(2023, 12, 10),
        "year": 2023,
        "province_id": 1,
        "scope": "season",
        "audience": "members",
        "source": "default",
    }
    return Deadline(**{**base, **kw})


def test_escape_text_escapes_backslash_semicolon_comma_and_newlines():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"


@pytest.mark.parametrize("text", ["ă" * 200, "Khối thi đua các cơ quan Đảng, " * 9, "x" * 300])
def test_fold_never_exceeds_75_octets_nor_splits_a_character(text):
    folded = ical.fold("SUMMARY:" + text)

    lines = folded.encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    for line in lines:
        line.decode("utf-8")
    assert "".join([lines[0].decode()] + [x.decode()[1:] for x in lines[1:]]) == "SUMMARY:" + text


def test_alarm_triggers_at_nine_in_the_morning():
    assert ical.alarm_trigger(7) == "-P6DT15H"
    assert ical.alarm_trigger(1) == "-PT15H"
    assert ical.alarm_trigger(0) == "PT9H"


def test_calendar_parses_back_with_vietnamese_text():
    summary = "Nộp hồ sơ đề nghị khen thưởng; Khối các cơ quan Đảng, đoàn thể tỉnh Nam Định " * 2
    description = "Hạn: 10/12/2023\nCăn cứ: QĐ 86/2025/QĐ-UBND, Điều 6; khoản 2 \\ mẫu"
    stamp = datetime.datetime(2023, 12, 1, 3, 0, tzinfo=datetime.UTC)
    event = ical.event_lines(
        deadline(),
        stamp=stamp,
        summary=summary,
        description=description,
        reminder_days=[1, 7],
        alarm_text="Nhắc hạn, sắp đến",
    )

    raw = ical.calendar_text("Lịch thi đua – Sở Tư pháp, tỉnh", "Mô tả", [event]).encode("utf-8")
    cal = parse(raw)

    assert cal.get("VERSION") == "2.0"
    assert cal.get("PRODID") == ical.PRODID
    assert unescape(cal.get("X-WR-CALNAME")) == "Lịch thi đua – Sở Tư pháp, tỉnh"
    (vevent,) = cal.all("VEVENT")
    assert vevent.get("UID") == "season-7-dossier@thidua.lich"
    assert vevent.get("DTSTAMP") == "20231201T030000Z"
    assert vevent.get("DTSTART") == "20231210"
    assert vevent.params("DTSTART") == {"VALUE": "DATE"}
    assert vevent.get("DTEND") == "20231211"
    assert unescape(vevent.get("SUMMARY")) == summary
    assert unescape(vevent.get("DESCRIPTION")) == description
    alarms = vevent.all("VALARM")
    assert [a.get("TRIGGER") for a in alarms] == ["-P6DT15H", "-PT15H"]
    assert {a.get("ACTION") for a in alarms} == {"DISPLAY"}
    assert unescape(alarms[0].get("DESCRIPTION")) == "Nhắc hạn, sắp đến"
