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

Limits that keep hostile input cheap: 10,000 characters (1,000 for LaTeX, whose parser
is slow), 100 levels of nesting, number literals of at most 1,000 digits, and exact numeric
powers of at most about 6,000 digits (``9**9**9`` is refused, not computed). Python's own
parser gives up on flat sums of a few thousand terms; those are refused too.
"""

from __future__ import annotations

import ast
import builtins
import keyword
import re
from collections.abc import Callable, Iterable
from fractions import Fraction

import sympy
from sympy.core.function import AppliedUndef

from symgrad.errors import ParseError
from symgrad.functions import elu, erf, gelu, leaky_relu, relu, sigmoid, silu, softplus

from .errors import said

__all__ = ["is_identifier", "parse", "symbol", "symbols"]

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
        if _looks_like_latex(stripped):
            expr = _parse_latex(stripped)
        else:
            expr = _parse_python(stripped)
        _check_value(expr)
        return expr
    return _from_object(text)


def _short(value: object, limit: int = 60) -> str:
    if isinstance(value, str):
        text = value
    elif isinstance(value, sympy.Basic):
        try:
            text = sympy.sstr(value)
        except ValueError:  # an integer too long for Python to print
            text = f"a {type(value).__name__} too large to print"
    else:
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    # Quoted as typed: repr would show \frac as \\frac (line breaks stay escaped).
    return repr(text).replace("\\\\", "\\")


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
    for applied in expr.atoms(AppliedUndef):
        problem = _name_problem(applied.func.__name__)
        if problem is not None:
            raise _Reject(said('err.parsing.function-has-invalid-name',
                               _short(applied.func.__name__), problem))
    for number in expr.atoms(sympy.Rational):
        if max(abs(number.p), number.q).bit_length() > MAX_POWER_BITS:
            raise _Reject(said('err.parsing.it-holds-number-more', MAX_POWER_BITS))
    _check_value(expr)
    replacements = {}
    for s in expr.free_symbols:
        if not isinstance(s, sympy.Symbol):
            raise _Reject(said('err.parsing.not-plain-symbol', s))
        problem = _name_problem(s.name)
        if problem is not None:
            raise _Reject(said('err.parsing.symbol-has-invalid-name', s.name, problem))
        replacements[s] = sympy.Symbol(s.name, real=True)
    return expr.xreplace(replacements)


def _looks_like_latex(text: str) -> bool:
    # | is not Python for anything allowed, so |x| is taken as LaTeX's absolute value.
    return any(char in text for char in "\\{}|") or text.startswith("$")


# --------------------------------------------------------------------------- Python-style text

_TOKEN_RE = re.compile(
    r"(?P<space>\s+)"
    r"|(?P<number>(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)"
    r"|(?P<name>[^\W\d²³](?:(?![²³])\w)*)"
    r"|(?P<power>\*\*|\^)"
    r"|(?P<other>.)",
    re.DOTALL,
)
# Convenience signs and their Python spelling.
_UNICODE_SIGNS = {"·": "*", "×": "*", "−": "-", "²": "**2", "³": "**3"}
_TRAILING_OPERATORS = ("**", "+", "-", "*", "/", "^", "·", "×", "−")


def _rewrite(text: str) -> tuple[str, list[int]]:
    """Python-syntax text for ``text`` plus, per output character, its index in ``text``.

    Inserts ``*`` after a number followed by a name or ``(``, spells ``^`` and the unicode
    signs the Python way, and refuses characters Python would treat specially or normalise.
    """
    out: list[str] = []
    origin: list[int] = []

    def emit(piece: str, index: int, verbatim: bool = True) -> None:
        # A verbatim piece maps char by char; a replacement maps wholly to its source char.
        out.append(piece)
        origin.extend(range(index, index + len(piece)) if verbatim else [index] * len(piece))

    after_number = False
    for match in _TOKEN_RE.finditer(text):
        kind, piece, start = match.lastgroup, match.group(), match.start()
        if kind == "space":
            emit(" ", start)
            continue
        if after_number and (kind == "name" or piece == "("):
            emit("*", start, verbatim=False)
        after_number = kind == "number"
        if kind == "name":
            rewritten = _rewrite_name(piece, start)
            emit(rewritten, start, verbatim=rewritten == piece)
        elif kind == "power":
            emit("**", start, verbatim=piece == "**")
        elif piece in _UNICODE_SIGNS:
            emit(_UNICODE_SIGNS[piece], start, verbatim=False)
        elif piece == "#" or not (piece.isascii() and piece.isprintable()):
            raise _Reject(said('err.parsing.unexpected-character-at-column', piece, start + 1))
        else:
            emit(piece, start)
    return "".join(out), origin


def _rewrite_name(name: str, start: int) -> str:
    if name == "σ":
        return "sigmoid"
    # Python would NFKC-normalise other letters into ASCII look-alikes; refuse them here.
    if not name.isascii():
        raise _Reject(
            said('err.parsing.name-at-column-not', name, start + 1)
        )
    return name


# Two factors side by side, "x cos(x)" or "(x+1) y": most likely a product written as on paper.
_JUXTAPOSED = re.compile(r"[A-Za-z0-9_)]\s+[A-Za-z(]")


def _parse_python(text: str) -> sympy.Expr:
    _check_brackets(text)
    _check_complete(text, _TRAILING_OPERATORS)
    source, origin = _rewrite(text)
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as error:
        column = origin[min(max((error.offset or 1) - 1, 0), len(origin) - 1)] + 1
        hint = ""
        if _JUXTAPOSED.search(text):
            hint = "; write * between factors (a product is implicit only after a number: 2x)"
        raise _Reject(
            said('err.parsing.it-not-formula-i', column, error.msg, hint)
        ) from None
    except (RecursionError, MemoryError, ValueError):
        raise _Reject(said('err.parsing.it-nested-too-deeply')) from None
    return _PythonBuilder(text, source, origin).build(tree.body, 0)


class _PythonBuilder:
    """Builds a SymPy expression from a whitelisted subset of Python's syntax tree."""

    _DESCRIPTIONS = {
        ast.Attribute: "attribute access",
        ast.Subscript: "indexing",
        ast.Lambda: "lambda",
        ast.ListComp: "a comprehension",
        ast.SetComp: "a comprehension",
        ast.DictComp: "a comprehension",
        ast.GeneratorExp: "a comprehension",
        ast.Compare: "a comparison",
        ast.BoolOp: "'and'/'or'",
        ast.IfExp: "a conditional expression",
        ast.NamedExpr: "assignment",
        ast.JoinedStr: "an f-string",
        ast.List: "a list",
        ast.Tuple: "a tuple",
        ast.Dict: "a dict",
        ast.Set: "a set",
        ast.Starred: "unpacking",
        ast.Await: "await",
    }

    def __init__(self, text: str, source: str, origin: list[int]):
        self.text = text
        self.source = source
        self.origin = origin

    def segment(self, node: ast.AST) -> str:
        """The original text of ``node``, quoted and shortened."""
        start = self.origin[node.col_offset]
        end = self.origin[max(node.end_col_offset - 1, node.col_offset)] + 1
        return _short(self.text[start:end], 40)

    def build(self, node: ast.expr, depth: int) -> sympy.Expr:
        if depth > MAX_DEPTH:
            raise _Reject(said('err.parsing.it-nested-more-than', MAX_DEPTH))
        if isinstance(node, ast.BinOp):
            return self.binary(node, depth)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            operand = self.build(node.operand, depth + 1)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.Call):
            return self.call(node, depth)
        what = self._DESCRIPTIONS.get(type(node), "this construct")
        raise _Reject(said('err.parsing.not-allowed', what, self.segment(node), _ALLOWED))

    def binary(self, node: ast.BinOp, depth: int) -> sympy.Expr:
        if isinstance(node.op, (ast.Add, ast.Sub)):
            return self.chain(node, depth, (ast.Add, ast.Sub))
        if isinstance(node.op, (ast.Mult, ast.Div)):
            return self.chain(node, depth, (ast.Mult, ast.Div))
        if isinstance(node.op, (ast.Pow, ast.BitXor)):
            base = self.build(node.left, depth + 1)
            exponent = self.build(node.right, depth + 1)
            _check_power(base, exponent, self.segment(node))
            return sympy.Pow(base, exponent)
        raise _Reject(said('err.parsing.operator-in-not-allowed', self.segment(node), _ALLOWED))

    def chain(self, node: ast.expr, depth: int, ops: tuple[type, ...]) -> sympy.Expr:
        """A left-leaning run like a - b + c, walked as a loop so long sums are not deep."""
        parts: list[sympy.Expr] = []
        while isinstance(node, ast.BinOp) and isinstance(node.op, ops):
            right = self.build(node.right, depth + 1)
            if isinstance(node.op, ast.Sub):
                right = -right
            elif isinstance(node.op, ast.Div):
                if right == 0:
                    raise _Reject(said('err.parsing.divides-by-zero', self.segment(node)))
                right = sympy.Pow(right, -1)
            parts.append(right)
            node = node.left
        parts.append(self.build(node, depth + 1))
        parts.reverse()
        return sympy.Add(*parts) if ops[0] is ast.Add else sympy.Mul(*parts)

    def number(self, node: ast.Constant) -> sympy.Expr:
        if type(node.value) not in (int, float):
            raise _Reject(said('err.parsing.not-number-or-name', self.segment(node), _ALLOWED))
        # The rewritten text, so that x² reads its exponent from the "2" it became.
        return _exact_number(self.source[node.col_offset : node.end_col_offset])

    def name(self, node: ast.Name) -> sympy.Expr:
        if node.id in _CONSTANTS:
            return _CONSTANTS[node.id]
        if node.id in _FUNCTIONS:
            shown = self.segment(node).strip("'")
            raise _Reject(said('err.parsing.function-write-2', shown, shown))
        problem = _name_problem(node.id)
        if problem is not None:
            raise _Reject(said('err.parsing.not-allowed-name', self.segment(node), problem))
        return sympy.Symbol(node.id, real=True)

    def call(self, node: ast.Call, depth: int) -> sympy.Expr:
        func = node.func
        if not isinstance(func, ast.Name):
            raise _Reject(
                said('err.parsing.calls-something-that-not', self.segment(node))
            )
        if func.id not in _FUNCTIONS and is_identifier(func.id):
            raise _Reject(
                said('err.parsing.not-function-i-know-2',
                     self.segment(func), func.id, _FUNCTION_LIST)
            )
        if func.id not in _FUNCTIONS:
            raise _Reject(
                said('err.parsing.not-function-i-know-3', self.segment(func), _FUNCTION_LIST)
            )
        if node.keywords or any(isinstance(arg, ast.Starred) for arg in node.args):
            raise _Reject(said('err.parsing.functions-take-plain-positional', self.segment(node)))
        function, arity = _FUNCTIONS[func.id]
        _check_arity(func.id, arity, len(node.args), self.segment(node))
        return function(*(self.build(arg, depth + 1) for arg in node.args))


