"""How long deriving takes: the scalar view up to its limit, the vector view at any width.

Run: python benchmarks/derive_scale.py
"""

import time

import symgrad as sg


def timed(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main():
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
