"""The article's §0: a watermelon's quality as f(x) = a·x1 + b·x2² + c·x3³ + d.

Make data from known coefficients, derive the gradients of the MSE loss, fit by gradient
descent, and recover the coefficients.  Run: python examples/watermelon.py
"""

import numpy as np

import symgrad

TRUE = {"a": 2.0, "b": -1.0, "c": 0.5, "d": 3.0}


def make_data(m=200, seed=0):
    """Features in [-1, 1] (rind stripes, knock sound, colour) and the true quality."""
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1, 1, size=(m, 3))
    y = TRUE["a"] * X[:, 0] + TRUE["b"] * X[:, 1] ** 2 + TRUE["c"] * X[:, 2] ** 3 + TRUE["d"]
    return X, y


def main():
    model = symgrad.Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    loss = symgrad.mse(model)
    print(symgrad.derive(loss))
    X, y = make_data()
    fit = symgrad.descend(loss, X, y, lr=0.5, steps=3000)
    print()
    print("fitted vs true coefficients")
    for name, value in fit.params.items():
        print(f"  {name} = {value:8.4f}   (true {TRUE[name]:g})")
    print(f"J: {fit.history[0]:.4f} -> {fit.history[-1]:.2e} in {fit.steps} steps")
    return fit


if __name__ == "__main__":
    main()