def _check_arity(name: str, arity, count: int, shown: str) -> None:
    if arity is None and count < 2:
        raise _Reject(said('err.parsing.takes-two-or-more', shown, name))
    if isinstance(arity, tuple) and not arity[0] <= count <= arity[1]:
        raise _Reject(said('err.parsing.takes-or-arguments-got',
                           shown, name, arity[0], arity[1], count))
    if isinstance(arity, int) and count != arity:
        raise _Reject(said('err.parsing.takes-argument-got', shown, name, arity, count))


def _exact_number(literal: str) -> sympy.Rational:
    """The exact value of a decimal literal, computed from its digits (never via float)."""
    match = _NUMBER_RE.fullmatch(literal)
    if match is None or not (match.group(1) or match.group(2)):
        raise _Reject(said('err.parsing.not-decimal-number', literal))
    whole, fraction, exponent_text = match.group(1), match.group(2) or "", match.group(3)
    digits = whole + fraction
    if len(digits) > MAX_LITERAL_DIGITS or (exponent_text and len(exponent_text) > 5):
        raise _Reject(said('err.parsing.number-has-too-many', _short(literal, 30)))
    exponent = int(exponent_text or 0) - len(fraction)
    if abs(exponent) > MAX_LITERAL_DIGITS:
        raise _Reject(said('err.parsing.number-too-large-or', _short(literal, 30)))
    value = Fraction(int(digits)) * Fraction(10) ** exponent
    return sympy.Rational(value.numerator, value.denominator)


