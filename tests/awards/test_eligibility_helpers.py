"""Builders shared by the eligibility tests (no tests here): histories written the way the
legal text reads."""

from fractions import Fraction

from thidua.awards.eligibility import HeldAward, SubjectHistory, Verdict, YearFacts, eligibility
from thidua.awards.rulebook import Override, load_rulebook

BOOK = load_rulebook()

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
CSTD_TINH = "chien_si_thi_dua_cap_tinh"
CSTD_TQ = "chien_si_thi_dua_toan_quoc"
BK_TINH = "bang_khen_chu_tich_ubnd_tinh_ca_nhan"
BK_TINH_TT = "bang_khen_chu_tich_ubnd_tinh"
BK_TTG = "bang_khen_thu_tuong_ca_nhan"
BK_TTG_TT = "bang_khen_thu_tuong"
HCLD3 = "huan_chuong_lao_dong_hang_ba_ca_nhan"
HCLD3_TT = "huan_chuong_lao_dong_hang_ba_tap_the"
HCLD2 = "huan_chuong_lao_dong_hang_nhi_ca_nhan"
HCLD2_TT = "huan_chuong_lao_dong_hang_nhi_tap_the"
HCLD1 = "huan_chuong_lao_dong_hang_nhat_ca_nhan"
TTLDTT = "tap_the_lao_dong_tien_tien"
TTLDXS = "tap_the_lao_dong_xuat_sac"
CO_TINH = "co_thi_dua_ubnd_tinh"
CO_CP = "co_thi_dua_chinh_phu"
GIAY_KHEN = "giay_khen"
GIAY_KHEN_TT = "giay_khen_tap_the"
XA = "xa_phuong_dac_khu_tieu_bieu"
THON = "thon_to_dan_pho_van_hoa"


def rated(first: int, last: int, rating: str = "htt", **other: str) -> dict[int, str]:
    """{year: rating} from `first` to `last`, with exceptions given as y2022="ht"."""
    ratings = dict.fromkeys(range(first, last + 1), rating)
    ratings.update({int(key.removeprefix("y")): value for key, value in other.items()})
    return ratings


def titles(code: str, *years: int, basis: str = "merit", revoked: bool = False) -> tuple:
    return tuple(HeldAward(code, y, basis, revoked) for y in years)


def _facts(ratings, scopes, science, disciplined, initiatives):
    years = set(ratings) | set(scopes) | set(science) | set(disciplined) | set(initiatives)
    return tuple(
        YearFacts(
            y,
            rating=ratings.get(y, ""),
            initiative_scope=scopes.get(y, ""),
            science_accepted=y in science,
            disciplined=y in disciplined,
            initiatives=initiatives.get(y),
        )
        for y in sorted(years)
    )


def person(
    *awards: tuple,
    ratings=None,
    scopes=None,
    science=(),
    disciplined=(),
    initiatives=None,
    under_review=False,
    outside=False,
) -> SubjectHistory:
    """An individual; `awards` are tuples of HeldAward (see `titles`)."""
    return SubjectHistory(
        "individual",
        awards=tuple(a for group in awards for a in group),
        facts=_facts(ratings or {}, scopes or {}, science, disciplined, initiatives or {}),
        under_review=under_review,
        outside_public_sector=outside,
    )


def unit(
    *awards: tuple,
    ratings=None,
    ldtt=None,
    completed=None,
    cstdcs=None,
    member_disciplined=None,
    leader=None,
    disciplined=(),
    under_review=False,
) -> SubjectHistory:
    """A collective; member figures per year ({2024: "7/10"} for shares)."""
    return SubjectHistory(
        "collective",
        awards=tuple(a for group in awards for a in group),
        facts=_facts(ratings or {}, {}, (), disciplined, {}),
        member_ldtt_share={y: Fraction(v) for y, v in (ldtt or {}).items()},
        members_all_completed=completed or {},
        member_cstdcs=cstdcs or {},
        member_disciplined=member_disciplined or {},
        is_bloc_leader=leader or {},
        under_review=under_review,
    )


def good_unit(year: int, **changes) -> SubjectHistory:
    """A collective meeting every figure of COL-01/02 in `year` (TTLĐXS standard)."""
    values = {
        "ratings": {year: "htxs"},
        "ldtt": {year: "7/10"},
        "completed": {year: True},
        "cstdcs": {year: 1},
        "member_disciplined": {year: False},
    }
    values.update(changes)
    return unit(**values)


def verdict(history, award: str, year: int, *overrides: Override) -> Verdict:
    return eligibility(history, award, year, BOOK, overrides=overrides)


def outcome(history, award: str, year: int, *overrides: Override) -> tuple[str, str]:
    v = verdict(history, award, year, *overrides)
    return (v.status, v.decided_by)


def mets(v: Verdict, rule_id: str) -> list:
    return [r.met for r in v.reasons if r.rule_id == rule_id]


def texts(v: Verdict, rule_id: str) -> list[str]:
    return [r.text for r in v.reasons if r.rule_id == rule_id]


def province(rule_id: str, from_year: int = 2020, **params) -> Override:
    return Override(rule_id, params, from_year, "QĐ 99/2024/QĐ-UBND")
