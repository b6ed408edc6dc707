"""The demo award history (stage "awards"), so that the eligibility pages show real verdicts.

Adds illustrative people up to a few hundred, then writes through the registry services, as the
board administrator, each person's and each unit's yearly assessment for 2019–2024 and the
titles that follow from them for 2019–2023; 2024 carries the ratings and the LĐTT only, as the
year the demo proposes for. The outcomes of the seed 001 and 003 meetings (the proposals of
their closed polls) shape the history (forced ratings, no second Bằng khen) but are not written
here when the dossier workflow carries them (`carried`, see demo.dossiers): seed 001's lines
come from its decisions, seed 003's are still before the board. Without `carried`, they become
imported registry lines with decision numbers in the Decree 30 style.

Everything written here is illustrative (`is_illustrative=True`, source "imported": history as a
province brings it over from its paper registry) and deterministic (seeded). The people named by
the seeds get no history: their awards are not known. A set of showcase people (SHOWCASE) carries
the chains the eligibility pages explain: three and two consecutive CSTĐ cơ sở ending 2023,
chains broken by a gap or by discipline, a provincial CSTĐ; two people and two Hà Nam districts
differ only in the basis of a Bằng khen (merit / thematic, GEN-02).
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from thidua.accounts.models import User
from thidua.awards.models import AwardBasis, InitiativeScope, Rating, RecordSource
from thidua.awards.rulebook import AwardType, load_rulebook
from thidua.awards.services.registry import assessment_set, award_record_create
from thidua.dossiers.models import Proposal
from thidua.org.demo import data
from thidua.org.models import Person, Unit
from thidua.org.services import person_create

RATED_YEARS = range(2019, 2025)
# Titles above LĐTT are decided up to 2023; 2024 has its ratings and LĐTT (decided by the heads
# in January 2025): its other titles are the ones to propose.
DECIDED_YEARS = range(2019, 2024)
# NĐ 91/2017 (to 2023): CSTĐ cơ sở at most 15 % of the unit's LĐTT (IND-02q).
CSTDCS_SHARE = 0.15
TARGET_PEOPLE = 300

LDTT, CSTDCS, CSTD_TINH = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
)
TTLDTT, TTLDXS = "tap_the_lao_dong_tien_tien", "tap_the_lao_dong_xuat_sac"
BK_TINH, CO_TINH = "bang_khen_chu_tich_ubnd_tinh", "co_thi_dua_ubnd_tinh"
BK_TINH_CN = "bang_khen_chu_tich_ubnd_tinh_ca_nhan"
CODES = (LDTT, CSTDCS, CSTD_TINH, TTLDTT, TTLDXS, BK_TINH, BK_TINH_CN, CO_TINH)

# A person's year, one letter: T rated HTT (LĐTT); X HTXS without initiative (LĐTT); C HTXS with
# a grassroots initiative (LĐTT and CSTĐ cơ sở); P as C with an initiative of provincial scope;
# Q as P plus CSTĐ cấp tỉnh; H rated HT; D rated HT and disciplined; K rated KHT.
RATING = {"T": Rating.HTT, "X": Rating.HTXS, "C": Rating.HTXS, "P": Rating.HTXS, "Q": Rating.HTXS}
RATING |= {"H": Rating.HT, "D": Rating.HT, "K": Rating.KHT}
INITIATIVE = {"C": InitiativeScope.GRASSROOTS, "P": InitiativeScope.PROVINCE}
INITIATIVE["Q"] = InitiativeScope.PROVINCE
TITLES = {"T": (LDTT,), "X": (LDTT,), "C": (LDTT, CSTDCS), "P": (LDTT, CSTDCS)}
TITLES["Q"] = (LDTT, CSTDCS, CSTD_TINH)

# (unit code, full name, gender, birth year, profile for 2019…2024): names unique in the demo.
SHOWCASE = [
    # Three consecutive CSTĐ cơ sở 2021–2023, an initiative of provincial scope in 2023.
    ("nd-btg", "Đặng Thị Đào", "female", 1978, "TTCCPC"),
    ("yb-skhdt", "Đỗ Mạnh Đức", "male", 1975, "TTCCPC"),
    ("hn-duytien", "Trần Thị Hòa", "female", 1981, "TXCCPC"),
    ("nd-ubkt", "Lê Minh Khoa", "male", 1980, "TTCCPC"),
    ("yb-stc", "Vũ Thị Thuỷ", "female", 1983, "XTCCPC"),
    ("hn-kimbang", "Nguyễn Đình Toàn", "male", 1977, "TTCCPC"),
    # Three consecutive, initiatives of grassroots scope only.
    ("nd-stc", "Phạm Thị Thủy", "female", 1984, "TTCCCX"),
    ("hn-binhluc", "Đào Xuân Định", "male", 1979, "TTCCCC"),
    # Two consecutive ending 2023: next year's candidates.
    ("nd-vptu", "Nguyễn Thị Hoà", "female", 1986, "TTTCCC"),
    ("nd-tct", "Đinh Quang Đạt", "male", 1982, "TXTCCC"),
    ("nd-bnc", "Hoàng Thị Diệp", "female", 1985, "TTXCCC"),
    ("yb-snv", "Bùi Văn Đông", "male", 1976, "TTTCCX"),
    ("yb-vpubnd", "Ngô Thị Thanh Huyền", "female", 1988, "TTTCCC"),
    ("nd-skhdt", "Lương Đức Thắng", "male", 1983, "XTTCCC"),
    ("hn-phuly", "Trịnh Thị Đan", "female", 1987, "TTHCCC"),
    ("hn-lynhan", "Phan Văn Hiếu", "male", 1980, "TTTCCC"),
    ("nd-snv", "Đoàn Thị Quỳnh", "female", 1990, "TTTCCT"),
    ("yb-ttr", "Hà Văn Lợi", "male", 1974, "TXTCCC"),
    ("nd-bao", "Đặng Thị Ngọc Ánh", "female", 1989, "TTTCCC"),
    ("nd-dukcqdn", "Cao Văn Tùng", "male", 1981, "TTTCCC"),
    ("yb-stp", "Mai Thị Thoa", "female", 1985, "TTXCCX"),
    ("hn-thanhliem", "Đỗ Thị Hoà", "female", 1991, "TTTCCC"),
    # Chains broken: a gap year, a year rated HT, discipline; a chain that ended in 2020.
    ("nd-bdv", "Hoàng Văn Đạt", "male", 1979, "TCCTCC"),
    ("nd-vphdnd", "Ngô Thị Hồng Hạnh", "female", 1982, "TTCHCC"),
    ("nd-ttr", "Đinh Văn Dũng", "male", 1978, "TCCDCT"),
    ("yb-vphdnd", "Lương Thị Tâm", "female", 1986, "TDTTTT"),
    ("nd-bbvsk", "Vũ Đức Hoà", "male", 1973, "CCTTTT"),
    # CSTĐ cấp tỉnh 2021 after three CSTĐ cơ sở 2019–2021.
    ("nd-btc", "Đoàn Thị Ngọc Diệp", "female", 1975, "CCQTTT"),
    ("nd-vpubnd", "Trương Đình Đông", "male", 1972, "CCQXTX"),
    # Bằng khen (cá nhân) 2020, then five years HTT or better with three CSTĐ cơ sở: equal but for
    # the basis of that Bằng khen (PERSON_LINES), a pair for the Bằng khen Thủ tướng verdict.
    ("nd-stp", "Nguyễn Thị Đoan Trang", "female", 1980, "CCTCCC"),
    ("yb-vphdnd", "Phùng Văn Đoàn", "male", 1979, "CCTCCC"),
]

SURNAMES = ["Nguyễn"] * 6 + ["Trần"] * 3 + ["Lê"] * 2 + ["Phạm", "Hoàng", "Huỳnh", "Vũ", "Võ"]
SURNAMES += ["Đặng", "Đỗ", "Đinh", "Đoàn", "Đào", "Bùi", "Ngô", "Dương", "Lương", "Trịnh", "Tạ"]
MIDDLE = {
    "female": ["Thị", "Thị", "Thị Thu", "Thị Hồng", "Ngọc", "Thị Minh", "Thị Thanh", "Diệu"],
    "male": ["Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Đình", "Xuân", "Mạnh", "Trọng"],
}
# Both tone placements of the same names (Hoà/Hòa, Thuỷ/Thủy): search must find either.
GIVEN = {
    "female": ["Hoa", "Hương", "Lan", "Hoà", "Hòa", "Thuỷ", "Thủy", "Dung", "Hạnh", "Phương"]
    + ["Yến", "Oanh", "Đào", "Diệp", "Ngân", "Trang", "Huyền", "Thảo", "Nhung", "Loan", "Mai"],
    "male": ["Dũng", "Hùng", "Đức", "Thắng", "Cường", "Tuấn", "Hải", "Nam", "Sơn", "Quý", "Đạt"]
    + ["Định", "Đông", "Khoa", "Toàn", "Hoà", "Hòa", "Thành", "Long", "Huy", "Tùng", "Bình"],
}
POSITIONS = [*data.POSITIONS, "Chuyên viên", "Chuyên viên", "Kế toán", "Văn thư"]

# Units formed by a merger whose `active_from` the demo leaves open (data.LINEAGE): first year.
FORMED = {"nd-dukcqdn": 2020}
# (unit, year) → rating forced on the unit (the seeds' outcomes add theirs, see _forced_ratings).
UNIT_RATINGS = {
    ("yb-vphdnd", 2019): Rating.HT,
    **{(code, 2019): Rating.HTXS for code in ("hn-duytien", "hn-kimbang")},
    **{(code, y): Rating.HTXS for code in ("hn-duytien", "hn-kimbang") for y in (2021, 2022)},
}
WEAK_YEAR = ("nd-ttr", 2024)  # fewer than 70 % of its people LĐTT (COL-01 from 2024)
# 2019 Bằng khen of the two districts: equal histories but for the basis (GEN-02).
BK_2019 = [
    ("hn-duytien", AwardBasis.MERIT, "Hai năm liên tục hoàn thành xuất sắc nhiệm vụ 2018–2019."),
    (
        "hn-kimbang",
        AwardBasis.THEMATIC,
        "Thành tích trong phong trào thi đua chuyên đề “Chung sức xây dựng nông thôn mới” (GEN-02: "
        "khen thưởng theo chuyên đề không làm căn cứ đề nghị khen thưởng theo công trạng).",
    ),
]
# Decision numbers of the units' own decisions: Party bodies "số-QĐ/…", others "số/QĐ-…".
ABBR = {"btc": "BTCTU", "ubkt": "UBKTTU", "bnc": "BNCTU", "btg": "BTGTU", "bdv": "BDVTU"}
ABBR |= {"bao": "BNĐ", "vptu": "VPTU", "tct": "TCT", "bbvsk": "BBVSKCB", "vpubnd": "VPUBND"}
ABBR |= {"dukcq": "ĐUK", "dukdn": "ĐUK", "dukcqdn": "ĐUK", "vphdnd": "VP", "skhdt": "SKHĐT"}
ABBR |= {"stc": "STC", "snv": "SNV", "stp": "STP", "ttr": "TTr"}
HEADS = [  # name prefix → title of the unit's head
    ("Sở ", "Giám đốc "),
    ("Văn phòng ", "Chánh "),
    ("Thanh tra ", "Chánh "),
    ("Ban ", "Trưởng "),
    ("Ủy ban Kiểm tra", "Chủ nhiệm "),
    ("Báo ", "Tổng Biên tập "),
    ("Trường ", "Hiệu trưởng "),
    ("Đảng ủy ", "Bí thư "),
]
SEED_NOTES = {
    2022: "Theo kết quả hội nghị tổng kết Khối thi đua các cơ quan Đảng thuộc Tỉnh ủy ngày "
    "01/12/2022 (seed 001); số, ngày quyết định minh hoạ.",
    2021: "Theo kết quả hội nghị tổng kết Khối thi đua các cơ quan tổng hợp ngày 20/01/2022 "
    "(seed 003); số, ngày quyết định minh hoạ.",
}


@dataclass
class Line:
    code: str
    year: int
    basis: str = AwardBasis.MERIT
    note: str = ""
    # False: planned (it shapes the rest of the history) but written by the dossier workflow.
    write: bool = True


PERSON_LINES = {
    "Nguyễn Thị Đoan Trang": Line(
        BK_TINH_CN,
        2020,
        AwardBasis.MERIT,
        "Hai năm liên tục (2019–2020) hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến được công nhận.",
    ),
    "Phùng Văn Đoàn": Line(
        BK_TINH_CN,
        2020,
        AwardBasis.THEMATIC,
        "Thành tích trong phong trào thi đua chuyên đề “Cả nước chung tay vì người nghèo” (GEN-02: "
        "khen thưởng theo chuyên đề không làm căn cứ đề nghị khen thưởng theo công trạng).",
    ),
}


@dataclass
class Plan:
    """A subject's illustrative history: facts per year (rating, initiative, disciplined)."""

    facts: dict[int, tuple[str, str, bool]] = field(default_factory=dict)
    lines: list[Line] = field(default_factory=list)


