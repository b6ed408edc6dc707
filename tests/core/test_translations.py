"""The English catalogue is complete, compiled, and keeps every placeholder.

Run `manage.py makemessages -l en --no-wrap --no-location --no-obsolete` (from thidua/) after adding
strings, translate the new and fuzzy entries, then `make messages`; these tests fail until then.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

pytestmark = pytest.mark.unit

PO_PATH = (
    Path(__file__).resolve().parents[2] / "thidua" / "locale" / "en" / "LC_MESSAGES" / "django.po"
)
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[sdif]|%%")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def msgid(self) -> str:
        return self.fields["msgid"]

    @property
    def context(self) -> str | None:
        return self.fields.get("msgctxt")

    @property
    def plural(self) -> str | None:
        return self.fields.get("msgid_plural")

    @property
    def msgstrs(self) -> list[str]:
        if "msgstr" in self.fields:
            return [self.fields["msgstr"]]
        return [v for k, v in sorted(self.fields.items()) if k.startswith("msgstr[")]

    def __str__(self) -> str:
        where = f"django.po:{self.line}"
        return f"{where} {self.context + ' | ' if self.context else ''}{self.msgid!r}"


def _unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), body
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), body[1:-1])


def parse_po(path: Path) -> list[Entry]:
    """The active entries of a PO file (header and obsolete `#~` entries left out)."""
    entries: list[Entry] = []
    current: Entry | None = None
    key = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current = None
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            current.fields[key] += _unquote(line)
        else:
            key, _, rest = line.partition(" ")
            current.fields[key] = _unquote(rest)
    return [e for e in entries if "msgid" in e.fields and e.msgid != ""]


ENTRIES = parse_po(PO_PATH)


def test_catalogue_is_parsed():
    assert len(ENTRIES) > 1000
    assert any(e.context for e in ENTRIES)
    assert any(e.plural for e in ENTRIES)


def test_no_untranslated_entries():
    missing = [str(e) for e in ENTRIES if not e.msgstrs or any(s == "" for s in e.msgstrs)]
    assert not missing, "Untranslated entries in the English catalogue:\n" + "\n".join(missing)


def test_no_fuzzy_entries():
    fuzzy = [str(e) for e in ENTRIES if "fuzzy" in e.flags]
    assert not fuzzy, "Fuzzy entries to check in the English catalogue:\n" + "\n".join(fuzzy)


def test_placeholders_are_kept():
    wrong = []
    for entry in ENTRIES:
        if "python-format" not in entry.flags:
            continue
        expected = set(PLACEHOLDER.findall(entry.msgid)) | set(
            PLACEHOLDER.findall(entry.plural or "")
        )
        for index, msgstr in enumerate(entry.msgstrs):
            found = set(PLACEHOLDER.findall(msgstr))
            # The singular of a plural may leave the count out ("one unit").
            if found != expected and not (entry.plural and index == 0 and found <= expected):
                wrong.append(f"{entry}: {sorted(found)} ≠ {sorted(expected)}")
    assert not wrong, "Placeholders changed in translation:\n" + "\n".join(wrong)


def test_compiled_catalogue_matches_po():
    """django.mo is compiled from the current django.po (run `make messages` otherwise)."""
    stale = []
    with translation.override("en"):
        for entry in ENTRIES:
            if entry.plural is not None:
                got = [
                    translation.npgettext(entry.context, entry.msgid, entry.plural, n)
                    if entry.context
                    else translation.ngettext(entry.msgid, entry.plural, n)
                    for n in (1, 2)
                ]
            elif entry.context:
                got = [translation.pgettext(entry.context, entry.msgid)]
            else:
                got = [translation.gettext(entry.msgid)]
            if got != entry.msgstrs:
                stale.append(f"{entry}: {got!r} ≠ {entry.msgstrs!r}")
    assert not stale, "django.mo is out of date; run `make messages`:\n" + "\n".join(stale[:20])


@pytest.mark.parametrize(
    ("context", "msgid", "english"),
    [
        (None, "Hội nghị tổng kết", "Year-end meeting"),
        (None, "Ban kiểm phiếu", "Counting committee"),
        (None, "Tải biên bản kiểm phiếu (.pdf)", "Download the vote-count minutes (.pdf)"),
        (None, "Bộ quy tắc", "Rulebook"),
        ("poll kind", "Bình xét, suy tôn", "Nomination vote"),
        ("poll kind", "Bầu trưởng khối", "Bloc leader election"),
        ("ballot status", "Phiếu trắng", "Blank ballot"),
    ],
)
def test_new_strings_render_in_english(context, msgid, english):
    with translation.override("en"):
        got = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert got == english
    with translation.override("vi"):
        got = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    assert got == msgid


def test_plural_voting_string_in_english():
    msgid = "%(n)s đơn vị chưa bỏ phiếu: %(names)s."
    with translation.override("en"):
        one = translation.ngettext(msgid, msgid, 1) % {"n": 1, "names": "A"}
        two = translation.ngettext(msgid, msgid, 2) % {"n": 2, "names": "A, B"}
    assert one == "1 unit has not voted: A."
    assert two == "2 units have not voted: A, B."
