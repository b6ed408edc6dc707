"""The province dashboard: where every bloc stands in the year's cycle, what is overdue, and the
registry's counts of awards.

A fixed number of queries whatever the number of blocs, units, seasons or registry lines: the
blocs, their seasons (with covenant, meeting and leader), one GROUP BY per step (signatures,
registrations, scorecards, polls, proposals, decisions), the overdue proposals, and three counts
of the registry. Nothing is read per bloc.

States of a step: `done`, `in_progress`, `not_started` and `overdue` (a covenant date, the
meeting's date or a proposal's due date has passed and the step is not done). `today` may be
given (tests, reports as of a day); by default it is the local date.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from thidua.accounts.permissions import can, require
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.covenants.enums import CovenantStatus, RegistrationStatus
from thidua.covenants.models import Covenant, CovenantSignature, Registration
from thidua.dossiers import workflow
from thidua.dossiers.models import CLOSED_STATUSES, Proposal, ProposalStatus
from thidua.dossiers.selectors.proposals import overdue_q
from thidua.org.models import Bloc, Province, Season
from thidua.org.selectors import bloc_list_for_user
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Scorecard
from thidua.scoring.selectors.scorecard import SUBMITTED_OR_LATER
from thidua.voting.enums import MeetingStatus, PollKind, PollStatus
from thidua.voting.models import Meeting, Poll

DONE = "done"
IN_PROGRESS = "in_progress"
NOT_STARTED = "not_started"
OVERDUE = "overdue"
STATES = (DONE, IN_PROGRESS, NOT_STARTED, OVERDUE)
STATE_LABELS = {
    DONE: pgettext_lazy("cycle state", "Đã xong"),
    IN_PROGRESS: pgettext_lazy("cycle state", "Đang thực hiện"),
    NOT_STARTED: pgettext_lazy("cycle state", "Chưa bắt đầu"),
    OVERDUE: pgettext_lazy("cycle state", "Quá hạn"),
}

STEPS = ("covenant", "registration", "scoring", "meeting", "dossiers", "decisions")
STEP_LABELS = {
    "covenant": gettext_lazy("Ký giao ước"),
    "registration": gettext_lazy("Đăng ký thi đua"),
    "scoring": gettext_lazy("Chấm điểm"),
    "meeting": gettext_lazy("Hội nghị tổng kết"),
    "dossiers": gettext_lazy("Hồ sơ đề nghị"),
    "decisions": gettext_lazy("Quyết định khen thưởng"),
}

HISTORY_YEARS = 10  # the registry's counts by type and year cover the chosen year and 9 before
OVERDUE_PROPOSALS_SHOWN = 50

REGISTERED = (RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)


@dataclass(frozen=True)
class Step:
    key: str
    state: str
    text: str
    url: str
    done: int | None = None
    total: int | None = None
    due: datetime.date | None = None

    @property
    def label(self) -> str:
        return str(STEP_LABELS[self.key])

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class BlocCycle:
    bloc: Bloc
    season: Season | None
    members: int
    steps: tuple[Step, ...]
    # Proposals of the season per status (every status with at least one), in workflow order.
    proposal_statuses: tuple[tuple[str, str, int], ...] = ()

    @property
    def leader_name(self) -> str:
        leader = self.season.leader if self.season is not None else None
        return leader.display_name if leader is not None else ""

    @property
    def deputy_name(self) -> str:
        deputy = self.season.deputy if self.season is not None else None
        return deputy.display_name if deputy is not None else ""


@dataclass(frozen=True)
class OverdueItem:
    kind: str  # a step key, or "proposal"
    title: str  # the step, or the proposal's award
    detail: str  # where the step stands, or the proposal's subject and status
    bloc: Bloc | None
    due: datetime.date
    days_late: int
    url: str
    proposal_id: int | None = None


@dataclass(frozen=True)
class AwardTypeRow:
    code: str
    name: str
    category: str  # "title", "commendation" or "" when not in the catalogue
    counts: tuple[int, ...]  # one per year of `AwardCounts.years`

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class BlocAwardRow:
    bloc: Bloc
    counts: tuple[int, ...]  # one per award type of `AwardCounts.bloc_columns`

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class AwardCounts:
    years: tuple[int, ...]
    by_type: tuple[AwardTypeRow, ...]  # registry lines (not revoked) by award type and year
    bloc_columns: tuple[tuple[str, str], ...]  # (code, name) of the types in `by_bloc`
    by_bloc: tuple[BlocAwardRow, ...]  # the chosen year's lines by bloc and award type

    @property
    def year_totals(self) -> tuple[int, ...]:
        return tuple(sum(row.counts[i] for row in self.by_type) for i in range(len(self.years)))

    @property
    def grand_total(self) -> int:
        return sum(row.total for row in self.by_type)

    def category_totals(self, category: str) -> tuple[int, ...]:
        rows = [row for row in self.by_type if row.category == category]
        return tuple(sum(row.counts[i] for row in rows) for i in range(len(self.years)))


@dataclass(frozen=True)
class Dashboard:
    province: Province
    year: int
    today: datetime.date
    blocs: tuple[BlocCycle, ...]
    overdue: tuple[OverdueItem, ...]
    overdue_proposals_more: bool  # more overdue proposals than the list shows
    awards: AwardCounts
    step_states: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @property
    def season_count(self) -> int:
        return sum(1 for row in self.blocs if row.season is not None)

    @property
    def member_total(self) -> int:
        return sum(row.members for row in self.blocs)


def dashboard_for_user(
    *, user: Any, province: Province, year: int, today: datetime.date | None = None
) -> Dashboard:
    """The province's dashboard for `year`; NotFound outside the user's provinces."""
    require(user, "reports.view_dashboard", province)
    today = today or timezone.localdate()
    blocs = list(bloc_list_for_user(user=user, province_id=province.pk))
    seasons = {
        s.bloc_id: s
        for s in Season.objects.filter(bloc__in=[b.pk for b in blocs], year=year)
        .select_related("leader", "deputy", "covenant", "meeting")
        .annotate(member_count=Count("memberships"))
    }
    facts = _SeasonFacts.read([s.pk for s in seasons.values()], today)
    # The dossiers step opens the board's inbox for the board, the season's page for the others.
    inbox = can(user, "dossiers.view_inbox")
    rows = tuple(_bloc_cycle(b, seasons.get(b.pk), facts, today, inbox=inbox) for b in blocs)
    overdue, more = _overdue(rows, province, year, today)
    states: dict[str, dict[str, int]] = {key: dict.fromkeys(STATES, 0) for key in STEPS}
    for row in rows:
        for step in row.steps:
            states[step.key][step.state] += 1
    return Dashboard(
        province=province,
        year=year,
        today=today,
        blocs=rows,
        overdue=overdue,
        overdue_proposals_more=more,
        awards=_award_counts(province, year, blocs),
        step_states=states,
    )


# The seasons' facts: one GROUP BY per step -----------------------------------------------------


@dataclass
class _SeasonFacts:
    signatures: dict[int, int]
    registrations: dict[int, dict[str, int]]
    scorecards: dict[int, dict[str, int]]
    polls: dict[int, dict[tuple[str, str], int]]
    proposals: dict[int, dict[str, int]]
    proposals_overdue: dict[int, tuple[int, datetime.date | None]]
    decisions: dict[int, int]

    @classmethod
    def read(cls, season_ids: list[int], today: datetime.date) -> "_SeasonFacts":
        signatures = CovenantSignature.objects.filter(covenant__season_id__in=season_ids)
        polls = Poll.objects.filter(meeting__season_id__in=season_ids).exclude(
            status=PollStatus.CANCELLED
        )
        proposals = Proposal.objects.filter(season_id__in=season_ids)
        late = overdue_q(today=today)
        overdue: dict[int, tuple[int, datetime.date | None]] = {}
        by_status: dict[int, dict[str, int]] = defaultdict(dict)
        decisions: dict[int, int] = defaultdict(int)
        # A decision line exists only for a decided proposal, so the distinct decisions of one
        # (season, status) group add up to the season's distinct decisions.
        for row in proposals.values("season_id", "status").annotate(
            n=Count("id"),
            late=Count("id", filter=late),
            first_due=Min("due_at", filter=late),
            decisions=Count("decision_line__decision", distinct=True),
        ):
            by_status[row["season_id"]][row["status"]] = row["n"]
            decisions[row["season_id"]] += row["decisions"]
            if row["late"]:
                count, first = overdue.get(row["season_id"], (0, None))
                due = row["first_due"] if first is None else min(first, row["first_due"])
                overdue[row["season_id"]] = (count + row["late"], due)
        return cls(
            signatures={
                r["covenant__season_id"]: r["n"]
                for r in signatures.values("covenant__season_id").annotate(n=Count("id"))
            },
            registrations=_by_status(Registration.objects.filter(season_id__in=season_ids)),
            scorecards=_by_status(Scorecard.objects.filter(season_id__in=season_ids)),
            polls=_polls(polls),
            proposals=dict(by_status),
            proposals_overdue=overdue,
            decisions=dict(decisions),
        )


def _by_status(qs: Any) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for row in qs.values("season_id", "status").annotate(n=Count("id")):
        found[row["season_id"]][row["status"]] = row["n"]
    return dict(found)


def _polls(qs: Any) -> dict[int, dict[tuple[str, str], int]]:
    found: dict[int, dict[tuple[str, str], int]] = defaultdict(dict)
    for row in qs.values("meeting__season_id", "kind", "status").annotate(n=Count("id")):
        found[row["meeting__season_id"]][(row["kind"], row["status"])] = row["n"]
    return dict(found)


def _count(counts: Mapping[str, int], statuses: Iterable[str]) -> int:
    return sum(counts.get(status, 0) for status in statuses)


def _late(due: datetime.date | None, today: datetime.date) -> bool:
    return due is not None and due < today


def _day(value: datetime.date) -> str:
    return date_format(value, "d/m/Y")


# One bloc's cycle ---------------------------------------------------------------------------


def _bloc_cycle(
    bloc: Bloc, season: Season | None, facts: _SeasonFacts, today: datetime.date, *, inbox: bool
) -> BlocCycle:
    if season is None:
        url = reverse("org:bloc_detail", args=[bloc.pk])
        text = _("Chưa mở năm thi đua")
        steps = tuple(Step(key, NOT_STARTED, text, url) for key in STEPS)
        return BlocCycle(bloc=bloc, season=None, members=0, steps=steps)
    members = int(getattr(season, "member_count", 0))
    covenant = _one_to_one(season, "covenant")
    proposals = facts.proposals.get(season.pk, {})
    steps = (
        _covenant_step(season, covenant, facts.signatures.get(season.pk, 0), members, today),
        _registration_step(
            season, covenant, facts.registrations.get(season.pk, {}), members, today
        ),
        _scoring_step(season, covenant, facts.scorecards.get(season.pk, {}), members, today),
        _meeting_step(season, facts.polls.get(season.pk, {}), today),
        _dossiers_step(season, proposals, facts.proposals_overdue.get(season.pk), inbox=inbox),
        _decisions_step(bloc, proposals, facts.decisions.get(season.pk, 0)),
    )
    statuses = tuple(
        (status, str(label), proposals[status])
        for status, label in ProposalStatus.choices
        if proposals.get(status)
    )
    return BlocCycle(
        bloc=bloc, season=season, members=members, steps=steps, proposal_statuses=statuses
    )


def _one_to_one(season: Season, name: str) -> Any:
    """The reverse one-to-one (covenant, meeting) read by select_related, or None."""
    try:
        return getattr(season, name)
    except (Covenant.DoesNotExist, Meeting.DoesNotExist):
        return None


def _state(*, done: bool, started: bool, late: bool) -> str:
    if done:
        return DONE
    if late:
        return OVERDUE
    return IN_PROGRESS if started else NOT_STARTED


def _covenant_step(
    season: Season, covenant: Covenant | None, signed: int, members: int, today: datetime.date
) -> Step:
    if covenant is None:
        url = reverse("org:season_detail", args=[season.pk])
        return Step("covenant", NOT_STARTED, _("Chưa có giao ước"), url, 0, members)
    url = reverse("covenants:covenant_detail", args=[covenant.pk])
    locked = covenant.status == CovenantStatus.LOCKED
    done = locked or (members > 0 and signed >= members)
    due = covenant.signing_date
    if covenant.status == CovenantStatus.DRAFT and not done:
        text = _("Dự thảo, chưa mở ký kết")
    else:
        text = _("%(signed)s/%(members)s đơn vị đã ký") % {"signed": signed, "members": members}
        if locked:
            text = _("%(signed)s/%(members)s đơn vị đã ký, đã khoá bảng điểm") % {
                "signed": signed,
                "members": members,
            }
    state = _state(done=done, started=True, late=_late(due, today))
    return Step("covenant", state, text, url, signed, members, due)


def _registration_step(
    season: Season,
    covenant: Covenant | None,
    counts: Mapping[str, int],
    members: int,
    today: datetime.date,
) -> Step:
    url = reverse("covenants:registration_list", args=[season.pk])
    registered = _count(counts, REGISTERED)
    approved = counts.get(RegistrationStatus.APPROVED, 0)
    due = covenant.registration_deadline if covenant is not None else None
    text = _("%(done)s/%(members)s đơn vị đã đăng ký, %(approved)s đã duyệt") % {
        "done": registered,
        "members": members,
        "approved": approved,
    }
    state = _state(
        done=members > 0 and registered >= members,
        started=bool(counts),
        late=_late(due, today),
    )
    return Step("registration", state, text, url, registered, members, due)


def _scoring_step(
    season: Season,
    covenant: Covenant | None,
    counts: Mapping[str, int],
    members: int,
    today: datetime.date,
) -> Step:
    """Done when every member has submitted; overdue when the scoring deadline passed with
    cards missing, or the objection deadline passed with cards not yet final."""
    url = reverse("ranking:season", args=[season.pk])
    submitted = _count(counts, SUBMITTED_OR_LATER)
    final = counts.get(ScorecardStatus.FINAL, 0)
    scoring_due = covenant.scoring_deadline if covenant is not None else None
    objection_due = covenant.objection_deadline if covenant is not None else None
    all_in = members > 0 and submitted >= members
    late_final = all_in and final < members and _late(objection_due, today)
    text = _("%(done)s/%(members)s đơn vị đã nộp bảng tự chấm, %(final)s chính thức") % {
        "done": submitted,
        "members": members,
        "final": final,
    }
    if late_final:
        state, due = OVERDUE, objection_due
    else:
        state = _state(done=all_in, started=bool(counts), late=_late(scoring_due, today))
        due = scoring_due
    return Step("scoring", state, text, url, submitted, members, due)


def _meeting_step(
    season: Season, polls: Mapping[tuple[str, str], int], today: datetime.date
) -> Step:
    url = reverse("voting:season_meeting", args=[season.pk])
    meeting = _one_to_one(season, "meeting")
    total = sum(polls.values())
    closed = sum(n for (_kind, status), n in polls.items() if status == PollStatus.CLOSED)
    if meeting is None:
        return Step("meeting", NOT_STARTED, _("Chưa có hội nghị"), url, closed, total)
    parts = [
        _("Họp ngày %(day)s (%(status)s)")
        % {"day": _day(meeting.held_on), "status": meeting.get_status_display()},
        _("%(closed)s/%(total)s cuộc bỏ phiếu đã kết thúc") % {"closed": closed, "total": total},
    ]
    if polls.get((PollKind.LEADER, PollStatus.CLOSED)):
        parts.append(_("đã bầu trưởng khối năm sau"))
    done = meeting.status == MeetingStatus.CLOSED and closed == total
    state = _state(done=done, started=True, late=_late(meeting.held_on, today))
    return Step("meeting", state, "; ".join(parts), url, closed, total, meeting.held_on)


def _dossiers_step(
    season: Season,
    counts: Mapping[str, int],
    overdue: tuple[int, datetime.date | None] | None,
    *,
    inbox: bool,
) -> Step:
    """Proposals of the season (withdrawn ones left out): filed once they left the unit's hands;
    overdue while one waits in the board's hands past its due date."""
    if inbox:
        url = reverse("dossiers:inbox") + f"?khoi={season.bloc_id}&nam={season.year}"
    else:
        url = reverse("org:season_detail", args=[season.pk])
    live = sum(n for status, n in counts.items() if status != ProposalStatus.WITHDRAWN)
    filed = live - _count(counts, workflow.WITH_UNIT)
    late, due = overdue if overdue is not None else (0, None)
    if not live:
        return Step("dossiers", NOT_STARTED, _("Chưa có đề nghị"), url, 0, 0)
    text = _("%(filed)s/%(live)s đề nghị đã trình Ban") % {"filed": filed, "live": live}
    if late:
        text = _("%(filed)s/%(live)s đề nghị đã trình Ban, %(late)s quá hạn xử lý") % {
            "filed": filed,
            "live": live,
            "late": late,
        }
    state = _state(done=filed == live and not late, started=True, late=bool(late))
    return Step("dossiers", state, text, url, filed, live, due)


