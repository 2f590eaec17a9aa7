"""Student answers typed the way students type them (Python style and LaTeX), each with its
verdict decided by hand and confirmed by SymPy: no wrong answer is called right, every right
answer is accepted, and a form with two readings is refused with both shown."""

from __future__ import annotations

import pytest
import sympy

from symgrad.check import check_derivative
from symgrad.check.reading import read_answer, read_problem
from symgrad.errors import ParseError

RIGHT, WRONG, REFUSED, RESTATED = "right", "wrong", "refused", "restated"

# (problem as typed, the problem in SymPy syntax, variable, answer as typed, what the answer
# means in SymPy syntax, the verdict decided by hand)
TABLE = [
    # ------------------------------------------------------------ Python style
    ("x^3", "x**3", "x", "3x^2", "3*x**2", RIGHT),
    ("x^3", "x**3", "x", "3x²", "3*x**2", RIGHT),
    ("x^3", "x**3", "x", "3x^2 + 1e-13", "3*x**2 + 10**-13", WRONG),
    ("x^23", "x**23", "x", "23x²²", "23*x**22", RIGHT),
    ("x^23", "x**23", "x", "23x^22", "23*x**22", RIGHT),
    ("x^23", "x**23", "x", "22x²³", "22*x**23", WRONG),
    ("x^3/3 - x^4/4", "x**3/3 - x**4/4", "x", "x²(1 − x)", "x**2*(1 - x)", RIGHT),
    ("x^3/3 - x^4/4", "x**3/3 - x**4/4", "x", "x²(1 + x)", "x**2*(1 + x)", WRONG),
    ("sin(x^2)", "sin(x**2)", "x", "2x cos(x^2)", "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", "f'(x) = 2x cos(x^2)", "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", "dy/dx = 2x cos(x^2)", "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", "y' = 2x*cos(x^2)", "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", "dy/dx = cos(x^2)", "cos(x**2)", WRONG),
    ("2x^2 + 2y + 4xy", "2*x**2 + 2*y + 4*x*y", "y", "4x + 2", "4*x + 2", RIGHT),
    ("2x^2 + 2y + 4xy", "2*x**2 + 2*y + 4*x*y", "y", "2", "2", WRONG),
    ("2x^2 + 2y + 4xy", "2*x**2 + 2*y + 4*x*y", "x", "4x + 4y", "4*x + 4*y", RIGHT),
    ("2x^2 + 2y + 4xy", "2*x**2 + 2*y + 4*x*y", "x", "4x", "4*x", WRONG),
    ("x1^2*x2", "x1**2*x2", "x1", "2x_1 x_2", "2*x1*x2", RIGHT),
    ("x1^2*x2", "x1**2*x2", "x1", "2x1x2", "2*x1*x2", RIGHT),
    ("x_1^2 + w_1*x_1", "x1**2 + w1*x1", "x_1", "2x_1 + w_1", "2*x1 + w1", RIGHT),
    ("x_1^2 + w_1*x_1", "x1**2 + w1*x1", "x_1", "2x1", "2*x1", WRONG),
    ("x^2/4", "x**2/4", "x", "x^1/2", None, REFUSED),
    ("x^2/4", "x**2/4", "x", "1/2x", None, REFUSED),
    ("x^2/4", "x**2/4", "x", "x/2", "x/2", RIGHT),
    ("x^2/4", "x**2/4", "x", "(1/2)x", "x/2", RIGHT),
    ("x^2/4", "x**2/4", "x", "x^(1/2)", "sqrt(x)", WRONG),
    ("3x", "3*x", "x", "d*(3x)/(d*x)", None, REFUSED),
    ("3x", "3*x", "x", "3", "3", RIGHT),
    ("abs(2x-1)", "Abs(2*x - 1)", "x", "2", "2", WRONG),
    ("abs(2x-1)", "Abs(2*x - 1)", "x", "2 sign(2x-1)", "2*sign(2*x - 1)", RIGHT),
    ("abs(2x-1)", "Abs(2*x - 1)", "x", "-2", "-2", WRONG),
    ("exp(2x)", "exp(2*x)", "x", "2e^(2x)", "2*exp(2*x)", RIGHT),
    ("exp(2x)", "exp(2*x)", "x", "e^(2x)", "exp(2*x)", WRONG),
    ("exp(2x)", "exp(2*x)", "x", "2e^2x", None, REFUSED),
    ("x*exp(x)", "x*exp(x)", "x", "e^x + x e^x", "exp(x) + x*exp(x)", RIGHT),
    ("x*exp(x)", "x*exp(x)", "x", "x e^x", "x*exp(x)", WRONG),
    ("log(x^2+1)", "log(x**2 + 1)", "x", "2x/(x^2+1)", "2*x/(x**2 + 1)", RIGHT),
    ("log(x^2+1)", "log(x**2 + 1)", "x", "1/(x^2+1)", "1/(x**2 + 1)", WRONG),
    ("sqrt(x)", "sqrt(x)", "x", "1/(2sqrt(x))", "1/(2*sqrt(x))", RIGHT),
    ("sqrt(x)", "sqrt(x)", "x", "x^(-1/2)/2", "x**(-1/2)/2", RIGHT),
    ("sqrt(x)", "sqrt(x)", "x", "1/2 x^(-1/2)", None, REFUSED),
    ("sigmoid(w*x)", "1/(1 + exp(-w*x))", "w", "x sigmoid(wx)(1 - sigmoid(wx))",
     "x*exp(-w*x)/(1 + exp(-w*x))**2", RIGHT),
    ("sigmoid(w*x)", "1/(1 + exp(-w*x))", "w", "sigmoid(wx)(1 - sigmoid(wx))",
     "exp(-w*x)/(1 + exp(-w*x))**2", WRONG),
    ("tanh(x)", "tanh(x)", "x", "1 - tanh(x)^2", "1 - tanh(x)**2", RIGHT),
    ("tanh(x)", "tanh(x)", "x", "1 + tanh(x)^2", "1 + tanh(x)**2", WRONG),
    ("(x+1)*(x-1)", "(x + 1)*(x - 1)", "x", "2x", "2*x", RIGHT),
    ("x^2*y", "x**2*y", "x", "2xy", "2*x*y", RIGHT),
    ("x^2*y", "x**2*y", "x", "2yy", "2*y**2", WRONG),
    ("x^3", "x**3", "x", "d/dx (x^3)", None, RESTATED),
    # ------------------------------------------------------------ LaTeX
    ("x^5/5 + x^4/2 + x^3/3", "x**5/5 + x**4/2 + x**3/3", "x", r"x(x+1)^{2}",
     "x*(x + 1)**2", WRONG),
    ("x^5/5 + x^4/2 + x^3/3", "x**5/5 + x**4/2 + x**3/3", "x", r"x^{2}(x+1)^{2}",
     "x**2*(x + 1)**2", RIGHT),
    ("w^3*(x - 1)^2/3", "w**3*(x - 1)**2/3", "w", r"w(x-1)^{2}", "w*(x - 1)**2", WRONG),
    ("w^3*(x - 1)^2/3", "w**3*(x - 1)**2/3", "w", r"w^{2}(x-1)^{2}", "w**2*(x - 1)**2", RIGHT),
    ("sqrt(x^2 + 1)", "sqrt(x**2 + 1)", "x", r"x(x^2+1)^{-1/2}", "x/sqrt(x**2 + 1)", RIGHT),
    ("sqrt(x^2 + 1)", "sqrt(x**2 + 1)", "x", r"\frac{x}{\sqrt{x^{2}+1}}", "x/sqrt(x**2 + 1)",
     RIGHT),
    ("sqrt(x^2 + 1)", "sqrt(x**2 + 1)", "x", r"\frac{1}{2\sqrt{x^2+1}}",
     "1/(2*sqrt(x**2 + 1))", WRONG),
    ("tanh(x)", "tanh(x)", "x", r"\operatorname{sech}^2(x)", "sech(x)**2", RIGHT),
    ("tanh(x)", "tanh(x)", "x", r"\cosh^{-2}(x)", "cosh(x)**-2", RIGHT),
    ("tanh(x)", "tanh(x)", "x", r"\operatorname{sech}(x)", "sech(x)", WRONG),
    ("x1^2*x2", "x1**2*x2", "x1", r"2x_{1}x_{2}", "2*x1*x2", RIGHT),
    ("w_1*x_1", "w1*x1", "w_1", r"x_{1}", "x1", RIGHT),
    ("w_1*x_1", "w1*x1", "w_1", r"w_{1}", "w1", WRONG),
    ("sin(x^2)", "sin(x**2)", "x", r"\frac{dy}{dx} = 2x\cos(x^{2})", "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", r"\frac{\mathrm{d}y}{\mathrm{d}x} = 2x\cos\left(x^{2}\right)",
     "2*x*cos(x**2)", RIGHT),
    ("sin(x^2)", "sin(x**2)", "x", r"f'(x) = 2x\cos(x^2)", "2*x*cos(x**2)", RIGHT),
    ("x^2/4", "x**2/4", "x", r"x^1/2", None, REFUSED),
    ("x^2/4", "x**2/4", "x", r"\frac{x}{2}", "x/2", RIGHT),
    ("x^2/4", "x**2/4", "x", r"x^{1/2}", "sqrt(x)", WRONG),
    ("sqrt(x)", "sqrt(x)", "x", r"\frac{1}{2}x^{-1/2}", "x**(-1/2)/2", RIGHT),
    ("abs(2x - 1)", "Abs(2*x - 1)", "x", r"\frac{2(2x-1)}{|2x-1|}",
     "2*(2*x - 1)/Abs(2*x - 1)", RIGHT),
    ("abs(2x - 1)", "Abs(2*x - 1)", "x", r"2", "2", WRONG),
    ("exp(-x^2)", "exp(-x**2)", "x", r"-2xe^{-x^{2}}", "-2*x*exp(-x**2)", RIGHT),
    ("exp(-x^2)", "exp(-x**2)", "x", r"2xe^{-x^2}", "2*x*exp(-x**2)", WRONG),
    ("sigmoid(w*x)", "1/(1 + exp(-w*x))", "w", r"x\sigma(wx)(1-\sigma(wx))",
     "x*exp(-w*x)/(1 + exp(-w*x))**2", RIGHT),
    ("cos(x)^2", "cos(x)**2", "x", r"-\sin(2x)", "-sin(2*x)", RIGHT),
    ("cos(x)^2", "cos(x)**2", "x", r"2\cos(x)\sin(x)", "2*cos(x)*sin(x)", WRONG),
    ("x^23", "x**23", "x", r"23x^{22}", "23*x**22", RIGHT),
    ("x^3", "x**3", "x", r"3x^{2}+1", "3*x**2 + 1", WRONG),
    ("x^3", "x**3", "x", r"\dfrac{d}{dx}(x^3)", None, RESTATED),
    ("3x", "3*x", "x", r"\frac{d(3x)}{dx}", None, RESTATED),
]