# --------------------------------------------------------------------------- LaTeX

_GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "tau", "upsilon", "phi",
    "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma",
    "Upsilon", "Phi", "Psi", "Omega",
}  # fmt: skip
# Functions ANTLR knows by their LaTeX command (\sinh, \arctan, \log_{2}, ...).
_LATEX_KNOWN = {
    "exp", "log", "ln", "sin", "cos", "tan", "sec", "csc", "cot", "arcsin", "arccos", "arctan",
    "sinh", "cosh", "tanh", "arsinh", "arcosh", "artanh", "max", "min",
}  # fmt: skip
# Functions ANTLR reads as an undefined function \name(...): name -> (shown, function, arity).
_LATEX_NAMED = {
    "sigma": ("sigmoid", sigmoid, 1), "relu": ("relu", relu, 1),
    "max": ("max", sympy.Max, None), "min": ("min", sympy.Min, None),
    "arcsinh": ("asinh", sympy.asinh, 1), "arccosh": ("acosh", sympy.acosh, 1),
    "arctanh": ("atanh", sympy.atanh, 1), "asinh": ("asinh", sympy.asinh, 1),
    "acosh": ("acosh", sympy.acosh, 1), "atanh": ("atanh", sympy.atanh, 1),
    "asin": ("asin", sympy.asin, 1), "acos": ("acos", sympy.acos, 1),
    "atan": ("atan", sympy.atan, 1), "sgn": ("sign", sympy.sign, 1),
    "sign": ("sign", sympy.sign, 1), "erf": ("erf", erf, 1),
    "softplus": ("softplus", softplus, 1), "leakyrelu": ("leaky_relu", leaky_relu, (1, 2)),
    "elu": ("elu", elu, (1, 2)), "silu": ("silu", silu, 1), "swish": ("silu", silu, 1),
    "gelu": ("gelu", gelu, 1), "sech": ("sech", sympy.sech, 1),
    "csch": ("csch", sympy.csch, 1), "coth": ("coth", sympy.coth, 1),
}  # fmt: skip
_LATEX_COMMANDS = _GREEK | _LATEX_KNOWN | set(_LATEX_NAMED) | {
    "frac", "dfrac", "tfrac", "sqrt", "cdot", "times", "div", "partial", "pi",
}  # fmt: skip
# Greek names that are not valid identifiers get SymPy's usual spelling.
_GREEK_RENAMES = {"lambda": "lamda"}
_LATEX_UNICODE = {"−": "-", "·": r" \cdot ", "×": r" \times ", "²": "^{2}", "³": "^{3}"}
_LATEX_TRAILING = ("+", "-", "*", "/", "^", "_", r"\cdot", r"\times", r"\div")
_TEXT_FUNCTION_RE = re.compile(
    r"\\(?:operatorname|mathrm|text|textrm|mathit)\s*\{\s*([A-Za-z]*(?:\\?_[A-Za-z]+)*)\s*\}"
)
# Function names that ANTLR would read as a product of letters when written without \.
_BARE_FUNCTIONS = sorted(
    {"exp", "log", "ln", "sqrt", "abs", "sin", "cos", "tan", "sec", "csc", "cot", "relu",
     "max", "min", "sigmoid", "erf", "sign", "sgn", "softplus", "elu", "silu", "swish", "gelu",
     "sinh", "cosh", "tanh", "sech", "csch", "coth", "arcsin", "arccos", "arctan", "arsinh",
     "arcosh", "artanh",
     "asin", "acos", "atan"},
    key=len, reverse=True)
