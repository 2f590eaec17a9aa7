"""The grammar both readers share: the names, functions and constants a formula may use, the
limits that keep hostile input cheap, and the checks of brackets, powers, names and arity.

:mod:`symgrad.parsing.python` and :mod:`symgrad.parsing.latex` read text with these;
:mod:`symgrad.parsing.core` holds the public functions that choose a reader.
"""

from __future__ import annotations

import builtins
import keyword
import re
from collections.abc import Callable

import sympy

from ..errors import said
from ..functions import elu, erf, gelu, leaky_relu, relu, sigmoid, silu, softplus

MAX_LENGTH = 10_000

MAX_LATEX_LENGTH = 1_000

MAX_DEPTH = 100

MAX_NAME_LENGTH = 64

MAX_LITERAL_DIGITS = 1_000

# An exact power whose result would exceed this many bits is refused rather than computed.
MAX_POWER_BITS = 20_000

# SymPy looks for perfect powers inside a number raised to a fraction; keep that cheap.
MAX_ROOT_BASE_BITS = 256

# name -> (SymPy function, number of arguments: a count, (least, most), or None for two or more)
FUNCTIONS: dict[str, tuple[Callable[..., sympy.Expr], int | tuple[int, int] | None]] = {
    "exp": (sympy.exp, 1),
    # log(x, b) is the logarithm to the base b.
    "log": (sympy.log, (1, 2)),
    "ln": (sympy.log, 1),
    "sqrt": (sympy.sqrt, 1),
    "abs": (sympy.Abs, 1),
    # SymPy prints |u| as Abs(u) and the bounds as Max/Min: what it prints reads back.
    "Abs": (sympy.Abs, 1),
    "sin": (sympy.sin, 1),
    "cos": (sympy.cos, 1),
    "tan": (sympy.tan, 1),
    "sec": (sympy.sec, 1),
    "csc": (sympy.csc, 1),
    "cot": (sympy.cot, 1),
    "asin": (sympy.asin, 1),
    "acos": (sympy.acos, 1),
    "atan": (sympy.atan, 1),
    "arcsin": (sympy.asin, 1),
    "arccos": (sympy.acos, 1),
    "arctan": (sympy.atan, 1),
    "sinh": (sympy.sinh, 1),
    "cosh": (sympy.cosh, 1),
    "tanh": (sympy.tanh, 1),
    "sech": (sympy.sech, 1),
    "csch": (sympy.csch, 1),
    "coth": (sympy.coth, 1),
    "asinh": (sympy.asinh, 1),
    "acosh": (sympy.acosh, 1),
    "atanh": (sympy.atanh, 1),
    "arsinh": (sympy.asinh, 1),
    "arcosh": (sympy.acosh, 1),
    "artanh": (sympy.atanh, 1),
    "sign": (sympy.sign, 1),
    "erf": (erf, 1),
    "sigmoid": (sigmoid, 1),
    "relu": (relu, 1),
    # leaky_relu(x, a): slope a for x < 0 (1/100 if not given); elu(x, α): α = 1 if not given.
    "leaky_relu": (leaky_relu, (1, 2)),
    "elu": (elu, (1, 2)),
    "softplus": (softplus, 1),
    "silu": (silu, 1),
    "swish": (silu, 1),
    "gelu": (gelu, 1),
    "max": (sympy.Max, None),
    "min": (sympy.Min, None),
    "Max": (sympy.Max, None),
    "Min": (sympy.Min, None),
}

CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}

RESERVED = {
    "pi": said("err.parsing.reserved-pi"),
    "e": said("err.parsing.reserved-e"),
    # A symbol named sigma prints as \sigma, indistinguishable from the sigmoid function σ.
    "sigma": said("err.parsing.reserved-sigma"),
}

# Names become parameters of generated NumPy code: they must not shadow what it relies on.
CODE_NAMES = frozenset(dir(builtins)) | {"np", "numpy", "math", "sympy", "sp"}

# Messages list the lower-case names; Abs, Max and Min are read too, for SymPy's output.
FUNCTION_LIST = ", ".join(name for name in FUNCTIONS if name.islower())

ALLOWED = said("err.parsing.allowed", FUNCTION_LIST)

NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")

NUMBER_RE = re.compile(r"([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")

class Reject(Exception):
    """Why a formula was refused; `parse` adds which text it was."""

def is_identifier(name: object) -> bool:
    """Whether ``name`` is a valid variable name for symgrad.

    Names are plain ASCII, ``[A-Za-z][A-Za-z0-9_]*``, at most 64 characters, with no double
    underscore, no trailing underscore, not a Python keyword, not a function or constant
    name (exp, relu, pi, e, ...), not ``sigma`` (it would print like σ), not a
    Python built-in (exec, open, ...) and not np, numpy, math, sympy or sp. Names flow into
    generated code and LaTeX, hence the strictness.

    >>> is_identifier("W1_12"), is_identifier("x__y"), is_identifier("exp"), is_identifier("σ")
    (True, False, False, False)
    """
    return name_problem(name) is None