NAMES = ("x", "y", "w", "x1", "x2", "w1")


def _sympy(text: str) -> sympy.Expr:
    """SymPy's own reading of an explicit formula (every product written with *)."""
    local = {n: sympy.Symbol(n, real=True) for n in NAMES}
    return sympy.sympify(text, locals=local)


def _id(row) -> str:
    return f"{row[0]} | {row[3]}"


def test_the_table_is_large_and_mixed():
    """At least 60 answers, Python style and LaTeX, right, wrong and refused ones."""
    latex = [r for r in TABLE if "\\" in r[3] or "{" in r[3]]
    assert len(TABLE) >= 60 and len(latex) >= 25
    assert {r[5] for r in TABLE} == {RIGHT, WRONG, REFUSED, RESTATED}


@pytest.mark.parametrize("row", TABLE, ids=_id)
def test_sympy_confirms_the_verdict_decided_by_hand(row):
    """The hand verdict is SymPy's: the answer's meaning equals sympy.diff exactly or not."""
    _, problem, wrt, _, meaning, verdict = row
    if meaning is None:
        return
    truth = sympy.diff(_sympy(problem), sympy.Symbol(wrt.replace("_", ""), real=True))
    difference = sympy.simplify((truth - _sympy(meaning)).rewrite(sympy.exp))
    if isinstance(difference, sympy.Piecewise):  # equal wherever both sides are defined
        difference = sympy.Add(*{v for v, _ in difference.args if v is not sympy.nan})
    assert (difference == 0) is (verdict == RIGHT)


