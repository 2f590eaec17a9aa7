"""Handwritten digits (the article's next chapter): a 64-32-10 network trained with symgrad.

scikit-learn's bundled 8×8 digits (1,797 images; nothing is downloaded) are split into a
training and a held-out set; a sigmoid/softmax network is trained by full-batch gradient
descent on the backprop formulas symgrad derives, and scored on the held-out images.
Needs the optional extra: pip install 'symgrad[examples]'.  Run: python examples/digits.py
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

import symgrad

OUT = Path(__file__).resolve().parent / "output"


def main(steps=600, lr=2.0, out=OUT):
    digits = load_digits()
    X = digits.data / 16.0  # pixel intensities 0…16 → [0, 1]
    Y = np.eye(10)[digits.target]  # one-hot labels
    X_train, X_test, Y_train, Y_test = train_test_split(
        X, Y, test_size=0.25, random_state=0, stratify=digits.target)

    net = symgrad.Sequential(symgrad.Dense(64, 32), symgrad.Sigmoid(),
                             symgrad.Dense(32, 10), symgrad.Softmax())
    loss = symgrad.cross_entropy(net)
    print("The derivation symgrad trains with:")
    print(symgrad.backprop(loss))

    fit = symgrad.descend(loss, X_train, Y_train, lr=lr, steps=steps, seed=0)
    accuracy = float(np.mean(fit.predict(X_test).argmax(axis=1) == Y_test.argmax(axis=1)))
    out = Path(out)
    out.mkdir(exist_ok=True)
    fit.plot_loss(out / "digits_loss.png", title="64-32-10 network on 8×8 digits")
    print()
    print(f"J: {fit.history[0]:.3f} -> {fit.history[-1]:.4f} after {fit.steps} steps (α = {lr})")
    print(f"held-out accuracy: {accuracy:.1%} on {len(X_test)} images")
    print(f"loss curve: {out / 'digits_loss.png'}")
    return fit, accuracy


if __name__ == "__main__":
    main()