def one_line(text: str) -> str:
    return " ".join(text.split())

def name_problem(name: object) -> str | None:
    """Why ``name`` is not a valid variable name, or None if it is."""
    if not isinstance(name, str):
        return said("err.parsing.name-as-text", type(name).__name__)
    if not name:
        return said("err.parsing.name-empty")
    if len(name) > MAX_NAME_LENGTH:
        return said("err.parsing.name-too-long", MAX_NAME_LENGTH)
    if "__" in name:
        return said("err.parsing.name-double-underscore")
    if not NAME_RE.fullmatch(name):
        return said("err.parsing.name-ascii")
    if name.endswith("_"):
        return said("err.parsing.name-trailing-underscore")
    if keyword.iskeyword(name):
        return said("err.parsing.name-keyword", name)
    if name in FUNCTIONS:
        return said("err.parsing.function-write-2", name, name)
    if name in RESERVED:
        return RESERVED[name]
    if name in CODE_NAMES:
        return said("err.parsing.name-code", name)
    return None

def check_power(base: sympy.Expr, exponent: sympy.Expr, shown: str) -> None:
    """Refuse numeric powers that are undefined or too big to compute exactly."""
    if exponent.is_Rational and not base.is_Rational and base.is_Mul:
        # SymPy multiplies a power out over a product: (2x)^n computes 2^n exactly.
        numbers = [a for a in base.args if a.is_number]
        for number in numbers:
            for r in number.atoms(sympy.Rational) if number not in (1, -1) else ():
                check_power(abs(r), exponent, shown)
        return
    if not (base.is_Rational and exponent.is_Rational):
        return
    if base == 0 and exponent < 0:
        raise Reject(said('err.parsing.divides-by-zero', shown))
    if base in (0, 1, -1):
        return
    bits = max(abs(base.p).bit_length(), base.q.bit_length())
    if bits * max(1, abs(exponent)) > MAX_POWER_BITS:
        raise Reject(said('err.parsing.too-large-compute-exactly',
                           shown, MAX_POWER_BITS, MAX_POWER_BITS * 3 // 10))
    if not exponent.is_Integer and bits > MAX_ROOT_BASE_BITS:
        raise Reject(said('err.parsing.too-large-compute-exactly-2', shown, MAX_ROOT_BASE_BITS))

def check_value(expr: sympy.Expr) -> None:
    if expr.has(sympy.zoo, sympy.nan):
        raise Reject(said('err.parsing.its-value-undefined-division'))
    if expr.has(sympy.oo, -sympy.oo):
        raise Reject(said('err.parsing.its-value-infinite'))
    if expr.has(sympy.I):
        raise Reject(said('err.parsing.its-value-not-real'))

def check_brackets(text: str) -> None:
    """Unbalanced or overly deep brackets, reported with their 1-based column."""
    closing = {")": "(", "]": "[", "}": "{"}
    stack: list[tuple[str, int]] = []
    for column, char in enumerate(text, start=1):
        if char in "([{":
            stack.append((char, column))
            if len(stack) > MAX_DEPTH:
                raise Reject(said('err.parsing.brackets-are-nested-more', MAX_DEPTH))
        elif char in closing:
            if not stack or stack[-1][0] != closing[char]:
                raise Reject(said('err.parsing.at-column-has-no', char, column, closing[char]))
            stack.pop()
    if stack:
        char, column = stack[-1]
        raise Reject(said('err.parsing.at-column-never-closed', char, column))

def closing_bracket(text: str, opening: int, pair: str) -> int | None:
    """Where the bracket ``pair[0]`` at ``opening`` closes (``pair``: "{}" or "()"), None when
    it does not.

    >>> closing_bracket("f(a(b)c)d", 1, "()"), closing_bracket("{x", 0, "{}")
    (7, None)
    """
    depth = 0
    for end in range(opening, len(text)):
        depth += (text[end] == pair[0]) - (text[end] == pair[1])
        if depth == 0:
            return end
    return None

def check_complete(text: str, operators: tuple[str, ...]) -> None:
    for op in operators:
        if text.endswith(op):
            raise Reject(said('err.parsing.expression-ends-after-expected', op))

def check_arity(name: str, arity, count: int, shown: str) -> None:
    if arity is None and count < 2:
        raise Reject(said('err.parsing.takes-two-or-more', shown, name))
    if isinstance(arity, tuple) and not arity[0] <= count <= arity[1]:
        raise Reject(said('err.parsing.takes-or-arguments-got',
                           shown, name, arity[0], arity[1], count))
    if isinstance(arity, int) and count != arity:
        raise Reject(said('err.parsing.takes-argument-got', shown, name, arity, count))

def looks_like_latex(text: str) -> bool:
    # |x| alone is read in either syntax (symgrad prints it in its text); a backslash or a
    # brace is LaTeX.
    return any(char in text for char in "\\{}") or text.startswith("$")
