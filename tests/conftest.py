import pytest

from tests.factories import ProvinceFactory, UnitFactory, UserFactory
from thidua.accounts.enums import Role


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
