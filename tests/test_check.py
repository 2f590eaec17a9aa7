"""The homework checker: exact verdicts, honest undecided cases, hints for classic slips."""

import csv

import pytest
import sympy

from symgrad import Model, ParseError, bce, distance, mae, mse
from symgrad.check import (
    Counterexample,
    _compare,
    check_derivation,
    check_derivative,
    check_gradient,
    check_loss,
    check_step,
    decide,
)

# Verdicts, not the time budget, are under test here (see generous_budget in conftest.py).
pytestmark = pytest.mark.usefixtures("generous_budget")


x = sympy.Symbol("x", real=True)

# (function, claimed derivative, expected ok, hint category for a wrong answer)
DERIVATIVES = [
    # right answers, some in a different-looking form
    ("2x^2 - 12x + 20", "4x - 12", True, None),
    ("2x^2 - 12x + 20", "4(x - 3)", True, None),
    ("2x^2 - 12x + 20", "2(2x - 6)", True, None),
    ("(x - 3)^2", "2x - 6", True, None),
    ("(x + 1)^3", "3x^2 + 6x + 3", True, None),
    ("sin(x)^2", "sin(2x)", True, None),
    ("sin(x)^2", "2*sin(x)*cos(x)", True, None),
    ("x*sin(x)", "sin(x) + x*cos(x)", True, None),
    ("sin(x)/x", "(x*cos(x) - sin(x))/x^2", True, None),
    ("exp(2x)", "2exp(2x)", True, None),
    ("log(x)", "1/x", True, None),
    ("log(x^2 + 1)", "2x/(x^2 + 1)", True, None),
    ("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))", True, None),
    ("sigmoid(x)", "exp(-x)/(1 + exp(-x))^2", True, None),
    ("tanh(x)", "1 - tanh(x)^2", True, None),
    ("abs(x - 3)", "(x - 3)/abs(x - 3)", True, None),
    ("relu(x)", "(1 + x/abs(x))/2", True, None),
    ("sqrt(x)", "1/(2sqrt(x))", True, None),
    ("x^3", r"3x^{2}", True, None),
    ("exp(x)*x^2", r"e^{x} (x^{2} + 2x)", True, None),
    # power rule
    ("x^3", "x^2", False, "power rule"),
    ("x^3", "3x^3", False, "power rule"),
    ("x^5 + x", "x^4 + 1", False, "power rule"),
    # missing chain factor
    ("sin(x^2)", "cos(x^2)", False, "chain rule"),
    ("(3x + 1)^5", "5(3x + 1)^4", False, "chain rule"),
    ("log(x^2 + 1)", "1/(x^2 + 1)", False, "chain rule"),
    ("exp(2x)", "exp(2x)", False, "chain rule"),
    # sign errors
    ("x^3", "-3x^2", False, "sign"),
    ("cos(x)", "sin(x)", False, "sign"),
    ("x^2 - x", "1 - 2x", False, "sign"),
    ("1/x", "1/x^2", False, "power rule"),
    # constant factors
    ("x^3", "6x^2", False, "factor"),
    ("x^3", "1.5x^2", False, "factor"),
    ("log(x)", "1/(x*ln(10))", False, "factor"),
    # product and quotient rules
    ("x*sin(x)", "cos(x)", False, "product rule"),
    ("x^2*exp(x)", "2x*exp(x)", False, "product rule"),
    ("sin(x)/x", "(sin(x) - x*cos(x))/x^2", False, "quotient rule"),
    # exp/log confusion, sigmoid and tanh slips
    ("exp(2x)", "2x*exp(2x - 1)", False, "exp as power"),
    ("sigmoid(x)", "sigmoid(x)*(1 + sigmoid(x))", False, "sigmoid"),
    ("tanh(x)", "1 + tanh(x)^2", False, "tanh"),
    ("sigmoid(2x)", "sigmoid(2x)*(1 - sigmoid(2x))", False, "chain rule"),
    # an added constant, however small
    ("x^3", "3x^2 + 1e-13", False, "constant"),
    ("2x^2 - 12x + 20", "4x + 12", False, "constant"),
    # wrong, with no classic slip to name
    ("x^2*exp(x)", "x^2*exp(x)", False, None),
]


