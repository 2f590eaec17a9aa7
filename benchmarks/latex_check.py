"""Time LaTeX checks through the public API with default options: median and p95 over
≥ 100 LaTeX answers (right and wrong ones), one fresh process.

    PYTHONPATH=. python benchmarks/latex_check.py

The first check of the process starts SymPy's LaTeX parser (about half a second, once, in
the process that forks the checks); it is counted like every other check.
"""

import csv
import statistics
import sys
import time
from pathlib import Path

import symgrad

#: The problems (function, variable) and LaTeX answers to them, right and wrong, one a row.
PROBLEMS = Path(__file__).with_name("latex_answers.csv")
#: Each answer in two spellings: as typed, and with \frac{dy}{dx} = in front.
ANSWERS = [(row["function"], row["wrt"], prefix + row["answer"])
           for row in csv.DictReader(PROBLEMS.read_text(encoding="utf-8").splitlines())
           for prefix in ("", r"\frac{\mathrm{d}y}{\mathrm{d}x} = ")]


def main() -> None:
    times, verdicts = [], {True: 0, False: 0, None: 0}
    for function, wrt, answer in ANSWERS:
        start = time.perf_counter()
        verdict = symgrad.check_derivative(function, wrt, answer)
        times.append(time.perf_counter() - start)
        verdicts[verdict.ok] += 1
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"{len(times)} LaTeX checks: median {1000 * statistics.median(times):.0f} ms, "
          f"p95 {1000 * p95:.0f} ms, max {1000 * times[-1]:.0f} ms "
          f"(right {verdicts[True]}, wrong {verdicts[False]}, undecided {verdicts[None]})")
    sys.exit(0 if p95 <= 0.5 else 1)


if __name__ == "__main__":
    main()
