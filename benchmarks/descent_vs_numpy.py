"""Per-step cost of symgrad's compiled descent against a hand-written NumPy loop.

Both fit the article's watermelon model f = a·x1 + b·x2² + c·x3³ + d with the MSE loss on
the same data, in the same process, recording J at every step as ``descend`` does.
Prints the ratio symgrad / NumPy per data size (the target is at most 1.2).

Run: python benchmarks/descent_vs_numpy.py [--repeats 7]
"""

import argparse
import time

import numpy as np

import symgrad


def numpy_descent(X, y, lr, steps):
    """The loop a careful person writes by hand: residual once, then each mean."""
    x1, x2, x3 = X.T
    a = b = c = d = 0.0
    history = []
    for _ in range(steps):
        r = a * x1 + b * x2**2 + c * x3**3 + d - y
        history.append(0.5 * np.mean(r * r))
        ga, gb, gc, gd = np.mean(r * x1), np.mean(r * x2**2), np.mean(r * x3**3), np.mean(r)
        a, b, c, d = a - lr * ga, b - lr * gb, c - lr * gc, d - lr * gd
    r = a * x1 + b * x2**2 + c * x3**3 + d - y
    history.append(0.5 * np.mean(r * r))
    return {"a": a, "b": b, "c": c, "d": d}, history


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--steps", type=int, default=2000)
    args = ap.parse_args()
    loss = symgrad.mse(symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"]))
    rng = np.random.default_rng(0)
    print(f"{'samples':>8} {'numpy µs/step':>14} {'symgrad µs/step':>16} {'ratio':>6}")
    for m in (100, 1_000, 10_000, 100_000):
        X = rng.uniform(-1, 1, size=(m, 3))
        y = 2 * X[:, 0] - X[:, 1] ** 2 + 0.5 * X[:, 2] ** 3 + 3
        steps = max(20, args.steps * 1000 // max(m, 1000))
        t_np, (p_np, h_np) = best_of(lambda: numpy_descent(X, y, 0.5, steps), args.repeats)
        t_sg, fit = best_of(
            lambda: symgrad.descend(loss, X, y, lr=0.5, steps=steps), args.repeats)
        assert np.allclose(fit.history, h_np, rtol=1e-9, atol=1e-12), "the two runs disagree"
        assert all(np.isclose(fit.params[k], p_np[k]) for k in p_np)
        us = 1e6 / steps
        print(f"{m:>8} {t_np * us:>14.1f} {t_sg * us:>16.1f} {t_sg / t_np:>6.2f}")


if __name__ == "__main__":
    main()