def _decisions_step(bloc: Bloc, counts: Mapping[str, int], decisions: int) -> Step:
    """Proposals still in the running (not withdrawn, rejected or refused) that have their
    decision; the number of decisions that carried them."""
    url = reverse("decisions:decision_list") + f"?tinh={bloc.province_id}"
    running = sum(n for status, n in counts.items() if status not in CLOSED_STATUSES)
    decided = counts.get(ProposalStatus.DECIDED, 0)
    if not running:
        return Step("decisions", NOT_STARTED, _("Chưa có đề nghị"), url, 0, 0)
    text = _("%(decided)s/%(running)s đề nghị đã có quyết định (%(decisions)s quyết định)") % {
        "decided": decided,
        "running": running,
        "decisions": decisions,
    }
    started = decided > 0 or counts.get(ProposalStatus.APPROVED, 0) > 0
    state = _state(done=decided >= running, started=started, late=False)
    return Step("decisions", state, text, url, decided, running)


# Overdue items, province-wide ---------------------------------------------------------------


def _overdue(
    rows: Iterable[BlocCycle], province: Province, year: int, today: datetime.date
) -> tuple[tuple[OverdueItem, ...], bool]:
    """The overdue steps of every bloc, and each proposal of the year waiting in the board's
    hands past its due date (those of no bloc too); the most overdue first."""
    items = [
        OverdueItem(
            kind=step.key,
            title=step.label,
            detail=step.text,
            bloc=row.bloc,
            due=step.due,
            days_late=(today - step.due).days,
            url=step.url,
        )
        for row in rows
        for step in row.steps
        if step.state == OVERDUE and step.key != "dossiers" and step.due is not None
    ]
    late = list(
        Proposal.objects.filter(overdue_q(today=today), province=province, year=year)
        .select_related("unit", "person", "season__bloc")
        .order_by("due_at", "pk")[: OVERDUE_PROPOSALS_SHOWN + 1]
    )
    book = load_rulebook()
    for proposal in late[:OVERDUE_PROPOSALS_SHOWN]:
        subject = proposal.person or proposal.unit
        due = proposal.due_at
        assert due is not None  # overdue_q requires it
        items.append(
            OverdueItem(
                kind="proposal",
                title=_award_name(book, proposal.award_type),
                detail=_("%(subject)s (%(status)s)")
                % {
                    "subject": getattr(subject, "full_name", None) or str(subject),
                    "status": proposal.get_status_display(),
                },
                bloc=proposal.season.bloc if proposal.season is not None else None,
                due=due,
                days_late=(today - due).days,
                url=reverse("dossiers:proposal_detail", args=[proposal.pk]),
                proposal_id=proposal.pk,
            )
        )
    items.sort(key=lambda item: (item.due, item.kind, item.title, item.detail))
    return tuple(items), len(late) > OVERDUE_PROPOSALS_SHOWN


