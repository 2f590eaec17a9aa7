"""The tables the MathML typesetter reads: LaTeX commands to characters, operators, fonts,
fences, matrices and spacing (see :mod:`symgrad.render.printers.mathml`)."""

from __future__ import annotations

GREEK = {name: chr(code) for name, code in (
    ("alpha", 0x3B1), ("beta", 0x3B2), ("gamma", 0x3B3), ("delta", 0x3B4), ("epsilon", 0x3F5),
    ("varepsilon", 0x3B5), ("zeta", 0x3B6), ("eta", 0x3B7), ("theta", 0x3B8),
    ("vartheta", 0x3D1), ("iota", 0x3B9), ("kappa", 0x3BA), ("lambda", 0x3BB), ("mu", 0x3BC),
    ("nu", 0x3BD), ("xi", 0x3BE), ("pi", 0x3C0), ("rho", 0x3C1), ("sigma", 0x3C3),
    ("tau", 0x3C4), ("upsilon", 0x3C5), ("phi", 0x3D5), ("varphi", 0x3C6), ("chi", 0x3C7),
    ("psi", 0x3C8), ("omega", 0x3C9), ("Gamma", 0x393), ("Delta", 0x394), ("Theta", 0x398),
    ("Lambda", 0x39B), ("Xi", 0x39E), ("Pi", 0x3A0), ("Sigma", 0x3A3), ("Upsilon", 0x3A5),
    ("Phi", 0x3A6), ("Psi", 0x3A8), ("Omega", 0x3A9))}

# Upright identifiers: symbols that are not variables.
UPRIGHT = {"partial": "∂", "nabla": "∇", "infty": "∞", "emptyset": "∅", "Re": "ℜ", "Im": "ℑ"}
ITALIC = {"ell": "ℓ", "hbar": "ℏ", "imath": "ı", "jmath": "ȷ"}

OPERATORS = {
    "cdot": "⋅", "times": "×", "odot": "⊙", "otimes": "⊗", "oplus": "⊕", "pm": "±", "mp": "∓",
    "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
    "equiv": "≡", "sim": "∼", "propto": "∝", "to": "→", "rightarrow": "→", "Rightarrow": "⇒",
    "implies": "⇒", "iff": "⇔", "Leftrightarrow": "⇔", "leftarrow": "←", "Leftarrow": "⇐",
    "mapsto": "↦", "in": "∈", "notin": "∉", "subset": "⊂", "subseteq": "⊆", "cup": "∪",
    "cap": "∩", "setminus": "∖", "circ": "∘", "ldots": "…", "dots": "…", "cdots": "⋯",
    "vdots": "⋮", "ddots": "⋱", "vert": "|", "mid": "|", "lvert": "|", "rvert": "|", "|": "‖",
    "Vert": "‖", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    "langle": "⟨", "rangle": "⟩", "{": "{", "}": "}", "lbrace": "{", "rbrace": "}",
    "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "neg": "¬", "lnot": "¬", "forall": "∀",
    "exists": "∃", "prime": "′", "star": "⋆", "ast": "∗", "colon": ":", "%": "%", "#": "#",
    "&": "&", "$": "$", "_": "_", "bullet": "∙", "div": "÷", "perp": "⊥", "parallel": "∥",
}
LARGE = {"sum": "∑", "prod": "∏", "int": "∫", "bigcup": "⋃", "bigcap": "⋂", "coprod": "∐"}
FUNCTIONS = frozenset(
    "log ln exp sin cos tan cot sec csc sinh cosh tanh coth arcsin arccos arctan max min det "
    "lim sup inf arg sgn gcd deg dim ker Pr".split())
SPACES = {"quad": "1em", "qquad": "2em", ",": "0.167em", ":": "0.222em", ";": "0.278em",
           " ": "0.25em", "enspace": "0.5em", "thinspace": "0.167em", "!": "0em"}
IGNORED = frozenset("displaystyle textstyle scriptstyle limits nolimits nonumber notag "
                     "big Big bigg Bigg bigl bigr Bigl Bigr biggl biggr".split())
TEXT_COMMANDS = frozenset("text textrm textit textbf mbox textnormal textsf texttt".split())
FONT_COMMANDS = {"mathrm": "normal", "operatorname": "normal", "mathit": None,
                  "mathsf": "normal", "mathbf": "bold", "boldsymbol": "bold", "mathbb": "normal",
                  "mathcal": "normal", "mathtt": "normal", "mathfrak": "normal"}
DOUBLE_STRUCK = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼", "P": "ℙ"}
ACCENTS = {"bar": "¯", "overline": "¯", "hat": "^", "widehat": "^", "tilde": "~",
            "widetilde": "~", "vec": "→", "dot": "˙", "ddot": "¨"}
FENCES = {"(": "(", ")": ")", "[": "[", "]": "]", "|": "|", ".": "", "\\{": "{", "\\}": "}",
           "\\lbrace": "{", "\\rbrace": "}", "\\langle": "⟨", "\\rangle": "⟩", "\\|": "‖",
           "\\Vert": "‖", "\\lvert": "|", "\\rvert": "|", "\\lfloor": "⌊", "\\rfloor": "⌋",
           "\\lceil": "⌈", "\\rceil": "⌉", "<": "⟨", ">": "⟩"}
MATRICES = {"matrix": ("", ""), "pmatrix": ("(", ")"), "bmatrix": ("[", "]"),
             "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"),
             "smallmatrix": ("", ""), "cases": ("{", ""), "aligned": ("", ""),
             "array": ("", ""), "split": ("", ""), "gathered": ("", "")}
TEXT_ESCAPES = {"textbackslash": "\\", "{": "{", "}": "}", "_": "_", "%": "%", "&": "&",
                 "#": "#", "$": "$", "^": "^", "~": "~", " ": " ", "textasciitilde": "~",
                 "textasciicircum": "^", "ldots": "…", "textendash": "–", "textemdash": "—"}
SUPERSCRIPT_DIGITS = dict(zip("0123456789()-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾⁻⁺", strict=True))
# Content that makes \left( … \right) grow with it.
TALL = ("<mfrac", "<mtable", "largeop", "<munderover", "<mover", "<munder")
# Operators that separate (no stretch): the rest of the ASCII punctuation is an <mo> too.
ASCII_OPERATORS = set("+-=<>,;:!/|()[]'.*?@")