_LATEX_NAME_RE = re.compile(r"([A-Za-z]+)(?:_\{([^{}]*)\})?")
# Decimal literals as the ANTLR grammar reads them, so Floats can be mapped back exactly.
_LATEX_DECIMAL_RE = re.compile(r"[0-9]*\.[0-9]+")


def _parse_latex(text: str) -> sympy.Expr:
    prepared = _prepare_latex(text)
    try:
        from sympy.parsing.latex import LaTeXParsingError, parse_latex
    except ImportError:  # pragma: no cover - depends on the installation
        raise _Reject(said('err.parsing.reading-latex-needs-antlr')) from None
    try:
        tree = parse_latex(prepared, backend="antlr", strict=True)
    except LaTeXParsingError as error:
        raise _Reject(_latex_error_message(str(error), prepared)) from None
    except ImportError:  # pragma: no cover - depends on the installation
        raise _Reject(said('err.parsing.reading-latex-needs-antlr')) from None
    except RecursionError:
        raise _Reject(said('err.parsing.latex-nested-too-deeply')) from None
    except Exception as error:  # noqa: BLE001 - the ANTLR runtime raises its own types
        raise _Reject(said('err.parsing.latex-parser-failed', type(error).__name__)) from None
    decimals = {sympy.Number(d): sympy.Rational(d) for d in _LATEX_DECIMAL_RE.findall(prepared)}
    return _LatexBuilder(decimals).build(tree, 0)


