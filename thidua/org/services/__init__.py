from .bloc import bloc_create, bloc_delete, bloc_update
from .person import person_create, person_delete, person_update
from .province import province_create, province_update_settings
from .season import (
    season_add_member,
    season_create,
    season_delete,
    season_remove_member,
    season_set_members,
    season_update,
    season_update_note,
)
from .unit import lineage_event_record, unit_create, unit_delete, unit_update

__all__ = [
    "bloc_create",
    "bloc_delete",
    "bloc_update",
    "lineage_event_record",
    "person_create",
    "person_delete",
    "person_update",
    "province_create",
    "province_update_settings",
    "season_add_member",
    "season_create",
    "season_delete",
    "season_remove_member",
    "season_set_members",
    "season_update",
    "season_update_note",
    "unit_create",
    "unit_delete",
    "unit_update",
]