class Decisions:
    """Illustrative decision numbers and dates: one decision per issuer, award and year, as a
    province's registry shows them (all LĐTT of a unit in a year share one decision)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.known: dict[tuple[str, str, int], tuple[str, datetime.date]] = {}
        self.used: set[tuple[str, int, int]] = set()

    def get(
        self, *, issuer: str, pattern: str, group: str, year: int, level: str
    ) -> tuple[str, datetime.date]:
        key = (issuer, group, year)
        if key not in self.known:
            months, top = {"unit": ((1, 1), 60), "province": ((2, 3), 900)}.get(
                level, ((4, 6), 1200)
            )
            day = datetime.date(year + 1, self.rng.randint(*months), self.rng.randint(2, 28))
            number = self.rng.randint(5, top)
            while (issuer, day.year, number) in self.used:
                number += 1
            self.used.add((issuer, day.year, number))
            self.known[key] = (pattern.format(n=number), day)
        return self.known[key]


@dataclass
class Context:
    units: dict[str, Unit]
    back: dict[str, str]  # unit code → its first predecessor (data.LINEAGE)
    decisions: Decisions

    def award(self, code: str) -> AwardType:
        """The catalogue entry; KeyError for a code the rulebook does not know."""
        return load_rulebook().award_type(code)


def _predecessors() -> dict[str, str]:
    back: dict[str, str] = {}
    for _kind, _date, preds, succs, *_rest in data.LINEAGE:
        for code in succs:
            back.setdefault(code, preds[0])
    return back


def _history_unit(
    unit: Unit, year: int, units: dict[str, Unit], back: dict[str, str]
) -> Unit | None:
    """The unit a person of `unit` worked in during `year` (a predecessor before a merger or a
    split), or None when that unit had ended before the year's close."""
    start = unit.active_from.year if unit.active_from else FORMED.get(unit.code, 0)
    if year < start:
        return _history_unit(units[back[unit.code]], year, units, back)
    if unit.active_to is None or unit.active_to >= datetime.date(year, 12, 31):
        return unit
    return None


