"""The criteria table (bảng điểm) as plain values, and its validation. No ORM, no request.

A table is a list of rows: groups (nhóm) whose maximum is the sum of their children's, scored
criteria (the leaves), and top-level bonus (điểm cộng) and deduction (điểm trừ) rules whose
`max_points` is a cap and `points_per_item` a step. The scored top-level rows add up to the
covenant's total points. `validate_table` returns every problem found, in Vietnamese, each naming
the row's code; an empty list means the table can be signed and locked.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

GROUP = "group"
CRITERION = "criterion"
BONUS = "bonus"
DEDUCTION = "deduction"
SCORED_KINDS = frozenset({GROUP, CRITERION})
RULE_KINDS = frozenset({BONUS, DEDUCTION})
KINDS = SCORED_KINDS | RULE_KINDS


@dataclass(frozen=True)
class TableRow:
    code: str
    kind: str
    max_points: Decimal
    parent_code: str = ""
    points_per_item: Decimal | None = None
    title: str = ""


def table_rows(records: Iterable[Any]) -> list[TableRow]:
    """Plain rows from criterion records (anything with id, parent_id, code, kind, points…)."""
    records = list(records)
    codes = {r.pk: r.code for r in records}
    return [
        TableRow(
            code=r.code,
            kind=r.kind,
            max_points=r.max_points,
            parent_code=codes.get(r.parent_id, "") if r.parent_id else "",
            points_per_item=r.points_per_item,
            title=r.title,
        )
        for r in records
    ]


def tree_order(records: Iterable[Any]) -> list[tuple[Any, int]]:
    """Records depth-first by (order, id), each with its depth (0 for the top level)."""
    children: dict[Any, list[Any]] = defaultdict(list)
    for r in sorted(records, key=lambda r: (r.order, r.pk)):
        children[r.parent_id].append(r)
    result: list[tuple[Any, int]] = []
    stack = [(r, 0) for r in reversed(children[None])]
    while stack:
        node, depth = stack.pop()
        result.append((node, depth))
        stack.extend((c, depth + 1) for c in reversed(children.get(node.pk, [])))
    return result


def format_points(value: Decimal) -> str:
    """Points as written in Vietnamese documents: 12,5 and 1000 (no trailing zeros)."""
    return f"{value.normalize():f}".replace(".", ",")


def children_by_parent(rows: Sequence[TableRow]) -> dict[str, list[TableRow]]:
    children: dict[str, list[TableRow]] = defaultdict(list)
    for row in rows:
        if row.parent_code:
            children[row.parent_code].append(row)
    return children


def scored_total(rows: Sequence[TableRow]) -> Decimal:
    """The sum of the top-level scored rows (what the covenant's total must equal)."""
    return sum(
        (r.max_points for r in rows if not r.parent_code and r.kind in SCORED_KINDS),
        Decimal(0),
    )


def _code_problems(rows: Sequence[TableRow]) -> list[str]:
    problems: list[str] = []
    seen: set[str] = set()
    for index, row in enumerate(rows, start=1):
        if not row.code.strip():
            problems.append(_("Dòng thứ %(index)s chưa có mã.") % {"index": index})
        elif row.code in seen:
            problems.append(_("Mã “%(code)s” bị lặp lại.") % {"code": row.code})
        seen.add(row.code)
        if row.kind not in KINDS:
            problems.append(
                _("Dòng “%(code)s”: loại “%(kind)s” không hợp lệ.")
                % {"code": row.code, "kind": row.kind}
            )
    return problems


def _has_cycle(code: str, parents: dict[str, str]) -> bool:
    seen = {code}
    current = parents.get(code, "")
    while current:
        if current in seen:
            return True
        seen.add(current)
        current = parents.get(current, "")
    return False


def _parent_problems(rows: Sequence[TableRow]) -> list[str]:
    problems: list[str] = []
    by_code = {r.code: r for r in rows}
    parents = {r.code: r.parent_code for r in rows}
    for row in rows:
        if not row.parent_code:
            continue
        parent = by_code.get(row.parent_code)
        if parent is None:
            problems.append(
                _("Dòng “%(code)s”: không tìm thấy nhóm cha “%(parent)s”.")
                % {"code": row.code, "parent": row.parent_code}
            )
        elif _has_cycle(row.code, parents):
            problems.append(_("Dòng “%(code)s”: nhóm cha tạo thành vòng lặp.") % {"code": row.code})
        elif row.kind in RULE_KINDS:
            problems.append(
                _("Dòng “%(code)s”: điểm cộng, điểm trừ phải ở cấp ngoài cùng, không thuộc nhóm.")
                % {"code": row.code}
            )
    return problems


def _row_problems(row: TableRow, children: list[TableRow]) -> list[str]:
    problems: list[str] = []
    code = row.code
    if row.max_points < 0:
        problems.append(_("Dòng “%(code)s”: điểm tối đa không được âm.") % {"code": code})
    if row.kind in RULE_KINDS:
        if children:
            problems.append(
                _("Dòng “%(code)s”: điểm cộng, điểm trừ không được có dòng con.") % {"code": code}
            )
        if row.max_points <= 0:
            problems.append(
                _("Dòng “%(code)s”: mức trần của điểm cộng, điểm trừ phải lớn hơn 0.")
                % {"code": code}
            )
        step = row.points_per_item
        if step is not None and step <= 0:
            problems.append(_("Dòng “%(code)s”: điểm mỗi lần phải lớn hơn 0.") % {"code": code})
        elif step is not None and row.max_points > 0 and step > row.max_points:
            problems.append(
                _("Dòng “%(code)s”: điểm mỗi lần (%(step)s) lớn hơn mức trần (%(cap)s).")
                % {"code": code, "step": format_points(step), "cap": format_points(row.max_points)}
            )
        return problems
    if row.points_per_item is not None:
        problems.append(
            _("Dòng “%(code)s”: chỉ điểm cộng, điểm trừ mới có điểm mỗi lần.") % {"code": code}
        )
    if row.kind == CRITERION:
        if children:
            problems.append(
                _("Dòng “%(code)s”: tiêu chí có dòng con phải có loại Nhóm.") % {"code": code}
            )
        elif row.max_points <= 0:
            problems.append(
                _("Dòng “%(code)s”: điểm tối đa của tiêu chí phải lớn hơn 0.") % {"code": code}
            )
        return problems
    if row.kind == GROUP:
        if not children:
            problems.append(_("Dòng “%(code)s”: nhóm chưa có dòng con.") % {"code": code})
            return problems
        total = sum((c.max_points for c in children if c.kind in SCORED_KINDS), Decimal(0))
        if total != row.max_points:
            problems.append(
                _(
                    "Dòng “%(code)s”: điểm tối đa của nhóm là %(max)s nhưng tổng điểm các dòng "
                    "con là %(sum)s."
                )
                % {
                    "code": code,
                    "max": format_points(row.max_points),
                    "sum": format_points(total),
                }
            )
    return problems


def validate_table(rows: Sequence[TableRow], *, total_points: Decimal) -> list[str]:
    """Every problem of the table, in row order; an empty list means the table is valid."""
    if not rows:
        return [_("Bảng điểm chưa có dòng nào.")]
    problems = _code_problems(rows) + _parent_problems(rows)
    children = children_by_parent(rows)
    for row in rows:
        problems.extend(_row_problems(row, children.get(row.code, [])))
    total = scored_total(rows)
    if total != total_points:
        problems.append(
            _(
                "Tổng điểm các nhóm, tiêu chí cấp ngoài cùng là %(sum)s, khác tổng điểm của "
                "bảng điểm (%(total)s)."
            )
            % {"sum": format_points(total), "total": format_points(total_points)}
        )
    return problems
