r"""LaTeX as symgrad's own Python-style text: the common formulas read in a millisecond.

SymPy's ANTLR LaTeX parser takes half a second to start in each process and tens to hundreds
of milliseconds per formula after that; a check forked per answer pays it every time.  Most
answers use a small part of LaTeX — numbers, letters with subscripts, ``^``, ``\frac``,
``\sqrt``, brackets, ``|x|``, ``\cdot``, Greek letters and named functions applied to a
bracket — and this module translates exactly that part into the Python-style text that
:mod:`symgrad.parsing.python` reads, with LaTeX's reading rules:

* factors side by side multiply and bind tighter than ``/`` (``1/2x`` is 1/(2x), as ANTLR
  reads it), letters are one variable each (``xy`` is x·y), ``x_{1}`` and ``x_1`` are x1;
* a letter before a bracket is a product (``x(x+1)^{2}`` is x·(x+1)²);
* ``\sin^{2}(x)`` is sin(x)², ``\sin^{-1}(x)`` is asin(x), ``\log_{b}(x)`` is log(x, b).

Anything else (derivatives, a function without brackets, ``\sin x``) gives None and the
ANTLR parser reads it, so the two never read one formula differently: the tests compare them.

>>> latex_text(r"\frac{1}{2} x_{1}^{2} + \sin^{2}(x)")
'(((1)/(2))*x1**(2))+sin(x)**(2)'
>>> latex_text(r"\frac{d}{dx}(x^2)") is None
True
"""

from __future__ import annotations

import re

__all__ = ["GREEK", "latex_text"]

_TOKEN = re.compile(r"\s*(\\[A-Za-z]+|[0-9]+(?:\.[0-9]+)?|\.[0-9]+|[A-Za-z]|\S)")
# LaTeX function commands and the Python-style names they are read as.
FUNCTIONS = {
    "exp": "exp", "log": "log", "ln": "log", "sin": "sin", "cos": "cos", "tan": "tan",
    "sec": "sec", "csc": "csc", "cot": "cot", "arcsin": "asin", "arccos": "acos",
    "arctan": "atan", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh", "arsinh": "asinh",
    "arcosh": "acosh", "artanh": "atanh", "max": "max", "min": "min", "sigma": "sigmoid",
    "relu": "relu", "arcsinh": "asinh", "arccosh": "acosh", "arctanh": "atanh",
    "asinh": "asinh", "acosh": "acosh", "atanh": "atanh", "asin": "asin", "acos": "acos",
    "atan": "atan", "sgn": "sign", "sign": "sign", "erf": "erf", "softplus": "softplus",
    "leakyrelu": "leaky_relu", "elu": "elu", "silu": "silu", "swish": "silu", "gelu": "gelu",
    "sech": "sech", "csch": "csch", "coth": "coth",
}  # fmt: skip
_INVERSE = {"sin": "asin", "cos": "acos", "tan": "atan", "sinh": "asinh", "cosh": "acosh",
            "tanh": "atanh"}
#: The Greek letters LaTeX names (\\alpha …), read as variables.
GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta",
    "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "tau", "upsilon", "phi",
    "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma",
    "Upsilon", "Phi", "Psi", "Omega",
}  # fmt: skip
_OPERATORS = {"+": "+", "-": "-", "*": "*", "/": "/", r"\cdot": "*", r"\times": "*",
              r"\div": "/"}
_CLOSING = {"(": ")", "[": "]", "{": "}"}
_DERIVATIVE = re.compile(r"\\frac\s*\{\s*d|\\partial")


class _Untranslatable(Exception):
    """A construct outside the translated part: the ANTLR parser reads the formula."""


def latex_text(prepared: str) -> str | None:
    r"""Python-style text for prepared LaTeX (see :func:`symgrad.parsing.latex._prepare_latex`),
    or None where it uses more than the translated part.

    >>> latex_text(r"x(x+1)^{2} - |2x - 1| \cdot \sqrt[3]{y}")
    '(x*(x+1)**(2))-abs((2*x)-1)*((y)**(1/(3)))'
    """
    if _DERIVATIVE.search(prepared):
        return None  # \frac{d}{dx}(…) and ∂: ANTLR reads derivatives
    tokens = _TOKEN.findall(prepared)
    if "".join(tokens) != re.sub(r"\s+", "", prepared):
        return None
    reader = _Reader(tokens)
    try:
        text = reader.sum(())
    except (_Untranslatable, IndexError, RecursionError):
        return None
    return text if text and reader.k == len(tokens) else None


