"""`registry_import`: award history from a province's .xlsx registry, all or nothing."""

import contextlib
import datetime
import gc
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from thidua.accounts.permissions import require
from thidua.awards.importing.format import ImportReport
from thidua.awards.importing.reader import Progress, read_records
from thidua.awards.importing.validation import NewPersonKey, Plan, PlannedRecord, plan_rows
from thidua.awards.keys import record_import_key, record_search_key
from thidua.awards.models import AwardRecord, RecordSource
from thidua.awards.selectors.history import chunks
from thidua.core.text import fold
from thidua.org.models import Person, Province

# The board keeps its province's registry (object: the Province).
IMPORT_PERMISSION = "awards.manage_registry"
BATCH_SIZE = 2000
# Rows per `import_key IN (…)` query (SQLite allows 999 parameters in old builds).
KEY_QUERY_SIZE = 900
CHANGE_REASON = "import"

Phase = Callable[[str], None]
# (unit id, person id, award type, year, folded decision number): a line of the registry.
Line = tuple[int | None, int | None, str, int, str]


def _read_bytes(file: bytes | str | Path | IO[bytes]) -> bytes:
    """The file's content, cut one byte past the size limit (the reader words that error)."""
    limit = int(settings.IMPORT_MAX_BYTES) + 1
    if isinstance(file, bytes):
        return file
    if isinstance(file, str | Path):
        with open(file, "rb") as handle:
            return handle.read(limit)
    return file.read(limit)


def _create_people(actor: Any, plan: Plan) -> dict[NewPersonKey, int]:
    people = [
        Person(
            unit_id=p.unit_id,
            full_name=p.full_name,
            gender=p.gender,
            birth_year=p.birth_year,
            search_key=fold(p.full_name),
        )
        for p in plan.new_people.values()
    ]
    created: list[Person] = []
    for batch in chunks(people, BATCH_SIZE):
        created += bulk_create_with_history(
            list(batch), Person, batch_size=BATCH_SIZE,
            default_user=actor, default_change_reason=CHANGE_REASON,
        )  # fmt: skip
    return {key: p.pk for key, p in zip(plan.new_people, created, strict=True)}


def _import_key(planned: PlannedRecord, person_id: int | None) -> str:
    subject_kind, subject_id = ("person", person_id) if person_id else ("unit", planned.unit.pk)
    return record_import_key(
        subject_kind=subject_kind,
        subject_code=str(subject_id),
        award_type=planned.award.code,
        year=planned.row.year,
        decision_number=planned.row.decision_number,
    )


def _record(
    planned: PlannedRecord,
    person_id: int | None,
    import_key: str,
    now: datetime.datetime,
    province_id: int,
) -> AwardRecord:
    """A new line; its unit (or its person's unit) is one of the province's."""
    r = planned.row
    return AwardRecord(
        unit_id=None if person_id else planned.unit.pk,
        person_id=person_id,
        province_id=province_id,
        award_type=planned.award.code,
        year=r.year,
        basis=r.basis,
        decision_number=r.decision_number,
        decision_date=r.decision_date,
        issuer=r.issuer,
        source=RecordSource.IMPORTED,
        note=r.note,
        revoked=r.revoked,
        revoked_reason=r.revoked_reason,
        revoked_at=now if r.revoked else None,
        import_key=import_key,
        search_key=record_search_key(
            subject=r.full_name or planned.unit.name,
            award_name=planned.award.name,
            decision_number=r.decision_number,
        ),
    )


