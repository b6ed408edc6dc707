"""Polls: setup under the rulebook, candidates, opening (quorum), closing (tally, outcomes)."""

import random
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.accounts.permissions import require
from thidua.awards.findings import judge
from thidua.awards.rulebook import (
    Finding,
    PollRules,
    Rule,
    check_poll_setup,
    check_quorum,
    load_rulebook,
    poll_rules,
)
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.enums import Gender
from thidua.org.models import Person, Season, SeasonMembership, Unit
from thidua.scoring.models import Exclusion
from thidua.scoring.selectors.ranking import ranking_for_season
from thidua.voting.counting import compute_result, published_rows
from thidua.voting.enums import (
    MeetingStatus,
    PollKind,
    PollStatus,
    SheetStatus,
    TiePolicy,
)
from thidua.voting.models import Ballot, Candidate, Meeting, Poll, Voter
from thidua.voting.services._common import (
    clean_text,
    delete,
    overrides_for,
    require_meeting_open,
    require_poll_status,
    require_reason,
    save,
)
from thidua.voting.services.outcome import apply_outcome
from thidua.voting.tally import (
    ballot_list_hash,
)

_shuffle = random.SystemRandom().shuffle


def _fraction_text(value: Fraction) -> str:
    value = Fraction(value)
    return f"{value.numerator}/{value.denominator}"


def _rule_info(rule: Rule) -> dict[str, str]:
    return {
        "id": rule.id,
        "title": rule.title,
        "citation": rule.province_citation or rule.citation,
        "confidence": rule.confidence,
        "source": rule.source,
    }


def _judge(findings: list[Finding], override_reason: str) -> tuple[list[dict[str, Any]], str]:
    """Refuse on a blocking finding; on warnings only, require and return a recorded reason."""
    return judge(
        findings,
        override_reason,
        unreasoned=_(
            "Thiết lập vượt khuyến nghị của quy tắc chưa được xác nhận: %(rules)s. Ghi lý do để tiếp tục."
        ),
        separator="; ",
    )


def _resolved_rules(season: Season, kind: str, award_type: str) -> PollRules:
    return poll_rules(
        load_rulebook(),
        kind=kind,  # type: ignore[arg-type]
        award_type=award_type,
        year=season.year,
        overrides=overrides_for(season),
    )


def _seats_by_award(meeting: Meeting, *, exclude_pk: int | None) -> dict[str, int]:
    polls = Poll.objects.filter(
        meeting=meeting, kind=PollKind.NOMINATION, runoff_of__isnull=True
    ).exclude(status=PollStatus.CANCELLED)
    if exclude_pk is not None:
        polls = polls.exclude(pk=exclude_pk)
    rows = polls.values_list("award_type", "seats")
    seats: dict[str, int] = {}
    for award, count in rows:
        seats[award] = seats.get(award, 0) + count
    return seats


def _members(season: Season) -> list[Unit]:
    return [
        m.unit
        for m in SeasonMembership.objects.filter(season=season)
        .select_related("unit")
        .order_by("unit__name")
    ]


def _female_shares(unit_ids: Sequence[int]) -> dict[int, Fraction]:
    rows = (
        Person.objects.filter(unit_id__in=unit_ids)
        .values("unit_id")
        .annotate(total=Count("id"), women=Count("id", filter=Q(gender=Gender.FEMALE)))
    )
    return {r["unit_id"]: Fraction(r["women"], r["total"]) for r in rows if r["total"]}


