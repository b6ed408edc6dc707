"""Search across units, people and registry lines (awards.selectors.search), on both databases.

Vietnamese input as users type it: without diacritics, upper case, đ typed as d, either tone
placement (hoà / hòa), NFD text pasted from other software; every word must match.
"""

import unicodedata

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.awards.keys import record_search_key
from thidua.awards.models import AwardRecord
from thidua.awards.selectors import search as search_selectors
from thidua.awards.selectors.search import award_name, search, search_words
from thidua.core import search as core_search
from thidua.core.text import fold
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.integration

CSTD = "chien_si_thi_dua_co_so"
CO_TINH = "co_thi_dua_ubnd_tinh"


def unit(province, name, code=None):
    code = code or f"dv{UnitFactory._meta.next_sequence()}"
    return UnitFactory(province=province, name=name, code=code, search_key=fold(f"{name}  {code}"))


def person(unit_, full_name):
    return PersonFactory(unit=unit_, full_name=full_name, search_key=fold(full_name))


def record(subject, award_type=CSTD, year=2023, decision_number="", **extra):
    """A registry line written directly, its key as the registry services build it."""
    is_person = hasattr(subject, "full_name")
    return AwardRecord.objects.create(
        person=subject if is_person else None,
        unit=None if is_person else subject,
        award_type=award_type,
        year=year,
        decision_number=decision_number,
        search_key=record_search_key(
            subject=subject.full_name if is_person else subject.name,
            award_name=award_name(award_type),
            decision_number=decision_number,
        ),
        **extra,
    )


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Tỉnh Thanh Hoá")


@pytest.fixture
def admin(province):
    return UserFactory(role=Role.BOARD_ADMIN, province=province)


@pytest.fixture
def office(province):
    return unit(province, "Văn phòng UBND tỉnh", "vp")


def names(hits, attr="full_name"):
    return [getattr(item, attr) for item in hits.items]


# ── folding: case, diacritics, đ, tone placement, NFC/NFD ─────────────────────────────────────


@pytest.mark.parametrize(
    "q", ["dang", "DANG", "đặng", "ĐẶNG", "Đặng", unicodedata.normalize("NFD", "Đặng")]
)
def test_search_finds_dang_however_typed(admin, office, q):
    person(office, "Đặng Văn Lâm")
    person(office, "Nguyễn Văn Bình")

    results = search(user=admin, q=q)

    assert names(results.people) == ["Đặng Văn Lâm"]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Lê Thị Hoà", "hòa"),
        ("Lê Thị Hòa", "hoà"),
        ("Lê Thị Hoà", "Hòa"),
        ("Lê Thị Hòa", "HOÀ"),
        ("Lê Thị Hòa", "hoa"),
    ],
)
def test_search_accepts_both_tone_placements(admin, office, stored, typed):
    person(office, stored)

    results = search(user=admin, q=typed)

    assert names(results.people) == [stored]


@pytest.mark.parametrize(
    ("stored", "typed"),
    [
        ("Sở Y tế tỉnh Thanh Hoá", "Thanh Hóa"),
        ("Sở Y tế tỉnh Thanh Hóa", "Thanh Hoá"),
        ("Sở Y tế tỉnh Thanh Hóa", unicodedata.normalize("NFD", "thanh hoá")),
        (unicodedata.normalize("NFC", "Sở Y tế tỉnh Thanh Hoá"), "THANH HOA"),
    ],
)
def test_search_finds_units_by_either_tone_placement(admin, province, stored, typed):
    unit(province, stored, "syt")

    results = search(user=admin, q=typed)

    assert names(results.units, "name") == [stored]


def test_search_stored_nfd_name_found_by_nfc_query(admin, office):
    stored = unicodedata.normalize("NFD", "Trần Thị Thuỷ")
    person(office, stored)

    results = search(user=admin, q="Trần Thị Thủy")

    assert names(results.people) == [stored]


def test_search_every_word_must_match(admin, office):
    person(office, "Nguyễn Thị Đào")
    person(office, "Nguyễn Văn Đức")
    person(office, "Phạm Thị Đào")

    results = search(user=admin, q="nguyen dao")

    assert names(results.people) == ["Nguyễn Thị Đào"]


def test_search_words_in_any_order(admin, office):
    person(office, "Nguyễn Thị Đào")

    results = search(user=admin, q="đào nguyễn")

    assert names(results.people) == ["Nguyễn Thị Đào"]


