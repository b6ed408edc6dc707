"""poppler-utils helpers for asserting on rendered PDFs.

The tools are required in CI (CI=true); elsewhere the PDF tests skip when they are missing.
"""

import os
import shutil
import subprocess
import tempfile

import pytest

HAVE_POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo"))

needs_poppler = pytest.mark.skipif(
    not HAVE_POPPLER and os.environ.get("CI") != "true",
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed: apt-get install "
    "poppler-utils; required when CI=true",
)


def _run(tool: list[str], pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        done = subprocess.run(
            [*tool, handle.name, *(["-"] if tool[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
        )
    return done.stdout.decode("utf-8")


def pdf_text(pdf: bytes, *, page: int | None = None) -> str:
    """`pdftotext -layout` of the whole document or of one page."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return _run(["pdftotext", "-layout", *pages], pdf)


def pdf_fonts(pdf: bytes) -> list[dict[str, str]]:
    """The rows of `pdffonts`: name, type and whether the font is embedded."""
    lines = _run(["pdffonts"], pdf).splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type... encoding emb sub uni id gen: the three flags sit before the object id.
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def pdf_info(pdf: bytes) -> dict[str, str]:
    info = {}
    for line in _run(["pdfinfo"], pdf).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info
