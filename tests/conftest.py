from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role


@pytest.fixture(autouse=True, scope="session")
def _static_root() -> None:
    # WhiteNoise warns (an error under pytest) when STATIC_ROOT is missing, as on a fresh checkout.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def province(db):
    return ProvinceFactory()


@pytest.fixture
def other_province(db):
    return ProvinceFactory()


@pytest.fixture
def board_admin(province):
    return UserFactory(username="ban", role=Role.BOARD_ADMIN, province=province)


@pytest.fixture
def officer(province):
    unit = UnitFactory(province=province)
    return UserFactory(username="canbo", role=Role.UNIT_OFFICER, unit=unit, province=province)


@pytest.fixture
def viewer(province):
    return UserFactory(username="xem", role=Role.VIEWER, province=province)
