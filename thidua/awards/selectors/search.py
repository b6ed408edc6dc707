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
import re
from collections.abc import Callable, Collection, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import OperationalError, connection, transaction
from django.db.models import (
    CharField,
    ExpressionWrapper,
    F,
    IntegerField,
    Max,
    Model,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Concat
from django.utils.translation import gettext as _

from thidua.accounts.scoping import scope_by_province, visible_province_ids
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import load_rulebook
from thidua.core import search as core_search
from thidua.core.text import fold
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
# … widened, when it holds a few matches, to as many rows as their rate says fill the page (times
# a margin), at most this many: scanning them costs less than the token index's candidates of
# two common words (a "hoà số 9": 250–600 ms at 10 M lines, against 60–120 ms for 200,000 rows).
MAX_RECENT_WINDOW = 200_000
WIDER_MARGIN = 1.5
# PostgreSQL: then the index's candidates among the newest this many ids (units and people), or
# in the newest NEWEST_BLOCKS blocks of ids (registry lines; core.search.BLOCK_BITS).
NEAR_WINDOW = 1_000_000
NEWEST_BLOCKS = 3
# A rare word's matches are all read (ids only) and sorted here, up to this many.
MAX_CANDIDATES = 50_000
# PostgreSQL: the index's candidates are read with this much memory (an exact bitmap rechecks
# only the candidates, a lossy one whole pages) and given up after this long.
INDEX_WORK_MEM = "64MB"
INDEX_TIMEOUT_MS = 3000
QUERY_CANCELED = "57014"
# PostgreSQL: registry lines are found through their subjects (see `_lines_by_subject`) when at
# most this many people, and as many units, hold the words only a name can hold.
MAX_SUBJECTS = 2_000
# … and, when another word is to be checked on their lines, at most this many units (each has
# many lines, read from the index and tested there).
MAX_UNITS_FILTERED = 1_000
# … and a word some decision number may hold is tested on their lines against the numbers holding
# it, at most this many.
MAX_NUMBERS = 5_000
# Whether the names are too common is judged first on this many newest rows of the table.
NAME_SAMPLE = 5_000
# PostgreSQL: registry lines are found through their decision numbers (see
# `_lines_by_decision`) when at most this many numbers hold the words.
MAX_DECISIONS = 200
# The token entries of a decision number (awards migrations 0004 and 0009).
TOKENS_NUMBER = "thidua_search_tokens(thidua_fold(number))"
_TOKEN = re.compile(r"[a-z0-9]+")

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


def _scanning(
    qs: QuerySet[M], words: Sequence[str], lasts: Sequence[bool] | None = None
) -> QuerySet[M]:
    """The words' test on an expression no index covers: the plan can only read the rows it is
    given (PostgreSQL would otherwise consult an index for a word it believes rare, reading
    millions of entries when the word is in fact common)."""
    padded = Concat(Value(" "), "search_key", Value(" "), output_field=CharField())
    return qs.annotate(_scan_key=padded).filter(core_search.words_filter(words, "_scan_key", lasts))


def _hits(scoped: QuerySet[M], words: Sequence[str], limit: int, order: SortKey) -> Hits[M]:
    """The matches of `scoped`: every one when at most `limit`, else the `limit` most recently
    entered (highest ids), shown in `order`.

    Recent rows first: the rows among the newest RECENT_WINDOW ids are read in id order, on the
    primary key, and a word common enough to match `limit` of them is answered there; when they
    hold a few, a wider window as their rate says. On PostgreSQL the token index's candidates
    among the newest NEAR_WINDOW ids come next when that is at most half the table (registry
    lines: the newest blocks of ids, see `_by_blocks`), then all of them. Otherwise the word is
    rare and the token index (or SQLite's scan) finds all its matches, ids only, up to
    MAX_CANDIDATES; on PostgreSQL within INDEX_TIMEOUT_MS, else the page holds the newest
    matches found (a combination of very common words, "more" results). The rows read stay
    bounded whether a word is in three lines or three million; the exception is a word
    frequent in old rows and absent from the newest, which walks back from the newest id until
    it has a page. Any path gives the same answer, on both databases.
    """
    top = _top(scoped.model)
    if top is None:
        return Hits()
    found, rows = _recent(scoped, words, limit, order, top)
    if found is None:
        found, rows = _wider(scoped, words, limit, order, top, rows)
    if found is not None:
        return found
    return _indexed(scoped, words, limit, order, top, rows)


# The highest id of each model, read once per search (`search` sets the dictionary).
_TOPS: ContextVar[dict[type[Model], int | None] | None] = ContextVar("search_tops", default=None)


def _top(model: type[Model]) -> int | None:
    """The model's highest id (None for an empty table), once per search."""
    tops = _TOPS.get()
    if tops is not None and model in tops:
        return tops[model]
    top = model._default_manager.aggregate(top=Max("pk"))["top"]
    if tops is not None:
        tops[model] = top
    return top


def _recent(
    scoped: QuerySet[M], words: Sequence[str], limit: int, order: SortKey, top: int
) -> tuple[Hits[M] | None, list[M]]:
    """The page when the rows among the newest RECENT_WINDOW ids fill it, else None and the
    matches found there."""
    if top <= RECENT_WINDOW:
        return None, []
    recent = _scanning(scoped.filter(pk__gt=top - RECENT_WINDOW), words).order_by("-pk")
    return _page(list(recent[: limit + 1]), limit, order)


def _wider(
    scoped: QuerySet[M],
    words: Sequence[str],
    limit: int,
    order: SortKey,
    top: int,
    rows: list[M],
) -> tuple[Hits[M] | None, list[M]]:
    """When the newest RECENT_WINDOW rows hold a few matches (`rows`) and their rate says a
    window of at most MAX_RECENT_WINDOW rows fills the page (times a margin), the older rows of
    that window: the page when they fill it, else None and every match found. A rarer
    combination is answered at once by the token index; scanning for it would be time lost."""
    if not rows or top <= RECENT_WINDOW:
        return None, rows
    wider = _wider_window(len(rows), limit)
    if wider > MAX_RECENT_WINDOW:
        return None, rows
    older = scoped.filter(pk__gt=top - wider, pk__lte=top - RECENT_WINDOW)
    more = list(_scanning(older, words).order_by("-pk")[: limit + 1 - len(rows)])
    return _page(rows + more, limit, order)


def _wider_window(found: int, limit: int) -> int:
    """The rows that hold a page of matches at the rate of `found` in RECENT_WINDOW, with the
    margin."""
    return int(RECENT_WINDOW * (limit + 1) / found * WIDER_MARGIN)


def _page(rows: list[M], limit: int, order: SortKey) -> tuple[Hits[M] | None, list[M]]:
    if len(rows) > limit:
        return Hits(items=sorted(rows[:limit], key=order), total=limit + 1, more=True), rows
    return None, rows


def _indexed(
    scoped: QuerySet[M],
    words: Sequence[str],
    limit: int,
    order: SortKey,
    top: int,
    rows: list[M],
    *,
    blocks: bool = False,
) -> Hits[M]:
    """The matches through the token index (PostgreSQL) or a scan (SQLite); `rows` are those
    among the newest ids, the answer when the index gives up. With `blocks` (registry lines,
    PostgreSQL) the newest blocks of ids are asked first (`_by_blocks`)."""
    matching = scoped.filter(core_search.indexed_filter(words, connection.vendor))
    if blocks and connection.vendor == "postgresql":
        by_blocks = _by_blocks(scoped, words, limit, order, top)
        if by_blocks is not None:
            return by_blocks
    elif connection.vendor == "postgresql" and top > 2 * NEAR_WINDOW:
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


def _by_blocks(
    scoped: QuerySet[M], words: Sequence[str], limit: int, order: SortKey, top: int
) -> Hits[M] | None:
    """The matches among the newest NEWEST_BLOCKS blocks of ids, through the block-tagged token
    index (awards migration 0012), newest block first: the page when they hold more than
    `limit` (or every match, when they are the whole table); None otherwise, or when the index
    gives up or the words give it no entry (the caller asks the whole index).

    A block's posting lists are a tenth of the whole index's at ten million lines: two common
    words whose combination fills a page among the newest lines cost a few milliseconds."""
    lasts = core_search.lasts_of(words)
    if not core_search.token_query(words, lasts):
        return None
    candidates = scoped.filter(core_search.words_filter(words)).order_by()
    newest = core_search.block_of(top)
    oldest = max(0, newest - NEWEST_BLOCKS + 1)

    def read() -> tuple[list[Any], bool] | None:
        """The ids found, and whether they are every match; None to give up."""
        ids: list[Any] = []
        for block in range(newest, oldest - 1, -1):
            tsquery = core_search.token_query(words, lasts, block=block)
            in_block = candidates.filter(core_search.TokensMatch(tsquery, by_block=True))
            found = list(in_block.values_list("pk", flat=True)[: MAX_CANDIDATES + 1])
            if len(found) > MAX_CANDIDATES:  # not all of the block's: maybe not its newest
                return None
            ids += found
            if len(ids) > limit:
                return ids, block == 0
        return (ids, True) if oldest == 0 else None

    found = _guarded(read)
    if found is None:
        return None
    ids, every = found
    return Hits(
        items=_newest(scoped, ids, limit, order),
        total=min(len(ids), TOTAL_CAP),
        more=not every or len(ids) > TOTAL_CAP,
    )


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
    return _record_search(user=user, words=words, limit=limit)[0]


def _record_search(
    *, user: Any, words: Sequence[str], limit: int
) -> tuple[Hits[AwardRecord], list[int] | None]:
    """`record_search`, and when the lines were found through their subjects (PostgreSQL), the
    ids of the people whose names hold every word: the people's search, already done."""
    lines = AwardRecord.objects.select_related("unit", "person", "person__unit")
    if connection.vendor != "postgresql":
        return _hits(scope_by_province(lines, user), words, limit, _newest_first), None
    # The province is checked on the rows read, never through its index: a province holds a
    # third of the registry, and a bitmap of its millions of rows ANDed with the token index's
    # costs more than the whole search (the planner takes it when the words are common).
    qs = scope_by_province(
        lines.alias(scope_province=ExpressionWrapper(F("province_id") + 0, IntegerField())),
        user,
        "scope_province",
    )
    top = _top(AwardRecord)
    if top is None:
        return Hits(), None
    found, rows = _recent(qs, words, limit, _newest_first, top)
    if found is not None:
        return found, None
    if not any(" " in w or not _TOKEN.search(w) for w in words):
        # A quoted phrase may span the parts of a key; a word of no token matches anything.
        vocabulary = _decision_vocabulary(words, core_search.lasts_of(words))
        by_subject = _lines_by_subject(qs, user, words, limit, vocabulary)
        if by_subject is not None:
            return by_subject
        by_decision = _lines_by_decision(qs, user, words, limit, vocabulary)
        if by_decision is not None:
            return by_decision, None
    # The subjects' and the decisions' paths did not apply: a wider window of the newest rows
    # costs less than the token index's candidates when the words are common.
    found, rows = _wider(qs, words, limit, _newest_first, top, rows)
    if found is not None:
        return found, None
    return _indexed(qs, words, limit, _newest_first, top, rows, blocks=True), None


def _people_named(*, user: Any, ids: Sequence[int], limit: int) -> Hits[Person]:
    """`person_search`'s answer from the ids of every match."""
    qs = scope_by_province(Person.objects.select_related("unit"), user, "unit__province_id")
    return Hits(
        items=_newest(qs, ids, limit, _by_name),
        total=min(len(ids), TOTAL_CAP),
        more=len(ids) > TOTAL_CAP,
    )


@functools.cache
def award_keys(subject: str) -> dict[str, str]:
    """Award type code → its folded name, as registry lines' search keys hold it, of the award
    types for `subject` ("individual" or "collective")."""
    return {a.code: fold(a.name) for a in load_rulebook().award_types() if a.subject == subject}


@dataclass(frozen=True)
class _Word:
    word: str
    last: bool
    pattern: re.Pattern[str]
    # The award types whose name holds the word, and whether some decision number may.
    awards: frozenset[str]
    in_decisions: bool

    def in_names_only(self) -> bool:
        """Only a subject's name can hold the word (in lines of this kind of subject)."""
        return not self.awards and not self.in_decisions


def _decision_vocabulary(words: Sequence[str], lasts: Sequence[bool]) -> set[str]:
    """The tokens of decision numbers (awards migration 0008) among the words' tokens, and
    those a half-typed last token begins."""
    whole: set[str] = set()
    prefixes: set[str] = set()
    for word, last in zip(words, lasts, strict=True):
        for match in _TOKEN.finditer(word):
            if core_search.is_whole(word, last=last) or match.end() < len(word):
                whole.add(match.group())
            else:
                prefixes.add(match.group() + "%")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT token FROM thidua_decision_tokens WHERE token = ANY(%s) OR token LIKE ANY(%s)",
            [sorted(whole), sorted(prefixes)],
        )
        return {row[0] for row in cursor.fetchall()}