def _prepare_latex(text: str) -> str:
    """Text for SymPy's parser: conveniences spelled out and every command whitelisted."""
    text = re.sub(r"^\$+|\$+$", "", text).strip()
    if not text:
        raise _Reject(said('err.parsing.it-empty-expected-formula'))
    if len(text) > MAX_LATEX_LENGTH:
        raise _Reject(said('err.parsing.latex-input-limited-characters', MAX_LATEX_LENGTH))
    for sign, spelled in _LATEX_UNICODE.items():
        text = text.replace(sign, spelled)
    text = text.replace("σ", r"\sigma ")
    if not text.isascii():
        bad = next(char for char in text if not char.isascii())
        raise _Reject(said('err.parsing.unexpected-character-latex-input', bad))
    text = _TEXT_FUNCTION_RE.sub(_text_function, text)
    # ANTLR's grammar rejects a leading \left( ... \right); plain brackets mean the same.
    text = re.sub(r"\\(?:left|right)(?![A-Za-z])", "", text)
    text = re.sub(r"\\[,;:!]|\\q?quad(?![A-Za-z])", " ", text).strip()
    text = _unbrace_calls(text)
    for match in re.finditer(r"\\([A-Za-z]+|.?)", text, re.DOTALL):
        if match.group(1) not in _LATEX_COMMANDS:
            raise _Reject(
                said('err.parsing.latex-command-not-supported', match.group(1))
            )
    _refuse_misread_numbers(text)
    _refuse_bare_functions(text)
    _check_brackets(text)
    _check_complete(text, _LATEX_TRAILING)
    return text


_NAMED_CALL_RE = re.compile(r"\\([A-Za-z]+)\s*\{")


def _unbrace_calls(text: str) -> str:
    r"""``\erf{(x)}`` (how SymPy prints a function) as ``\erf(x)``, which ANTLR reads as a call."""
    start = 0
    while True:
        match = _NAMED_CALL_RE.search(text, start)
        if match is None:
            return text
        start = match.end()
        if match.group(1) not in _LATEX_NAMED:
            continue
        opening, depth = match.end() - 1, 0
        for end in range(opening, len(text)):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            if depth == 0:
                break
        else:
            return text  # unbalanced: the bracket check reports it
        inner = text[opening + 1 : end].strip()
        if inner.startswith("(") and inner.endswith(")"):
            text = text[:opening] + inner + text[end + 1 :]


