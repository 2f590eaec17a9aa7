"""How a step, a caveat or a kink reads: the renderers' business, registered here.

:mod:`symgrad.render.printers.text` (and the index form's builder) register their printers with
:func:`print_with` when they are imported (importing symgrad imports them), so the computing
modules that word a step (``Step.text()``, ``Step.caveat``, ``IndexDerivation.caveats``) call
:func:`printed` and import no renderer.
"""

from __future__ import annotations

from collections.abc import Callable

#: kind → printer, filled by the renderers.
_PRINTERS: dict[str, Callable] = {}


def print_with(kind: str, printer: Callable) -> None:
    """Register the function that prints a step tree (``"steps"``), a caveat (``"caveat"``) or a
    kink (``"kink"``).

    >>> sorted(_PRINTERS)
    ['caveat', 'kink', 'steps']
    """
    _PRINTERS[kind] = printer


def printed(kind: str, value) -> str:
    """``value`` as the registered printer of ``kind`` writes it (see :func:`print_with`).

    >>> import sympy
    >>> import symgrad  # noqa: F401 - importing symgrad registers the printers
    >>> printed("kink", sympy.Eq(sympy.Symbol("u"), 0))
    'not differentiable where some u = 0'
    """
    return _PRINTERS[kind](value)