def _candidate_rows(
    *, actor: Any, poll: Poll, season: Season, units: Sequence[Unit]
) -> list[Candidate]:
    """Candidates in ranking order; hard exclusions not selectable, [U] rules as warnings."""
    ranking = ranking_for_season(user=actor, season=season)
    by_unit = {row.entry.unit_id: row for row in ranking.rows}
    exclusions = {
        e.unit_id: e for e in Exclusion.objects.filter(season=season, unit__in=list(units))
    }
    shares = _female_shares([u.pk for u in units])
    elected_elsewhere = _elected_next_year(poll)

    def ranked(unit: Unit) -> Any:
        """The unit's ranking row when it has a scorecard (a season without scores ranks none)."""
        row = by_unit.get(unit.pk)
        if row is None or row.rank is None or not row.entry.card_status:
            return None
        return row

    def key(unit: Unit) -> tuple[int, int, str]:
        row = ranked(unit)
        return (1, 0, unit.name) if row is None else (0, row.rank, unit.name)

    candidates = []
    for order, unit in enumerate(sorted(units, key=key), start=1):
        row = ranked(unit)
        candidate = Candidate(
            poll=poll,
            unit=unit,
            order=order,
            rank=row.rank if row is not None else None,
            total=row.total if row is not None else None,
        )
        share = shares.get(unit.pk)
        candidate.female_share = (
            Decimal(share.numerator) / Decimal(share.denominator) if share is not None else None
        )
        if candidate.female_share is not None:
            candidate.female_share = candidate.female_share.quantize(Decimal("0.0001"))
        exclusion = exclusions.get(unit.pk)
        if exclusion is not None:
            candidate.selectable = False
            candidate.exclusion_rule = exclusion.rule_id
            candidate.exclusion_reason = exclusion.reason
        elif unit.pk in elected_elsewhere:
            candidate.selectable = False
            candidate.exclusion_rule = "BLK-04"
            candidate.exclusion_reason = elected_elsewhere[unit.pk]
        if poll.kind == PollKind.LEADER and season.leader_id == unit.pk:
            candidate.warning = _(
                "Đơn vị đang là trưởng khối năm %(year)s; thực tiễn thường không để một đơn vị "
                "làm trưởng khối hai năm liền (BLK-05, chưa xác nhận – chỉ cảnh báo)."
            ) % {"year": season.year}
        candidates.append(candidate)
    return candidates


def _elected_next_year(poll: Poll) -> dict[int, str]:
    """Units already elected leader (or deputy) for next year at this meeting: not both."""
    if poll.kind not in (PollKind.LEADER, PollKind.DEPUTY):
        return {}
    other = PollKind.DEPUTY if poll.kind == PollKind.LEADER else PollKind.LEADER
    message = (
        _("Đã được bầu làm phó trưởng khối năm sau.")
        if other == PollKind.DEPUTY
        else _("Đã được bầu làm trưởng khối năm sau.")
    )
    elected: dict[int, str] = {}
    closed = Poll.objects.filter(meeting_id=poll.meeting_id, kind=other, status=PollStatus.CLOSED)
    for result in closed.values_list("result", flat=True):
        for candidate_id in (result or {}).get("elected", []):
            unit_id = Candidate.objects.filter(pk=candidate_id).values_list("unit_id", flat=True)
            for uid in unit_id:
                elected[uid] = message
    return elected


def _apply_rules(poll: Poll, rules: PollRules) -> None:
    poll.threshold_share = _fraction_text(rules.threshold_share)
    poll.threshold_strict = rules.threshold_strict
    poll.threshold_base = rules.threshold_base
    poll.quorum_share = _fraction_text(rules.quorum_share)
    poll.rule_ids = {key: _rule_info(rule) for key, rule in rules.rules.items()}


def _default_title(kind: str, award_name: str, year: int) -> str:
    with translation.override("vi"):  # stored text: the minutes are in Vietnamese
        return _default_title_vi(kind, award_name, year)


def _default_title_vi(kind: str, award_name: str, year: int) -> str:
    if kind == PollKind.LEADER:
        return _("Bầu trưởng khối năm %(year)s") % {"year": year + 1}
    if kind == PollKind.DEPUTY:
        return _("Bầu phó trưởng khối năm %(year)s") % {"year": year + 1}
    return _("Bình xét, suy tôn đề nghị %(award)s năm %(year)s") % {
        "award": award_name,
        "year": year,
    }


def _check_entries(entries_required: Any) -> int:
    try:
        value = int(entries_required)
    except (TypeError, ValueError):
        value = 0
    if value < 1 or value > 3:
        raise ValidationFailed(
            _("Số lần nhập mỗi phiếu giấy phải từ 1 đến 3."), code="invalid_entries_required"
        )
    return value


def _check_seats(seats: Any) -> int:
    if isinstance(seats, bool):
        seats = 0
    try:
        value = int(seats)
    except (TypeError, ValueError):
        value = 0
    if value < 1 or value > 100:
        raise ValidationFailed(_("Số lượng được bầu phải từ 1 đến 100."), code="invalid_seats")
    return value


