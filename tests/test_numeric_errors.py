"""Numbers named by their cause: data checked against the loss, NaN/inf traced to the
operation, divergence only for a real blow-up, exact descent bounded (issue 12)."""

import os
import subprocess
import sys
import time

import numpy as np
import pytest
from sympy import Rational

from symgrad import (
    Dense,
    DivergenceError,
    Model,
    ReLU,
    Sequential,
    Sigmoid,
    Softmax,
    bce,
    cross_entropy,
    descend,
    mse,
)
from symgrad.errors import NumericError

LINE = Model("w*x + b", inputs="x")


def csv(tmp_path, text, name="d.csv"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


# --------------------------------------------------------------------------- data vs. loss

def test_bce_labels_outside_0_1_are_refused_before_training():
    with pytest.raises(ValueError, match=r"bce needs labels in \[0, 1\]; y row 2 is 3"):
        descend(bce(Model("sigmoid(w*x + b)", inputs="x")), [[0], [1], [2]], [0, 1, 3],
                lr=0.1, steps=5)


def test_cli_bce_on_non_binary_labels_names_the_row(cli, tmp_path):
    path = csv(tmp_path, "x,y\n1,0\n2,1\n3,5\n")
    code, _, err = cli("fit", "sigmoid(w*x+b)", "--inputs", "x", "--data", path,
                       "--loss", "bce", "--lr", "0.1", "--steps", "5")
    assert code == 2
    assert err.strip() == "symgrad: error: bce needs labels in [0, 1]; y row 2 is 5"


def test_cross_entropy_needs_one_hot_rows():
    net = Sequential(Dense(2, 2), Softmax())
    with pytest.raises(ValueError, match=r"one-hot label rows .*; y row 1 is \[1, 1\]"):
        descend(cross_entropy(net), [[0, 1], [1, 0]], [[1, 0], [1, 1]], lr=0.1, steps=2)


@pytest.mark.parametrize(("X", "message"), [
    ([[1, 2], [3, np.nan]], "X row 1, column x2 is NaN"),
    ([[1, -np.inf], [3, 4]], "X row 0, column x2 is -inf"),
    ([[1, 2], [3]], r"X must have shape \(m, 2\) .* but row 1 has 1 values"),
    ([[1, 2], [3, "a"]], "X row 1, column x2 must be a number, not 'a'"),
])
def test_bad_data_is_named_by_row_and_column(X, message):
    model = Model("w1*x1 + w2*x2", inputs="x1,x2")
    with pytest.raises(ValueError, match=message):
        descend(mse(model), X, [1, 2], lr=0.1, steps=2)


def test_nan_label_names_row_and_target():
    with pytest.raises(ValueError, match="y row 1, column y is NaN"):
        descend(mse(LINE), [[1], [2]], [1, np.nan], lr=0.1, steps=2)


def test_csv_row_with_an_extra_field_is_refused(cli, tmp_path):
    path = csv(tmp_path, "x,y\n1,2\n2,4,7\n")
    code, _, err = cli("fit", "w*x", "--inputs", "x", "--data", path, "--lr", "0.1",
                       "--steps", "2")
    assert code == 2
    assert err.strip() == f"symgrad: error: {path}, line 3: 3 fields, but the header has 2 columns"


# --------------------------------------------------------------------------- NaN/inf causes

def test_log_of_a_non_positive_number_at_step_0(cli, tmp_path):
    path = csv(tmp_path, "x,y\n1,0\n2,1\n")
    code, _, err = cli("fit", "w*x+b", "--inputs", "x", "--data", path, "--loss", "bce",
                       "--lr", "0.1", "--steps", "5")
    assert code == 2
    assert "diverged" not in err and "learning rate" not in err
    assert ("J is NaN at step 0: log of a non-positive number: log(b + w*x) with b + w*x = 0 "
            "at sample 0 (x = 1, y = 0) where b = 0, w = 0") in err


def test_sqrt_of_a_negative_number_is_named_not_the_learning_rate(cli, tmp_path):
    path = csv(tmp_path, "x,y\n1,1\n-2,2\n")
    code, _, err = cli("fit", "sqrt(w*x)", "--inputs", "x", "--data", path,
                       "--lr", "0.1", "--steps", "5", "--init", "w=1")
    assert code == 2
    assert "square root of a negative number: sqrt(w*x) with w*x = -2 at sample 1" in err
    assert "learning rate" not in err


def test_overflow_in_exp_at_step_0_is_flagged(cli, tmp_path):
    """`fit "exp(w*x)" --init w=400` used to exit 0 printing w = -inf (from inf)."""
    path = csv(tmp_path, "x,y\n1,1\n2,2\n")
    code, out, err = cli("fit", "exp(w*x)", "--inputs", "x", "--data", path,
                         "--lr", "0.1", "--steps", "5", "--init", "w=400")
    assert code == 2 and out == ""
    assert ("J is inf at step 0: overflow in exp: exp(w*x) with w*x = 800 at sample 1 "
            "(x = 2, y = 2) where w = 400") in err


def test_huge_label_overflow_is_flagged_at_step_0():
    with pytest.raises(NumericError, match=r"J is inf at step 0: overflow: \(w\*x - y\)\*\*2 "
                                           r"is too large for a float .* y = 1e\+200"):
        descend(mse(Model("w*x", inputs="x")), [[1], [2]], [1e200, 1], lr=0.1, steps=3)


def test_division_by_zero_at_the_start_is_flagged():
    with pytest.raises(NumericError, match="J is inf at step 0: division by zero: 1/w with w = 0"):
        descend(mse(Model("x/w", inputs="x")), [[1], [2]], [1, 2], lr=0.1, steps=3)


def test_complex_value_is_not_silently_dropped():
    """w**(1/3) with w < 0 is not a real number: an error, not a real part."""
    with pytest.raises(NumericError, match=r"a complex value: w\*\*\(1/3\) with w = -8 "
                                           r"\(a negative number to the power 1/3 is not real\)"):
        descend(mse(Model("w**(1/3)*x", inputs="x")), [[1], [2]], [1, 2], lr=0.1, steps=3,
                init={"w": -8})


def test_real_blow_up_is_divergence_from_step_0():
    with pytest.raises(DivergenceError, match="diverged at step .*smaller learning rate than 3"):
        descend(mse(Model("w*x", inputs="x")), [[1], [2]], [1, 2], lr=3, steps=3000)


# --------------------------------------------------------------------------- exact descent

def test_exact_descent_bounds_its_numbers():
    """w²·x from w = 1: digits triple every step; 14 steps used to take minutes."""
    t0 = time.perf_counter()
    with pytest.raises(NumericError, match="the exact value of w needs more than 1000 digits"):
        descend(mse(Model("w**2*x", inputs="x")), [[1], [2]], [2, 4], lr=Rational(1, 10),
                steps=14, exact=True, init={"w": 1})
    assert time.perf_counter() - t0 < 5


def test_exact_descent_checks_divergence():
    """lr = 3 for 3,000 steps used to return a 4,247-digit w."""
    with pytest.raises(DivergenceError, match="diverged at step 7: .*smaller learning rate than 3"):
        descend(mse(Model("w*x", inputs="x")), [[1], [2]], [1, 2], lr=3, steps=3000, exact=True)


# --------------------------------------------------------------------------- names

def test_input_missing_from_the_formula_is_an_error():
    with pytest.raises(ValueError, match="the input z does not appear in the model"):
        Model("w*x + b", inputs="z")


def test_a_constant_model_is_allowed_when_params_are_named():
    """With params= listed, an unused input is deliberate (a model constant in x); a typo
    there is still caught: the formula's other symbols must be inputs or parameters."""
    assert Model("sigmoid(w)", inputs="x", params=["w"]).params[0].name == "w"
    with pytest.raises(ValueError, match="x in the model is neither an input nor a parameter"):
        Model("w*x + b", inputs="z", params=["w", "b"])


def test_cli_derive_with_a_missing_input(cli):
    code, _, err = cli("derive", "w*x+b", "--inputs", "z")
    assert code == 2
    assert err.strip().startswith("symgrad: error: the input z does not appear in the model")


@pytest.mark.parametrize("name", ["mean", "maximum", "minimum", "logaddexp", "reduce"])
def test_user_names_never_collide_with_generated_code(name):
    X, y = [[1, 0.5], [2, -1], [3, 2]], [1, 2, 2.5]
    as_param = descend(mse(Model(f"{name}*x + b*z", inputs="x,z")), X, y, lr=0.1, steps=20)
    plain = descend(mse(Model("w*x + b*z", inputs="x,z")), X, y, lr=0.1, steps=20)
    assert as_param.params[name] == pytest.approx(plain.params["w"], rel=1e-12)
    as_input = descend(mse(Model(f"w*{name} + b*z", inputs=f"{name},z")), X, y, lr=0.1,
                       steps=20)
    assert as_input.history == pytest.approx(plain.history, rel=1e-12)
    sig = descend(bce(Model(f"sigmoid({name}*x + b)", inputs="x")), [[0], [1]], [0, 1],
                  lr=0.5, steps=5)
    assert np.isfinite(sig.history).all()


# --------------------------------------------------------------------------- networks, plots

def test_sequential_never_aliases_the_layers_it_is_given():
    """A layer another network numbered differently, or one layer twice, is a clear error: it
    would rename the first network's weights (it used to, silently)."""
    shared = Dense(2, 2)
    first = Sequential(shared, Sigmoid(), Dense(2, 1))
    before = first.params
    with pytest.raises(ValueError, match=r"Dense\(2, 2\) is layer 1 of another network; "
                                         r"here it would be layer 2"):
        Sequential(Dense(3, 2), Sigmoid(), shared)
    assert first.params == before
    assert len(set(first.params)) == len(first.params) == 9
    with pytest.raises(ValueError, match="appears twice in this network"):
        Sequential(shared, Sigmoid(), shared)
    again = Sequential(shared, Sigmoid(), Dense(2, 1))  # the same place: the same names
    assert again.params == before


PLOT_BACKEND = "import matplotlib; {use}import symgrad.render.plot; print(matplotlib.get_backend())"


@pytest.mark.parametrize(("use", "env", "expected"), [
    ("matplotlib.use('svg'); ", {}, "svg"),
    ("", {"MPLBACKEND": "pdf"}, "pdf"),
    ("", {}, "agg"),
])
def test_plot_keeps_the_backend_the_user_chose(use, env, expected):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("MPLBACKEND", "DISPLAY", "WAYLAND_DISPLAY")}
    out = subprocess.run([sys.executable, "-c", PLOT_BACKEND.format(use=use)],
                         env={**clean, **env}, capture_output=True, text=True, check=True)
    assert out.stdout.strip().lower() == expected


