"""LaTeX formulas: SymPy's ANTLR LaTeX parser behind a whitelist of commands, its result
validated like Python-style text (see :mod:`symgrad.parsing.core`)."""

from __future__ import annotations

import re

import sympy
from sympy.core.function import AppliedUndef
from sympy.parsing import latex as sympy_latex
from sympy.parsing.latex import LaTeXParsingError

from ..errors import said
from ..functions import elu, erf, gelu, leaky_relu, relu, sigmoid, silu, softplus
from .grammar import (
    ALLOWED,
    MAX_DEPTH,
    MAX_LATEX_LENGTH,
    Reject,
    check_arity,
    check_brackets,
    check_complete,
    check_power,
    closing_bracket,
    name_problem,
    one_line,
)
from .latex_text import GREEK as _GREEK
from .latex_text import latex_text
from .objects import quoted as short
from .python import SUPERSCRIPTS, parse_python, superscript_power

# --------------------------------------------------------------------------- LaTeX

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
_LATEX_UNICODE = {"−": "-", "·": r" \cdot ", "×": r" \times "}
_SUPERSCRIPT_RUN = re.compile(f"[⁻⁺]?[{SUPERSCRIPTS[:10]}]+")
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
_LATEX_NAME_RE = re.compile(r"([A-Za-z]+)(?:_\{([^{}]*)\}|_([A-Za-z0-9]))?")
# A variable (a letter, maybe subscripted, or a Greek letter other than σ) right before "(":
# a product, x(x+1)^{2} = x·(x+1)², never a function x(·) whose power the grammar would take.
_LETTER_BEFORE_BRACKET = re.compile(
    r"(?<![\\A-Za-z])(?<!\\frac\{)([A-Za-z](?:_\{[A-Za-z0-9]*\}|_[A-Za-z0-9])?)\s*(?=\()"
    r"|(\\(?:" + "|".join(sorted((_GREEK | {"pi"}) - {"sigma"})) + r"))(?![A-Za-z])\s*(?=\()")
# \sech^{2}(x), \operatorname{sech}^2(x): the power of the function's value, sech(x)².
_NAMED_POWER_RE = re.compile(
    r"\\(" + "|".join(sorted(_LATEX_NAMED, key=len, reverse=True)) +
    r")\s*\^\s*(\{\s*[0-9]+\s*\}|[0-9])\s*(?=\()")
# Decimal literals as the ANTLR grammar reads them, so Floats can be mapped back exactly.
_LATEX_DECIMAL_RE = re.compile(r"[0-9]*\.[0-9]+")


# Formulas that take SymPy's LaTeX parser through the rules a check meets most.
_WARM_UP = (
    r"\frac{1}{2} x_{1}^{2} + \sqrt{y} - \sin(x) \cdot e^{-x} + \left|x\right|",
    r"\sigma(z)^{2} + \ln(w) \cdot \cos^{2} x + \frac{d}{dx}(x^{3}) + 3x(x+1)^{-1/2}",
)
_warm = False


def needs_antlr(text: str) -> bool:
    r"""Whether reading LaTeX ``text`` takes SymPy's ANTLR parser (symgrad's own reader,
    :mod:`symgrad.parsing.latex_text`, reads the common formulas in a millisecond).

    >>> needs_antlr(r"\frac{x}{2}"), needs_antlr(r"\frac{d}{dx}(x^2)")
    (False, True)
    """
    try:
        return latex_text(_prepare_latex(text)) is None
    except Reject:
        return False  # refused before any parser runs


def warm() -> None:
    """Start SymPy's LaTeX parser in this process, once.

    Its ANTLR start-up takes about half a second; a process that runs checks calls this
    before forking them, so that each forked check reads LaTeX in milliseconds.

    >>> warm(); warm()
    """
    global _warm
    if _warm:
        return
    _warm = True
    for formula in _WARM_UP:
        try:
            parse_latex(formula)
        except Exception:  # noqa: BLE001 - no ANTLR installed: each check says so itself
            return


def parse_latex(text: str) -> sympy.Expr:
    prepared = _prepare_latex(text)
    translated = latex_text(prepared)
    if translated is not None:
        try:
            return parse_python(translated)
        except Reject:
            pass  # read by ANTLR below, for a message in the terms of the LaTeX typed
    try:
        tree = sympy_latex.parse_latex(prepared, backend="antlr", strict=True)
    except LaTeXParsingError as error:
        raise Reject(_latex_error_message(str(error), prepared)) from None
    except ImportError:  # pragma: no cover - depends on the installation
        raise Reject(said('err.parsing.reading-latex-needs-antlr')) from None
    except RecursionError:
        raise Reject(said('err.parsing.latex-nested-too-deeply')) from None
    except Exception as error:  # noqa: BLE001 - the ANTLR runtime raises its own types
        raise Reject(said('err.parsing.latex-parser-failed', type(error).__name__)) from None
    decimals = {sympy.Number(d): sympy.Rational(d) for d in _LATEX_DECIMAL_RE.findall(prepared)}
    return _LatexBuilder(decimals).build(tree, 0)