@pytest.mark.parametrize("row", TABLE, ids=_id)
def test_the_checker_gives_the_hand_verdict(row):
    """Right answers are right, wrong ones wrong with a counterexample, two-reading forms
    refused with both readings shown, a restated question wrong as "not an answer"."""
    typed, problem, wrt, answer, meaning, verdict = row
    if verdict == REFUSED:
        with pytest.raises(ParseError, match="can be read as|is either|ambiguous"):
            check_derivative(typed, wrt, answer)
        return
    v = check_derivative(typed, wrt, answer)
    if verdict == RESTATED:
        assert v.ok is False and v.hint == "not an answer"
        return
    assert v.ok is (verdict == RIGHT), v.message
    if verdict == WRONG:
        assert v.counterexample is not None
    names = {s.name for s in read_problem(typed, [wrt])[0].free_symbols} | {wrt}
    read = read_answer(answer, names)[0]
    assert sympy.simplify((read - _sympy(meaning)).rewrite(sympy.exp)) == 0


def test_no_wrong_answer_is_called_right():
    """The checker's promise, over the whole table at once."""
    called_right = [row for row in TABLE if row[5] != RIGHT
                    and row[5] != REFUSED and check_derivative(row[0], row[2], row[3]).ok]
    assert called_right == []


def test_a_kink_is_never_a_counterexample():
    """|2x − 1|′ with answer 2: wrong, but not "at x = 1/2", where no derivative exists."""
    v = check_derivative("abs(2x-1)", "x", "2")
    assert v.ok is False and v.counterexample.point[sympy.Symbol("x", real=True)] != \
        sympy.Rational(1, 2)