# ── People ─────────────────────────────────────────────────────────────────────────────────


def _add_people(
    admin: User, units: dict[str, Unit], rng: random.Random
) -> tuple[list[Person], dict[int, str]]:
    """The showcase people (their profiles by id), then random people spread over the units
    rated in 2023, up to TARGET_PEOPLE."""
    taken = set(Person.objects.values_list("full_name", flat=True))
    clash = sorted(taken.intersection(name for _c, name, *_rest in SHOWCASE))
    if clash:
        raise RuntimeError(f"Demo: tên minh hoạ đã có: {', '.join(clash)}")
    people = [
        person_create(
            actor=admin,
            unit=units[code],
            full_name=name,
            gender=gender,
            birth_year=born,
            position=rng.choice(POSITIONS),
            is_illustrative=True,
        )
        for code, name, gender, born, _profile in SHOWCASE
    ]
    profiles = {p.pk: row[4] for p, row in zip(people, SHOWCASE, strict=True)}
    taken.update(name for _c, name, *_rest in SHOWCASE)
    rated = [u for u in units.values() if u.active_to is None or u.active_to.year > 2024]
    rated = [u for u in rated if not u.active_from or u.active_from.year <= 2019]
    missing = TARGET_PEOPLE - Person.objects.count()
    for index in range(max(missing, 0)):
        gender = rng.choice(("female", "male"))
        name = ""
        while not name or name in taken:
            name = (
                f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
            )
        taken.add(name)
        people.append(
            person_create(
                actor=admin,
                unit=rated[index % len(rated)],
                full_name=name,
                gender=gender,
                birth_year=rng.randint(1966, 2000),
                position=rng.choice(POSITIONS),
                is_illustrative=True,
            )
        )
    return people, profiles


