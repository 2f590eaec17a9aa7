"""The names symgrad gives its symbols, read once for every printer.

A network's weight is typed ``W2_1_3`` (layer 2, unit 1, input 3) and a bias ``b1_2``; a
layer's or an iterate's quantity is named ``z^(1)_2`` or ``x^(3)``; a function applied to a
named quantity is ``sigma'(z^(1)_2)``.  :func:`parse` reads such a name into its parts, and each
printer writes the parts its way: LaTeX as a textbook does (W^{(2)}_{13}, z^{(1)}_{2},
σ'(z^{(1)}_{2})), the terminal's Unicode with a superscript layer (z⁽¹⁾_2, σ′(z⁽¹⁾_2)).

The terminal writes a weight or a bias as it is typed (``W2_1_3``), on purpose: a student
pastes it back into ``derive(loss, wrt="W2_1_3")``, ``--wrt`` or an answer, and the checker
reads it as the same symbol.

>>> parse("W2_1_3")
Name(kind='weight', base='W', upper='2', lower=('1', '3'), primes=0, inner=None)
>>> parse("sigma'(z^(1)_2)").inner.upper
'1'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import param_position

__all__ = ["Name", "parse"]

_APPLIED = re.compile(r"([A-Za-z]+)('*)\((.+)\)")
_UPPER = re.compile(r"(.+)\^\((.+)\)(?:_(.+))?")


@dataclass(frozen=True)
class Name:
    """The parts of a symbol's name.

    * ``kind``: "weight" (W2_1_3), "bias" (b1_2), "applied" (sigma'(z^(1)_2)), "upper"
      (z^(1)_2, x^(3)) or "plain" (anything else: x, w1, alpha);
    * ``base``: the letter or word (W, b, sigma, z, x);
    * ``upper``: the layer or iterate, else None; ``lower``: the indices;
    * ``primes``: how many primes a function's name carries; ``inner``: what it is applied to.

    >>> parse("z^(1)_2")
    Name(kind='upper', base='z', upper='1', lower=('2',), primes=0, inner=None)
    >>> parse("x").kind
    'plain'
    """

    kind: str
    base: str
    upper: str | None = None
    lower: tuple[str, ...] = ()
    primes: int = 0
    inner: Name | None = None


def parse(name: str) -> Name:
    """The parts of the symbol name ``name`` (see :class:`Name`).

    >>> parse("b1_2")
    Name(kind='bias', base='b', upper='1', lower=('2',), primes=0, inner=None)
    >>> parse("relu'(z^(2)_1)").primes, parse("relu'(z^(2)_1)").base
    (1, 'relu')
    """
    if (at := param_position(name)) is not None:  # a network's W2_1_3 or b1_2
        l, j, k = at
        if k is None:
            return Name("bias", "b", str(l), (str(j),))
        return Name("weight", "W", str(l), (str(j), str(k)))
    if m := _APPLIED.fullmatch(name):
        return Name("applied", m[1], primes=len(m[2]), inner=parse(m[3]))
    if m := _UPPER.fullmatch(name):
        return Name("upper", m[1], m[2], (m[3],) if m[3] else ())
    return Name("plain", name)
