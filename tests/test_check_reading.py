"""Answers are answers, and paper notation is read as a grader reads it — with the reading said,
ambiguity listed rather than guessed, and model formulas kept strict."""

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from symgrad import Model, ParseError, bce, mse, parse
from symgrad.check import check_derivation, check_derivative, check_gradient, check_loss
from symgrad.check.reading import juxtaposed, read_answer

# Verdicts, not the time budget, are under test here (see generous_budget in conftest.py).
pytestmark = pytest.mark.usefixtures("generous_budget")


x, y = sympy.symbols("x y", real=True)


@pytest.mark.parametrize("restated", [
    r"\frac{d}{dx}\sin(x^2)", "d/dx sin(x^2)", "Derivative(sin(x^2), x)",
    r"\frac{\partial}{\partial x}\sin(x^{2})", "∂/∂x sin(x^2)",
])
def test_restating_the_question_is_not_an_answer(restated):
    """d/dx sin(x²) is never 'right' for d/dx sin(x²): it is not an answer, and says so."""
    verdict = check_derivative("sin(x^2)", "x", restated)
    assert (verdict.ok, verdict.hint) == (False, "not an answer")
    assert verdict.message.startswith("Not an answer: it still contains the")
    assert "carry it out" in verdict.message


def test_restated_gradient_in_latex_is_not_an_answer():
    """∂/∂w σ(wx + b) as the claimed gradient of a loss: not an answer."""
    loss = bce(Model("sigmoid(w*x + b)", inputs="x"))
    verdict = check_gradient(loss, "w", r"\frac{\partial}{\partial w}\sigma(wx+b)")
    assert (verdict.ok, verdict.hint) == (False, "not an answer")
    assert "partial derivative ∂" in verdict.message


def test_integrals_and_limits_are_not_answers():
    """An integral or a limit left in the answer is named as what is left to do."""
    assert "an integral" in check_derivative("x^3", "x", r"\int 3x^2 dx").message
    assert "a limit" in check_derivative("x^3", "x", "limit((x+h)^3/h, h, 0)").message


def test_a_derivation_must_end_with_an_answer():
    """A derivation may start from d/dx(...), but its last line must be carried out."""
    ok = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", "3x^2"])
    assert ok.ok is True
    bad = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", r"\frac{d}{dx}(x \cdot x^2)"])
    assert (bad.ok, bad.hint, bad.first_wrong) == (False, "not an answer", 2)
    assert bad.message.startswith("Not an answer: the last line still contains")


@pytest.mark.parametrize(("function", "claimed", "reading"), [
    ("sin(x^2)", "2x cos(x^2)", "read 2x cos(x^2) as 2x·cos(x^2)"),
    ("x^2*y", "2xy", "read 2xy as 2·x·y"),
    ("x*exp(x)", "x e^x + e^x", "read x e^x + e^x as x·e^x + e^x"),
    ("(x+1)*(x-1)", "(x+1)+(x-1)", None),
    ("x^2*(x+1)", "x(3x + 2)", "read x(3x + 2) as x·(3x + 2)"),
    ("sin(x)*cos(x)", "cos(x) cos(x) - sin(x) sin(x)",
     "read cos(x) cos(x) - sin(x) sin(x) as cos(x)·cos(x) - sin(x)·sin(x)"),
])
def test_paper_notation_is_read_and_the_reading_stated(function, claimed, reading):
    """Juxtaposed factors are read against the problem's symbols; the verdict says how."""
    verdict = check_derivative(function, "x", claimed)
    assert verdict.ok is True
    assert verdict.reading == reading
    if reading:
        assert f"\nNote: symgrad {reading}.\n" in verdict.text()


def test_a_wrong_answer_in_paper_notation_is_wrong_with_its_reading():
    """The reading is stated on wrong answers too, so a student sees what was graded."""
    verdict = check_derivative("x^2*y", "x", "2yy")
    assert verdict.ok is False and verdict.reading == "read 2yy as 2·y·y"


def test_an_ambiguous_split_lists_the_readings():
    """With symbols a, b and ab (the variable asked about, so the problem's ab is not a·b),
    'abx' splits two ways: both are listed, nothing is guessed."""
    with pytest.raises(ParseError, match=r"'abx' can be read as a·b·x or ab·x; write \*"):
        check_derivative("a*b*x + ab*x", "ab", "abx")


def test_a_product_after_a_division_is_refused_not_guessed():
    """1/x y could be (1/x)·y or 1/(x·y): refused with a way out."""
    with pytest.raises(ParseError, match="after a division, factors side by side are ambiguous"):
        check_derivative("log(x)*y", "x", "1/x y")


def test_a_number_and_a_name_in_an_exponent_is_refused():
    """e^2x could be e^(2x) or e²·x: refused, with brackets suggested."""
    for answer in ("2e^2x", "2e^-2x", "2e ^ 2x", "2e**2x"):
        with pytest.raises(ParseError, match=r"the exponent '2x' is ambiguous .*e\^\(2x\)"):
            check_derivative("exp(2x)", "x", answer)
    assert check_derivative("exp(2x)", "x", "2e^(2x)").ok is True


def test_names_that_do_not_split_are_left_alone():
    """An unknown name that is no product of the problem's symbols stays a (foreign) name."""
    verdict = check_derivative("x^2", "x", "2x + k")
    assert verdict.ok is False and "uses k, which the problem does not" in verdict.message
    with pytest.raises(ParseError, match="not a function I know"):
        check_derivative("x^2", "x", "f(x)")


def test_model_formulas_stay_strict():
    """Outside the checker, juxtaposition is not guessed: w1x is a name, x y is an error."""
    assert parse("2xy") == 2 * sympy.Symbol("xy", real=True)
    with pytest.raises(ParseError, match=r"write \* between factors"):
        parse("x y")
    with pytest.raises(ParseError):
        Model("w1 x1 + b", inputs="x1")


def test_loss_answers_are_read_against_the_loss_symbols():
    """check_loss reads '(f - y)(f - y)/2' with f and y as the loss's symbols."""
    verdict = check_loss(mse(Model("w*x + b", inputs="x")), "(f - y)(f - y)/2")
    assert verdict.ok is True and verdict.reading == "read (f - y)(f - y)/2 as (f - y)·(f - y)/2"


_PIECES = st.sampled_from(["x", "y", "xy", "2", "3x", "(", ")", " ", "sin(", "cos(", "e^", "^2",
                           "+", "-", "*", "/", "x(", ")(", "e"])


@given(st.lists(_PIECES, min_size=1, max_size=12))
def test_a_reading_only_ever_inserts_product_signs(pieces):
    """Whatever is typed, the reading adds × signs and splits names, never anything else: in
    particular two inserted signs never make a power (sec(x) tan(x) is not sec(x)^tan(x))."""
    text = "".join(pieces)
    try:
        rewritten = juxtaposed(text, {"x", "y"})
    except ParseError:
        return
    assert rewritten.replace("*", "") == text.strip().replace("*", "")
    assert rewritten.count("**") == text.strip().count("**")
    assert rewritten.count("*") - text.count("*") >= 0


def test_read_answer_on_latex_leaves_it_to_the_latex_reader():
    """LaTeX already reads x e^{x} as a product; no reading note is added."""
    assert read_answer(r"x e^{x}", {"x"}) == (x * sympy.exp(x), None)