def _random_profile(rng: random.Random) -> str:
    """Mostly HTT, some HTXS, a few HT, rare KHT; a CSTĐ cơ sở now and then, never twice running
    (the chains of the demo are the showcase people's, easy to find)."""
    strength = rng.random()
    letters = ""
    for _year in RATED_YEARS:
        draw = rng.random()
        if draw < 0.008:
            letter = "K"
        elif draw < 0.06 - 0.04 * strength:
            letter = "H"
        elif draw < 0.12 + 0.22 * strength:
            letter = "C" if rng.random() < 0.35 and not letters.endswith("C") else "X"
        else:
            letter = "T"
        letters += letter
    return letters


def _person_plans(
    people: Iterable[Person], units: dict[str, Unit], showcase: dict[int, str], rng: random.Random
) -> dict[Person, Plan]:
    seed_names = {name for _code, name, _g, _p in data.SEED_PEOPLE}
    back, plans = _predecessors(), {}
    for person in people:
        if person.full_name in seed_names:
            continue
        profile = showcase.get(person.pk) or _random_profile(rng)
        plan = Plan()
        for year, letter in zip(RATED_YEARS, profile, strict=True):
            if _history_unit(units[person.unit.code], year, units, back) is None:
                continue
            plan.facts[year] = (RATING[letter], INITIATIVE.get(letter, ""), letter == "D")
            titles = TITLES.get(letter, ())
            plan.lines.extend(Line(c, year) for c in titles if year in DECIDED_YEARS or c == LDTT)
        if person.pk in showcase and person.full_name in PERSON_LINES:
            plan.lines.append(PERSON_LINES[person.full_name])
        plans[person] = plan
    return plans