@pytest.mark.parametrize(("function", "claimed", "ok", "hint"), DERIVATIVES)
def test_answer_table(function, claimed, ok, hint):
    """Each answer gets the right verdict; a wrong one is never undecided and names its slip."""
    verdict = check_derivative(function, "x", claimed)
    assert verdict.ok is ok, verdict.text()
    if ok is False:
        assert verdict.hint == hint, verdict.text()
        assert isinstance(verdict.counterexample, Counterexample)
        point = verdict.counterexample.point
        assert all(isinstance(v, sympy.Rational) for v in point.values())


def test_table_is_large_and_balanced():
    """The table holds at least 40 answers, with both right and wrong ones."""
    assert len(DERIVATIVES) >= 40
    assert sum(ok for _, _, ok, _ in DERIVATIVES) >= 15
    assert sum(not ok for _, _, ok, _ in DERIVATIVES) >= 20


def test_article_right_answer():
    """The article's 4x − 12 for 2x² − 12x + 20 is right."""
    verdict = check_derivative("2x^2-12x+20", "x", "4x-12")
    assert verdict.ok is True
    assert verdict.message == "Right."
    assert verdict.claimed == 4 * x - 12


def test_article_wrong_answer_has_exact_counterexample():
    """4x + 12 is wrong, shown at x = 1 where the values are −8 and 16."""
    verdict = check_derivative("2x^2-12x+20", "x", "4x+12")
    assert verdict.ok is False
    assert verdict.counterexample == Counterexample({x: 1}, sympy.Integer(-8), sympy.Integer(16))
    assert verdict.text().splitlines() == [
        "Checking d/dx[2·x² − 12·x + 20]",
        "Verdict: wrong.",
        "Claimed: 4·x + 12",
        "Expected: 4·x − 12",
        "Wrong: at x = 1: expected −8, claimed 16. Hint: the claimed answer is off by the "
        "constant 24 (a constant term with the wrong sign or value?).",
    ]


def test_tiny_float_is_not_ignored():
    """3x² + 1e-13 is not 3x²: the number is read exactly and the difference is exact."""
    verdict = check_derivative("x^3", "x", "3x^2 + 1e-13")
    assert verdict.ok is False
    ce = verdict.counterexample
    assert ce.claimed - ce.expected == sympy.Rational(1, 10**13)
    assert "10⁻¹³" in verdict.message


def test_sign_for_abs_is_right_with_a_note():
    """u/|u| for the derivative of |u| is right, with a note about u = 0."""
    verdict = check_derivative("abs(x - 3)", "x", "(x - 3)/abs(x - 3)")
    assert verdict.ok is True
    assert "u = 0" in verdict.message


def test_latex_answer_and_latex_output():
    """A LaTeX answer is read, and the verdict prints as an align* body."""
    verdict = check_derivative("x^3", "x", r"3 \cdot x^{2}")
    assert verdict.ok is True
    assert r"\text{claimed} &= 3 x^{2}" in verdict.latex()


def test_unreadable_answer_raises():
    """An answer that cannot be read raises ParseError instead of being guessed."""
    with pytest.raises(ParseError, match="the claimed answer"):
        check_derivative("x^3", "x", "3x^^2")


def test_undecided_when_nowhere_defined():
    """√(−1 − x²) is defined for no real x: no proof, no counterexample, so ok is None."""
    verdict = check_derivative("sqrt(-1 - x^2)", "x", "x")
    assert verdict.ok is None
    assert verdict.message.startswith("Undecided:")
    assert verdict.text().splitlines()[1] == "Verdict: undecided."


def test_undecided_path_with_no_budget():
    """With no test points and no simplification, even a true identity is undecided."""
    a, b = sympy.sin(x) ** 2 + sympy.cos(x) ** 2, sympy.Integer(1)
    assert _compare(a, b, tries=0, simplify_limit=-1).ok is None
    assert _compare(a, b).ok is True


