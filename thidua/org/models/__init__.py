from .bloc import Bloc, Season, SeasonMembership
from .province import Province
from .unit import LineageEvent, Person, Unit

__all__ = ["Bloc", "LineageEvent", "Person", "Province", "Season", "SeasonMembership", "Unit"]
