"""The pure validator of criteria tables: table-driven cases and properties (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.covenants.table import TableRow, format_points, tree_order, validate_table

pytestmark = pytest.mark.unit

D = Decimal


def _valid_rows():
    return [
        TableRow("I", "group", D(60)),
        TableRow("I.1", "criterion", D(30), parent_code="I"),
        TableRow("I.2", "criterion", D(30), parent_code="I"),
        TableRow("II", "group", D(40)),
        TableRow("II.1", "group", D(40), parent_code="II"),
        TableRow("II.1.a", "criterion", D("12.5"), parent_code="II.1"),
        TableRow("II.1.b", "criterion", D("27.5"), parent_code="II.1"),
        TableRow("B.1", "bonus", D(10), points_per_item=D(5)),
        TableRow("D.1", "deduction", D(10), points_per_item=D(2)),
    ]


def _replace(rows, code, **changes):
    return [TableRow(**{**r.__dict__, **changes}) if r.code == code else r for r in rows]


def test_validate_table_valid_table_has_no_problems():
    assert validate_table(_valid_rows(), total_points=D(100)) == []


def test_validate_table_empty_table_is_a_problem():
    assert validate_table([], total_points=D(100)) == ["Bảng điểm chưa có dòng nào."]


BROKEN = [
    (
        "group_sum",
        lambda rows: _replace(rows, "I", max_points=D(50)),
        "Dòng “I”: điểm tối đa của nhóm là 50 nhưng tổng điểm các dòng con là 60.",
    ),
    (
        "duplicate_code",
        lambda rows: [*rows, TableRow("B.1", "bonus", D(5))],
        "Mã “B.1” bị lặp lại.",
    ),
    (
        "missing_parent",
        lambda rows: _replace(rows, "I.2", parent_code="X"),
        "Dòng “I.2”: không tìm thấy nhóm cha “X”.",
    ),
    (
        "rule_with_child",
        lambda rows: [*rows, TableRow("B.1.a", "criterion", D(1), parent_code="B.1")],
        "Dòng “B.1”: điểm cộng, điểm trừ không được có dòng con.",
    ),
    (
        "rule_in_group",
        lambda rows: _replace(rows, "D.1", parent_code="I"),
        "Dòng “D.1”: điểm cộng, điểm trừ phải ở cấp ngoài cùng, không thuộc nhóm.",
    ),
    (
        "zero_cap",
        lambda rows: _replace(rows, "B.1", max_points=D(0), points_per_item=None),
        "Dòng “B.1”: mức trần của điểm cộng, điểm trừ phải lớn hơn 0.",
    ),
    (
        "step_above_cap",
        lambda rows: _replace(rows, "D.1", points_per_item=D(20)),
        "Dòng “D.1”: điểm mỗi lần (20) lớn hơn mức trần (10).",
    ),
    (
        "criterion_with_children",
        lambda rows: _replace(rows, "II.1", kind="criterion"),
        "Dòng “II.1”: tiêu chí có dòng con phải có loại Nhóm.",
    ),
    (
        "empty_group",
        lambda rows: [*rows, TableRow("III", "group", D(0))],
        "Dòng “III”: nhóm chưa có dòng con.",
    ),
    (
        "cycle",
        lambda rows: _replace(rows, "II", parent_code="II.1"),
        "Dòng “II”: nhóm cha tạo thành vòng lặp.",
    ),
    (
        "bad_kind",
        lambda rows: _replace(rows, "I.1", kind="other"),
        "Dòng “I.1”: loại “other” không hợp lệ.",
    ),
    (
        "step_on_criterion",
        lambda rows: _replace(rows, "I.1", points_per_item=D(1)),
        "Dòng “I.1”: chỉ điểm cộng, điểm trừ mới có điểm mỗi lần.",
    ),
]


@pytest.mark.parametrize(("name", "breaker", "problem"), BROKEN, ids=[b[0] for b in BROKEN])
def test_validate_table_broken_table_names_the_row(name, breaker, problem):
    problems = validate_table(breaker(_valid_rows()), total_points=D(100))

    assert problem in problems


def test_validate_table_total_mismatch_is_reported():
    problems = validate_table(_valid_rows(), total_points=D(1000))

    assert problems == [
        "Tổng điểm các nhóm, tiêu chí cấp ngoài cùng là 100, khác tổng điểm của bảng điểm (1000)."
    ]


def test_format_points_drops_trailing_zeros_and_uses_comma():
    assert [format_points(D("1000.00")), format_points(D("12.50"))] == ["1000", "12,5"]


# Properties -----------------------------------------------------------------------------------

points = st.integers(min_value=1, max_value=50_000).map(lambda n: D(n) / 100)


@st.composite
def summed_tables(draw):
    """A random tree whose group maxima are the sums of their children's, plus rules."""
    rows: list[TableRow] = []
    counter = iter(range(10_000))

    def node(parent: str, depth: int) -> D:
        code = f"R{next(counter)}"
        if depth < 3 and draw(st.booleans()):
            index = len(rows)
            rows.append(None)  # placeholder keeps parents before children
            n = draw(st.integers(min_value=1, max_value=4))
            total = sum((node(code, depth + 1) for _ in range(n)), D(0))
            rows[index] = TableRow(code, "group", total, parent_code=parent)
            return total
        value = draw(points)
        rows.append(TableRow(code, "criterion", value, parent_code=parent))
        return value

    total = sum((node("", 0) for _ in range(draw(st.integers(1, 5)))), D(0))
    for i in range(draw(st.integers(0, 2))):
        cap = draw(points)
        rows.append(TableRow(f"B{i}", "bonus", cap, points_per_item=cap))
    return rows, total


@settings(max_examples=60, deadline=None)
@given(summed_tables())
def test_validate_table_summed_random_table_always_validates(table):
    rows, total = table

    assert validate_table(rows, total_points=total) == []


@settings(max_examples=60, deadline=None)
@given(summed_tables(), st.data())
def test_validate_table_changing_any_leaf_breaks_it(table, data):
    rows, total = table
    leaves = [i for i, r in enumerate(rows) if r.kind == "criterion"]
    index = data.draw(st.sampled_from(leaves))
    delta = data.draw(st.sampled_from([D("0.01"), D(1), D(-1) * D("0.01")]))
    changed = list(rows)
    leaf = rows[index]
    new_value = leaf.max_points + delta
    changed[index] = TableRow(leaf.code, leaf.kind, new_value, parent_code=leaf.parent_code)

    assert validate_table(changed, total_points=total) != []


class _Rec:
    def __init__(self, pk, parent_id, order):
        self.pk, self.parent_id, self.order = pk, parent_id, order


def test_tree_order_parents_before_children_in_order():
    records = [_Rec(1, None, 2), _Rec(2, None, 1), _Rec(3, 1, 1), _Rec(4, 2, 2), _Rec(5, 2, 1)]

    order = [(r.pk, depth) for r, depth in tree_order(records)]

    assert order == [(2, 0), (5, 1), (4, 1), (1, 0), (3, 1)]
