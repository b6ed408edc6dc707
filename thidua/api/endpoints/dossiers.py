"""Proposals (đề nghị khen thưởng), dossiers, their files, the workflow's steps and the generated
documents.

Thin endpoints: reads through the dossier selectors (scoped to the user's provinces; a record
outside them answers 404 like a missing one), writes through the dossier services, which check
the permission (dossiers.rules), the state (workflow) and the content of files. Status changes
happen in the services only (transitions.move); a step the workflow forbids answers 409
`bad_transition`.
"""

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile

from thidua.accounts.models import User
from thidua.accounts.permissions import can, require
from thidua.accounts.scoping import scope_by_province
from thidua.api.auth import actor
from thidua.api.errors import LIST, READ, WRITE
from thidua.api.schemas_dossiers import (
    BulkIn,
    BulkReturnIn,
    DocumentListOut,
    DocumentsQuery,
    DossierDetail,
    DossierIn,
    DossierPage,
    DossierPatch,
    DossierQuery,
    FileKind,
    FileOut,
    NoteIn,
    ProposalDetail,
    ProposalIn,
    ProposalOut,
    ProposalPage,
    ProposalPatch,
    ProposalQuery,
    ReasonIn,
    SubmitIn,
)
from thidua.api.types import MAX_LIMIT, PathId
from thidua.awards.rulebook import DOCUMENT_KINDS, load_rulebook
from thidua.core.exceptions import NotFound
from thidua.dossiers import documents, workflow
from thidua.dossiers.models import Dossier, DossierFile, Proposal, ProposalStatus
from thidua.dossiers.selectors.proposals import (
    INBOX_ORDER,
    is_overdue,
    proposal_detail,
    proposal_get_for_user,
    proposals_filtered,
    proposals_for_user,
    status_counts,
)
from thidua.dossiers.selectors.proposals import (
    ProposalDetail as Detail,
)
from thidua.dossiers.services import board, dossiers, files, proposals, submission
from thidua.dossiers.services.checks import Checks
from thidua.org.selectors import person_get_for_user, season_get_for_user, unit_get_for_user

router = Router(tags=["dossiers"])

_RELATED = ("unit", "person__unit", "season", "dossier", "submitting_unit")
_FILE_RELATED = (
    "proposal__season",
    "proposal__dossier",
    "proposal__person",
    "dossier__season",
    "uploaded_by",
)


