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
candidate rows first: `token_query` lists the whole tokens the words imply, the last word's
prefix turned into the tokens of the vocabulary that start with it (awards migration 0005).
"""

import re
from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import BooleanField, Func, Q
from django.db.models.sql.compiler import SQLCompiler

from thidua.core.text import fold

# Words this short, made of letters, are whole syllables.
SHORT_WORD_LENGTH = 2
# A prefix shorter than this is left to the regular expression: as an index lookup it would
# gather most of the index ("ng:*").
MIN_PREFIX_LENGTH = 3
# A prefix that stands for more tokens than this is left to the regular expression.
MAX_EXPANSION = 200
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


def words_filter(words: Sequence[str], field: str = "search_key") -> Q:
    """Rows whose key holds every word as `word_pattern` says."""
    condition = Q()
    last = len(words) - 1
    for i, word in enumerate(words):
        condition &= Q(**{f"{field}__contains": word}) & Q(
            **{f"{field}__regex": word_pattern(word, last=i == last)}
        )
    return condition


Expand = Callable[[str], Sequence[str] | None]


def token_query(words: Sequence[str], expand: Expand | None = None) -> str:
    """A `tsquery` of the whole tokens every match of `words` has ("" when none is worth a
    lookup).

    Tokens followed by another character of their word, and whole words, are whole tokens. The
    last word's trailing token is a prefix: `expand(prefix)` gives the tokens it may be (None
    when too many to be worth listing), written as an alternative ('xuan' | 'xuat'); without
    `expand`, or when it gives None, the prefix is left to the regular expression, unless it is
    the only term and long enough, then a prefix match ('xyz':*).
    """
    terms: dict[str, None] = {}
    prefix = ""
    last = len(words) - 1
    for i, word in enumerate(words):
        whole = is_whole(word, last=i == last)
        for match in _TOKEN.finditer(word):
            token = match.group()
            if whole or match.end() < len(word):
                terms[f"'{token}'"] = None
            else:
                prefix = token
    if prefix:
        found = expand(prefix) if expand is not None else None
        if found is not None:
            # No token starts with it: a term no row has, so nothing matches.
            alternatives = [f"'{t}'" for t in found] or [f"'{prefix}'"]
            terms[f"({' | '.join(alternatives)})" if len(alternatives) > 1 else alternatives[0]] = (
                None
            )
        elif not terms and len(prefix) >= MIN_PREFIX_LENGTH:
            terms[f"'{prefix}':*"] = None
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


def vocabulary(prefix: str) -> list[str] | None:
    """PostgreSQL: the tokens of the search vocabulary starting with `prefix`, None when more
    than MAX_EXPANSION (one query on the primary key's pattern index)."""
    token = apps.get_model("awards", "SearchToken")
    found = token.objects.filter(token__startswith=prefix).order_by("token")
    tokens = list(found.values_list("token", flat=True)[: MAX_EXPANSION + 1])
    return None if len(tokens) > MAX_EXPANSION else tokens


def indexed_filter(
    words: Sequence[str], vendor: str, field: str = "search_key", expand: Expand = vocabulary
) -> Q:
    """`words_filter`, led on PostgreSQL by the token index when the words give it tokens (one
    query to the vocabulary, `expand`, when the last word is a prefix)."""
    condition = words_filter(words, field)
    tsquery = token_query(words, expand) if vendor == "postgresql" else ""
    if tsquery:
        condition = Q(TokensMatch(tsquery, field)) & condition
    return condition


def text_filter(q: str, field: str = "search_key") -> Q:
    """A list's free-text filter: the rows matching every word of `q` as search matches them."""
    return indexed_filter(search_words(q), connection.vendor, field)
