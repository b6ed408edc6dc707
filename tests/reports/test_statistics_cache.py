"""The statistics are kept for a while per scope, filters and language, and computed again at
once after a write to the registry (tests run with STATISTICS_CACHE_SECONDS = 0 elsewhere)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.reports.test_statistics import TODAY, record, statistics_world
from thidua.awards.services.registry import award_record_revoke
from thidua.reports.selectors.statistics import statistics_filters, statistics_report

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def world():
    cache.clear()
    yield statistics_world()
    cache.clear()


def _report(world, user=None, **filters):
    user = user or world.board
    chosen = statistics_filters(user=user, year_from=2023, year_to=2024, today=TODAY, **filters)
    return statistics_report(user=user, filters=chosen)


@override_settings(STATISTICS_CACHE_SECONDS=300)
def test_kept_then_computed_again_after_a_registry_write(world, django_assert_max_num_queries):
    first = _report(world)
    with django_assert_max_num_queries(3):  # the key: the highest line id and history id
        again = _report(world)
    assert again.tables == first.tables and again.total == first.total

    line = record("giay_khen_tap_the", 2024, unit=world.u1)
    grown = _report(world)
    assert grown.total == first.total + 1

    award_record_revoke(actor=world.board, record=line, reason="Ghi nhầm")
    assert _report(world).total == first.total  # a history row: computed again


@override_settings(STATISTICS_CACHE_SECONDS=300)
def test_kept_apart_per_scope_filters_and_language(world):
    board = _report(world)
    national = _report(world, user=world.national)
    assert national.total > board.total  # the other province's line

    assert _report(world, level="national").total < board.total
    with translation.override("en"):
        english = _report(world)
    assert english.tables[0].title != board.tables[0].title


def test_nothing_kept_when_the_setting_is_zero(world):
    _report(world)
    with CaptureQueriesContext(connection) as again:
        _report(world)
    assert len(again.captured_queries) > 3  # every table's query again
