from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import ValidationFailed
from thidua.core.text import fold
from thidua.org.enums import Gender
from thidua.org.models import Person, Unit
from thidua.org.services._common import clean_text, delete, save

PERSON_FIELDS = ("full_name", "gender", "birth_year", "unit", "position", "is_illustrative")


def _apply(person: Person, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        if field not in PERSON_FIELDS:
            raise ValidationFailed(_("Trường “%(field)s” không tồn tại.") % {"field": field})
        if field == "full_name":
            value = clean_text(value, field=_("họ và tên"), required=True, max_length=120)
        elif field == "position":
            value = clean_text(value, field=_("chức vụ"), max_length=160)
        elif field == "gender" and value not in Gender.values:
            raise ValidationFailed(_("Giới tính “%(value)s” không hợp lệ.") % {"value": value})
        if field == "unit":
            if value is None:
                raise ValidationFailed(_("Cá nhân phải thuộc một đơn vị."))
            if person.unit_id != value.pk:
                person.unit = value
                changed.append("unit")
            continue
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    person.search_key = fold(person.full_name)
    return changed


@transaction.atomic
def person_create(
    *,
    actor: Any,
    unit: Unit,
    full_name: str,
    gender: str,
    birth_year: int | None = None,
    position: str = "",
    is_illustrative: bool = False,
) -> Person:
    """Add a person to `unit` (board, or an officer of that unit)."""
    require(actor, "org.add_person", unit)
    person = Person()
    _apply(
        person,
        {
            "unit": unit,
            "full_name": full_name,
            "gender": gender,
            "birth_year": birth_year,
            "position": position,
            "is_illustrative": is_illustrative,
        },
    )
    save(person, actor=actor, reason="person_create")
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, **values: Any) -> Person:
    """Change a person's fields; moving to another unit needs the right on both units."""
    require(actor, "org.change_person", person)
    if "unit" in values and values["unit"] is not None and values["unit"].pk != person.unit_id:
        require(actor, "org.add_person", values["unit"])
    province_id = person.unit.province_id
    changed = _apply(person, values)
    if changed:
        save(person, actor=actor, reason="person_update", update_fields=[*changed, "search_key"])
    if person.unit.province_id != province_id:
        # The registry lines follow the person to the new province's registry.
        person.award_records.update(province_id=person.unit.province_id)
    if "full_name" in changed:
        from thidua.awards.services.registry import subject_renamed  # noqa: PLC0415 - awards builds on org

        subject_renamed(person)
    return person


@transaction.atomic
def person_delete(*, actor: Any, person: Person) -> None:
    require(actor, "org.delete_person", person)
    delete(person, actor=actor, reason="person_delete")
