"""derive: exact gradients, held to sympy.diff, central differences and (if present) PyTorch."""

import numpy as np
import pytest
import sympy

from symgrad import Model, bce, cross_entropy, derive, distance, mae, mse
from tests.conftest import central_difference, real

a, b, c, d, w, x, x1, x2, x3, y = real("a b c d w x x1 x2 x3 y")

MODELS = {
    "watermelon": Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"]),
    "neuron": Model("x1*w1 + x2*w2", inputs=["x1", "x2"]),
    "logistic": Model("sigmoid(w1*x1 + w2*x2 + b)", inputs=["x1", "x2"]),
    "tanh": Model("tanh(w*x1 + b) + c*x2", inputs=["x1", "x2"]),
    "exp": Model("a*exp(-b*x1) + x2*c", inputs=["x1", "x2"]),
}
LOSSES = {"mse": mse, "mae": mae, "distance": distance, "bce": bce}
CASES = [
    (lname, mname)
    for lname in LOSSES
    for mname in MODELS
    if lname != "bce" or mname == "logistic"
]


def test_watermelon_mse_gradients_are_exact():
    """∂ℓ/∂p for the watermelon model is (f − y) times the feature p multiplies."""
    r = a * x1 + b * x2**2 + c * x3**3 + d - y
    grad = derive(mse(MODELS["watermelon"])).gradient
    assert list(grad) == [a, b, c, d]
    for p, feature in zip((a, b, c, d), (x1, x2**2, x3**3, 1)):
        assert sympy.expand(grad[p] - feature * r) == 0


@pytest.mark.parametrize(("lname", "mname"), CASES)
def test_gradient_equals_sympy_diff(lname, mname):
    """Every gradient derive returns equals sympy.diff of the per-sample loss."""
    loss = LOSSES[lname](MODELS[mname])
    deriv = derive(loss)
    for p in loss.params:
        difference = deriv.gradient[p] - sympy.diff(loss.sample, p)
        # sympy writes d|u| as sign(u); the steps give u/|u|: equal wherever u ≠ 0.
        difference = difference.replace(sympy.sign, lambda u: u / sympy.Abs(u))
        assert sympy.simplify(difference) == 0


@pytest.mark.parametrize(("lname", "mname"), CASES)
def test_gradient_matches_central_differences(lname, mname):
    """The lambdified gradient agrees with central differences of the lambdified loss."""
    loss = LOSSES[lname](MODELS[mname])
    deriv = derive(loss)
    rng = np.random.default_rng(1)
    names = (*loss.model.inputs, *loss.targets)
    data = dict(zip(names, rng.uniform(0.2, 0.8, len(names))))
    params = loss.params
    value = sympy.lambdify([params], loss.sample.subs(data))
    grad = sympy.lambdify([params], [deriv.gradient[p].subs(data) for p in params])
    for _ in range(3):
        point = rng.uniform(-1, 1, len(params))
        assert np.allclose(grad(point), central_difference(value, point), atol=1e-6)


def test_softmax_style_cross_entropy_gradient():
    """Cross-entropy over two outputs p, 1 − p gives ∂ℓ/∂p = −y1/p + y2/(1 − p)."""
    y1, y2, p = real("y1 y2 p")
    loss = cross_entropy(Model(["p", "1 - p"], inputs="x", params=["p"]))
    assert sympy.simplify(derive(loss).gradient[p] - (-y1 / p + y2 / (1 - p))) == 0


def test_article_formulas_partial_derivatives():
    """§4: f(x) = 2x² − 12x + 20 gives 4x − 12; f(x, y) = 2x² + 2y + 4xy gives (4x + 4y, 4x + 2)."""
    assert derive("2*x**2 - 12*x + 20").gradient == {x: 4 * x - 12}
    g = derive("2*x**2 + 2*y + 4*x*y").gradient
    assert sympy.expand(g[x] - (4 * x + 4 * y)) == 0
    assert sympy.expand(g[y] - (4 * x + 2)) == 0


def test_wrt_selects_and_orders_the_variables():
    """wrt picks which partial derivatives are taken, in the order given."""
    assert list(derive("a*x**2 + b", wrt="b,a").gradient) == [b, a]


@pytest.mark.parametrize(
    ("make", "model", "caveat"),
    [
        (mae, "w*x", "f − y"),
        (distance, "w*x", "f − y"),
        (mse, "relu(w*x)", "w·x"),
    ],
)
def test_non_differentiable_points_are_named(make, model, caveat):
    """|u| at 0, sqrt(u²) at 0 and relu at 0 are reported as caveats, not hidden."""
    caveats = derive(make(Model(model, inputs="x"))).caveats
    assert caveats and any(caveat in c for c in caveats)


def test_smooth_losses_have_no_caveats():
    """mse of a polynomial model is differentiable everywhere: no caveat is invented."""
    assert derive(mse(MODELS["watermelon"])).caveats == ()


def test_derivation_text_names_the_loss_and_each_gradient():
    """The text view shows the model, the loss and one line per gradient."""
    text = derive(mse(Model("w*x + b", inputs="x"))).text()
    assert text.splitlines() == [
        "f = b + w·x",
        "ℓ = (f − y)²/2   squared error",
        "J = 1/(2·m) Σ[i=1..m] (f_i − y_i)²   the mean over the m samples",
        "∂ℓ/∂b = b + w·x − y",
        "∂ℓ/∂w = x·(b + w·x − y)",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((mse(MODELS["neuron"]), "q"), "not a parameter"),
        (("3",), "no symbols"),
    ],
)
def test_bad_wrt_is_refused(args, message):
    """Differentiating by something that is not there says so."""
    with pytest.raises(ValueError, match=message):
        derive(*args)


def test_pytorch_autograd_agrees():
    """Where PyTorch is importable, its autograd gives the same gradients (skipped otherwise)."""
    torch = pytest.importorskip("torch")
    loss = bce(MODELS["logistic"])
    deriv = derive(loss)
    vals = {x1: 0.3, x2: -0.7, y: 1.0}
    params = {p: v for p, v in zip(loss.params, (0.1, -0.4, 0.25))}
    tp = {p: torch.tensor(v, dtype=torch.float64, requires_grad=True) for p, v in params.items()}
    b_, w1, w2 = (tp[p] for p in loss.params)
    f = torch.sigmoid(w1 * vals[x1] + w2 * vals[x2] + b_)
    ell = -(vals[y] * torch.log(f) + (1 - vals[y]) * torch.log(1 - f))
    ell.backward()
    for p in loss.params:
        ours = float(deriv.gradient[p].subs({**vals, **params}).evalf())
        assert ours == pytest.approx(float(tp[p].grad), rel=1e-12)