def _in_decisions(word: str, last: bool, vocabulary: set[str]) -> bool:
    """Whether some decision number may hold the word: each of its tokens is a token of one
    (the trailing token of a half-typed last word, the start of one)."""
    for match in _TOKEN.finditer(word):
        token = match.group()
        if core_search.is_whole(word, last=last) or match.end() < len(word):
            if token not in vocabulary:
                return False
        elif not any(v.startswith(token) for v in vocabulary):
            return False
    return True


def _classify(words: Sequence[str], subject: str, vocabulary: set[str]) -> list[_Word]:
    """Each word with the award types for `subject` whose names hold it, and whether some
    decision number may."""
    out = []
    for word, last in zip(words, core_search.lasts_of(words), strict=True):
        pattern = re.compile(core_search.word_pattern(word, last=last))
        awards = frozenset(c for c, key in award_keys(subject).items() if pattern.search(key))
        out.append(_Word(word, last, pattern, awards, _in_decisions(word, last, vocabulary)))
    return out


def _named(qs: QuerySet[Any], words: Sequence[_Word], name: str) -> dict[int, str] | None:
    """Id → folded name (from the column `name`) of the rows of `qs` whose name holds every
    word (the token index finds candidates by their search key, the name decides); None past
    MAX_SUBJECTS."""
    condition = core_search.indexed_filter(
        [w.word for w in words], connection.vendor, lasts=[w.last for w in words]
    )
    top = _top(qs.model) or 0
    if top > NAME_SAMPLE:  # a common name would read a long posting list: judge on a sample
        sample = _scanning(
            qs.filter(pk__gt=top - NAME_SAMPLE), [w.word for w in words], [w.last for w in words]
        )
        if sample.count() * top / NAME_SAMPLE > MAX_SUBJECTS:
            return None
    rows = list(qs.filter(condition).order_by().values_list("pk", name)[: MAX_SUBJECTS + 1])
    if len(rows) > MAX_SUBJECTS:
        return None
    # A person's key is their folded name (org.services.person); a unit's holds its code too.
    names = dict(rows) if name == "search_key" else {pk: fold(text) for pk, text in rows}
    return {pk: key for pk, key in names.items() if all(w.pattern.search(key) for w in words)}


