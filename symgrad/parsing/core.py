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

import functools
import re
from collections.abc import Iterable
from fractions import Fraction

import sympy

from symgrad.errors import ParseError

from ..errors import said
from ..runtime.budget import describe, within_budget
from .grammar import (  # noqa: F401 - is_identifier: public here too
    MAX_LENGTH,
    MAX_POWER_BITS,
    Reject,
    check_value,
    is_identifier,
    looks_like_latex,
    name_problem,
    one_line,
)
from .latex import parse_latex
from .objects import object_problem
from .objects import quoted as short
from .python import canonical_name, parse_python

__all__ = ["check_objects", "is_identifier", "parse", "symbol", "symbols"]






# --------------------------------------------------------------------------- public API




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
        name = canonical_name(name)
    problem = name_problem(name)
    if problem is not None:
        raise ParseError(said('err.parsing.not-valid-name', short(name), problem))
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
    return len(stripped) <= DIRECT_TEXT and not looks_like_latex(stripped)


def _read(text: object, what: str) -> sympy.Expr:
    try:
        return _parse(text)
    except Reject as reason:
        raise ParseError(said('err.parsing.cannot-read', what, short(text), reason)) from None
    except ParseError:
        raise
    except (RecursionError, MemoryError):
        reason = said("err.parsing.it-nested-too-deeply")
        raise ParseError(said('err.parsing.cannot-read', what, short(text), reason)) from None
    except Exception as error:  # noqa: BLE001 - nothing from inside SymPy may escape
        reason = one_line(f"{type(error).__name__}: {error}")
        raise ParseError(said("err.parsing.cannot-read", what, short(text),
                              said("err.parsing.inside-sympy", reason))) from None


# --------------------------------------------------------------------------- shared helpers


def _parse(text: object) -> sympy.Expr:
    if isinstance(text, str):
        stripped = text.strip()
        if not stripped:
            raise Reject(said('err.parsing.it-empty-expected-formula-2'))
        if len(stripped) > MAX_LENGTH:
            raise Reject(said('err.parsing.it-characters-long-at', len(stripped), MAX_LENGTH))
        # Each syntax has its reader module; the checks they share are in grammar.py.
        if looks_like_latex(stripped):
            expr = parse_latex(stripped)
        else:
            expr = parse_python(stripped)
        check_value(expr)
        return expr
    return _from_object(text)














def _from_object(value: object) -> sympy.Expr:
    if isinstance(value, bool):
        raise Reject(said('err.parsing.true-and-false-are'))
    if isinstance(value, int):
        return sympy.Integer(value)
    if isinstance(value, Fraction):
        return sympy.Rational(value.numerator, value.denominator)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise Reject(said('err.parsing.it-not-finite-number'))
        return sympy.Rational(repr(value))
    if isinstance(value, sympy.Basic):
        return _from_sympy(value)
    raise Reject(said('err.parsing.expected-text-or-sympy', type(value).__name__))


def _from_sympy(expr: sympy.Basic) -> sympy.Expr:
    # A SymPy object is held to the rules of text: its names flow into generated code and
    # LaTeX just the same (a Function named "<python code>" or "\input{…}" is refused).
    if not isinstance(expr, sympy.Expr):
        raise Reject(said('err.parsing.expected-expression-got', type(expr).__name__))
    problem = object_problem(expr, name_problem)
    if problem is not None:
        raise Reject(problem)
    for number in expr.atoms(sympy.Rational):
        if max(abs(number.p), number.q).bit_length() > MAX_POWER_BITS:
            raise Reject(said('err.parsing.it-holds-number-more', MAX_POWER_BITS))
    check_value(expr)
    replacements = {}
    for bound in expr.atoms(sympy.Symbol) - expr.free_symbols:  # Sum's k, Lambda's x …
        problem = name_problem(bound.name)
        if problem is not None:
            raise Reject(said('err.parsing.symbol-has-invalid-name', bound.name, problem))
    for s in expr.free_symbols:
        if not isinstance(s, sympy.Symbol):
            raise Reject(said('err.parsing.not-plain-symbol', s))
        problem = name_problem(s.name)
        if problem is not None:
            raise Reject(said('err.parsing.symbol-has-invalid-name', s.name, problem))
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
        problem = object_problem(expr, name_problem)
    else:
        problem = _checked(expr)
    if problem is not None:
        raise ParseError(str(problem))


@functools.lru_cache(maxsize=256)
def _checked(expr: sympy.Basic):
    """check_objects once per expression: derive asks again for every parameter."""
    return object_problem(expr, name_problem)