def test_exact_data_is_checked_against_the_loss_too():
    with pytest.raises(ValueError, match=r"bce needs labels in \[0, 1\]; y row 1 is 1.5"):
        descend(bce(Model("w*x", inputs="x")), [["1/2"], [1]], [0, "3/2"],
                lr=Rational(1, 10), steps=1, exact=True)


def test_numba_backend_without_numba_says_how_to_install(monkeypatch):
    from symgrad.numeric import fused

    monkeypatch.setitem(sys.modules, "numba", None)  # import numba now raises ImportError
    monkeypatch.setattr(fused, "_CACHE", {})  # nothing compiled before may be reused
    fused.numba.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"backend='numba' needs numba: "
                                             r"pip install 'symgrad\[fast\]'"):
            descend(mse(Model("q*x", inputs="x")), [[1], [2]], [1, 2], lr=0.1, steps=2,
                    backend="numba")
    finally:
        fused.numba.cache_clear()


# --------------------------------------------------------------------------- networks
# A NaN or inf while training a network is traced to its layer, quantity, sample and weights
# (was "a value left the range of floats" whatever the cause).


class _Exp(Sigmoid):
    """A user's own activation φ(u) = eᵘ, which overflows past u ≈ 709."""

    name = "exp"

    def phi(self, u):
        import sympy

        return sympy.exp(u)