def _lines_by_subject(
    scoped: QuerySet[AwardRecord],
    user: Any,
    words: Sequence[str],
    limit: int,
    vocabulary: set[str],
) -> tuple[Hits[AwardRecord], list[int]] | None:
    """PostgreSQL: the registry lines matching `words`, found through their subjects, and the
    ids of the people whose names hold every word; None when the words do not allow it (the
    caller takes the general path).

    A line's key is its subject's name, its award's name and its decision number
    (`awards.keys.record_search_key`; services keep it in step with the subject's name). A word
    that no award name for the line's kind of subject holds (individual awards for people,
    collective ones for units) and no decision number may hold can only match the subject's
    name: the people and units whose names hold all such words are found in their own, much
    smaller tables, and their lines are read newest first from `awards_rec_person_ids` /
    `awards_rec_unit_ids` without touching the registry's rows. Each other word holds for a line
    whose award's name holds it, or whose subject's name does, or (when some decision number
    may hold it) whose key does. Same lines as the general path.
    """
    people = _classify(words, "individual", vocabulary)
    units = _classify(words, "collective", vocabulary)
    people_only = [w for w in people if w.in_names_only()]
    units_only = [w for w in units if w.in_names_only()]
    if not people_only or not units_only:
        return None
    found = _guarded(
        lambda: (
            _named(
                scope_by_province(Person.objects.all(), user, "unit__province_id"),
                people_only,
                "search_key",
            ),
            _named(scope_by_province(Unit.objects.all(), user), units_only, "name"),
        )
    )
    if found is None or found[0] is None or found[1] is None:
        return None
    plans = (
        ("person_id", found[0], [w for w in people if not w.in_names_only()]),
        ("unit_id", found[1], [w for w in units if not w.in_names_only()]),
    )
    provinces = visible_province_ids(user)
    for column, subjects, others in plans:
        if column == "unit_id" and others and len(subjects) > MAX_UNITS_FILTERED:
            return None
    numbers: dict[str, list[str]] = {}
    for w in {w for _c, subjects, others in plans if subjects for w in others if w.in_decisions}:
        held = _numbers_holding(w)
        if held is None:
            return None
        numbers[w.word] = held
    ids: list[int] = []
    total = 0
    for column, subjects, others in plans:
        if subjects:
            page, count = _subject_lines(column, subjects, others, numbers, provinces, limit)
            ids += page
            total += count
    named = sorted(
        pk for pk, key in found[0].items() if all(w.pattern.search(key) for w in plans[0][2])
    )
    hits = Hits(
        items=_newest(scoped, ids, limit, _newest_first),
        total=min(total, TOTAL_CAP),
        more=total > TOTAL_CAP,
    )
    return hits, named


