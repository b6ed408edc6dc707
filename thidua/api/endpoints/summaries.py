"""A bloc's year-end summary report (báo cáo tổng kết) for one season: its data as JSON and the
report as .docx or PDF (Decree 30/2020 layout). Permission `reports.view_summary` on the season;
a season missing or outside the user's provinces is a 404."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from ninja import Query, Router

from thidua.api.auth import actor
from thidua.api.errors import READ
from thidua.api.schemas_summaries import SummaryFileQuery, SummaryOut
from thidua.api.types import PathId
from thidua.dossiers.documents import CONTENT_TYPES
from thidua.reports import summary as documents
from thidua.reports.selectors.summary import (
    PollSummary,
    SeasonSummary,
    UnitRef,
    season_summary,
)
from thidua.voting.tally import percent

router = Router(tags=["summaries"])


def _ref(unit: UnitRef | None) -> dict[str, Any] | None:
    return {"id": unit.id, "name": unit.name} if unit is not None else None


def _fraction(value: Any) -> str:
    return f"{value.numerator}/{value.denominator}"


def _poll(poll: PollSummary) -> dict[str, Any]:
    return {
        "id": poll.id,
        "kind": poll.kind,
        "title": poll.title,
        "award_type": poll.award_code,
        "award_name": poll.award_name,
        "status": poll.status,
        "seats": poll.seats,
        "members": poll.members,
        "present": poll.present,
        "cast": poll.cast,
        "valid": poll.valid,
        "blank": poll.blank,
        "spoiled": poll.spoiled,
        "base": poll.base,
        "threshold_base": poll.threshold_base,
        "threshold_share": _fraction(poll.threshold_share),
        "threshold_strict": poll.threshold_strict,
        "required": poll.required,
        "rule_id": poll.rule_id,
        "rule_citation": poll.rule_citation,
        "rows": [
            {
                "unit": _ref(row.unit),
                "votes": row.votes,
                "share": _fraction(row.share),
                "share_pct": percent(row.share),
                "passes_threshold": row.passes_threshold,
                "elected": row.elected,
                "tied": row.tied,
            }
            for row in poll.rows
        ],
    }


def _organise(data: SeasonSummary) -> dict[str, Any]:
    covenant = data.covenant
    return {
        "members": [
            {
                "id": m.id,
                "name": m.name,
                "role": m.role,
                "signed_covenant": m.signed_covenant,
                "present": m.present,
            }
            for m in data.members
        ],
        "covenant": None
        if covenant is None
        else {
            "id": covenant.id,
            "title": covenant.title,
            "status": covenant.status,
            "signing_date": covenant.signing_date,
            "total_points": covenant.total_points,
            "scoring_mode": covenant.scoring_mode,
            "items": list(covenant.items),
            "groups": [
                {"code": g.code, "title": g.title, "kind": g.kind, "max_points": g.max_points}
                for g in covenant.groups
            ],
            "signed": covenant.signed,
        },
        "movements": [
            {
                "id": m.id,
                "name": m.name,
                "kind": m.kind,
                "launched_by": m.launched_by,
                "start_date": m.start_date,
                "end_date": m.end_date,
            }
            for m in data.movements
        ],
        "registrations": [
            {"unit": _ref(r.unit), "status": r.status, "aimed_titles": list(r.aimed_titles)}
            for r in data.registrations
        ],
        "ranking": {
            "table_total": data.table_total,
            "tie_breaks": list(data.tie_breaks),
            "rows": [
                {
                    "rank": r.rank,
                    "unit": _ref(r.unit),
                    "base": r.base,
                    "bonus": r.bonus,
                    "deduction": r.deduction,
                    "total": r.total,
                    "band": r.band,
                    "card_status": r.card_status,
                    "unreviewed": r.unreviewed,
                    "note": r.note,
                    "excluded_rule": r.excluded_rule,
                }
                for r in data.ranking
            ],
        },
    }


def _results(data: SeasonSummary) -> dict[str, Any]:
    meeting = data.meeting
    following = data.next_year
    return {
        "meeting": None
        if meeting is None
        else {
            "id": meeting.id,
            "title": meeting.title,
            "held_on": meeting.held_on,
            "place": meeting.place,
            "chair_name": meeting.chair_name,
            "chair_title": meeting.chair_title,
            "secretary_name": meeting.secretary_name,
            "status": meeting.status,
            "present": meeting.present,
        },
        "polls": [_poll(poll) for poll in data.polls],
        "proposals": [
            {
                "id": p.id,
                "subject": p.subject,
                "unit": p.unit,
                "is_person": p.is_person,
                "award_type": p.award_code,
                "award_name": p.award_name,
                "status": p.status,
                "votes": p.votes,
                "vote_share_pct": percent(p.vote_share) if p.vote_share is not None else None,
                "decision_number": p.decision_number,
            }
            for p in data.proposals
        ],
        "decisions": [
            {
                "id": d.id,
                "number": d.number,
                "date": d.date,
                "authority": d.authority,
                "signer_name": d.signer_name,
                "signer_title": d.signer_title,
                "lines": [{"subject": s, "award_name": a} for s, a in d.lines],
            }
            for d in data.decisions
        ],
        "unit_awards": [
            {
                "unit": line.unit,
                "award_type": line.award_code,
                "award_name": line.award_name,
                "decision_number": line.decision_number,
                "decision_date": line.decision_date,
                "issuer": line.issuer,
            }
            for line in data.unit_awards
        ],
        "person_awards": [
            {"award_type": c.award_code, "award_name": c.award_name, "count": c.count}
            for c in data.person_awards
        ],
        "next_year": {
            "year": following.year,
            "season_id": following.season_id,
            "leader": _ref(following.leader),
            "deputy": _ref(following.deputy),
            "leader_poll_id": following.leader_poll.id if following.leader_poll else None,
            "deputy_poll_id": following.deputy_poll.id if following.deputy_poll else None,
        },
    }


@router.get(
    "/seasons/{season_id}/summary",
    response={200: SummaryOut, **READ},
    summary="Số liệu báo cáo tổng kết công tác thi đua của khối trong năm",
    url_name="season_summary",
    description=(
        "Thành viên, giao ước, phong trào, đăng ký thi đua, xếp hạng, kết quả bỏ phiếu (tỷ lệ "
        "tính trên tổng số thành viên), đề nghị và tình trạng, quyết định và sổ khen thưởng, "
        "trưởng khối và phó trưởng khối năm sau. `finished` false: báo cáo là dự thảo. 404 khi "
        "năm thi đua không tồn tại hoặc ngoài phạm vi của người dùng."
    ),
)
def summary_get(request: HttpRequest, season_id: PathId) -> dict[str, Any]:
    data = season_summary(user=actor(request), season_id=season_id)
    base = reverse("api:season_summary", args=[season_id])
    return {
        "season_id": data.season_id,
        "year": data.year,
        "finished": data.finished,
        "bloc": _ref(data.bloc),
        "bloc_kind": data.bloc_kind,
        "province": _ref(data.province),
        "leader": _ref(data.leader),
        "deputy": _ref(data.deputy),
        **_organise(data),
        **_results(data),
        "docx_url": f"{base}.docx",
        "pdf_url": f"{base}.pdf",
    }


def _file(content_type: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": "Tệp báo cáo tổng kết (thể thức Nghị định 30/2020/NĐ-CP).",
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


def _download(request: HttpRequest, season_id: int, fmt: str, q: SummaryFileQuery) -> HttpResponse:
    rendered, data = documents.render_summary(
        user=actor(request), season_id=season_id, fmt=fmt, date=q.date, number=q.number
    )
    response = HttpResponse(rendered.data, content_type=rendered.content_type)
    response["Content-Disposition"] = documents.content_disposition(data, fmt)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get(
    "/seasons/{season_id}/summary.docx",
    response=READ,
    summary="Báo cáo tổng kết công tác thi đua của khối, tệp Word (.docx)",
    description="`number`: số báo cáo (chữ số, bỏ trống để điền tay); `date`: ngày báo cáo.",
    openapi_extra=_file(CONTENT_TYPES["docx"]),
)
def summary_docx(
    request: HttpRequest, season_id: PathId, q: Query[SummaryFileQuery]
) -> HttpResponse:
    return _download(request, season_id, "docx", q)


@router.get(
    "/seasons/{season_id}/summary.pdf",
    response=READ,
    summary="Báo cáo tổng kết công tác thi đua của khối, tệp PDF",
    description="`number`: số báo cáo (chữ số, bỏ trống để điền tay); `date`: ngày báo cáo.",
    openapi_extra=_file(CONTENT_TYPES["pdf"]),
)
def summary_pdf(
    request: HttpRequest, season_id: PathId, q: Query[SummaryFileQuery]
) -> HttpResponse:
    return _download(request, season_id, "pdf", q)
