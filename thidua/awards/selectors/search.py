"""Search across units, people and registry lines, the way Vietnamese users type.

The query is folded with `core.text.fold` exactly as the stored `search_key` columns are (case,
diacritics, đ → d, both tone placements, NFC/NFD), split into words (a "quoted phrase" is one
word), and every word must occur in the key: a word of three letters or more anywhere
(`search_key LIKE '%nguy%'`), a one- or two-letter word as a whole syllable (Lê, Hà, Vũ, My:
as a substring "ha" would be in most names). Case-sensitive lookups are enough because both
sides are folded, and they let PostgreSQL use the trigram GIN indexes of awards migration 0003
(pg_trgm indexes a syllable bounded by spaces too); an `ILIKE`/`UPPER()` lookup would not match
the index. SQLite scans. Both give the same rows in the same order: keys are plain ASCII-ish
text ordered by code point.

At most two queries per kind (the page, and a capped count only when the page is full), plus the
scoping helper's own: the number does not grow with the data.
"""

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scope_by_province, visible_province_ids
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core.text import fold
from thidua.org.models import Person, Unit

KINDS = ("unit", "person", "record")
MIN_WORD_LENGTH = 2
# Words this short are whole syllables (see word_condition).
SHORT_WORD_LENGTH = 2
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
DEFAULT_LIMIT = 20
MAX_LIMIT = 50
# Totals are counted up to this many; beyond it the answer is "more than TOTAL_CAP" (a common
# word such as "nguyen" matches millions of registry lines, and counting them all is not free).
TOTAL_CAP = 1000

M = TypeVar("M", bound=Model)
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_WORD = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True)
class Hits(Generic[M]):
    """One kind's matches: the first `limit` rows, the total (capped) and whether it is capped."""

    items: list[M] = field(default_factory=list)
    total: int = 0
    more: bool = False  # more than `total` rows match (total == TOTAL_CAP)


@dataclass(frozen=True)
class SearchResults:
    q: str
    words: tuple[str, ...] = ()
    units: Hits[Unit] = field(default_factory=Hits)
    people: Hits[Person] = field(default_factory=Hits)
    records: Hits[AwardRecord] = field(default_factory=Hits)
    # Why nothing was searched (query empty, too short or too long); "" when it ran.
    hint: str = ""

    @property
    def searched(self) -> bool:
        return bool(self.words)

    @property
    def total(self) -> int:
        return self.units.total + self.people.total + self.records.total


def search_words(q: str) -> tuple[str, ...]:
    """The folded, distinct words of a query; a "quoted phrase" counts as one word.

    NUL and other control characters count as spaces.
    """
    cleaned = "".join(ch if ch.isprintable() else " " for ch in q).translate(_QUOTES)
    words: dict[str, None] = {}
    for phrase, word in _WORD.findall(fold(cleaned)):
        if key := " ".join(phrase.split()) or word.strip('"'):
            words[key] = None
    return tuple(words)[:MAX_WORDS]


def search_hint(q: str, words: Sequence[str]) -> str:
    """Why a query is not searched; "" when it is."""
    if len(q) > MAX_QUERY_LENGTH:
        return _("Từ khoá dài quá %(max)d ký tự.") % {"max": MAX_QUERY_LENGTH}
    if not any(len(w) >= MIN_WORD_LENGTH for w in words):
        return _("Nhập ít nhất %(min)d ký tự để tìm kiếm.") % {"min": MIN_WORD_LENGTH}
    return ""


@functools.cache
def award_names() -> dict[str, str]:
    """Award type code → name from the catalogue (the rulebook is read once and cached)."""
    return {a.code: a.name for a in load_rulebook().award_types()}


def award_name(code: str) -> str:
    return award_names().get(code, code)


def word_condition(word: str) -> Q:
    """A word of three characters or more matches anywhere in the key ("nguy" finds "nguyen");
    a shorter word made of letters is a whole syllable ("ha" finds "Hà", not "Thanh")."""
    if len(word) > SHORT_WORD_LENGTH or not word.isalpha():
        return Q(search_key__contains=word)
    return (
        Q(search_key=word)
        | Q(search_key__startswith=f"{word} ")
        | Q(search_key__endswith=f" {word}")
        | Q(search_key__contains=f" {word} ")
    )


def _matching(words: Sequence[str]) -> Q:
    condition = Q()
    for word in words:
        condition &= word_condition(word)
    return condition


def _hits(qs: QuerySet[M], limit: int) -> Hits[M]:
    """The first `limit` rows; the capped count only when there may be more."""
    rows = list(qs[: limit + 1])
    if len(rows) <= limit:
        return Hits(items=rows, total=len(rows))
    total = qs.order_by()[: TOTAL_CAP + 1].count()
    return Hits(items=rows[:limit], total=min(total, TOTAL_CAP), more=total > TOTAL_CAP)


def unit_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[Unit]:
    qs = scope_by_province(Unit.objects.select_related("province"), user)
    return _hits(qs.filter(_matching(words)).order_by("search_key", "id"), limit)


def person_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[Person]:
    qs = scope_by_province(Person.objects.select_related("unit"), user, "unit__province_id")
    return _hits(qs.filter(_matching(words)).order_by("search_key", "id"), limit)


def record_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[AwardRecord]:
    """Registry lines, newest year first; a line is visible when its unit, or its person's
    unit, is in the user's provinces."""
    qs = AwardRecord.objects.select_related("unit", "person", "person__unit")
    ids = visible_province_ids(user)
    if ids is not None:
        qs = qs.filter(Q(unit__province_id__in=ids) | Q(person__unit__province_id__in=ids))
    return _hits(qs.filter(_matching(words)).order_by("-year", "-id"), limit)


def search(
    *,
    user: Any,
    q: str,
    kinds: Sequence[str] = KINDS,
    limit: int = DEFAULT_LIMIT,
) -> SearchResults:
    """Units, people and registry lines in the user's provinces whose folded key contains every
    word of `q`. An empty, one-character or over-long query searches nothing and says why."""
    words = search_words(q)
    hint = search_hint(q, words)
    if hint:
        return SearchResults(q=q, hint=hint)
    limit = max(1, min(limit, MAX_LIMIT))
    return SearchResults(
        q=q,
        words=words,
        units=unit_search(user=user, words=words, limit=limit) if "unit" in kinds else Hits(),
        people=person_search(user=user, words=words, limit=limit) if "person" in kinds else Hits(),
        records=(
            record_search(user=user, words=words, limit=limit) if "record" in kinds else Hits()
        ),
    )
