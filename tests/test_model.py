"""Models: the formula, the inputs in the given order, the parameters by name."""

import pytest
import sympy

from symgrad import Model, ParseError
from tests.conftest import real


def test_watermelon_model_has_four_parameters():
    """The article's watermelon model reads its inputs in order and fits a, b, c, d."""
    a, b, c, d, x1, x2, x3 = real("a b c d x1 x2 x3")
    m = Model("a*x1 + b*x2**2 + c*x3**3 + d", inputs=["x1", "x2", "x3"])
    assert m.expr == a * x1 + b * x2**2 + c * x3**3 + d
    assert m.inputs == (x1, x2, x3)
    assert m.params == (a, b, c, d)
    assert m.outputs == 1


def test_inputs_keep_the_given_order_and_accept_text():
    """Inputs given as 'x3,x1' stay in that order: it is the column order of the data."""
    x1, x3 = real("x1 x3")
    assert Model("w*x1 + v*x3", inputs="x3,x1").inputs == (x3, x1)


def test_sympy_input_gets_real_symbols():
    """A SymPy expression with plain symbols is read with real symbols of the same names."""
    w, x = sympy.symbols("w x")
    m = Model(w * x, inputs=[x])
    assert all(s.is_real for s in m.expr.free_symbols)
    assert m.params == real("w,")


def test_explicit_params_and_matrix_output():
    """A model can have several outputs; explicit params keep their order."""
    m = Model(["p*x", "q*x"], inputs="x", params=["q", "p"])
    p, q, x = real("p q x")
    assert m.expr == sympy.Matrix([p * x, q * x])
    assert m.params == (q, p)
    assert m.outputs == 2
    assert m.output_exprs == (p * x, q * x)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"expr": "a*x + z", "inputs": "x", "params": ["a"]}, "z in the model is neither"),
        ({"expr": "a*x", "inputs": "x", "params": ["a", "x"]}, "both an input and a parameter"),
        ({"expr": "x + 1", "inputs": "x"}, "no parameters"),
        ({"expr": "a*x", "inputs": []}, "at least one"),
        ({"expr": "a*x", "inputs": "x,x"}, "listed twice"),
    ],
)
def test_inconsistent_roles_are_refused(kwargs, message):
    """Every symbol must be exactly one of input or parameter, and the error says which is off."""
    with pytest.raises(ValueError, match=message):
        Model(**kwargs)


def test_bad_names_are_parse_errors():
    """Input names go through the same identifier check as formulas."""
    with pytest.raises(ParseError):
        Model("a*x", inputs=["__class__"])
