"""Server-rendered pages of the org app. Reads go through selectors, writes through services.

Every fetch uses a `*_get_for_user` selector (missing and forbidden both answer 404); a write
button is shown only when `can()` allows it, and the services check again.
"""

from thidua.org.views.blocs import (
    bloc_create,
    bloc_delete,
    bloc_detail,
    bloc_list,
    bloc_update,
    season_create,
    season_delete,
    season_detail,
    season_member_add,
    season_member_remove,
    season_note,
    season_update,
)
from thidua.org.views.common import _confirm_delete as confirm_delete
from thidua.org.views.common import _data as post_data
from thidua.org.views.common import _form_page as form_page
from thidua.org.views.common import attempt, page_view, require_can
from thidua.org.views.dashboard import dashboard
from thidua.org.views.people import (
    person_create,
    person_delete,
    person_detail,
    person_list,
    person_update,
)
from thidua.org.views.units import (
    lineage_event_create,
    unit_create,
    unit_delete,
    unit_detail,
    unit_list,
    unit_update,
)

__all__ = [
    "confirm_delete",
    "form_page",
    "post_data",
    "attempt",
    "bloc_create",
    "bloc_delete",
    "bloc_detail",
    "bloc_list",
    "bloc_update",
    "dashboard",
    "lineage_event_create",
    "page_view",
    "person_create",
    "person_delete",
    "person_detail",
    "person_list",
    "person_update",
    "require_can",
    "season_create",
    "season_delete",
    "season_detail",
    "season_member_add",
    "season_member_remove",
    "season_note",
    "season_update",
    "unit_create",
    "unit_delete",
    "unit_detail",
    "unit_list",
    "unit_update",
]
