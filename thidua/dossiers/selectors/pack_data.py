"""The document pack's context (`dossiers.pack.PackContext`) filled from the database.

`pack_context(user=, proposals=)` reads, for the proposals of one bloc's season: the province,
its board and the decision authority of the award catalogue; the bloc, the season's members and
leader, next season's leader; the year-end meeting (date, place, chair, secretary, who was
present); the result each line's poll froze (votes and shares) and the poll's vote-count minutes
(`voting.minutes`); each unit's total and rank in the season's ranking
(`scoring.selectors.ranking`); each line's earlier awards from the registry; and each line's
eligibility verdict and rule ids (`awards.eligibility`, or what the proposal froze at submission)
with the reason given for submitting it past a failed rule.

Queries do not grow with the number of lines: a fixed number for the proposals, season, meeting,
ranking, registry and histories, plus a few per distinct poll (its vote-count minutes).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.awards.eligibility import SubjectHistory, Verdict, prepare
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.awards.selectors.eligibility import overrides_by_province
from thidua.awards.selectors.history import ancestor_map, person_histories, unit_histories
from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.core.text import fold
from thidua.documents.spec import DocumentSpec
from thidua.dossiers.models import Proposal
from thidua.dossiers.pack import PackContext, PackLine
from thidua.org.enums import BlocKind, Gender
from thidua.org.models import Season, SeasonMembership
from thidua.scoring.selectors.ranking import ranking_for_season
from thidua.voting.enums import PollStatus
from thidua.voting.minutes import minutes_spec
from thidua.voting.models import Attendance, Candidate, Meeting, Poll

HISTORY_YEARS = 5  # earlier awards listed in the achievement report: the last five years
_CITIES = {fold(n) for n in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")}
_LAST = 10**6


@dataclass(frozen=True)
class LineCheck:
    """An eligibility check given by the caller (e.g. the one frozen at submission)."""

    verdict: str = ""  # "eligible" | "needs_check" | "not_eligible" | ""
    rule_ids: tuple[str, ...] = ()
    override_reason: str = ""


def locality(province_name: str) -> str:
    """ "Nam Định" → "tỉnh Nam Định"; "Hà Nội" → "thành phố Hà Nội"; a name that already says
    so keeps its words, in lower case first ("Tỉnh Nam Định" → "tỉnh Nam Định")."""
    name = province_name.strip()
    key = fold(name)
    if key.startswith(("tinh ", "thanh pho ")):
        return name[:1].lower() + name[1:]
    if key.startswith("tp."):
        name = name[3:].strip()
        key = fold(name)
    return f"thành phố {name}" if key in _CITIES else f"tỉnh {name}"


def _bare_province(province_name: str) -> str:
    """ "Tỉnh Nam Định" → "Nam Định" (the letter writes "Ủy ban nhân dân tỉnh <name>")."""
    place = locality(province_name)
    for prefix in ("thành phố ", "tỉnh "):
        if place.startswith(prefix):
            return place[len(prefix) :]
    return place


def _award(code: str) -> AwardType | None:
    try:
        return load_rulebook().award_type(code)
    except LookupError:
        return None


def _award_name(code: str) -> str:
    award = _award(code)
    return award.name if award else code


def _decision_authority(codes: Iterable[str], place: str) -> str:
    """Who decides the province's awards of the lines, from the catalogue ("Chủ tịch UBND
    tỉnh"), written out in full and in capitals for the draft decision."""
    deciders = [
        award.decided_by
        for award in filter(None, (_award(code) for code in codes))
        if award.level != "national" and award.decided_by
    ]
    decider = deciders[0] if deciders else "Chủ tịch UBND tỉnh"
    decider = decider.replace("UBND tỉnh", f"Ủy ban nhân dân {place}")
    return decider.upper()


# --- reads (each a fixed number of queries) -----------------------------------------------------


def _proposals(proposals: Iterable[Proposal | int]) -> list[Proposal]:
    ids = [p if isinstance(p, int) else p.pk for p in proposals]
    if not ids:
        raise ValidationFailed(_("Chưa chọn đề nghị khen thưởng nào."), code="pack_empty")
    rows = list(
        Proposal.objects.filter(pk__in=ids)
        .select_related("unit", "person__unit", "source_poll", "dossier")
        .order_by("id")
    )
    seasons = {p.season_id for p in rows}
    if len(rows) != len(set(ids)):
        raise NotFound(_("Không tìm thấy đề nghị khen thưởng."), code="pack_missing")
    if None in seasons:
        raise ValidationFailed(
            _("Bộ hồ sơ của khối chỉ lập cho đề nghị gắn với năm thi đua của khối."),
            code="pack_no_season",
        )
    if len(seasons) != 1:
        raise ValidationFailed(
            _("Các đề nghị trong một bộ hồ sơ phải cùng một khối, cùng một năm."),
            code="pack_mixed_seasons",
        )
    return rows