def _weaken(plans: dict[Person, Plan], headcount: dict[int, int], showcase: dict[int, str]) -> None:
    """WEAK_YEAR: enough of the unit's people rated HT that fewer than 70 % hold LĐTT."""
    code, year = WEAK_YEAR
    members = [p for p in plans if p.unit.code == code]
    for person in members:
        share, *_rest = _member_stats(plans, person.unit, year, headcount[person.unit_id])
        if share < 0.7:
            return
        if person.pk not in showcase:
            plans[person].facts[year] = (Rating.HT, "", False)
            plans[person].lines = [x for x in plans[person].lines if x.year != year]


def _cap_cstdcs(plans: dict[Person, Plan], showcase: dict[int, str], ctx: "Context") -> None:
    """IND-02q (to 2023): in each unit and year, CSTĐ cơ sở for at most 15 % of those with
    LĐTT; random people over the cap keep their HTXS but not the initiative nor the title."""
    holders: dict[tuple[int, int], list[Person]] = defaultdict(list)
    ldtt: dict[tuple[int, int], int] = defaultdict(int)
    for person, plan in plans.items():
        for line in plan.lines:
            unit = _history_unit(person.unit, line.year, ctx.units, ctx.back)
            if unit is not None and line.code in (LDTT, CSTDCS) and line.year in DECIDED_YEARS:
                key = (unit.pk, line.year)
                ldtt[key] += line.code == LDTT
                if line.code == CSTDCS:
                    holders[key].append(person)
    for key, people in holders.items():
        over = len(people) - int(ldtt[key] * CSTDCS_SHARE + 1e-9)
        for person in sorted(people, key=lambda p: p.pk in showcase)[: max(over, 0)]:
            if person.pk in showcase:
                raise RuntimeError(f"Demo: quá tỷ lệ CSTĐ cơ sở (IND-02q) tại {key}.")
            plan, year = plans[person], key[1]
            plan.facts[year] = (plan.facts[year][0], "", False)
            plan.lines = [x for x in plan.lines if (x.code, x.year) != (CSTDCS, year)]


def _clamp(plans: dict[Person, Plan], excellent: set[tuple[str, int]]) -> None:
    """In the unit-years rated HTXS by force, nobody fails the tasks (COL-02 needs 100 %)."""
    for person, plan in plans.items():
        for year, (rating, initiative, disciplined) in plan.facts.items():
            if (person.unit.code, year) in excellent and rating == Rating.KHT and not disciplined:
                plan.facts[year] = (Rating.HT, initiative, False)


# ── Units ──────────────────────────────────────────────────────────────────────────────────


