"""Render a DocumentSpec to .docx (python-docx) and PDF (WeasyPrint). CONTRACT: signatures fixed."""

from collections.abc import Sequence

from thidua.documents import docx, pdf
from thidua.documents.spec import DocumentSpec


def render_docx(spec: DocumentSpec) -> bytes:
    """A .docx (A4, margins 20/20/30/15 mm, Times New Roman 13–14, header table, page numbers
    in the top margin from page 2)."""
    return docx.render_docx(spec)


def render_pdf(spec: DocumentSpec) -> bytes:
    """The same document as PDF through WeasyPrint, Times New Roman (Liberation Serif metrics)
    embedded."""
    return pdf.render_pdf(spec)


def render_pdfs(specs: Sequence[DocumentSpec]) -> list[bytes]:
    """`render_pdf` of several documents, laid out side by side (see `pdf.render_pdfs`)."""
    return pdf.render_pdfs(specs)


__all__ = ["render_docx", "render_pdf", "render_pdfs"]
