"""Keys of registry lines: the folded search text and the natural key of an imported line."""

import hashlib

from thidua.core.text import fold, nfc


def record_search_key(*, subject: str, award_name: str, decision_number: str = "") -> str:
    """What a search matches: the subject's name, the award's name and the decision number,
    folded (case, diacritics, đ → d, both tone placements, NFC/NFD)."""
    return fold(f"{subject} {award_name} {decision_number}")[:400]


def record_import_key(
    *, subject_kind: str, subject_code: str, award_type: str, year: int, decision_number: str
) -> str:
    """SHA-256 of the line's natural key: subject (unit code, or person code), award, year and
    decision number (folded). Importing the same line twice finds the same key."""
    text = "|".join(
        [subject_kind, fold(subject_code), award_type, str(year), fold(nfc(decision_number))]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
