"""Search across units, people and registry lines, the way Vietnamese users type.

The query is folded with `core.text.fold` exactly as the stored `search_key` columns are (case,
diacritics, đ → d, both tone placements, NFC/NFD) and split into words; every word must start a
token of the key ("nguy" finds "Nguyễn", "1234/qd" finds "1234/QĐ-UBND"), and a one- or
two-letter word must be a whole syllable (Lê, Hà, Vũ, My). `core.search` holds the test, the
same on both databases; on PostgreSQL the GIN index on the keys' tokens (awards migration 0004)
finds a rare word's rows, and SQLite scans.

When more rows match than the page holds, the page shows the most recently entered of them
(highest ids), each kind in its own order: units and people by folded name, registry lines
newest year first. The page is sorted here, by code point, so both databases give the same rows
in the same order whatever their collation.

Per kind two to five queries (see `_hits`), on PostgreSQL up to four more (the index's reads
within their limits), plus the scoping helper's own: the number does not
grow with the data.
"""

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import OperationalError, connection, transaction
from django.db.models import CharField, Max, Model, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scope_by_province
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core import search as core_search
from thidua.org.models import Person, Unit

KINDS = ("unit", "person", "record")
MIN_WORD_LENGTH = 2
MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
DEFAULT_LIMIT = 20
MAX_LIMIT = 50
# Totals are counted up to this many; beyond it the answer is "more than TOTAL_CAP".
TOTAL_CAP = 1000
# The newest rows read first, on the primary key (see _hits): bounds the work for a common word.
RECENT_WINDOW = 20_000
# PostgreSQL: then the index's candidates among the newest this many ids (see _hits).
NEAR_WINDOW = 1_000_000
# A rare word's matches are all read (ids only) and sorted here, up to this many.
MAX_CANDIDATES = 50_000
# PostgreSQL: the index's candidates are read with this much memory (an exact bitmap rechecks
# only the candidates, a lossy one whole pages) and given up after this long.
INDEX_WORK_MEM = "64MB"
INDEX_TIMEOUT_MS = 3000
QUERY_CANCELED = "57014"

M = TypeVar("M", bound=Model)
T = TypeVar("T")
SortKey = Callable[[Any], Any]


@dataclass(frozen=True)
class Hits(Generic[M]):
    """One kind's matches: at most `limit` rows in the kind's order, and how many match.

    `total` is exact when `more` is False; when `more` is True at least `total` rows match
    (the count stopped at TOTAL_CAP, or a common word was answered from the newest rows).
    """

    items: list[M] = field(default_factory=list)
    total: int = 0
    more: bool = False


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
    """The folded, distinct words of a query (at most MAX_WORDS); see core.search."""
    return core_search.search_words(q, limit=MAX_WORDS)


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


def _scanning(qs: QuerySet[M], words: Sequence[str]) -> QuerySet[M]:
    """The words' test on an expression no index covers: the plan can only read the rows it is
    given (PostgreSQL would otherwise consult an index for a word it believes rare, reading
    millions of entries when the word is in fact common)."""
    padded = Concat(Value(" "), "search_key", Value(" "), output_field=CharField())
    return qs.annotate(_scan_key=padded).filter(core_search.words_filter(words, "_scan_key"))