def _file_response(content_type: str, what: str) -> dict[str, Any]:
    return {
        "responses": {
            200: {
                "description": what,
                "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    }


def _award_name(code: str) -> str:
    try:
        return load_rulebook().award_type(code).name
    except KeyError:
        return code


def _unit_ref(unit: Any) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "short_name": unit.short_name}


def _proposal_out(p: Proposal) -> dict[str, Any]:
    person = p.person if p.person_id is not None else None
    unit = p.unit if p.unit_id is not None else None
    season = p.season if p.season_id is not None else None
    return {
        "id": p.pk,
        "status": p.status,
        "status_label": str(ProposalStatus(p.status).label),
        "award_type": p.award_type,
        "award_name": _award_name(p.award_type),
        "year": p.year,
        "subject_kind": "individual" if person is not None else "collective",
        "subject_name": person.full_name if person is not None else (unit.name if unit else ""),
        "unit": _unit_ref(unit),
        "person": (
            {"id": person.pk, "full_name": person.full_name, "unit_id": person.unit_id}
            if person is not None
            else None
        ),
        "province_id": p.province_id,
        "submitting_unit": _unit_ref(p.submitting_unit if p.submitting_unit_id else None),
        "season_id": p.season_id,
        "bloc_id": season.bloc_id if season is not None else None,
        "dossier_id": p.dossier_id,
        "source_poll_id": p.source_poll_id,
        "votes": p.votes,
        "vote_share": str(p.vote_share) if p.vote_share is not None else None,
        "summary": p.summary,
        "override_reason": p.override_reason,
        "return_reason": p.return_reason,
        "created_at": p.created_at,
        "submitted_at": p.submitted_at,
        "received_at": p.received_at,
        "appraised_at": p.appraised_at,
        "decided_at": p.decided_at,
        "due_at": p.due_at,
        "overdue": is_overdue(p),
        "next_statuses": list(workflow.next_statuses(p.status)),
    }


def _file_out(item: DossierFile) -> dict[str, Any]:
    user = item.uploaded_by
    return {
        "id": item.pk,
        "proposal_id": item.proposal_id,
        "dossier_id": item.dossier_id,
        "kind": item.kind,
        "kind_name": DOCUMENT_KINDS.get(item.kind, item.kind),
        "original_name": item.original_name,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "by_board": item.by_board,
        "uploaded_by": (user.get_full_name() or user.username) if user is not None else "",
        "uploaded_at": item.uploaded_at,
        "url": reverse("api:dossier_file_get", kwargs={"file_id": item.pk}),
    }


def _checks_out(checks: Checks) -> dict[str, Any]:
    return {
        "status": checks.status,
        "decided_by": checks.decided_by,
        "needs_override": checks.needs_override,
        "documents": [
            {
                "kind": d.kind,
                "name": d.name,
                "required": d.required,
                "rule_id": d.rule_id,
                "citation": d.citation,
                "present": d.present,
                "generated": d.generated,
                "missing": d.missing,
            }
            for d in checks.documents
        ],
        "reasons": [
            {
                "rule_id": r.rule_id,
                "citation": r.citation,
                "text": r.text,
                "met": r.met,
                "binding": r.binding,
                "blocking": r.blocking,
            }
            for r in checks.reasons
        ],
        "quotas": [
            {
                "rule_id": q.rule_id,
                "citation": q.citation,
                "quota": q.quota,
                "count": q.count,
                "binding": q.binding,
                "exceeded": q.exceeded,
            }
            for q in checks.quotas
        ],
        "quota_note": checks.quota_note,
        "checked_on": checks.checked_on,
    }


def _detail_out(detail: Detail) -> dict[str, Any]:
    return {
        **_proposal_out(detail.proposal),
        "events": [
            {
                "id": e.pk,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor_name": (e.actor.get_full_name() or e.actor.username) if e.actor else "",
                "at": e.at,
                "note": e.note,
            }
            for e in detail.events
        ],
        "files": [_file_out(f) for f in detail.files],
        "checks": _checks_out(detail.checks),
        "eligibility": detail.proposal.eligibility or {},
    }


def _proposal(user: User, pk: int) -> Proposal:
    return proposal_get_for_user(user=user, pk=pk)


def _fresh(user: User, proposal: Proposal) -> dict[str, Any]:
    return _proposal_out(_proposal(user, proposal.pk))


def _fresh_many(user: User, rows: list[Proposal]) -> list[dict[str, Any]]:
    ids = [p.pk for p in rows]
    found = {
        p.pk: p for p in proposals_for_user(user=user).filter(pk__in=ids).select_related(*_RELATED)
    }
    return [_proposal_out(found[pk]) for pk in ids if pk in found]


# Proposals: the list and the board's inbox --------------------------------------------------------


def _proposal_list(user: User, f: ProposalQuery) -> dict[str, Any]:
    """One GROUP BY for the counts per status (the page's total is read from them) and one query
    for the page, whatever its size."""
    today = timezone.localdate()
    inbox = can(user, "dossiers.view_inbox")
    base = proposals_for_user(user=user)
    if inbox:
        base = base.exclude(status=ProposalStatus.DRAFT)  # the unit's own
    if f.unit_id is not None:
        unit = unit_get_for_user(user=user, pk=f.unit_id)
        base = base.filter(
            Q(unit_id=unit.pk) | Q(person__unit_id=unit.pk) | Q(submitting_unit_id=unit.pk)
        )
    base = proposals_filtered(
        base,
        bloc=f.bloc_id,
        award_type=f.award_type,
        year=f.year,
        overdue=f.overdue,
        today=today,
    )
    counts, late = status_counts(base, today=today)
    chosen: QuerySet[Proposal]
    statuses: list[str]
    if f.status:
        chosen, statuses = base.filter(status=f.status), [str(f.status)]
    elif inbox:
        statuses = sorted(workflow.WITH_BOARD)
        chosen = base.filter(status__in=statuses)
    else:
        chosen, statuses = base, list(counts)
    order = INBOX_ORDER if inbox else ("-year", "award_type", "pk")
    limit = min(f.limit, MAX_LIMIT)
    rows = chosen.select_related(*_RELATED).order_by(*order)[f.offset : f.offset + limit]
    return {
        "count": sum(counts[s] for s in statuses),
        "items": [_proposal_out(p) for p in rows],
        "inbox": inbox,
        "counts": counts,
        "overdue": late,
    }


@router.get(
    "/proposals",
    response={200: ProposalPage, **LIST, 404: READ[404]},
    summary="Đề nghị khen thưởng; với Ban: hộp việc (số lượng theo trạng thái, quá hạn)",
    description="Ban: mọi đề nghị đã trình của các tỉnh trong phạm vi, mặc định các trạng thái "
    "Ban đang giữ, hạn xử lý sớm nhất trước. Người khác: mọi đề nghị của tỉnh, kể cả dự thảo. "
    "`counts` đếm theo trạng thái sau các lọc khác; `unit_id` ngoài phạm vi: 404.",
)
def proposal_list(request: HttpRequest, filters: Query[ProposalQuery]) -> dict[str, Any]:
    return _proposal_list(actor(request), filters)


# Bulk steps and documents come before /proposals/{id}: their paths would match it.


@router.post(
    "/proposals/receive",
    response={200: list[ProposalOut], **WRITE},
    summary="Ban tiếp nhận nhiều đề nghị đã trình (tất cả hoặc không)",
)
def proposals_receive(request: HttpRequest, payload: BulkIn) -> list[dict[str, Any]]:
    user = actor(request)
    rows = board.proposals_receive(actor=user, proposals=payload.ids)
    return _fresh_many(user, rows)


@router.post(
    "/proposals/return",
    response={200: list[ProposalOut], **WRITE},
    summary="Ban trả lại nhiều đề nghị cho đơn vị, ghi lý do (tất cả hoặc không)",
)
def proposals_return(request: HttpRequest, payload: BulkReturnIn) -> list[dict[str, Any]]:
    user = actor(request)
    rows = board.proposals_return(actor=user, proposals=payload.ids, reason=payload.reason)
    return _fresh_many(user, rows)


def _document_proposals(user: User, ids: list[int]) -> list[int]:
    """The ids, each a proposal the user may read (404 otherwise)."""
    wanted = list(dict.fromkeys(ids))
    rows = list(proposals_for_user(user=user).filter(pk__in=wanted))
    if len(rows) != len(wanted):
        raise NotFound()
    for row in rows:
        require(user, "dossiers.view_proposal", row)
    return wanted


def _document_options(q: DocumentsQuery) -> dict[str, Any]:
    return {"number": q.number, "date": q.date, "signer": q.signer}


def _query_string(q: DocumentsQuery) -> str:
    parts = [f"ids={pk}" for pk in dict.fromkeys(q.ids)]
    if q.number:
        parts.append(f"number={q.number}")
    if q.date:
        parts.append(f"date={q.date.isoformat()}")
    return "&".join(parts)


def _download(data: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.get(
    "/proposals/documents",
    response={200: DocumentListOut, **LIST, 404: READ[404]},
    summary="Các văn bản lập được cho các đề nghị của một khối (tờ trình, biên bản, báo cáo…)",
    url_name="proposal_document_list",
    description="Các đề nghị phải cùng một khối, cùng một năm thi đua (`pack_mixed_seasons`, "
    "`pack_no_season`); đề nghị không tìm thấy: 404.",
)
def document_list(request: HttpRequest, q: Query[DocumentsQuery]) -> dict[str, Any]:
    user = actor(request)
    ids = _document_proposals(user, q.ids)
    items = documents.proposal_documents(user=user, proposals=ids, **_document_options(q))
    base = reverse("api:proposal_document_list")
    query = _query_string(q)
    return {
        "proposal_ids": ids,
        "pack_url": f"{reverse('api:proposal_document_pack')}?{query}",
        "items": [
            {
                "kind": d.kind,
                "title": d.title,
                "docx_url": f"{base}/{d.kind}.docx?{query}",
                "pdf_url": f"{base}/{d.kind}.pdf?{query}",
            }
            for d in items
        ],
    }


@router.get(
    "/proposals/documents.zip",
    response={**LIST, 404: READ[404]},
    summary="Cả bộ hồ sơ của khối (.docx và PDF) trong một tệp zip",
    url_name="proposal_document_pack",
    openapi_extra=_file_response("application/zip", "Tệp zip bộ hồ sơ."),
)
def document_pack(request: HttpRequest, q: Query[DocumentsQuery]) -> HttpResponse:
    user = actor(request)
    ids = _document_proposals(user, q.ids)
    rendered = documents.render_pack(user=user, proposals=ids, **_document_options(q))
    return _download(rendered.data, content_type=rendered.content_type, filename=rendered.filename)


@router.get(
    "/proposals/documents/{kind}.{fmt}",
    response={**LIST, 404: READ[404]},
    summary="Một văn bản của bộ hồ sơ, dạng .docx hoặc PDF",
    description="`kind` như trong danh sách văn bản; `fmt`: `docx` hoặc `pdf` "
    "(khác: 422 `document_format`); văn bản không có trong bộ: 404 `document_kind`.",
    openapi_extra={
        "responses": {
            200: {
                "description": "Tệp văn bản.",
                "content": {
                    documents.CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}}
                    for fmt in ("docx", "pdf")
                },
            }
        }
    },
)
def document_get(
    request: HttpRequest, kind: str, fmt: str, q: Query[DocumentsQuery]
) -> HttpResponse:
    user = actor(request)
    ids = _document_proposals(user, q.ids)
    rendered = documents.render_document(
        user=user, proposals=ids, kind=kind[:200], fmt=fmt[:10], **_document_options(q)
    )
    return _download(rendered.data, content_type=rendered.content_type, filename=rendered.filename)


# Proposals: one, create, edit, delete -------------------------------------------------------------


@router.post(
    "/proposals",
    response={201: list[ProposalOut], **WRITE},
    summary="Lập đề nghị dự thảo: cho đơn vị, hoặc cho các cá nhân của đơn vị",
    description="Với `person_ids`: mỗi người một đề nghị (hình thức cho cá nhân); không có: một "
    "đề nghị cho chính đơn vị (hình thức cho tập thể). Đề nghị của khối lập từ kết quả bỏ phiếu.",
)
def proposal_create(request: HttpRequest, payload: ProposalIn) -> Status[Any]:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=payload.unit_id)
    if payload.person_ids is not None:
        people = [person_get_for_user(user=user, pk=pk) for pk in payload.person_ids]
        rows = proposals.proposals_create_for_staff(
            actor=user,
            unit=unit,
            people=people,
            award_type=payload.award_type,
            year=payload.year,
            summary=payload.summary,
        )
    else:
        rows = [
            proposals.proposal_create_for_unit(
                actor=user,
                unit=unit,
                award_type=payload.award_type,
                year=payload.year,
                summary=payload.summary,
            )
        ]
    return Status(201, _fresh_many(user, rows))


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalDetail, **READ},
    summary="Một đề nghị: các bước xử lý, tệp hồ sơ, kết quả kiểm tra trước khi trình",
    url_name="proposal_get",
)
def proposal_get(request: HttpRequest, proposal_id: PathId) -> dict[str, Any]:
    return _detail_out(proposal_detail(user=actor(request), pk=proposal_id))