@transaction.atomic
def poll_create(
    *,
    actor: Any,
    meeting: Meeting,
    kind: str,
    award_type: str = "",
    seats: int = 1,
    title: str = "",
    allow_online: bool = True,
    allow_paper: bool = True,
    entries_required: int = 2,
    tie_policy: str | None = None,
    override_reason: str = "",
) -> Poll:
    """A poll with its rules resolved and candidates from the members, ordered by ranking.

    A blocking finding (quota of a confirmed rule or of the province's setting) is refused with
    code quota_exceeded and the rule in details; a warning of a [U] rule is refused with code
    needs_override_reason unless `override_reason` is given, which is then recorded.
    """
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("season__bloc")
        .get(pk=meeting.pk)
    )
    season = meeting.season
    require(actor, "voting.manage_poll", meeting)
    require_meeting_open(meeting)
    if kind not in PollKind.values:
        raise ValidationFailed(_("Loại bỏ phiếu không hợp lệ."), code="invalid_kind")
    award_name = ""
    if kind == PollKind.NOMINATION:
        award_type = clean_text(award_type, field=_("hình thức khen thưởng"), max_length=60)
        try:
            award_name = load_rulebook().award_type(award_type).name
        except KeyError:
            raise ValidationFailed(
                _("Hình thức khen thưởng “%(code)s” không có trong danh mục.")
                % {"code": award_type},
                code="unknown_award_type",
            ) from None
    else:
        award_type = ""
    seats = _check_seats(seats)
    if not allow_online and not allow_paper:
        raise ValidationFailed(
            _("Cần cho phép ít nhất một hình thức bỏ phiếu (trực tuyến hoặc phiếu giấy)."),
            code="no_channel",
        )
    rules = _resolved_rules(season, kind, award_type)
    members = _members(season)
    findings = check_poll_setup(
        rules,
        kind=kind,  # type: ignore[arg-type]
        award_type=award_type,
        seats=seats,
        members=len(members),
        seats_by_award=_seats_by_award(meeting, exclude_pk=None)
        if kind == PollKind.NOMINATION
        else {},
    )
    if (
        kind != PollKind.NOMINATION
        and Poll.objects.filter(meeting=meeting, kind=kind, runoff_of__isnull=True)
        .exclude(status=PollStatus.CANCELLED)
        .exists()
    ):
        raise Conflict(
            _("Hội nghị đã có cuộc bầu này; khi bằng phiếu, hãy dùng bỏ phiếu lại."),
            code="election_exists",
        )
    warnings, reason = _judge(findings, override_reason)
    policy = tie_policy or str(rules.tie_policy)
    if policy not in TiePolicy.values:
        raise ValidationFailed(_("Cách xử lý khi bằng phiếu không hợp lệ."), code="invalid")
    poll = Poll(
        meeting=meeting,
        kind=kind,
        award_type=award_type,
        title=clean_text(title, field=_("tiêu đề"), max_length=255)
        or _default_title(kind, award_name, season.year),
        seats=seats,
        allow_online=bool(allow_online),
        allow_paper=bool(allow_paper),
        entries_required=_check_entries(entries_required),
        tie_policy=policy,
        warnings=warnings,
        override_reason=reason,
        order=meeting.polls.count() + 1,
    )
    _apply_rules(poll, rules)
    save(poll, actor=actor, reason="poll_create")
    for candidate in _candidate_rows(actor=actor, poll=poll, season=season, units=members):
        save(candidate, actor=actor, reason="poll_create")
    return poll


def _locked_poll(poll: Poll) -> Poll:
    return (
        Poll.objects.select_for_update(of=("self",))
        .select_related("meeting__season__bloc__province")
        .get(pk=poll.pk)
    )


