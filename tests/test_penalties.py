"""Penalties on the weights: λ/(2m) Σ w² (L2) and (λ/m) Σ |w| (L1) in J, derived with their own
rule rows, trained alike by every backend, checked by the checker; a loss template that depends
on a parameter is refused."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

import symgrad
from symgrad import Dense, Model, Sequential, Sigmoid, Tanh, bce, derive, descend, mse
from symgrad.calculus.rules import diff_steps
from symgrad.check import check_gradient
from symgrad.losses import Loss
from symgrad.parsing import symbol
from symgrad.penalty import M, Penalty

X = np.array([[1.0, 2.0], [2.0, -1.0], [0.5, 0.3], [-1.0, 0.4]])
Y = np.array([1.0, 0.0, 1.0, 0.0])
W1, W2, B = (symbol(n) for n in ("w1", "w2", "b"))
LINEAR = Model("w1*x1 + w2*x2 + b", inputs="x1 x2")
START = {"w1": 0.3, "w2": -0.2, "b": 0.1}


def _cost(loss, X, Y) -> sympy.Expr:
    """J over the data written out in full, for sympy.diff: the mean of ℓ plus the penalty."""
    rows = [dict(zip((*loss.model.inputs, *loss.targets), (*map(sympy.nsimplify, x),
                                                             sympy.nsimplify(y))))
            for x, y in zip(X, Y)]
    J = sympy.Add(*[loss.sample.xreplace(r) for r in rows]) / len(rows)
    return J + loss.penalty.expr.xreplace({M: len(rows)})


@pytest.mark.parametrize("kind", ["l2", "l1"])
def test_the_penalty_gradient_is_sympy_diff_of_j(kind):
    """(1/m) Σ ∂ℓᵢ/∂θ + ∂P/∂θ equals sympy.diff of the whole J, for every parameter."""
    loss = mse(LINEAR, **{kind: "0.3"})
    J = _cost(loss, X, Y)
    d = derive(loss)
    m = len(X)
    rows = [dict(zip((*loss.model.inputs, *loss.targets), (*map(sympy.nsimplify, x),
                                                             sympy.nsimplify(y))))
            for x, y in zip(X, Y)]
    for p in loss.params:
        ours = sympy.Add(*[d.gradient[p].xreplace(r) for r in rows]) / m \
            + loss.penalty.derivative(p).xreplace({M: m})
        assert sympy.simplify(ours - sympy.diff(J, p)) == 0


def test_the_l2_rule_row_is_derived_by_the_rules():
    """∂/∂w λ/(2m)·w² = λw/m, from the constant-multiple and power rules; biases are not
    penalised unless listed."""
    loss = mse(LINEAR, l2="1/2")
    assert loss.penalty.weights == (W1, W2)
    tree = diff_steps(loss.penalty.term(W1), W1)
    assert tree.result == W1 / (2 * M) and tree.rule == "constant multiple"
    assert loss.penalty.derivative(B) == 0
    assert mse(LINEAR, l2=1, penalize=["b"]).penalty.weights == (B,)


def test_the_penalty_is_shown_in_every_document():
    """Text, LaTeX and Markdown show P, its rule rows and ∂J/∂w with the penalty's term: per
    parameter on request, and in the index form (the default for a weighted sum)."""
    generic = derive(mse(LINEAR, l2="0.1"))
    assert "P = 1/(20·m) Σ[k=1..2] w_k²" in generic.text()
    assert "∂P/∂w_j = ∂/∂w_j[w_j²/(20·m)] = w_j/(10·m)" in generic.text()
    assert "∂J/∂w_j = w_j/(10·m) + 1/m Σ[i=1..m] ((f_i − y_i)·x_j,i)" in generic.text()
    d = derive(mse(LINEAR, l2="0.1"), wrt=["w1", "w2", "b"])
    assert "P = (w1² + w2²)/(20·m)" in d.text()
    assert "∂J/∂w1 = w1/(10·m) + 1/m Σ[i=1..m] ∂ℓ_i/∂w1" in d.text()
    latex = d.latex()
    assert r"\frac{\partial P}{\partial w_{1}} &= \frac{w_{1}}{10 m}" in latex
    assert r"\text{L2 penalty" in latex
    network = derive(mse(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1)), l2="0.1"))
    shown = network.to_markdown()
    assert r"P &= \frac{\sum_{j=1}^{2} \sum_{k=1}^{2} {W^{(1)}_{j,k}}^{2} + \sum_{j=1}^{1}" in shown
    assert "The penalty on the weights" in shown
    vector = symgrad.backprop(mse(Sequential(Dense(2, 2), Sigmoid(), Dense(2, 1)), l2="0.1"))
    assert r"\frac{\partial J}{\partial W^{(l)}} &= \frac{1}{10 m} W^{(l)} + " \
        in vector.to_markdown()


def test_one_step_of_descent_is_the_hand_loop():
    """θ ← θ − α((1/m) Σ ∂ℓᵢ/∂θ + λw/m), by hand in NumPy, for NumPy, numba and exact."""
    lam, lr, m = 0.5, 0.1, len(X)
    loss = mse(LINEAR, l2=str(lam))
    w, b = np.array([0.3, -0.2]), 0.1
    r = X @ w + b - Y
    w_new = w - lr * ((X * r[:, None]).mean(axis=0) + lam * w / m)
    b_new = b - lr * r.mean()
    J0 = 0.5 * (r @ r) / m + lam / (2 * m) * (w @ w)
    for backend in ("numpy", "numba"):
        fit = descend(loss, X, Y, lr=lr, steps=1, init=START, backend=backend)
        assert fit.params["w1"] == pytest.approx(w_new[0], rel=1e-12)
        assert fit.params["w2"] == pytest.approx(w_new[1], rel=1e-12)
        assert fit.params["b"] == pytest.approx(b_new, rel=1e-12)
        assert fit.history[0] == pytest.approx(J0, rel=1e-12)
    exact = descend(loss, [[1, 2], [2, -1], ["1/2", "3/10"], [-1, "2/5"]], [1, 0, 1, 0],
                    lr=sympy.Rational(1, 10), steps=1, exact=True,
                    init={k: sympy.nsimplify(v) for k, v in START.items()})
    assert float(exact.params["w1"]) == pytest.approx(w_new[0], rel=1e-12)
    assert float(exact.history[0]) == pytest.approx(J0, rel=1e-12)


def test_l1_descends_with_sign():
    """L1: ∂P/∂w = (λ/m)·sign(w), one step against the hand loop."""
    lam, lr, m = 0.4, 0.1, len(X)
    fit = descend(mse(LINEAR, l1=str(lam)), X, Y, lr=lr, steps=1, init=START)
    w = np.array([0.3, -0.2])
    r = X @ w + 0.1 - Y
    expected = w - lr * ((X * r[:, None]).mean(axis=0) + lam * np.sign(w) / m)
    assert [fit.params["w1"], fit.params["w2"]] == pytest.approx(expected, rel=1e-12)


def test_weight_decay_agrees_with_pytorch_for_a_formula_model():
    """PyTorch SGD with weight_decay = λ/m on the weights gives the same parameters."""
    torch = pytest.importorskip("torch")
    lam, lr, m = 0.5, 0.2, len(X)
    fit = descend(bce(Model("sigmoid(w1*x1 + w2*x2 + b)", inputs="x1 x2"), l2=str(lam)),
                  X, Y, lr=lr, steps=5, init=START)
    w = torch.tensor([0.3, -0.2], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(0.1, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.SGD([{"params": [w], "weight_decay": lam / m}, {"params": [b]}], lr=lr)
    for _ in range(5):
        opt.zero_grad()
        f = torch.sigmoid(torch.tensor(X) @ w + b)
        torch.nn.functional.binary_cross_entropy(f, torch.tensor(Y)).backward()
        opt.step()
    assert [fit.params["w1"], fit.params["w2"], fit.params["b"]] == pytest.approx(
        [*w.detach().tolist(), b.item()], rel=1e-10)


@pytest.mark.parametrize("backend", ["numpy", "numba"])
def test_weight_decay_agrees_with_pytorch_for_a_network(backend):
    """A 2-3-1 network, every W decayed (not b), found by the layers' own handles."""
    torch = pytest.importorskip("torch")
    l1, l2 = Dense(2, 3), Dense(3, 1)
    loss = mse(Sequential(l1, Tanh(), l2, Sigmoid()), l2="0.3")
    rng = np.random.default_rng(1)
    arrays = [rng.normal(size=(3, 2)), rng.normal(size=3), rng.normal(size=(1, 3)),
              rng.normal(size=1)]
    init = {str(s): v for layer, (W, b) in ((l1, arrays[:2]), (l2, arrays[2:]))
            for s, v in [*zip(layer.W, W.ravel()), *zip(layer.b, b)]}
    fit = descend(loss, X, Y, lr=0.2, steps=3, init=init, backend=backend)
    t = [torch.tensor(a, requires_grad=True) for a in arrays]
    opt = torch.optim.SGD([{"params": [t[0], t[2]], "weight_decay": 0.3 / len(X)},
                           {"params": [t[1], t[3]]}], lr=0.2)
    for _ in range(3):
        opt.zero_grad()
        out = torch.sigmoid(torch.tanh(torch.tensor(X) @ t[0].T + t[1]) @ t[2].T + t[3])[:, 0]
        (0.5 * ((out - torch.tensor(Y)) ** 2).mean()).backward()
        opt.step()
    for layer, W, b in ((l1, t[0], t[1]), (l2, t[2], t[3])):
        assert [fit.params[str(s)] for s in layer.W] == pytest.approx(
            W.detach().numpy().ravel().tolist(), rel=1e-10)
        assert [fit.params[str(s)] for s in layer.b] == pytest.approx(
            b.detach().numpy().tolist(), rel=1e-10)


