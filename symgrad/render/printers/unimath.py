r"""Math inside the words of the catalogue: ``$…$`` spans of Unicode math, typeset by each format.

A catalogue phrase marks its math with ``$``: ``"Each unit $j$ of layer $l$ adds up its
weighted inputs, $z⁽ˡ⁾ⱼ$"``.  Inside a span the math is written as it reads in a terminal
(σ, ∂, subscripts ₖ, superscripts ⁽ˡ⁾, primes ′); :mod:`symgrad.i18n.marked` drops the marks
for the terminal and plots, :func:`to_latex` turns a span into LaTeX for articles, slides and
(through symgrad's MathML typesetter) the web page: letters in math italic, ``tanh``, ``relu``,
``softmax`` and ``sgn`` as upright operator names.

>>> to_latex("z⁽ˡ⁾ⱼ")
'z^{(l)}_{j}'
>>> to_latex("f″(3) = 4 > 0")
"f''(3) = 4 > 0"
>>> to_latex("σ′ = σ(1 − σ)")
"\\sigma' = \\sigma(1 - \\sigma)"
>>> to_latex("tanh′(u) = 1 − tanh²(u)")
"\\tanh'(u) = 1 - \\tanh^{2}(u)"
>>> to_latex("J = Σᵢ ‖xᵢ − μ_c(i)‖²")
'J = \\sum_{i} \\|x_{i} - \\mu_{c(i)}\\|^{2}'
"""

from __future__ import annotations

import re

import sympy

from ...i18n.marked import Marked, spans, unmarked  # noqa: F401 - the renderers' one import

_GREEK = {
    "α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "ε": "varepsilon", "ζ": "zeta",
    "η": "eta", "θ": "theta", "κ": "kappa", "λ": "lambda", "μ": "mu", "ν": "nu", "ξ": "xi",
    "π": "pi", "ρ": "rho", "σ": "sigma", "τ": "tau", "φ": "varphi", "χ": "chi", "ψ": "psi",
    "ω": "omega", "Δ": "Delta", "Σ": "sum", "Φ": "Phi", "Ω": "Omega",
}
_SYMBOLS = {
    "∂": r"\partial", "∇": r"\nabla", "ℓ": r"\ell", "∞": r"\infty", "−": "-", "·": r"\cdot",
    "×": r"\times", "⊙": r"\odot", "⇒": r"\Rightarrow", "→": r"\to", "←": r"\leftarrow",
    "≈": r"\approx", "≠": r"\neq", "≤": r"\leq", "≥": r"\geq", "‖": r"\|", "…": r"\dots",
    "∈": r"\in", "⇔": r"\iff", "′": "'", "″": "''", "ᵀ": r"^{\mathsf T}", "½": r"\tfrac{1}{2}",
}
_SUB = dict(zip("₀₁₂₃₄₅₆₇₈₉ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ₊₋₍₎", "0123456789aehijklmnoprstuvx+-()"))
_SUP = dict(zip("⁰¹²³⁴⁵⁶⁷⁸⁹ⁱˡᵏⁿᵘ⁺⁻⁽⁾", "0123456789ilknu+-()"))
#: Function names set upright: LaTeX's own operators, and the ones it lacks.
_NAMED = {"tanh", "sinh", "cosh", "sin", "cos", "tan", "log", "ln", "exp", "max", "min"}
_OPERATOR_NAMES = {"relu", "softmax", "sgn", "sign", "argmin", "argmax", "gelu", "softplus"}
_WORD = re.compile(r"[A-Za-z]+")
_SCRIPT = re.compile(r"_([A-Za-z0-9]+(?:\([^)]*\))?)")

#: Characters that are math when they stand in running text (the documents' test looks for them).
MATH_CHARACTERS = "".join([*_GREEK, *"∂∇ℓ′″⊙⇒≈≠≤≥‖∈⇔", *_SUB, *_SUP, "ᵀ"])


def to_latex(math: str) -> str:
    """A span of Unicode math as LaTeX (see the module's examples)."""
    out, k = [], 0
    while k < len(math):
        for read in _READERS:
            found = read(math, k)
            if found is not None:
                text, k = found
                break
        else:
            text, k = _character(math[k]), k + 1
        out.append(text)
    return re.sub(r"(\\[A-Za-z]+) (?=[^A-Za-z{\ue000-\ue0ff])", r"\1", "".join(out)).strip()


def _scripts(math: str, k: int):
    """A run of Unicode sub- or superscript characters (ᵢⱼ, ⁽ˡ⁾) as one LaTeX script."""
    c = math[k]
    if c not in _SUB and c not in _SUP:
        return None
    table, mark = (_SUB, "_") if c in _SUB else (_SUP, "^")
    j = k
    while j < len(math) and math[j] in table:
        j += 1
    return mark + "{" + "".join(table[ch] for ch in math[k:j]) + "}", j


def _ascii_script(math: str, k: int):
    """``_c(i)``: a subscript written with an underscore."""
    m = _SCRIPT.match(math, k) if math[k] == "_" else None
    return None if m is None else ("_{" + m.group(1) + "}", m.end())


def _word(math: str, k: int):
    """A word of Latin letters: an upright function name, or letters in math italic."""
    if not (math[k].isascii() and math[k].isalpha()):
        return None
    word = _WORD.match(math, k).group(0)
    if word in _NAMED:
        return "\\" + word + " ", k + len(word)
    if word in _OPERATOR_NAMES:
        return r"\operatorname{" + word + "}", k + len(word)
    return word, k + len(word)


def _root(math: str, k: int):
    """``√(…)`` as ``\\sqrt{…}``."""
    if math[k] != "√" or math[k + 1:k + 2] != "(":
        return None
    depth, j = 0, k + 1
    while j < len(math):
        depth += (math[j] == "(") - (math[j] == ")")
        if depth == 0:
            break
        j += 1
    return r"\sqrt{" + to_latex(math[k + 2:j]) + "}", j + 1


_READERS = (_scripts, _ascii_script, _word, _root)


def _character(c: str) -> str:
    """One character of Unicode math as LaTeX."""
    if c in _GREEK:
        return "\\" + _GREEK[c] + " "
    if c in _SYMBOLS:
        command = _SYMBOLS[c]
        return command + (" " if command[-1].isalpha() else "")
    if c in "%#&{}$":
        return "\\" + c
    if c == "\\":  # never a command: math in words is Unicode, not LaTeX
        return r"\backslash "
    if c == "~":
        return r"\sim "
    return c


_PLACEHOLDER = re.compile(r"\{(\d+)\}")


def span_latex(math: str, args, latex_of) -> str:
    r"""A math span as LaTeX, its ``{n}`` placeholders filled with the LaTeX of ``args[n]``
    (a SymPy value through ``latex_of``, a string as Unicode math).

    >>> import sympy
    >>> span_latex("∂ℓ/∂{0}", (sympy.Symbol("w_1"),), sympy.latex)
    '\\partial\\ell/\\partial w_{1}'
    >>> span_latex("x² + {0}", (1,), sympy.latex)
    'x^{2} + 1'
    """
    def value(m):
        v = args[ord(m.group(0)) - 0xE000]
        if isinstance(v, str):
            return to_latex(v)
        return latex_of(sympy.sympify(v))

    # Placeholders pass the conversion as private-use characters (x² becomes x^{2}, not {2}).
    marked = _PLACEHOLDER.sub(lambda m: chr(0xE000 + int(m.group(1))), math)
    return re.sub("[\ue000-\ue0ff]", value, to_latex(marked))
