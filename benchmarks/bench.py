"""Per-step cost of gradient descent: symgrad (NumPy and numba backends) against hand-written
NumPy and, when installed, JAX, PyTensor and torch — side by side in one process.

Every contender runs full-batch descent from the same start and records J at every step.
Every contender runs on one thread (BLAS, OpenMP, XLA and torch pools).  A contender's time
per step is t(N)/N for a run of N steps taking a few tenths of a second, everything included
(symgrad's data checks too) — no difference of timings is taken.  The first call of each
contender (symgrad deriving and compiling, numba/JAX/PyTensor compiling) is timed on its
own and shown apart; later calls reuse what it built.  The contenders take turns within
each repeat; the table shows the median over the repeats and, in brackets, the lowest and
highest.  The ratio is to the median of the row's reference: hand NumPy (for the formula
rows the loop with dot products, the fastest hand loop).

Run: python benchmarks/bench.py [--repeats 5] [--scale 1.0] [--rows formula1k,...]
"""

from __future__ import annotations

import argparse
import os

# One thread for every pool, before any library that owns one is loaded.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false "
                                   "intra_op_parallelism_threads=1")
import platform  # noqa: E402 - after the thread settings above
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
import peers  # noqa: E402 - the benchmarks folder itself

import symgrad  # noqa: E402

WATERMELON = "a*x1 + b*x2**2 + c*x3**3 + d"


# ----------------------------------------------------------------------------- hand NumPy

def _formula_by_hand(X, y, lr, mean, mean_of_product, hoisted):
    """The descent on a·x1 + b·x2² + c·x3³ + d written by hand; the variants differ in
    ``mean(u)`` and ``mean_of_product(u, v)`` (the mean of u·v), and in whether x2², x3³ are
    ``hoisted`` out of the loop or computed where they are used (twice a step)."""
    x1, x2, x3 = (np.ascontiguousarray(c) for c in X.T)
    fixed = (x1, x2**2, x3**3) if hoisted else ()

    def run(steps):
        a = b = c = d = 0.0
        history = []
        for k in range(steps + 1):
            f1, f2, f3 = fixed or (x1, x2**2, x3**3)
            r = a * f1 + b * f2 + c * f3 + d - y
            history.append(0.5 * mean_of_product(r, r))
            if k == steps:
                break
            f1, f2, f3 = fixed or (x1, x2**2, x3**3)
            ga, gb, gc = mean_of_product(r, f1), mean_of_product(r, f2), mean_of_product(r, f3)
            a, b, c, d = a - lr * ga, b - lr * gb, c - lr * gc, d - lr * mean(r)
        return history
    return run


def _np_mean_of_product(u, v):
    return np.mean(u * v)


def formula_natural(X, y, lr):
    """The loop as first written: x2², x3³ and np.mean inside every step."""
    return _formula_by_hand(X, y, lr, np.mean, _np_mean_of_product, hoisted=False)


def formula_hoisted(X, y, lr):
    """x2², x3³ computed once, before the loop; np.mean per gradient."""
    return _formula_by_hand(X, y, lr, np.mean, _np_mean_of_product, hoisted=True)


def formula_dot(X, y, lr):
    """Hoisted features, the residual shared, every mean a dot product (r @ x1, …)."""
    m = len(y)
    return _formula_by_hand(X, y, lr, lambda u: u.sum() / m, lambda u, v: (u @ v) / m,
                            hoisted=True)


