"""awards.services.registry: who may write the registry, what is refused (and changes nothing),
revocation (GEN-08) and the year's assessments."""

import datetime
import unicodedata
from dataclasses import dataclass

import pytest
from django.utils import timezone

from tests.factories import PersonFactory, ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.awards import services
from thidua.awards.models import AnnualAssessment, AwardRecord
from thidua.core.exceptions import Conflict, NotFound, PermissionDeniedError, ValidationFailed
from thidua.core.text import fold
from thidua.org.models import Person, Unit

pytestmark = pytest.mark.integration

COLLECTIVE = "tap_the_lao_dong_xuat_sac"
INDIVIDUAL = "chien_si_thi_dua_co_so"


@dataclass
class Setup:
    unit: Unit
    person: Person
    users: dict[str, User]


@pytest.fixture
def setup(db) -> Setup:
    home, away = ProvinceFactory(), ProvinceFactory()
    unit = UnitFactory(province=home, name="Sở Tài chính")
    person = PersonFactory(unit=unit, full_name="Trần Thị Hoà")
    users = {
        "board": UserFactory(role=Role.BOARD_ADMIN, province=home),
        "national_board": UserFactory(role=Role.BOARD_ADMIN, province=None),
        "other_board": UserFactory(role=Role.BOARD_ADMIN, province=away),
        "officer": UserFactory(role=Role.UNIT_OFFICER, unit=unit, province=home),
        "viewer": UserFactory(role=Role.VIEWER, province=home),
    }
    return Setup(unit=unit, person=person, users=users)


def _create(actor, *, unit=None, person=None, **values):
    values = {
        "award_type": INDIVIDUAL if person is not None else COLLECTIVE,
        "year": 2023,
        "decision_number": "123/QĐ-UBND",
        **values,
    }
    return services.award_record_create(actor=actor, unit=unit, person=person, **values)


# ── Permissions: one setup, allowed and denied (base_permission_test) ──────────────────────

DENIED = {
    "other_board": NotFound,
    "officer": PermissionDeniedError,
    "viewer": PermissionDeniedError,
}


def _call(name: str, setup: Setup, actor: User):
    board = setup.users["board"]
    if name == "create_unit":
        return _create(actor, unit=setup.unit)
    if name == "create_person":
        return _create(actor, person=setup.person)
    if name == "update":
        record = _create(board, unit=setup.unit)
        return services.award_record_update(actor=actor, record=record, issuer="UBND tỉnh")
    if name == "revoke":
        record = _create(board, person=setup.person)
        return services.award_record_revoke(actor=actor, record=record, reason="Hồ sơ sai")
    if name == "assessment":
        return services.assessment_set(actor=actor, person=setup.person, year=2023, rating="htxs")
    raise AssertionError(name)


def base_permission_test(name: str, role: str, setup: Setup) -> None:
    """Arrange the shared setup, write as `role`: allowed saves, denied raises and changes nothing
    (the record the board wrote for an update or a revocation stays as it was)."""
    actor = setup.users[role]
    if role in ("board", "national_board"):
        assert _call(name, setup, actor).pk is not None
        return

    with pytest.raises(DENIED[role]):
        _call(name, setup, actor)

    written_by_setup = 1 if name in ("update", "revoke") else 0
    assert AwardRecord.objects.count() == written_by_setup
    assert AwardRecord.objects.filter(revoked=False, issuer="").count() == written_by_setup
    assert AnnualAssessment.objects.count() == 0


@pytest.mark.parametrize("name", ["create_unit", "create_person", "update", "revoke", "assessment"])
@pytest.mark.parametrize("role", ["board", "national_board", "other_board", "officer", "viewer"])
def test_registry_write_permission(setup, name, role):
    base_permission_test(name, role, setup)


# ── Create ───────────────────────────────────────────────────────────────────────────────────


def test_create_stores_the_record_with_search_key_and_history(setup):
    board = setup.users["board"]

    record = _create(
        board,
        person=setup.person,
        decision_date=datetime.date(2024, 1, 15),
        issuer="Chủ tịch UBND tỉnh",
        note="Dòng 1\n  Dòng   2 ",
    )

    record.refresh_from_db()
    assert record.person == setup.person
    assert record.unit is None
    assert record.source == "manual"
    assert record.basis == "merit"
    assert record.note == "Dòng 1\nDòng 2"
    assert record.search_key == fold("Trần Thị Hoà Chiến sĩ thi đua cơ sở 123/QĐ-UBND")
    history = record.history.get()
    assert history.history_user == board
    assert history.history_change_reason == "award_record_create"


def test_create_normalises_text_to_nfc(setup):
    nfd = unicodedata.normalize("NFD", "Số 5/QĐ-Sở")

    record = _create(setup.users["board"], unit=setup.unit, decision_number=nfd)

    assert record.decision_number == unicodedata.normalize("NFC", "Số 5/QĐ-Sở")


def test_create_accepts_the_decision_in_the_year_before(setup):
    record = _create(
        setup.users["board"], unit=setup.unit, year=2023, decision_date=datetime.date(2022, 1, 1)
    )

    assert record.decision_date == datetime.date(2022, 1, 1)