def _prepare_latex(text: str) -> str:
    """Text for SymPy's parser: conveniences spelled out and every command whitelisted."""
    text = re.sub(r"^\$+|\$+$", "", text).strip()
    if not text:
        raise Reject(said('err.parsing.it-empty-expected-formula'))
    if len(text) > MAX_LATEX_LENGTH:
        raise Reject(said('err.parsing.latex-input-limited-characters', MAX_LATEX_LENGTH))
    for sign, spelled in _LATEX_UNICODE.items():
        text = text.replace(sign, spelled)
    text = _SUPERSCRIPT_RUN.sub(lambda m: "^{" + superscript_power(m.group())[3:-1] + "}", text)
    text = text.replace("σ", r"\sigma ")
    if not text.isascii():
        bad = next(char for char in text if not char.isascii())
        raise Reject(said('err.parsing.unexpected-character-latex-input', bad))
    text = _TEXT_FUNCTION_RE.sub(_text_function, text)
    # ANTLR's grammar rejects a leading \left( ... \right); plain brackets mean the same.
    text = re.sub(r"\\(?:left|right)(?![A-Za-z])", "", text)
    text = re.sub(r"\\[,;:!]|\\q?quad(?![A-Za-z])", " ", text).strip()
    text = _unbrace_calls(text)
    text = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", text)
    text = _LETTER_BEFORE_BRACKET.sub(lambda m: (m.group(1) or m.group(2)) + r" \cdot ", text)
    text = _power_after_call(text)
    for match in re.finditer(r"\\([A-Za-z]+|.?)", text, re.DOTALL):
        if match.group(1) not in _LATEX_COMMANDS:
            raise Reject(
                said('err.parsing.latex-command-not-supported', match.group(1))
            )
    _refuse_misread_numbers(text)
    _refuse_bare_functions(text)
    check_brackets(text)
    check_complete(text, _LATEX_TRAILING)
    return text


# \sin{(x)}, and \sin^{2}{(x)} as SymPy prints sin(x)²: the function, its power, the brace.
_NAMED_CALL_RE = re.compile(r"\\([A-Za-z]+)\s*(?:\^\s*(?:\{[^{}]*\}|[0-9A-Za-z])\s*)?\{")


def _unbrace_calls(text: str) -> str:
    r"""``\erf{(x)}``, ``\sin{\left(x \right)}^{2}``, ``\sin^{2}{\left(x \right)}`` (how SymPy
    prints functions) as ``\erf(x)``, ``\sin(x)^{2}``, ``\sin^{2}(x)``: ANTLR reads the braced
    form as sin(x²)."""
    start = 0
    while True:
        match = _NAMED_CALL_RE.search(text, start)
        if match is None:
            return text
        start = match.end()
        if match.group(1) not in _LATEX_NAMED and match.group(1) not in _LATEX_KNOWN:
            continue
        opening = match.end() - 1
        end = closing_bracket(text, opening, "{}")
        if end is None:
            return text  # unbalanced: the bracket check reports it
        inner = text[opening + 1 : end].strip()
        if inner.startswith("(") and inner.endswith(")"):
            text = text[:opening] + inner + text[end + 1 :]


def _power_after_call(text: str) -> str:
    r"""``\sech^{2}(x)`` as ``\sech(x)^{2}``: the grammar reads a power only after the call."""
    while (match := _NAMED_POWER_RE.search(text)) is not None:
        opening = match.end()
        end = closing_bracket(text, opening, "()")
        if end is None:
            return text  # unbalanced: the bracket check reports it
        power = match.group(2).strip("{} ")
        text = (text[:match.start()] + "\\" + match.group(1) + text[opening:end + 1]
                + "^{" + power + "}" + text[end + 1:])
    return text


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
    raise Reject(said('err.parsing.not-function-i-know', match.group(), ALLOWED))


