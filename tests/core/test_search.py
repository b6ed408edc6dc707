"""core.search: the word test, the tokens it implies, and the same answers on both databases."""

import importlib
import re

import pytest
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from thidua.core import search as core_search
from thidua.core.search import (
    BLOCK_BITS,
    BLOCK_TOKENS_SQL,
    TOKENS_SQL,
    block_of,
    search_words,
    text_filter,
    token_query,
    word_pattern,
    words_match,
)
from thidua.core.text import fold


@pytest.mark.parametrize(
    ("word", "key", "found"),
    [
        ("nguy", "nguyen van an", True),
        ("guyen", "nguyen van an", False),
        ("an", "nguyen van an", True),
        ("an", "nguyen van anh", False),
        ("anh", "nguyen van anh", True),
        ("van an", "nguyen van an", True),
        ("van a", "nguyen van an", True),
        ("12", "1234/qd-ubnd", True),
        ("12", "312/qd-ubnd", False),
        ("qd-ub", "1234/qd-ubnd", True),
        ("1234/qd", "1234/qd-ubnd", True),
        ("234/qd", "1234/qd-ubnd", False),
        ("100%", "lam 100% dat", True),
        ("d_ng", "dang van lam", False),
        ("a.b", "x a.b", True),
        ("a.b", "x axb", False),
        ("(x)", "so (x) y", True),
        ("c++", "c++ team", True),
        ("[a]", "so [a]", True),
        ("a\\b", "so a\\b", True),
        ("^a$", "so ^a$ x", True),
        ("a|b", "a", False),
    ],
)
def test_last_word_starts_a_token(word, key, found):
    assert words_match([word], key) is found


@pytest.mark.parametrize(
    ("words", "key", "found"),
    [
        (["tran", "phuong", "xua"], "tran phuong xuan", True),
        (["tran", "phuong", "xua"], "trang phuong xuan", False),
        (["xuan", "tran"], "tran thi xuan", True),
        (["xua", "tran"], "tran thi xuan", False),
        (["1234/qd-", "ubnd"], "1234/qd-ubnd", True),
        (["12/qd", "ubnd"], "12/qd-ubnd", True),
        (["12/q", "ubnd"], "12/qd-ubnd", False),
    ],
)
def test_words_before_the_last_are_whole_tokens(words, key, found):
    assert words_match(words, key) is found


ALNUM = "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize(
    ("words", "query"),
    [
        (["nguyen"], "'>nguye'"),
        (["tran", "trang"], "'tran' & '>trang'"),
        (["nguy"], "'>nguy'"),
        (["ngu"], "'>ngu'"),
        (["nguyen", "hoa"], "'nguyen' & '>hoa'"),
        (["ha"], "'ha'"),
        (["ng"], "'ng'"),
        (["12"], "'>12'"),
        (["1"], "( '1' | " + " | ".join(f"'>1{ch}'" for ch in ALNUM) + " )"),
        (["so", "8"], "'so' & ( '8' | " + " | ".join(f"'>8{ch}'" for ch in ALNUM) + " )"),
        (["a"], "'a'"),
        (["qd-u"], "'qd'"),
        (["1234/qd-ubnd"], "'1234' & 'qd' & '>ubnd'"),
        (["1234/qd-"], "'1234' & 'qd'"),
        (["van an"], "'van' & '>an'"),
        (["100%"], "'100'"),
        (["%%"], ""),
        (["nguyen", "nguyen"], "'nguyen' & '>nguye'"),
    ],
)
def test_token_query_lists_the_entries_every_match_has(words, query):
    assert token_query(words) == query


def _tokens(key: str) -> set[str]:
    return set(re.findall("[a-z0-9]+", key))


def _entries(key: str) -> set[str]:
    """The index entries of a key, as awards migration 0011's function builds them."""
    tokens = _tokens(key)
    return tokens | {">" + t[:n] for t in tokens for n in range(2, min(len(t), 5) + 1)}


def _implied(query: str, key: str) -> bool:
    entries = _entries(key)
    return all(
        any(choice.strip("'() ") in entries for choice in term.split(" | "))
        for term in filter(None, query.split(" & "))
    )


ALPHABET = "abhnoy019 ./-%_()"


