"""SymPy objects given to the API, held to the rules of typed text.

Text is built from a whitelist, so whatever symgrad reads from it passes; an object built in
Python can hold anything.  A class's name and its printing methods reach generated NumPy code
and LaTeX, so every class in the expression must be the one SymPy or symgrad defines under its
name (``sympy.Function("f")``, an unknown function, is judged by its name like a typed one),
and a ``Sum`` or ``Product`` must have few enough terms to be written out.

>>> k, x = sympy.symbols("k x")
>>> object_problem(x * sympy.Sum(x**k, (k, 1, 3)), lambda name: None) is None
True
>>> Evil = type("print('hi') or exp", (sympy.Function,), {"__module__": "sympy"})
>>> print(object_problem(Evil(x), lambda name: None))
the class "print('hi') or exp" is not one of SymPy's or symgrad's (it comes from sympy): symgrad takes SymPy's functions, its own, and sympy.Function('name') for an unknown one
"""  # noqa: E501 - a doctest's expected output is one line

from __future__ import annotations

import sys
from collections.abc import Callable

import sympy
from sympy.core.function import AppliedUndef

from ..errors import Said, said

__all__ = ["MAX_SUM_TERMS", "object_problem", "quoted"]

#: A SymPy Sum or Product may hold at most this many terms (an API object; text has no Σ).
MAX_SUM_TERMS = 1_000


def object_problem(expr: sympy.Basic, name_problem: Callable[[str], str | None]) -> Said | None:
    """Why ``expr`` holds something text could not (None if nothing); ``name_problem(name)``
    says why a name is not valid (:func:`symgrad.parsing.is_identifier`'s rules).

    >>> x = sympy.Symbol("x")
    >>> print(object_problem(sympy.Function("f")(x), lambda name: "names are forbidden"))
    the function 'f' has an invalid name: names are forbidden
    """
    seen: set[type] = set()
    for node in sympy.preorder_traversal(expr):
        kind = type(node)
        if kind in (sympy.Sum, sympy.Product):
            problem = _terms_problem(node)
            if problem is not None:
                return problem
        if kind in seen:
            continue
        seen.add(kind)
        if isinstance(node, AppliedUndef):  # sympy.Function("f"): its name is the user's
            problem = name_problem(kind.__name__)
            if problem is not None:
                return said('err.parsing.function-has-invalid-name', quoted(kind.__name__),
                            problem)
        elif not _library_class(kind):
            return said('err.parsing.foreign-class', quoted(kind.__name__),
                        getattr(kind, "__module__", "?"))
    return None


def _library_class(kind: type) -> bool:
    """Whether ``kind`` is the class that SymPy or symgrad defines under its name (a class
    made with ``type(...)`` that only claims a SymPy module is not)."""
    module = getattr(kind, "__module__", "") or ""
    if module.split(".")[0] not in ("sympy", "symgrad"):
        return False
    found = sys.modules.get(module)
    for part in getattr(kind, "__qualname__", "").split("."):
        found = getattr(found, part, None)
    return found is kind


def _terms_problem(node: sympy.Basic) -> Said | None:
    count = 1
    for _, low, high in node.limits:
        span = high - low + 1
        if not (span.is_Integer and span >= 0):
            return said('err.parsing.sum-unbounded', quoted(node))
        count *= int(span)
    if count > MAX_SUM_TERMS:
        return said('err.parsing.sum-too-long', quoted(node), count, MAX_SUM_TERMS)
    return None


def quoted(value: object, limit: int = 60) -> str:
    """``value`` quoted as typed in a message, cut at ``limit`` characters.

    >>> print(quoted("x + " * 30))
    'x + x + x + x + x + x + x + x + x + x + x + x + x + x + x +…'
    """
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
