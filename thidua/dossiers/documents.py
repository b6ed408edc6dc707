"""The generated documents of proposals, as the pages and the API serve them.

`proposal_documents` lists what can be generated for a selection of proposals of one bloc's
season (kind, file name, title); `render_document` renders one as .docx or PDF;
`render_pack` zips them all. Each builds the pack's context once
(`selectors.pack_data.pack_context`, a fixed number of queries) and renders in memory. File
names are ASCII (`pack.slug`). Permission checks belong to the caller (the page or endpoint);
the context is read guarded (NotFound outside the user's provinces).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from django.utils.translation import gettext as _

from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.documents.render import render_docx, render_pdf
from thidua.dossiers.models import Proposal
from thidua.dossiers.pack import PackContext, pack_specs, pack_zip, slug
from thidua.dossiers.selectors.pack_data import pack_context

Format = Literal["docx", "pdf"]
CONTENT_TYPES: dict[str, str] = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "zip": "application/zip",
}


@dataclass(frozen=True)
class PackDocument:
    kind: str  # the document's key in the pack: "to-trinh", "bao-cao-thanh-tich-01-…"
    filename: str  # without the extension: the kind
    title: str  # "Tờ trình đề nghị khen thưởng năm 2022 – Khối …"


@dataclass(frozen=True)
class RenderedDocument:
    data: bytes
    content_type: str
    filename: str  # ASCII: "to-trinh.pdf"


def documents_of(ctx: PackContext) -> list[PackDocument]:
    return [
        PackDocument(kind=stem, filename=stem, title=spec.title_for_metadata or spec.summary)
        for stem, spec in pack_specs(ctx)
    ]


def render_of(ctx: PackContext, kind: str, fmt: str) -> RenderedDocument:
    """One document of a context; ValidationFailed (document_format) for a format other than
    docx or pdf, NotFound for a kind not in the pack."""
    if fmt not in ("docx", "pdf"):
        raise ValidationFailed(
            _("Định dạng văn bản phải là docx hoặc pdf."), code="document_format"
        )
    spec = dict(pack_specs(ctx)).get(kind)
    if spec is None:
        raise NotFound(_("Không có văn bản này trong bộ hồ sơ."), code="document_kind")
    data = render_docx(spec) if fmt == "docx" else render_pdf(spec)
    return RenderedDocument(data, CONTENT_TYPES[fmt], f"{kind}.{fmt}")


def pack_filename(ctx: PackContext) -> str:
    """ "ho-so-khoi-thi-dua-cac-ban-co-quan-cua-dang-2022.zip"."""
    return f"ho-so-{slug(ctx.bloc)[:60].strip('-')}-{ctx.year}.zip"


def proposal_documents(
    *, user: Any, proposals: Iterable[Proposal | int], **options: Any
) -> list[PackDocument]:
    """The documents that can be generated for the proposals, in the pack's order."""
    return documents_of(pack_context(user=user, proposals=proposals, **options))


def render_document(
    *, user: Any, proposals: Iterable[Proposal | int], kind: str, fmt: str, **options: Any
) -> RenderedDocument:
    """One document as bytes, its content type and an ASCII file name. `options`: number,
    date, signer, checks (see `pack_context`)."""
    if fmt not in ("docx", "pdf"):  # refused before reading anything
        raise ValidationFailed(
            _("Định dạng văn bản phải là docx hoặc pdf."), code="document_format"
        )
    return render_of(pack_context(user=user, proposals=proposals, **options), kind, fmt)


def render_pack(
    *, user: Any, proposals: Iterable[Proposal | int], **options: Any
) -> RenderedDocument:
    """The whole pack, every document as .docx and PDF, in one zip."""
    ctx = pack_context(user=user, proposals=proposals, **options)
    return RenderedDocument(pack_zip(ctx), CONTENT_TYPES["zip"], pack_filename(ctx))


__all__ = [
    "CONTENT_TYPES",
    "PackDocument",
    "RenderedDocument",
    "documents_of",
    "pack_filename",
    "proposal_documents",
    "render_document",
    "render_of",
    "render_pack",
]
