"""Statistics of the registry of awards for a province, or every province the user may see.

Only lines that are not revoked count (a revoked award is kept in the registry, never counted).
Every figure comes from a fixed number of grouped SQL queries whatever the size of the registry:
one of counts by award type and year (collective and individual apart), which gives the tables by
award type, by level and the trend; two by bloc (a unit's own lines and its people's, through the
unit's membership in the line's year), one of the lines outside any bloc and one of the blocs'
names; one by unit kind; one by gender. Python only arranges the grouped rows into tables.

Each table is an `exports.Table`: the page, the .xlsx and CSV files and the API are written from
the same object.
"""

import datetime
import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, cast

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.accounts.permissions import require
from thidua.accounts.scoping import scope_by_province, visible_province_ids
from thidua.awards.models import AwardRecord
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.awards.selectors.registry import award_codes
from thidua.core.exceptions import NotFound, ValidationFailed
from thidua.org.enums import BlocKind, Gender, UnitKind
from thidua.org.models import Bloc, Province, SeasonMembership
from thidua.org.selectors import bloc_get_for_user, province_get_for_user
from thidua.reports.exports import (
    XLSX_CONTENT_TYPE,
    CellValue,
    Column,
    Download,
    Row,
    Table,
    table_download,
    tables_workbook,
)

MIN_YEAR, MAX_YEAR = 1945, 2100
MAX_YEARS = 30  # columns of the tables by year
DEFAULT_YEARS = 6
LEVELS = ("national", "province", "unit")  # highest first
OTHER_LEVEL = "other"  # award codes outside the catalogue (old imported lines)
SUBJECT_KINDS = ("collective", "individual")
NO_BLOC = "none"
UNKNOWN_GENDER = "unknown"

# Table keys (API) and slugs (addresses, file names), in the page's order.
TABLE_SLUGS = {
    "trend": "xu-huong",
    "by_award_type": "theo-hinh-thuc",
    "by_level": "theo-cap",
    "by_bloc": "theo-khoi",
    "by_unit_kind": "theo-loai-don-vi",
    "women_by_year": "nu-theo-nam",
    "women_by_award_type": "nu-theo-hinh-thuc",
}


# ── Filters ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class StatisticsFilters:
    """What the figures cover: a range of years, a province (None: every province the user may
    see), a bloc, an award level (unit, province, national) and a subject kind."""

    year_from: int
    year_to: int
    province: Province | None = None
    bloc: Bloc | None = None
    level: str = ""
    subject_kind: str = ""

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))


def statistics_filters(
    *,
    user: Any,
    province_id: int | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    bloc_id: int | None = None,
    level: str | None = None,
    subject_kind: str | None = None,
    today: datetime.date | None = None,
) -> StatisticsFilters:
    """The checked filters. Without years: the last six years up to this one.

    Raises PermissionDeniedError without `reports.view_statistics`, NotFound for a province or
    bloc the user may not see (as for a missing one), ValidationFailed (422, with a code and
    `details.field`) for a bad range, level or subject kind, or a bloc of another province.
    """
    require(user, "reports.view_statistics")
    year_from, year_to = _years(year_from, year_to, today or timezone.localdate())
    if level and level not in LEVELS:
        raise ValidationFailed(
            _("Cấp khen thưởng không hợp lệ."), code="invalid_level", details={"field": "level"}
        )
    if subject_kind and subject_kind not in SUBJECT_KINDS:
        raise ValidationFailed(
            _("Đối tượng không hợp lệ: chọn tập thể hoặc cá nhân."),
            code="invalid_subject_kind",
            details={"field": "subject_kind"},
        )
    province = None
    if province_id is not None:
        province = province_get_for_user(user=user, pk=province_id)
        require(user, "reports.view_statistics", province)
    bloc = bloc_get_for_user(user=user, pk=bloc_id) if bloc_id is not None else None
    if bloc is not None and province is not None and not _bloc_in(bloc, province):
        raise ValidationFailed(
            _("Khối, cụm đã chọn không thuộc tỉnh đã chọn."),
            code="bloc_not_in_province",
            details={"field": "bloc_id"},
        )
    return StatisticsFilters(
        year_from=year_from,
        year_to=year_to,
        province=province,
        bloc=bloc,
        level=level or "",
        subject_kind=subject_kind or "",
    )


