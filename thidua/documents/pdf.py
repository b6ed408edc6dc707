"""A DocumentSpec as PDF: HTML from a template, laid out by WeasyPrint.

"Times New Roman" comes first in the font stack; where it is not installed, fontconfig falls
back to Liberation Serif, which has the same metrics and every Vietnamese glyph.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import cache
from pathlib import Path
from typing import Any

from django.template import Context, Engine

from thidua.documents import layout
from thidua.documents.dates import vn_date_line
from thidua.documents.phrases import (
    DISTRIBUTION_LABEL,
    MOTTO,
    NATIONAL_NAME,
    RECIPIENTS_LABEL,
)
from thidua.documents.spec import DocumentSpec, Heading, Paragraph, Table

TEMPLATE = "documents/decree30.html"


@cache
def _engine() -> Engine:
    # The documents package is not an installed app; its templates load from here directly.
    return Engine(dirs=[str(Path(__file__).parent / "templates")], autoescape=True)


def _paragraph_classes(block: Paragraph) -> str:
    classes: list[str] = [block.align]
    if not block.indent:
        classes.append("noindent")
    if block.bold:
        classes.append("bold")
    if block.italic:
        classes.append("italic")
    return " ".join(classes)


def _table(block: Table) -> dict[str, Any]:
    count = len(block.header)
    weights = list(block.widths) if len(block.widths) == count else [1.0] * count
    total = sum(weights)
    aligns = list(block.align) if len(block.align) == count else ["left"] * count
    return {
        "kind": "table",
        "header": block.header,
        "widths": [f"{100 * w / total:.3f}" for w in weights],
        "rows": [
            [{"text": text, "align": align} for text, align in zip(row, aligns, strict=True)]
            for row in block.rows
        ],
    }


def _blocks(spec: DocumentSpec) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for block in spec.blocks:
        if isinstance(block, Paragraph):
            blocks.append(
                {"kind": "paragraph", "text": block.text, "classes": _paragraph_classes(block)}
            )
        elif isinstance(block, Heading):
            blocks.append({"kind": "heading", "text": block.text})
        else:
            blocks.append(_table(block))
    return blocks


def _signer(cell: layout.SignerCell | None) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "signer": cell.signer,
        "authority": cell.signer.authority.upper(),
        "title": cell.signer.title.upper(),
        "pads": range(cell.pad_lines),
    }


def document_html(spec: DocumentSpec) -> str:
    """The HTML WeasyPrint lays out (also handy to preview a document in a browser)."""
    rows = layout.signature_rows(spec.signers)
    recipients = layout.closed_lines(spec.recipients)
    context = {
        "spec": spec,
        "title": spec.title_for_metadata or f"{spec.doc_type} {spec.summary}".strip(),
        "left_mm": f"{layout.HEADER_LEFT_MM:.1f}",
        "offset_mm": f"{layout.HEADER_OFFSET_MM:.1f}",
        "header_mm": f"{layout.HEADER_LEFT_MM + layout.HEADER_RIGHT_MM:.1f}",
        "parent_body": spec.parent_body.upper(),
        "issuing_body": spec.issuing_body.upper(),
        "national_name": NATIONAL_NAME,
        "motto": MOTTO,
        "number": layout.number_line(spec.number),
        "date_line": vn_date_line(spec.place, spec.date),
        "doc_type": spec.doc_type.upper(),
        "legal_bases": layout.closed_lines(spec.legal_bases),
        "recipients_label": RECIPIENTS_LABEL,
        "recipients_inline": recipients[0] if len(recipients) == 1 else "",
        "recipients": layout.dashed_lines(spec.recipients),
        "blocks": _blocks(spec),
        "signature_rows": [{"left": _signer(r.left), "right": _signer(r.right)} for r in rows],
        "distribution_label": DISTRIBUTION_LABEL,
        "distribution": layout.dashed_lines(spec.distribution),
        # "Nơi nhận" sits beside the signer when the left column of the first row is free.
        "distribution_beside": bool(rows) and rows[0].left is None,
    }
    return _engine().get_template(TEMPLATE).render(Context(context))


def render_pdf(spec: DocumentSpec) -> bytes:
    # Imported here: WeasyPrint needs the system's Pango, and only PDF output should need it.
    from weasyprint import HTML  # noqa: PLC0415

    html = HTML(string=document_html(spec), base_url=str(Path(__file__).parent))
    # No creation date and no random identifier: the same spec gives the same bytes.
    pdf = html.write_pdf(pdf_identifier=False)
    assert pdf is not None
    return pdf


# Several documents at once (a dossier's pack) are laid out in this many processes; 1 (the test
# settings) lays them out here, one after the other.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)
# Fewer documents than this are not worth handing to the workers.
MIN_PARALLEL = 3


def _setup_worker() -> None:
    import django  # noqa: PLC0415 - a fresh process: Django's settings for the template engine

    django.setup()


@cache
def _executor(workers: int) -> Executor:
    """Processes that outlive one request (starting them costs more than a document): started
    by a fork server, so no lock or connection of the web process is inherited."""
    context = multiprocessing.get_context("forkserver")
    executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_setup_worker)
    atexit.register(executor.shutdown, wait=False, cancel_futures=True)
    return executor


def render_pdfs(specs: Sequence[DocumentSpec], *, workers: int | None = None) -> list[bytes]:
    """`render_pdf` of each spec, in order; with `workers` (default the setting
    DOCUMENT_PDF_WORKERS, else one per core up to two) processes laying them out side by side."""
    from django.conf import settings  # noqa: PLC0415

    count = workers or int(getattr(settings, "DOCUMENT_PDF_WORKERS", DEFAULT_WORKERS))
    if count > 1 and len(specs) >= MIN_PARALLEL:
        try:
            return list(_executor(count).map(render_pdf, specs))
        except BrokenProcessPool:  # a worker died (memory?): new ones next time, these here
            _executor.cache_clear()
    return [render_pdf(spec) for spec in specs]


__all__ = ["document_html", "render_pdf", "render_pdfs"]
