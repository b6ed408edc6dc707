"""factory_boy factories for the org and accounts models.

Factories build rows directly (test setup); behaviour under test goes through services.
"""

import factory

from thidua.accounts.enums import Role
from thidua.accounts.models import User
from thidua.core.text import fold
from thidua.org.enums import BlocKind, Gender, UnitKind
from thidua.org.models import Bloc, Person, Province, Season, SeasonMembership, Unit

PASSWORD = "mat-khau-thu-nghiem-2026"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"tinh{n}")
    name = factory.Sequence(lambda n: f"Tỉnh Thử nghiệm {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"dv{n}")
    name = factory.Sequence(lambda n: f"Sở Thử nghiệm số {n}")
    kind = UnitKind.DEPARTMENT
    search_key = factory.LazyAttribute(lambda o: fold(f"{o.name} {o.code}"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    unit = factory.SubFactory(UnitFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Đức {n}")
    gender = Gender.MALE
    birth_year = 1980
    search_key = factory.LazyAttribute(lambda o: fold(o.full_name))


class BlocFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bloc

    province = factory.SubFactory(ProvinceFactory)
    name = factory.Sequence(lambda n: f"Khối thi đua số {n}")
    kind = BlocKind.BLOC
    search_key = factory.LazyAttribute(lambda o: fold(o.name))


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    bloc = factory.SubFactory(BlocFactory)
    year = 2023


class SeasonMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeasonMembership

    season = factory.SubFactory(SeasonFactory)
    unit = factory.SubFactory(UnitFactory, province=factory.SelfAttribute("..season.bloc.province"))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = Role.VIEWER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


def season_with_members(
    n: int = 3, *, year: int = 2023, province: Province | None = None
) -> Season:
    """A season of `n` member units; the first is leader and the second deputy."""
    province = province or ProvinceFactory()
    season = SeasonFactory(bloc=BlocFactory(province=province), year=year)
    units = [UnitFactory(province=province) for _ in range(n)]
    for unit in units:
        SeasonMembershipFactory(season=season, unit=unit)
    season.leader = units[0]
    season.deputy = units[1] if n > 1 else None
    season.save()
    return season
