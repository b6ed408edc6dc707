"""Demo: the honour boards of the two successor provinces, published (issue 7)."""

from collections.abc import Callable

from thidua.accounts.models import User
from thidua.org.models import Province
from thidua.reports.services.honour import honour_board_update

# The successor provinces since 01/7/2025: their boards also show the merged provinces' lines.
PUBLISHED = {
    "ninh-binh": (
        "Bảng vàng thi đua, khen thưởng tỉnh Ninh Bình",
        "Các tập thể, cá nhân được Thủ tướng Chính phủ và Chủ tịch UBND tỉnh khen thưởng, gồm "
        "cả các khen thưởng của tỉnh Nam Định, tỉnh Hà Nam trước ngày hợp nhất (01/7/2025). "
        "Dữ liệu minh hoạ.",
    ),
    "lao-cai": (
        "Bảng vàng thi đua, khen thưởng tỉnh Lào Cai",
        "Gồm các khen thưởng của tỉnh Yên Bái trước ngày hợp nhất (01/7/2025). Dữ liệu minh hoạ.",
    ),
}


def load_honour_boards(admin: User, log: Callable[[str], None] = print) -> None:
    for province in Province.objects.filter(code__in=PUBLISHED):
        title, intro = PUBLISHED[province.code]
        honour_board_update(
            actor=admin,
            province=province,
            published=True,
            title=title,
            intro=intro,
            levels=["province", "national"],
        )
    log(f"Demo: bảng vàng công khai của {len(PUBLISHED)} tỉnh.")