def _hits(scoped: QuerySet[M], words: Sequence[str], limit: int, order: SortKey) -> Hits[M]:
    """The matches of `scoped`: every one when at most `limit`, else the `limit` most recently
    entered (highest ids), shown in `order`.

    Recent rows first: the rows among the newest RECENT_WINDOW ids are read in id order, on the
    primary key, and a word common enough to match `limit` of them is answered there. On
    PostgreSQL the token index's candidates among the newest NEAR_WINDOW ids come next, then
    all of them. Otherwise the word is rare and the token index (or SQLite's scan) finds all its
    matches, ids only, up to MAX_CANDIDATES; on PostgreSQL within INDEX_TIMEOUT_MS, else the
    page holds the newest matches found (a combination of very common words, "more" results). The rows read stay bounded whether a word is in three lines or three
    million; the exception is a word frequent in old rows and absent from the newest, which
    walks back from the newest id until it has a page. Any path gives the same answer, on both
    databases.
    """
    top = scoped.model._default_manager.aggregate(top=Max("pk"))["top"]
    if top is None:
        return Hits()
    rows: list[M] = []
    if top > RECENT_WINDOW:
        recent = _scanning(scoped.filter(pk__gt=top - RECENT_WINDOW), words).order_by("-pk")
        rows = list(recent[: limit + 1])
        if len(rows) > limit:
            return Hits(items=sorted(rows[:limit], key=order), total=limit + 1, more=True)
    matching = scoped.filter(core_search.indexed_filter(words, connection.vendor))
    if connection.vendor == "postgresql" and top > NEAR_WINDOW:
        # The index's candidates among the newest NEAR_WINDOW ids only: a combination common
        # enough to fill the page there needs no heap read of the older ones.
        near_rows = matching.filter(pk__gt=top - NEAR_WINDOW).order_by()
        near = _guarded(lambda: list(near_rows.values_list("pk", flat=True)[:MAX_CANDIDATES]))
        if near is not None and len(near) > limit:
            items = _newest(scoped, near, limit, order)
            return Hits(items=items, total=min(len(near), TOTAL_CAP), more=True)
    found = _guarded(lambda: _candidates(matching, limit))
    if found is None:  # too common a combination to read in time: the newest rows found
        return Hits(items=sorted(rows, key=order), total=len(rows), more=True)
    ids, total = found
    cap = min(TOTAL_CAP, MAX_CANDIDATES)
    return Hits(items=_newest(scoped, ids, limit, order), total=min(total, cap), more=total > cap)


def _newest(scoped: QuerySet[M], ids: Sequence[Any], limit: int, order: SortKey) -> list[M]:
    """The rows of the `limit` highest ids, in the kind's order."""
    newest = sorted(ids, reverse=True)[:limit]
    return sorted(scoped.in_bulk(newest).values(), key=order) if newest else []


def _candidates(matching: QuerySet[M], limit: int) -> tuple[list[Any], int]:
    """The ids of the matches (up to MAX_CANDIDATES + 1) and how many; past MAX_CANDIDATES only
    the newest `limit` ids, walking back from the newest."""
    ids = list(matching.order_by().values_list("pk", flat=True)[: MAX_CANDIDATES + 1])
    total = len(ids)
    if total > MAX_CANDIDATES:  # too many to sort here: walk back from the newest id
        ids = list(matching.order_by("-pk").values_list("pk", flat=True)[:limit])
    return ids, total


def _guarded(read: Callable[[], T]) -> T | None:
    """PostgreSQL: `read` with memory for an exact bitmap of the index's candidates and at most
    INDEX_TIMEOUT_MS; None when it ran out of time (the caller answers from the newest rows).
    The limits hold for this transaction only: a read inside a caller's transaction (a
    savepoint here) sets them back afterwards. SQLite: `read` as it is."""
    if connection.vendor != "postgresql":
        return read()
    nested = connection.in_atomic_block
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('work_mem'), current_setting('statement_timeout'), "
                "set_config('work_mem', %s, true), set_config('statement_timeout', %s, true)",
                [INDEX_WORK_MEM, str(INDEX_TIMEOUT_MS)],
            )
            work_mem, timeout = cursor.fetchone()[:2]
            found = read()
            if nested:
                cursor.execute(
                    "SELECT set_config('work_mem', %s, true), "
                    "set_config('statement_timeout', %s, true)",
                    [work_mem, timeout],
                )
            return found
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) != QUERY_CANCELED:
            raise
        return None


def _by_name(obj: Unit | Person) -> tuple[str, int]:
    return (obj.search_key, obj.pk)


def _newest_first(record: AwardRecord) -> tuple[int, int]:
    return (-record.year, -record.pk)


def unit_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[Unit]:
    qs = scope_by_province(Unit.objects.select_related("province"), user)
    return _hits(qs, words, limit, _by_name)


def person_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[Person]:
    qs = scope_by_province(Person.objects.select_related("unit"), user, "unit__province_id")
    return _hits(qs, words, limit, _by_name)


def record_search(*, user: Any, words: Sequence[str], limit: int) -> Hits[AwardRecord]:
    """Registry lines, newest year first; a line is visible when its unit, or its person's
    unit, is in the user's provinces."""
    qs = scope_by_province(
        AwardRecord.objects.select_related("unit", "person", "person__unit"), user
    )
    return _hits(qs, words, limit, _newest_first)


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
    found = {"limit": limit, "words": words, "user": user}
    return SearchResults(
        q=q,
        words=words,
        units=unit_search(**found) if "unit" in kinds else Hits(),
        people=person_search(**found) if "person" in kinds else Hits(),
        records=record_search(**found) if "record" in kinds else Hits(),
    )