@router.patch(
    "/proposals/{proposal_id}",
    response={200: ProposalOut, **WRITE},
    summary="Sửa tóm tắt thành tích hoặc hình thức (đề nghị dự thảo hoặc bị trả lại)",
)
def proposal_patch(request: HttpRequest, proposal_id: PathId, payload: ProposalPatch) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    proposals.proposal_update(actor=user, proposal=proposal, **payload.changes())
    return _fresh(user, proposal)


@router.delete(
    "/proposals/{proposal_id}",
    response={204: None, **WRITE},
    summary="Xoá đề nghị dự thảo chưa trình (đề nghị của khối: rút, ghi lý do)",
)
def proposal_delete(request: HttpRequest, proposal_id: PathId) -> Status[None]:
    user = actor(request)
    proposals.proposal_delete(actor=user, proposal=_proposal(user, proposal_id))
    return Status(204, None)


# Proposals: the workflow's steps ------------------------------------------------------------------


@router.post(
    "/proposals/{proposal_id}/submit",
    response={200: ProposalOut, **WRITE},
    summary="Đơn vị trình đề nghị lên Ban",
    description="Chưa đủ điều kiện, vượt hạn mức hoặc thiếu giấy tờ mà không ghi "
    "`override_reason`: 422 `override_required`, các điểm chưa đạt trong `details.proposals`. "
    "Trạng thái không cho phép: 409 `not_editable`.",
)
def proposal_submit(request: HttpRequest, proposal_id: PathId, payload: SubmitIn) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    submission.proposal_submit(
        actor=user, proposal=proposal, override_reason=payload.override_reason
    )
    return _fresh(user, proposal)