@transaction.atomic
def poll_update(*, actor: Any, poll: Poll, override_reason: str = "", **fields: Any) -> Poll:
    """In draft only. Fields: title, seats, allow_online, allow_paper, entries_required,
    tie_policy (re-checked like poll_create)."""
    poll = _locked_poll(poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.DRAFT])
    for name, value in fields.items():
        if name == "title":
            text = clean_text(value, field=_("tiêu đề"), max_length=255)
            if text:
                poll.title = text
        elif name == "seats":
            poll.seats = _check_seats(value)
        elif name in ("allow_online", "allow_paper"):
            setattr(poll, name, bool(value))
        elif name == "entries_required":
            poll.entries_required = _check_entries(value)
        elif name == "tie_policy":
            if value not in TiePolicy.values:
                raise ValidationFailed(_("Cách xử lý khi bằng phiếu không hợp lệ."), code="invalid")
            poll.tie_policy = value
        else:
            raise ValidationFailed(
                _("Không sửa được trường “%(field)s”.") % {"field": name}, code="unknown_field"
            )
    if not poll.allow_online and not poll.allow_paper:
        raise ValidationFailed(
            _("Cần cho phép ít nhất một hình thức bỏ phiếu (trực tuyến hoặc phiếu giấy)."),
            code="no_channel",
        )
    season = poll.meeting.season
    rules = _resolved_rules(season, poll.kind, poll.award_type)
    if poll.runoff_of_id is None:
        findings = check_poll_setup(
            rules,
            kind=poll.kind,  # type: ignore[arg-type]
            award_type=poll.award_type,
            seats=poll.seats,
            members=SeasonMembership.objects.filter(season=season).count(),
            seats_by_award=_seats_by_award(poll.meeting, exclude_pk=poll.pk)
            if poll.kind == PollKind.NOMINATION
            else {},
        )
        warnings, reason = _judge(findings, override_reason or poll.override_reason)
        poll.warnings, poll.override_reason = warnings, reason
    save(poll, actor=actor, reason="poll_update")
    return poll


@transaction.atomic
def candidate_add(*, actor: Any, poll: Poll, unit: Unit) -> Candidate:
    poll = _locked_poll(poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.DRAFT])
    season = poll.meeting.season
    if not SeasonMembership.objects.filter(season=season, unit=unit).exists():
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không phải thành viên của khối trong năm này.") % {"unit": unit},
            code="not_a_member",
        )
    if poll.candidates.filter(unit=unit).exists():
        raise Conflict(_("Đơn vị đã có trong danh sách."), code="candidate_exists")
    (candidate,) = _candidate_rows(actor=actor, poll=poll, season=season, units=[unit])
    candidate.order = (max(poll.candidates.values_list("order", flat=True), default=0)) + 1
    save(candidate, actor=actor, reason="candidate_add")
    return candidate


@transaction.atomic
def candidate_remove(*, actor: Any, candidate: Candidate) -> None:
    candidate = Candidate.objects.select_related("poll").get(pk=candidate.pk)
    poll = _locked_poll(candidate.poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.DRAFT])
    delete(candidate, actor=actor, reason="candidate_remove")


@transaction.atomic
def poll_open(*, actor: Any, poll: Poll, override_reason: str = "") -> Poll:
    """draft → open: the quorum check (present / members), the voter roll (one per member)."""
    poll = _locked_poll(poll)
    meeting = poll.meeting
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.DRAFT])
    require_meeting_open(meeting)
    if not poll.candidates.filter(selectable=True).exists():
        raise Conflict(_("Danh sách bầu chưa có đơn vị nào được chọn."), code="no_candidates")
    keyers = meeting.committee.filter(user__isnull=False).count()
    if poll.allow_paper and keyers < poll.entries_required:
        raise Conflict(
            _(
                "Bỏ phiếu giấy cần ít nhất %(n)s thành viên ban kiểm phiếu có tài khoản để nhập "
                "phiếu độc lập (hiện có %(k)s)."
            )
            % {"n": poll.entries_required, "k": keyers},
            code="committee_too_small",
        )
    season = meeting.season
    members = _members(season)
    present = meeting.attendances.filter(present=True).count()
    rules = _resolved_rules(season, poll.kind, poll.award_type)
    findings = check_quorum(rules, members=len(members), present=present)
    warnings, reason = _judge(findings, override_reason)
    if warnings:
        poll.warnings = [*poll.warnings, *warnings]
        poll.override_reason = "\n".join(filter(None, [poll.override_reason, reason]))
    poll.members_count = len(members)
    poll.present_count = present
    poll.status = PollStatus.OPEN
    poll.opened_at = timezone.now()
    poll.opened_by = actor
    save(poll, actor=actor, reason="poll_open")
    voters = [Voter(poll=poll, unit=unit) for unit in members]
    for voter in voters:
        voter._history_user = actor  # type: ignore[attr-defined]
        voter._change_reason = "poll_open"  # type: ignore[attr-defined]
    bulk_create_with_history(voters, Voter, default_user=actor, default_change_reason="poll_open")
    if meeting.status == MeetingStatus.PLANNED:
        meeting.status = MeetingStatus.IN_PROGRESS
        meeting.started_at = timezone.now()
        save(meeting, actor=actor, reason="poll_open")
    return poll


