import io

import pytest

from tests.scoring.conftest import docx_bytes, pdf_bytes, png_bytes
from thidua.scoring.validators import (
    DOC,
    DOCX,
    JPEG,
    PDF,
    PNG,
    XLS,
    XLSX,
    sanitize_filename,
    sniff_content_type,
)

pytestmark = pytest.mark.unit

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
DOCM_MAIN = "application/vnd.ms-word.document.macroEnabled.main+xml"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", pdf_bytes(), PDF),
        ("a.png", png_bytes(), PNG),
        ("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, JPEG),
        ("a.docx", docx_bytes(), DOCX),
        ("a.xlsx", docx_bytes(main=XLSX_MAIN), XLSX),
        ("renamed.pdf", docx_bytes(), DOCX),
        ("a.doc", OLE2, DOC),
        ("a.xls", OLE2, XLS),
        ("a.msi", OLE2, None),
        ("a.docm", docx_bytes(main=DOCM_MAIN), None),
        ("a.zip", b"PK\x03\x04not-really-a-zip", None),
        ("a.pdf", b"MZ\x90\x00", None),
        ("a.png", b"<html><body>x</body></html>", None),
        ("a.pdf", b"\x7fELF\x02\x01\x01", None),
    ],
)
def test_sniff_content_type_by_content(name, content, expected):
    assert sniff_content_type(io.BytesIO(content), name=name) == expected


@pytest.mark.parametrize(
    ("name", "extension", "expected"),
    [
        ("Báo cáo tổng kết.pdf", "pdf", "Bao_cao_tong_ket.pdf"),
        ("Đề án ĐẶC BIỆT.docx", "docx", "De_an_DAC_BIET.docx"),
        ("../../etc/passwd", "png", "passwd.png"),
        ("C:\\Users\\x\\ảnh.JPG", "jpg", "anh.jpg"),
        ("...", "pdf", "minh-chung.pdf"),
        ("a<script>.pdf", "pdf", "a-script.pdf"),
        ("x" * 300 + ".pdf", "pdf", "x" * 80 + ".pdf"),
        ("bang-diem.xlsx", "", "bang-diem.xlsx"),
    ],
)
def test_sanitize_filename_safe(name, extension, expected):
    assert sanitize_filename(name, extension=extension) == expected
