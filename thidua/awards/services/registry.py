"""The registry of awards (sổ theo dõi khen thưởng): records of the titles and commendations a
unit or a person received, their revocation (GEN-08), and each year's assessment facts.

Every write checks "awards.manage_registry" on the record, or on the Unit or Person it is about
(a record outside the actor's scope answers "not found"), runs in one transaction and leaves a
history row with the acting user, the reason and the old and new values. Bad input raises
ValidationFailed with a machine code and `details["field"]`, and changes nothing.
"""

import datetime
import unicodedata
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.awards.keys import record_search_key
from thidua.awards.models import (
    AnnualAssessment,
    AwardBasis,
    AwardRecord,
    InitiativeScope,
    Rating,
    RecordSource,
)
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Person, Unit
from thidua.org.services._common import save

FIRST_YEAR = 1945  # the first emulation titles of the Democratic Republic
DECISION_MAX, ISSUER_MAX, NOTE_MAX, IMPORT_KEY_MAX = 60, 255, 4000, 64
# Fields a registry line may change after it is written; the subject never changes (revoke and
# write a new line instead, so that the history of both subjects stays true).
RECORD_FIELDS = (
    "award_type",
    "year",
    "basis",
    "decision_number",
    "decision_date",
    "issuer",
    "source",
    "note",
    "is_illustrative",
)
SUBJECT_OF_KIND = {"unit": "collective", "person": "individual"}


# ── Award records ───────────────────────────────────────────────────────────────────────────


@transaction.atomic
def award_record_create(
    *,
    actor: Any,
    unit: Unit | None = None,
    person: Person | None = None,
    award_type: str,
    year: int,
    basis: str = AwardBasis.MERIT,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    issuer: str = "",
    source: str = RecordSource.MANUAL,
    note: str = "",
    import_key: str = "",
    is_illustrative: bool = False,
) -> AwardRecord:
    """Write a line of the registry for `unit` or `person` (exactly one).

    Side effects: the record is saved with its folded search key and a history row
    ("award_record_create"). Refusals: ValidationFailed (subject_required, unknown_award_type,
    wrong_subject, invalid_year, invalid_date, invalid_choice, invalid_text, too_long), Conflict
    duplicate_record (the same subject, award, year and decision, not revoked) or
    duplicate_import (a line with the same import key exists).
    """
    subject, kind = _subject(unit, person)
    require(actor, "awards.manage_registry", subject)
    _lock(subject)
    values = _clean_record(
        {
            "award_type": award_type,
            "year": year,
            "basis": basis,
            "decision_number": decision_number,
            "decision_date": decision_date,
            "issuer": issuer,
            "source": source,
            "note": note,
            "is_illustrative": is_illustrative,
        },
        kind=kind,
    )
    province_id = subject.province_id if isinstance(subject, Unit) else subject.unit.province_id
    record = AwardRecord(
        **{kind: subject}, **values, province_id=province_id, import_key=_import_key(import_key)
    )
    _refuse_duplicate(record)
    record.search_key = _search_key(record, subject)
    _save(record, actor=actor, reason="award_record_create")
    return record


@transaction.atomic
def award_record_update(*, actor: Any, record: AwardRecord, **fields: Any) -> AwardRecord:
    """Change the fields of a line (not its subject; not once revoked).

    Side effects: the changed fields and the search key are saved with a history row
    ("award_record_update") holding the old and new values; an unchanged line is left as it is.
    Refusals: as award_record_create, plus unknown_field and Conflict record_revoked.
    """
    require(actor, "awards.manage_registry", record)
    unknown = sorted(set(fields) - set(RECORD_FIELDS))
    if unknown:
        raise ValidationFailed(
            _("Không sửa được trường “%(field)s” của bản ghi khen thưởng.") % {"field": unknown[0]},
            code="unknown_field",
            details={"field": unknown[0]},
        )
    subject, kind = _subject(record.unit, record.person)
    _lock(subject)
    record.refresh_from_db(fields=["revoked"])
    if record.revoked:
        raise Conflict(
            _("Bản ghi đã bị huỷ; không sửa được bản ghi đã huỷ."), code="record_revoked"
        )
    current = {name: getattr(record, name) for name in RECORD_FIELDS}
    values = _clean_record({**current, **fields}, kind=kind)
    changed = [name for name in RECORD_FIELDS if values[name] != current[name]]
    if not changed:
        return record
    for name in changed:
        setattr(record, name, values[name])
    _refuse_duplicate(record)
    record.search_key = _search_key(record, subject)
    _save(record, actor=actor, reason="award_record_update", update_fields=[*changed, "search_key"])
    return record


