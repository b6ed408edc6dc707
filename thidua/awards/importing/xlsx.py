"""A lean .xlsx reader: sheet names and the cell values of one sheet, row by row.

openpyxl's read-only mode builds an object per cell and, for files without a <dimension> (those
openpyxl itself writes in write-only mode, such as the registry export), reads every sheet once
more just to size it; on 100,000 rows that is most of an import. This reads the same values
(what `iter_rows(values_only=True)` gives with data_only) straight from the XML with lxml:
shared and inline strings, numbers, booleans, dates by their number format, cached formula
results. It refuses what the org import refuses: over-size files, non-zip files, zips that are
not workbooks, and zip bombs.
"""

import datetime
import io
import posixpath
import zipfile
from collections.abc import Iterator
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import MAC_EPOCH, WINDOWS_EPOCH, from_excel, from_ISO8601

from thidua.org.xlsx.format import MAX_UNCOMPRESSED_FACTOR

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_ROW, _CELL, _VALUE = f"{_NS}row", f"{_NS}c", f"{_NS}v"
_INLINE, _TEXT, _RUN = f"{_NS}is", f"{_NS}t", f"{_NS}r"
_SAFE = {"resolve_entities": False, "no_network": True, "huge_tree": False}


class XlsxError(Exception):
    """The file cannot be read as a workbook; the message says why, for the user."""


def _not_xlsx() -> XlsxError:
    return XlsxError(
        _(
            "Tệp không phải là bảng tính Excel (.xlsx) hợp lệ. Hãy mở tệp bằng Excel và lưu lại "
            "với định dạng “Excel Workbook (.xlsx)”, hoặc tải tệp mẫu về để điền."
        )
    )


def _parse(stream: IO[bytes]) -> Any:
    return etree.parse(stream, etree.XMLParser(**_SAFE)).getroot()


def _text_of(element: Any) -> str:
    """A string item (<si> or <is>): its text, or its rich-text runs; phonetic hints left out."""
    if len(element) == 1 and element[0].tag == _TEXT:
        return element[0].text or ""  # the usual case: a single <t>
    texts = [t.text or "" for t in element.iterchildren(_TEXT)]
    texts += [t.text or "" for run in element.iterchildren(_RUN) for t in run.iterchildren(_TEXT)]
    return "".join(texts)


class Sheet:
    def __init__(self, book: "Workbook", title: str, path: str) -> None:
        self.book, self.title, self.path = book, title, path

    @property
    def max_row(self) -> int:
        """The last row the sheet's <dimension> names (0 when it names none)."""
        with self.book.archive.open(self.path) as source:
            for _event, element in etree.iterparse(source, events=("start",), **_SAFE):
                if element.tag == f"{_NS}dimension":
                    last = (
                        (element.get("ref") or "")
                        .rpartition(":")[2]
                        .lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                    )
                    return int(last) if last.isdigit() else 0
                if element.tag == f"{_NS}sheetData":
                    return 0
        return 0

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        """(Excel row number, cell values) of the rows present in the XML, in order."""
        columns: dict[str, int] = {}
        with self.book.archive.open(self.path) as source:
            number = 0
            for _event, row in etree.iterparse(source, tag=_ROW, **_SAFE):
                number = int(row.get("r") or number + 1)
                values: list[Any] = []
                for cell in row.iterchildren(_CELL):
                    ref = cell.get("r")
                    if ref:
                        letters = ref.rstrip("0123456789")
                        index = columns.get(letters) or columns.setdefault(
                            letters, column_index_from_string(letters)
                        )
                        values.extend([None] * (index - 1 - len(values)))
                    values.append(self.book.value(cell))
                row.clear()
                while row.getprevious() is not None:
                    del row.getparent()[0]
                yield number, tuple(values)


class Workbook:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        root = _parse(archive.open("xl/workbook.xml"))
        properties = root.find(f"{_NS}workbookPr")
        date1904 = properties is not None and properties.get("date1904") in ("1", "true")
        self.epoch: datetime.datetime = MAC_EPOCH if date1904 else WINDOWS_EPOCH
        targets = self._targets()
        self.sheets = [
            Sheet(self, s.get("name") or "", targets[s.get(f"{_REL_NS}id") or ""])
            for s in root.iter(f"{_NS}sheet")
        ]
        self.strings = self._strings()
        self.date_styles = self._date_styles()

    @property
    def sheetnames(self) -> list[str]:
        return [s.title for s in self.sheets]

    def _targets(self) -> dict[str, str]:
        root = _parse(self.archive.open("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in root.iter(_PKG_REL):
            target = rel.get("Target") or ""
            path = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id") or ""] = posixpath.normpath(path)
        return targets

    def _part(self, name: str) -> IO[bytes] | None:
        return self.archive.open(name) if name in self.archive.namelist() else None

    def _strings(self) -> list[str]:
        source = self._part("xl/sharedStrings.xml")
        if source is None:
            return []
        with source:
            strings = []
            for _event, item in etree.iterparse(source, tag=f"{_NS}si", **_SAFE):
                strings.append(_text_of(item))
                item.clear()
            return strings

    def _date_styles(self) -> set[int]:
        source = self._part("xl/styles.xml")
        if source is None:
            return set()
        with source:
            root = _parse(source)
        formats: dict[int, str] = dict(BUILTIN_FORMATS)
        for fmt in root.iter(f"{_NS}numFmt"):
            formats[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode") or ""
        cell_xfs = root.find(f"{_NS}cellXfs")
        styles = [] if cell_xfs is None else cell_xfs.iterchildren(f"{_NS}xf")
        return {
            index
            for index, xf in enumerate(styles)
            if is_date_format(formats.get(int(xf.get("numFmtId", "0")), ""))
        }

    def value(self, cell: Any) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(_INLINE)
            return None if inline is None else _text_of(inline)
        value = cell.findtext(_VALUE)
        if not value:
            return None  # empty, or a formula without a cached result
        if kind == "n":
            number = float(value) if "." in value or "E" in value or "e" in value else int(value)
            if int(cell.get("s", 0)) in self.date_styles:
                try:
                    return from_excel(number, self.epoch)
                except (OverflowError, ValueError):
                    return value
            return number
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return value == "1"
        if kind == "d":
            return from_ISO8601(value)
        return value  # "str" (a formula's text), "e" (an error such as #N/A)

    def sheet(self, wanted: str, key: Any) -> Sheet | None:
        """The sheet whose name matches `wanted` under `key` (e.g. folded)."""
        return next((s for s in self.sheets if key(s.title) == key(wanted)), None)


def open_workbook(data: bytes) -> Workbook:
    """The workbook in `data`; XlsxError (with the user's message) when it cannot be one."""
    limit = int(settings.IMPORT_MAX_BYTES)
    if len(data) > limit:
        raise XlsxError(
            _("Tệp quá lớn (%(size)s MB); dung lượng tối đa là %(max)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "max": round(limit / 1024 / 1024, 1)}
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _not_xlsx()
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise _not_xlsx()
        if sum(info.file_size for info in archive.infolist()) > limit * MAX_UNCOMPRESSED_FACTOR:
            raise XlsxError(_("Tệp nén chứa dữ liệu quá lớn, không thể đọc."))
        return Workbook(archive)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError,
            etree.LxmlError):  # fmt: skip
        raise _not_xlsx() from None
