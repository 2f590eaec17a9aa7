"""The lowered step (symgrad.numeric.lower) computes the derived J and gradients exactly as
the formulas say: held to a plain evaluation of the per-sample expressions, averaged."""

import numpy as np
import pytest

from symgrad import Model, bce, cross_entropy, derive, distance, mae, mse
from symgrad.codegen import numpy_function, stable_forms
from symgrad.numeric.lower import lower

CASES = [
    (mse, "a*x1 + b*x2**2 + c*x3**3 + d", "x1,x2,x3"),
    (mse, "w*x1 + w**2 + 3", "x1"),                      # a parameter-only term
    (mse, "a*exp(b*x1) + c*x2", "x1,x2"),                # not linear in the parameters
    (mse, "a*x1*x2 + b*x1/x2 + c", "x1,x2"),             # features of two inputs
    (mae, "w*x1 + b", "x1"),
    (distance, "w*x1 + b", "x1"),
    (bce, "sigmoid(a*x1 + b*x2 + c)", "x1,x2"),
    (bce, "sigmoid(w*x1**2 - b)", "x1"),
    (mse, ["a*x1 + b", "c*x2 - a"], "x1,x2"),            # two outputs sharing a parameter
    (cross_entropy, ["sigmoid(w*x1)", "1 - sigmoid(w*x1)"], "x1"),
]


@pytest.mark.parametrize(("loss_of", "expr", "inputs"), CASES,
                         ids=[str(c[1]) for c in CASES])
def test_lowered_step_equals_the_formulas(loss_of, expr, inputs):
    loss = loss_of(Model(expr, inputs=inputs))
    d = derive(loss)
    rng = np.random.default_rng(3)
    m = 257
    cols = [rng.uniform(0.5, 2.0, m) for _ in loss.model.inputs]
    if loss.name in ("bce", "cross_entropy"):
        labels = [rng.integers(0, 2, m).astype(float)]
        if len(loss.targets) == 2:
            labels = [labels[0], 1 - labels[0]]
    else:
        labels = [rng.normal(size=m) for _ in loss.targets]
    data = [*loss.model.inputs, *loss.targets]
    oracle = numpy_function([*data, *d.wrt], [stable_forms(loss.sample),
                                              *[d.gradient[p] for p in d.wrt]])
    program = lower(d)
    args = program.prepare([*cols, *labels])
    for _ in range(3):
        theta = rng.uniform(-1, 1, len(d.wrt))
        J, g = program.step(theta, *args)
        values = [np.broadcast_to(v, (m,)).mean() for v in oracle(*cols, *labels, *theta)]
        assert float(J) == pytest.approx(values[0], rel=1e-12)
        np.testing.assert_allclose(np.asarray(g, dtype=float), values[1:], rtol=1e-11,
                                   atol=1e-14)


def test_generated_code_reads_no_user_name():
    """Parameters called like NumPy functions are renamed before printing."""
    loss = mse(Model("mean*x1 + reduce", inputs="x1"))
    source = lower(derive(loss)).source
    assert "mean" not in source and "reduce" not in source