@transaction.atomic
def award_record_revoke(*, actor: Any, record: AwardRecord, reason: str) -> AwardRecord:
    """Cancel a line (GEN-08: fraud, a false dossier, standards found unmet): the line stays in
    the registry, shown struck through, and never counts for eligibility.

    Side effects: revoked, the reason and the time are saved with a history row
    ("award_record_revoke"). Refusals: ValidationFailed required / invalid_text / too_long for the
    reason, Conflict already_revoked.
    """
    require(actor, "awards.manage_registry", record)
    text = _text(reason, field="reason", label=_("lý do huỷ"), max_length=NOTE_MAX, multiline=True)
    if not text:
        raise ValidationFailed(
            _(
                "Cần ghi lý do huỷ (GEN-08: gian dối, hồ sơ không trung thực, không đạt tiêu chuẩn…)."
            ),
            code="required",
            details={"field": "reason"},
        )
    record.refresh_from_db(fields=["revoked"])
    if record.revoked:
        raise Conflict(_("Bản ghi này đã bị huỷ trước đó."), code="already_revoked")
    record.revoked, record.revoked_reason, record.revoked_at = True, text, timezone.now()
    _save(
        record,
        actor=actor,
        reason="award_record_revoke",
        update_fields=["revoked", "revoked_reason", "revoked_at"],
    )
    return record


# ── Annual assessments ──────────────────────────────────────────────────────────────────────


@transaction.atomic
def assessment_set(
    *,
    actor: Any,
    unit: Unit | None = None,
    person: Person | None = None,
    year: int,
    rating: str = "",
    initiative_scope: str = "",
    science_accepted: bool = False,
    disciplined: bool = False,
    note: str = "",
    source: str | None = None,
    is_illustrative: bool | None = None,
) -> AnnualAssessment:
    """Create or update the year's facts of `unit` or `person` (exactly one): the rating
    (GEN-09), a recognised initiative, an accepted science work, discipline (GEN-03).

    `source` and `is_illustrative` left as None keep the stored values (manual, False when new).
    Side effects: the row is saved with a history row ("assessment_create" or
    "assessment_update"); an unchanged assessment is returned without one.
    """
    subject, kind = _subject(unit, person)
    require(actor, "awards.manage_registry", subject)
    values: dict[str, Any] = {
        "rating": _choice(rating, Rating, field="rating", blank=True),
        "initiative_scope": _choice(
            initiative_scope, InitiativeScope, field="initiative_scope", blank=True
        ),
        "science_accepted": _bool(science_accepted, field="science_accepted"),
        "disciplined": _bool(disciplined, field="disciplined"),
        "note": _text(note, field="note", label=_("ghi chú"), max_length=NOTE_MAX, multiline=True),
    }
    if source is not None:
        values["source"] = _choice(source, RecordSource, field="source")
    if is_illustrative is not None:
        values["is_illustrative"] = _bool(is_illustrative, field="is_illustrative")
    clean_year = _year(year)
    found = (
        AnnualAssessment.objects.select_for_update()
        .filter(**{kind: subject}, year=clean_year)
        .first()
    )
    assessment = found or AnnualAssessment(**{kind: subject}, year=clean_year)
    changed = [name for name, value in values.items() if getattr(assessment, name) != value]
    if found is not None and not changed:
        return assessment
    for name in changed:
        setattr(assessment, name, values[name])
    reason = "assessment_update" if found else "assessment_create"
    _save(assessment, actor=actor, reason=reason, update_fields=changed if found else None)
    return assessment