def test_network_huge_input_overflows_in_the_loss_at_step_0():
    with pytest.raises(NumericError) as e:
        descend(mse(Sequential(Dense(1, 1))), [[1e200], [1.0]], [1.0, 2.0], lr=0.1, steps=5,
                init={"W1_1_1": 2.0})
    assert str(e.value) == (
        "J is inf at step 0: overflow: (f - y)**2 is too large for a float with f - y = 2e+200 "
        "in the loss at sample 0 (x1 = 1e+200; y = 1) where W1_1_1 = 2, b1_1 = 0")


def test_network_overflow_in_a_pre_activation_names_the_layer_and_unit():
    net = Sequential(Dense(1, 2), ReLU(), Dense(2, 1))
    with pytest.raises(NumericError) as e:
        descend(mse(net), [[1.0], [1e308]], [1.0, 2.0], lr=0.1, steps=5,
                init={"W1_1_1": 0.5, "W1_2_1": 3.0})
    assert str(e.value) == (
        "J is inf at step 0: overflow in layer 1: the pre-activation z1_2 = W·a + b is too large "
        "for a float (inputs up to 1e+308) at sample 1 (x1 = 1e+308; y = 2) "
        "where W1_2_1 = 3, b1_2 = 0")


def test_network_causes_are_worded_in_chinese():
    """The traced cause of a network's NaN/inf speaks the language in force, numbers verbatim."""
    from symgrad.i18n.language import language

    net = Sequential(Dense(1, 2), ReLU(), Dense(2, 1))
    with language("zh"), pytest.raises(NumericError) as e:
        descend(mse(net), [[1.0], [1e308]], [1.0, 2.0], lr=0.1, steps=5,
                init={"W1_1_1": 0.5, "W1_2_1": 3.0})
    with language("zh"):
        message = str(e.value)
    assert message == (
        "第 0 步 J 为 inf：第 1 层溢出：预激活 z1_2 = W·a + b "
        "超出了浮点数的范围（输入最大到 1e+308），"
        "位于第 1 个样本（x1 = 1e+308; y = 2），此时 W1_2_1 = 3, b1_2 = 0")