def _bloc_in(bloc: Bloc, province: Province) -> bool:
    return bool(bloc.province_id == province.pk or bloc.province.merged_into_id == province.pk)


def _years(year_from: int | None, year_to: int | None, today: datetime.date) -> tuple[int, int]:
    for field, value in (("year_from", year_from), ("year_to", year_to)):
        if value is not None and not MIN_YEAR <= value <= MAX_YEAR:
            raise ValidationFailed(
                _("Năm phải từ %(low)s đến %(high)s.") % {"low": MIN_YEAR, "high": MAX_YEAR},
                code="year_out_of_range",
                details={"field": field},
            )
    if year_to is None:
        if year_from is None:
            year_to = min(today.year, MAX_YEAR)
        else:
            year_to = min(max(year_from, today.year), year_from + MAX_YEARS - 1, MAX_YEAR)
    if year_from is None:
        year_from = max(year_to - DEFAULT_YEARS + 1, MIN_YEAR)
    if year_from > year_to:
        raise ValidationFailed(
            _("“Từ năm” phải nhỏ hơn hoặc bằng “đến năm”."),
            code="year_range_reversed",
            details={"field": "year_from"},
        )
    if year_to - year_from + 1 > MAX_YEARS:
        raise ValidationFailed(
            _("Chỉ thống kê được tối đa %(count)s năm một lần.") % {"count": MAX_YEARS},
            code="year_range_too_long",
            details={"field": "year_to"},
        )
    return year_from, year_to


# ── The report ───────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class StatisticsReport:
    filters: StatisticsFilters
    place: str  # the province (or provinces) covered, in words
    scope: tuple[str, ...]  # what the figures cover, one phrase each
    total: int  # lines counted in the range
    tables: tuple[Table, ...]

    def table(self, slug: str) -> Table:
        """The table of that slug; NotFound when there is none."""
        for table in self.tables:
            if table.slug == slug:
                return table
        raise NotFound()

    @property
    def subtitle(self) -> str:
        return " · ".join(self.scope)


def statistics_download(
    *, report: StatisticsReport, slug: str | None, fmt: Literal["csv", "xlsx"]
) -> Download:
    """One table as CSV or .xlsx, or (`slug` None, xlsx) every table on its own sheet, named
    after what they cover: "Khen thưởng theo cấp và năm – Tỉnh Hà Nam – 2019-2024.xlsx"."""
    filters = report.filters
    where = report.place
    years = f"{filters.year_from}-{filters.year_to}"
    if slug is None:
        stem = _("Thống kê khen thưởng – %(where)s – %(years)s") % {"where": where, "years": years}
        content = tables_workbook(report.tables, subtitle=report.subtitle)
        return Download(content, f"{stem}.xlsx", XLSX_CONTENT_TYPE)
    table = report.table(slug)
    stem = f"{table.title} – {where} – {years}"
    return table_download(table, fmt=fmt, stem=stem, subtitle=report.subtitle)


def statistics_report(*, user: Any, filters: StatisticsFilters) -> StatisticsReport:
    """Every table of the statistics in a fixed number of queries, kept for the same scope,
    filters and language for STATISTICS_CACHE_SECONDS (default 300; 0 keeps nothing).

    A write to the registry (a new line, or a history row of a changed or revoked one) makes the
    next request compute them again at once: the key holds the registry's highest line id and
    history id (two index reads). Changes to units, people or blocs show after the delay.
    """
    require(user, "reports.view_statistics")
    seconds = int(getattr(settings, "STATISTICS_CACHE_SECONDS", 300))
    if seconds <= 0:
        return _statistics_report(user, filters)
    key = _cache_key(user, filters)
    report = cache.get(key)
    if report is None:
        report = _statistics_report(user, filters)
        cache.set(key, report, seconds)
    return cast(StatisticsReport, report)


def _cache_key(user: Any, filters: StatisticsFilters) -> str:
    ids = visible_province_ids(user)
    parts = (
        "all" if ids is None else ",".join(str(i) for i in sorted(ids)),
        filters.year_from,
        filters.year_to,
        filters.province.pk if filters.province else "",
        filters.bloc.pk if filters.bloc else "",
        filters.level,
        filters.subject_kind,
        translation.get_language() or "",
        AwardRecord.objects.aggregate(top=Max("pk"))["top"] or 0,
        AwardRecord.history.aggregate(top=Max("history_id"))["top"] or 0,  # type: ignore[attr-defined]
    )
    digest = hashlib.sha256("|".join(str(p) for p in parts).encode()).hexdigest()
    return f"thidua:statistics:{digest}"


