"""Reads of scorecards, scores, evidence, objections and exclusions.

Every fetch is scoped to the user's provinces (missing and forbidden both answer "not found");
the page builders (sheet, grids, season panel) run a constant number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.permissions import can
from thidua.accounts.scoping import scope_by_province
from thidua.core.exceptions import NotFound
from thidua.covenants.enums import CovenantStatus, CriterionKind
from thidua.covenants.models import Covenant, Criterion
from thidua.org.models import Season
from thidua.scoring.enums import ObjectionStatus, ScorecardStatus
from thidua.scoring.models import CrossScore, Evidence, Exclusion, Objection, Score, Scorecard

SEASON_PROVINCE = "season__bloc__province_id"
REVIEWABLE = (ScorecardStatus.SUBMITTED, ScorecardStatus.REVIEWED)
SUBMITTED_OR_LATER = (
    ScorecardStatus.SUBMITTED,
    ScorecardStatus.REVIEWED,
    ScorecardStatus.OBJECTION,
    ScorecardStatus.FINAL,
)


# Guarded fetches and lists ---------------------------------------------------------------------


def _scorecard_qs() -> QuerySet[Scorecard]:
    return Scorecard.objects.select_related(
        "season", "season__bloc", "season__bloc__province", "season__leader", "unit"
    )


def scorecard_list_for_user(
    *, user: Any, season_id: int | None = None, unit_id: int | None = None
) -> QuerySet[Scorecard]:
    qs = scope_by_province(_scorecard_qs(), user, SEASON_PROVINCE)
    if season_id is not None:
        qs = qs.filter(season_id=season_id)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs.order_by("season__year", "unit__name", "id")


def scorecard_get_for_user(*, user: Any, pk: int) -> Scorecard:
    try:
        return scope_by_province(_scorecard_qs(), user, SEASON_PROVINCE).get(pk=pk)
    except Scorecard.DoesNotExist:
        raise NotFound() from None


def scorecard_get_own(*, user: Any, season: Season) -> Scorecard | None:
    """The officer's own unit's card for the season, if it exists."""
    if getattr(user, "unit_id", None) is None:
        return None
    return _scorecard_qs().filter(season=season, unit_id=user.unit_id).first()


def score_get_for_user(*, user: Any, pk: int) -> Score:
    qs = Score.objects.select_related(
        "criterion", "scorecard", "scorecard__season", "scorecard__season__bloc", "scorecard__unit"
    )
    try:
        return scope_by_province(qs, user, f"scorecard__{SEASON_PROVINCE}").get(pk=pk)
    except Score.DoesNotExist:
        raise NotFound() from None


def evidence_list_for_user(*, user: Any, score_id: int) -> QuerySet[Evidence]:
    qs = Evidence.objects.select_related("uploaded_by").filter(score_id=score_id)
    return scope_by_province(qs, user, f"score__scorecard__{SEASON_PROVINCE}").order_by(
        "uploaded_at", "id"
    )


def evidence_get_for_user(*, user: Any, pk: int) -> Evidence:
    qs = Evidence.objects.select_related(
        "score__scorecard__season__bloc", "score__scorecard__unit", "score__criterion"
    )
    try:
        return scope_by_province(qs, user, f"score__scorecard__{SEASON_PROVINCE}").get(pk=pk)
    except Evidence.DoesNotExist:
        raise NotFound() from None


def _objection_qs() -> QuerySet[Objection]:
    return Objection.objects.select_related(
        "scorecard",
        "scorecard__unit",
        "scorecard__season",
        "scorecard__season__bloc",
        "criterion",
        "filed_by",
        "answered_by",
    )


def objection_list_for_user(
    *,
    user: Any,
    season_id: int | None = None,
    scorecard_id: int | None = None,
    status: str | None = None,
) -> QuerySet[Objection]:
    """Objections in scope; an officer of a unit other than the season's leader sees its own only."""
    qs = scope_by_province(_objection_qs(), user, f"scorecard__{SEASON_PROVINCE}")
    if season_id is not None:
        qs = qs.filter(scorecard__season_id=season_id)
    if scorecard_id is not None:
        qs = qs.filter(scorecard_id=scorecard_id)
    if status:
        qs = qs.filter(status=status)
    if user.role == Role.UNIT_OFFICER and not user.is_superuser:
        qs = qs.filter(
            Q(scorecard__unit_id=user.unit_id) | Q(scorecard__season__leader_id=user.unit_id)
        )
    return qs.order_by("scorecard__unit__name", "filed_at", "id")


def objection_get_for_user(*, user: Any, pk: int) -> Objection:
    try:
        return objection_list_for_user(user=user).get(pk=pk)
    except Objection.DoesNotExist:
        raise NotFound() from None


def exclusion_list_for_user(*, user: Any, season_id: int | None = None) -> QuerySet[Exclusion]:
    qs = scope_by_province(
        Exclusion.objects.select_related("unit", "season", "season__bloc", "recorded_by"),
        user,
        SEASON_PROVINCE,
    )
    if season_id is not None:
        qs = qs.filter(season_id=season_id)
    return qs.order_by("unit__name", "id")