def _award_name(book: Any, code: str) -> str:
    try:
        return str(book.award_type(code).name)
    except KeyError:
        return code


# The registry's counts ----------------------------------------------------------------------


def _award_counts(province: Province, year: int, blocs: list[Bloc]) -> AwardCounts:
    """Registry lines that are not revoked: by award type and year over HISTORY_YEARS years (the
    province's lines and those of provinces merged into it), and the chosen year's lines by bloc:
    a unit's line belongs to the blocs the unit is a member of that year, a person's line to
    the blocs of the person's unit."""
    years = tuple(range(year - HISTORY_YEARS + 1, year + 1))
    lines = AwardRecord.objects.filter(revoked=False)
    history = (
        lines.filter(
            province__in=Province.objects.filter(Q(pk=province.pk) | Q(merged_into=province))
        )
        .filter(year__gte=years[0], year__lte=years[-1])
        .values("award_type", "year")
        .annotate(n=Count("id"))
    )
    counts: dict[str, dict[int, int]] = defaultdict(dict)
    for row in history:
        counts[row["award_type"]][row["year"]] = row["n"]
    bloc_ids = [b.pk for b in blocs]
    per_bloc: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for path in ("unit", "person__unit"):
        member = f"{path}__memberships__season"
        rows = (
            lines.filter(year=year, **{f"{member}__year": year, f"{member}__bloc_id__in": bloc_ids})
            .values(f"{member}__bloc_id", "award_type")
            .annotate(n=Count("id"))
        )
        for row in rows:
            per_bloc[row[f"{member}__bloc_id"]][row["award_type"]] += row["n"]
    book = load_rulebook()
    order = {a.code: (i, a) for i, a in enumerate(book.award_types())}

    def sort_key(code: str) -> tuple[int, str]:
        return (order[code][0], code) if code in order else (len(order), code)

    by_type = tuple(
        AwardTypeRow(
            code=code,
            name=_award_name(book, code),
            category=order[code][1].category if code in order else "",
            counts=tuple(counts[code].get(y, 0) for y in years),
        )
        for code in sorted(counts, key=sort_key)
    )
    codes = sorted({code for found in per_bloc.values() for code in found}, key=sort_key)
    return AwardCounts(
        years=years,
        by_type=by_type,
        bloc_columns=tuple((code, _award_name(book, code)) for code in codes),
        by_bloc=tuple(
            BlocAwardRow(bloc=b, counts=tuple(per_bloc[b.pk].get(code, 0) for code in codes))
            for b in blocs
        ),
    )