def test_transcendental_difference_is_certified():
    """exp(x)·(1 + 10⁻⁴⁰) differs from exp(x), seen by a certified high-precision evaluation."""
    comparison = _compare(sympy.exp(x), sympy.exp(x) * (1 + sympy.Rational(1, 10**40)))
    assert comparison.ok is False
    assert decide("exp(x)*exp(x)", "exp(2x)") is True


# --------------------------------------------------------------------------- losses, gradients

MODEL = Model("w*x + b", inputs="x")


@pytest.mark.parametrize(("claimed", "ok", "hint"), [
    ("(f - y)*x", True, None),
    ("x*(w*x + b - y)", True, None),
    ("(y - f)*x", False, "sign"),
    ("2*(f - y)*x", False, "factor"),
    ("(f - y)*x/m", False, "1/m"),
    ("f - y", False, "chain rule"),
])
def test_gradient_of_mse(claimed, ok, hint):
    """∂ℓ/∂w of the mse accepts f for the model output and names classic slips."""
    verdict = check_gradient(mse(MODEL), "w", claimed)
    assert verdict.ok is ok
    assert verdict.hint == hint


def test_gradient_of_bce_with_sigmoid():
    """For bce with a sigmoid the textbook (σ − y)·x is right."""
    loss = bce(Model("sigmoid(w*x)", inputs="x"))
    assert check_gradient(loss, "w", "(f - y)*x").ok is True
    assert check_gradient(loss, sympy.Symbol("w"), "(y - f)*x").hint == "sign"


def test_gradient_of_unknown_parameter_is_refused():
    """Asking for ∂ℓ/∂z of a model without z is a ValueError."""
    with pytest.raises(ValueError, match="not a parameter"):
        check_gradient(mse(MODEL), "z", "x")


BCE = bce(Model("sigmoid(w*x)", inputs="x"))


@pytest.mark.parametrize("claimed", [
    "-(f*log(y) + (1-f)*log(1-y))",
    "-(1/m) Σ [f(x_i) log(y_i) + (1-f(x_i)) log(1-y_i)]",
    r"-\frac{1}{m}\sum_{i=1}^{m} \left[ f(x_i) \log(y_i) + (1-f(x_i))\log(1-y_i) \right]",
])
def test_swapped_cross_entropy_is_flagged(claimed):
    """The article's cross-entropy, with labels inside the logarithms, is flagged as swapped."""
    verdict = check_loss(BCE, claimed)
    assert verdict.ok is False
    assert verdict.hint == "swapped"
    assert "label and prediction are swapped" in verdict.message


def test_right_cross_entropy_forms():
    """The right cross-entropy is accepted per sample, in batch form and with the model inside."""
    assert check_loss(BCE, "-(y*log(f) + (1-y)*log(1-f))").ok is True
    batch = check_loss(BCE, r"-\frac{1}{m}\sum_{i=1}^{m} \left[ y_i \log(f(x_i)) "
                            r"+ (1-y_i)\log(1-f(x_i)) \right]")
    assert batch.ok is True and "batch" in batch.message
    assert check_loss(BCE, "-(y*log(sigmoid(w*x)) + (1-y)*log(1-sigmoid(w*x)))").ok is True


def test_sqrt_of_square_is_abs():
    """sqrt((f − y)²) is the mae's |f − y|, with a note that they are the same."""
    verdict = check_loss(mae(MODEL), "sqrt((f-y)^2)")
    assert verdict.ok is True
    assert "are the same function" in verdict.message
    assert check_loss(distance(MODEL), "|f - y|").ok is True


def test_mse_without_half_is_a_factor_two():
    """(f − y)² for the mse's ½(f − y)² is wrong by a factor 2."""
    verdict = check_loss(mse(MODEL), "(f-y)^2")
    assert (verdict.ok, verdict.hint) == (False, "factor")


# --------------------------------------------------------------------------- steps


@pytest.mark.parametrize(("claimed", "ok", "hint"), [
    ("2.4", True, None),
    ("12/5", True, None),
    ("3.6", False, "added gradient"),
    ("-3", False, "forgot lr"),
    ("2.52", False, "gradient at new point"),
    ("-0.6", False, "change only"),
    ("2.7", False, "factor"),
])
def test_step_on_a_parabola(claimed, ok, hint):
    """One step on x² from 3 with α = 0.1 is exactly 2.4; classic slips are named."""
    verdict = check_step("x**2", {"x": 3}, "0.1", {"x": claimed})
    assert verdict.ok is ok
    assert verdict.hint == hint
    assert verdict.expected == {x: sympy.Rational(12, 5)}


