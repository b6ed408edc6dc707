"""Placeholder router (filled in by its area)."""

from ninja import Router

router = Router(tags=["summaries"])