def test_create_accepts_next_year(setup):
    next_year = timezone.localdate().year + 1

    record = _create(setup.users["board"], unit=setup.unit, year=next_year)

    assert record.year == next_year


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"subject": "none"}, "subject_required"),
        ({"subject": "both"}, "subject_required"),
        ({"award_type": "huan_chuong_khong_co"}, "unknown_award_type"),
        ({"award_type": ""}, "unknown_award_type"),
        ({"award_type": INDIVIDUAL}, "wrong_subject"),
        ({"year": 1944}, "invalid_year"),
        ({"year": "2023"}, "invalid_year"),
        ({"year": True}, "invalid_year"),
        ({"year": "next"}, "invalid_year"),
        ({"decision_date": datetime.date(2021, 12, 31)}, "invalid_date"),
        ({"decision_date": "2023-01-01"}, "invalid_date"),
        ({"basis": "special"}, "invalid_choice"),
        ({"source": "rumour"}, "invalid_choice"),
        ({"is_illustrative": "yes"}, "invalid_choice"),
        ({"note": "a\x00b"}, "invalid_text"),
        ({"issuer": "x" * 256}, "too_long"),
        ({"decision_number": "1" * 61}, "too_long"),
    ],
)
def test_create_refuses_bad_input_and_changes_nothing(setup, values, code):
    values = dict(values)
    subject = values.pop("subject", "unit")
    subjects = {
        "unit": {"unit": setup.unit},
        "none": {},
        "both": {"unit": setup.unit, "person": setup.person},
    }[subject]

    with pytest.raises(ValidationFailed) as exc:
        _create(setup.users["board"], **subjects, **values)

    assert exc.value.code == code
    assert AwardRecord.objects.count() == 0


def test_create_refuses_a_year_after_next(setup):
    with pytest.raises(ValidationFailed) as exc:
        _create(setup.users["board"], unit=setup.unit, year=timezone.localdate().year + 2)

    assert exc.value.code == "invalid_year"


def test_create_refuses_a_collective_award_for_a_person(setup):
    with pytest.raises(ValidationFailed) as exc:
        _create(setup.users["board"], person=setup.person, award_type=COLLECTIVE)

    assert exc.value.code == "wrong_subject"
    assert AwardRecord.objects.count() == 0


def test_create_refuses_a_duplicate(setup):
    board = setup.users["board"]
    first = _create(board, unit=setup.unit)

    with pytest.raises(Conflict) as exc:
        _create(board, unit=setup.unit, note="lần hai")

    assert exc.value.code == "duplicate_record"
    assert exc.value.details == {"id": first.pk}
    assert AwardRecord.objects.count() == 1


def test_create_after_revoking_the_same_line_is_allowed(setup):
    board = setup.users["board"]
    first = _create(board, unit=setup.unit)
    services.award_record_revoke(actor=board, record=first, reason="Nhập nhầm")

    second = _create(board, unit=setup.unit)

    assert second.pk != first.pk


def test_create_with_another_decision_number_is_not_a_duplicate(setup):
    board = setup.users["board"]
    _create(board, unit=setup.unit)

    _create(board, unit=setup.unit, decision_number="124/QĐ-UBND")

    assert AwardRecord.objects.count() == 2


def test_create_refuses_a_known_import_key(setup):
    board = setup.users["board"]
    _create(board, unit=setup.unit, import_key="k" * 64)

    with pytest.raises(Conflict) as exc:
        _create(board, unit=setup.unit, decision_number="9/QĐ", import_key="k" * 64)

    assert exc.value.code == "duplicate_import"
    assert AwardRecord.objects.count() == 1


# ── Update ───────────────────────────────────────────────────────────────────────────────────


def test_update_changes_fields_and_keeps_old_and_new_values(setup):
    board = setup.users["board"]
    record = _create(board, unit=setup.unit)

    services.award_record_update(
        actor=board, record=record, decision_number="200/QĐ-UBND", basis="thematic"
    )

    record.refresh_from_db()
    assert record.decision_number == "200/QĐ-UBND"
    assert record.basis == "thematic"
    assert "200/qd-ubnd" in record.search_key
    latest, previous = record.history.all()[:2]
    changes = {c.field: (c.old, c.new) for c in latest.diff_against(previous).changes}
    assert changes == {
        "decision_number": ("123/QĐ-UBND", "200/QĐ-UBND"),
        "basis": ("merit", "thematic"),
    }
    assert latest.history_change_reason == "award_record_update"