def test_step_names_first_wrong_variable():
    """Updating y with the already-updated x is flagged, naming y and its right value."""
    verdict = check_step("x**2 + x*y + y**2", {"x": 1, "y": 2}, "1/10",
                         {"x": "0.6", "y": "1.54"})
    assert verdict.ok is False
    assert verdict.message.startswith("Wrong: y should be 3/2, not 77/50.")
    assert verdict.hint == "sequential"
    assert verdict.parts[x].ok is True


def test_step_on_a_loss_takes_one_sample():
    """For a Loss, start holds the parameters and one sample; claimed holds the parameters."""
    start = {"w": 1, "b": 0, "x": 2, "y": 3}
    assert check_step(mse(MODEL), start, "0.1", {"w": "1.2", "b": "0.1"}).ok is True
    wrong = check_step(mse(MODEL), start, "0.1", {"w": "0.8", "b": "-0.1"})
    assert (wrong.ok, wrong.hint) == (False, "added gradient")
    with pytest.raises(ValueError, match="missing y"):
        check_step(mse(MODEL), {"w": 1, "b": 0, "x": 2}, "0.1", {"w": 1, "b": 0})


# --------------------------------------------------------------------------- derivations


def test_derivation_all_right():
    """A chain of equal lines ending at the derivative has no wrong line."""
    verdict = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", "3x^2", "3*x*x"])
    assert verdict.ok is True
    assert verdict.first_wrong is None


def test_derivation_error_at_line_two():
    """A slip between the second and third lines is reported at line 3 (counted from 1)."""
    verdict = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^3)", "3x^2", "2x^2", "2x*x"])
    assert verdict.ok is False
    assert verdict.first_wrong == 3
    assert "line 3 does not equal line 2: at x = 1 line 2 is 3, line 3 is 2." in verdict.message


def test_derivation_wrong_from_the_start():
    """Equal lines that start from a wrong derivative are wrong at line 1 (never "line 0")."""
    verdict = check_derivation("x^3", "x", ["x^2", "x*x"])
    assert (verdict.ok, verdict.first_wrong, verdict.hint) == (False, 1, "power rule")
    assert verdict.message.startswith("Wrong: line 1 is not the derivative")
    assert "line 0" not in verdict.message
    other = check_derivation("x^3", "x", [r"\frac{d}{dx}(x^2)", "2x"])
    assert other.first_wrong == 1
    assert "It differentiates x², not x³." in other.message


# --------------------------------------------------------------------------- command line


def test_cli_check_right(cli):
    """A right answer prints the verdict and exits 0."""
    code, out, _ = cli("check", "--f", "2x^2-12x+20", "--wrt", "x", "--claimed", "4x-12")
    assert code == 0
    assert out.splitlines() == [
        "Checking d/dx[2·x² − 12·x + 20]", "Verdict: right.", "Claimed: 4·x − 12",
        "Expected: 4·x − 12", "Right.",
    ]


def test_cli_check_wrong_and_latex(cli):
    """A wrong answer exits 1, in text and in LaTeX."""
    code, out, _ = cli("check", "--f", "2x^2-12x+20", "--wrt", "x", "--claimed", "4x+12")
    assert code == 1
    assert out.splitlines()[4].startswith("Wrong: at x = 1: expected −8, claimed 16.")
    code, out, _ = cli("check", "--f", "x^3", "--wrt", "x", "--claimed", "x^2", "--latex")
    assert code == 1
    assert out.splitlines()[0] == r"&\text{wrong: d/dx (x\textsuperscript{3})} \\"


def test_cli_check_unreadable(cli):
    """An unreadable answer is one line on stderr and exit 2."""
    code, out, err = cli("check", "--f", "x^3", "--wrt", "x", "--claimed", "3x^^2")
    assert (code, out) == (2, "")
    assert err.startswith("symgrad: error: cannot read the claimed answer '3x^^2'")


