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


def numpy_descent_hoisted(X, y, lr, steps):
    """The same loop with the features x2², x3³ computed once, before it starts."""
    x1, x2, x3 = X.T
    f2, f3 = x2**2, x3**3
    a = b = c = d = 0.0
    history = []
    for _ in range(steps):
        r = a * x1 + b * f2 + c * f3 + d - y
        history.append(0.5 * np.mean(r * r))
        ga, gb, gc, gd = np.mean(r * x1), np.mean(r * f2), np.mean(r * f3), np.mean(r)
        a, b, c, d = a - lr * ga, b - lr * gb, c - lr * gc, d - lr * gd
    r = a * x1 + b * f2 + c * f3 + d - y
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
    print(f"{'samples':>8} {'numpy µs/step':>14} {'hoisted µs/step':>16} "
          f"{'symgrad µs/step':>16} {'ratio':>6} {'vs hoisted':>10}")
    for m in (100, 1_000, 10_000, 100_000):
        X = rng.uniform(-1, 1, size=(m, 3))
        y = 2 * X[:, 0] - X[:, 1] ** 2 + 0.5 * X[:, 2] ** 3 + 3
        steps = max(20, args.steps * 1000 // max(m, 1000))
        t_np, (p_np, h_np) = best_of(lambda: numpy_descent(X, y, 0.5, steps), args.repeats)
        t_h, _ = best_of(lambda: numpy_descent_hoisted(X, y, 0.5, steps), args.repeats)
        t_sg, fit = best_of(
            lambda: symgrad.descend(loss, X, y, lr=0.5, steps=steps), args.repeats)
        # symgrad's one-off set-up (derive + lambdify) is timed alone and taken out: per step.
        t_setup, _ = best_of(lambda: symgrad.descend(loss, X, y, lr=0.5, steps=0), args.repeats)
        assert np.allclose(fit.history, h_np, rtol=1e-9, atol=1e-12), "the two runs disagree"
        assert all(np.isclose(fit.params[k], p_np[k]) for k in p_np)
        per_np, per_h, per_sg = t_np / steps, t_h / steps, (t_sg - t_setup) / steps
        print(f"{m:>8} {per_np * 1e6:>14.1f} {per_h * 1e6:>16.1f} {per_sg * 1e6:>16.1f} "
              f"{per_sg / per_np:>6.2f} {per_sg / per_h:>10.2f}   "
              f"(set-up {t_setup * 1e3:.0f} ms once)")


if __name__ == "__main__":
    main()
