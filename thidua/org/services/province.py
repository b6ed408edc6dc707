from typing import Any

from django.db import transaction

from thidua.accounts.permissions import require
from thidua.org.models import Province
from thidua.org.services._common import save


@transaction.atomic
def province_update_settings(
    *, actor: Any, province: Province, allow_multi_bloc_membership: bool
) -> Province:
    """Change the province's per-province settings (audited)."""
    require(actor, "org.change_province", province)
    province.allow_multi_bloc_membership = allow_multi_bloc_membership
    save(
        province,
        actor=actor,
        reason="province_update_settings",
        update_fields=["allow_multi_bloc_membership"],
    )
    return province
