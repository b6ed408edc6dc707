"""Reminder e-mails of the calendar, sent once per deadline × recipient × offset.

Run daily by `manage.py send_deadline_reminders --as <board user>`. For each deadline still
ahead, the offset that applies is the smallest reminder offset (days before) not below the days
left: with offsets 7 and 1, a deadline 5 days away is reminded at 7, one due tomorrow at 1. An
offset already recorded in ReminderSent for that deadline, due date and recipient is skipped, so
a second run the same day sends nothing, and a missed day is caught up once.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.accounts.permissions import can, require
from thidua.core.exceptions import Conflict
from thidua.covenants.models import CovenantSignature, Movement, Registration
from thidua.deadlines import selectors
from thidua.deadlines.enums import Audience, DeadlineKind, Scope
from thidua.deadlines.models import ReminderSent
from thidua.deadlines.notify import Reminder, messages_for
from thidua.deadlines.schedule import Deadline
from thidua.org.models import Province, Season, SeasonMembership
from thidua.org.selectors import province_list_for_user
from thidua.scoring.enums import ScorecardStatus
from thidua.scoring.models import Scorecard

K = DeadlineKind


@dataclass
class ReminderReport:
    provinces: list[Province] = field(default_factory=list)
    pending: list[Reminder] = field(default_factory=list)
    already_sent: int = 0
    messages: int = 0
    dry_run: bool = False


def applicable_offset(days_left: int, offsets: Iterable[int]) -> int | None:
    """The smallest offset not below `days_left`; None when the deadline is further away."""
    fitting = [o for o in offsets if o >= days_left]
    return min(fitting) if days_left >= 0 and fitting else None


@transaction.atomic
def reminders_send(
    *,
    actor: Any,
    today: datetime.date,
    provinces: Sequence[Province] | None = None,
    dry_run: bool = False,
) -> ReminderReport:
    """Send the reminders due `today` for the provinces (default: every province the actor's
    board covers).

    Side effects (unless `dry_run`): one ReminderSent row per deadline × recipient × offset, in
    one transaction; the e-mails (one per recipient, listing its deadlines) after the commit.
    Refusals: PermissionDeniedError / NotFound for a province outside the actor's board;
    Conflict when another run recorded the same reminders meanwhile.
    """
    if provinces is None:
        chosen = [
            p
            for p in province_list_for_user(user=actor).order_by("name")
            if can(actor, "deadlines.send_reminders", p)
        ]
    else:
        chosen = list(provinces)
        for province in chosen:
            require(actor, "deadlines.send_reminders", province)
    report = ReminderReport(provinces=chosen, dry_run=dry_run)
    if not chosen:
        return report
    candidates = _candidates(chosen, today)
    sent = _already_sent(candidates)
    report.pending = [
        r
        for r in candidates
        if (r.deadline.key, r.deadline.due, r.recipient.pk, r.offset) not in sent
    ]
    report.already_sent = len(candidates) - len(report.pending)
    if dry_run or not report.pending:
        return report
    _record(report.pending, actor=actor)
    messages = messages_for(report.pending, today)
    report.messages = len(messages)
    transaction.on_commit(lambda: send_mass_mail(messages, fail_silently=True))
    return report


def _record(pending: Sequence[Reminder], *, actor: Any) -> None:
    now = timezone.now()
    by = actor if getattr(actor, "is_authenticated", False) else None
    rows = [
        ReminderSent(
            key=r.deadline.key,
            due_on=r.deadline.due,
            offset=r.offset,
            recipient=r.recipient,
            sent_at=now,
            sent_by=by,
        )
        for r in pending
    ]
    try:
        with transaction.atomic():
            ReminderSent.objects.bulk_create(rows)
    except IntegrityError as exc:
        raise Conflict(
            _("Một lần gửi nhắc hạn khác vừa ghi các nhắc này; hãy chạy lại."), code="conflict"
        ) from exc


def _already_sent(candidates: Sequence[Reminder]) -> set[tuple[str, datetime.date, int, int]]:
    keys = {r.deadline.key for r in candidates}
    rows = ReminderSent.objects.filter(key__in=keys).values_list(
        "key", "due_on", "recipient_id", "offset"
    )
    return set(rows)


def _candidates(provinces: Sequence[Province], today: datetime.date) -> list[Reminder]:
    calendar = selectors.deadlines_for(
        province_ids=[p.pk for p in provinces], years=selectors.feed_years(today)
    )
    due: list[tuple[Deadline, int]] = []
    for deadline in calendar.deadlines:
        if deadline.done:
            continue
        offset = applicable_offset(
            deadline.days_left(today), calendar.reminder_days.get(deadline.province_id, ())
        )
        if offset is not None:
            due.append((deadline, offset))
    if not due:
        return []
    people = _Recipients([d for d, _o in due])
    return [
        Reminder(deadline=deadline, recipient=user, offset=offset)
        for deadline, offset in due
        for user in people.of(deadline)
    ]


# Steps each member unit takes itself: its officers are not reminded once its part is done.
UNIT_DONE_KINDS = (K.LAUNCH, K.REGISTRATION, K.SCORING, K.OBJECTIONS)


class _Recipients:
    """Who is reminded of each deadline, loaded for all of them in a constant number of queries."""

    def __init__(self, deadlines: Sequence[Deadline]) -> None:
        season_ids = {d.season_id for d in deadlines if d.season_id is not None}
        movement_ids = {d.movement_id for d in deadlines if d.movement_id is not None}
        province_ids = {d.province_id for d in deadlines}
        self.members: dict[int, set[int]] = defaultdict(set)
        for season_id, unit_id in SeasonMembership.objects.filter(
            season_id__in=season_ids
        ).values_list("season_id", "unit_id"):
            self.members[season_id].add(unit_id)
        self.leaders = dict(Season.objects.filter(pk__in=season_ids).values_list("pk", "leader_id"))
        self.done = self._units_done(season_ids)
        self.movement_units = self._movement_units(movement_ids, deadlines)
        unit_ids = set().union(*self.members.values(), *self.movement_units.values())
        self.officers: dict[int, list[User]] = defaultdict(list)
        for user in _with_email(User.objects.filter(role=Role.UNIT_OFFICER, unit_id__in=unit_ids)):
            self.officers[int(user.unit_id)].append(user)  # type: ignore[arg-type]
        self.board: dict[int, list[User]] = defaultdict(list)
        board = User.objects.filter(role=Role.BOARD_ADMIN, province_id__in=province_ids)
        for user in _with_email(board):
            self.board[int(user.province_id)].append(user)  # type: ignore[arg-type]

    @staticmethod
    def _units_done(season_ids: set[int]) -> dict[tuple[int, str], set[int]]:
        done: dict[tuple[int, str], set[int]] = defaultdict(set)
        signed = CovenantSignature.objects.filter(covenant__season_id__in=season_ids)
        for season_id, unit_id in signed.values_list("covenant__season_id", "unit_id"):
            done[(season_id, K.LAUNCH)].add(unit_id)
        registered = Registration.objects.filter(
            season_id__in=season_ids, status__in=selectors.REGISTERED
        )
        for season_id, unit_id in registered.values_list("season_id", "unit_id"):
            done[(season_id, K.REGISTRATION)].add(unit_id)
        cards = Scorecard.objects.filter(season_id__in=season_ids).exclude(
            status=ScorecardStatus.DRAFT
        )
        for season_id, unit_id, status in cards.values_list("season_id", "unit_id", "status"):
            done[(season_id, K.SCORING)].add(unit_id)
            if status == ScorecardStatus.FINAL:
                done[(season_id, K.OBJECTIONS)].add(unit_id)
        return done

    @staticmethod
    def _movement_units(
        movement_ids: set[int], deadlines: Sequence[Deadline]
    ) -> dict[int, set[int]]:
        """A thematic movement's units, and the members of its blocs' seasons of its year."""
        found: dict[int, set[int]] = defaultdict(set)
        if not movement_ids:
            return found
        units = Movement.units.through.objects.filter(movement_id__in=movement_ids)
        for movement_id, unit_id in units.values_list("movement_id", "unit_id"):
            found[movement_id].add(unit_id)
        years = {d.movement_id: d.year for d in deadlines if d.movement_id is not None}
        blocs = Movement.blocs.through.objects.filter(movement_id__in=movement_ids)
        bloc_movements: dict[int, set[int]] = defaultdict(set)
        for movement_id, bloc_id in blocs.values_list("movement_id", "bloc_id"):
            bloc_movements[bloc_id].add(movement_id)
        members = SeasonMembership.objects.filter(
            season__bloc_id__in=bloc_movements, season__year__in=set(years.values())
        ).values_list("season__bloc_id", "season__year", "unit_id")
        for bloc_id, year, unit_id in members:
            for movement_id in bloc_movements[bloc_id]:
                if years.get(movement_id) == year:
                    found[movement_id].add(unit_id)
        return found

    def of(self, deadline: Deadline) -> list[User]:
        if deadline.audience == Audience.BOARD or deadline.scope == Scope.PROVINCE:
            return self.board.get(deadline.province_id, [])
        if deadline.movement_id is not None:
            units = self.movement_units.get(deadline.movement_id, set())
        elif deadline.audience == Audience.LEADER:
            leader = self.leaders.get(deadline.season_id or 0)
            units = {leader} if leader else set()
        else:
            units = set(self.members.get(deadline.season_id or 0, set()))
            if deadline.kind in UNIT_DONE_KINDS:
                units -= self.done.get((deadline.season_id or 0, deadline.kind), set())
        return [user for unit_id in sorted(units) for user in self.officers.get(unit_id, [])]


def _with_email(users: Any) -> list[User]:
    return list(users.filter(is_active=True).exclude(email="").order_by("pk"))