def test_the_checker_expects_the_penalty_term():
    """∂ℓ/∂w + λw/m is right (per sample or as the batch mean); without λw/m, wrong, named."""
    loss = mse(Model("w*x + b", inputs="x"), l2="0.1")
    assert check_gradient(loss, "w", "(f - y)*x + w/(10m)").ok is True
    assert check_gradient(loss, "w", r"\frac{1}{m}\sum_{i=1}^{m}(w x_i+b-y_i)x_i "
                                     r"+ \frac{w}{10m}").ok is True
    assert check_gradient(loss, "b", "f - y").ok is True
    missing = check_gradient(loss, "w", "(f - y)*x")
    assert missing.ok is False and missing.hint == "penalty"
    assert "w/(10·m) is missing" in str(missing.message)


def test_a_template_that_depends_on_a_parameter_is_refused():
    """ℓ is differentiated through f only: a parameter inside ℓ would be silently lost."""
    loss = mse(Model("w*x + b", inputs="x"))
    f, y, w = symbol("f"), symbol("y"), symbol("w")
    with pytest.raises(ValueError, match="depends on the parameter"):
        Loss("custom", "custom", loss.model, loss.targets, loss.predictions,
             (f - y) ** 2 + w**2, loss.term)


def test_penalty_arguments_are_checked():
    """Both kinds at once, a negative strength, an unknown name: clear errors."""
    with pytest.raises(ValueError, match="not both"):
        mse(LINEAR, l2=1, l1=1)
    with pytest.raises(ValueError, match="number ≥ 0"):
        mse(LINEAR, l2=-1)
    with pytest.raises(ValueError, match="not a parameter"):
        mse(LINEAR, l2=1, penalize=["v"])
    assert repr(mse(LINEAR, l2="1/10")).endswith(", l2=1/10)")
    assert Penalty("l2", sympy.Integer(1), (W1,)).value([2.0], 4) == pytest.approx(0.5)
    assert symgrad.mse(LINEAR).penalty is None


def test_the_command_line_takes_a_penalty(capsys, tmp_path):
    """symgrad derive/fit --l2 λ: the penalty shown, and the fit trained with it."""
    from symgrad.cli import main

    assert main(["derive", "w*x + b", "--inputs", "x", "--l2", "0.1"]) == 0
    assert capsys.readouterr().out.endswith("\n∂J/∂w = w/(10·m) + 1/m Σ[i=1..m] ∂ℓ_i/∂w\n")
    data = tmp_path / "d.csv"
    data.write_text("x,y\n1,2\n2,4\n3,7\n")
    assert main(["fit", "w*x + b", "--inputs", "x", "--data", str(data), "--lr", "0.05",
                 "--steps", "100", "--l2", "0.5"]) == 0
    shown = capsys.readouterr().out
    fit = descend(mse(Model("w*x + b", inputs="x"), l2="0.5"), [[1], [2], [3]], [2, 4, 7],
                  lr=0.05, steps=100)
    assert f"{fit.params['w']:.6g}" in shown
