"""The article's §1: one neuron Y = X1·W1 + X2·W2, its gradients, and a worked exact descent.

Run: python examples/neuron.py
"""

from sympy import Rational

import symgrad


def main():
    neuron = symgrad.Model("X1*W1 + X2*W2", inputs=["X1", "X2"], params=["W1", "W2"])
    loss = symgrad.mse(neuron, target="Y")
    print(symgrad.derive(loss))
    # Three labelled samples made by W1 = 2, W2 = -1; exact arithmetic a student can follow.
    X = [[1, 0], [0, 1], [1, 1]]
    Y = [2, -1, 1]
    fit = symgrad.descend(loss, X, Y, lr=Rational(1, 2), steps=4, exact=True)
    print()
    print("exact gradient descent, α = 1/2, from W1 = W2 = 0")
    for k, J in enumerate(fit.history):
        print(f"  after step {k}: J = {J}")
    print(f"  W1 = {fit.params['W1']}, W2 = {fit.params['W2']}")
    return fit


if __name__ == "__main__":
    main()
