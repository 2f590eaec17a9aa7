"""Safe text → SymPy: Python-style text and LaTeX read through a whitelist, never evaluated.

``grammar`` holds the names, limits and checks both syntaxes share; ``python`` and ``latex``
are the two readers; ``core`` the public functions that choose one.
"""

from .core import parse, symbol, symbols
from .grammar import (
    MAX_DEPTH,
    MAX_LATEX_LENGTH,
    MAX_LENGTH,
    MAX_LITERAL_DIGITS,
    MAX_NAME_LENGTH,
    is_identifier,
)

__all__ = ["MAX_DEPTH", "MAX_LATEX_LENGTH", "MAX_LENGTH", "MAX_LITERAL_DIGITS", "MAX_NAME_LENGTH",
           "is_identifier", "parse", "symbol", "symbols"]