def _lines_by_decision(
    scoped: QuerySet[AwardRecord],
    user: Any,
    words: Sequence[str],
    limit: int,
    vocabulary: set[str],
) -> Hits[AwardRecord] | None:
    """PostgreSQL: the registry lines matching `words` when every word can only be in a
    decision number (some decision number may hold it, no award's name holds it, and no name of
    a person or unit in scope does); None otherwise (the caller takes the general path).

    The decision numbers holding every word are found in their own table (awards migration
    0009), then each number's lines newest first from `awards_rec_decision_ids`, without
    touching the registry's rows. Same lines as the general path."""
    lasts = core_search.lasts_of(words)
    for subject in ("individual", "collective"):
        if not all(w.in_decisions and not w.awards for w in _classify(words, subject, vocabulary)):
            return None
    named = Q()
    for word, last in zip(words, lasts, strict=True):
        named |= core_search.indexed_filter([word], connection.vendor, lasts=[last])
    people = scope_by_province(Person.objects.all(), user, "unit__province_id")
    if (
        people.filter(named).exists()
        or scope_by_province(Unit.objects.all(), user).filter(named).exists()
    ):
        return None
    conditions: list[str] = []
    params: list[Any] = []
    if tsquery := core_search.token_query(words, lasts):  # none for a one-character prefix
        conditions.append(f"{TOKENS_NUMBER} @@ %s::tsquery")
        params.append(tsquery)
    for word, last in zip(words, lasts, strict=True):
        conditions.append("thidua_fold(number) ~ %s")
        params.append(core_search.word_pattern(word, last=last))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT number FROM thidua_decision_numbers WHERE "  # noqa: S608 - placeholders only
            + " AND ".join(conditions)
            + " LIMIT %s",
            [*params, MAX_DECISIONS + 1],
        )
        numbers = sorted(row[0] for row in cursor.fetchall())
    if len(numbers) > MAX_DECISIONS:
        return None
    provinces = visible_province_ids(user)
    scope: list[str] = []
    scope_params: list[Any] = []
    if provinces is not None:
        scope, scope_params = ["r.province_id = ANY(%s)"], [list(provinces)]
    ids: list[int] = []
    total = 0
    if numbers:
        ids, total = _lines_of("decision_number", "text", numbers, scope, scope_params, limit)
    return Hits(
        items=_newest(scoped, ids, limit, _newest_first),
        total=min(total, TOTAL_CAP),
        more=total > TOTAL_CAP,
    )


