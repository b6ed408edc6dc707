"""Benchmark: the pure tally of a large poll (no database; `make bench` runs it on each engine).

Generates BALLOTS ballots over CANDIDATES candidates (seeded), SEATS seats, with a share of blank,
over-filled, repeated and committee-marked ballots and one candidate not selectable, then times
`tally` and `ballot_list_hash` over the published list: best and median of REPEAT runs.
"""

import random
import statistics
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BALLOTS, CANDIDATES, SEATS, REPEAT, SEED = 10_000, 20, 3, 5, 2026


def generate() -> tuple:
    from thidua.voting.tally import BallotIn, CandidateIn

    rng = random.Random(SEED)
    candidates = [
        CandidateIn(id=i, selectable=i != CANDIDATES, female_share=Fraction(rng.randint(0, 10), 10))
        for i in range(1, CANDIDATES + 1)
    ]
    weights = [CANDIDATES - i for i in range(CANDIDATES)]  # earlier candidates are preferred
    ballots = []
    for _ in range(BALLOTS):
        roll = rng.random()
        if roll < 0.03:
            ballots.append(BallotIn(()))
        elif roll < 0.05:
            ballots.append(BallotIn(tuple(rng.sample(range(1, CANDIDATES + 1), SEATS + 1))))
        elif roll < 0.06:
            ballots.append(BallotIn((1, 1)))
        elif roll < 0.07:
            ballots.append(BallotIn((2,), marked_spoiled=True))
        else:
            picked = set(rng.choices(range(1, CANDIDATES + 1), weights, k=SEATS))
            ballots.append(BallotIn(tuple(sorted(picked))))
    rng.shuffle(ballots)
    return candidates, ballots


def timed(func: Callable[[], object]) -> tuple[float, float, object]:
    samples: list[float] = []
    result = None
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = func()
        samples.append((time.perf_counter() - started) * 1000)
    return min(samples), statistics.median(samples), result


def main() -> None:
    from thidua.voting.tally import TallyRules, ballot_list_hash, tally

    started = time.perf_counter()
    candidates, ballots = generate()
    print(
        f"generated {BALLOTS:,} ballots × {CANDIDATES} candidates, {SEATS} seats "
        f"in {time.perf_counter() - started:.1f}s (pure function: no database)"
    )
    rules = TallyRules(
        seats=SEATS,
        members=BALLOTS,
        threshold_share=Fraction(1, 10),
        tie_policy="gen05",
        threshold_rule="VOT-13",
    )
    rows = [
        {"receipt": f"R{i:05d}", "channel": "online", "choices": list(b.choices)}
        for i, b in enumerate(ballots)
    ]
    print(f"{'measure':<28}{'best ms':>10}{'median ms':>11}")
    best, median, result = timed(lambda: tally(ballots, candidates, rules))
    print(f"{'tally':<28}{best:>10.1f}{median:>11.1f}")
    best, median, _ = timed(lambda: ballot_list_hash(rows))
    print(f"{'ballot list hash':<28}{best:>10.1f}{median:>11.1f}")
    print(
        f"  valid {result.valid}, blank {result.blank}, spoiled {result.spoiled}, "
        f"elected {list(result.elected)}"
    )


if __name__ == "__main__":
    main()
