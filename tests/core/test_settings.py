import os
import subprocess
import sys
from pathlib import Path

import pytest

from thidua.settings import base

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[2]


def test_settings_hash_passwords_with_argon2():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


def test_settings_language_is_vietnamese_and_time_zone_hanoi():
    assert (base.LANGUAGE_CODE, base.TIME_ZONE, base.USE_TZ) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_settings_login_throttled():
    assert base.AXES_FAILURE_LIMIT == 5
    assert "axes.middleware.AxesMiddleware" in base.MIDDLEWARE


def test_settings_deploy_check_clean_behind_https(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "thidua.settings.prod",
        "THIDUA_HTTPS": "1",
        "THIDUA_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr + result.stdout
