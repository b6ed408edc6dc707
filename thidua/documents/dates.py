"""Dates as Decree 30/2020/NĐ-CP writes them on official documents."""

import datetime


def vn_date(date: datetime.date) -> str:
    """ "ngày 05 tháng 01 năm 2020": a day below 10 and the months 1 and 2 take a leading zero,
    the other months none ("tháng 6", "tháng 12").

    January and February get the zero so that "tháng 1" cannot be turned into "tháng 10"–"tháng 12"
    by adding a digit.
    """
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def vn_date_line(place: str, date: datetime.date) -> str:
    """The place and date line of the header: "Nam Định, ngày 05 tháng 01 năm 2020"."""
    return f"{place}, {vn_date(date)}"


__all__ = ["vn_date", "vn_date_line"]