def test_update_without_change_writes_no_history(setup):
    board = setup.users["board"]
    record = _create(board, unit=setup.unit)

    services.award_record_update(actor=board, record=record, year=2023)

    assert record.history.count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"unit": None}, "unknown_field"),
        ({"revoked": True}, "unknown_field"),
        ({"year": 1900}, "invalid_year"),
        ({"award_type": INDIVIDUAL}, "wrong_subject"),
        ({"decision_number": "\x00"}, "invalid_text"),
    ],
)
def test_update_refuses_bad_input_and_changes_nothing(setup, fields, code):
    board = setup.users["board"]
    record = _create(board, unit=setup.unit)

    with pytest.raises(ValidationFailed) as exc:
        services.award_record_update(actor=board, record=record, **fields)

    assert exc.value.code == code
    record.refresh_from_db()
    assert (record.year, record.award_type, record.decision_number) == (
        2023,
        COLLECTIVE,
        "123/QĐ-UBND",
    )
    assert record.history.count() == 1


def test_update_refuses_to_become_a_duplicate(setup):
    board = setup.users["board"]
    _create(board, unit=setup.unit)
    other = _create(board, unit=setup.unit, decision_number="124/QĐ-UBND")

    with pytest.raises(Conflict) as exc:
        services.award_record_update(actor=board, record=other, decision_number="123/QĐ-UBND")

    assert exc.value.code == "duplicate_record"
    other.refresh_from_db()
    assert other.decision_number == "124/QĐ-UBND"


def test_update_refuses_a_revoked_record(setup):
    board = setup.users["board"]
    record = _create(board, unit=setup.unit)
    services.award_record_revoke(actor=board, record=record, reason="Sai")

    with pytest.raises(Conflict) as exc:
        services.award_record_update(actor=board, record=record, issuer="UBND")

    assert exc.value.code == "record_revoked"


# ── Revoke (GEN-08) ──────────────────────────────────────────────────────────────────────────


def test_revoke_keeps_the_record_with_reason_and_time(setup):
    board = setup.users["board"]
    record = _create(board, person=setup.person)

    services.award_record_revoke(actor=board, record=record, reason=" Hồ sơ không trung thực ")

    record.refresh_from_db()
    assert record.revoked is True
    assert record.revoked_reason == "Hồ sơ không trung thực"
    assert record.revoked_at is not None
    assert record.history.first().history_change_reason == "award_record_revoke"


@pytest.mark.parametrize("reason", ["", "   ", "\n"])
def test_revoke_needs_a_reason(setup, reason):
    board = setup.users["board"]
    record = _create(board, person=setup.person)

    with pytest.raises(ValidationFailed) as exc:
        services.award_record_revoke(actor=board, record=record, reason=reason)

    assert exc.value.code == "required"
    record.refresh_from_db()
    assert record.revoked is False


def test_revoke_twice_is_refused(setup):
    board = setup.users["board"]
    record = _create(board, person=setup.person)
    services.award_record_revoke(actor=board, record=record, reason="Sai")

    with pytest.raises(Conflict) as exc:
        services.award_record_revoke(actor=board, record=record, reason="Lại")

    assert exc.value.code == "already_revoked"
    record.refresh_from_db()
    assert record.revoked_reason == "Sai"


# ── Assessments ──────────────────────────────────────────────────────────────────────────────


def test_assessment_set_creates_then_updates(setup):
    board = setup.users["board"]

    first = services.assessment_set(actor=board, unit=setup.unit, year=2023, rating="htt")
    second = services.assessment_set(
        actor=board, unit=setup.unit, year=2023, rating="htxs", initiative_scope="grassroots"
    )

    assert second.pk == first.pk
    second.refresh_from_db()
    assert (second.rating, second.initiative_scope) == ("htxs", "grassroots")
    reasons = [h.history_change_reason for h in second.history.order_by("history_id")]
    assert reasons == ["assessment_create", "assessment_update"]


def test_assessment_set_unchanged_writes_no_history(setup):
    board = setup.users["board"]
    services.assessment_set(actor=board, person=setup.person, year=2022, disciplined=True)

    again = services.assessment_set(actor=board, person=setup.person, year=2022, disciplined=True)

    assert again.history.count() == 1


def test_assessment_set_keeps_source_unless_given(setup):
    board = setup.users["board"]
    services.assessment_set(actor=board, person=setup.person, year=2022, source="imported")

    again = services.assessment_set(actor=board, person=setup.person, year=2022, rating="ht")

    assert again.source == "imported"


@pytest.mark.parametrize(
    ("values", "code"),
    [
        ({"rating": "excellent"}, "invalid_choice"),
        ({"initiative_scope": "world"}, "invalid_choice"),
        ({"science_accepted": "true"}, "invalid_choice"),
        ({"year": 3000}, "invalid_year"),
        ({"note": "\x00"}, "invalid_text"),
        ({"source": "x"}, "invalid_choice"),
    ],
)
def test_assessment_set_refuses_bad_input(setup, values, code):
    values = {"year": 2023, **values}

    with pytest.raises(ValidationFailed) as exc:
        services.assessment_set(actor=setup.users["board"], unit=setup.unit, **values)

    assert exc.value.code == code
    assert AnnualAssessment.objects.count() == 0


def test_assessment_set_needs_one_subject(setup):
    with pytest.raises(ValidationFailed) as exc:
        services.assessment_set(actor=setup.users["board"], year=2023)

    assert exc.value.code == "subject_required"
