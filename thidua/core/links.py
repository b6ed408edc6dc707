"""Absolute links for what is sent outside a request (e-mails): the site's address
(`settings.SITE_URL`, from THIDUA_SITE_URL) and a path."""

from typing import Any

from django.conf import settings
from django.urls import reverse


def site_link(viewname: str, *args: Any) -> str:
    """The absolute address of a page, or "" when the site's address is not set."""
    if not settings.SITE_URL:
        return ""
    return f"{settings.SITE_URL}{reverse(viewname, args=args)}"