@given(
    key=st.text(alphabet=ALPHABET, max_size=30),
    start=st.integers(0, 30),
    length=st.integers(1, 10),
)
def test_every_match_has_the_implied_tokens(key, start, length):
    """The index may only drop rows the word test would drop: a match implies the tokens."""
    word = key[start : start + length].strip()
    if word and words_match([word], key):
        assert _implied(token_query([word]), key)


@given(word=st.text(min_size=1, max_size=12))
def test_any_word_gives_a_valid_pattern(word):
    re.compile(word_pattern(fold(word) or "x"))
    re.compile(word_pattern(fold(word) or "x", last=False))


def test_migration_indexes_the_same_tokens():
    migration = importlib.import_module("thidua.awards.migrations.0004_search_tokens")

    assert TOKENS_SQL.format(column="search_key") == migration.TOKENS


def test_migration_indexes_the_same_block_tokens():
    migration = importlib.import_module("thidua.awards.migrations.0012_search_blocks")

    assert BLOCK_TOKENS_SQL.format(column="search_key", id="id") == migration.BLOCK_TOKENS


def test_token_query_of_a_block_tags_every_entry():
    assert token_query(["nguyen", "ha"], block=9) == "'9#nguyen' & '9#ha'"
    assert token_query(["so", "8"], block=0).startswith("'0#so' & ( '0#8' | '0#>80' | ")


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the function is PostgreSQL's")
@pytest.mark.parametrize("pk", [1, (1 << BLOCK_BITS) - 1, 1 << BLOCK_BITS, 9 << BLOCK_BITS])
def test_block_index_function_tags_the_entries_with_the_block(pk):
    key = "nguyen thi hoa 1234/qd-ubnd a"
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(thidua_search_block_tokens(%s, %s))", [key, pk])
        tag = f"{block_of(pk)}#"
        assert set(cursor.fetchone()[0]) == {tag + entry for entry in _entries(key)}


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the function is PostgreSQL's")
@pytest.mark.parametrize("key", ["nguyen thi hoa 1234/qd-ubnd a", "", "--", "x 12 ab abc abcde"])
def test_index_function_builds_the_entries_python_expects(key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tsvector_to_array(thidua_search_tokens(%s))", [key])
        assert set(cursor.fetchone()[0]) == _entries(key)


def test_search_words_fold_and_keep_phrases():
    assert search_words("Đặng “Thị Hoà”  đặng") == ("dang", "thi hoa")
    assert search_words("a b c d", limit=2) == ("a", "b")


# ── The same answers on both databases ───────────────────────────────────────────────────────

KEYS = [
    "nguyen thi hoa",
    "nguyen van an",
    "nguyen van anh",
    "1234/qd-ubnd",
    "312/qd-ubnd",
    "lam 100% dat",
    "dang van lam",
    "so (x) y",
    "c++ team",
    "so a\\b",
    "so ^a$ x",
    "x a.b",
    "x axb",
    "ha",
]
QUERIES = [
    "nguy",
    "Nguyễn Hoà",
    "an",
    "van a",
    "12",
    "qđ-ub",
    "1234/QĐ",
    "100%",
    "d_ng",
    "(x)",
    "c++",
    "a\\b",
    "^a$",
    "a.b",
    "HA",
    '"van an"',
    "guyen",
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", QUERIES)
def test_database_agrees_with_python(q):
    from thidua.org.models import Province

    for i, key in enumerate(KEYS):
        Province.objects.create(code=f"p{i}", name=key)
    # Province has no search key: test on its name, the filter is the same.
    found = sorted(
        Province.objects.filter(core_search.words_filter(search_words(q), "name")).values_list(
            "name", flat=True
        )
    )
    expected = sorted(k for k in KEYS if words_match(search_words(q), k))

    assert found == expected


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the token index is PostgreSQL's")
@pytest.mark.parametrize("q", QUERIES)
def test_token_index_drops_no_match(q):
    from thidua.org.models import Person, Province, Unit

    province = Province.objects.create(code="p", name="P")
    unit = Unit.objects.create(province=province, code="u", name="U", kind="commune")
    for key in KEYS:
        Person.objects.create(unit=unit, full_name=key, gender="male", search_key=key)
    words = search_words(q)

    with_index = set(Person.objects.filter(text_filter(q)).values_list("search_key", flat=True))
    without = set(
        Person.objects.filter(core_search.words_filter(words)).values_list("search_key", flat=True)
    )

    assert with_index == without