def _statistics_report(user: Any, filters: StatisticsFilters) -> StatisticsReport:
    awards = {a.code: a for a in load_rulebook().award_types()}
    by_year = _counts_by_award_and_year(user, filters)
    genders = _counts_by_gender(user, filters)
    total = sum(c + i for (_code, year), (c, i) in by_year.items() if year >= filters.year_from)
    tables = (
        _trend_table(filters, by_year),
        _award_type_table(filters, by_year, awards),
        _level_table(filters, by_year, awards),
        _bloc_table(user, filters, awards, total),
        _unit_kind_table(user, filters),
        _women_by_year_table(filters, genders),
        _women_by_award_table(genders, awards),
    )
    return StatisticsReport(
        filters=filters,
        place=(place := _place(user, filters)),
        scope=scope_phrases(filters, place),
        total=total,
        tables=tables,
    )


def _place(user: Any, filters: StatisticsFilters) -> str:
    """The province the figures cover: the one chosen, else the user's own (a province board,
    a viewer or an officer of a province sees it and the provinces merged into it), else
    "every province". At most one query."""
    if filters.province is not None:
        return filters.province.name
    ids = visible_province_ids(user)
    if ids is None:
        return _("Mọi tỉnh, thành phố")
    names = list(
        Province.objects.filter(pk__in=ids)
        .exclude(merged_into_id__in=ids)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return ", ".join(names) if 0 < len(names) <= 3 else _("Các tỉnh được xem")


def scope_phrases(filters: StatisticsFilters, place: str) -> tuple[str, ...]:
    phrases = [
        _("Phạm vi: %(place)s") % {"place": place},
        _("Năm %(first)s–%(last)s") % {"first": filters.year_from, "last": filters.year_to},
    ]
    if filters.bloc is not None:
        phrases.append(_("Khối, cụm: %(name)s") % {"name": filters.bloc.name})
    if filters.level:
        phrases.append(_("Cấp: %(level)s") % {"level": level_label(filters.level)})
    if filters.subject_kind:
        phrases.append(_("Đối tượng: %(kind)s") % {"kind": subject_label(filters.subject_kind)})
    phrases.append(_("Chỉ tính khen thưởng chưa bị huỷ"))
    return tuple(phrases)


def level_label(level: str) -> str:
    labels = {
        "national": _("Nhà nước"),
        "province": _("Cấp tỉnh"),
        "unit": _("Cơ sở"),
        OTHER_LEVEL: _("Ngoài danh mục"),
    }
    return labels.get(level, level)


def subject_label(kind: str) -> str:
    return _("Tập thể") if kind == "collective" else _("Cá nhân")


# ── Queries ──────────────────────────────────────────────────────────────────────────────────


def _records(user: Any, filters: StatisticsFilters, *, first_year: int) -> QuerySet[AwardRecord]:
    """Lines counted: not revoked, in the years, provinces, bloc, level and subject kind."""
    qs = AwardRecord.objects.filter(revoked=False, year__gte=first_year, year__lte=filters.year_to)
    qs = scope_by_province(qs, user)
    if filters.province is not None:
        qs = qs.filter(province_id__in=_province_ids(filters.province))
    if filters.level:
        qs = qs.filter(award_type__in=award_codes(level=filters.level))
    if filters.subject_kind == "collective":
        qs = qs.filter(unit__isnull=False)
    elif filters.subject_kind == "individual":
        qs = qs.filter(person__isnull=False)
    if filters.bloc is not None:
        qs = qs.filter(_member_in_year(season__bloc_id=filters.bloc.pk))
    return qs.order_by()


def _province_ids(province: Province) -> QuerySet[Province, Any]:
    """The province and the provinces merged into it (the successor keeps their history)."""
    return Province.objects.filter(Q(pk=province.pk) | Q(merged_into_id=province.pk)).values("pk")


def _member_in_year(**season: Any) -> Q:
    """The line's unit (or its person's unit) was a member of such a season in the line's year."""
    members = SeasonMembership.objects.filter(season__year=OuterRef("year"), **season)
    return Q(Exists(members.filter(unit_id=OuterRef("unit_id")))) | Q(
        Exists(members.filter(unit_id=OuterRef("person__unit_id")))
    )


_COLLECTIVE = Count("id", filter=Q(unit__isnull=False))
_INDIVIDUAL = Count("id", filter=Q(person__isnull=False))

# (award code, year) → (collective lines, individual lines)
ByYear = dict[tuple[str, int], tuple[int, int]]


def _counts_by_award_and_year(user: Any, filters: StatisticsFilters) -> ByYear:
    """One query; it reaches back one year so that the trend's first year has a change."""
    rows = (
        _records(user, filters, first_year=filters.year_from - 1)
        .values("award_type", "year")
        .annotate(collective=_COLLECTIVE, individual=_INDIVIDUAL)
    )
    return {(r["award_type"], r["year"]): (r["collective"], r["individual"]) for r in rows}


def _counts_by_gender(user: Any, filters: StatisticsFilters) -> dict[tuple[str, int, str], int]:
    """(award code, year, female | male | unknown) → individual lines. One query."""
    rows = (
        _records(user, filters, first_year=filters.year_from)
        .filter(person__isnull=False)
        .values("award_type", "year", "person__gender")
        .annotate(n=Count("id"))
    )
    counts: dict[tuple[str, int, str], int] = defaultdict(int)
    for r in rows:
        gender = r["person__gender"] if r["person__gender"] in Gender.values else UNKNOWN_GENDER
        counts[(r["award_type"], r["year"], gender)] += r["n"]
    return counts


# ── Small helpers ────────────────────────────────────────────────────────────────────────────


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _award_order(codes: Iterable[str], awards: Mapping[str, AwardType]) -> list[str]:
    """Catalogue order (highest award first), codes outside the catalogue last."""
    return sorted(set(codes), key=lambda c: (0, awards[c].order, c) if c in awards else (1, 0, c))


def _award_name(code: str, awards: Mapping[str, AwardType]) -> str:
    return awards[code].name if code in awards else code


def _level_of(code: str, awards: Mapping[str, AwardType]) -> str:
    return awards[code].level if code in awards else OTHER_LEVEL


def _year_columns(filters: StatisticsFilters) -> list[Column]:
    return [Column(f"y{year}", str(year)) for year in filters.years]


def _total_label() -> str:
    return _("Tổng cộng")


def _sum_columns(rows: list[Row], start: int) -> list[CellValue]:
    """Column sums of the counts from `start` on."""
    width = len(rows[0].cells) if rows else 0
    return [sum(int(r.cells[i] or 0) for r in rows) for i in range(start, width)]


def _table(
    key: str, title: str, sheet: str, columns: list[Column], rows: list[Row], **kw: Any
) -> Table:
    return Table(
        key=key,
        slug=TABLE_SLUGS[key],
        title=title,
        sheet=sheet,
        columns=tuple(columns),
        rows=tuple(rows),
        **kw,
    )


# ── (f) Trend ────────────────────────────────────────────────────────────────────────────────


def _trend_table(filters: StatisticsFilters, by_year: ByYear) -> Table:
    per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for (_code, year), (collective, individual) in by_year.items():
        per_year[year][0] += collective
        per_year[year][1] += individual
    rows = []
    for year in filters.years:
        collective, individual = per_year[year]
        total = collective + individual
        before = sum(per_year[year - 1])
        change = total - before
        rows.append(
            Row(
                str(year),
                (year, collective, individual, total, change, share(change, before)),
            )
        )
    sums = _sum_columns(rows, 1)
    columns = [
        Column("year", _("Năm"), "text", header=True),
        Column("collective", _("Tập thể")),
        Column("individual", _("Cá nhân")),
        Column("total", _("Tổng số")),
        Column("change", _("Tăng, giảm so với năm trước"), "change"),
        Column("change_share", _("Tăng, giảm so với năm trước (%)"), "change_share"),
    ]
    return _table(
        "trend",
        _("Xu hướng khen thưởng qua các năm"),
        _("Xu hướng"),
        columns,
        rows,
        totals=(_total_label(), *sums[:3], None, None),
        notes=(
            _(
                "Tăng, giảm của năm đầu tiên so với năm liền trước (%(year)s); để trống khi "
                "năm trước không có khen thưởng nào."
            )
            % {"year": filters.year_from - 1},
        ),
    )


# ── (a) By award type × year ─────────────────────────────────────────────────────────────────


def _award_type_table(
    filters: StatisticsFilters, by_year: ByYear, awards: Mapping[str, AwardType]
) -> Table:
    counts: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (code, year), (collective, individual) in by_year.items():
        if year >= filters.year_from:
            counts[code][year] += collective + individual
    rows = []
    for code in _award_order(counts, awards):
        values = [counts[code][year] for year in filters.years]
        rows.append(
            Row(
                code,
                (
                    _award_name(code, awards),
                    level_label(_level_of(code, awards)),
                    *values,
                    sum(values),
                ),
            )
        )
    columns = [
        Column("award_type", _("Hình thức khen thưởng"), "text", header=True),
        Column("level", _("Cấp"), "text"),
        *_year_columns(filters),
        Column("total", _("Tổng số")),
    ]
    return _table(
        "by_award_type",
        _("Khen thưởng theo hình thức và năm"),
        _("Theo hình thức"),
        columns,
        rows,
        totals=(_total_label(), "", *_sum_columns(rows, 2)) if rows else None,
    )


# ── (b) By level × year ──────────────────────────────────────────────────────────────────────


def _level_table(
    filters: StatisticsFilters, by_year: ByYear, awards: Mapping[str, AwardType]
) -> Table:
    counts: dict[str, dict[int, int]] = {level: defaultdict(int) for level in LEVELS}
    for (code, year), (collective, individual) in by_year.items():
        if year >= filters.year_from:
            level = _level_of(code, awards)
            counts.setdefault(level, defaultdict(int))[year] += collective + individual
    grand = sum(sum(per_year.values()) for per_year in counts.values())
    rows = []
    for level, per_year in counts.items():
        values = [per_year[year] for year in filters.years]
        total = sum(values)
        rows.append(Row(level, (level_label(level), *values, total, share(total, grand))))
    columns = [
        Column("level", _("Cấp khen thưởng"), "text", header=True),
        *_year_columns(filters),
        Column("total", _("Tổng số")),
        Column("share", _("Tỷ lệ (%)"), "share"),
    ]
    return _table(
        "by_level",
        _("Khen thưởng theo cấp và năm"),
        _("Theo cấp"),
        columns,
        rows,
        totals=(_total_label(), *_sum_columns(rows, 1)[:-1], share(grand, grand)),
        notes=(
            _(
                "Cấp theo danh mục hình thức khen thưởng: Nhà nước (Chính phủ, Thủ tướng, Chủ "
                "tịch nước), cấp tỉnh (UBND tỉnh, Chủ tịch UBND tỉnh), cơ sở (thủ trưởng cơ "
                "quan, đơn vị)."
            ),
        ),
    )


# ── (c) By bloc ──────────────────────────────────────────────────────────────────────────────


def _bloc_table(
    user: Any, filters: StatisticsFilters, awards: Mapping[str, AwardType], total: int
) -> Table:
    """A line counts in the bloc its unit (or its person's unit) belonged to in the line's year."""
    records = _records(user, filters, first_year=filters.year_from)
    season: dict[str, Any] = {}
    if filters.bloc is not None:
        season = {"season__bloc_id": filters.bloc.pk}
    # bloc id → level → [collective, individual]
    counts: dict[Any, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for path, slot in (("unit__memberships", 0), ("person__unit__memberships", 1)):
        lookups = {f"{path}__season__year": F("year")}
        lookups |= {f"{path}__{key}": value for key, value in season.items()}
        rows = (
            records.filter(**lookups)
            .values(f"{path}__season__bloc_id", "award_type")
            .annotate(n=Count("id"))
        )
        for r in rows:
            level = _level_of(r["award_type"], awards)
            counts[r[f"{path}__season__bloc_id"]][level][slot] += r["n"]
    if filters.bloc is None:
        outside = (
            records.exclude(_member_in_year())
            .values("award_type")
            .annotate(collective=_COLLECTIVE, individual=_INDIVIDUAL)
        )
        for r in outside:
            level = _level_of(r["award_type"], awards)
            counts[NO_BLOC][level][0] += r["collective"]
            counts[NO_BLOC][level][1] += r["individual"]
    blocs = _blocs(user, filters, [key for key in counts if key != NO_BLOC])
    return _bloc_rows_table(filters, counts, blocs, total)


def _blocs(user: Any, filters: StatisticsFilters, found: list[int]) -> list[Bloc]:
    """The blocs with lines, and the blocs in scope with a season in the years (even without
    lines). One query."""
    if filters.bloc is not None:
        return [filters.bloc]
    in_scope = scope_by_province(Bloc.objects.all(), user).filter(
        seasons__year__gte=filters.year_from, seasons__year__lte=filters.year_to
    )
    if filters.province is not None:
        in_scope = in_scope.filter(province_id__in=_province_ids(filters.province))
    qs = Bloc.objects.filter(Q(pk__in=found) | Q(pk__in=in_scope.values("pk")))
    return list(qs.select_related("province").order_by("province__name", "name"))


def _bloc_rows_table(
    filters: StatisticsFilters,
    counts: Mapping[Any, Mapping[str, list[int]]],
    blocs: list[Bloc],
    total: int,
) -> Table:
    levels = [*LEVELS]
    if any(OTHER_LEVEL in per_level for per_level in counts.values()):
        levels.append(OTHER_LEVEL)
    show_province = filters.province is None and len({b.province_id for b in blocs}) > 1
    kind_labels = dict(BlocKind.choices)
    rows = []
    named: list[tuple[str, list[CellValue]]] = [
        (
            str(b.pk),
            [b.name, *([b.province.name] if show_province else []), str(kind_labels[b.kind])],
        )
        for b in blocs
    ]
    if filters.bloc is None:
        named.append(
            (NO_BLOC, [_("Không thuộc khối, cụm nào"), *([""] if show_province else []), ""])
        )
    for key, labels in named:
        per_level = counts.get(int(key) if key != NO_BLOC else NO_BLOC, {})
        collective = sum(c for c, _i in per_level.values())
        individual = sum(i for _c, i in per_level.values())
        by_level = [sum(per_level.get(level, [0, 0])) for level in levels]
        rows.append(Row(key, (*labels, collective, individual, *by_level, collective + individual)))
    columns = [
        Column("bloc", _("Khối, cụm thi đua"), "text", header=True),
        *([Column("province", _("Tỉnh"), "text")] if show_province else []),
        Column("kind", _("Loại"), "text"),
        Column("collective", _("Tập thể")),
        Column("individual", _("Cá nhân")),
        *[Column(f"level_{level}", level_label(level)) for level in levels],
        Column("total", _("Tổng số")),
    ]
    start = 3 if show_province else 2
    notes = [
        _(
            "Khen thưởng của đơn vị được tính vào khối, cụm mà đơn vị là thành viên trong năm "
            "được khen thưởng; khen thưởng cá nhân tính theo đơn vị của người đó. Để xem một "
            "năm, chọn “từ năm” và “đến năm” là năm đó."
        )
    ]
    counted = sum(int(row.cells[-1] or 0) for row in rows)
    if filters.bloc is None and counted > total:
        notes.append(
            _(
                "Có đơn vị thuộc nhiều khối, cụm trong cùng một năm: khen thưởng của đơn vị đó "
                "được tính ở mỗi khối, cụm, nên tổng của bảng lớn hơn số khen thưởng "
                "(%(total)s)."
            )
            % {"total": total}
        )
    return _table(
        "by_bloc",
        _("Khen thưởng theo khối, cụm thi đua"),
        _("Theo khối, cụm"),
        columns,
        rows,
        totals=(_total_label(), *[""] * (start - 1), *_sum_columns(rows, start)),
        notes=tuple(notes),
    )


# ── (d) By unit kind ─────────────────────────────────────────────────────────────────────────


def _unit_kind_table(user: Any, filters: StatisticsFilters) -> Table:
    """A person's line counts under the kind of the person's unit. One query."""
    rows_in = (
        _records(user, filters, first_year=filters.year_from)
        .annotate(unit_kind=Coalesce("unit__kind", "person__unit__kind"))
        .values("unit_kind")
        .annotate(collective=_COLLECTIVE, individual=_INDIVIDUAL)
    )
    counts: dict[str, list[int]] = {kind: [0, 0] for kind in UnitKind.values}
    for r in rows_in:
        kind = r["unit_kind"] if r["unit_kind"] in counts else UnitKind.OTHER.value
        counts[kind][0] += r["collective"]
        counts[kind][1] += r["individual"]
    grand = sum(c + i for c, i in counts.values())
    labels = dict(UnitKind.choices)
    rows = [
        Row(kind, (str(labels[kind]), c, i, c + i, share(c + i, grand)))
        for kind, (c, i) in counts.items()
    ]
    columns = [
        Column("unit_kind", _("Loại đơn vị"), "text", header=True),
        Column("collective", _("Tập thể")),
        Column("individual", _("Cá nhân")),
        Column("total", _("Tổng số")),
        Column("share", _("Tỷ lệ (%)"), "share"),
    ]
    return _table(
        "by_unit_kind",
        _("Khen thưởng theo loại đơn vị"),
        _("Theo loại đơn vị"),
        columns,
        rows,
        totals=(_total_label(), *_sum_columns(rows, 1)[:-1], share(grand, grand)),
        notes=(_("Khen thưởng cá nhân được tính theo loại của đơn vị nơi người đó công tác."),),
    )


# ── (e) Individual awards by gender ──────────────────────────────────────────────────────────

_GENDERS = (Gender.FEMALE.value, Gender.MALE.value, UNKNOWN_GENDER)


def _gender_columns() -> list[Column]:
    return [
        Column("female", _("Nữ")),
        Column("male", _("Nam")),
        Column("unknown", _("Chưa ghi giới tính")),
        Column("total", _("Tổng số")),
        Column("female_share", _("Tỷ lệ nữ (%)"), "share"),
    ]


def _gender_cells(per_gender: Mapping[str, int]) -> list[CellValue]:
    values = [per_gender.get(g, 0) for g in _GENDERS]
    total = sum(values)
    return [*values, total, share(values[0], total)]


def _gender_notes(filters: StatisticsFilters) -> tuple[str, ...]:
    notes = [
        _(
            "Tỷ lệ nữ tính trên tổng số khen thưởng cá nhân, kể cả người chưa ghi giới tính. "
            "Khi các trường hợp cùng đủ tiêu chuẩn, ưu tiên nữ (NĐ 152/2025/NĐ-CP Điều 4 "
            "khoản 6)."
        )
    ]
    if filters.subject_kind == "collective":
        notes.append(_("Bộ lọc chỉ tính tập thể nên bảng này không có khen thưởng cá nhân."))
    return tuple(notes)


def _women_by_year_table(
    filters: StatisticsFilters, genders: Mapping[tuple[str, int, str], int]
) -> Table:
    per_year: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (_code, year, gender), n in genders.items():
        per_year[year][gender] += n
    rows = [Row(str(y), (y, *_gender_cells(per_year[y]))) for y in filters.years]
    overall: dict[str, int] = defaultdict(int)
    for per_gender in per_year.values():
        for gender, n in per_gender.items():
            overall[gender] += n
    return _table(
        "women_by_year",
        _("Khen thưởng cá nhân theo giới tính và năm"),
        _("Nữ theo năm"),
        [Column("year", _("Năm"), "text", header=True), *_gender_columns()],
        rows,
        totals=(_total_label(), *_gender_cells(overall)),
        notes=_gender_notes(filters),
    )


def _women_by_award_table(
    genders: Mapping[tuple[str, int, str], int], awards: Mapping[str, AwardType]
) -> Table:
    per_award: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    overall: dict[str, int] = defaultdict(int)
    for (code, _year, gender), n in genders.items():
        per_award[code][gender] += n
        overall[gender] += n
    rows = [
        Row(
            code,
            (
                _award_name(code, awards),
                level_label(_level_of(code, awards)),
                *_gender_cells(per_award[code]),
            ),
        )
        for code in _award_order(per_award, awards)
    ]
    columns = [
        Column("award_type", _("Hình thức khen thưởng"), "text", header=True),
        Column("level", _("Cấp"), "text"),
        *_gender_columns(),
    ]
    return _table(
        "women_by_award_type",
        _("Khen thưởng cá nhân theo giới tính và hình thức"),
        _("Nữ theo hình thức"),
        columns,
        rows,
        totals=(_total_label(), "", *_gender_cells(overall)),
    )
