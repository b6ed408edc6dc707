"""Decisions shared by the .docx and PDF renderers: punctuation of lists, the number line,
how signature blocks pair up. Pure functions of the spec."""

from __future__ import annotations

from dataclasses import dataclass

from thidua.documents.phrases import NUMBER_PREFIX
from thidua.documents.spec import Signer

# Decree 30 margins (mm) and the A4 page: the text column is 210 - 30 - 15 = 165 mm wide.
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 15.0
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM
# The header table: agency column on the left, national name and motto on the right. It starts
# 5 mm into the 30 mm left margin, as the Word forms of Appendix I do, so that long agency names
# wrap less; the national name needs about 97 mm at 13 pt bold.
HEADER_OFFSET_MM = 5.0
HEADER_LEFT_MM = 68.0
HEADER_RIGHT_MM = TEXT_WIDTH_MM + HEADER_OFFSET_MM - HEADER_LEFT_MM
FIRST_LINE_INDENT_CM = 1.27

_END_MARKS = ";.,:"


def number_line(number: str) -> str:
    """ "Số: 01/BB-KTĐ" as given; a bare "01/BB-KTĐ" gets the prefix; "" leaves room to write
    the number by hand."""
    text = number.strip()
    if not text:
        return f"{NUMBER_PREFIX}      /"
    if text.startswith(NUMBER_PREFIX):
        return number.rstrip()
    return f"{NUMBER_PREFIX} {text}"


def _ended(text: str, mark: str) -> str:
    return text.rstrip().rstrip(_END_MARKS).rstrip() + mark


def closed_lines(items: tuple[str, ...]) -> list[str]:
    """Each line ends with ";" and the last with "." (legal bases)."""
    return [_ended(item, "." if i == len(items) - 1 else ";") for i, item in enumerate(items)]


def dashed_lines(items: tuple[str, ...]) -> list[str]:
    """ "- item;" lines, the last ending with "." (recipients, distribution)."""
    lines = []
    for line in closed_lines(items):
        body = line.lstrip()
        lines.append(body if body.startswith("-") else f"- {body}")
    return lines


@dataclass(frozen=True)
class SignerCell:
    signer: Signer
    # Empty lines after the title so that names in one row line up when only one signer
    # has an authority line ("TM. …").
    pad_lines: int


@dataclass(frozen=True)
class SignatureRow:
    left: SignerCell | None
    right: SignerCell | None


def _header_lines(signer: Signer) -> int:
    return 2 if signer.authority else 1


def signature_rows(signers: tuple[Signer, ...]) -> list[SignatureRow]:
    """One signer: right column. Two: left and right. More: rows of two, an odd one last on
    the right."""
    if not signers:
        return []
    if len(signers) == 1:
        return [SignatureRow(None, SignerCell(signers[0], 0))]
    rows = []
    for start in range(0, len(signers), 2):
        pair = signers[start : start + 2]
        tallest = max(_header_lines(s) for s in pair)
        cells = [SignerCell(s, tallest - _header_lines(s)) for s in pair]
        if len(cells) == 2:
            rows.append(SignatureRow(cells[0], cells[1]))
        else:
            rows.append(SignatureRow(None, cells[0]))
    return rows


def rule_width_mm(text: str, *, size_pt: float, column_mm: float) -> float:
    """A rule about 40 % of the estimated width of the text's longest line (Decree 30: 1/3 to
    1/2), for .docx where the line width is not known. Caps of Times bold average ~0.68 em."""
    longest_mm = len(text) * size_pt * 0.68 * 0.3528
    return max(15.0, min(longest_mm, column_mm) * 0.4)


__all__ = [
    "FIRST_LINE_INDENT_CM",
    "HEADER_LEFT_MM",
    "HEADER_OFFSET_MM",
    "HEADER_RIGHT_MM",
    "SignatureRow",
    "SignerCell",
    "closed_lines",
    "dashed_lines",
    "number_line",
    "rule_width_mm",
    "signature_rows",
]
