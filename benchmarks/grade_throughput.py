"""How many answers per second ``symgrad grade`` checks, against a hand loop over the checker.

Both grade the same class of distinct answers (right ones, classic slips, paper notation) in
the same process: ``symgrad grade`` as a user runs it (each answer under its 5 s budget in a
forked child, the report written row by row), and a hand loop that calls the checker's core
directly (no budget, no report).  Repeated; the median and the spread are printed.

Run: python benchmarks/grade_throughput.py [--answers 200] [--repeats 3]
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from symgrad.check.derivative import _check_derivative
from symgrad.cli.main import main as cli

PROBLEMS = [("x^3 - 2x", ["3x^2 - 2", "3x^2", "x^2 - 2", "3x x - 2", "3x^2 - 2 + {k}/10^6"]),
            ("sin(x^2)", ["2x cos(x^2)", "cos(x^2)", "2*x*cos(x**2)", "2x cos(x^2) + {k}x"]),
            ("sigmoid(3x)", ["3 sigmoid(3x)(1 - sigmoid(3x))", "sigmoid(3x)(1-sigmoid(3x))"]),
            ("x*exp(x)", ["(x + 1)e^x", "e^x", "x e^x + {k}"])]


def answers(n: int) -> list[tuple[str, str]]:
    """n distinct (problem, answer) pairs."""
    out, k = [], 0
    while len(out) < n:
        for expr, forms in PROBLEMS:
            for form in forms:
                out.append((expr, form.format(k=k + 1) if "{k}" in form else f"{form} + {k}*0"))
        k += 1
    return out[:n]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rows = answers(args.answers)
    folder = Path(tempfile.mkdtemp())
    path = folder / "answers.csv"
    path.write_text("student,problem,answer\n" + "".join(
        f's{i},"d/dx: {e}","{a}"\n' for i, (e, a) in enumerate(rows)), encoding="utf-8")
    cli_rates, loop_rates = [], []
    for _ in range(args.repeats):
        start = time.perf_counter()
        cli(["grade", str(path), "--out", str(folder / "report")])
        cli_rates.append(len(rows) / (time.perf_counter() - start))
        start = time.perf_counter()
        for expr, answer in rows:
            _check_derivative(expr, "x", answer)
        loop_rates.append(len(rows) / (time.perf_counter() - start))
    for name, rates in (("symgrad grade", cli_rates), ("hand loop, no budget", loop_rates)):
        print(f"{name:22s} {statistics.median(rates):6.1f} answers/s "
              f"(min {min(rates):.1f}, max {max(rates):.1f}, {args.repeats} runs of "
              f"{len(rows)} distinct answers)")


if __name__ == "__main__":
    main()
