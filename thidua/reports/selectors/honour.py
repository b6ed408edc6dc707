"""Reads of the public honour board: the published boards and their lines.

A line is on a province's board when it is the province's (or a province merged into it) decided
award: a decision number, not revoked, an award type of a level the board shows (individual
awards only when it shows people), from the board's first year on, and not kept off the board.
A page costs a fixed number of queries: the board, the page's lines with their subjects and
units, and the paginator's capped count.
"""

from django.db.models import QuerySet

from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core.exceptions import NotFound
from thidua.decisions.services._common import province_family
from thidua.org.models import Province
from thidua.reports.models import HonourBoard, HonourBoardHidden

# The lines counted on a page, at most: beyond, "more than" (at 10 M registry lines a province's
# count of 10,000 took a second; 1,000 about a tenth of that).
COUNT_CAP = 1_000


def published_boards() -> list[HonourBoard]:
    return list(
        HonourBoard.objects.filter(published=True)
        .select_related("province")
        .order_by("province__name")
    )


def board_by_code(code: str) -> HonourBoard:
    """A province's board by the province code: its settings, or the unsaved defaults (not
    published) when it has none yet. NotFound when no province has that code; whether the page
    may be shown (published, or a preview for the province's board) is the caller's check."""
    board = HonourBoard.objects.select_related("province").filter(province__code=code).first()
    if board is not None:
        return board
    province = Province.objects.filter(code=code).first()
    if province is None:
        raise NotFound()
    return HonourBoard(province=province)


def board_award_types(board: HonourBoard) -> list[tuple[str, str]]:
    """(code, name) of the catalogue's award types the board shows, in the catalogue's order."""
    levels = set(board.levels or [])
    return [
        (a.code, a.name)
        for a in load_rulebook().award_types()
        if a.level in levels and (board.show_people or a.subject == "collective")
    ]


def honour_lines(
    board: HonourBoard, *, year: int | None = None, award_type: str | None = None
) -> QuerySet[AwardRecord]:
    codes = [code for code, _name in board_award_types(board)]
    if award_type:
        codes = [code for code in codes if code == award_type]
    lines = (
        AwardRecord.objects.filter(
            province_id__in=province_family(board.province_id),
            revoked=False,
            award_type__in=codes,
            honour_hidden__isnull=True,
        )
        .exclude(decision_number="")
        .select_related("unit", "person__unit")
        .only(
            "award_type",
            "year",
            "decision_number",
            "decision_date",
            "issuer",
            "unit__name",
            "person__full_name",
            "person__unit__name",
        )
        .order_by("-year", "award_type", "id")
    )
    if board.from_year:
        lines = lines.filter(year__gte=board.from_year)
    if year is not None:
        lines = lines.filter(year=year)
    return lines


def hidden_lines(board: HonourBoard) -> QuerySet[HonourBoardHidden]:
    return (
        HonourBoardHidden.objects.filter(record__province_id__in=province_family(board.province_id))
        .select_related("record__unit", "record__person__unit", "created_by")
        .order_by("-created_at", "-pk")
    )
