from .covenant import (
    covenant_create,
    covenant_item_add,
    covenant_item_delete,
    covenant_item_move,
    covenant_item_update,
    covenant_items_reorder,
    covenant_lock,
    covenant_open_signing,
    covenant_sign,
    covenant_unlock,
    covenant_update,
    previous_covenant,
)
from .criteria import criterion_create, criterion_delete, criterion_update, table_problems
from .movement import movement_create, movement_delete, movement_update
from .registration import (
    registration_approve,
    registration_create,
    registration_return,
    registration_submit,
    registration_update,
)
from .xlsx import criteria_export, criteria_import

__all__ = [
    "covenant_create",
    "covenant_item_add",
    "covenant_item_delete",
    "covenant_item_move",
    "covenant_item_update",
    "covenant_items_reorder",
    "covenant_lock",
    "covenant_open_signing",
    "covenant_sign",
    "covenant_unlock",
    "covenant_update",
    "criteria_export",
    "criteria_import",
    "criterion_create",
    "criterion_delete",
    "criterion_update",
    "movement_create",
    "movement_delete",
    "movement_update",
    "previous_covenant",
    "registration_approve",
    "registration_create",
    "registration_return",
    "registration_submit",
    "registration_update",
    "table_problems",
]
