"""Tests for symgrad.parsing: exact results, refusals of hostile text, and the name rules."""

from __future__ import annotations

import uuid
from fractions import Fraction
from pathlib import Path

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from sympy import Abs, Derivative, E, Max, Min, Rational, cos, exp, log, pi, sin, sqrt, tan, tanh

from symgrad.errors import ParseError
from symgrad.functions import relu, sigmoid
from symgrad.parsing.core import is_identifier, parse, symbol, symbols

x, y, z, p, w, b = (sympy.Symbol(n, real=True) for n in "xyzpwb")
x1, x2, W12, alpha = (sympy.Symbol(n, real=True) for n in ("x1", "x2", "W12", "alpha"))

PYTHON_CASES = [
    ("2*x + 1", 2 * x + 1),
    ("x**2 - 3*x", x**2 - 3 * x),
    ("x^2 + 1", x**2 + 1),
    ("-x^2", -(x**2)),
    ("2^3^2", sympy.Integer(512)),
    ("(x + 1)/(x - 1)", (x + 1) / (x - 1)),
    ("+x - -y", x + y),
    ("4x - 12", 4 * x - 12),
    ("2x^2", 2 * x**2),
    ("3(x+1)", 3 * (x + 1)),
    ("2 x", 2 * x),
    ("0.5x", x / 2),
    ("2x2", 2 * sympy.Symbol("x2", real=True)),
    ("x2", sympy.Symbol("x2", real=True)),
    ("1e5x", 100000 * x),
    ("2e", 2 * E),
    ("x·y", x * y),
    ("2×x", 2 * x),
    ("x − 1", x - 1),
    ("x² + y³", x**2 + y**3),
    ("2x²", 2 * x**2),
    ("exp(x) + log(y) + ln(z)", exp(x) + log(y) + log(z)),
    ("sqrt(x) + abs(y)", sqrt(x) + Abs(y)),
    ("sin(x) + cos(x) + tan(x) + tanh(x)", sin(x) + cos(x) + tan(x) + tanh(x)),
    ("sigmoid(z)*(1 - σ(z))", sigmoid(z) * (1 - sigmoid(z))),
    ("relu(w*x + b)", relu(w * x + b)),
    ("max(x, 0) + min(x, y, 1)", Max(x, 0) + Min(x, y, 1)),
    ("pi*x + e**x", pi * x + exp(x)),
    ("W1_12 * x", sympy.Symbol("W1_12", real=True) * x),
    ("x\n+ 1", x + 1),
    ("2**1000", sympy.Integer(2) ** 1000),
]

DECIMAL_CASES = [
    ("0.1", Rational(1, 10)),
    ("1e-13", Rational(1, 10**13)),
    ("2", sympy.Integer(2)),
    ("2.", sympy.Integer(2)),
    (".5", Rational(1, 2)),
    ("2.5e-3", Rational(1, 400)),
    ("0.1234567890123456789", Rational(1234567890123456789, 10**19)),
    ("1E3", sympy.Integer(1000)),
]

LATEX_CASES = [
    (r"\frac{1}{2} x^{2} - 3x", x**2 / 2 - 3 * x),
    ("2x^{2}-12x+20", 2 * x**2 - 12 * x + 20),
    (r"\sqrt{x}", sqrt(x)),
    (r"\sqrt[3]{x}", x ** Rational(1, 3)),
    (r"\frac{d}{dx}\left(x^{3}\right)", Derivative(x**3, x)),
    (r"\frac{\partial}{\partial x} x y", Derivative(x * y, x)),
    (r"\frac{d}{dx}\sigma(x)", Derivative(sigmoid(x), x)),
    (r"y\log(p) + (1-y)\log(1-p)", y * log(p) + (1 - y) * log(1 - p)),
    ("e^{x}", exp(x)),
    (r"\mathrm{e}^{x}", exp(x)),
    (r"\sigma(z)", sigmoid(z)),
    (r"\sigma\left(z\right)", sigmoid(z)),
    (r"\sigma(z)\left(1-\sigma(z)\right)", sigmoid(z) * (1 - sigmoid(z))),
    (r"\operatorname{relu}(z)", relu(z)),
    (r"\mathrm{ReLU}(z)", relu(z)),
    ("x_{1}^{2} + x_{2}", x1**2 + x2),
    ("W_{12} x", W12 * x),
    (r"\alpha x", alpha * x),
    (r"\lambda", sympy.Symbol("lamda", real=True)),
    ("w_{ij}", sympy.Symbol("w_ij", real=True)),
    (r"\theta_{1}", sympy.Symbol("theta1", real=True)),
    (r"\max(x, y) + \min(x, 0)", Max(x, y) + Min(x, 0)),
    (r"\exp(x) + \ln(y) + \tanh x", exp(x) + log(y) + tanh(x)),
    (r"\log_{2}(x)", log(x) / log(2)),
    (r"\left|x\right|", Abs(x)),
    ("|x| + 1", Abs(x) + 1),
    (r"x \cdot y + x \times y + x \div y", 2 * x * y + x / y),
    (r"\frac{0.1}{3}", Rational(1, 30)),
    ("{0.5}x", x / 2),
    ("{x(1-y)}", x * (1 - y)),
    (r"2x\left(x-1\right)", 2 * x * (x - 1)),
    (r"\pi x", pi * x),
    ("$x^{2}$", x**2),
    (r"\left(x\right)", x),
    ("σ(z) + {x}²", sigmoid(z) + x**2),
]