class _Reader:
    def __init__(self, tokens: list[str]):
        self.tokens, self.k = tokens, 0

    def peek(self) -> str | None:
        return self.tokens[self.k] if self.k < len(self.tokens) else None

    def take(self) -> str:
        token = self.tokens[self.k]
        self.k += 1
        return token

    def expect(self, token: str) -> None:
        if self.peek() != token:
            raise _Untranslatable
        self.k += 1

    def sum(self, closers: tuple[str, ...]) -> str:
        """Terms and operators up to a closer; a run of factors side by side is one product."""
        parts: list[str] = []
        run: list[str] = []

        def flush() -> None:
            if run:
                parts.append(run[0] if len(run) == 1 else "(" + "*".join(run) + ")")
                run.clear()

        while (token := self.peek()) is not None:
            # | after an operator, or first, opens |…|; elsewhere it may close one.
            if token in closers and not (token == "|" and not run):
                break
            if token in _OPERATORS:
                flush()
                parts.append(_OPERATORS[self.take()])
            else:
                run.append(self.factor(closers))
        flush()
        return "".join(parts)

    def factor(self, closers: tuple[str, ...]) -> str:
        base = self.atom(closers)
        while self.peek() == "^":
            self.take()
            base = f"{base}**({self.argument()})"
        return base

    def argument(self) -> str:
        """A braced group, or one letter or digit (``x^2y`` is x²·y)."""
        token = self.take()
        if token == "{":
            inner = self.sum(("}",))
            self.expect("}")
            return inner
        if re.fullmatch(r"[A-Za-z]", token):
            return self.name(token)
        if re.fullmatch(r"[0-9]", token):
            return token
        if re.fullmatch(r"[0-9]+", token):  # x^23 is x²·3 in LaTeX: leave it to ANTLR
            raise _Untranslatable
        raise _Untranslatable

    def atom(self, closers: tuple[str, ...]) -> str:
        token = self.take()
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?|\.[0-9]+", token):
            return token
        if re.fullmatch(r"[A-Za-z]", token):
            return self.name(token)
        if token in _CLOSING:
            inner = self.sum((_CLOSING[token],))
            self.expect(_CLOSING[token])
            return f"({inner})"
        if token == "|":
            inner = self.sum(("|",))
            self.expect("|")
            return f"abs({inner})"
        if token.startswith("\\"):
            return self.command(token[1:])
        raise _Untranslatable

    def name(self, letter: str) -> str:
        if self.peek() != "_":
            return letter
        self.take()
        token = self.take()
        if token == "{":
            parts = []
            while self.peek() != "}":
                parts.append(self.take())
            self.take()
            subscript = "".join(parts)
        else:
            subscript = token
        if not re.fullmatch(r"[A-Za-z0-9]+", subscript):
            raise _Untranslatable
        return letter + (subscript if subscript[0].isdigit() else "_" + subscript)

    def command(self, name: str) -> str:
        if name in ("frac", "dfrac", "tfrac"):
            return f"(({self.argument()})/({self.argument()}))"
        if name == "sqrt":
            if self.peek() == "[":
                self.take()
                index = self.sum(("]",))
                self.expect("]")
                return f"(({self.argument()})**(1/({index})))"
            return f"sqrt({self.argument()})"
        if name == "pi":
            return "pi"
        if name in FUNCTIONS and (name != "sigma" or self.peek() == "("):
            return self.call(name)
        if name in GREEK:
            letter = "lamda" if name == "lambda" else name
            return self.name(letter)
        raise _Untranslatable

    def call(self, name: str) -> str:
        function, power, base = FUNCTIONS[name], None, None
        if self.peek() == "^":
            self.take()
            power = self.argument()
            if power == "-1":
                if name not in _INVERSE:
                    raise _Untranslatable
                function, power = _INVERSE[name], None
        if self.peek() == "_" and name == "log":
            self.take()
            base = self.argument()
        if self.peek() != "(":
            raise _Untranslatable  # \sin x: where its argument ends is ANTLR's rule
        self.take()
        args = [self.sum((")", ","))]
        while self.peek() == ",":
            self.take()
            args.append(self.sum((")", ",")))
        self.expect(")")
        if base is not None:
            args.append(base)
        call = f"{function}({', '.join(args)})"
        return f"{call}**({power})" if power is not None else call