def _text_function(match: re.Match[str]) -> str:
    name = match.group(1).replace("\\", "")
    if name.lower() == "relu":
        return r"\relu "
    if name == "sigmoid":
        return r"\sigma "
    if name.replace("_", "").lower() == "leakyrelu":
        return r"\leakyrelu "
    if name in _LATEX_COMMANDS - _GREEK:
        return f"\\{name} "
    if len(name) == 1:
        return name
    raise _Reject(said('err.parsing.not-function-i-know', match.group(), _ALLOWED))


def _refuse_bare_functions(text: str) -> None:
    """Function names without a backslash, which ANTLR reads as products of letters."""
    for run in re.finditer(r"\\?[A-Za-z]+", text):
        if run.group().startswith("\\"):
            continue
        name = next((f for f in _BARE_FUNCTIONS if f in run.group()), None)
        if name is None:
            continue
        raise _Reject(
            said('err.parsing.in-latex-without-backslash', name, _latex_spelling(name))
        )


def _latex_spelling(name: str) -> str:
    if name == "sigmoid":
        return r"\sigma"
    if name in _LATEX_KNOWN:
        return "\\" + name
    return rf"\operatorname{{{name}}}"


def _refuse_misread_numbers(text: str) -> None:
    """Numbers the ANTLR grammar would silently misread."""
    if re.search(r"(?<![A-Za-z_])[0-9.]+[eE][+-]?[0-9]", text):
        raise _Reject(said('err.parsing.e-notation-not-latex'))
    if re.search(r"[0-9]\s+[0-9]", text):
        raise _Reject(said('err.parsing.two-numbers-in-row'))
    if re.search(r"[0-9],[0-9]{3}", text):
        raise _Reject(said('err.parsing.write-numbers-without-thousands'))


def _latex_error_message(message: str, prepared: str) -> str:
    lines = message.splitlines()
    first = lines[0] if lines else "invalid LaTeX"
    if first == "Invalid LaTeX":
        return "it is not one complete LaTeX formula (unbalanced or left-over symbols?)"
    if len(lines) >= 3 and "^" in lines[-1]:
        column = lines[-1].index("^")
        if column >= len(prepared):
            return f"the LaTeX ends too early ({first})"
        return f"LaTeX syntax error near {_short(prepared[column : column + 12], 20)} ({first})"
    return f"LaTeX syntax error ({_one_line(first)})"