def exclusion_get_for_user(*, user: Any, pk: int) -> Exclusion:
    try:
        return exclusion_list_for_user(user=user).get(pk=pk)
    except Exclusion.DoesNotExist:
        raise NotFound() from None


def covenant_for_season(season: Season) -> Covenant | None:
    return Covenant.objects.filter(season=season).first()


# Totals ------------------------------------------------------------------------------------------


def agreed_points(score: Score) -> Decimal | None:
    """The contract with the ranking: the review score when set, else the self-score."""
    return score.review_score if score.review_score is not None else score.self_score


def signed(kind: str, points: Decimal | None) -> Decimal:
    value = points or Decimal(0)
    return -value if kind == CriterionKind.DEDUCTION else value


@dataclass
class Totals:
    self_total: Decimal = Decimal(0)
    agreed_total: Decimal = Decimal(0)
    scored: int = 0
    to_score: int = 0

    def add(self, criterion: Criterion, score: Score) -> None:
        self.self_total += signed(criterion.kind, score.self_score)
        self.agreed_total += signed(criterion.kind, agreed_points(score))
        if criterion.kind == CriterionKind.CRITERION:
            self.to_score += 1
            self.scored += score.self_score is not None


def scorecard_totals(scorecards: list[Scorecard]) -> dict[int, Totals]:
    """Self and agreed totals of each card (bonus added, deduction removed), in one query."""
    totals: dict[int, Totals] = {card.pk: Totals() for card in scorecards}
    for score in Score.objects.filter(scorecard__in=scorecards).select_related("criterion"):
        totals[score.scorecard_id].add(score.criterion, score)
    return totals


# The criteria tree -------------------------------------------------------------------------------


@dataclass
class Node:
    criterion: Criterion
    depth: int
    is_scored: bool
    score: Score | None = None
    cells: list[Any] = field(default_factory=list)


@dataclass
class Tab:
    index: int
    code: str
    title: str
    max_points: Decimal | None
    nodes: list[Node] = field(default_factory=list)

    @property
    def scored_nodes(self) -> list[Node]:
        return [n for n in self.nodes if n.is_scored]


def _criteria(covenant: Covenant) -> list[Criterion]:
    return list(Criterion.objects.filter(covenant=covenant).order_by("order", "id"))


def criteria_tabs(criteria: list[Criterion]) -> list[Tab]:
    """One tab per top-level group; top-level bonus/deduction rows share one last tab."""
    children: dict[int | None, list[Criterion]] = defaultdict(list)
    for criterion in criteria:
        children[criterion.parent_id].append(criterion)

    def walk(parent: Criterion, depth: int, out: list[Node]) -> None:
        for child in children.get(parent.pk, []):
            is_leaf = not children.get(child.pk)
            out.append(Node(child, depth, is_leaf and child.kind != CriterionKind.GROUP))
            walk(child, depth + 1, out)

    tabs: list[Tab] = []
    loose: list[Node] = []
    for root in children.get(None, []):
        if root.kind == CriterionKind.GROUP or children.get(root.pk):
            tab = Tab(len(tabs), root.code, root.title, root.max_points)
            walk(root, 0, tab.nodes)
            tabs.append(tab)
        else:
            loose.append(Node(root, 0, root.kind != CriterionKind.GROUP))
    if loose:
        tabs.append(Tab(len(tabs), "", _("Điểm cộng, điểm trừ"), None, loose))
    return tabs


def table_positions(covenant: Covenant) -> dict[int, int]:
    """Each criterion's position in the table as read (tree order), for sorting messages."""
    nodes = [n for tab in criteria_tabs(_criteria(covenant)) for n in tab.nodes]
    return {node.criterion.pk: i for i, node in enumerate(nodes)}


# The scorecard page --------------------------------------------------------------------------------


@dataclass
class Sheet:
    scorecard: Scorecard
    covenant: Covenant
    tabs: list[Tab]
    totals: Totals
    objections: list[Objection]


def scorecard_sheet(*, scorecard: Scorecard) -> Sheet:
    """The card's rows by tab, with evidence, for the page (five queries whatever the size)."""
    covenant = Covenant.objects.get(season_id=scorecard.season_id)
    criteria = _criteria(covenant)
    by_id = {c.pk: c for c in criteria}
    scores = {
        s.criterion_id: s
        for s in Score.objects.filter(scorecard=scorecard).prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("uploaded_at", "id"))
        )
    }
    totals = Totals()
    tabs = criteria_tabs(criteria)
    for tab in tabs:
        for node in tab.nodes:
            node.score = scores.get(node.criterion.pk)
            if node.score is not None:
                node.score.criterion = by_id[node.criterion.pk]
                node.score.scorecard = scorecard
                totals.add(node.criterion, node.score)
    objections = list(
        Objection.objects.filter(scorecard=scorecard)
        .select_related("criterion", "filed_by", "answered_by")
        .order_by("filed_at", "id")
    )
    return Sheet(scorecard, covenant, tabs, totals, objections)


