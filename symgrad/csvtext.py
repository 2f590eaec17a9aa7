"""CSV text as people save it: a comma, a semicolon (spreadsheets in much of Europe and Asia)
or a tab between fields, and maybe a byte-order mark — read the same everywhere.

>>> dialect_of("student;problem;answer\\nLi;d/dx: x^2;2x\\n").delimiter
';'
>>> dialect_of("a,b\\n1,2\\n").delimiter
','
"""

from __future__ import annotations

import csv
import io  # noqa: F401 - the doctests use it
from collections.abc import Iterable, Iterator
from itertools import chain, islice

__all__ = ["DELIMITERS", "dialect_of", "lines_with_dialect"]

#: The field separators recognised; anything else reads as one column.
DELIMITERS = ",;\t"
#: How many lines the sniffer looks at.
SAMPLE_LINES = 20


def dialect_of(sample: str) -> type[csv.Dialect]:
    """The CSV dialect of ``sample`` (the file's first lines): its delimiter is the one of
    ``DELIMITERS`` that the header line uses, else a comma.

    A cell may hold a comma inside a formula (``max(x, 0)``) of a ``;`` file, so the header
    line decides, not a count over the whole sample.
    """
    header = sample.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    if counts[best] == 0 or best == ",":
        return csv.excel
    try:
        return csv.Sniffer().sniff(sample, delimiters=best)
    except csv.Error:
        dialect = type("Dialect", (csv.excel,), {"delimiter": best})
        return dialect


def lines_with_dialect(lines: Iterable[str]) -> tuple[Iterator[str], type[csv.Dialect]]:
    """The same lines (nothing consumed) and the dialect their first lines show.

    >>> lines, dialect = lines_with_dialect(io.StringIO("x;y\\n1;2\\n"))
    >>> dialect.delimiter, list(csv.reader(lines, dialect))
    (';', [['x', 'y'], ['1', '2']])
    """
    iterator = iter(lines)
    head = list(islice(iterator, SAMPLE_LINES))
    return chain(head, iterator), dialect_of("".join(
        h if h.endswith("\n") else h + "\n" for h in head))