@router.post(
    "/proposals/{proposal_id}/withdraw",
    response={200: ProposalOut, **WRITE},
    summary="Đơn vị rút đề nghị trước khi Ban tiếp nhận, ghi lý do",
)
def proposal_withdraw(request: HttpRequest, proposal_id: PathId, payload: ReasonIn) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    submission.proposal_withdraw(actor=user, proposal=proposal, reason=payload.reason)
    return _fresh(user, proposal)


@router.post(
    "/proposals/{proposal_id}/receive",
    response={200: ProposalOut, **WRITE},
    summary="Ban tiếp nhận đề nghị đã trình",
)
def proposal_receive(request: HttpRequest, proposal_id: PathId) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    board.proposals_receive(actor=user, proposals=[proposal])
    return _fresh(user, proposal)


@router.post(
    "/proposals/{proposal_id}/return",
    response={200: ProposalOut, **WRITE},
    summary="Ban trả lại đề nghị cho đơn vị, ghi lý do",
)
def proposal_return(request: HttpRequest, proposal_id: PathId, payload: ReasonIn) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    board.proposals_return(actor=user, proposals=[proposal], reason=payload.reason)
    return _fresh(user, proposal)


@router.post(
    "/proposals/{proposal_id}/validate",
    response={200: ProposalOut, **WRITE},
    summary="Ban thẩm định: hồ sơ hợp lệ, chờ Hội đồng xét",
)
def proposal_validate(request: HttpRequest, proposal_id: PathId, payload: NoteIn) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    board.proposal_validate(actor=user, proposal=proposal, note=payload.note)
    return _fresh(user, proposal)


