"""Losses: exact per-sample terms, the article's batch forms, and clear refusals."""

import pytest
import sympy
from sympy import Abs, Rational, log

from symgrad import Model, bce, cross_entropy, distance, mae, mse
from tests.conftest import real

a, b, c, d, f, y, w, x, x1, x2, x3 = real("a b c d f y w x x1 x2 x3")
WATERMELON = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])


def test_mse_is_half_the_squared_residual():
    """mse: ℓ = ½ (y − f)², with the watermelon model substituted for f."""
    loss = mse(WATERMELON)
    assert loss.template == Rational(1, 2) * (f - y) ** 2
    assert loss.sample == Rational(1, 2) * (a * x1 + b * x2**2 + c * x3**3 + d - y) ** 2
    assert loss.targets == (y,)
    assert loss.params == (a, b, c, d)


i, m = sympy.symbols("i m", integer=True, positive=True)
yi = sympy.IndexedBase("y")[i]
fi = sympy.Function("f")(sympy.IndexedBase("x")[i])


def test_mse_batch_is_the_articles_one_over_2m():
    """J = 1/(2m) Σ (yᵢ − f(xᵢ))², as the article writes it."""
    assert mse(WATERMELON).batch() == sympy.Sum((fi - yi) ** 2, (i, 1, m)) / (2 * m)


def test_mae_and_its_batch_form():
    """mae: ℓ = |y − f| and J = (1/m) Σ |yᵢ − f(xᵢ)|."""
    loss = mae(Model("w*x", inputs="x"))
    assert loss.template == Abs(y - f)
    assert loss.sample == Abs(y - w * x)
    assert loss.batch() == sympy.Sum(Abs(fi - yi), (i, 1, m)) / m


def test_distance_keeps_the_articles_form():
    """distance: ℓ = sqrt((f − y)²) stays a square root (it is not silently turned into |f − y|)."""
    loss = distance(Model("w*x", inputs="x"))
    assert isinstance(loss.template, sympy.Pow) and loss.template.exp == Rational(1, 2)
    assert loss.template.base == (f - y) ** 2
    assert sympy.simplify(loss.sample - Abs(w * x - y)) == 0


def test_bce_has_labels_outside_the_logarithms():
    """bce: ℓ = −(y log f + (1 − y) log(1 − f)), the labels as weights, not inside the logs."""
    loss = bce(Model("sigmoid(w*x)", inputs="x"))
    assert sympy.expand(loss.template + y * log(f) + (1 - y) * log(1 - f)) == 0
    core = yi * log(fi) + (1 - yi) * log(1 - fi)
    assert loss.batch() == -sympy.Sum(core, (i, 1, m)) / m


def test_cross_entropy_over_k_outputs():
    """cross_entropy: ℓ = −Σₖ yₖ log fₖ with targets y1 … yk."""
    y1, y2, f1, f2, p = real("y1 y2 f1 f2 p")
    loss = cross_entropy(Model(["p", "1 - p"], inputs="x", params=["p"]))
    assert loss.targets == (y1, y2)
    assert loss.template == -y1 * log(f1) - y2 * log(f2)
    assert loss.sample == -y1 * log(p) - y2 * log(1 - p)


def test_mse_over_two_outputs_sums_the_squares():
    """With k outputs, mse sums ½ (yₖ − fₖ)² over them."""
    y1, y2 = real("y1 y2")
    loss = mse(Model(["a*x", "b*x"], inputs="x"))
    assert loss.sample == Rational(1, 2) * ((a * x - y1) ** 2 + (b * x - y2) ** 2)


@pytest.mark.parametrize(
    ("make", "model", "message"),
    [
        (mse, Model("y*x", inputs="x", params=["y"]), "also a symbol of the model"),
        (bce, Model(["a*x", "b*x"], inputs="x"), "one output"),
        (distance, Model(["a*x", "b*x"], inputs="x"), "one output"),
    ],
)
def test_losses_refuse_what_they_cannot_mean(make, model, message):
    """A target named like a model symbol, or a one-output loss on two outputs, is refused."""
    with pytest.raises(ValueError, match=message):
        make(model)


def test_a_loss_needs_a_model():
    """Passing a bare expression to a loss is a TypeError that says what was expected."""
    with pytest.raises(TypeError, match="needs a symgrad Model"):
        mse("w*x")


def test_target_name_can_be_chosen():
    """target='Y' names the label Y, as the article's neuron does."""
    Y = real("Y,")[0]
    assert mse(Model("W*X", inputs="X"), target="Y").targets == (Y,)


def test_values_at_a_point():
    """Each loss gives the textbook value at f = 3/4, y = 1."""
    point = {w: Rational(3, 4), x: 1, y: 1}
    model = Model("w*x", inputs="x")
    assert mse(model).sample.subs(point) == Rational(1, 32)
    assert mae(model).sample.subs(point) == Rational(1, 4)
    assert distance(model).sample.subs(point) == Rational(1, 4)
    assert bce(model).sample.subs(point) == -log(Rational(3, 4))
