"""The fuzz test at scale: many random calls, how each ended and how long it took.

Run: python benchmarks/fuzz.py [COUNT] [SEED]   (defaults 240 and 1; a 2 s budget per call)

Every call runs in a forked process (tests/test_fuzz.py's runner) under a 2 s default budget;
"hung" means no answer within its budgets (one per graded answer) + 6 s, "foreign" an exception
that is not symgrad's own.
"""

import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fuzz_cases import cases  # noqa: E402
from test_fuzz import BUDGET, MARGIN, run_bounded  # noqa: E402


def main(count: int = 240, seed: int = 1) -> None:
    kinds: dict[str, Counter] = defaultdict(Counter)
    times: dict[str, list[float]] = defaultdict(list)
    bad = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases(seed, count):
            kind, detail, seconds = run_bounded(case, tmp, case.budgets * BUDGET + MARGIN)
            if "undecided" in detail:
                kind = "undecided"
            kinds[case.entry][kind] += 1
            times[case.entry].append(seconds)
            if kind in ("foreign", "hung"):
                bad.append(f"  {case}: {detail}")
    total = time.perf_counter() - started
    print(f"{count} random calls, seed {seed}, budget {BUDGET:g} s: {total:.0f} s in all")
    print(f"{'entry':<17} {'calls':>5} {'ok':>4} {'own err':>7} {'undecided':>9} "
          f"{'foreign':>7} {'hung':>4} {'median s':>8} {'max s':>6}")
    for entry, counter in kinds.items():
        t = times[entry]
        print(f"{entry:<17} {len(t):>5} {counter['ok']:>4} {counter['own']:>7} "
              f"{counter['undecided']:>9} {counter['foreign']:>7} {counter['hung']:>4} "
              f"{statistics.median(t):>8.2f} {max(t):>6.2f}")
    print("\n".join(bad) or "no foreign errors, no hangs")


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