def _season(season_id: int) -> Season:
    members = SeasonMembership.objects.select_related("unit").order_by("unit__name", "unit_id")
    return (
        Season.objects.select_related("bloc__province", "leader")
        .prefetch_related(Prefetch("memberships", queryset=members))
        .get(pk=season_id)
    )


def _next_leader(season: Season) -> str:
    following = (
        Season.objects.filter(bloc_id=season.bloc_id, year=season.year + 1)
        .select_related("leader")
        .first()
    )
    return following.leader.name if following and following.leader else ""


def _present(meeting: Meeting | None) -> tuple[str, ...]:
    if meeting is None:
        return ()
    rows = (
        Attendance.objects.filter(meeting=meeting, present=True)
        .order_by("unit__name")
        .values_list("unit__name", flat=True)
    )
    return tuple(rows)


def _votes(proposals: list[Proposal]) -> dict[int, tuple[int | None, Fraction | None]]:
    """Each proposal's votes and share: the row its poll froze at closing for its unit, else
    the numbers copied on the proposal."""
    poll_ids = {p.source_poll_id for p in proposals if p.source_poll_id}
    unit_of: dict[int, int] = dict(
        Candidate.objects.filter(poll_id__in=poll_ids).values_list("pk", "unit_id")
    )
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for proposal in proposals:
        poll = proposal.source_poll
        if poll is None:
            continue
        for row in (poll.result or {}).get("candidates", []):
            unit_id = unit_of.get(row.get("id"))
            if unit_id is not None:
                rows[(poll.pk, unit_id)] = row
    found: dict[int, tuple[int | None, Fraction | None]] = {}
    for proposal in proposals:
        row = rows.get((proposal.source_poll_id or 0, proposal.unit_id or 0))
        if row is not None:
            share = Fraction(row["share"]) if row.get("share") else None
            found[proposal.pk] = (row.get("votes"), share)
            continue
        share = None
        if proposal.vote_share is not None:
            share = Fraction(proposal.vote_share).limit_denominator(1000)
        found[proposal.pk] = (proposal.votes, share)
    return found


def _count_minutes(proposals: list[Proposal]) -> tuple[DocumentSpec, ...]:
    """The vote-count minutes of every closed poll behind the lines, in the meeting's order."""
    polls = {p.source_poll_id: p.source_poll for p in proposals if p.source_poll_id}
    ordered = sorted(
        (poll for poll in polls.values() if poll is not None and poll.status == PollStatus.CLOSED),
        key=lambda poll: (poll.order, poll.pk),
    )
    if not ordered:
        return ()
    meetings = Poll.objects.filter(pk__in=[p.pk for p in ordered]).select_related(
        "meeting__season__bloc__province", "runoff_of"
    )
    return tuple(minutes_spec(poll) for poll in sorted(meetings, key=lambda p: (p.order, p.pk)))


def _scores(user: Any, season: Season) -> dict[int, tuple[Decimal, int | None]]:
    """Each member's total and rank in the season's ranking (units with a scorecard)."""
    ranking = ranking_for_season(user=user, season=season)
    return {
        row.entry.unit_id: (row.total, row.rank)
        for row in ranking.rows
        if row.entry.card_status or row.rank is not None
    }


def _decision(record: AwardRecord) -> str:
    parts = []
    if record.decision_number:
        parts.append(f"Quyết định số {record.decision_number}")
        if record.decision_date:
            parts.append(f"ngày {record.decision_date:%d/%m/%Y}")
    if record.issuer:
        parts.append(f"của {record.issuer}")
    return " ".join(parts)