def _member_stats(
    plans: dict[Person, Plan], unit: Unit, year: int, headcount: int
) -> tuple[float, bool, int, bool]:
    """(share LĐTT, all completed, CSTĐ cơ sở count, someone disciplined), as the selector of
    histories counts them: over the people of the unit now."""
    ldtt = cstd = 0
    completed, disciplined = True, False
    for person, plan in plans.items():
        if person.unit_id != unit.pk or year not in plan.facts:
            continue
        rating, _initiative, punished = plan.facts[year]
        codes = {line.code for line in plan.lines if line.year == year}
        ldtt += LDTT in codes
        cstd += CSTDCS in codes
        completed = completed and rating != Rating.KHT
        disciplined = disciplined or punished
    share = ldtt / headcount if headcount else 0.0
    return share, completed, cstd, disciplined


def _unit_plans(
    units: dict[str, Unit],
    plans: dict[Person, Plan],
    headcount: dict[int, int],
    forced: dict[tuple[str, int], str],
    rng: random.Random,
) -> dict[Unit, Plan]:
    """Ratings (mostly HTT, some HTXS) and the titles members' results allow: TTLĐXS (COL-02),
    else TTLĐTT (COL-01)."""
    back, result = _predecessors(), {}
    for unit in units.values():
        plan = Plan()
        for year in RATED_YEARS:
            here = _history_unit(unit, year, units, back)
            if here is None or here.pk != unit.pk:
                continue
            rating = forced.get((unit.code, year)) or (
                Rating.HTXS if rng.random() < 0.3 else Rating.HTT
            )
            plan.facts[year] = (rating, "", False)
            if year not in DECIDED_YEARS:
                continue
            share, completed, cstd, punished = _member_stats(plans, unit, year, headcount[unit.pk])
            if punished or share < 0.7 or rating not in (Rating.HTXS, Rating.HTT):
                continue
            excellent = rating == Rating.HTXS and completed and cstd >= 1
            plan.lines.append(Line(TTLDXS if excellent else TTLDTT, year))
        if plan.facts:
            result[unit] = plan
    return result


def _bang_khen(unit_plans: dict[Unit, Plan], rng: random.Random) -> None:
    """Some units with two HTXS years running receive a Bằng khen (one per unit in the demo)."""
    for plan in unit_plans.values():
        if any(line.code in (BK_TINH, CO_TINH) for line in plan.lines):
            continue
        for year in DECIDED_YEARS[1:]:
            pair = [plan.facts.get(y, ("", "", False))[0] for y in (year - 1, year)]
            if pair == [Rating.HTXS, Rating.HTXS] and rng.random() < 0.35:
                plan.lines.append(Line(BK_TINH, year))
                break


def _seed_outcomes() -> list[tuple[Unit, str, int]]:
    """(unit, award type, year) of every proposal of a closed poll (seeds 001 and 003)."""
    rows = Proposal.objects.filter(source_poll__isnull=False, unit__isnull=False)
    rows = rows.select_related("unit", "unit__province").order_by(
        "year", "award_type", "unit__code"
    )
    return [(p.unit, p.award_type, p.year) for p in rows if p.unit is not None]


def _forced_ratings(outcomes: list[tuple[Unit, str, int]]) -> dict[tuple[str, int], str]:
    """A flag needs an excellent year; a unit's Bằng khen two running (FRM-02c)."""
    forced: dict[tuple[str, int], str] = dict(UNIT_RATINGS)
    for unit, code, year in outcomes:
        for y in (year - 1, year) if code == BK_TINH else (year,):
            forced[(unit.code, y)] = Rating.HTXS
    return forced


# ── Writing ────────────────────────────────────────────────────────────────────────────────


def _head(unit: Unit) -> str:
    for prefix, title in HEADS:
        if unit.name.startswith(prefix):
            return title + unit.name
    return f"Chủ tịch UBND {unit.name[0].lower()}{unit.name[1:]}"  # districts and towns


def _issuer(award: AwardType, unit: Unit) -> tuple[str, str, str]:
    """(issuer, decision number pattern, decision group) for an award of or in `unit`."""
    province = unit.province.name
    if award.level == "national":
        return "Thủ tướng Chính phủ", "{n}/QĐ-TTg", award.code
    if award.level == "province":
        return f"Chủ tịch UBND tỉnh {province}", "{n}/QĐ-UBND", award.code
    if award.subject == "collective":  # TTLĐTT: the unit's superior
        if unit.kind == "party":
            return f"Ban Thường vụ Tỉnh ủy {province}", "{n}-QĐ/TU", award.code
        return f"Chủ tịch UBND tỉnh {province}", "{n}/QĐ-UBND", award.code
    abbr = ABBR.get(unit.code.split("-", 1)[1], "UBND")
    pattern = "{n}-QĐ/" + abbr if unit.kind == "party" else "{n}/QĐ-" + abbr
    return _head(unit), pattern, "titles"  # LĐTT and CSTĐ cơ sở in one decision