@pytest.mark.parametrize(
    ("q", "found"),
    [
        # Short words are whole syllables: first, last or inside the name.
        ("ha", ["Hà Văn Nam", "Lê Thị Hà", "Trần Hà My"]),
        ("le ha", ["Lê Thị Hà"]),
        ("HÀ MY", ["Trần Hà My"]),
        ("my", ["Trần Hà My", "Vũ Mỹ"]),
        # Three letters or more start a syllable, never inside one.
        ("hai", ["Nguyễn Hải"]),
        ("tha", ["Phạm Thanh"]),
        ("anh", []),
        ("guyen", []),
    ],
)
def test_search_short_words_match_whole_syllables(admin, office, q, found):
    for name in ["Hà Văn Nam", "Lê Thị Hà", "Trần Hà My", "Nguyễn Hải", "Phạm Thanh", "Vũ Mỹ"]:
        person(office, name)

    results = search(user=admin, q=q)

    assert names(results.people) == found


def test_search_short_word_alone_in_the_key(admin, province):
    unit(province, "Hà", "h")

    results = search(user=admin, q="ha", kinds=("unit",))

    assert names(results.units, "name") == ["Hà"]


def test_search_number_starts_a_token(admin, office):
    person(office, "Nguyễn Văn 12")
    lam = person(office, "Lê Đào")
    for number in ("312/QĐ-UBND", "12/QĐ-UBND", "1234/QĐ-UBND", "5/QĐ-TTg"):
        record(lam, decision_number=number)

    results = search(user=admin, q="12", kinds=("person", "record"))

    assert names(results.people) == ["Nguyễn Văn 12"]
    assert sorted(r.decision_number for r in results.records.items) == [
        "12/QĐ-UBND",
        "1234/QĐ-UBND",
    ]
    found = search(user=admin, q="qđ-ttg", kinds=("record",)).records.items
    assert [r.decision_number for r in found] == ["5/QĐ-TTg"]


def test_search_like_wildcards_are_plain_characters(admin, office):
    person(office, "Đặng Văn Lâm")
    person(office, "Lâm 100% Đạt")

    assert names(search(user=admin, q="d_ng").people) == []
    assert names(search(user=admin, q="100%").people) == ["Lâm 100% Đạt"]
    assert names(search(user=admin, q="la%").people) == []


def test_search_nul_and_control_characters_count_as_spaces(admin, office):
    person(office, "Nguyễn Thị Đào")

    results = search(user=admin, q="nguyen\x00dao\t")

    assert results.words == ("nguyen", "dao")
    assert names(results.people) == ["Nguyễn Thị Đào"]


def test_search_words_are_folded_and_distinct():
    assert search_words("  Đặng  ĐẶNG hoà\u00a0Hòa ") == ("dang", "hoa")


@pytest.mark.parametrize(
    ("q", "words"),
    [
        ('"Cờ  thi đua" 12/QĐ', ("co thi dua", "12/qd")),
        ('"co thi', ("co", "thi")),
        ('"" dao', ("dao",)),
        ("a b c d e f g h i j", ("a", "b", "c", "d", "e", "f", "g", "h")),
    ],
)
def test_search_words_phrases_and_limits(q, words):
    assert search_words(q) == words


# ── what is searched and in which order ──────────────────────────────────────────────────────


def test_search_people_ordered_by_folded_name(admin, office):
    for name in ["Nguyễn Văn An", "Đặng Thị An", "Ân Văn An", "Bùi An"]:
        person(office, name)

    results = search(user=admin, q="an")

    # Đ sorts with D and Â with A (binary order would put both after Z).
    assert names(results.people) == ["Ân Văn An", "Bùi An", "Đặng Thị An", "Nguyễn Văn An"]


def test_search_units_ordered_by_folded_name(admin, province):
    for name in ["Trường THCS Yên Lạc", "Trường THCS Đông Hà", "Trường THCS An Khê"]:
        unit(province, name)

    results = search(user=admin, q="truong thcs")

    assert names(results.units, "name") == [
        "Trường THCS An Khê",
        "Trường THCS Đông Hà",
        "Trường THCS Yên Lạc",
    ]


def test_search_records_newest_year_first(admin, office):
    dao = person(office, "Nguyễn Thị Đào")
    for year in (2021, 2024, 2019, 2023):
        record(dao, year=year, decision_number=f"{year}/QĐ-UBND")

    results = search(user=admin, q="dao", kinds=("record",))

    assert [r.year for r in results.records.items] == [2024, 2023, 2021, 2019]


