"""Compile the translation catalogues (thidua/locale/*/LC_MESSAGES/django.po → django.mo).

Used by `make messages`; needs GNU gettext's msgfmt (Debian: `apt-get install gettext`).
"""

import os
import sys
from pathlib import Path

import django
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings.dev")
    os.chdir(ROOT / "thidua")
    django.setup()
    call_command("compilemessages", verbosity=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
