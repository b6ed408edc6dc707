"""Background imports: the upload is saved, the import runs in a thread, progress goes to a file.

THIDUA_DATA_DIR/imports/<job id>.xlsx is the uploaded file (removed when the job ends) and
<job id>.json the job's state (status, phase, done/total, report), written atomically so that
any web worker can answer the progress page. A web process that dies mid-import leaves nothing
written (the import is one transaction) and a state that stops moving: after STALE_AFTER it
reads as interrupted.
"""

import datetime
import json
import logging
import os
import re
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.permissions import can, require
from thidua.awards.importing.format import ImportReport
from thidua.awards.importing.service import IMPORT_PERMISSION, registry_import
from thidua.core.exceptions import Conflict, DomainError, NotFound
from thidua.org.models import Province

logger = logging.getLogger(__name__)

JOB_ID = re.compile(r"[0-9a-f]{32}")
STALE_AFTER = datetime.timedelta(minutes=5)
KEEP_FOR = datetime.timedelta(days=7)
WRITE_EVERY = 0.5  # seconds between two progress writes

QUEUED, RUNNING, FINISHED, CRASHED = "queued", "running", "finished", "crashed"


def jobs_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _state_path(job_id: str) -> Path:
    return jobs_dir() / f"{job_id}.json"


def _file_path(job_id: str) -> Path:
    return jobs_dir() / f"{job_id}.xlsx"


def _write_state(state: dict[str, Any]) -> None:
    state["updated_at"] = timezone.now().isoformat()
    handle, temp = tempfile.mkstemp(dir=jobs_dir(), prefix=".job-", suffix=".json")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(state, out, ensure_ascii=False)
    os.replace(temp, _state_path(state["id"]))


def _read_state(job_id: str) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads(_state_path(job_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data


def _prune() -> None:
    """Remove the files of jobs older than KEEP_FOR."""
    limit = time.time() - KEEP_FOR.total_seconds()
    for path in jobs_dir().iterdir():
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            continue


def _save_upload(upload: bytes | IO[bytes], path: Path) -> None:
    with open(path, "wb") as out:
        if isinstance(upload, bytes):
            out.write(upload)
            return
        chunks: Iterable[bytes] = upload.chunks() if hasattr(upload, "chunks") else [upload.read()]
        for chunk in chunks:
            out.write(chunk)


class _Tracker:
    """Write the progress of a running job, at most every WRITE_EVERY seconds."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state
        self.last = 0.0

    def phase(self, name: str) -> None:
        self.state.update(status=RUNNING, phase=name, done=0, total=0)
        self.last = time.monotonic()
        _write_state(self.state)

    def progress(self, done: int, total: int) -> None:
        self.state.update(done=done, total=total)
        now = time.monotonic()
        if now - self.last >= WRITE_EVERY or done == total:
            self.last = now
            _write_state(self.state)


def _run(job_id: str, *, in_thread: bool) -> None:
    """Run a saved job; a thread closes its own database connections at the end."""
    state = _read_state(job_id) or {"id": job_id}
    try:
        with translation.override(state.get("language") or settings.LANGUAGE_CODE):
            state.update(_outcome(state, job_id))
    finally:
        _write_state(state)
        _file_path(job_id).unlink(missing_ok=True)
        if in_thread:
            connections.close_all()


def _outcome(state: dict[str, Any], job_id: str) -> dict[str, Any]:
    tracker = _Tracker(state)
    try:
        actor = get_user_model().objects.get(pk=state["user_id"], is_active=True)
        province = Province.objects.get(pk=state["province_id"])
        report = registry_import(
            actor=actor,
            province=province,
            file=_file_path(job_id),
            progress=tracker.progress,
            on_phase=tracker.phase,
        )
    except DomainError as exc:
        return {"status": CRASHED, "error": exc.message}
    except Exception:
        logger.exception("Award import %s failed", job_id)
        return {
            "status": CRASHED,
            "error": _("Lỗi hệ thống khi nhập; không có dữ liệu nào được ghi."),
        }
    return {"status": FINISHED, "report": report.as_dict()}


def _stale(state: dict[str, Any]) -> bool:
    updated = datetime.datetime.fromisoformat(state["updated_at"])
    return state["status"] in (QUEUED, RUNNING) and timezone.now() - updated > STALE_AFTER


def _running_in(province: Province) -> bool:
    for path in jobs_dir().glob("*.json"):
        state = _read_state(path.stem)
        if (
            state is not None
            and state.get("province_id") == province.pk
            and state.get("status") in (QUEUED, RUNNING)
            and not _stale(state)
        ):
            return True
    return False


def import_job_start(
    *, actor: Any, province: Province, upload: bytes | IO[bytes], filename: str = ""
) -> str:
    """Save `upload` and import it into `province` in a background thread; returns the job id.

    Side effects: writes THIDUA_DATA_DIR/imports/<job id>.xlsx and .json, removes the files of
    jobs older than KEEP_FOR, and starts a thread (or, with the setting AWARDS_IMPORT_SYNC,
    imports before returning) that runs `registry_import` as `actor`. Refuses (Conflict) while
    another import into the province is running.
    """
    require(actor, IMPORT_PERMISSION, province)
    _prune()
    if _running_in(province):
        # One import at a time per province: two would wait on each other's writes.
        raise Conflict(
            _("Một lần nhập sổ khen thưởng của tỉnh này đang chạy; hãy chờ nhập xong rồi thử lại.")
        )
    job_id = uuid.uuid4().hex
    _save_upload(upload, _file_path(job_id))
    state = {
        "id": job_id,
        "user_id": actor.pk,
        "province_id": province.pk,
        "filename": filename[:255],
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "status": QUEUED,
        "phase": "",
        "done": 0,
        "total": 0,
        "report": None,
        "error": "",
        "created_at": timezone.now().isoformat(),
    }
    _write_state(state)
    if getattr(settings, "AWARDS_IMPORT_SYNC", False):
        _run(job_id, in_thread=False)
    else:
        thread = threading.Thread(
            target=_run, args=(job_id,), kwargs={"in_thread": True}, name=f"awards-import-{job_id}"
        )
        thread.start()
    return job_id


def import_job_get(*, user: Any, job_id: str) -> dict[str, Any]:
    """The job's state for its owner or a board admin of its province; NotFound otherwise.

    Adds `report` as an ImportReport, `percent`, and marks a job whose state stopped moving
    for STALE_AFTER as interrupted.
    """
    state = _read_state(job_id) if JOB_ID.fullmatch(job_id) else None
    if state is None:
        raise NotFound()
    province = Province.objects.filter(pk=state["province_id"]).first()
    allowed = state["user_id"] == user.pk or (
        province is not None
        and can(user, "org.view_record", province)
        and can(user, IMPORT_PERMISSION, province)
    )
    if not allowed:
        raise NotFound()
    if _stale(state):
        state.update(status=CRASHED, error=_(
            "Việc nhập bị gián đoạn (máy chủ đã khởi động lại?). Không có dữ liệu nào được ghi; "
            "hãy nhập lại tệp."
        ))  # fmt: skip
    report = state.get("report")
    state["report"] = ImportReport.from_dict(report) if report else None
    state["province"] = province
    state["percent"] = round(100 * state["done"] / state["total"]) if state["total"] else 0
    return state
