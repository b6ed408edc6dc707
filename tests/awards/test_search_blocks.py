"""Registry search through the block-tagged token index (PostgreSQL, awards migration 0012): the
newest blocks of ids first, the same page and totals as reading every match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.awards.test_search import CSTD, person, record, unit
from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import search as s
from thidua.core import search as core_search

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the block index is PostgreSQL's"),
]
LDTT = "lao_dong_tien_tien"
BLOCK = 1 << core_search.BLOCK_BITS


@pytest.fixture
def world(db, monkeypatch):
    """Lines of "Đình" people in five blocks of ids (0–4); the newest rows never fill a page."""
    monkeypatch.setattr(s, "RECENT_WINDOW", 2)
    monkeypatch.setattr(s, "MAX_SUBJECTS", 0)  # not through the subjects: the general path
    province = ProvinceFactory(name="Tỉnh Thanh Hoá")
    other = ProvinceFactory(name="Tỉnh Nghệ An")
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)
    here, there = unit(province, "Trường Đình"), unit(other, "Trường Đình Nghệ An")
    people = [person(here, f"Nguyễn Đình {n}") for n in ("An", "Bình", "Cường")]
    stranger = person(there, "Lê Đình Dũng")
    for block, count in [(0, 3), (1, 4), (2, 2), (3, 3), (4, 2)]:
        for i in range(count):
            subject = people[i % 3]
            record(
                subject, award_type=CSTD, decision_number=f"8{i}/QĐ-UBND", id=block * BLOCK + i + 1
            )
            record(subject, award_type=LDTT, decision_number="5/QĐ", id=block * BLOCK + 100 + i)
        record(stranger, award_type=CSTD, decision_number="8/QĐ", id=block * BLOCK + 200)
    return admin


def _every(user, words):
    """Every match, by the test of the words on every line in scope."""
    qs = s.scope_by_province(AwardRecord.objects.all(), user)
    return sorted(qs.filter(core_search.words_filter(words)).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("q", "limit"),
    [
        ("dinh so 8", 3),  # the newest block fills the page
        ("dinh so 8", 5),  # two blocks
        ("dinh so 8", 12),  # three blocks are not enough: the whole index
        ("dinh so 8", 50),  # every match
        ("dinh 5", 4),
        ("dinh xyzq", 5),  # nothing
    ],
)
def test_block_path_gives_the_newest_matches(world, q, limit):
    words = s.search_words(q)
    every = _every(world, words)
    found = s.record_search(user=world, words=words, limit=limit)
    newest = sorted(every, reverse=True)[:limit]
    assert sorted((r.pk for r in found.items), reverse=True) == newest
    if len(every) <= limit:
        assert (found.total, found.more) == (len(every), False)
    else:  # at least `total` ("more"), or exactly
        assert limit < found.total <= len(every)
        assert found.more or found.total == len(every)


def test_block_path_reads_only_the_blocks_it_needs(world):
    with CaptureQueriesContext(connection) as ctx:
        s.record_search(user=world, words=s.search_words("dinh so 8"), limit=1)
    blocks = [q["sql"] for q in ctx.captured_queries if "thidua_search_block_tokens" in q["sql"]]
    assert len(blocks) == 1 and "'4#dinh'" in blocks[0]
    whole = 'thidua_search_tokens("awards_awardrecord"'
    assert not [q for q in ctx.captured_queries if whole in q["sql"]]


def test_whole_table_in_the_newest_blocks_gives_exact_totals(world, monkeypatch):
    monkeypatch.setattr(s, "NEWEST_BLOCKS", 5)
    words = s.search_words("dinh so 8")
    found = s.record_search(user=world, words=words, limit=50)
    assert (found.total, found.more) == (len(_every(world, words)), False)


def test_block_path_gives_up_past_max_candidates(world, monkeypatch):
    """A block holding more candidates than are read may not give its newest: the whole index
    answers, with the same page."""
    monkeypatch.setattr(s, "MAX_CANDIDATES", 1)
    words = s.search_words("dinh so 8")
    found = s.record_search(user=world, words=words, limit=3)
    assert (
        sorted((r.pk for r in found.items), reverse=True)
        == sorted(_every(world, words), reverse=True)[:3]
    )
