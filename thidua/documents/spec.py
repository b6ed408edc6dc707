"""A document in the Decree 30/2020/NĐ-CP layout as plain data, rendered by documents.render.

CONTRACT (implemented by the documents helper; the voting minutes and, later, the dossier
documents build a `DocumentSpec` and call `render_docx` / `render_pdf`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    italic: bool = False
    align: Literal["justify", "center", "left", "right"] = "justify"
    indent: bool = True  # first-line indent 1.27 cm


@dataclass(frozen=True)
class Heading:
    text: str  # e.g. "I. KẾT QUẢ KIỂM PHIẾU"


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()  # relative widths; equal when empty
    align: tuple[Literal["left", "center", "right"], ...] = ()


Block = Paragraph | Heading | Table


@dataclass(frozen=True)
class Signer:
    authority: str  # "TM. BAN KIỂM PHIẾU" (may be "")
    title: str  # "TRƯỞNG BAN"
    name: str  # full name, no academic title


@dataclass(frozen=True)
class DocumentSpec:
    # Caps, bold, with a short rule under it: "KHỐI THI ĐUA CÁC BAN, CƠ QUAN ĐẢNG".
    issuing_body: str
    doc_type: str  # "BIÊN BẢN"
    summary: str  # trích yếu: "Kiểm phiếu bình xét, suy tôn …"
    number: str  # "Số: 01/BB-KTĐ" (the whole line); "" → "Số:      /…"
    place: str  # "Nam Định"
    date: datetime.date
    parent_body: str = ""  # caps regular above the issuing body (may be "")
    legal_bases: tuple[str, ...] = ()  # italic "Căn cứ …;" lines
    recipients: tuple[str, ...] = ()  # "Kính gửi:" (empty: none)
    blocks: tuple[Block, ...] = ()
    signers: tuple[Signer, ...] = ()  # one: right column; two: left and right; more: rows of two
    distribution: tuple[str, ...] = ()  # "Nơi nhận:" lines, the last "Lưu: VT, …"
    title_for_metadata: str = ""


__all__ = ["Block", "DocumentSpec", "Heading", "Paragraph", "Signer", "Table"]
