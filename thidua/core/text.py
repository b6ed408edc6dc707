"""Vietnamese text helpers: NFC storage and diacritic-free search keys."""

import unicodedata

# Unicode does not decompose đ/Đ, so NFD + dropping combining marks leaves them intact.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "d", "ð": "d"})


def nfc(value: str) -> str:
    """Store text NFC-normalised with surrounding whitespace trimmed and inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def fold(value: str) -> str:
    """A search key: lower case, no diacritics, đ → d, single spaces.

    Both tone-mark placements (hoà / hòa) and NFC/NFD input fold to the same key.
    """
    decomposed = unicodedata.normalize("NFKD", value.casefold().translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(
        unicodedata.normalize("NFC", stripped).casefold().translate(_EXTRA_FOLDS).split()
    )