def test_network_overflow_in_exp_of_a_users_activation():
    net = Sequential(Dense(1, 2), _Exp(), Dense(2, 1))
    with pytest.raises(NumericError) as e:
        descend(mse(net), [[1.0], [800.0]], [1.0, 2.0], lr=0.1, steps=5,
                init={"W1_1_1": 1.0, "W1_2_1": 0.5})
    assert str(e.value) == (
        "J is inf at step 0: overflow in exp: exp(u) with u = 800 in layer 1's exp activation "
        "at sample 1 (x1 = 800; y = 2) where W1_1_1 = 1, b1_1 = 0")


def test_network_bce_on_an_unsquashed_output_divides_by_zero_in_the_output_delta():
    """J is finite at step 0 (the log is clipped) but δ = (a − y)/(a(1 − a)) is not at a = 0;
    the parameters turn NaN and J at step 1 is NaN: the step before is replayed and named."""
    with pytest.raises(NumericError) as e:
        descend(bce(Sequential(Dense(1, 1))), [[0.0], [1.0]], [1, 0], lr=0.1, steps=5,
                init={"W1_1_1": 0.25})
    assert str(e.value) == (
        "J is NaN at step 1: division by zero: 1/a with a = 0 in the output δ at sample 0 "
        "(x1 = 0; y = 1) where W1_1_1 = 0.25, b1_1 = 0")


def test_network_relu_with_a_huge_learning_rate_is_divergence():
    X = np.random.default_rng(0).normal(size=(20, 2))
    net = Sequential(Dense(2, 8), ReLU(), Dense(8, 1))
    with pytest.raises(DivergenceError, match=r"^gradient descent diverged at step \d+: .*"
                                              r"try a smaller learning rate than 50$"):
        descend(mse(net), X, np.arange(20.0), lr=50, steps=300)


def test_network_numba_backend_names_the_same_cause():
    pytest.importorskip("numba")
    with pytest.raises(NumericError, match=r"^J is inf at step 0: overflow: \(f - y\)\*\*2 .* "
                                           r"in the loss at sample 0 \(x1 = 1e\+200; y = 1\)"):
        descend(mse(Sequential(Dense(1, 1))), [[1e200], [1.0]], [1.0, 2.0], lr=0.1, steps=5,
                init={"W1_1_1": 2.0}, backend="numba")
