"""Schemas of the statistics of the registry of awards: the filters and the tables.

A table is the same object the page and the .xlsx / CSV files are written from: columns (with
their kind), rows of cells and a totals row. A cell is a number, a label or null.
"""

from typing import Literal

from ninja import Field, Schema

from thidua.api.types import Id
from thidua.reports.selectors.statistics import MAX_YEAR, MIN_YEAR

Level = Literal["unit", "province", "national"]
SubjectKind = Literal["collective", "individual"]
Cell = int | float | str | None


class StatisticsQuery(Schema):
    province_id: Id | None = Field(
        None,
        description="Một tỉnh; bỏ trống: mọi tỉnh bạn được xem (tỉnh đã hợp nhất vào tính chung).",
    )
    year_from: int | None = Field(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="Từ năm; mặc định 5 năm trước `year_to`."
    )
    year_to: int | None = Field(
        None, ge=MIN_YEAR, le=MAX_YEAR, description="Đến năm; mặc định năm nay. Tối đa 30 năm."
    )
    bloc_id: Id | None = Field(
        None,
        description="Chỉ các khen thưởng của đơn vị (và cá nhân của đơn vị) là thành viên của "
        "khối, cụm này trong năm được khen thưởng.",
    )
    level: Level | None = Field(None, description="Cấp trong danh mục: unit, province, national.")
    subject_kind: SubjectKind | None = Field(
        None, description="collective: tập thể; individual: cá nhân."
    )


class ColumnOut(Schema):
    key: str
    label: str
    kind: Literal["text", "count", "share", "change", "change_share"] = Field(
        description="text: nhãn; count: số; share: tỷ lệ dạng phân số (0.25 = 25%); change: "
        "tăng, giảm so với năm trước; change_share: tăng, giảm dạng phân số."
    )
    header: bool = Field(description="Cột tên dòng (tiêu đề dòng).")


class RowOut(Schema):
    key: str = Field(description="Mã của dòng: mã hình thức, năm, mã khối (`none`: ngoài khối)…")
    cells: list[Cell]


class TableOut(Schema):
    key: str
    slug: str
    title: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    totals: list[Cell] | None
    notes: list[str]
    csv_url: str
    xlsx_url: str


class StatisticsFiltersOut(Schema):
    province_id: int | None
    year_from: int
    year_to: int
    bloc_id: int | None
    level: Level | None
    subject_kind: SubjectKind | None


class StatisticsOut(Schema):
    filters: StatisticsFiltersOut
    scope: list[str] = Field(description="Phạm vi số liệu, mỗi ý một câu.")
    total: int = Field(description="Số khen thưởng (chưa bị huỷ) trong phạm vi.")
    tables: list[TableOut]
    xlsx_url: str = Field(description="Tất cả các bảng trong một tệp .xlsx, mỗi bảng một trang.")
