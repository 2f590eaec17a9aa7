r"""Read formulas typed by people, safely: Python-style text, a little convenience syntax, or LaTeX.

Nothing in the text is ever executed. Python-style text is only *parsed* by ``ast.parse``;
a whitelisting walk over the tree then builds the SymPy expression node by node, so a name
or a call that is not on the list below never reaches Python or SymPy's ``sympify``.

Python-style syntax accepted:

* numbers (decimal; read exactly from their text, so ``0.1`` is 1/10 and ``1e-13`` is 10^-13),
* names (see :func:`is_identifier`), which become real SymPy symbols,
* ``+ - * / **``, ``^`` for power, unary ``-`` and ``+``, parentheses,
* the functions exp, log (``log(x, b)``: to the base b), ln (= log), sqrt, abs, sin, cos, tan,
  sec, csc, cot, asin/arcsin, acos/arccos, atan/arctan, sinh, cosh, tanh, sech, csch, coth,
  asinh, acosh,
  atanh, sign, erf, sigmoid (also σ), relu, leaky_relu (``leaky_relu(x, a)``: slope a, 1/100
  if not given), elu (``elu(x, α)``, α = 1 if not given), softplus, silu (also swish), gelu,
  max and min (two or more arguments), called by name with positional arguments,
* the constants ``pi`` (π) and ``e`` (Euler's number); neither can be a variable name,
* a number directly followed by a name or ``(`` multiplies: ``2x``, ``3(x+1)``, ``0.5x``,
* the signs ``·`` and ``×`` (times), ``−`` (minus), ``²`` and ``³`` (powers).

Text containing a backslash, a brace or ``|`` (or starting with ``$``) is LaTeX and goes to
SymPy's ANTLR LaTeX parser; only a whitelist of LaTeX commands is let through, and the parsed
result is validated the same way (see :func:`parse` for the LaTeX rules).

The readers: this module holds the public functions, the names and limits, and the checks
both syntaxes share; :mod:`symgrad.parsing.python` reads Python-style text and
:mod:`symgrad.parsing.latex` reads LaTeX.

Limits that keep hostile input cheap: 10,000 characters (1,000 for LaTeX, whose parser
is slow), 100 levels of nesting, number literals of at most 1,000 digits, and exact numeric
powers of at most about 6,000 digits (``9**9**9`` is refused, not computed). Python's own
parser gives up on flat sums of a few thousand terms; those are refused too.
"""

from __future__ import annotations

import builtins
import functools
import keyword
import re
from collections.abc import Callable, Iterable
from fractions import Fraction

import sympy

from symgrad.errors import ParseError
from symgrad.functions import elu, erf, gelu, leaky_relu, relu, sigmoid, silu, softplus

from ..errors import said
from .objects import object_problem
from .objects import quoted as _short

