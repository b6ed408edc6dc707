"""Matching folded search keys against what a user typed, the same on SQLite and PostgreSQL.

Every searchable row keeps a `search_key`: its text folded by `core.text.fold` (case,
diacritics, đ → d, both tone placements, NFC/NFD). A query is folded the same way and split into
words (a "quoted phrase" is one word). A row matches when every word occurs in its key **at the
start of a token**, tokens being the runs of `[a-z0-9]` (so "nguy" finds "Nguyễn", "qd-ub"
finds "1234/QĐ-UBND", "guyen" finds nothing): the way people type names, one syllable after
another. A word of one or two letters is a whole syllable ("ha" finds "Hà", not "Hải").

The test is a regular expression, which Django runs as `~` on PostgreSQL and through its
`REGEXP` function on SQLite, behind a `LIKE '%word%'` that discards most rows cheaply. On
PostgreSQL a GIN index on the key's tokens (`TOKENS_SQL`, awards migration 0004) finds the
candidate rows first: `token_query` lists the tokens a word implies (whole tokens, and the last
one as a prefix), which every matching row has.
"""

import re
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Func, Q
from django.db.models.sql.compiler import SQLCompiler

from thidua.core.text import fold

# Words this short, made of letters, are whole syllables.
SHORT_WORD_LENGTH = 2
# A prefix shorter than this is left to the regular expression: as an index lookup it would
# gather most of the index ("ng:*").
MIN_PREFIX_LENGTH = 3
_TOKEN = re.compile(r"[a-z0-9]+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_WORD = re.compile(r'"([^"]*)"|(\S+)')
_BOUNDARY = "[^a-z0-9]"
# The tokens of a key, as the GIN index of migration awards 0004 stores them ({column} is the
# key's column). Every function in it is immutable, as an index expression must be.
TOKENS_SQL = "array_to_tsvector(array_remove(regexp_split_to_array({column}, '[^a-z0-9]+'), ''))"


def search_words(q: str, *, limit: int = 8) -> tuple[str, ...]:
    """The folded, distinct words of a query; a "quoted phrase" counts as one word.

    NUL and other control characters count as spaces.
    """
    cleaned = "".join(ch if ch.isprintable() else " " for ch in q).translate(_QUOTES)
    words: dict[str, None] = {}
    for phrase, word in _WORD.findall(fold(cleaned)):
        if key := " ".join(phrase.split()) or word.strip('"'):
            words[key] = None
    return tuple(words)[:limit]


def is_whole(word: str) -> bool:
    """A word of one or two letters is a whole syllable, not a prefix."""
    return len(word) <= SHORT_WORD_LENGTH and word.isalpha()


def word_pattern(word: str) -> str:
    """The regular expression of a folded word: it starts a token (and, when short, ends one).

    Only characters other than letters and digits are escaped, with a backslash, which both
    Python's `re` and PostgreSQL's regular expressions read as the character itself.
    """
    body = "".join(ch if ch.isalnum() else "\\" + ch for ch in word)
    end = f"($|{_BOUNDARY})" if is_whole(word) else ""
    return f"(^|{_BOUNDARY}){body}{end}"


def word_matches(word: str, key: str) -> bool:
    """The test of `word_filter`, in Python (tests and checks)."""
    return re.search(word_pattern(word), key) is not None


def word_filter(word: str, field: str = "search_key") -> Q:
    """Rows whose key holds `word` at the start of a token."""
    return Q(**{f"{field}__contains": word}) & Q(**{f"{field}__regex": word_pattern(word)})


def words_filter(words: Sequence[str], field: str = "search_key") -> Q:
    condition = Q()
    for word in words:
        condition &= word_filter(word, field)
    return condition


def token_query(words: Sequence[str]) -> str:
    """A `tsquery` of the tokens every match of `words` has ("" when none is worth a lookup).

    A token followed by another character of its word, or a whole short word, is a whole
    token; a word's last token is a prefix (`'nguy':*`), kept only when it is long enough.
    """
    terms: dict[str, None] = {}
    for word in words:
        tokens = [(m.group(), m.end() < len(word)) for m in _TOKEN.finditer(word)]
        for token, closed in tokens:
            if closed or is_whole(word):
                terms[f"'{token}'"] = None
            elif len(token) >= MIN_PREFIX_LENGTH:
                terms[f"'{token}':*"] = None
    return " & ".join(terms)


class TokensMatch(Func):
    """PostgreSQL: the key's tokens match a `tsquery`, through the GIN index on TOKENS_SQL."""

    output_field = BooleanField()

    def __init__(self, tsquery: str, field: str = "search_key") -> None:
        super().__init__(field)
        self.tsquery = tsquery

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: Any, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        return f"{TOKENS_SQL.format(column=column)} @@ %s::tsquery", (*params, self.tsquery)


def indexed_filter(words: Sequence[str], vendor: str, field: str = "search_key") -> Q:
    """`words_filter`, led on PostgreSQL by the token index when the words give it tokens."""
    condition = words_filter(words, field)
    tsquery = token_query(words) if vendor == "postgresql" else ""
    if tsquery:
        condition = Q(TokensMatch(tsquery, field)) & condition
    return condition


def text_filter(q: str, field: str = "search_key") -> Q:
    """A list's free-text filter: the rows matching every word of `q` as search matches them."""
    return indexed_filter(search_words(q), connection.vendor, field)
