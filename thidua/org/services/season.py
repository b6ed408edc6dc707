from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.core.exceptions import Conflict, ValidationFailed
from thidua.org.models import Bloc, Season, SeasonMembership, Unit
from thidua.org.services._common import clean_text, delete, save


def _check_unit_may_join(season: Season, unit: Unit) -> None:
    """A member belongs to the bloc's province, is active in the year and (BLK-03) in one bloc a year."""
    bloc = season.bloc
    if unit.province_id != bloc.province_id:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” không thuộc tỉnh của khối “%(bloc)s”.")
            % {"unit": unit, "bloc": bloc},
            code="unit_other_province",
        )
    if unit.active_to is not None and unit.active_to.year < season.year:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” đã ngừng hoạt động trước năm %(year)s.")
            % {"unit": unit, "year": season.year},
            code="unit_inactive",
        )
    if unit.active_from is not None and unit.active_from.year > season.year:
        raise ValidationFailed(
            _("Đơn vị “%(unit)s” chưa hoạt động trong năm %(year)s.")
            % {"unit": unit, "year": season.year},
            code="unit_inactive",
        )
    if bloc.province.allow_multi_bloc_membership:
        return
    other = (
        SeasonMembership.objects.filter(
            unit=unit, season__year=season.year, season__bloc__province_id=bloc.province_id
        )
        .exclude(season=season)
        .select_related("season__bloc")
        .first()
    )
    if other is not None:
        raise Conflict(
            _(
                "Đơn vị “%(unit)s” đã là thành viên của “%(bloc)s” năm %(year)s; mỗi đơn vị chỉ thuộc một "
                "khối, cụm thi đua trong một năm (BLK-03)."
            )
            % {"unit": unit, "bloc": other.season.bloc, "year": season.year},
            code="unit_in_other_bloc",
        )


def _check_officers(season: Season, member_ids: set[int]) -> None:
    if season.leader_id is not None and season.leader_id == season.deputy_id:
        raise ValidationFailed(
            _("Trưởng khối và phó trưởng khối phải là hai đơn vị khác nhau."),
            code="leader_is_deputy",
        )
    if season.leader_id is not None and season.leader_id not in member_ids:
        raise ValidationFailed(
            _("Trưởng khối phải là thành viên của khối trong năm %(year)s.")
            % {"year": season.year},
            code="leader_not_member",
        )
    if season.deputy_id is not None and season.deputy_id not in member_ids:
        raise ValidationFailed(
            _("Phó trưởng khối phải là thành viên của khối trong năm %(year)s.")
            % {"year": season.year},
            code="deputy_not_member",
        )


def _member_ids(season: Season) -> set[int]:
    return set(season.memberships.values_list("unit_id", flat=True))


def _add_members(season: Season, units: Iterable[Unit], *, actor: Any) -> None:
    existing = _member_ids(season)
    for unit in units:
        if unit.pk in existing:
            continue
        _check_unit_may_join(season, unit)
        membership = SeasonMembership(season=season, unit=unit)
        save(membership, actor=actor, reason="season_add_member")
        existing.add(unit.pk)


@transaction.atomic
def season_create(
    *,
    actor: Any,
    bloc: Bloc,
    year: int,
    members: Iterable[Unit] = (),
    leader: Unit | None = None,
    deputy: Unit | None = None,
    note: str = "",
    source: str = "",
    is_illustrative: bool = False,
) -> Season:
    """Open a bloc's emulation year with its members, leader and deputy (board only)."""
    require(actor, "org.add_season", bloc)
    if Season.objects.filter(bloc=bloc, year=year).exists():
        raise Conflict(
            _("Khối “%(bloc)s” đã có năm thi đua %(year)s.") % {"bloc": bloc, "year": year},
            code="season_exists",
        )
    season = Season(
        bloc=bloc,
        year=year,
        note=clean_text(note, field=_("ghi chú"), max_length=4000),
        source=clean_text(source, field=_("nguồn")),
        is_illustrative=is_illustrative,
    )
    save(season, actor=actor, reason="season_create")
    _add_members(season, members, actor=actor)
    season.leader, season.deputy = leader, deputy
    _check_officers(season, _member_ids(season))
    if leader is not None or deputy is not None:
        save(season, actor=actor, reason="season_set_officers", update_fields=["leader", "deputy"])
    return season


@transaction.atomic
def season_update(
    *,
    actor: Any,
    season: Season,
    leader: Unit | None,
    deputy: Unit | None,
    note: str | None = None,
    source: str | None = None,
) -> Season:
    """Set the leader and deputy (and notes) of a season (board only)."""
    require(actor, "org.change_season", season)
    season.leader, season.deputy = leader, deputy
    fields = ["leader", "deputy"]
    if note is not None:
        season.note = clean_text(note, field=_("ghi chú"), max_length=4000)
        fields.append("note")
    if source is not None:
        season.source = clean_text(source, field=_("nguồn"))
        fields.append("source")
    _check_officers(season, _member_ids(season))
    save(season, actor=actor, reason="season_update", update_fields=fields)
    return season


@transaction.atomic
def season_update_note(*, actor: Any, season: Season, note: str) -> Season:
    """The bloc leader (or the board) keeps the season's notes."""
    require(actor, "org.change_season_note", season)
    season.note = clean_text(note, field=_("ghi chú"), max_length=4000)
    save(season, actor=actor, reason="season_update_note", update_fields=["note"])
    return season


@transaction.atomic
def season_add_member(*, actor: Any, season: Season, unit: Unit) -> Season:
    require(actor, "org.change_season_members", season)
    _add_members(season, [unit], actor=actor)
    return season


@transaction.atomic
def season_remove_member(*, actor: Any, season: Season, unit: Unit) -> Season:
    """Remove a member; the leader and deputy cannot be removed while they hold the post."""
    require(actor, "org.change_season_members", season)
    if unit.pk in (season.leader_id, season.deputy_id):
        raise ValidationFailed(
            _("Không thể bỏ “%(unit)s” khỏi khối khi đơn vị đang là trưởng hoặc phó trưởng khối.")
            % {"unit": unit},
            code="member_is_officer",
        )
    for membership in SeasonMembership.objects.filter(season=season, unit=unit):
        delete(membership, actor=actor, reason="season_remove_member")
    return season


@transaction.atomic
def season_set_members(*, actor: Any, season: Season, units: Iterable[Unit]) -> Season:
    """Make the member list exactly `units` (adds and removals are each audited)."""
    require(actor, "org.change_season_members", season)
    wanted = {u.pk: u for u in units}
    for membership in SeasonMembership.objects.filter(season=season).exclude(unit_id__in=wanted):
        if membership.unit_id in (season.leader_id, season.deputy_id):
            raise ValidationFailed(
                _(
                    "Không thể bỏ “%(unit)s” khỏi khối khi đơn vị đang là trưởng hoặc phó trưởng khối."
                )
                % {"unit": membership.unit},
                code="member_is_officer",
            )
        delete(membership, actor=actor, reason="season_remove_member")
    _add_members(season, wanted.values(), actor=actor)
    return season


@transaction.atomic
def season_delete(*, actor: Any, season: Season) -> None:
    require(actor, "org.delete_season", season)
    for membership in season.memberships.all():
        delete(membership, actor=actor, reason="season_delete")
    delete(season, actor=actor, reason="season_delete")
