"""A DocumentSpec as .docx (python-docx): Decree 30/2020/NĐ-CP Appendix I layout."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.run import Run

from thidua.documents import layout
from thidua.documents.dates import vn_date_line
from thidua.documents.phrases import (
    DISTRIBUTION_LABEL,
    MOTTO,
    NATIONAL_NAME,
    RECIPIENTS_LABEL,
)
from thidua.documents.spec import DocumentSpec, Heading, Paragraph, Signer, Table

FONT = "Times New Roman"
BODY_PT = 14
HEADER_PT = 13
TABLE_PT = 13
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# Children of w:pPr and w:tblPr must keep the schema order, or Word reports unreadable content.
_PPR_AFTER_PBDR = tuple(
    f"w:{tag}"
    for tag in [
        "shd",
        "tabs",
        "suppressAutoHyphens",
        "kinsoku",
        "wordWrap",
        "overflowPunct",
        "topLinePunct",
        "autoSpaceDE",
        "autoSpaceDN",
        "bidi",
        "adjustRightInd",
        "snapToGrid",
        "spacing",
        "ind",
        "contextualSpacing",
        "mirrorIndents",
        "suppressOverlap",
        "jc",
        "textDirection",
        "textAlignment",
        "textboxTightWrap",
        "outlineLvl",
        "divId",
        "cnfStyle",
        "rPr",
        "sectPr",
        "pPrChange",
    ]
)
_TBLPR_ORDER = [
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
]
_TBLPR_AFTER = {tag: tuple(_TBLPR_ORDER[i + 1 :]) for i, tag in enumerate(_TBLPR_ORDER)}
# Room left for the handwritten signature and the seal, between the title and the name.
SIGNATURE_SPACE_PT = 72


def _set_fonts(rpr_parent: Any) -> None:
    """Times New Roman for every script slot, replacing the template's theme fonts."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_parent.insert(0, rpr)
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _setup_styles(doc: DocxDocument) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            _set_fonts(rpr_default)
    normal = doc.styles["Normal"]
    normal.font.name = FONT  # type: ignore[attr-defined]
    normal.font.size = Pt(BODY_PT)  # type: ignore[attr-defined]
    _set_fonts(normal.element)
    fmt = normal.paragraph_format  # type: ignore[attr-defined]
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = Cm(layout.FIRST_LINE_INDENT_CM)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    for name in ("Header", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT  # type: ignore[attr-defined]
        _set_fonts(style.element)


def _setup_section(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(layout.PAGE_WIDTH_MM)
    section.page_height = Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin = Mm(layout.MARGIN_TOP_MM)
    section.bottom_margin = Mm(layout.MARGIN_BOTTOM_MM)
    section.left_margin = Mm(layout.MARGIN_LEFT_MM)
    section.right_margin = Mm(layout.MARGIN_RIGHT_MM)
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # Page numbers from page 2 on: page 1 has its own, empty header.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    _plain(para, WD_ALIGN_PARAGRAPH.CENTER)
    _add_page_field(para)


def _add_page_field(para: DocxParagraph) -> None:
    def field_char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    parts = [field_char("begin"), instr, field_char("separate")]
    for part in parts:
        _style_run(para.add_run(), size=HEADER_PT)._r.append(part)
    _style_run(para.add_run("2"), size=HEADER_PT)
    _style_run(para.add_run(), size=HEADER_PT)._r.append(field_char("end"))


def _style_run(
    run: Run,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
) -> Run:
    run.font.name = FONT
    _set_fonts(run._r)
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    if underline:
        run.underline = True
    return run


def _plain(
    para: DocxParagraph,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    *,
    before: float = 0,
    after: float = 0,
) -> DocxParagraph:
    """A paragraph without the body's first-line indent and 6 pt spacing (header, tables)."""
    fmt = para.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    return para


def _line(
    container: DocxDocument | _Cell,
    text: str,
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER,
    before: float = 0,
    after: float = 0,
    first: bool = False,
) -> DocxParagraph:
    """A one-line paragraph; `first` reuses the empty paragraph a new table cell starts with."""
    para = container.paragraphs[0] if first else container.add_paragraph()
    _plain(para, align, before=before, after=after)
    if text:
        _style_run(para.add_run(text), size=size, bold=bold, italic=italic, underline=underline)
    return para


def _rule(container: DocxDocument | _Cell, *, width_mm: float, column_mm: float) -> None:
    """A short solid rule: an empty paragraph with a bottom border, narrowed by its indents."""
    para = _plain(container.add_paragraph(), after=0)
    side = max(0.0, (column_mm - width_mm) / 2)
    para.paragraph_format.left_indent = Mm(side)
    para.paragraph_format.right_indent = Mm(side)
    para.paragraph_format.line_spacing = Pt(2)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert_element_before(borders, *_PPR_AFTER_PBDR)


def _no_borders(table: DocxTable) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.insert_element_before(borders, *_TBLPR_AFTER["w:tblBorders"])


def _fixed_table(
    doc: DocxDocument,
    rows: int,
    widths_mm: list[float],
    *,
    style: str | None = None,
    indent_mm: float | None = None,
) -> DocxTable:
    """A table of fixed column widths, centred, or starting `indent_mm` from the left margin."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    if style:
        table.style = doc.styles[style]
    else:
        _no_borders(table)
    if indent_mm is None:
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
    else:
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(round(indent_mm / 25.4 * 1440)))
        ind.set(qn("w:type"), "dxa")
        table._tbl.tblPr.insert_element_before(ind, *_TBLPR_AFTER["w:tblInd"])
    table.autofit = False  # w:tblLayout type="fixed"
    for col, width in zip(table.columns, widths_mm, strict=True):
        col.width = Mm(width)
        for cell in col.cells:
            cell.width = Mm(width)
    return table


def _header(doc: DocxDocument, spec: DocumentSpec) -> None:
    left_mm, right_mm = layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM
    table = _fixed_table(doc, 2, [left_mm, right_mm], indent_mm=-layout.HEADER_OFFSET_MM)
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    first = True
    if spec.parent_body:
        _line(agency, spec.parent_body.upper(), size=HEADER_PT, first=True)
        first = False
    _line(agency, spec.issuing_body.upper(), size=HEADER_PT, bold=True, first=first)
    width = layout.rule_width_mm(spec.issuing_body, size_pt=HEADER_PT, column_mm=left_mm - 4)
    _rule(agency, width_mm=width, column_mm=left_mm - 4)
    _line(nation, NATIONAL_NAME, size=HEADER_PT, bold=True, first=True)
    _line(nation, MOTTO, size=BODY_PT, bold=True, underline=True)
    number, date = table.cell(1, 0), table.cell(1, 1)
    _line(number, layout.number_line(spec.number), size=HEADER_PT, first=True, before=6)
    _line(
        date, vn_date_line(spec.place, spec.date), size=BODY_PT, italic=True, first=True, before=6
    )


def _title(doc: DocxDocument, spec: DocumentSpec) -> None:
    _line(doc, spec.doc_type.upper(), bold=True, before=18)
    if spec.summary:
        _line(doc, spec.summary, bold=True)
    width = layout.rule_width_mm(spec.summary or spec.doc_type, size_pt=BODY_PT, column_mm=120)
    _rule(doc, width_mm=min(width, 60), column_mm=layout.TEXT_WIDTH_MM)
    _line(doc, "", after=6)


def _recipients(doc: DocxDocument, spec: DocumentSpec) -> None:
    if not spec.recipients:
        return
    if len(spec.recipients) == 1:
        text = f"{RECIPIENTS_LABEL} {layout.closed_lines(spec.recipients)[0]}"
        _line(doc, text, after=6)
        return
    label = _line(doc, RECIPIENTS_LABEL, align=WD_ALIGN_PARAGRAPH.LEFT)
    label.paragraph_format.left_indent = Cm(3)
    for line in layout.dashed_lines(spec.recipients):
        para = _line(doc, line, align=WD_ALIGN_PARAGRAPH.LEFT)
        para.paragraph_format.left_indent = Cm(5)
    _line(doc, "", after=0)


def _paragraph(doc: DocxDocument, block: Paragraph) -> None:
    para = doc.add_paragraph()
    para.paragraph_format.alignment = _ALIGN[block.align]
    if not block.indent:
        para.paragraph_format.first_line_indent = Cm(0)
    _style_run(para.add_run(block.text), bold=block.bold, italic=block.italic)


def _heading(doc: DocxDocument, block: Heading) -> None:
    para = doc.add_paragraph()
    para.paragraph_format.keep_with_next = True
    _style_run(para.add_run(block.text), bold=True)


def _table(doc: DocxDocument, block: Table) -> None:
    count = len(block.header)
    weights = list(block.widths) if len(block.widths) == count else [1.0] * count
    total = sum(weights)
    widths = [layout.TEXT_WIDTH_MM * w / total for w in weights]
    aligns = list(block.align) if len(block.align) == count else ["left"] * count
    table = _fixed_table(doc, 1 + len(block.rows), widths, style="Table Grid")
    header_row = table.rows[0]
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(header_row.cells, block.header, strict=True):
        _line(cell, text, size=TABLE_PT, bold=True, first=True, before=2, after=2)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        for cell, text, align in zip(row.cells, values, aligns, strict=True):
            _line(cell, text, size=TABLE_PT, align=_ALIGN[align], first=True, before=2, after=2)
    _line(doc, "", after=0)


def _signer_cell(cell: _Cell, signer: Signer, pad_lines: int) -> None:
    first = True
    for text in (signer.authority, signer.title):
        if text:
            _line(cell, text.upper(), bold=True, first=first)
            first = False
    space = SIGNATURE_SPACE_PT + pad_lines * BODY_PT * 1.15
    _line(cell, signer.name, bold=True, before=space)


def _distribution(cell: _Cell | DocxDocument, spec: DocumentSpec, *, first: bool) -> None:
    left = WD_ALIGN_PARAGRAPH.LEFT
    _line(cell, DISTRIBUTION_LABEL, size=12, bold=True, italic=True, align=left, first=first)
    for line in layout.dashed_lines(spec.distribution):
        _line(cell, line, size=11, align=left)


def _signatures(doc: DocxDocument, spec: DocumentSpec) -> None:
    rows = layout.signature_rows(spec.signers)
    half = layout.TEXT_WIDTH_MM / 2
    distribution_done = False
    if rows:
        table = _fixed_table(doc, len(rows), [half, half])
        for index, row in enumerate(rows):
            left, right = table.cell(index, 0), table.cell(index, 1)
            if row.left is not None:
                _signer_cell(left, row.left.signer, row.left.pad_lines)
            elif index == 0 and spec.distribution:
                _distribution(left, spec, first=True)
                distribution_done = True
            if row.right is not None:
                _signer_cell(right, row.right.signer, row.right.pad_lines)
    if spec.distribution and not distribution_done:
        _distribution(doc, spec, first=False)


def render_docx(spec: DocumentSpec) -> bytes:
    doc = Document()
    _setup_styles(doc)
    _setup_section(doc)
    # The default template starts with no paragraph; the header table comes first.
    _header(doc, spec)
    _title(doc, spec)
    for basis in layout.closed_lines(spec.legal_bases):
        para = doc.add_paragraph()
        _style_run(para.add_run(basis), italic=True)
    _recipients(doc, spec)
    for block in spec.blocks:
        if isinstance(block, Paragraph):
            _paragraph(doc, block)
        elif isinstance(block, Heading):
            _heading(doc, block)
        else:
            _table(doc, block)
    _signatures(doc, spec)
    core = doc.core_properties
    core.title = spec.title_for_metadata or f"{spec.doc_type} {spec.summary}".strip()
    core.author = spec.issuing_body
    core.language = "vi-VN"
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


__all__ = ["render_docx"]