@pytest.mark.parametrize(("text", "expected"), PYTHON_CASES)
def test_python_syntax(text, expected):
    """Python-style text with ^, products implied after numbers and unicode signs reads exactly."""
    assert parse(text) == expected


@pytest.mark.parametrize(("text", "expected"), DECIMAL_CASES)
def test_decimals_are_exact(text, expected):
    """A number literal is read exactly from its digits, never through a binary float."""
    result = parse(text)
    assert result == expected
    assert isinstance(result, sympy.Rational)


def test_tiny_decimal_is_not_lost():
    """A tiny added constant survives, so it can be told apart from the expression without it."""
    assert parse("3*x**2 + 1e-13") != 3 * x**2


@pytest.mark.parametrize(("text", "expected"), LATEX_CASES)
def test_latex(text, expected):
    """LaTeX input reads to the expected expression with real, identifier-named symbols."""
    assert parse(text) == expected


def test_symbols_are_real():
    """Every symbol in a parsed expression is the real Symbol of its name."""
    for text in ("x + y", r"\frac{x_{1}}{y}"):
        assert all(s.is_real for s in parse(text).free_symbols)


def test_derivative_stays_unevaluated():
    """A LaTeX derivative is kept as a Derivative object, for a later checker to evaluate."""
    result = parse(r"\frac{d}{dx}\left(x^{3}\right)")
    assert isinstance(result, Derivative)
    assert result.doit() == 3 * x**2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, sympy.Integer(3)),
        (Fraction(1, 3), Rational(1, 3)),
        (0.1, Rational(1, 10)),
        (sympy.Symbol("x") ** 2, x**2),
        (sympy.Symbol("q", positive=True) + 1, sympy.Symbol("q", real=True) + 1),
    ],
)
def test_non_text_input(value, expected):
    """Numbers and SymPy expressions are accepted, with every symbol replaced by the real one."""
    result = parse(value)
    assert result == expected
    assert all(s.is_real for s in result.free_symbols)


@pytest.mark.parametrize(
    "value",
    [sympy.Symbol("__x"), sympy.Symbol("e") + 1, sympy.Eq(x, 1), True, None, [1], float("nan")],
)
def test_bad_non_text_input(value):
    """SymPy objects with invalid names, non-expressions and other types raise ParseError."""
    with pytest.raises(ParseError):
        parse(value)


def test_code_injection_does_not_run():
    """An os.system payload is refused before anything runs, so its marker file never appears."""
    marker = Path("/tmp") / f"PWNED_{uuid.uuid4().hex}"
    payloads = [
        f"__import__('os').system('touch {marker}')",
        f"2x + __import__('os').system('touch {marker}')",
        f"(lambda: __import__('os').system('touch {marker}'))()",
        f"[__import__('os').system('touch {marker}') for _ in '1']",
    ]
    for payload in payloads:
        with pytest.raises(ParseError):
            parse(payload)
    assert not marker.exists()