def _refuse_bare_functions(text: str) -> None:
    """Function names without a backslash, which ANTLR reads as products of letters."""
    for run in re.finditer(r"\\?[A-Za-z]+", text):
        if run.group().startswith("\\"):
            continue
        name = next((f for f in _BARE_FUNCTIONS if f in run.group()), None)
        if name is None:
            continue
        raise Reject(
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
        raise Reject(said('err.parsing.e-notation-not-latex'))
    if re.search(r"[0-9]\s+[0-9]", text):
        raise Reject(said('err.parsing.two-numbers-in-row'))
    if re.search(r"[0-9],[0-9]{3}", text):
        raise Reject(said('err.parsing.write-numbers-without-thousands'))


def _latex_error_message(message: str, prepared: str) -> str:
    lines = message.splitlines()
    first = lines[0] if lines else "invalid LaTeX"
    if first == "Invalid LaTeX":
        return "it is not one complete LaTeX formula (unbalanced or left-over symbols?)"
    if len(lines) >= 3 and "^" in lines[-1]:
        column = lines[-1].index("^")
        if column >= len(prepared):
            return f"the LaTeX ends too early ({first})"
        return f"LaTeX syntax error near {short(prepared[column : column + 12], 20)} ({first})"
    return f"LaTeX syntax error ({one_line(first)})"


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
            raise Reject(said('err.parsing.it-nested-more-than', MAX_DEPTH))
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
            check_power(base, exponent, short(sympy.sstr(expr), 40))
            return sympy.Pow(base, exponent)
        if isinstance(expr, (sympy.log, *self._SIMPLE)):
            return expr.func(*(self.build(arg, depth + 1) for arg in expr.args))
        if isinstance(expr, AppliedUndef):
            return self.applied(expr, depth)
        if isinstance(expr, sympy.Derivative):
            return self.derivative(expr, depth)
        raise Reject(
            said('err.parsing.not-supported-and-derivatives',
                 _describe_latex(expr), short(sympy.sstr(expr), 40), ALLOWED)
        )

    def applied(self, expr: AppliedUndef, depth: int) -> sympy.Expr:
        name = expr.func.__name__
        args = [self.build(arg, depth + 1) for arg in expr.args]
        if name in self._NAMED:
            shown, function, arity = self._NAMED[name]
            check_arity(shown, arity, len(args), short(sympy.sstr(expr), 40))
            return function(*args)
        # ANTLR reads a letter before parentheses as a call: x(1-y) means x*(1-y) here.
        if len(args) == 1:
            return sympy.Mul(_latex_symbol(name), args[0])
        raise Reject(said('err.parsing.not-function-i-know',
                           short(sympy.sstr(expr), 40), ALLOWED))

    def derivative(self, expr: sympy.Derivative, depth: int) -> sympy.Expr:
        inner = self.build(expr.expr, depth + 1)
        variables = []
        for variable, count in expr.variable_count:
            real = _latex_symbol(variable.name) if isinstance(variable, sympy.Symbol) else None
            if not isinstance(real, sympy.Symbol) or not (count.is_Integer and 1 <= count <= 10):
                raise Reject(said('err.parsing.derivative-not-supported',
                                   short(sympy.sstr(expr), 40)))
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
    named = {"Integral": said("err.parsing.latex-integral"), "Sum": said("err.parsing.latex-sum"),
             "Limit": said("err.parsing.latex-limit"), "Product": said("err.parsing.latex-product")}
    return named[kind] if kind in named else said("err.parsing.latex-function", kind)


def _latex_symbol(raw: str) -> sympy.Expr:
    """The real symbol (or constant) for a name from SymPy's LaTeX parser, e.g. x_{1} -> x1."""
    if raw == "e":
        return sympy.E
    if raw == "pi":
        return sympy.pi
    match = _LATEX_NAME_RE.fullmatch(raw)
    if match is None:
        raise Reject(said('err.parsing.not-variable-name', raw))
    base, subscript = match.group(1), match.group(2) or match.group(3)
    if base in _LATEX_NAMED:
        raise Reject(said('err.parsing.function-write', base, base))
    if len(base) > 1 and base not in _GREEK:
        raise Reject(
            said('err.parsing.not-variable-latex-variables', base)
        )
    name = _GREEK_RENAMES.get(base, base)
    if subscript is not None:
        subscript = subscript.replace("*", "")
        if not re.fullmatch(r"[A-Za-z0-9]+", subscript):
            raise Reject(said('err.parsing.subscript-in-must-be', raw))
        # x_{1} -> x1, but x_{i} -> x_i so that it cannot collide with \xi.
        name += subscript if subscript[0].isdigit() else "_" + subscript
    problem = name_problem(name)
    if problem is not None:
        raise Reject(said('err.parsing.gives-name-which-not', raw, name, problem))
    return sympy.Symbol(name, real=True)