class _LatexBuilder:
    """Validates the tree from SymPy's LaTeX parser and rebuilds it with real symbols."""

    _SIMPLE = (sympy.exp, sympy.Abs, sympy.sin, sympy.cos, sympy.tan, sympy.sec, sympy.csc,
               sympy.cot, sympy.asin, sympy.acos, sympy.atan, sympy.sinh, sympy.cosh,
               sympy.tanh, sympy.asinh, sympy.acosh, sympy.atanh, sigmoid, relu)
    _NAMED = _LATEX_NAMED

    def __init__(self, decimals: dict[sympy.Expr, sympy.Rational]):
        self.decimals = decimals

    def build(self, expr: sympy.Basic, depth: int) -> sympy.Expr:
        if depth > MAX_DEPTH:
            raise _Reject(said('err.parsing.it-nested-more-than', MAX_DEPTH))
        if isinstance(expr, sympy.Float):
            exact = self.decimals.get(expr)
            return exact if exact is not None else sympy.Rational(str(expr))
        if expr.is_Rational or expr in (sympy.E, sympy.pi):
            return expr
        if isinstance(expr, sympy.Symbol):
            return _latex_symbol(expr.name)
        if isinstance(expr, (sympy.Add, sympy.Mul)):
            return expr.func(*(self.build(arg, depth + 1) for arg in _flat_args(expr)))
        if isinstance(expr, sympy.Pow):
            base, exponent = (self.build(arg, depth + 1) for arg in expr.args)
            _check_power(base, exponent, _short(sympy.sstr(expr), 40))
            return sympy.Pow(base, exponent)
        if isinstance(expr, (sympy.log, *self._SIMPLE)):
            return expr.func(*(self.build(arg, depth + 1) for arg in expr.args))
        if isinstance(expr, AppliedUndef):
            return self.applied(expr, depth)
        if isinstance(expr, sympy.Derivative):
            return self.derivative(expr, depth)
        raise _Reject(
            said('err.parsing.not-supported-and-derivatives',
                 _describe_latex(expr), _short(sympy.sstr(expr), 40), _ALLOWED)
        )

    def applied(self, expr: AppliedUndef, depth: int) -> sympy.Expr:
        name = expr.func.__name__
        args = [self.build(arg, depth + 1) for arg in expr.args]
        if name in self._NAMED:
            shown, function, arity = self._NAMED[name]
            _check_arity(shown, arity, len(args), _short(sympy.sstr(expr), 40))
            return function(*args)
        # ANTLR reads a letter before parentheses as a call: x(1-y) means x*(1-y) here.
        if len(args) == 1:
            return sympy.Mul(_latex_symbol(name), args[0])
        raise _Reject(said('err.parsing.not-function-i-know',
                           _short(sympy.sstr(expr), 40), _ALLOWED))

    def derivative(self, expr: sympy.Derivative, depth: int) -> sympy.Expr:
        inner = self.build(expr.expr, depth + 1)
        variables = []
        for variable, count in expr.variable_count:
            real = _latex_symbol(variable.name) if isinstance(variable, sympy.Symbol) else None
            if not isinstance(real, sympy.Symbol) or not (count.is_Integer and 1 <= count <= 10):
                raise _Reject(said('err.parsing.derivative-not-supported',
                                   _short(sympy.sstr(expr), 40)))
            variables.append((real, count))
        return sympy.Derivative(inner, *variables)


def _flat_args(expr: sympy.Basic) -> list[sympy.Basic]:
    """Arguments of nested Adds (or Muls) gathered with a loop: long sums are not deep."""
    args, stack = [], list(expr.args)
    while stack:
        arg = stack.pop()
        if arg.func is expr.func:
            stack.extend(arg.args)
        else:
            args.append(arg)
    return args


def _describe_latex(expr: sympy.Basic) -> str:
    if isinstance(expr, sympy.core.relational.Relational):
        return said("err.parsing.latex-equation")
    kind = type(expr).__name__
    if kind in ("Integral", "Sum", "Limit", "Product"):
        return said("err.parsing.latex-" + kind.lower())
    return said("err.parsing.latex-function", kind)


def _latex_symbol(raw: str) -> sympy.Expr:
    """The real symbol (or constant) for a name from SymPy's LaTeX parser, e.g. x_{1} -> x1."""
    if raw == "e":
        return sympy.E
    if raw == "pi":
        return sympy.pi
    match = _LATEX_NAME_RE.fullmatch(raw)
    if match is None:
        raise _Reject(said('err.parsing.not-variable-name', raw))
    base, subscript = match.group(1), match.group(2)
    if base in _LATEX_NAMED:
        raise _Reject(said('err.parsing.function-write', base, base))
    if len(base) > 1 and base not in _GREEK:
        raise _Reject(
            said('err.parsing.not-variable-latex-variables', base)
        )
    name = _GREEK_RENAMES.get(base, base)
    if subscript is not None:
        subscript = subscript.replace("*", "")
        if not re.fullmatch(r"[A-Za-z0-9]+", subscript):
            raise _Reject(said('err.parsing.subscript-in-must-be', raw))
        # x_{1} -> x1, but x_{i} -> x_i so that it cannot collide with \xi.
        name += subscript if subscript[0].isdigit() else "_" + subscript
    problem = _name_problem(name)
    if problem is not None:
        raise _Reject(said('err.parsing.gives-name-which-not', raw, name, problem))
    return sympy.Symbol(name, real=True)