HOSTILE = [
    "().__class__.__bases__[0].__subclasses__()",
    "x.__class__",
    "lambda: 1",
    "[x for x in y]",
    '"a"',
    "b'a'",
    "open('f')",
    "eval('1')",
    "exec",
    "getattr(x, 'y')",
    "x if y else z",
    "x < y",
    "x == y",
    "x and y",
    "not x",
    "~x",
    "x % 2",
    "x // 2",
    "x @ y",
    "f(x=1)",
    "exp(x=1)",
    "exp(*x)",
    "(y := 1)",
    "f'{x}'",
    "x[0]",
    "x, y",
    "True",
    "None",
    "...",
    "x(1)",
    "(x+1)(x-1)",
    "sin(x)(y)",
    "exp(x, y)",
    "max(x)",
    "exp + 1",
    "σ + 1",
    "sigma",
    "pi(x)",
    "x # comment",
    "x__y",
    "_x",
    "x_",
    "é + 1",
    "ｘ",
    "ℌ",
    "9**9**9",
    "10**100000",
    "(10**1000)**1000",
    "1e99999999",
    "1" * 2000,
    "1/0",
    "x/0",
    "0**-1",
    "1/(1-1)",
    "log(0)",
    "sqrt(-1)",
    "(" * 5000 + "x" + ")" * 5000,
    "-" * 300 + "x",
    "x**" * 150 + "x",
    "x+" * 4999 + "x",
    "",
    "   \n\t",
    "x" * 20000,
    "2x -",
    "x +",
    "x^",
    "(x",
    "x)",
    "x y",
    r"\input{/etc/passwd}",
    r"\write18{ls}",
    r"\def\x{}",
    r"\def\x{1}",
    r"\frac{1}{0}",
    r"\int x dx",
    r"\sum_{i=1}^{n} i",
    r"\lim_{x \to 0} x",
    r"\infty",
    "{x = 1}",
    "{x!}",
    r"\sigma",
    r"\sigma^{2}",
    r"\frac{1}{2} exp(x)",
    "{f(x, y)}",
    r"\frac{d^{2}}{dx^{2}} x^{3}",
    "{1e5}",
    "{2 3}",
    "{1,000x}",
    r"\frac{1}{",
    r"\frac{1}{2} x^{2} -",
    "x^{" * 150 + "x" + "}" * 150,
    "{" + "x+" * 600 + "x}",
    "\\",
    r"x \\ y",
    r"\operatorname{foo}(x)",
    r"\mathbf{x}",
    "x_{a_{b}}",
    "{x'}",
    r"\alpha€",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_refused(text):
    """Disallowed, malformed, undefined or oversized input raises ParseError, quickly."""
    with pytest.raises(ParseError):
        parse(text)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("2x -", "the expression ends after '-'; expected a term after it"),
        ("x.__class__", "attribute access ('x.__class__') is not allowed"),
        ("exp + 1", "exp is a function; write exp(...)"),
        ("open('f')", "'open' is not a function I know"),
        ("(x", "'(' at column 1 is never closed"),
        ("1/0", "divides by zero"),
        ("", "empty"),
        (r"\input{/etc/passwd}", r"\input is not supported"),
        (r"\frac{1}{2} exp(x)", r"write \exp(...)"),
    ],
)
def test_error_messages(text, fragment):
    """Error messages are one line and say what was wrong and what is expected."""
    with pytest.raises(ParseError) as info:
        parse(text, what="the claimed answer")
    message = str(info.value)
    assert message.startswith("cannot read the claimed answer")
    assert fragment in message
    assert "\n" not in message


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("xyz0123456789.e+-*/^()_, ²σ{}|\\")),
        max_size=30,
    )
    | st.lists(
        st.sampled_from(
            r"x 2 0.5 + - * / ^ ** ( ) { } \frac \sqrt \sigma exp log , _ e 1e5 \left( \right)"
            r" max __ . ' [ ] = 0 | \cdot σ ²".split()
            + [" "]
        ),
        max_size=15,
    ).map("".join)
)
def test_never_raises_anything_but_parse_error(text):
    """For any text, parse returns a SymPy expression or raises ParseError, nothing else."""
    try:
        result = parse(text)
    except ParseError:
        return
    assert isinstance(result, sympy.Expr)


@pytest.mark.parametrize("name", ["x", "x1", "W1_12", "alpha", "lamda", "Sigma", "a" * 64])
def test_symbol_accepts(name):
    """symbol() returns the real Symbol for a valid name."""
    assert symbol(name) == sympy.Symbol(name, real=True)
    assert is_identifier(name)


@pytest.mark.parametrize(
    "name",
    [
        "__class__",
        "1x",
        "a.b",
        "\\alpha",
        "x y",
        "",
        "x__y",
        "_x",
        "x_",
        "lambda",
        "exp",
        "relu",
        "pi",
        "e",
        "sigma",
        "exec",
        "np",
        "σ",
        "é",
        "a" * 65,
        3,
        None,
    ],
)
def test_symbol_rejects(name):
    """symbol() raises ParseError for anything that is not a strict ASCII identifier."""
    with pytest.raises(ParseError):
        symbol(name)
    assert not is_identifier(name)


def test_symbols_forms():
    """symbols() accepts comma- or space-separated text and lists of names or Symbols."""
    expected = (x1, x2, sympy.Symbol("x3", real=True))
    assert symbols("x1,x2,x3") == expected
    assert symbols("x1 x2, x3") == expected
    assert symbols(["x1", sympy.Symbol("x2"), "x3"]) == expected


@pytest.mark.parametrize("names", ["", "x, x", ["x", "1x"], 5])
def test_symbols_rejects(names):
    """symbols() refuses empty lists, duplicates, invalid names and non-lists."""
    with pytest.raises(ParseError):
        symbols(names)


def test_what_sympy_prints_reads_back():
    """Abs, Max and Min, as SymPy prints them, are read like abs, max and min."""
    from symgrad import parse as read

    f, y = sympy.symbols("f y", real=True)
    assert read("Abs(f - y)") == sympy.Abs(f - y)
    assert read("Max(f, y) + Min(f, 0)") == sympy.Max(f, y) + sympy.Min(f, 0)


@pytest.mark.parametrize("text", ["2x cos(x^2)", "x sigmoid(w*x)", "(x+1) y"])
def test_factors_side_by_side_get_a_hint(text):
    """A product written as on paper is refused with a hint to write * (never guessed)."""
    with pytest.raises(ParseError, match=r"write \* between factors"):
        parse(text)
