"""The one scoping helper: which provinces a user may see. Pages, API and commands all use it."""

from typing import Any

from django.db.models import QuerySet
from django.utils.functional import LazyObject, empty

from thidua.accounts.enums import Role
from thidua.org.models import Province

_CACHE_ATTR = "_thidua_visible_provinces"


def visible_province_ids(user: Any) -> frozenset[int] | None:
    """Province ids the user may read; None means every province.

    A province's visible set includes the provinces merged into it and the one it merged into,
    so that the 2025 successor province still sees its predecessors' history.
    """
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    if isinstance(user, LazyObject):  # request.user: keep the answer on the user it wraps,
        user = _wrapped(user)  # which permission checks are given
    if _CACHE_ATTR in user.__dict__:
        cached: frozenset[int] | None = user.__dict__[_CACHE_ATTR]
        return cached
    result: frozenset[int] | None
    if user.is_superuser:
        result = None
    else:
        province_id = user.province_id
        if user.role == Role.UNIT_OFFICER and user.unit_id is not None:
            province_id = user.unit.province_id
        if province_id is None:
            result = None if user.role in (Role.BOARD_ADMIN, Role.VIEWER) else frozenset()
        else:
            related = Province.objects.filter(pk=province_id).values_list(
                "merged_into_id", flat=True
            )
            ids = {province_id}
            ids.update(i for i in related if i)
            ids.update(
                Province.objects.filter(merged_into_id=province_id).values_list("pk", flat=True)
            )
            result = frozenset(ids)
    user.__dict__[_CACHE_ATTR] = result
    return result


def _wrapped(lazy: Any) -> Any:
    """The object a LazyObject stands for (set up on first use)."""
    if lazy._wrapped is empty:
        lazy._setup()
    return lazy._wrapped


def scope_by_province(qs: QuerySet[Any], user: Any, field: str = "province_id") -> QuerySet[Any]:
    ids = visible_province_ids(user)
    if ids is None:
        return qs
    return qs.filter(**{f"{field}__in": ids})
