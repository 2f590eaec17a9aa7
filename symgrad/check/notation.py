r"""Paper notation around an answer: a left side naming the derivative, and forms with two
readings.

*Left sides.*  Students write ``f'(x) = 2x cos(x^2)``, ``dy/dx = …``, ``\frac{dy}{dx} = …``,
``\frac{\mathrm{d}y}{\mathrm{d}x} = …`` or ``∂J/∂w = …``: the left side names the derivative
and the answer is the right side.  :func:`strip_prefix` drops such a left side (and only such:
any other equation stays, and the reader refuses it).

*Two readings.*  ``x^1/2`` is x/2 by precedence but √x by intent; ``1/2x`` is x/2 in one
convention and 1/(2x) in another; ``d(3x)/dx`` written with a letter d is a product in which d
cancels, or a derivative.  :func:`two_readings` refuses these with both readings shown, and
names the reading taken where a power is followed by a fraction that is not in doubt
(``x^2/3`` is x²/3).

>>> strip_prefix("f'(x) = 2x cos(x^2)")
('2x cos(x^2)', "f'(x)")
>>> two_readings("x^2/4", set())
'read x^2/4 as (x^2)/4'
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..errors import ParseError, said

__all__ = ["derivative_latex", "restatement", "strip_prefix", "two_readings"]

_D = r"(?:d|∂|\\partial)"
_NAME = r"[A-Za-z][A-Za-z0-9_]*(?:\{[A-Za-z0-9]*\})?"
_ARGS = r"(?:\((?:[^()=]|\([^()=]*\))*\))?"
_LEFT_SIDES = [
    re.compile(rf"{_NAME}'+{_ARGS}"),  # f'(x), y', J''(w)
    re.compile(rf"{_D}\s*(?:{_NAME})?{_ARGS}\s*/\s*{_D}\s*{_NAME}\s*(?:{_NAME})?{_ARGS}"),
    re.compile(rf"\\frac\s*\{{\s*{_D}\s*(?:{_NAME})?\s*\}}\s*\{{\s*{_D}\s*{_NAME}\s*\}}"
               rf"\s*(?:{_NAME})?{_ARGS}"),
]
_EQUALS = re.compile(r"(?<![<>=!])=(?!=)")
# \mathrm{d}x, \operatorname{d}x, \text{d}x and \dfrac: the same d and \frac.
_UPRIGHT_D = re.compile(r"\\(?:mathrm|operatorname|text|textrm|mathit)\s*\{\s*d\s*\}")


def derivative_latex(text: str) -> str:
    r"""``text`` with upright d's and ``\dfrac``/``\tfrac`` in their plain spelling, so that
    one pattern finds every way of writing d/dx.

    >>> derivative_latex(r"\dfrac{\mathrm{d}}{\mathrm{d}x}(x^3)")
    '\\frac{d}{dx}(x^3)'
    """
    text = _UPRIGHT_D.sub("d", text)
    text = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", text)
    return re.sub(r"\\(?:left|right)(?![A-Za-z])|\$", "", text)


def strip_prefix(text: str) -> tuple[str, str | None]:
    """The answer without a left side that names the derivative, and that left side (or None).

    >>> strip_prefix(r"\\frac{\\mathrm{d}y}{\\mathrm{d}x} = 2x")
    ('2x', '\\\\frac{\\\\mathrm{d}y}{\\\\mathrm{d}x}')
    >>> strip_prefix("y = 2x")
    ('y = 2x', None)
    """
    parts = _EQUALS.split(text)
    if len(parts) != 2:
        return text, None
    left = derivative_latex(parts[0]).strip()
    if any(pattern.fullmatch(left) for pattern in _LEFT_SIDES) and parts[1].strip():
        return parts[1].strip(), parts[0].strip()
    return text, None


_VAR = r"([A-Za-z][A-Za-z0-9_]*)"
_RESTATED = [  # (pattern, group of the expression, group of the variable)
    (re.compile(rf"(?:d|∂)\s*/\s*(?:d|∂)\s*{_VAR}\s*(\S.*)", re.S), 2, 1),
    (re.compile(rf"(?:d|∂)\s*(\(.*\))\s*/\s*(?:d|∂)\s*{_VAR}", re.S), 1, 2),
    (re.compile(rf"\\frac\s*\{{\s*(?:d|\\partial)\s*\}}\s*\{{\s*(?:d|\\partial)\s*{_VAR}\s*\}}"
                rf"\s*(\S.*)", re.S), 2, 1),
    (re.compile(rf"\\frac\s*\{{\s*(?:d|\\partial)\s*(\(.*\)|\[.*\])\s*\}}\s*"
                rf"\{{\s*(?:d|\\partial)\s*{_VAR}\s*\}}", re.S), 1, 2),
    (re.compile(rf"(?:Derivative|diff)\s*\((.*),\s*{_VAR}\s*\)", re.S), 1, 2),
    (re.compile(r"(\(.*\))\s*'", re.S), 1, None),
]


def restatement(text: str) -> tuple[str, str | None] | None:
    r"""(expression, variable) of a line that restates the question — d/dx (x^3),
    \frac{d}{dx}(x^3), d(x^3)/dx, ∂/∂x …, (x^3)', Derivative(x^3, x) — or None.  The
    variable is None where the line does not name it, as in (x^3)'.

    >>> restatement(r"\dfrac{\mathrm{d}}{\mathrm{d}x}\left(x^3\right)"), restatement("(x^3)'")
    (('(x^3)', 'x'), ('(x^3)', None))
    """
    normal = derivative_latex(text).strip()
    for pattern, expr, var in _RESTATED:
        match = pattern.fullmatch(normal)
        if match is not None:
            inner = match.group(expr).strip()
            if inner.startswith("[") and inner.endswith("]"):
                inner = f"({inner[1:-1]})"  # d/dx [x^3]: square brackets group
            return inner, match.group(var) if var else None
    return None


_POWER_FRACTION = re.compile(
    r"(\^)\s*([-−+]?)\s*([0-9]+)\s*/\s*([0-9]+)(?![0-9.])")
_DIVIDED_NUMBER = re.compile(
    r"/\s*([0-9]+(?:\.[0-9]+)?)\s*"
    r"(?=[A-Za-z(]|\\(?!cdot|times|div)[A-Za-z])([A-Za-z][A-Za-z0-9_]*|\\[A-Za-z]+|\()")
_D_TIMES = re.compile(r"(?<![A-Za-z0-9_\\])d\s*\*?\s*\(")
_D_BELOW = re.compile(r"/\s*\(?\s*d\s*\*?\s*[A-Za-z]")


def two_readings(text: str, symbols: set[str], *, what: str = "the claimed answer"
                 ) -> str | None:
    """Refuse a form with two plausible readings (ParseError, both shown); else the reading
    taken where one is worth stating, or None.

    >>> two_readings("x^1/2", set())
    Traceback (most recent call last):
    ...
    symgrad.errors.ParseError: cannot read the claimed answer 'x^1/2': 'x^1/2' can be read as x^(1/2) or as (x^1)/2; write brackets
    >>> two_readings("1/2x", {"x"})
    Traceback (most recent call last):
    ...
    symgrad.errors.ParseError: cannot read the claimed answer '1/2x': '1/2x' can be read as (1/2)·x or as 1/(2·x); write brackets
    >>> two_readings("(f - y)^2/2", {"f", "y"}) is None
    True
    """  # noqa: E501 - a doctest's expected output is one line
    shown = text.strip()
    stated = None
    for match in _POWER_FRACTION.finditer(text):
        sign = "-" if match.group(2) in ("-", "−") else ""
        a, b = int(sign + match.group(3)), int(match.group(4))
        if b == 0 or Fraction(a, b).denominator == 1:
            continue
        base = _base_before(text, match.start())
        written = base + match.group()
        if abs(a) == 1 or b == 2:
            raise ParseError(said("err.reading.two-readings", what, shown, written,
                                  f"{base}^({a}/{b})", f"({base}^{a})/{b}"))
        if stated is None:
            stated = said("check.read-as", written.strip(), f"({base}^{a})/{b}")
    match = _DIVIDED_NUMBER.search(text)
    if match is not None:
        number, right = match.groups()
        left = _base_before(text, match.start())
        left = "(…)" if left.startswith(("(", "{")) else left
        right = "(…)" if right == "(" else right.lstrip("\\")
        raise ParseError(said("err.reading.two-readings", what, shown,
                              left + text[match.start():match.end()].strip(),
                              f"({left}/{number})·{right}", f"{left}/({number}·{right})"))
    if "d" not in symbols and _D_TIMES.search(text) and _D_BELOW.search(text):
        raise ParseError(said("err.reading.d-product", what, shown))
    return stated


def _base_before(text: str, end: int) -> str:
    """The base a power at ``end`` applies to, as written: a name, a number or a bracket."""
    before = text[:end].rstrip()
    if before.endswith((")", "}")):
        opening = {")": "(", "}": "{"}[before[-1]]
        depth = 0
        for k in range(len(before) - 1, -1, -1):
            depth += (before[k] == before[-1]) - (before[k] == opening)
            if depth == 0:
                return before[k:]
        return before
    start = len(before)
    while start > 0 and (before[start - 1].isascii() and before[start - 1].isalnum()
                         or before[start - 1] in "_."):
        start -= 1
    return before[start:]
