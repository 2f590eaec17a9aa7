"""How long check_derivative takes on random pairs of small formulas (the issue's stress test).

Random formulas in x and y from +, ·, powers, exp, log, sin, tanh, σ, |·| (fixed seed); each
is checked against the derivative of another random formula, with the default 5 s budget.
Prints the median, the 90th percentile and the maximum time, and how many were undecided.

Run: python benchmarks/check_random_pairs.py [--pairs 100] [--seed 1]
"""

import argparse
import random
import statistics
import time

from symgrad import ParseError
from symgrad.check import check_derivative

LEAVES = ["x", "y", "2", "3", "x", "1/2"]
UNARY = ["exp", "log", "sin", "tanh", "sigmoid", "abs"]


def formula(rng: random.Random, depth: int = 3) -> str:
    """A random small formula."""
    if depth == 0 or rng.random() < 0.25:
        return rng.choice(LEAVES)
    kind = rng.random()
    if kind < 0.35:
        return f"({formula(rng, depth - 1)} + {formula(rng, depth - 1)})"
    if kind < 0.7:
        return f"({formula(rng, depth - 1)})*({formula(rng, depth - 1)})"
    if kind < 0.8:
        return f"({formula(rng, depth - 1)})^{rng.randint(2, 5)}"
    return f"{rng.choice(UNARY)}({formula(rng, depth - 1)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    times, undecided, right, unreadable = [], 0, 0, 0
    for _ in range(args.pairs):
        f, g = formula(rng), formula(rng)
        start = time.perf_counter()
        try:
            verdict = check_derivative(f, "x", g)
        except ParseError:  # e.g. log(log(1/2)) is not real: refused, and timed all the same
            verdict = None
        times.append(time.perf_counter() - start)
        unreadable += verdict is None
        undecided += verdict is not None and verdict.ok is None
        right += verdict is not None and verdict.ok is True
    times.sort()
    print(f"{args.pairs} random pairs: median {statistics.median(times):.2f} s, "
          f"90% {times[int(0.9 * len(times)) - 1]:.2f} s, max {times[-1]:.2f} s; "
          f"{undecided} undecided, {right} right (a random answer is almost never right), "
          f"{unreadable} refused as unreadable")


if __name__ == "__main__":
    main()