def _two_layers_by_hand(X, Y, start, lr, forward, deltas):
    """A two-layer network trained by hand: ``forward(W1, b1, W2, b2, XT, YT)`` gives m·J and
    what the backward pass needs, ``deltas(W2, saved, YT)`` gives (δ⁽¹⁾, a⁽¹⁾, δ⁽²⁾)."""
    XT, YT = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)
    m = len(X)

    def run(steps):
        (W1, b1), (W2, b2) = [(W.copy(), b.copy()) for W, b in start]
        history = []
        for k in range(steps + 1):
            total, saved = forward(W1, b1, W2, b2, XT, YT)
            history.append(total / m)
            if k == steps:
                break
            D1, A1, D2 = deltas(W2, saved, YT)
            W2, b2 = W2 - lr * (D2 @ A1.T / m), b2 - lr * D2.sum(axis=1) / m
            W1, b1 = W1 - lr * (D1 @ XT.T / m), b1 - lr * D1.sum(axis=1) / m
        return history
    return run


def linear_231(X, Y, start, lr):
    """The 2-3-1 linear network by hand: two products forward, three back."""
    def forward(W1, b1, W2, b2, XT, YT):
        Z1 = W1 @ XT + b1[:, None]
        R = W2 @ Z1 + b2[:, None] - YT
        return 0.5 * np.vdot(R, R), (Z1, R)

    def deltas(W2, saved, YT):
        Z1, R = saved
        return W2.T @ R, Z1, R

    return _two_layers_by_hand(X, Y, start, lr, forward, deltas)


def mlp(X, Y, start, lr):
    """The 64-32-10 sigmoid/softmax network with cross-entropy, as a careful person writes it."""
    def forward(W1, b1, W2, b2, XT, YT):
        A1 = 1.0 / (1.0 + np.exp(-(W1 @ XT + b1[:, None])))
        Z2 = W2 @ A1 + b2[:, None]
        E = np.exp(Z2 - Z2.max(axis=0))
        P = E / E.sum(axis=0)
        return -np.sum(YT * np.log(np.clip(P, 1e-300, 1))), (A1, P)

    def deltas(W2, saved, YT):
        A1, P = saved
        D2 = P - YT
        return (W2.T @ D2) * A1 * (1 - A1), A1, D2

    return _two_layers_by_hand(X, Y, start, lr, forward, deltas)


def symgrad_run(loss, X, y, lr, backend="numpy"):
    """symgrad through its public API with default options (and the backend named)."""
    kwargs = {} if backend == "numpy" else {"backend": backend}

    def run(steps):
        return symgrad.descend(loss, X, y, lr=lr, steps=steps, **kwargs).history
    return run


# ----------------------------------------------------------------------------- the rows

def rows(scale):
    rng = np.random.default_rng(0)
    out = []
    formula = symgrad.mse(symgrad.Model(WATERMELON, inputs=["x1", "x2", "x3"]))
    for m, steps, key in ((1000, 8000, "formula1k"), (100_000, 150, "formula100k")):
        X = rng.uniform(-1, 1, size=(m, 3))
        y = 2 * X[:, 0] - X[:, 1] ** 2 + 0.5 * X[:, 2] ** 3 + 3 + rng.normal(0, 0.1, m)
        lr = 0.5
        contenders = [
            ("NumPy by hand (natural)", formula_natural(X, y, lr)),
            ("NumPy by hand (hoisted)", formula_hoisted(X, y, lr)),
            ("NumPy by hand (dot products)", formula_dot(X, y, lr)),
            ("symgrad (NumPy)", symgrad_run(formula, X, y, lr)),
            ("symgrad (numba)", symgrad_run(formula, X, y, lr, "numba")),
            *peers.formula(X, y, lr),
        ]
        out.append((key, f"a·x1+b·x2²+c·x3³+d, MSE, m={m:,}", int(steps * scale),
                    "NumPy by hand (dot products)", contenders))
    X = rng.normal(size=(1000, 2))
    Y = (X @ [1.0, -2.0] + 0.5 + rng.normal(0, 0.3, 1000)).reshape(-1, 1)
    loss = symgrad.mse(symgrad.Sequential(symgrad.Dense(2, 3), symgrad.Dense(3, 1)))
    start = symgrad.descend(loss, X, Y, lr=0.05, steps=0).arrays
    out.append(("net231", "2-3-1 linear network, MSE, m=1,000", int(3000 * scale),
                "NumPy by hand", [
                    ("NumPy by hand", linear_231(X, Y, start, 0.05)),
                    ("symgrad (NumPy)", symgrad_run(loss, X, Y, 0.05)),
                    ("symgrad (numba)", symgrad_run(loss, X, Y, 0.05, "numba")),
                    *peers.network(X, Y, start, 0.05, "identity", "mse"),
                ]))
    from sklearn.datasets import load_digits

    digits = load_digits()
    X, Y = digits.data / 16.0, np.eye(10)[digits.target]
    net = symgrad.Sequential(symgrad.Dense(64, 32), symgrad.Sigmoid(),
                             symgrad.Dense(32, 10), symgrad.Softmax())
    loss = symgrad.cross_entropy(net)
    start = symgrad.descend(loss, X, Y, lr=0.5, steps=0).arrays
    out.append(("mlp", "64-32-10 sigmoid/softmax MLP, digits, m=1,797 full batch",
                int(200 * scale), "NumPy by hand", [
                    ("NumPy by hand", mlp(X, Y, start, 0.5)),
                    ("symgrad (NumPy)", symgrad_run(loss, X, Y, 0.5)),
                    ("symgrad (numba)", symgrad_run(loss, X, Y, 0.5, "numba")),
                    *peers.network(X, Y, start, 0.5, "sigmoid", "cross_entropy"),
                ]))
    return out


