"""derive of a 1,000-parameter linear model (issue 12: "seconds"), beside a hand-written loop.

Run: python benchmarks/derive_large.py [N] [REPEAT]   (defaults 1000 and 5)

Each run builds a fresh mse(a0*x0 + … + a{N-1}*x{N-1}) model, so no run reuses the work of
the one before.  Rows: ``symgrad.derive`` as a user calls it (default budget: a forked child,
its result sent back), the same work without the budget (``symgrad.derive._derive``), and a
hand loop with SymPy that a careful user would write for the gradient alone (the chain rule
by hand: ∂ℓ/∂aᵢ = ∂f/∂aᵢ · (f − y), no steps).
"""

import sys
import time

import sympy

import symgrad as sg
from symgrad.calculus.scalar import _derive


def linear(n, tag):
    a = [sympy.Symbol(f"a{i}", real=True) for i in range(n)]
    x = [sympy.Symbol(f"x{i}", real=True) for i in range(n)]
    f = sympy.Add(*[p * v for p, v in zip(a, x)]) + sympy.Rational(tag, 10**9)  # fresh each run
    return sg.mse(sg.Model(f, inputs=x, params=a)), f, a


def hand_loop(f, params):
    y = sympy.Symbol("y", real=True)
    residual = f - y
    return {p: sympy.diff(f, p) * residual for p in params}


def main(n=1000, repeat=5):
    rows = {"derive (public, default budget)": [], "derive without the budget": [],
            "hand loop: sympy.diff(f, aᵢ)·(f − y)": []}
    tag = 0
    for _ in range(repeat):
        for label in rows:
            tag += 1
            loss, f, a = linear(n, tag)
            start = time.perf_counter()
            if label.startswith("derive (public"):
                sg.derive(loss)
            elif label.startswith("derive without"):
                _derive(loss)
            else:
                hand_loop(f, a)
            rows[label].append(time.perf_counter() - start)
    print(f"{n} parameters, median [min–max] of {repeat} runs, seconds")
    for label, times in rows.items():
        times.sort()
        print(f"  {label:<40} {times[len(times) // 2]:6.2f} [{times[0]:.2f}–{times[-1]:.2f}]")


if __name__ == "__main__":
    main(*(int(v) for v in sys.argv[1:3]))