def test_cli_grade_writes_reports(cli, tmp_path):
    """`symgrad grade` writes report.csv and report.md and prints the summary."""
    answers = tmp_path / "answers.csv"
    answers.write_text(
        "student,problem,answer\n"
        "ana,d/dx: 2x^2-12x+20,4x-12\n"
        "ben,d/dx: 2x^2-12x+20,4x+12\n"
        "cy,p1,3x^2\n"
        "dee,p1,x^2\n"
        "eve,p1,3x^^2\n",
        encoding="utf-8",
    )
    problems = tmp_path / "problems.csv"
    problems.write_text("id,expr,wrt\np1,x^3,x\n", encoding="utf-8")
    out_base = tmp_path / "report"
    code, out, _ = cli("grade", str(answers), "--problems", str(problems), "--out", str(out_base))
    assert code == 0
    assert out.splitlines()[:3] == [
        "problem            right  wrong  undecided  unreadable  not graded",
        "d/dx: 2x^2-12x+20      1      1          0           0           0",
        "p1                     1      1          0           1           0",
    ]
    with open(tmp_path / "report.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["line"], r["student"], r["ok"], r["expected"]) for r in rows] == [
        ("2", "ana", "right", "4·x − 12"), ("3", "ben", "wrong", "4·x − 12"),
        ("4", "cy", "right", "3·x²"), ("5", "dee", "wrong", "3·x²"), ("6", "eve", "unreadable", ""),
    ]
    assert rows[3]["message"].startswith("Wrong: at x = 1: expected 3, claimed 1. Hint: power")
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| 2 | ana | d/dx: 2x^2-12x+20 | `4x-12` | right | Right. |" in md
    assert "| p1 | 1 | 1 | 0 | 1 | 0 |" in md
    assert "## Summary per problem" in md


def test_cli_grade_unknown_problem_is_one_row(cli, tmp_path):
    """A problem cell that is neither inline nor an id is that row's problem (exit 3), not the
    class's: the other rows are graded."""
    answers = tmp_path / "a.csv"
    answers.write_text("student,problem,answer\nana,p9,1\nben,d/dx: x^2,2x\n", encoding="utf-8")
    code, out, err = cli("grade", str(answers), "--out", str(tmp_path / "r"))
    assert (code, err) == (3, "")
    assert "not graded: 1 row(s), line(s) 2; the report says why" in out
    with open(tmp_path / "r.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["student"], r["ok"]) for r in rows] == [("ana", "not graded"), ("ben", "right")]
    assert rows[0]["message"].startswith("line 2: the problem 'p9' is neither an id")


@pytest.mark.parametrize(
    ("make", "claimed", "ok", "hint"),
    [
        (mse, r"\frac{1}{2m}\sum_{i=1}^{m}(y_{i}-f(x_{i}))^2", True, None),
        (mse, "1/(2m) sum (y_i - f(x_i))^2", True, None),
        (mse, r"\frac{1}{m}\sum_{i=1}^{m}(y_{i}-f(x_{i}))^2", False, "factor"),
        (mae, r"\frac{1}{m}\sum^{m}_{i=1}|y_{i}-f(x_{i})|", True, None),
    ],
)
def test_the_articles_batch_forms_are_read(make, claimed, ok, hint):
    """The article's J = 1/(2m) Σ (yᵢ − f(xᵢ))² and Σ^{m}_{i=1} forms are read per sample."""
    verdict = check_loss(make(Model("w*x + b", inputs="x")), claimed)
    assert verdict.ok is ok and verdict.hint == hint


def test_the_articles_cross_entropy_as_printed_is_flagged():
    """The article's own text, −1/m Σ^{m}_{i=1}(f(x)·log(y) + (1 − f(x))·log(1 − y)), is swapped."""
    claimed = r"-\frac{1}{m}\sum^{m}_{i=1}( f(x)*\log(y) + (1-f(x))*\log(1-y) )"
    verdict = check_loss(bce(Model("sigmoid(w*x)", inputs="x")), claimed)
    assert (verdict.ok, verdict.hint) == (False, "swapped")