# ── Validation ──────────────────────────────────────────────────────────────────────────────


def _subject(unit: Unit | None, person: Person | None) -> tuple[Unit | Person, str]:
    if (unit is None) == (person is None):
        raise ValidationFailed(
            _("Bản ghi phải thuộc đúng một đối tượng: một tập thể (đơn vị) hoặc một cá nhân."),
            code="subject_required",
            details={"field": "subject"},
        )
    if unit is not None:
        return unit, "unit"
    assert person is not None
    return person, "person"


def _lock(subject: Model) -> None:
    # Two writes for the same subject queue here, so the duplicate check below sees the other.
    list(type(subject)._default_manager.select_for_update().filter(pk=subject.pk).values("pk"))


def _clean_record(values: Mapping[str, Any], *, kind: str) -> dict[str, Any]:
    award = _award(values["award_type"], kind=kind)
    year = _year(values["year"])
    decision_date = _decision_date(values["decision_date"], year=year)
    return {
        "award_type": award.code,
        "year": year,
        "basis": _choice(values["basis"], AwardBasis, field="basis"),
        "decision_number": _text(
            values["decision_number"],
            field="decision_number",
            label=_("số quyết định"),
            max_length=DECISION_MAX,
        ),
        "decision_date": decision_date,
        "issuer": _text(
            values["issuer"], field="issuer", label=_("cơ quan quyết định"), max_length=ISSUER_MAX
        ),
        "source": _choice(values["source"], RecordSource, field="source"),
        "note": _text(
            values["note"], field="note", label=_("ghi chú"), max_length=NOTE_MAX, multiline=True
        ),
        "is_illustrative": _bool(values["is_illustrative"], field="is_illustrative"),
    }


def _award(code: Any, *, kind: str) -> AwardType:
    try:
        award = load_rulebook().award_type(str(code or ""))
    except KeyError:
        raise ValidationFailed(
            _("Không có hình thức “%(code)s” trong danh mục khen thưởng.")
            % {"code": _printable(code)},
            code="unknown_award_type",
            details={"field": "award_type"},
        ) from None
    if award.subject != SUBJECT_OF_KIND[kind]:
        message = (
            _("“%(award)s” chỉ tặng cho cá nhân, không tặng cho tập thể.")
            if award.subject == "individual"
            else _("“%(award)s” chỉ tặng cho tập thể, không tặng cho cá nhân.")
        )
        raise ValidationFailed(
            message % {"award": award.name}, code="wrong_subject", details={"field": "award_type"}
        )
    return award


def _year(value: Any) -> int:
    last = timezone.localdate().year + 1
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= last:
        raise ValidationFailed(
            _("Năm phải là số nguyên từ %(low)s đến %(high)s.") % {"low": FIRST_YEAR, "high": last},
            code="invalid_year",
            details={"field": "year"},
        )
    return value


def _decision_date(value: Any, *, year: int) -> datetime.date | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
        raise ValidationFailed(
            _("Ngày quyết định không hợp lệ."),
            code="invalid_date",
            details={"field": "decision_date"},
        )
    # A year's titles are decided in that year or early in the next; a decision dated two years
    # before the award year is a typing error.
    if value.year < year - 1:
        raise ValidationFailed(
            _("Ngày quyết định (%(date)s) không thể trước năm %(year)s.")
            % {"date": value.strftime("%d/%m/%Y"), "year": year - 1},
            code="invalid_date",
            details={"field": "decision_date"},
        )
    return value


