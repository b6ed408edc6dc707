"""The scoping helper's answer is read once per user, whether it is given `request.user` (a lazy
object) or the user it wraps."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.functional import SimpleLazyObject

from tests.factories import ProvinceFactory, UserFactory
from thidua.accounts.enums import Role
from thidua.accounts.scoping import visible_province_ids

pytestmark = pytest.mark.django_db


def test_lazy_user_and_the_user_it_wraps_share_one_answer():
    province = ProvinceFactory()
    merged = ProvinceFactory(merged_into=province)
    user = UserFactory(role=Role.BOARD_ADMIN, province=province)
    lazy = SimpleLazyObject(lambda: user)

    with CaptureQueriesContext(connection) as ctx:
        assert visible_province_ids(lazy) == {province.pk, merged.pk}
        assert visible_province_ids(user) == {province.pk, merged.pk}
        assert visible_province_ids(lazy) == {province.pk, merged.pk}

    assert len(ctx.captured_queries) == 2  # the province's own row and those merged into it