def measure(contenders, steps, repeats):
    """({name: [seconds per step of each repeat]}, {name: seconds of the first call})."""
    first = {}
    for name, run in contenders:  # compiles whatever compiles; faults the pages in
        t0 = time.perf_counter()
        run(1)
        first[name] = time.perf_counter() - t0
    per = {name: [] for name, _ in contenders}
    for _ in range(repeats):
        for name, run in contenders:
            t0 = time.perf_counter()
            run(steps)
            per[name].append((time.perf_counter() - t0) / steps)
    return per, first


def check_agreement(contenders, reference):
    """Every contender's J history over 20 steps agrees with the reference's to 1e-7."""
    ref = np.asarray(dict(contenders)[reference](20))
    for name, run in contenders:
        h = np.asarray(run(20))
        if not np.allclose(h, ref, rtol=1e-7, atol=1e-12):
            raise AssertionError(f"{name} disagrees with {reference}: {h[-1]} vs {ref[-1]}")


def gemm_gflops(n=1024, repeats=5) -> float:
    """This machine's single-thread float64 matrix product speed, GFLOP/s (best of repeats)."""
    a, b = np.random.default_rng(1).random((2, n, n))
    best = min(_timed(lambda: a @ b) for _ in range(repeats))
    return 2 * n**3 / best / 1e9


