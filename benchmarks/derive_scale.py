"""How long deriving takes: the scalar view up to its limit, the vector view at any width.

Run: python benchmarks/derive_scale.py
"""

import time

import sympy

import symgrad as sg


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def spread(fn, repeat=3):
    """Median, min and max seconds of ``repeat`` runs."""
    times = sorted(timed(fn) for _ in range(repeat))
    return times[len(times) // 2], times[0], times[-1]


def linear(n, one_input=False):
    """mse of a0*x0 + … (or a0*x + … with ``one_input``), built from SymPy symbols."""
    a = [sympy.Symbol(f"a{i}", real=True) for i in range(n)]
    xs = [sympy.Symbol("x" if one_input else f"x{i}", real=True) for i in range(n)]
    inputs = xs[:1] if one_input else xs
    return sg.mse(sg.Model(sympy.Add(*[p * v for p, v in zip(a, xs)]), inputs=inputs))


def budget_overhead():
    print("the budget's cost on 2*x**2 - 12*x + 20 (median [min–max] of 21)")
    from symgrad.calculus.scalar import _derive
    from symgrad.runtime.budget import within_budget

    small = "2*x**2 - 12*x + 20"
    rows = [
        ("fork and pickle alone (within_budget of a no-op)", lambda: within_budget(int)),
        ("derive through the budget (timeout=10)", lambda: sg.derive(small, timeout=10)),
        ("derive, public default (small: runs directly)", lambda: sg.derive(small)),
        ("derive unbudgeted (the inner function)", lambda: _derive(small)),
    ]
    for label, fn in rows:
        median, low, high = spread(fn, repeat=21)
        print(f"  {label:<50} {1000 * median:6.0f} ms [{1000 * low:.0f}–{1000 * high:.0f}]")


def large_formulas():
    print("large formulas: derive (default budget) vs sympy.diff of ℓ by each parameter "
          "(median [min–max] of 3)")
    for n, one in [(10, False), (40, False), (100, True), (1000, False)]:
        loss = linear(n, one)
        shown = f"a0*x + … + a{n - 1}*x" if one else f"a0*x0 + … + a{n - 1}*x{n - 1}"
        ours = spread(lambda: sg.derive(loss))
        plain = spread(lambda: [sympy.diff(loss.sample, p) for p in loss.params])
        print(f"  {shown:<28} derive {ours[0]:6.2f} s [{ours[1]:.2f}–{ours[2]:.2f}]"
              f"   sympy.diff {plain[0]:6.2f} s [{plain[1]:.2f}–{plain[2]:.2f}]")


def main():
    budget_overhead()  # first, while this process is small (a fork copies its page tables)
    large_formulas()
    print("scalar view (derive): one exact expression per weight")
    for layers, make in [
        ((sg.Dense(3, 8), sg.Tanh(), sg.Dense(8, 2), sg.Sigmoid()), sg.mse),
        ((sg.Dense(4, 6), sg.Sigmoid(), sg.Dense(6, 3), sg.Softmax()), sg.cross_entropy),
    ]:
        loss = make(sg.Sequential(*layers))
        print(f"  {len(loss.params):4d} parameters: {timed(lambda: sg.derive(loss)):.2f} s")
    print("vector view (backprop): local rules and layer formulas")
    for width in (32, 320, 3200):
        loss = sg.cross_entropy(sg.Sequential(sg.Dense(64, width), sg.Sigmoid(),
                                              sg.Dense(width, 10), sg.Softmax()))
        print(f"  64-{width}-10: {timed(lambda: sg.backprop(loss)):.2f} s")


if __name__ == "__main__":
    main()