def test_readings_are_stated():
    """The problem's 4xy and the left side f'(x) = are named in the verdict, not silent."""
    v = check_derivative("2x^2 + 2y + 4xy", "y", "f'(y) = 4x + 2")
    assert str(v.reading) == ("read the problem's 2x^2 + 2y + 4xy as 2x^2 + 2y + 4·x·y, "
                              "took f'(y) = as naming the derivative")
    assert str(check_derivative("x^3", "x", "x^2/3").reading) == "read x^2/3 as (x^2)/3"


def test_a_refusal_shows_both_readings():
    """x^1/2 and 1/2x are refused with the two readings side by side."""
    with pytest.raises(ParseError, match=r"'x\^1/2' can be read as x\^\(1/2\) or as "
                                         r"\(x\^1\)/2"):
        check_derivative("x^2/4", "x", "x^1/2")
    with pytest.raises(ParseError, match=r"'1/2x' can be read as \(1/2\)·x or as 1/\(2·x\)"):
        check_derivative("x^2/4", "x", "1/2x")


def test_an_error_quotes_what_was_typed():
    """The × the reader inserts is never quoted back, nor counted in a column."""
    with pytest.raises(ParseError) as error:
        check_derivative("x^2", "x", "2x cos(x")
    assert "2x cos(x" in str(error.value) and "*" not in str(error.value)