def test_search_records_found_by_decision_number(admin, office):
    dao = person(office, "Nguyễn Thị Đào")
    wanted = record(dao, decision_number="1234/QĐ-UBND", year=2023)
    record(dao, decision_number="567/QĐ-UBND", year=2024)

    for q in ("1234/QĐ-UBND", "1234/qd-ubnd", "1234 ubnd", "1234/QĐ"):
        results = search(user=admin, q=q, kinds=("record",))
        assert results.records.items == [wanted], q


def test_search_records_found_by_award_name(admin, province, office):
    school = unit(province, "Trường THPT Đào Duy Từ", "thpt")
    flag = record(school, award_type=CO_TINH, year=2024, decision_number="88/QĐ-UBND")
    record(person(office, "Nguyễn Thị Đào"), award_type="lao_dong_tien_tien", year=2024)

    results = search(user=admin, q="co thi dua", kinds=("record",))

    assert results.records.items == [flag]


def test_search_quoted_phrase_matches_as_one_word(admin, province, office):
    school = unit(province, "Trường THPT Đào Duy Từ", "thpt")
    flag = record(school, award_type=CO_TINH, year=2024)
    # "Chiến sĩ thi đua cơ sở" holds the words co, thi, dua too, but not the phrase.
    cstd = record(person(office, "Nguyễn Thị Đào"), award_type=CSTD, year=2023)

    words = search(user=admin, q="co thi dua", kinds=("record",))
    phrase = search(user=admin, q='"Cờ thi đua"', kinds=("record",))
    curly = search(user=admin, q="“cờ thi đua” tinh", kinds=("record",))

    assert words.records.items == [flag, cstd]
    assert (phrase.words, phrase.records.items) == (("co thi dua",), [flag])
    assert (curly.words, curly.records.items) == (("co thi dua", "tinh"), [flag])


def test_search_records_by_subject_and_award_words(admin, office):
    dao = person(office, "Nguyễn Thị Đào")
    duc = person(office, "Nguyễn Văn Đức")
    wanted = record(dao, award_type=CSTD)
    record(dao, award_type="lao_dong_tien_tien")
    record(duc, award_type=CSTD)

    results = search(user=admin, q="đào chiến sĩ", kinds=("record",))

    assert results.records.items == [wanted]


def test_search_records_include_revoked_lines(admin, office):
    revoked = record(person(office, "Nguyễn Thị Đào"), revoked=True, revoked_reason="Sai hồ sơ")

    results = search(user=admin, q="dao", kinds=("record",))

    assert results.records.items == [revoked]


def test_search_kinds_limit_what_is_searched(admin, province, office):
    unit(province, "Phòng Nội vụ Đào Viên")
    record(person(office, "Nguyễn Thị Đào"))

    results = search(user=admin, q="dao", kinds=("person",))

    assert (names(results.people), results.units.items, results.records.items) == (
        ["Nguyễn Thị Đào"],
        [],
        [],
    )


# ── scoping ──────────────────────────────────────────────────────────────────────────────────


def _two_provinces(province, office):
    other = ProvinceFactory(name="Tỉnh Nghệ An")
    far_unit = unit(other, "Sở Nội vụ Nghệ An Đào", "snv")
    far_person = person(far_unit, "Đặng Thị Đào")
    near_person = person(office, "Nguyễn Thị Đào")
    record(far_person, decision_number="9/QĐ-UBND")
    record(far_unit, award_type=CO_TINH, decision_number="9/QĐ-UBND")
    record(near_person, decision_number="9/QĐ-UBND")
    return other, near_person


def test_search_scoped_to_the_users_provinces(admin, province, office):
    _other, near = _two_provinces(province, office)

    results = search(user=admin, q="dao")

    assert names(results.people) == [near.full_name]
    assert results.units.items == []
    assert [r.person for r in results.records.items] == [near]


def test_search_national_board_sees_every_province(db, province, office):
    national = UserFactory(role=Role.BOARD_ADMIN, province=None)
    _two_provinces(province, office)

    results = search(user=national, q="dao")

    assert names(results.people) == ["Đặng Thị Đào", "Nguyễn Thị Đào"]
    assert len(results.records.items) == 3


def test_search_officer_of_other_province_finds_nothing(admin, province, office):
    other, _near = _two_provinces(province, office)
    officer = UserFactory(
        role=Role.UNIT_OFFICER, unit=unit(other, "UBND xã Hưng Lộc"), province=other
    )

    results = search(user=officer, q="nguyen dao")

    assert results.total == 0