__all__ = ["check_objects", "is_identifier", "parse", "symbol", "symbols"]

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
_FUNCTIONS: dict[str, tuple[Callable[..., sympy.Expr], int | tuple[int, int] | None]] = {
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
_CONSTANTS: dict[str, sympy.Expr] = {"pi": sympy.pi, "e": sympy.E}
_RESERVED = {
    "pi": said("err.parsing.reserved-pi"),
    "e": said("err.parsing.reserved-e"),
    # A symbol named sigma prints as \sigma, indistinguishable from the sigmoid function σ.
    "sigma": said("err.parsing.reserved-sigma"),
}
# Names become parameters of generated NumPy code: they must not shadow what it relies on.
_CODE_NAMES = frozenset(dir(builtins)) | {"np", "numpy", "math", "sympy", "sp"}
# Messages list the lower-case names; Abs, Max and Min are read too, for SymPy's output.
_FUNCTION_LIST = ", ".join(name for name in _FUNCTIONS if name.islower())
_ALLOWED = said("err.parsing.allowed", _FUNCTION_LIST)
_NAME_RE = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
_NUMBER_RE = re.compile(r"([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")


class _Reject(Exception):
    """Why a formula was refused; `parse` adds which text it was."""


# --------------------------------------------------------------------------- public API


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
    return _name_problem(name) is None


def symbol(name: str | sympy.Symbol) -> sympy.Symbol:
    """The real SymPy symbol called ``name``; raises ParseError if the name is not valid.

    >>> symbol("x1")
    x1
    >>> symbol("x1").is_real
    True
    >>> symbol("__class__")
    Traceback (most recent call last):
    ...
    symgrad.errors.ParseError: '__class__' is not a valid name: names may not contain '__'
    """
    if isinstance(name, sympy.Symbol):
        name = name.name
    if isinstance(name, str):
        from .python import canonical_name

        name = canonical_name(name)
    problem = _name_problem(name)
    if problem is not None:
        raise ParseError(said('err.parsing.not-valid-name', _short(name), problem))
    return sympy.Symbol(name, real=True)


def symbols(names: str | Iterable[str | sympy.Symbol]) -> tuple[sympy.Symbol, ...]:
    """Real symbols from ``"x1,x2,x3"``, ``"x1 x2"`` or a list of names or Symbols.

    Listing a name twice is refused, since it is almost surely a typo in a variable list.

    >>> symbols("w, b")
    (w, b)
    >>> symbols(["x1", sympy.Symbol("x2")])
    (x1, x2)
    """
    if isinstance(names, str):
        items: list[str | sympy.Symbol] = [n for n in re.split(r"[\s,]+", names) if n]
    elif isinstance(names, Iterable):
        items = list(names)
    else:
        raise ParseError(said('err.parsing.expected-names-such-as', type(names).__name__))
    if not items:
        raise ParseError(said('err.parsing.expected-at-least-one'))
    result = tuple(symbol(item) for item in items)
    seen: set[sympy.Symbol] = set()
    for s in result:
        if s in seen:
            raise ParseError(said('err.parsing.name-listed-twice', s.name))
        seen.add(s)
    return result


def parse(text: object, *, what: str = "expression") -> sympy.Expr:
    r"""Read ``text`` as a SymPy expression whose symbols are all real.

    ``text`` may be Python-style text (see the module docstring), LaTeX (any text with a
    backslash, a brace or ``|``), an int, a Fraction, a float (read from its shortest repr, so
    ``0.1`` is 1/10) or a SymPy expression, whose symbols are checked and made real.
    ``what`` names the text in error messages.

    LaTeX: ``\frac``, ``\sqrt``, ``\cdot``, ``\times``, ``\left``/``\right``, ``^{}``,
    subscripts (``x_{1}`` is ``x1``, ``w_{ij}`` is ``w_ij``), Greek letters (``\alpha`` is
    ``alpha``, ``\lambda`` is ``lamda``), ``\exp \log \ln \log_{b}``, the trigonometric and
    hyperbolic functions and their inverses (``\sin \sec \arctan \sinh \sin^{-1}`` …),
    ``\max \min``, ``\sigma(z)`` (sigmoid), ``\operatorname{relu}(z)`` (also softplus,
    leaky_relu, elu, silu, swish, gelu, erf, sgn), ``|x|``, ``\pi``, ``e`` (Euler's
    number, so ``e^{x}`` is exp(x)) and derivatives ``\frac{d}{dx}(...)``, kept unevaluated.
    A letter before parentheses multiplies: ``x(1-y)`` is x·(1 − y).
    Every other command (``\input``, ``\def``, ``\int``, ``\sum``...) is refused.

    >>> parse("2x^2 - 3x + 0.5")
    2*x**2 - 3*x + 1/2
    >>> parse(r"\frac{1}{2} x_{1}^{2} + \sigma(z)")
    x1**2/2 + sigmoid(z)
    >>> parse("x.__class__", what="the claimed answer")
    Traceback (most recent call last):
    ...
    symgrad.errors.ParseError: cannot read the claimed answer 'x.__class__': attribute access ('x.__class__') is not allowed; allowed are numbers, names, + - * / ^ **, parentheses and the functions exp, log, ln, sqrt, abs, sin, cos, tan, sec, csc, cot, asin, acos, atan, arcsin, arccos, arctan, sinh, cosh, tanh, sech, csch, coth, asinh, acosh, atanh, arsinh, arcosh, artanh, sign, erf, sigmoid, relu, leaky_relu, elu, softplus, silu, swish, gelu, max, min
    """  # noqa: E501 - a doctest's expected output is one line
    if isinstance(text, str) and not cheap_to_read(text):
        # LaTeX's parser and long text can take long (|x| bars once took minutes): read them
        # under the time budget, like the work that follows (nested budgets run directly).
        from ..runtime.budget import describe, within_budget

        return within_budget(_read, text, what, what=describe(said("err.parsing.reading"), text))
    return _read(text, what)


#: Python-style text of at most this many characters is read directly, without the budget's
#: fork: its parser is linear and every constructor it calls is bounded (about 0.1 s at most).
DIRECT_TEXT = 500


def cheap_to_read(text: str) -> bool:
    """Whether reading ``text`` is certainly quick: short Python-style text.  LaTeX (SymPy's
    ANTLR parser, slow and hard to bound) and long text are read under the time budget by
    :func:`parse`.

    >>> cheap_to_read("2x^2 - |x|"), cheap_to_read("x^{2}"), cheap_to_read("x+" * 300)
    (True, False, False)
    """
    stripped = text.strip()
    return len(stripped) <= DIRECT_TEXT and not _looks_like_latex(stripped)


def _read(text: object, what: str) -> sympy.Expr:
    try:
        return _parse(text)
    except _Reject as reason:
        raise ParseError(said('err.parsing.cannot-read', what, _short(text), reason)) from None
    except ParseError:
        raise
    except (RecursionError, MemoryError):
        reason = said("err.parsing.it-nested-too-deeply")
        raise ParseError(said('err.parsing.cannot-read', what, _short(text), reason)) from None
    except Exception as error:  # noqa: BLE001 - nothing from inside SymPy may escape
        reason = _one_line(f"{type(error).__name__}: {error}")
        raise ParseError(said("err.parsing.cannot-read", what, _short(text),
                              said("err.parsing.inside-sympy", reason))) from None


# --------------------------------------------------------------------------- shared helpers


def _parse(text: object) -> sympy.Expr:
    if isinstance(text, str):
        stripped = text.strip()
        if not stripped:
            raise _Reject(said('err.parsing.it-empty-expected-formula-2'))
        if len(stripped) > MAX_LENGTH:
            raise _Reject(said('err.parsing.it-characters-long-at', len(stripped), MAX_LENGTH))
        # Each syntax has its reader module; they import this one's shared checks.
        if _looks_like_latex(stripped):
            from .latex import _parse_latex

            expr = _parse_latex(stripped)
        else:
            from .python import _parse_python

            expr = _parse_python(stripped)
        _check_value(expr)
        return expr
    return _from_object(text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _name_problem(name: object) -> str | None:
    """Why ``name`` is not a valid variable name, or None if it is."""
    if not isinstance(name, str):
        return said("err.parsing.name-as-text", type(name).__name__)
    if not name:
        return said("err.parsing.name-empty")
    if len(name) > MAX_NAME_LENGTH:
        return said("err.parsing.name-too-long", MAX_NAME_LENGTH)
    if "__" in name:
        return said("err.parsing.name-double-underscore")
    if not _NAME_RE.fullmatch(name):
        return said("err.parsing.name-ascii")
    if name.endswith("_"):
        return said("err.parsing.name-trailing-underscore")
    if keyword.iskeyword(name):
        return said("err.parsing.name-keyword", name)
    if name in _FUNCTIONS:
        return said("err.parsing.function-write-2", name, name)
    if name in _RESERVED:
        return _RESERVED[name]
    if name in _CODE_NAMES:
        return said("err.parsing.name-code", name)
    return None


def _check_power(base: sympy.Expr, exponent: sympy.Expr, shown: str) -> None:
    """Refuse numeric powers that are undefined or too big to compute exactly."""
    if exponent.is_Rational and not base.is_Rational and base.is_Mul:
        # SymPy multiplies a power out over a product: (2x)^n computes 2^n exactly.
        numbers = [a for a in base.args if a.is_number]
        for number in numbers:
            for r in number.atoms(sympy.Rational) if number not in (1, -1) else ():
                _check_power(abs(r), exponent, shown)
        return
    if not (base.is_Rational and exponent.is_Rational):
        return
    if base == 0 and exponent < 0:
        raise _Reject(said('err.parsing.divides-by-zero', shown))
    if base in (0, 1, -1):
        return
    bits = max(abs(base.p).bit_length(), base.q.bit_length())
    if bits * max(1, abs(exponent)) > MAX_POWER_BITS:
        raise _Reject(said('err.parsing.too-large-compute-exactly',
                           shown, MAX_POWER_BITS, MAX_POWER_BITS * 3 // 10))
    if not exponent.is_Integer and bits > MAX_ROOT_BASE_BITS:
        raise _Reject(said('err.parsing.too-large-compute-exactly-2', shown, MAX_ROOT_BASE_BITS))


def _check_value(expr: sympy.Expr) -> None:
    if expr.has(sympy.zoo, sympy.nan):
        raise _Reject(said('err.parsing.its-value-undefined-division'))
    if expr.has(sympy.oo, -sympy.oo):
        raise _Reject(said('err.parsing.its-value-infinite'))
    if expr.has(sympy.I):
        raise _Reject(said('err.parsing.its-value-not-real'))


def _check_brackets(text: str) -> None:
    """Unbalanced or overly deep brackets, reported with their 1-based column."""
    closing = {")": "(", "]": "[", "}": "{"}
    stack: list[tuple[str, int]] = []
    for column, char in enumerate(text, start=1):
        if char in "([{":
            stack.append((char, column))
            if len(stack) > MAX_DEPTH:
                raise _Reject(said('err.parsing.brackets-are-nested-more', MAX_DEPTH))
        elif char in closing:
            if not stack or stack[-1][0] != closing[char]:
                raise _Reject(said('err.parsing.at-column-has-no', char, column, closing[char]))
            stack.pop()
    if stack:
        char, column = stack[-1]
        raise _Reject(said('err.parsing.at-column-never-closed', char, column))


def _check_complete(text: str, operators: tuple[str, ...]) -> None:
    for op in operators:
        if text.endswith(op):
            raise _Reject(said('err.parsing.expression-ends-after-expected', op))


def _from_object(value: object) -> sympy.Expr:
    if isinstance(value, bool):
        raise _Reject(said('err.parsing.true-and-false-are'))
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _Reject(said('err.parsing.it-not-finite-number'))
        return sympy.Rational(repr(value))
    if isinstance(value, sympy.Basic):
        return _from_sympy(value)
    raise _Reject(said('err.parsing.expected-text-or-sympy', type(value).__name__))


def _from_sympy(expr: sympy.Basic) -> sympy.Expr:
    # A SymPy object is held to the rules of text: its names flow into generated code and
    # LaTeX just the same (a Function named "<python code>" or "\input{…}" is refused).
    if not isinstance(expr, sympy.Expr):
        raise _Reject(said('err.parsing.expected-expression-got', type(expr).__name__))
    problem = object_problem(expr, _name_problem)
    if problem is not None:
        raise _Reject(problem)
    for number in expr.atoms(sympy.Rational):
        if max(abs(number.p), number.q).bit_length() > MAX_POWER_BITS:
            raise _Reject(said('err.parsing.it-holds-number-more', MAX_POWER_BITS))
    _check_value(expr)
    replacements = {}
    for bound in expr.atoms(sympy.Symbol) - expr.free_symbols:  # Sum's k, Lambda's x …
        problem = _name_problem(bound.name)
        if problem is not None:
            raise _Reject(said('err.parsing.symbol-has-invalid-name', bound.name, problem))
    for s in expr.free_symbols:
        if not isinstance(s, sympy.Symbol):
            raise _Reject(said('err.parsing.not-plain-symbol', s))
        problem = _name_problem(s.name)
        if problem is not None:
            raise _Reject(said('err.parsing.symbol-has-invalid-name', s.name, problem))
        replacements[s] = sympy.Symbol(s.name, real=True)
    return expr.xreplace(replacements)


def check_objects(expr: sympy.Basic) -> None:
    """Refuse a SymPy object that text could never produce (see :mod:`.objects`): a class that
    is not SymPy's or symgrad's own, an invalid name, a sum of more than 1,000 terms.

    >>> k, x = sympy.symbols("k x")
    >>> check_objects(x * sympy.Sum(x**k, (k, 1, 10**12)))
    Traceback (most recent call last):
    ...
    symgrad.errors.ParseError: the sum 'Sum(x**k, (k, 1, 1000000000000))' has 1,000,000,000,000 terms; symgrad takes sums and products of at most 1,000 terms (write them out, or call .doit())
    """  # noqa: E501 - a doctest's expected output is one line
    try:
        hash(expr)
    except TypeError:  # a mutable Matrix: checked every time
        problem = object_problem(expr, _name_problem)
    else:
        problem = _checked(expr)
    if problem is not None:
        raise ParseError(str(problem))


@functools.lru_cache(maxsize=256)
def _checked(expr: sympy.Basic):
    """check_objects once per expression: derive asks again for every parameter."""
    return object_problem(expr, _name_problem)


def _check_arity(name: str, arity, count: int, shown: str) -> None:
    if arity is None and count < 2:
        raise _Reject(said('err.parsing.takes-two-or-more', shown, name))
    if isinstance(arity, tuple) and not arity[0] <= count <= arity[1]:
        raise _Reject(said('err.parsing.takes-or-arguments-got',
                           shown, name, arity[0], arity[1], count))
    if isinstance(arity, int) and count != arity:
        raise _Reject(said('err.parsing.takes-argument-got', shown, name, arity, count))


def _looks_like_latex(text: str) -> bool:
    # |x| alone is read in either syntax (symgrad prints it in its text); a backslash or a
    # brace is LaTeX.
    return any(char in text for char in "\\{}") or text.startswith("$")
