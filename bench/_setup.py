"""Shared start of the benchmark scripts: a throw-away data folder and a migrated database."""

import os
import shutil
from pathlib import Path


def setup_django(data: Path, *, reuse: bool = False) -> None:
    """Django on `thidua.settings.test` with THIDUA_DATA_DIR = `data` (emptied unless `reuse`),
    the database of DATABASE_URL (or SQLite in `data`) migrated."""
    if not reuse:
        shutil.rmtree(data, ignore_errors=True)
    (data / "static").mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("THIDUA_DATA_DIR", str(data))
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings.test"
    import django  # noqa: PLC0415 - after the environment is set

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
