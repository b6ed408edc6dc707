"""Served by gunicorn (`make run` and production). Secure cookies follow THIDUA_HTTPS."""

from .base import *  # noqa: F403