def _timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def environment() -> list[str]:
    cpu = next((ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo")
                if ln.startswith("model name")), platform.processor()) \
        if os.path.exists("/proc/cpuinfo") else platform.processor()
    lines = [f"python {platform.python_version()}, numpy {np.__version__}, "
             f"symgrad {symgrad.__name__} from {os.path.dirname(symgrad.__file__)}",
             f"cpu: {cpu}, {os.cpu_count()} logical cores",
             f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')} "
             f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', '(unset)')}"]
    for lib in threadpool_info():
        path = os.path.basename(lib.get("filepath", ""))
        lines.append(f"{lib.get('user_api')}: {lib.get('internal_api')} "
                     f"{lib.get('version')}, {lib.get('num_threads')} thread(s), kernel "
                     f"{lib.get('architecture', '?')} ({path})")
    lines += peers.versions()
    return lines


def mlp_flops(m=1797) -> int:
    """Multiply-adds ×2 of the 64-32-10 step: two products forward, three backward."""
    return 2 * m * (64 * 32 + 32 * 10 + 10 * 32 + 32 * 10 + 32 * 64)


def first_step(widths=(256, 1024, 4096)) -> None:
    """Seconds from a new 64-W-10 network to its first step's J (derivation, code, start)."""
    from sklearn.datasets import load_digits

    digits = load_digits()
    X, Y = digits.data / 16.0, np.eye(10)[digits.target]
    print("\n## Time to the first step of a new 64-W-10 sigmoid/softmax network, m=1,797")
    print("| W | parameters | new network to its first J, s | the same call again, s "
          "| NumPy by hand: first J (forward only), s |")
    print("|---:|---:|---:|---:|---:|")
    rng = np.random.default_rng(1)
    for W in widths:
        t0 = time.perf_counter()  # from building the network
        net = symgrad.Sequential(symgrad.Dense(64, W), symgrad.Sigmoid(),
                                 symgrad.Dense(W, 10), symgrad.Softmax())
        loss = symgrad.cross_entropy(net)
        symgrad.descend(loss, X, Y, lr=0.5, steps=0)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        symgrad.descend(loss, X, Y, lr=0.5, steps=0)  # compiled already: the work of a call
        again = time.perf_counter() - t0
        start = [(rng.normal(0, 1 / np.sqrt(n_in), (n_out, n_in)), np.zeros(n_out))
                 for n_in, n_out in ((64, W), (W, 10))]
        t0 = time.perf_counter()
        mlp(X, Y, start, 0.5)(0)
        hand = time.perf_counter() - t0
        print(f"| {W:,} | {W * 64 + W + 10 * W + 10:,} | {first:.2f} | {again:.2f} | {hand:.2f} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every step count")
    ap.add_argument("--rows", default="formula1k,formula100k,net231,mlp,first")
    args = ap.parse_args()
    print(f"$ python benchmarks/bench.py --repeats {args.repeats} --scale {args.scale:g} "
          f"--rows {args.rows}")
    peers.load()  # before the limits: threadpoolctl pins the pools loaded by then
    with threadpool_limits(1):
        peers.one_thread()
        for line in environment():
            print("#", line)
        peak = gemm_gflops()
        print(f"# single-thread float64 GEMM (1024³): {peak:.1f} GFLOP/s")
        wanted = args.rows.split(",")
        for key, title, steps, reference, contenders in rows(args.scale):
            if key not in wanted:
                continue
            per, first = measure(contenders, steps, args.repeats)
            check_agreement(contenders, reference)
            ref = statistics.median(per[reference])
            print(f"\n## {title}: {steps} steps × {args.repeats} repeats")
            print(f"| contender | µs per step, median [min–max] | ratio to {reference} "
                  "| ratio within each repeat, median [min–max] | first call, s |")
            print("|---|---:|---:|---:|---:|")
            for name, times in per.items():
                med = statistics.median(times)
                # The reference ran just before or after, in the same repeat: the ratio of the
                # pair is less exposed to a neighbour's load than the ratio of two medians.
                paired = [t / r for t, r in zip(times, per[reference])]
                print(f"| {name} | {med * 1e6:,.1f} [{min(times) * 1e6:,.1f}–"
                      f"{max(times) * 1e6:,.1f}] | {med / ref:.2f} | "
                      f"{statistics.median(paired):.2f} [{min(paired):.2f}–{max(paired):.2f}] "
                      f"| {first[name]:.2f} |")
            if key == "mlp":
                flops = mlp_flops()
                print(f"\nMLP: {flops / 1e6:.1f} MFLOP of matrix products per step; at "
                      f"{peak:.1f} GFLOP/s that is {flops / peak / 1e3:.0f} µs at the least.")
                for name, times in per.items():
                    rate = flops / statistics.median(times) / 1e9
                    print(f"- {name}: {rate:.2f} GFLOP/s, {rate / peak:.0%} of GEMM peak")
        if "first" in wanted:
            first_step()


if __name__ == "__main__":
    main()
