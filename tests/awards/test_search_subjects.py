"""Registry search through the lines' subjects (PostgreSQL, awards migration 0008): the same
lines as the general path, whichever words are in names, award names or decision numbers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.awards.test_search import CO_TINH, CSTD, person, record, unit
from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import search as s
from thidua.awards.services.registry import subject_renamed
from thidua.org.services.person import person_update
from thidua.org.services.unit import unit_update

pytestmark = pytest.mark.integration
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the subject path is PostgreSQL's"
)

THON = "thon_to_dan_pho_van_hoa"
LDTT = "lao_dong_tien_tien"

QUERIES = [
    "nguyen van an",  # names only ("van" is in a collective award's name, not an individual's)
    "pham thi thuy",  # "thi" is in "chiến sĩ thi đua": lines of Phạm … Thuỷ with that award too
    "thi dua",  # award words only: the general path
    "chien si pham",
    "tran hoa",  # a half-typed last word
    "tran ho",  # a short last word is whole
    "12/qd",  # a decision number
    "12/qd-ubnd",
    "45/qd-cat",
    "qd-ubnd",  # in most decision numbers
    "7",
    "qd-an",  # "an" in a decision number and in names
    "an",
    "cat",  # in a decision number only ("QĐ-CAT")
    "van hoa",  # a unit's name and a collective award's name
    "truong van",
    '"van an"',  # a quoted phrase: the general path
    "xyzq",
    "nguyen xyzq",
    "thuy 45",
    "thuy 4",  # a one-digit prefix: decision numbers 4/… and 45/…
    "an 1",  # names, decision numbers 1/… and 12/…, "An" in a decision number too
    "truong 12",  # a unit's name and a decision number
    "hoa 7",
]


@pytest.fixture
def world(db):
    province = ProvinceFactory(name="Tỉnh Thanh Hoá")
    other = ProvinceFactory(name="Tỉnh Nghệ An")
    admin = UserFactory(role=Role.BOARD_ADMIN, province=province)
    school = unit(province, "Trường Văn Hoà")
    village = unit(province, "Thôn An Hoà")
    far = unit(other, "Trường Văn Hoà Nghệ An")
    people = [
        person(school, name)
        for name in [
            "Nguyễn Văn An",
            "Nguyễn Thị An",
            "Phạm Thị Thuỷ",
            "Phạm Văn Thuỷ",
            "Trần Hoà",
            "Trần Hoàng Hà",
            "Trần Hồ",
            "Lê Cát",
        ]
    ]
    for i, p in enumerate(people):
        record(
            p, award_type=CSTD if i % 2 else LDTT, year=2020 + i % 4, decision_number=f"{i}/QĐ-UBND"
        )
        record(p, award_type=LDTT, year=2019, decision_number="12/QĐ-AN")
    record(people[3], award_type=CSTD, year=2024, decision_number="45/QĐ-CAT")
    record(school, award_type=CO_TINH, year=2022, decision_number="12/QĐ-UBND")
    record(village, award_type=THON, year=2021, decision_number="7/QĐ-UBND")
    record(far, award_type=THON, year=2021, decision_number="12/QĐ-UBND")
    record(person(far, "Nguyễn Văn An"), year=2023, decision_number="1/QĐ-UBND")
    return admin


def _general(user, words, limit=20):
    qs = s.scope_by_province(AwardRecord.objects.all(), user)
    return s._hits(qs, words, limit, s._newest_first)


@postgresql_only
@pytest.mark.parametrize("q", QUERIES)
def test_subject_path_gives_the_general_paths_lines(world, q):
    words = s.search_words(q)
    found = s.record_search(user=world, words=words, limit=50)
    general = _general(world, words, limit=50)
    assert [r.pk for r in found.items] == [r.pk for r in general.items], q
    assert (found.total, found.more) == (general.total, general.more), q


@postgresql_only
@pytest.mark.parametrize(
    ("q", "used"),
    [
        ("nguyen van an", True),
        ("pham thi thuy", True),
        ("thi dua", False),  # every word in an award's name
        ("12/qd", False),  # in decision numbers
        ('"van an"', False),  # a phrase may span the parts of a key
    ],
)
def test_subject_path_taken_only_when_a_word_is_a_name_only(world, q, used):
    with CaptureQueriesContext(connection) as ctx:
        s.record_search(user=world, words=s.search_words(q), limit=20)
    lines = [q["sql"] for q in ctx.captured_queries if "r.person_id = s.value" in q["sql"]]
    assert bool(lines) is used


@postgresql_only
def test_subject_path_falls_back_past_max_subjects(world, monkeypatch):
    monkeypatch.setattr(s, "MAX_SUBJECTS", 1)
    words = s.search_words("nguyen an")
    found = s.record_search(user=world, words=words, limit=20)
    assert [r.pk for r in found.items] == [r.pk for r in _general(world, words).items]


@postgresql_only
@pytest.mark.parametrize("q", ["thuy 4", "an 1", "truong 12"])
def test_subject_path_falls_back_past_max_numbers(world, monkeypatch, q):
    """A word some decision number may hold is tested against the numbers holding it; past
    MAX_NUMBERS of them the general path answers, with the same lines."""
    monkeypatch.setattr(s, "MAX_NUMBERS", 1)
    words = s.search_words(q)
    found = s.record_search(user=world, words=words, limit=20)
    assert [r.pk for r in found.items] == [r.pk for r in _general(world, words).items]


@postgresql_only
def test_decision_tokens_kept_by_the_trigger(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM thidua_decision_tokens ORDER BY token")
        tokens = {row[0] for row in cursor.fetchall()}
    assert {"12", "45", "qd", "ubnd", "an", "cat"} <= tokens
    assert "nguyen" not in tokens
    AwardRecord.objects.filter(decision_number="7/QĐ-UBND").update(decision_number="8/QĐ-ĐT")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM thidua_decision_tokens WHERE token IN ('8', 'dt')")
        assert cursor.fetchone()[0] == 2


def test_renaming_a_person_refreshes_their_lines_keys(world, django_user_model):
    p = AwardRecord.objects.filter(person__full_name="Trần Hồ").first().person
    person_update(actor=world, person=p, full_name="Lý Quyết")

    found = s.search(user=world, q="ly quyet")
    assert {r.person_id for r in found.records.items} == {p.pk}
    assert p.pk not in {r.person_id for r in s.search(user=world, q="tran ho").records.items}
    assert subject_renamed(p) == 0  # nothing left to refresh


def test_renaming_a_unit_refreshes_its_lines_keys(world):
    village = AwardRecord.objects.get(award_type=THON, unit__name="Thôn An Hoà").unit
    unit_update(actor=world, unit=village, name="Thôn Đông Sơn")

    found = s.search(user=world, q="dong son")
    assert [r.unit_id for r in found.records.items] == [village.pk]


@postgresql_only
@pytest.mark.parametrize("q", QUERIES)
def test_people_answer_brought_by_the_subject_path_is_the_people_search(world, q):
    words = s.search_words(q)
    found = s.search(user=world, q=q).people
    alone = s.person_search(user=world, words=words, limit=s.DEFAULT_LIMIT)
    assert [p.pk for p in found.items] == [p.pk for p in alone.items], q
    assert (found.total, found.more) == (alone.total, alone.more), q


@postgresql_only
@pytest.mark.parametrize(
    ("q", "used"),
    [("12/qd-ubnd", True), ("45/qd", True), ("qd-cat", True), ("cat", False), ("an 12/qd", False)],
)
def test_decision_path_taken_only_when_every_word_is_in_decision_numbers_only(world, q, used):
    """ "cat" is also a name (Lê Cát), "an" too: those take the general path."""
    with CaptureQueriesContext(connection) as ctx:
        found = s.record_search(user=world, words=s.search_words(q), limit=20)
    read = any("thidua_decision_numbers" in query["sql"] for query in ctx.captured_queries)
    lines = any("s.value AND" in query["sql"] for query in ctx.captured_queries)
    assert lines is used, q
    assert read or not used
    general = _general(world, s.search_words(q))
    assert [r.pk for r in found.items] == [r.pk for r in general.items]


@postgresql_only
def test_decision_numbers_kept_by_the_trigger(world):
    with connection.cursor() as cursor:
        cursor.execute("SELECT number FROM thidua_decision_numbers")
        numbers = {row[0] for row in cursor.fetchall()}
    assert {"12/QĐ-AN", "45/QĐ-CAT", "7/QĐ-UBND"} <= numbers
    assert "" not in numbers


@postgresql_only
@pytest.mark.parametrize(
    "text", ["123/QĐ-UBND", "45-QĐ/TU", "Đặng Thị Đào", "HOÀ HÒA Thuỷ", "Ứng Ỷ Ễ ỹ", "Quyết định"]
)
def test_sql_fold_of_decision_numbers_is_python_fold(db, text):
    from thidua.core.text import fold

    with connection.cursor() as cursor:
        cursor.execute("SELECT thidua_fold(%s)", [text])
        assert cursor.fetchone()[0] == fold(text)
