"""The LaTeX preambles of symgrad's documents: packages and the Unicode pdflatex must know."""

from __future__ import annotations

from .pdf import UNICODE_COMMANDS

# Characters symgrad's Unicode text uses, for pdflatex (which reads UTF-8 but knows few).
_UNICODE = {
    "²": r"\ensuremath{^2}", "³": r"\ensuremath{^3}", "⁰": r"\ensuremath{^0}",
    "¹": r"\ensuremath{^1}", "⁴": r"\ensuremath{^4}", "⁵": r"\ensuremath{^5}",
    "⁶": r"\ensuremath{^6}", "⁷": r"\ensuremath{^7}", "⁸": r"\ensuremath{^8}",
    "⁹": r"\ensuremath{^9}", "⁻": r"\ensuremath{^-}", "⁽": r"\ensuremath{^(}",
    "⁾": r"\ensuremath{^)}", "ˡ": r"\ensuremath{^l}", "⁺": r"\ensuremath{^+}",
    "ᵀ": r"\ensuremath{^{\mathsf T}}", "ᵢ": r"\ensuremath{_i}", "ⱼ": r"\ensuremath{_j}",
    "ᵏ": r"\ensuremath{^k}",
    "ₗ": r"\ensuremath{_l}", "ₖ": r"\ensuremath{_k}",
    "₀": r"\ensuremath{_0}", "₁": r"\ensuremath{_1}", "₂": r"\ensuremath{_2}",
    "₃": r"\ensuremath{_3}", "₄": r"\ensuremath{_4}", "₅": r"\ensuremath{_5}",
    "₆": r"\ensuremath{_6}", "₇": r"\ensuremath{_7}", "₈": r"\ensuremath{_8}",
    "₉": r"\ensuremath{_9}", "·": r"\ensuremath{\cdot}", "−": r"\ensuremath{-}",
    "σ": r"\ensuremath{\sigma}", "√": r"\ensuremath{\surd}", "Σ": r"\ensuremath{\Sigma}",
    "∂": r"\ensuremath{\partial}", "⇒": r"\ensuremath{\Rightarrow}",
    "⇔": r"\ensuremath{\Leftrightarrow}", "≈": r"\ensuremath{\approx}",
    "≠": r"\ensuremath{\neq}", "≤": r"\ensuremath{\leq}", "≥": r"\ensuremath{\geq}",
    "⊙": r"\ensuremath{\odot}", "α": r"\ensuremath{\alpha}", "δ": r"\ensuremath{\delta}",
    "ℓ": r"\ensuremath{\ell}", "×": r"\ensuremath{\times}", "←": r"\ensuremath{\leftarrow}",
    "→": r"\ensuremath{\rightarrow}", "∇": r"\ensuremath{\nabla}", "⚠": "(!)",
    "′": r"\ensuremath{'}", "″": r"\ensuremath{''}", "‴": r"\ensuremath{'''}",
    "‖": r"\ensuremath{\|}", "…": r"\ldots{}",
    "∞": r"\ensuremath{\infty}", "∈": r"\ensuremath{\in}",
    "φ": r"\ensuremath{\varphi}", "μ": r"\ensuremath{\mu}", "θ": r"\ensuremath{\theta}",
    "λ": r"\ensuremath{\lambda}", "π": r"\ensuremath{\pi}", "∑": r"\ensuremath{\sum}",
    "✓": "(ok)", "✗": "(x)",
}

_PREAMBLE = r"""\usepackage[utf8]{inputenc}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
""" + "".join(
    f"\\DeclareUnicodeCharacter{{{ord(c):04X}}}{{{v}}}\n"
    for c, v in {**UNICODE_COMMANDS, **_UNICODE}.items()
)

#: An A4 amsmath article; its many short paragraphs apart, not indented (parskip); a display
#: taller than what is left of a page may break between its rows (else it runs off the page).
ARTICLE = (r"\documentclass[11pt]{article}" "\n" r"\usepackage[margin=2.2cm]{geometry}" "\n"
           r"\usepackage{parskip}" "\n" r"\usepackage{needspace}" "\n" + _PREAMBLE
           + r"\allowdisplaybreaks[1]" "\n")

#: A 16:9 Beamer deck without navigation symbols.
BEAMER = (r"\documentclass[aspectratio=169,11pt]{beamer}" "\n" + _PREAMBLE
          + r"\setbeamertemplate{navigation symbols}{}" "\n")