def _histories(proposals: list[Proposal]) -> dict[int, tuple[str, ...]]:
    """Each proposal's earlier awards in the registry (not revoked), oldest first: the last
    HISTORY_YEARS years before the proposal's, and other awards of its own year. A unit's
    history includes its predecessors' (lineage), naming the predecessor."""
    unit_ids = {p.unit_id for p in proposals if p.unit_id and not p.person_id}
    person_ids = {p.person_id for p in proposals if p.person_id}
    lineage = ancestor_map(sorted(unit_ids)) if unit_ids else {}
    every_unit = set(unit_ids).union(*lineage.values()) if lineage else set(unit_ids)
    years = [p.year for p in proposals]
    records = (
        AwardRecord.objects.filter(
            Q(unit_id__in=every_unit, person__isnull=True) | Q(person_id__in=person_ids),
            revoked=False,
            year__gte=min(years) - HISTORY_YEARS,
            year__lte=max(years),
        )
        .select_related("unit")
        .order_by("year", "decision_date", "id")
    )
    by_unit: dict[int, list[AwardRecord]] = defaultdict(list)
    by_person: dict[int, list[AwardRecord]] = defaultdict(list)
    for record in records:
        if record.person_id:
            by_person[record.person_id].append(record)
        elif record.unit_id:
            by_unit[record.unit_id].append(record)
    result: dict[int, tuple[str, ...]] = {}
    for proposal in proposals:
        if proposal.person_id:
            own = by_person.get(proposal.person_id, [])
        else:
            chain = [proposal.unit_id, *lineage.get(proposal.unit_id or 0, [])]
            own = sorted(
                (r for uid in chain for r in by_unit.get(uid or 0, [])),
                key=lambda r: (r.year, r.decision_date or datetime.date.min, r.pk),
            )
        lines = []
        for record in own:
            if record.year < proposal.year - HISTORY_YEARS or record.year > proposal.year:
                continue
            if record.year == proposal.year and record.award_type == proposal.award_type:
                continue  # the award being proposed, already recorded
            text = f"{record.year}: {_award_name(record.award_type)}"
            if proposal.unit_id and record.unit_id != proposal.unit_id and record.unit:
                text += f" – {record.unit.name}"
            decision = _decision(record)
            lines.append(f"{text} ({decision})" if decision else text)
        result[proposal.pk] = tuple(lines)
    return result


def _frozen_check(proposal: Proposal) -> LineCheck | None:
    """The check a proposal froze at submission, when the model has it: {"status", "reasons":
    [{"rule_id", …}]} and `override_reason`."""
    frozen = getattr(proposal, "eligibility", None)
    reason = str(getattr(proposal, "override_reason", "") or "")
    if not isinstance(frozen, dict) or not frozen.get("status"):
        return LineCheck(override_reason=reason) if reason else None
    reasons = frozen.get("reasons") or []
    ids = tuple(
        dict.fromkeys(
            str(r["rule_id"])
            for r in reasons
            if isinstance(r, dict) and r.get("rule_id") and r.get("met") is not True
        )
    )
    return LineCheck(verdict=str(frozen["status"]), rule_ids=ids, override_reason=reason)


def _rule_ids(verdict: Verdict) -> tuple[str, ...]:
    """The rules a verdict rests on: those not met or not known when it is not eligible (the
    deciding rule first), every rule checked when it is."""
    if verdict.status == "eligible":
        ids = [reason.rule_id for reason in verdict.reasons]
    else:
        ids = [verdict.decided_by] if verdict.decided_by else []
        ids += [reason.rule_id for reason in verdict.reasons if reason.met is not True]
    return tuple(dict.fromkeys(rule for rule in ids if rule))


def _checks(
    proposals: list[Proposal], given: Mapping[int, LineCheck], province_id: int
) -> dict[int, LineCheck]:
    """Each proposal's check: the caller's, else the frozen one, else the rulebook's verdict on
    the registry's history now (histories read in batch)."""
    checks: dict[int, LineCheck] = {}
    todo: list[Proposal] = []
    for proposal in proposals:
        check = given.get(proposal.pk) or _frozen_check(proposal)
        if check is not None and check.verdict:
            checks[proposal.pk] = check
        else:
            todo.append(proposal)
    if not todo:
        return checks
    people = [p for p in todo if p.person_id]
    units = [p for p in todo if not p.person_id and p.unit_id]
    histories: dict[tuple[str, int], SubjectHistory] = {}
    if units:
        year = max(p.year for p in units)
        found = unit_histories([p.unit_id for p in units if p.unit_id], year=year)
        histories.update((("unit", pk), h) for pk, h in found.items())
    if people:
        female: dict[int, bool | None] = {
            p.person.pk: p.person.gender == Gender.FEMALE for p in people if p.person
        }
        found = person_histories(sorted(female), female=female)
        histories.update((("person", pk), h) for pk, h in found.items())
    overrides = overrides_by_province([province_id])[province_id]
    book = load_rulebook()
    prepared = {year: prepare(book, year, overrides) for year in {p.year for p in todo}}
    for proposal in todo:
        reason = (given.get(proposal.pk) or _frozen_check(proposal) or LineCheck()).override_reason
        key = ("person", proposal.person_id) if proposal.person_id else ("unit", proposal.unit_id)
        history = histories.get(key)  # type: ignore[arg-type]
        if history is None or _award(proposal.award_type) is None:
            checks[proposal.pk] = LineCheck(override_reason=reason)
            continue
        verdict = prepared[proposal.year].evaluate(history, proposal.award_type)
        checks[proposal.pk] = LineCheck(verdict.status, _rule_ids(verdict), reason)
    return checks