# The review and cross-scoring grids ------------------------------------------------------------------


@dataclass
class Column:
    scorecard: Scorecard
    totals: Totals
    editable: bool


@dataclass
class Cell:
    score: Score | None
    column: Column


@dataclass
class Grid:
    season: Season
    covenant: Covenant
    columns: list[Column]
    rows: list[Node]
    mine: dict[int, CrossScore] = field(default_factory=dict)


def _grid_rows(covenant: Covenant) -> list[Node]:
    return [node for tab in criteria_tabs(_criteria(covenant)) for node in tab.nodes]


def review_grid(*, user: Any, season: Season, covenant: Covenant) -> Grid:
    """Units × criteria with self and review scores of every submitted card (four queries)."""
    cards = list(
        _scorecard_qs()
        .filter(season=season, status__in=SUBMITTED_OR_LATER)
        .order_by("unit__name", "id")
    )
    rows = _grid_rows(covenant)
    scores: dict[tuple[int, int], Score] = {
        (s.scorecard_id, s.criterion_id): s for s in Score.objects.filter(scorecard__in=cards)
    }
    columns = [
        Column(card, Totals(), can(user, "scoring.review_scorecard", card)) for card in cards
    ]
    for node in rows:
        for column in columns:
            score = scores.get((column.scorecard.pk, node.criterion.pk))
            if score is not None:
                score.criterion, score.scorecard = node.criterion, column.scorecard
                column.totals.add(node.criterion, score)
            node.cells.append(Cell(score, column))
    return Grid(season, covenant, columns, rows)


def cross_grid(*, user: Any, season: Season, covenant: Covenant) -> Grid:
    """Other members' submitted cards with the user's unit's cross-scores (four queries)."""
    grid = review_grid(user=user, season=season, covenant=covenant)
    grid.columns = [c for c in grid.columns if c.scorecard.unit_id != user.unit_id]
    keep = {c.scorecard.pk for c in grid.columns}
    for node in grid.rows:
        node.cells = [cell for cell in node.cells if cell.column.scorecard.pk in keep]
    for column in grid.columns:
        column.editable = column.scorecard.status == ScorecardStatus.SUBMITTED
    grid.mine = {
        cross.score_id: cross
        for cross in CrossScore.objects.filter(
            scorer_unit_id=user.unit_id, score__scorecard_id__in=keep
        )
    }
    for node in grid.rows:
        for cell in node.cells:
            if cell.score is not None:
                cell.score.mine = grid.mine.get(cell.score.pk)  # type: ignore[attr-defined]
    return grid


# The season panel ---------------------------------------------------------------------------------


@dataclass
class PanelRow:
    unit: Any
    scorecard: Scorecard | None
    excluded: Exclusion | None
    open_objections: int = 0


@dataclass
class SeasonPanel:
    covenant: Covenant | None
    ready: bool
    rows: list[PanelRow]
    own_unit_id: int | None
    own_card: Scorecard | None
    is_member: bool
    is_leader: bool
    is_board: bool
    is_viewer: bool
    cross_mode: bool
    counts: dict[str, int]
    open_objections: int

    @property
    def sees_all(self) -> bool:
        return self.is_board or self.is_leader or self.is_viewer


def season_panel(*, user: Any, season: Season) -> SeasonPanel:
    """What the season page shows about scoring, in three queries (members come prefetched)."""
    covenant = covenant_for_season(season)
    cards = {
        c.unit_id: c
        for c in Scorecard.objects.filter(season=season).annotate(
            open_objections=Count("objections", filter=Q(objections__status=ObjectionStatus.OPEN))
        )
    }
    exclusions = {e.unit_id: e for e in Exclusion.objects.filter(season=season)}
    memberships = sorted(season.memberships.all(), key=lambda m: (m.unit.name, m.unit_id))
    rows = [
        PanelRow(
            m.unit,
            cards.get(m.unit_id),
            exclusions.get(m.unit_id),
            getattr(cards.get(m.unit_id), "open_objections", 0),
        )
        for m in memberships
    ]
    own_unit_id = user.unit_id if user.role == Role.UNIT_OFFICER else None
    counts: dict[str, int] = defaultdict(int)
    for row in rows:
        counts[row.scorecard.status if row.scorecard else "none"] += 1
    ready = covenant is not None and covenant.status in (
        CovenantStatus.SIGNING,
        CovenantStatus.LOCKED,
    )
    return SeasonPanel(
        covenant=covenant,
        ready=ready,
        rows=rows,
        own_unit_id=own_unit_id,
        own_card=cards.get(own_unit_id) if own_unit_id else None,
        is_member=own_unit_id is not None and any(r.unit.pk == own_unit_id for r in rows),
        is_leader=own_unit_id is not None and season.leader_id == own_unit_id,
        is_board=can(user, "scoring.exclude_unit", season),
        is_viewer=user.role == Role.VIEWER,
        cross_mode=covenant is not None and covenant.scoring_mode == "cross_scoring",
        counts=dict(counts),
        open_objections=sum(r.open_objections for r in rows),
    )