def _choice(value: Any, choices: Any, *, field: str, blank: bool = False) -> str:
    if (blank and value in ("", None)) or value in choices.values:
        return str(value or "")
    allowed = ", ".join(choices.values)
    raise ValidationFailed(
        _("Giá trị “%(value)s” không hợp lệ; chọn một trong: %(allowed)s.")
        % {"value": _printable(value), "allowed": allowed},
        code="invalid_choice",
        details={"field": field},
    )


def _bool(value: Any, *, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationFailed(
            _("Trường “%(field)s” phải là true hoặc false.") % {"field": field},
            code="invalid_choice",
            details={"field": field},
        )
    return value


def _text(value: Any, *, field: str, label: str, max_length: int, multiline: bool = False) -> str:
    """NFC text without NUL; one line collapses inner whitespace, a note keeps its lines."""
    raw = unicodedata.normalize("NFC", str(value or ""))
    if "\x00" in raw:
        raise ValidationFailed(
            _("Trường “%(field)s” chứa ký tự không hợp lệ.") % {"field": label},
            code="invalid_text",
            details={"field": field},
        )
    lines = raw.splitlines() if multiline else [raw]
    text = "\n".join(" ".join(line.split()) for line in lines).strip()
    if len(text) > max_length:
        raise ValidationFailed(
            _("Trường “%(field)s” dài quá %(max)s ký tự.") % {"field": label, "max": max_length},
            code="too_long",
            details={"field": field},
        )
    return text


def _import_key(value: Any) -> str:
    key = _text(value, field="import_key", label="import_key", max_length=IMPORT_KEY_MAX)
    if key and AwardRecord.objects.filter(import_key=key).exists():
        raise Conflict(
            _("Dòng này đã được nhập trước đó (trùng khoá nhập)."),
            code="duplicate_import",
            details={"field": "import_key"},
        )
    return key


def _printable(value: Any) -> str:
    text = str(value).replace("\x00", "\\x00")
    return text if len(text) <= 60 else text[:60] + "…"


def _refuse_duplicate(record: AwardRecord) -> None:
    subject = (
        Q(unit_id=record.unit_id) if record.unit_id is not None else Q(person_id=record.person_id)
    )
    same = AwardRecord.objects.filter(
        subject,
        award_type=record.award_type,
        year=record.year,
        decision_number=record.decision_number,
        revoked=False,
    )
    if record.pk is not None:
        same = same.exclude(pk=record.pk)
    if same.exists():
        raise Conflict(
            _(
                "Sổ đã có bản ghi này (cùng đối tượng, hình thức, năm và số quyết định); "
                "hãy sửa bản ghi đã có."
            ),
            code="duplicate_record",
            details={"id": same.values_list("pk", flat=True).first()},
        )


def subject_renamed(subject: Unit | Person) -> int:
    """Refresh the search keys of a renamed unit's or person's registry lines (search finds a
    line by its subject's current name; `awards.selectors.search` relies on it). The key is
    not part of a line's history. Returns how many lines changed."""
    lines = list(
        subject.award_records.only("pk", "award_type", "decision_number", "search_key")  # type: ignore[union-attr]
    )
    changed = []
    for record in lines:
        key = _search_key(record, subject)
        if key != record.search_key:
            record.search_key = key
            changed.append(record)
    AwardRecord.objects.bulk_update(changed, ["search_key"], batch_size=500)
    return len(changed)


def _search_key(record: AwardRecord, subject: Unit | Person) -> str:
    name = subject.name if isinstance(subject, Unit) else subject.full_name
    return record_search_key(
        subject=name,
        award_name=load_rulebook().award_type(record.award_type).name,
        decision_number=record.decision_number,
    )


def _save(
    instance: Model, *, actor: Any, reason: str, update_fields: list[str] | None = None
) -> None:
    try:
        with transaction.atomic():
            save(instance, actor=actor, reason=reason, update_fields=update_fields)
    except IntegrityError as exc:  # a concurrent write of the same import key or assessment
        raise Conflict(
            _("Dữ liệu vừa được người khác lưu; vui lòng tải lại trang."), code="conflict"
        ) from exc