# --- the context --------------------------------------------------------------------------------


def _order(award_code: str) -> int:
    award = _award(award_code)
    return award.order if award else _LAST


def pack_context(
    *,
    user: Any,
    proposals: Iterable[Proposal | int],
    number: str = "",
    date: datetime.date | None = None,
    signer: str | None = None,
    checks: Mapping[int, LineCheck] | None = None,
) -> PackContext:
    """The pack's context for proposals of one bloc's season (instances or ids).

    `number` is the submission letter's number ("" leaves it to fill by hand), `date` its date
    (today by default), `signer` the name under the bloc's signature (the meeting's chair by
    default); `checks` gives a line's eligibility check by proposal id (else the one the
    proposal froze at submission, else the rulebook's verdict now).

    Raises ValidationFailed (pack_empty, pack_no_season, pack_mixed_seasons), NotFound
    (pack_missing) for an unknown proposal, and NotFound when the season is outside the user's scope (the ranking is read guarded).
    """
    rows = _proposals(proposals)
    season = _season(rows[0].season_id)  # type: ignore[arg-type]
    bloc = season.bloc
    province = bloc.province
    place_words = locality(province.name)
    meeting = Meeting.objects.filter(season=season).first()
    scores = _scores(user, season)
    votes = _votes(rows)
    histories = _histories(rows)
    found = _checks(rows, checks or {}, province.pk)
    lines: list[tuple[tuple[Any, ...], PackLine]] = []
    for proposal in rows:
        person = proposal.person
        unit = person.unit if person is not None else proposal.unit
        subject = person.full_name if person is not None else (unit.name if unit else "")
        count, share = votes[proposal.pk]
        score, rank = scores.get(unit.pk, (None, None)) if unit and person is None else (None, None)
        check = found.get(proposal.pk, LineCheck())
        line = PackLine(
            subject=subject,
            unit=unit.name if unit else "",
            award_code=proposal.award_type,
            award_name=_award_name(proposal.award_type),
            achievement=proposal.summary,
            votes=count,
            vote_share=share,
            score=score,
            rank=rank,
            history=histories.get(proposal.pk, ()),
            verdict=check.verdict,
            rule_ids=check.rule_ids,
            override_reason=check.override_reason,
        )
        key = (
            _order(proposal.award_type),
            -(count or 0),
            rank or _LAST,
            fold(subject),
            proposal.pk,
        )
        lines.append((key, line))
    lines.sort(key=lambda item: item[0])
    cluster = bloc.kind == BlocKind.CLUSTER
    word = "CỤM" if cluster else "KHỐI"
    chair = meeting.chair_name if meeting else ""
    symbol = "CTĐ" if cluster else "KTĐ"
    dossier = rows[0].dossier if len({p.dossier_id for p in rows}) == 1 else None
    if dossier is not None and dossier.letter_number and not number:
        # The dossier's own tờ trình: its number, symbol ("TTr-KTĐ" → "KTĐ") and date.
        number = dossier.letter_number
        date = date or dossier.letter_date
        head, _dash, rest = dossier.letter_symbol.partition("-")
        symbol = (rest if head.casefold() == "ttr" else dossier.letter_symbol) or symbol
    today = date or timezone.localdate()
    bare = _bare_province(province.name)
    return PackContext(
        province=bare,
        parent_body=place_words.upper(),
        issuing_body=bloc.name.upper(),
        symbol=symbol,
        number=number,
        place=(meeting.place_name if meeting and meeting.place_name else bare),
        date=today,
        year=season.year,
        bloc=bloc.name,
        members=tuple(m.unit.name for m in season.memberships.all()),
        present=_present(meeting),
        meeting_date=meeting.held_on if meeting else today,
        meeting_place=meeting.place if meeting else "",
        chair=chair,
        chair_title=meeting.chair_title if meeting else "",
        secretary=meeting.secretary_name if meeting else "",
        leader_unit=season.leader.name if season.leader else "",
        lines=tuple(line for _key, line in lines),
        signer_authority=f"TM. {word} THI ĐUA",
        signer_title=f"{word} TRƯỞNG",
        signer_name=chair if signer is None else signer,
        board=f"Ban Thi đua – Khen thưởng {place_words}",
        decision_authority=_decision_authority((p.award_type for p in rows), place_words),
        decision_body=f"ỦY BAN NHÂN DÂN {place_words.upper()}",
        next_leader=_next_leader(season),
        count_minutes=_count_minutes(rows),
    )


__all__ = ["HISTORY_YEARS", "LineCheck", "locality", "pack_context"]