def _write(admin: User, subject: Person | Unit, plan: Plan, ctx: Context) -> int:
    person = subject if isinstance(subject, Person) else None
    home = subject.unit if isinstance(subject, Person) else subject
    unit_subject = None if person else home
    for year, (rating, initiative, disciplined) in sorted(plan.facts.items()):
        assessment_set(
            actor=admin,
            unit=unit_subject,
            person=person,
            year=year,
            rating=rating,
            initiative_scope=initiative,
            disciplined=disciplined,
            source=RecordSource.IMPORTED,
            is_illustrative=True,
        )
    for line in plan.lines:
        award = ctx.award(line.code)
        unit = _history_unit(home, line.year, ctx.units, ctx.back)
        assert unit is not None  # lines are planned only for the years the unit was there
        issuer, pattern, group = _issuer(award, unit)
        number, day = ctx.decisions.get(
            issuer=issuer,
            pattern=pattern,
            group=f"{group} {line.basis}",  # a thematic award has its own decision
            year=line.year,
            level=award.level,
        )
        if not line.write:  # its number is drawn all the same: the other lines keep theirs
            continue
        award_record_create(
            actor=admin,
            unit=unit_subject,
            person=person,
            award_type=award.code,
            year=line.year,
            basis=line.basis,
            decision_number=number,
            decision_date=day,
            issuer=issuer,
            source=RecordSource.IMPORTED,
            note=line.note,
            is_illustrative=True,
        )
    return sum(line.write for line in plan.lines)


def load_awards(
    admin: User,
    log: Callable[[str], None] = print,
    *,
    carried: Iterable[tuple[str, str, int]] = (),
) -> None:
    """People up to TARGET_PEOPLE, their and the units' assessments and titles, the seeds'
    outcomes as registry lines except those `carried` by the dossier workflow, (unit code,
    award type, year) (see the module docstring)."""
    skip = set(carried)
    rng = random.Random(1962)  # noqa: S311 - illustrative history, not secrets
    ctx = Context(
        units={u.code: u for u in Unit.objects.select_related("province")},
        back=_predecessors(),
        decisions=Decisions(rng),
    )
    for code in CODES:  # an unknown code fails before anything is written
        ctx.award(code)
    added, showcase = _add_people(admin, ctx.units, rng)
    people = list(Person.objects.select_related("unit").order_by("pk"))
    headcount: dict[int, int] = defaultdict(int)
    for person in people:
        headcount[person.unit_id] += 1
    plans = _person_plans(people, ctx.units, showcase, rng)
    outcomes = _seed_outcomes()
    forced = _forced_ratings(outcomes)
    _cap_cstdcs(plans, showcase, ctx)
    _clamp(plans, {key for key, rating in forced.items() if rating == Rating.HTXS})
    _weaken(plans, headcount, showcase)
    unit_plans = _unit_plans(ctx.units, plans, headcount, forced, rng)
    for unit, code, year in outcomes:
        unit_plans[ctx.units[unit.code]].lines.append(
            Line(
                code,
                year,
                note=SEED_NOTES.get(year, ""),
                write=(unit.code, code, year) not in skip,
            )
        )
    for code, basis, note in BK_2019:
        unit_plans[ctx.units[code]].lines.append(Line(BK_TINH, 2019, basis=basis, note=note))
    _bang_khen(unit_plans, rng)
    records = sum(_write(admin, p, plan, ctx) for p, plan in plans.items())
    records += sum(_write(admin, u, plan, ctx) for u, plan in unit_plans.items())
    assessments = sum(len(plan.facts) for plan in [*plans.values(), *unit_plans.values()])
    imported = len([o for o in outcomes if (o[0].code, o[1], o[2]) not in skip])
    log(
        f"Demo: {len(added)} cá nhân minh hoạ thêm ({len(people)} cá nhân), {assessments} đánh "
        f"giá, xếp loại năm 2019–2024, {records} bản ghi khen thưởng minh hoạ (gồm "
        f"{imported} kết quả hội nghị seed 001 và 003; {len(outcomes) - imported} theo quy "
        "trình hồ sơ)."
    )