def _numbers_holding(word: _Word) -> list[str] | None:
    """The decision numbers (as written) whose folded text holds `word`, from the table of
    distinct numbers (awards migration 0009); None past MAX_NUMBERS. The token index finds the
    candidates, the word's pattern decides here on the folded number."""
    tsquery = core_search.token_query([word.word], [word.last])
    where, params = (
        ("WHERE " + TOKENS_NUMBER + " @@ %s::tsquery", [tsquery]) if tsquery else ("", [])
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT number FROM thidua_decision_numbers {where} LIMIT %s",  # noqa: S608 - placeholders only
            [*params, MAX_NUMBERS * 4],
        )
        rows = cursor.fetchall()
    if len(rows) >= MAX_NUMBERS * 4:
        return None
    held = sorted(number for (number,) in rows if word.pattern.search(fold(number)))
    return held if len(held) <= MAX_NUMBERS else None


def _subject_lines(
    column: str,
    subjects: dict[int, str],
    others: Sequence[_Word],
    numbers: dict[str, list[str]],
    provinces: Collection[int] | None,
    limit: int,
) -> tuple[list[int], int]:
    """The newest `limit` ids of the subjects' lines that hold the `others` words, and how many
    such lines (counted up to TOTAL_CAP + 1); `numbers` holds the decision numbers holding each
    word some decision number may hold."""
    conditions: list[str] = []
    params: list[Any] = []
    if provinces is not None:
        conditions.append("r.province_id = ANY(%s)")
        params.append(list(provinces))
    for w in others:
        either = [f"r.{column} = ANY(%s)"]
        params.append(sorted(pk for pk, key in subjects.items() if w.pattern.search(key)))
        if w.awards:
            either.append("r.award_type = ANY(%s)")
            params.append(sorted(w.awards))
        if w.in_decisions:
            # A word has no space: it cannot run from one part of the key into the next, so in
            # a line's key it is in the subject's name, the award's name or the decision number
            # (tested on the index's copy of the number).
            either.append("r.decision_number = ANY(%s)")
            params.append(numbers[w.word])
        conditions.append("(" + " OR ".join(either) + ")")
    return _lines_of(column, "bigint", sorted(subjects), conditions, params, limit)


