"""Template helpers: permission checks and small formatting filters."""

from typing import Any

from django import template

from thidua.accounts.permissions import can as _can

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context: template.Context, perm: str, obj: Any = None) -> bool:
    """`{% can "org.change_unit" unit as may_edit %}`: the same check the services make."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return _can(user, perm, obj)


@register.filter
def field_type(bound_field: Any) -> str:
    """The widget's input type, used to lay checkboxes out next to their label."""
    widget = bound_field.field.widget
    return str(getattr(widget, "input_type", "") or widget.__class__.__name__.lower())