@router.post(
    "/proposals/{proposal_id}/reject",
    response={200: ProposalOut, **WRITE},
    summary="Ban thẩm định: không đủ điều kiện, ghi lý do",
)
def proposal_reject(request: HttpRequest, proposal_id: PathId, payload: ReasonIn) -> Any:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    board.proposal_reject(actor=user, proposal=proposal, reason=payload.reason)
    return _fresh(user, proposal)


# Files ---------------------------------------------------------------------------------------------


def _owner_files(proposal: Proposal | None, dossier: Dossier | None) -> list[dict[str, Any]]:
    q = Q()
    if proposal is not None:
        q |= Q(proposal_id=proposal.pk)
        if proposal.dossier_id is not None:
            q |= Q(dossier_id=proposal.dossier_id)
    if dossier is not None:
        q |= Q(dossier_id=dossier.pk)
    rows = DossierFile.objects.filter(q).select_related("uploaded_by").order_by("uploaded_at", "pk")
    return [_file_out(f) for f in rows]


def _file(user: User, pk: int) -> DossierFile:
    item = DossierFile.objects.select_related(*_FILE_RELATED).filter(pk=pk).first()
    if item is None:
        raise NotFound()
    require(user, "dossiers.view_proposal", item)
    return item


@router.get(
    "/proposals/{proposal_id}/files",
    response={200: list[FileOut], **READ},
    summary="Tệp hồ sơ của đề nghị (và của hồ sơ chứa nó)",
)
def proposal_files(request: HttpRequest, proposal_id: PathId) -> list[dict[str, Any]]:
    return _owner_files(_proposal(actor(request), proposal_id), None)


@router.post(
    "/proposals/{proposal_id}/files",
    response={201: FileOut, **WRITE},
    summary="Tải lên tệp hồ sơ của đề nghị (multipart: `kind`, `file`)",
    description="Kiểm tra theo nội dung, phần mở rộng và dung lượng: PDF, .docx, .xlsx, JPEG, PNG "
    "(`file_type`, `file_empty`, `file_too_large`); `kind` theo danh mục giấy tờ (`file_kind`). "
    "Đơn vị chỉ tải lên khi đề nghị còn ở đơn vị (`not_editable`); Ban đính kèm giấy tờ của Ban.",
)
def proposal_file_upload(
    request: HttpRequest,
    proposal_id: PathId,
    kind: Form[FileKind],
    file: File[UploadedFile],
) -> Status[Any]:
    user = actor(request)
    proposal = _proposal(user, proposal_id)
    item = files.file_upload(actor=user, upload=file, kind=kind, proposal=proposal)
    return Status(201, _file_out(_file(user, item.pk)))


