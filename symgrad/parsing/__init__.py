"""Safe text → SymPy: Python-style text and LaTeX read through a whitelist, never evaluated.

``core`` holds the public functions, names, limits and the checks both syntaxes share;
``python`` and ``latex`` are the two readers.
"""

from .core import (
    MAX_DEPTH,
    MAX_LATEX_LENGTH,
    MAX_LENGTH,
    MAX_LITERAL_DIGITS,
    MAX_NAME_LENGTH,
    is_identifier,
    parse,
    symbol,
    symbols,
)

__all__ = ["MAX_DEPTH", "MAX_LATEX_LENGTH", "MAX_LENGTH", "MAX_LITERAL_DIGITS", "MAX_NAME_LENGTH",
           "is_identifier", "parse", "symbol", "symbols"]
