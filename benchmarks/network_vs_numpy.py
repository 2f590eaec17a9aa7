"""Per-step cost of training a 64-32-10 sigmoid/softmax network: symgrad against NumPy by hand.

Both run full-batch gradient descent with cross-entropy on scikit-learn's 8×8 digits
(1,797 samples), from the same starting weights, in the same process, recording J at every
step.  Prints the ratio symgrad / NumPy (the target is at most 1.2).

Run: python benchmarks/network_vs_numpy.py [--repeats 5 --steps 200 --threads 1]
"""

import argparse
import time

import numpy as np
from sklearn.datasets import load_digits
from threadpoolctl import threadpool_limits

import symgrad


def numpy_training(X, Y, params, lr, steps):
    """The loop a careful person writes by hand for this network."""
    (W1, b1), (W2, b2) = [(W.copy(), b.copy()) for W, b in params]
    m = len(X)
    XT, YT = X.T, Y.T
    history = []
    for _ in range(steps + 1):
        A1 = 1.0 / (1.0 + np.exp(-(W1 @ XT + b1[:, None])))
        Z2 = W2 @ A1 + b2[:, None]
        E = np.exp(Z2 - Z2.max(axis=0))
        P = E / E.sum(axis=0)
        history.append(-np.sum(YT * np.log(np.clip(P, 1e-300, 1))) / m)
        if len(history) > steps:
            break
        D2 = P - YT
        D1 = (W2.T @ D2) * A1 * (1 - A1)
        W2, b2 = W2 - lr * (D2 @ A1.T / m), b2 - lr * D2.sum(axis=1) / m
        W1, b1 = W1 - lr * (D1 @ X / m), b1 - lr * D1.sum(axis=1) / m
    return history


def interleaved(fns, repeats):
    """Best time of each function, run in turns so that both see the same machine load."""
    best, outs = [float("inf")] * len(fns), [None] * len(fns)
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            outs[i] = fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best, outs


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--steps", type=int, default=200)
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS threads (default 1: on a shared 2-core machine, threads that "
                         "wait for each other make every matrix product's time erratic)")
    args = ap.parse_args()
    with threadpool_limits(args.threads):
        run(args)


def run(args):
    digits = load_digits()
    X = digits.data / 16.0
    Y = np.eye(10)[digits.target]
    net = symgrad.Sequential(symgrad.Dense(64, 32), symgrad.Sigmoid(),
                             symgrad.Dense(32, 10), symgrad.Softmax())
    loss = symgrad.cross_entropy(net)
    t0 = time.perf_counter()
    symgrad.backprop(loss)
    t_derive = time.perf_counter() - t0
    start = symgrad.descend(loss, X, Y, lr=0.5, steps=0).arrays

    (t_np, t_sg, t_setup), (h_np, fit, _) = interleaved([
        lambda: numpy_training(X, Y, start, 0.5, args.steps),
        lambda: symgrad.descend(loss, X, Y, lr=0.5, steps=args.steps),
        lambda: symgrad.descend(loss, X, Y, lr=0.5, steps=0),
    ], args.repeats)
    assert np.allclose(fit.history, h_np, rtol=1e-9), "the two trainings disagree"
    per_np, per_sg = t_np / args.steps, (t_sg - t_setup) / args.steps
    print(f"64-32-10 sigmoid/softmax, {len(X)} samples, {args.steps} steps")
    print(f"deriving the vector view: {t_derive * 1e3:.0f} ms")
    print(f"NumPy by hand: {per_np * 1e3:.3f} ms/step")
    print(f"symgrad:       {per_sg * 1e3:.3f} ms/step")
    print(f"ratio: {per_sg / per_np:.2f}")


if __name__ == "__main__":
    main()