def test_search_anonymous_user_finds_nothing(db, office):
    person(office, "Nguyễn Thị Đào")

    results = search(user=None, q="dao")

    assert results.total == 0


# ── hints, limits, totals, query count ───────────────────────────────────────────────────────


@pytest.mark.parametrize("q", ["", "   ", "a", "Đ", " đ ", "a b"])
def test_search_empty_or_one_character_query_gives_a_hint(
    admin, office, django_assert_num_queries, q
):
    person(office, "Đặng A")

    with django_assert_num_queries(0):
        results = search(user=admin, q=q)

    assert (results.searched, results.total) == (False, 0)
    assert results.hint == "Nhập ít nhất 2 ký tự để tìm kiếm."


def test_search_too_long_query_gives_a_hint(admin, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = search(user=admin, q="a" * 201)

    assert results.hint == "Từ khoá dài quá 200 ký tự."
    assert results.total == 0


def test_search_one_character_word_kept_beside_a_longer_one(admin, office):
    person(office, "Phạm Hữu Í")
    person(office, "Phạm Hữu Bé")

    results = search(user=admin, q="pham i")

    assert names(results.people) == ["Phạm Hữu Í"]


def test_search_over_the_limit_shows_the_most_recent_in_name_order(admin, office):
    for name in ["Đào Chi", "Đào An", "Đào Bình"]:
        person(office, name)

    results = search(user=admin, q="dao", limit=2)

    assert (names(results.people), results.people.total, results.people.more) == (
        ["Đào An", "Đào Bình"],
        3,
        False,
    )


def test_search_total_is_capped(admin, office, monkeypatch):
    monkeypatch.setattr(search_selectors, "TOTAL_CAP", 2)
    for name in ["Đào An", "Đào Bình", "Đào Chi", "Đào Dung"]:
        person(office, name)

    results = search(user=admin, q="dao", limit=1)

    assert (names(results.people), results.people.total, results.people.more) == (
        ["Đào Dung"],
        2,
        True,
    )


def test_search_common_word_answered_from_the_newest_rows(admin, office, monkeypatch):
    monkeypatch.setattr(search_selectors, "RECENT_WINDOW", 4)
    for name in ["Đào An", "Lê Bình", "Đào Chi", "Đào Dung", "Đào Em"]:
        person(office, name)

    results = search(user=admin, q="dao", limit=2)

    # Two of the four newest people match, one more than the page: "at least 3".
    assert (names(results.people), results.people.total, results.people.more) == (
        ["Đào Dung", "Đào Em"],
        3,
        True,
    )


def test_search_rare_word_found_beyond_the_newest_rows(admin, office, monkeypatch):
    monkeypatch.setattr(search_selectors, "RECENT_WINDOW", 2)
    person(office, "Đào An")
    for name in ["Lê Bình", "Lê Chi", "Lê Dung"]:
        person(office, name)

    results = search(user=admin, q="dao")

    assert (names(results.people), results.people.total, results.people.more) == (
        ["Đào An"],
        1,
        False,
    )


def test_search_too_many_candidates_walks_back_from_the_newest(admin, office, monkeypatch):
    monkeypatch.setattr(search_selectors, "MAX_CANDIDATES", 2)
    for name in ["Đào An", "Đào Bình", "Đào Chi", "Đào Dung"]:
        person(office, name)

    results = search(user=admin, q="dao", limit=2)

    assert (names(results.people), results.people.total, results.people.more) == (
        ["Đào Chi", "Đào Dung"],
        2,
        True,
    )


@pytest.mark.parametrize(("window", "near"), [(1, 2), (3, 5), (6, 1), (1, 4), (50, 100)])
def test_search_same_page_whichever_way_it_is_found(
    admin, province, office, monkeypatch, window, near
):
    names_ = ["Đào An", "Lê Hà", "Đào Hà", "Hà Đào", "Trần Đào My", "Đào Duy", "Lê Đào"]
    for i, name in enumerate(names_):
        record(person(office, name), year=2020 + i % 3, decision_number=f"{i}/QĐ")
    expected = {
        q: (names(search(user=admin, q=q, limit=3).people), search(user=admin, q=q).records)
        for q in ("dao", "ha", "le dao", "dao ha")
    }
    monkeypatch.setattr(search_selectors, "RECENT_WINDOW", window)
    monkeypatch.setattr(search_selectors, "NEAR_WINDOW", near)  # PostgreSQL's index step

    for q, (people, records) in expected.items():
        assert names(search(user=admin, q=q, limit=3).people) == people, q
        assert search(user=admin, q=q).records.items == records.items, q


def _queries(user, q, limit=20):
    fresh = type(user).objects.get(pk=user.pk)  # the scoping helper caches on the user object
    with CaptureQueriesContext(connection) as ctx:
        search(user=fresh, q=q, limit=limit)
    return len(ctx.captured_queries)


def _add_matches(province, office, n):
    for _ in range(n):
        p = person(office, "Nguyễn Thị Đào")
        record(p, decision_number="1/QĐ")
        record(unit(province, "Trường Đào Tạo"), award_type=CO_TINH)


def test_search_query_count_same_for_one_and_three_items(admin, province, office):
    _add_matches(province, office, 1)
    one = _queries(admin, "dao")
    _add_matches(province, office, 2)
    three = _queries(admin, "dao")

    # Two for the user's provinces; per kind the newest-rows edge, the ids, the rows.
    # PostgreSQL: registry lines through their subjects (decision tokens, the two tables'
    # edges, read once per search, people and units read with the index's limits set and set
    # back in a savepoint, the newest lines per kind of subject, which also give their count),
    # which bring the people's answer.
    expected = 11 + 11 * (connection.vendor == "postgresql")
    assert (one, three) == (expected, expected)


def test_search_query_count_bounded_on_every_path(admin, province, office, monkeypatch):
    _add_matches(province, office, 3)
    monkeypatch.setattr(search_selectors, "RECENT_WINDOW", 1)
    monkeypatch.setattr(search_selectors, "NEAR_WINDOW", 2)
    monkeypatch.setattr(search_selectors, "MAX_CANDIDATES", 1)

    # The newest rows (edge, scan), on PostgreSQL the index among the newest ids, then the
    # index (ids, too many: walk back), then the rows; each index read with its limits.
    assert _queries(admin, "dao", limit=2) <= 2 + 3 * (5 + 4 + 5)


# ── PostgreSQL: the token indexes of migration 0004 serve the lookup ─────────────────────────


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN index is PostgreSQL only")
@pytest.mark.parametrize(
    ("model", "index"),
    [
        (AwardRecord, "awards_record_search_tokens"),
        (Unit, "org_unit_search_tokens"),
        (Person, "org_person_search_tokens"),
    ],
)
def test_search_lookup_uses_the_token_index(db, model, index):
    with connection.cursor() as cursor:
        # On a near-empty table a scan is cheaper; forbid scans and plain index walks (a full
        # walk of another index would also avoid a seq scan) to see that the GIN index applies.
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")

    condition = core_search.indexed_filter(["nguyen", "hoa"], connection.vendor)
    plan = model.objects.order_by().filter(condition).explain()

    assert index in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL plan")
def test_search_newest_rows_scan_never_consults_the_token_index(db):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")

    recent = search_selectors._scanning(AwardRecord.objects.filter(pk__gte=1), ["nguyen", "ha"])
    plan = recent.order_by("-pk")[:21].explain()

    assert "search_tokens" not in plan
    assert "awards_awardrecord_pkey" in plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout")
def test_index_read_gives_up_in_time(db, monkeypatch):
    monkeypatch.setattr(search_selectors, "INDEX_TIMEOUT_MS", 50)

    def slow():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return "read"

    assert search_selectors._guarded(slow) is None
    assert search_selectors._guarded(lambda: "read") == "read"
    with connection.cursor() as cursor:  # the limits were the transaction's only
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.parametrize("window", [2, 3, 5])
def test_search_widened_newest_rows_give_the_same_page(admin, office, monkeypatch, window):
    """A few matches among the newest rows: the wider window of newest rows they call for
    answers with the page the index would give."""
    for i in range(12):
        name = "Đào Văn An" if i % 3 == 0 else f"Lê Văn Bình {i}"
        record(person(office, name), year=2020 + i % 4, decision_number=f"{i}/QĐ")
    monkeypatch.setattr(search_selectors, "RECENT_WINDOW", window)
    monkeypatch.setattr(search_selectors, "MAX_RECENT_WINDOW", 0)  # no widening
    expected = search(user=admin, q="dao an", limit=2)
    monkeypatch.setattr(search_selectors, "MAX_RECENT_WINDOW", 10_000)
    widened = search(user=admin, q="dao an", limit=2)

    assert widened.records.items == expected.records.items
    assert names(widened.people) == names(expected.people)
