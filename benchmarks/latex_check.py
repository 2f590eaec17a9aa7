"""Time LaTeX checks through the public API with default options: median and p95 over
≥ 100 LaTeX answers (right and wrong ones), one fresh process.

    PYTHONPATH=. python benchmarks/latex_check.py

The first check of the process starts SymPy's LaTeX parser (about half a second, once, in
the process that forks the checks); it is counted like every other check.
"""

import statistics
import sys
import time

import symgrad

PROBLEMS = [
    ("x^3", "x", [r"3x^{2}", r"3x^2 + 1", r"\frac{3}{1}x^{2}", r"x^{2}"]),
    ("sin(x^2)", "x", [r"2x\cos(x^{2})", r"\cos(x^{2})", r"2x \cdot \cos\left(x^2\right)",
                       r"-2x\cos(x^{2})"]),
    ("sqrt(x^2 + 1)", "x", [r"\frac{x}{\sqrt{x^{2}+1}}", r"x(x^2+1)^{-1/2}",
                            r"\frac{1}{2\sqrt{x^2+1}}", r"\frac{2x}{\sqrt{x^2+1}}"]),
    ("tanh(x)", "x", [r"\operatorname{sech}^2(x)", r"1 - \tanh^{2}(x)", r"\cosh^{-2}(x)",
                      r"1 + \tanh^2(x)"]),
    ("x^5/5 + x^4/2 + x^3/3", "x", [r"x^{2}(x+1)^{2} - x^{3}", r"x(x+1)^{2}",
                                    r"x^4 + 2x^3 + x^2", r"x^{2}(x^{2} + x + 1)"]),
    ("exp(-x^2)", "x", [r"-2xe^{-x^{2}}", r"e^{-x^2}", r"-2x\exp(-x^{2})", r"2xe^{-x^2}"]),
    ("log(x^2 + 1)", "x", [r"\frac{2x}{x^{2}+1}", r"\frac{1}{x^2+1}", r"\frac{2x}{1+x^2}",
                           r"\ln(2x)"]),
    ("sigmoid(w*x)", "w", [r"x\sigma(wx)(1-\sigma(wx))", r"\sigma(wx)(1-\sigma(wx))",
                           r"x \sigma(w x) \left(1 - \sigma(w x)\right)", r"x\sigma(wx)^{2}"]),
    ("abs(2x - 1)", "x", [r"2\operatorname{sgn}(2x-1)", r"2", r"\frac{2(2x-1)}{|2x-1|}",
                          r"\operatorname{sgn}(2x-1)"]),
    ("w^3*(x - 1)^2/3", "w", [r"w^{2}(x-1)^{2}", r"w(x-1)^{2}", r"w^2 (x - 1)^2",
                              r"\frac{w^{2}(x-1)^{2}}{3}"]),
    ("x_1^2*x_2", "x_1", [r"2x_{1}x_{2}", r"2 x_1 x_2", r"x_{1}^{2}", r"2x_{2}"]),
    ("cos(x)^2", "x", [r"-2\sin(x)\cos(x)", r"-\sin(2x)", r"2\cos(x)", r"\sin^{2}(x)"]),
    ("x*exp(x)", "x", [r"e^{x}(x+1)", r"xe^{x}", r"(1+x)e^x", r"e^{x}"]),
]
#: Each problem's answers in two spellings: as typed, and with f'(x) = or \frac{dy}{dx} =.
ANSWERS = [(f, wrt, prefix + a) for f, wrt, answers in PROBLEMS for a in answers
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
