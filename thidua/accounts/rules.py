"""Predicates for the permission layer (django-rules). Used by pages, API and commands alike."""

from typing import Any

import rules

from thidua.accounts.enums import Role
from thidua.accounts.scoping import visible_province_ids


def season_of(obj: Any) -> Any:
    """The season a covenant, scorecard, score, meeting, poll, ballot sheet… belongs to."""
    name = obj._meta.model_name if getattr(obj, "_meta", None) else ""
    if name == "season":
        return obj
    for path in ("season", "covenant", "scorecard", "score", "meeting", "poll", "sheet"):
        if hasattr(obj, f"{path}_id") or (path != "season" and hasattr(obj, path)):
            parent = getattr(obj, path, None)
            if parent is not None:
                return season_of(parent)
    return None


def province_id_of(obj: Any) -> int | None:
    """The province a record belongs to (a Province, Unit, Bloc, Season, Person, AwardRecord,
    AnnualAssessment, Proposal, Dossier, DossierFile or anything of a season)."""
    if obj is None:
        return None
    meta = getattr(obj, "_meta", None)
    name = meta.model_name if meta else ""
    if name == "province":
        return int(obj.pk)
    if name in ("unit", "bloc", "movement"):
        return int(obj.province_id)
    if name == "person":
        return int(obj.unit.province_id)
    if name in ("awardrecord", "annualassessment"):  # through the unit, or the person's unit
        return province_id_of(obj.unit if obj.unit_id is not None else obj.person)
    if name in ("proposal", "dossier"):  # both keep their province
        return int(obj.province_id)
    if name == "dossierfile":
        return province_id_of(obj.proposal if obj.proposal_id is not None else obj.dossier)
    season = season_of(obj)
    if season is not None:
        return int(season.bloc.province_id)
    return None


def unit_id_of(obj: Any) -> int | None:
    meta = getattr(obj, "_meta", None)
    name = meta.model_name if meta else ""
    if name == "unit":
        return int(obj.pk)
    if name == "person":
        return int(obj.unit_id)
    return None


@rules.predicate
def is_active_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


@rules.predicate
def is_board_admin(user: Any) -> bool:
    return bool(user.is_superuser or user.role == Role.BOARD_ADMIN)


@rules.predicate
def is_national_board(user: Any) -> bool:
    """A board administrator without a province scope (or a superuser): manages the province list."""
    return bool(user.is_superuser or (user.role == Role.BOARD_ADMIN and user.province_id is None))


@rules.predicate
def is_unit_officer(user: Any) -> bool:
    return bool(user.role == Role.UNIT_OFFICER and user.unit_id is not None)


@rules.predicate
def can_see(user: Any, obj: Any) -> bool:
    """The record lies in a province the user may read."""
    ids = visible_province_ids(user)
    if ids is None:
        return True
    province_id = province_id_of(obj)
    return province_id is not None and province_id in ids


@rules.predicate
def is_board_admin_of(user: Any, obj: Any) -> bool:
    """A board administrator whose province scope covers the record."""
    if user.is_superuser:
        return True
    if user.role != Role.BOARD_ADMIN:
        return False
    ids = visible_province_ids(user)
    return ids is None or province_id_of(obj) in ids


@rules.predicate
def is_officer_of_unit(user: Any, obj: Any) -> bool:
    """A unit officer acting for the record's unit (a Unit, or a Person of that unit)."""
    return bool(
        user.role == Role.UNIT_OFFICER
        and user.unit_id is not None
        and user.unit_id == unit_id_of(obj)
    )


@rules.predicate
def is_season_leader_officer(user: Any, obj: Any) -> bool:
    """The officers of a season's leader unit act as bloc leader for that season (or its records)."""
    season = season_of(obj) if obj is not None else None
    return bool(
        user.role == Role.UNIT_OFFICER
        and user.unit_id is not None
        and season is not None
        and season.leader_id == user.unit_id
    )


@rules.predicate
def is_season_member_officer(user: Any, obj: Any) -> bool:
    """An officer of a unit that is a member of the record's season."""
    season = season_of(obj) if obj is not None else None
    if user.role != Role.UNIT_OFFICER or user.unit_id is None or season is None:
        return False
    return bool(season.memberships.filter(unit_id=user.unit_id).exists())


def _record_unit_id(obj: Any) -> int | None:
    for path in ("unit_id",):
        if hasattr(obj, path):
            return getattr(obj, path)  # type: ignore[no-any-return]
    for parent in ("scorecard", "score"):
        if hasattr(obj, parent):
            return _record_unit_id(getattr(obj, parent))
    return None


@rules.predicate
def is_officer_of_record_unit(user: Any, obj: Any) -> bool:
    """An officer of the unit a registration, scorecard, score or objection belongs to."""
    return bool(
        user.role == Role.UNIT_OFFICER
        and user.unit_id is not None
        and user.unit_id == _record_unit_id(obj)
    )