def _scrub_ballots(poll: Poll) -> None:
    """Rewrite the ballots in random order under new ids: neither row order, rowid nor the
    transaction ids of the rows follow the order of voting any more; touch the voter roll too."""
    ballots = list(Ballot.objects.filter(poll=poll))
    Ballot.objects.filter(poll=poll).delete()
    _shuffle(ballots)
    fresh = [
        Ballot(
            poll=poll,
            receipt=b.receipt,
            channel=b.channel,
            choices=sorted(b.choices),
            marked_spoiled=b.marked_spoiled,
        )
        for b in ballots
    ]
    Ballot.objects.bulk_create(fresh)
    Voter.objects.filter(poll=poll).update(has_voted=F("has_voted"))


@transaction.atomic
def poll_close(*, actor: Any, poll: Poll) -> Poll:
    """open → closed: refused while paper sheets are pending or in conflict (paper_pending).
    Tallies, freezes the result and the ballot list hash, rewrites the ballots in random order,
    and applies the outcome: draft proposals (nomination) or next season's leader / deputy."""
    poll = _locked_poll(poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.OPEN])
    unsettled = poll.sheets.exclude(status=SheetStatus.AGREED).count()
    if unsettled:
        raise Conflict(
            _("Còn %(n)s phiếu giấy chưa nhập đủ hoặc các lần nhập chưa khớp.") % {"n": unsettled},
            code="paper_pending",
        )
    _scrub_ballots(poll)
    poll.result = compute_result(poll)
    poll.ballot_list_hash = ballot_list_hash(published_rows(poll))
    poll.status = PollStatus.CLOSED
    poll.closed_at = timezone.now()
    poll.closed_by = actor
    save(poll, actor=actor, reason="poll_close")
    apply_outcome(actor=actor, poll=poll)
    return poll


@transaction.atomic
def poll_cancel(*, actor: Any, poll: Poll, reason: str) -> Poll:
    poll = _locked_poll(poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.DRAFT, PollStatus.OPEN])
    note = require_reason(reason, field=_("lý do huỷ"))
    Ballot.objects.filter(poll=poll).delete()
    poll.status = PollStatus.CANCELLED
    poll.override_reason = "\n".join(filter(None, [poll.override_reason, note]))
    save(poll, actor=actor, reason="poll_cancel")
    return poll


def _runoff_title(title: str) -> str:
    with translation.override("vi"):
        return _("%(title)s – bỏ phiếu lại") % {"title": title}


@transaction.atomic
def poll_runoff(*, actor: Any, poll: Poll) -> Poll:
    """A new draft poll among the tied candidates of a closed poll, for the seats left."""
    poll = _locked_poll(poll)
    require(actor, "voting.manage_poll", poll)
    require_poll_status(poll, [PollStatus.CLOSED])
    require_meeting_open(poll.meeting)
    tied = list((poll.result or {}).get("tied", []))
    if not tied:
        raise Conflict(_("Kết quả không có trường hợp bằng phiếu."), code="no_tie")
    if poll.runoffs.exclude(status=PollStatus.CANCELLED).exists():
        raise Conflict(_("Đã có cuộc bỏ phiếu lại."), code="runoff_exists")
    runoff = Poll(
        meeting=poll.meeting,
        kind=poll.kind,
        award_type=poll.award_type,
        title=_runoff_title(poll.title),
        seats=max(1, int(poll.result.get("seats_left", 1))),
        allow_online=poll.allow_online,
        allow_paper=poll.allow_paper,
        entries_required=poll.entries_required,
        threshold_share=poll.threshold_share,
        threshold_strict=poll.threshold_strict,
        threshold_base=poll.threshold_base,
        quorum_share=poll.quorum_share,
        tie_policy=TiePolicy.RUNOFF,
        rule_ids=poll.rule_ids,
        runoff_of=poll,
        order=poll.meeting.polls.count() + 1,
    )
    save(runoff, actor=actor, reason="poll_runoff")
    for order, candidate in enumerate(
        Candidate.objects.filter(poll=poll, pk__in=tied).order_by("order"), start=1
    ):
        copy = Candidate(
            poll=runoff,
            unit_id=candidate.unit_id,
            order=order,
            rank=candidate.rank,
            total=candidate.total,
            female_share=candidate.female_share,
        )
        save(copy, actor=actor, reason="poll_runoff")
    return runoff
