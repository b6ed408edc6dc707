"""The ranking page of a season and its Excel export (reads only; the selectors check permissions)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_GET

from thidua.accounts.permissions import can
from thidua.covenants.enums import TieBreak
from thidua.org.selectors import season_get_for_user
from thidua.org.views import page_view
from thidua.scoring.ranking import RankedRow, Ranking, TieReplay, tie_replays
from thidua.scoring.selectors.ranking import card_status_label, ranking_report_for_season
from thidua.scoring.xlsx import XLSX_CONTENT_TYPE, ranking_workbook

# Chart geometry in SVG user units; the SVG scales to the width of the screen.
CHART_WIDTH = 420
CHART_ROW = 40
CHART_VALUE_ROOM = 64


def rule_label(rule: str) -> str:
    return str(TieBreak(rule).label) if rule in TieBreak.values else rule


@dataclass(frozen=True)
class Line:
    row: RankedRow
    status: str
    note: str


def _note(row: RankedRow) -> str:
    if not row.tied_with:
        return ""
    if row.decided_by == "tie":
        return _("Đồng hạng với %(unit)s: bằng tổng điểm và bằng mọi quy tắc phụ đã công bố.") % {
            "unit": row.tied_with
        }
    return _("Bằng tổng điểm với %(unit)s; xếp sau theo quy tắc: %(rule)s.") % {
        "unit": row.tied_with,
        "rule": rule_label(row.decided_by),
    }


def _lines(ranking: Ranking) -> list[Line]:
    return [
        Line(row=row, status=card_status_label(row.entry.card_status), note=_note(row))
        for row in ranking.ranked
    ]


def _value_text(value: Decimal | datetime.datetime | None) -> str:
    if value is None:
        return pgettext("ranking", "chưa nộp")
    if isinstance(value, datetime.datetime):
        return str(formats.date_format(value, "d/m/Y H:i"))
    return str(formats.number_format(value, decimal_pos=2 if value % 1 else 0))


def _replay_view(replay: TieReplay) -> dict[str, Any]:
    steps = [
        {
            "label": rule_label(step.rule),
            "values": [(row.entry.unit_name, _value_text(value)) for row, value in step.values],
            "outcome": " › ".join(" = ".join(r.entry.unit_name for r in g) for g in step.outcome),
            "separated": step.separated,
        }
        for step in replay.steps
    ]
    shared = [", ".join(r.entry.unit_name for r in group) for group in replay.shared]
    return {"total": replay.total, "rows": replay.rows, "steps": steps, "shared": shared}


def chart(ranking: Ranking) -> dict[str, Any]:
    """Horizontal bars of the totals, one row per ranked unit: name above its bar, value after it."""
    ranked = ranking.ranked
    top = max([ranking.table_total, *(r.total for r in ranked)], default=Decimal(0))
    room = CHART_WIDTH - CHART_VALUE_ROOM
    bars = []
    for i, row in enumerate(ranked):
        width = float(max(row.total, Decimal(0)) / top * room) if top > 0 else 0.0
        y = i * CHART_ROW
        bars.append(
            {
                "row": row,
                "label_y": y + 13,
                "bar_y": y + 18,
                "width": round(width, 1),
                "value_x": round(width + 4, 1),
                "value_y": y + 30,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": max(len(ranked) * CHART_ROW, CHART_ROW),
        "top": ranked[0] if ranked else None,
    }


@page_view("blocs")
@require_GET
def season_ranking(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_get_for_user(user=request.user, pk=season_pk)
    report = ranking_report_for_season(
        user=request.user, season=season, perm="scoring.view_ranking"
    )
    context = {
        "season": season,
        "bloc": season.bloc,
        "report": report,
        "lines": _lines(report.ranking),
        "chart": chart(report.ranking),
        "rules": [rule_label(r) for r in report.ranking.tie_breaks],
        "replays": [_replay_view(r) for r in tie_replays(report.ranking)],
        "can_export": can(request.user, "scoring.export", season),
    }
    return render(request, "scoring/ranking.html", context)


@page_view("blocs")
@require_GET
def season_ranking_export(request: HttpRequest, season_pk: int) -> HttpResponse:
    season = season_get_for_user(user=request.user, pk=season_pk)
    report = ranking_report_for_season(user=request.user, season=season, perm="scoring.export")
    response = HttpResponse(ranking_workbook(report), content_type=XLSX_CONTENT_TYPE)
    filename = f"xep-hang-{season.bloc_id}-{season.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
