"""Demo covenants: a 1,000-point criteria table (structure of shared/scoring-tables.md §5.4) and
deterministic illustrative scores. Every number here is illustrative, not a provincial rule."""

from decimal import Decimal

D = Decimal

# (code, parent code, title, kind, max points, points per item, evidence required)
CRITERIA_TABLE = [
    ("I", "", "Thực hiện nhiệm vụ chính trị, chuyên môn được giao", "group", D(400), None, False),
    (
        "I.1",
        "I",
        "Kết quả thực hiện các chỉ tiêu, nhiệm vụ trong năm",
        "group",
        D(250),
        None,
        False,
    ),
    ("I.1.a", "I.1", "Hoàn thành các chỉ tiêu kế hoạch được giao", "criterion", D(150), None, True),
    ("I.1.b", "I.1", "Chất lượng, tiến độ tham mưu cho cấp trên", "criterion", D(100), None, False),
    ("I.2", "I", "Thực hiện nhiệm vụ đột xuất được giao", "criterion", D(80), None, False),
    ("I.3", "I", "Đổi mới, sáng tạo; sáng kiến được công nhận", "criterion", D(70), None, True),
    ("II", "", "Công tác thi đua, khen thưởng", "group", D(200), None, False),
    (
        "II.1",
        "II",
        "Ban hành kế hoạch, phát động phong trào thi đua",
        "criterion",
        D(50),
        None,
        False,
    ),
    ("II.2", "II", "Thực hiện nội dung giao ước thi đua của khối", "criterion", D(50), None, False),
    (
        "II.3",
        "II",
        "Phát hiện, bồi dưỡng, nhân rộng điển hình tiên tiến",
        "criterion",
        D(50),
        None,
        False,
    ),
    (
        "II.4",
        "II",
        "Báo cáo, hồ sơ khen thưởng đúng hạn, đúng quy định",
        "criterion",
        D(50),
        None,
        False,
    ),
    ("III", "", "Xây dựng Đảng và các đoàn thể", "group", D(150), None, False),
    (
        "III.1",
        "III",
        "Tổ chức đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên",
        "criterion",
        D(80),
        None,
        True,
    ),
    ("III.2", "III", "Công đoàn, Đoàn Thanh niên vững mạnh", "criterion", D(70), None, False),
    ("IV", "", "Cải cách hành chính, chuyển đổi số", "group", D(150), None, False),
    ("IV.1", "IV", "Cải cách thủ tục hành chính", "criterion", D(50), None, False),
    ("IV.2", "IV", "Ứng dụng công nghệ thông tin, chuyển đổi số", "criterion", D(60), None, False),
    (
        "IV.3",
        "IV",
        "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng",
        "criterion",
        D(40),
        None,
        False,
    ),
    ("V", "", "Văn hoá công sở, kỷ luật, kỷ cương hành chính", "group", D(100), None, False),
    ("V.1", "V", "Thực hiện văn hoá công sở", "criterion", D(50), None, False),
    ("V.2", "V", "Không có cán bộ, công chức vi phạm kỷ luật", "criterion", D(50), None, False),
    ("B.1", "", "Được tặng Cờ thi đua của Chính phủ năm trước", "bonus", D(30), D(30), True),
    ("B.2", "", "Được tặng Cờ thi đua của UBND tỉnh năm trước", "bonus", D(20), D(20), True),
    ("B.3", "", "Đăng cai tổ chức hoạt động chung của khối", "bonus", D(10), D(10), False),
    (
        "B.4",
        "",
        "Sáng kiến được công nhận phạm vi toàn tỉnh (mỗi sáng kiến)",
        "bonus",
        D(20),
        D(10),
        True,
    ),
    ("D.1", "", "Gửi báo cáo chậm so với thời hạn (mỗi lần)", "deduction", D(30), D(5), False),
    (
        "D.2",
        "",
        "Cán bộ bị kỷ luật từ khiển trách trở lên (mỗi trường hợp)",
        "deduction",
        D(50),
        D(20),
        False,
    ),
    (
        "D.3",
        "",
        "Sai phạm bị thanh tra, kiểm tra kết luận (mỗi kết luận)",
        "deduction",
        D(40),
        D(20),
        False,
    ),
]

COVENANT_ITEMS = [
    "Thực hiện thắng lợi các chỉ tiêu, nhiệm vụ chính trị, chuyên môn được giao trong năm.",
    "Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thực hiện tốt công tác cải cách hành chính, chuyển đổi số, văn hoá công sở.",
    "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực.",
    "Xây dựng tổ chức đảng, đoàn thể trong sạch, vững mạnh; phát hiện, nhân rộng điển hình tiên tiến.",
]

TIE_BREAKS = ["fewer_deductions", "higher_first_group", "more_bonus"]