@router.get(
    "/files/{file_id}",
    response=READ,
    summary="Tải một tệp hồ sơ",
    url_name="dossier_file_get",
    openapi_extra=_file_response("application/octet-stream", "Tệp hồ sơ."),
)
def file_get(request: HttpRequest, file_id: PathId) -> Any:
    item = _file(actor(request), file_id)
    try:
        handle = item.file.open("rb")
    except (FileNotFoundError, ValueError):
        raise NotFound() from None
    response = FileResponse(
        handle, as_attachment=True, filename=item.original_name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@router.delete(
    "/files/{file_id}",
    response={204: None, **WRITE},
    summary="Gỡ một tệp hồ sơ (đơn vị: tệp của mình khi còn ở đơn vị; Ban: giấy tờ của Ban)",
)
def file_delete(request: HttpRequest, file_id: PathId) -> Status[None]:
    user = actor(request)
    files.file_remove(actor=user, item=_file(user, file_id))
    return Status(204, None)


# Dossiers ------------------------------------------------------------------------------------------


def _dossiers(user: User) -> QuerySet[Dossier]:
    return (
        scope_by_province(Dossier.objects.all(), user)
        .select_related("submitting_unit")
        .annotate(proposals_count=Count("proposals"))
    )


def _dossier(user: User, pk: int) -> Dossier:
    found = _dossiers(user).select_related("season").filter(pk=pk).first()
    if found is None:
        raise NotFound()
    require(user, "dossiers.view_proposal", found)
    return found


def _dossier_out(d: Dossier) -> dict[str, Any]:
    return {
        "id": d.pk,
        "province_id": d.province_id,
        "season_id": d.season_id,
        "submitting_unit": _unit_ref(d.submitting_unit),
        "year": d.year,
        "title": d.title,
        "letter_number": d.letter_number,
        "letter_symbol": d.letter_symbol,
        "letter_date": d.letter_date,
        "reference": d.reference,
        "simplified": d.simplified,
        "created_at": d.created_at,
        "submitted_at": d.submitted_at,
        "proposals_count": getattr(d, "proposals_count", 0),
    }


def _dossier_detail(user: User, pk: int) -> dict[str, Any]:
    d = _dossier(user, pk)
    rows = d.proposals.select_related(*_RELATED).order_by("award_type", "pk")
    return {
        **_dossier_out(d),
        "proposals": [_proposal_out(p) for p in rows],
        "files": _owner_files(None, d),
    }


@router.get(
    "/dossiers",
    response={200: DossierPage, **LIST},
    summary="Hồ sơ đề nghị khen thưởng (tờ trình và các đề nghị trong đó)",
)
def dossier_list(request: HttpRequest, filters: Query[DossierQuery]) -> dict[str, Any]:
    qs = _dossiers(actor(request))
    if filters.year is not None:
        qs = qs.filter(year=filters.year)
    if filters.unit_id is not None:
        qs = qs.filter(submitting_unit_id=filters.unit_id)
    if filters.season_id is not None:
        qs = qs.filter(season_id=filters.season_id)
    limit = min(filters.limit, MAX_LIMIT)
    rows = qs.order_by("-year", "-created_at", "pk")[filters.offset : filters.offset + limit]
    return {"count": qs.count(), "items": [_dossier_out(d) for d in rows]}


@router.post(
    "/dossiers",
    response={201: DossierDetail, **WRITE},
    summary="Lập hồ sơ của đơn vị trình (tờ trình: số, ký hiệu, ngày; thủ tục đơn giản)",
)
def dossier_create(request: HttpRequest, payload: DossierIn) -> Status[Any]:
    user = actor(request)
    unit = unit_get_for_user(user=user, pk=payload.submitting_unit_id)
    season = (
        season_get_for_user(user=user, pk=payload.season_id)
        if payload.season_id is not None
        else None
    )
    dossier = dossiers.dossier_create(
        actor=user,
        submitting_unit=unit,
        year=payload.year,
        season=season,
        title=payload.title,
        letter_number=payload.letter_number,
        letter_symbol=payload.letter_symbol,
        letter_date=payload.letter_date,
        simplified=payload.simplified,
        proposals=payload.proposal_ids,
    )
    return Status(201, _dossier_detail(user, dossier.pk))


@router.get(
    "/dossiers/{dossier_id}",
    response={200: DossierDetail, **READ},
    summary="Một hồ sơ: các đề nghị và tệp của hồ sơ",
)
def dossier_get(request: HttpRequest, dossier_id: PathId) -> dict[str, Any]:
    return _dossier_detail(actor(request), dossier_id)


@router.patch(
    "/dossiers/{dossier_id}",
    response={200: DossierDetail, **WRITE},
    summary="Sửa tờ trình, thủ tục của hồ sơ (khi các đề nghị còn ở đơn vị)",
)
def dossier_patch(request: HttpRequest, dossier_id: PathId, payload: DossierPatch) -> Any:
    user = actor(request)
    dossiers.dossier_update(actor=user, dossier=_dossier(user, dossier_id), **payload.changes())
    return _dossier_detail(user, dossier_id)


@router.delete(
    "/dossiers/{dossier_id}",
    response={204: None, **WRITE},
    summary="Xoá hồ sơ chưa trình (các đề nghị vẫn giữ, ra ngoài hồ sơ)",
)
def dossier_delete(request: HttpRequest, dossier_id: PathId) -> Status[None]:
    user = actor(request)
    dossiers.dossier_delete(actor=user, dossier=_dossier(user, dossier_id))
    return Status(204, None)


@router.post(
    "/dossiers/{dossier_id}/proposals",
    response={200: DossierDetail, **WRITE},
    summary="Đưa đề nghị (dự thảo hoặc bị trả lại) vào hồ sơ",
)
def dossier_assign(request: HttpRequest, dossier_id: PathId, payload: BulkIn) -> Any:
    user = actor(request)
    dossiers.dossier_assign(actor=user, dossier=_dossier(user, dossier_id), proposals=payload.ids)
    return _dossier_detail(user, dossier_id)


@router.delete(
    "/dossiers/{dossier_id}/proposals/{proposal_id}",
    response={200: DossierDetail, **WRITE},
    summary="Đưa một đề nghị ra khỏi hồ sơ",
)
def dossier_unassign(request: HttpRequest, dossier_id: PathId, proposal_id: PathId) -> Any:
    user = actor(request)
    dossier = _dossier(user, dossier_id)
    proposal = _proposal(user, proposal_id)
    if proposal.dossier_id != dossier.pk:
        raise NotFound()
    dossiers.dossier_unassign(actor=user, proposal=proposal)
    return _dossier_detail(user, dossier_id)


@router.post(
    "/dossiers/{dossier_id}/submit",
    response={200: DossierDetail, **WRITE},
    summary="Trình cả hồ sơ: mọi đề nghị còn ở đơn vị (tất cả hoặc không)",
    description="Như trình một đề nghị: thiếu lý do khi cần: 422 `override_required`.",
)
def dossier_submit(request: HttpRequest, dossier_id: PathId, payload: SubmitIn) -> Any:
    user = actor(request)
    submission.dossier_submit(
        actor=user, dossier=_dossier(user, dossier_id), override_reason=payload.override_reason
    )
    return _dossier_detail(user, dossier_id)


@router.get(
    "/dossiers/{dossier_id}/files",
    response={200: list[FileOut], **READ},
    summary="Tệp của hồ sơ (chung cho các đề nghị trong hồ sơ)",
)
def dossier_files(request: HttpRequest, dossier_id: PathId) -> list[dict[str, Any]]:
    return _owner_files(None, _dossier(actor(request), dossier_id))


@router.post(
    "/dossiers/{dossier_id}/files",
    response={201: FileOut, **WRITE},
    summary="Tải lên tệp của hồ sơ (multipart: `kind`, `file`)",
    description="Kiểm tra như tệp của một đề nghị.",
)
def dossier_file_upload(
    request: HttpRequest,
    dossier_id: PathId,
    kind: Form[FileKind],
    file: File[UploadedFile],
) -> Status[Any]:
    user = actor(request)
    dossier = _dossier(user, dossier_id)
    item = files.file_upload(actor=user, upload=file, kind=kind, dossier=dossier)
    return Status(201, _file_out(_file(user, item.pk)))