def _lines_of(
    column: str,
    kind: str,
    values: list[Any],
    conditions: list[str],
    params: list[Any],
    limit: int,
) -> tuple[list[int], int]:
    """The newest `limit` ids of the lines whose `column` is one of `values` (an SQL array of
    `kind`) and that meet `conditions`, and how many (up to TOTAL_CAP + 1).

    One index read per value, newest first (a LATERAL join: the plan cannot turn into a scan of
    the registry testing every line against the list); the newest TOTAL_CAP + 1 ids come back,
    which give both the page and the count."""
    where = "".join(f" AND {c}" for c in conditions)
    table = AwardRecord._meta.db_table
    cap = TOTAL_CAP + 1
    # Only names of this code, numbers and placeholders go into the text; values are parameters.
    sql = (
        f"SELECT l.id FROM unnest(%s::{kind}[]) AS s(value) CROSS JOIN LATERAL ("  # noqa: S608
        f"SELECT r.id FROM {table} r WHERE r.{column} = s.value{where} "
        f"ORDER BY r.id DESC LIMIT {cap}) AS l ORDER BY l.id DESC LIMIT {cap}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [values, *params])
        ids = [row[0] for row in cursor.fetchall()]
    return ids[:limit], len(ids)


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
    tops = _TOPS.set({})
    try:
        return _search(q, words, kinds, user=user, limit=limit)
    finally:
        _TOPS.reset(tops)


def _search(
    q: str, words: tuple[str, ...], kinds: Sequence[str], *, user: Any, limit: int
) -> SearchResults:
    found = {"limit": limit, "words": words, "user": user}
    # Registry lines first: found through their subjects, they bring the people's answer.
    records, named = _record_search(**found) if "record" in kinds else (Hits(), None)
    people: Hits[Person] = Hits()
    if "person" in kinds:
        people = (
            person_search(**found)
            if named is None
            else _people_named(user=user, ids=named, limit=limit)
        )
    return SearchResults(
        q=q,
        words=words,
        units=unit_search(**found) if "unit" in kinds else Hits(),
        people=people,
        records=records,
    )