def _existing_keys(keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunks(keys, KEY_QUERY_SIZE):
        found.update(
            AwardRecord.objects.filter(import_key__in=chunk).values_list("import_key", flat=True)
        )
    return found


def _line(unit_id: int | None, person_id: int | None, award: str, year: int, number: str) -> Line:
    return (unit_id, person_id, award, year, fold(number))


def _entered_lines(province: Province) -> set[Line]:
    """The province's lines, however they were entered (by hand, by a decision) and revoked or
    not: a file line with the same subject, award, year and decision number is already in the
    book, so an exported list imported back adds nothing (a revoked line is not revived)."""
    fields = ("unit_id", "person_id", "award_type", "year", "decision_number")
    rows = AwardRecord.objects.filter(province=province).values_list(*fields)
    return {_line(*row) for row in rows.iterator(chunk_size=5000)}


def _write(actor: Any, plan: Plan, report: ImportReport, progress: Progress | None) -> None:
    total = len(plan.records)
    if progress is not None:
        progress(0, total)
    new_ids = _create_people(actor, plan)
    report.people_created = len(new_ids)
    report.people_matched = len(plan.people_matched)
    lines = []
    for planned in plan.records:
        new_person = planned.new_person
        person_id = planned.person_id or (new_ids[new_person] if new_person else None)
        lines.append((planned, person_id, _import_key(planned, person_id)))
    existing = _existing_keys([key for _planned, _person, key in lines])
    entered = _entered_lines(plan.province)
    now = timezone.now()
    # Only new lines become model instances: a re-import of 100,000 lines builds none.
    fresh = [
        _record(planned, person_id, key, now, plan.province.pk)
        for planned, person_id, key in lines
        if key not in existing
        and _line(
            None if person_id else planned.unit.pk,
            person_id,
            planned.award.code,
            planned.row.year,
            planned.row.decision_number,
        )
        not in entered
    ]
    report.records_unchanged = total - len(fresh)
    for batch in chunks(fresh, BATCH_SIZE):
        bulk_create_with_history(
            list(batch), AwardRecord, batch_size=BATCH_SIZE,
            default_user=actor, default_change_reason=CHANGE_REASON,
        )  # fmt: skip
        report.records_created += len(batch)
        if progress is not None:
            progress(report.records_unchanged + report.records_created, total)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: with 100,000 rows of objects alive its full passes
    cost more than the import itself. Reference counting still frees everything; a collection
    runs when the import ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def registry_import(
    *,
    actor: Any,
    province: Province,
    file: bytes | str | Path | IO[bytes],
    progress: Progress | None = None,
    on_phase: Phase | None = None,
) -> ImportReport:
    """Import a province's award history from an .xlsx registry (sheet "Khen thưởng").

    Every row is checked first; with any error nothing is written and the report lists the
    errors (row, column, message in Vietnamese). Otherwise, in one transaction: people not found
    by (unit, folded full name, birth year) are created, and records whose `import_key` is new
    are created (source "imported"); a line already imported is counted as unchanged, so
    importing the same file twice adds nothing. Both write history rows (the actor, reason
    "import"). `progress(done, total)` follows the rows read, then the rows written;
    `on_phase` hears "reading", "checking" and "writing".
    """
    require(actor, IMPORT_PERMISSION, province)
    with _collector_paused():
        return _import(actor, province, file, progress, on_phase)


def _import(
    actor: Any,
    province: Province,
    file: bytes | str | Path | IO[bytes],
    progress: Progress | None,
    on_phase: Phase | None,
) -> ImportReport:
    report = ImportReport()
    if on_phase is not None:
        on_phase("reading")
    rows = read_records(_read_bytes(file), report, progress)
    if not rows:
        return report  # the reader reported why (bad file, empty sheet, every row wrong)
    # Rows whose cells read well are checked too, so that one pass lists every error.
    if on_phase is not None:
        on_phase("checking")
    plan = plan_rows(province, rows, report)
    if not report.ok:
        report.errors.sort(key=lambda e: e.row or 0)
        return report
    if on_phase is not None:
        on_phase("writing")
    try:
        with transaction.atomic():
            _write(actor, plan, report, progress)
    except IntegrityError:
        report.records_created = report.people_created = 0
        report.add_error("", None, "", _(
            "Dữ liệu khen thưởng vừa thay đổi trong khi nhập (có thể một lần nhập khác đang chạy "
            "cùng lúc). Không có dữ liệu nào được ghi; hãy nhập lại tệp."
        ))  # fmt: skip
    return report
