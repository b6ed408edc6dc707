import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.org.models import Province
from thidua.org.services._common import clean_text, save


@transaction.atomic
def province_create(
    *,
    actor: Any,
    code: str,
    name: str,
    active_from: datetime.date | None = None,
    active_to: datetime.date | None = None,
    merged_into: Province | None = None,
) -> Province:
    """Create a province (administrators without a province scope only)."""
    require(actor, "org.add_province")
    province = Province(
        code=clean_text(code, field=_("mã"), required=True, max_length=40),
        name=clean_text(name, field=_("tên"), required=True, max_length=120),
        active_from=active_from,
        active_to=active_to,
        merged_into=merged_into,
    )
    if merged_into is not None and merged_into.pk == province.pk:
        raise ValidationFailed(_("Một tỉnh không thể hợp nhất vào chính nó."))
    save(province, actor=actor, reason="province_create")
    return province


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
