"""Matching folded search keys against what a user typed, the same on SQLite and PostgreSQL.

Every searchable row keeps a `search_key`: its text folded by `core.text.fold` (case,
diacritics, đ → d, both tone placements, NFC/NFD). A query is folded the same way and split into
words (a "quoted phrase" is one word). Tokens are the runs of `[a-z0-9]`. A row matches when
every word occurs in its key starting a token, and ending one too, except the last word, which
may be the start of a token still being typed: "trần phương xu" finds "Trần Phương Xuân" but
not "Trang Phương Xuân"; "qđ-ub" finds "1234/QĐ-UBND", "guyen" finds nothing. A last word of one
or two letters is a whole syllable as well ("ha" finds "Hà", not "Hải").

The test is a regular expression, which Django runs as `~` on PostgreSQL and through its
`REGEXP` function on SQLite, behind a `LIKE '%word%'` that discards most rows cheaply. On
PostgreSQL a GIN index on the key's tokens (`TOKENS_SQL`, awards migration 0004) finds the
candidate rows first: `token_query` lists the entries every match has, the whole tokens and the
last word's prefix (its first two to five characters, indexed as '>nguye').
"""

import re
import string
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Func, Q
from django.db.models.sql.compiler import SQLCompiler

from thidua.core.text import fold

# Words this short, made of letters, are whole syllables.
SHORT_WORD_LENGTH = 2
# The index holds each token's first two to five characters as entries of their own (awards
# migrations 0004 and 0011).
MIN_PREFIX_LENGTH = 2
MAX_PREFIX_LENGTH = 5
_TOKEN = re.compile(r"[a-z0-9]+")
_ALNUM = string.digits + string.ascii_lowercase
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_WORD = re.compile(r'"([^"]*)"|(\S+)')
_BOUNDARY = "[^a-z0-9]"
# The entries of a key, as the GIN index of awards migration 0004 stores them ({column} is the
# key's column): its tokens, and their first two to five characters marked with ">".
TOKENS_SQL = "thidua_search_tokens({column})"
# The same entries, each tagged with the row's block of ids ("9#nguyen"; awards migration 0012,
# registry lines only): the newest rows' matches without the whole posting lists.
BLOCK_TOKENS_SQL = "thidua_search_block_tokens({column}, {id})"
BLOCK_BITS = 20


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


def is_whole(word: str, *, last: bool = True) -> bool:
    """Whether `word` must end a token: every word but the last, and a short last word."""
    return not last or (len(word) <= SHORT_WORD_LENGTH and word.isalpha())


def word_pattern(word: str, *, last: bool = True) -> str:
    """The regular expression of a folded word: it starts a token and, unless it is the last
    word of the query and long enough to be half-typed, ends one.

    Only characters other than letters and digits are escaped, with a backslash, which both
    Python's `re` and PostgreSQL's regular expressions read as the character itself.
    """
    body = "".join(ch if ch.isalnum() else "\\" + ch for ch in word)
    end = f"($|{_BOUNDARY})" if is_whole(word, last=last) and word[-1:].isalnum() else ""
    return f"(^|{_BOUNDARY}){body}{end}"


def words_match(words: Sequence[str], key: str) -> bool:
    """The test of `words_filter`, in Python (tests and checks)."""
    last = len(words) - 1
    return all(re.search(word_pattern(w, last=i == last), key) for i, w in enumerate(words))


def lasts_of(words: Sequence[str], lasts: Sequence[bool] | None = None) -> Sequence[bool]:
    """Which words may be half-typed: the last one, unless `lasts` says for each (a subset of a
    query's words keeps the flags they had in the whole query)."""
    if lasts is None:
        return [i == len(words) - 1 for i in range(len(words))]
    assert len(lasts) == len(words)
    return lasts


def words_filter(
    words: Sequence[str], field: str = "search_key", lasts: Sequence[bool] | None = None
) -> Q:
    """Rows whose key holds every word as `word_pattern` says."""
    condition = Q()
    for word, last in zip(words, lasts_of(words, lasts), strict=True):
        condition &= Q(**{f"{field}__contains": word}) & Q(
            **{f"{field}__regex": word_pattern(word, last=last)}
        )
    return condition


def token_query(
    words: Sequence[str], lasts: Sequence[bool] | None = None, *, block: int | None = None
) -> str:
    """A `tsquery` of the index entries every match of `words` has ("" when none).

    Tokens followed by another character of their word, and whole words, are whole tokens
    ('nguyen'); the last word's trailing token is a prefix, looked up by its first two to five
    characters ('>nguye'). A one-digit prefix is the digit itself or any two-character start of
    a token ('8' | '>80' | … | '>8z': "số 8" typed as a unit's name, the rarer words then
    decide); a one-letter prefix is left to the regular expression.

    With `block`, the entries of that block of ids in the index of BLOCK_TOKENS_SQL ('9#nguyen').
    """
    tag = "" if block is None else f"{int(block)}#"
    terms: dict[str, None] = {}
    for word, last in zip(words, lasts_of(words, lasts), strict=True):
        whole = is_whole(word, last=last)
        for match in _TOKEN.finditer(word):
            token = match.group()
            if whole or match.end() < len(word):
                terms[f"'{tag}{token}'"] = None
            elif len(token) >= MIN_PREFIX_LENGTH:
                terms[f"'{tag}>{token[:MAX_PREFIX_LENGTH]}'"] = None
            elif token.isdigit():
                starts = " | ".join(f"'{tag}>{token}{ch}'" for ch in _ALNUM)
                terms[f"( '{tag}{token}' | {starts} )"] = None
    return " & ".join(terms)


class TokensMatch(Func):
    """PostgreSQL: the key's tokens match a `tsquery`, through the GIN index on TOKENS_SQL; with
    `by_block`, the tokens tagged with the row's block of ids match a `tsquery` of one block
    (`token_query(…, block=…)`), through the GIN index on BLOCK_TOKENS_SQL."""

    output_field = BooleanField()

    def __init__(self, tsquery: str, field: str = "search_key", *, by_block: bool = False) -> None:
        super().__init__(*((field, "pk") if by_block else (field,)))
        self.tsquery = tsquery

    def as_sql(  # type: ignore[override]
        self, compiler: SQLCompiler, connection: Any, **extra_context: Any
    ) -> tuple[str, tuple[Any, ...]]:
        column, params = compiler.compile(self.source_expressions[0])
        if len(self.source_expressions) == 1:
            sql = TOKENS_SQL.format(column=column)
        else:
            pk, pk_params = compiler.compile(self.source_expressions[1])
            sql, params = BLOCK_TOKENS_SQL.format(column=column, id=pk), (*params, *pk_params)
        return f"{sql} @@ %s::tsquery", (*params, self.tsquery)


def block_of(pk: int) -> int:
    """The block of ids a row's entries are tagged with in the index of BLOCK_TOKENS_SQL."""
    return pk >> BLOCK_BITS


def indexed_filter(
    words: Sequence[str],
    vendor: str,
    field: str = "search_key",
    lasts: Sequence[bool] | None = None,
) -> Q:
    """`words_filter`, led on PostgreSQL by the token index when the words give it entries."""
    condition = words_filter(words, field, lasts)
    tsquery = token_query(words, lasts) if vendor == "postgresql" else ""
    if tsquery:
        condition = Q(TokensMatch(tsquery, field)) & condition
    return condition


def text_filter(q: str, field: str = "search_key") -> Q:
    """A list's free-text filter: the rows matching every word of `q` as search matches them."""
    return indexed_filter(search_words(q), connection.vendor, field)
