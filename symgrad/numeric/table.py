"""Training data from CSV text and starting values from ``a=1, b=0`` — read the same way by
``symgrad fit`` and the web page's Fit form.

>>> import io
>>> read_data(io.StringIO("x;y\\n1;2\\n2;4\\n"), ["x"], "y", "d.csv")
([[1.0], [2.0]], [2.0, 4.0])
>>> assignments("w=1, b=0")
{'w': 1.0, 'b': 0.0}
"""

from __future__ import annotations

import csv

from ..csvtext import lines_with_dialect
from ..errors import UsageError, said

__all__ = ["assignments", "read_data", "read_start"]


def assignments(text: str | None) -> dict[str, float] | None:
    """``name=value`` pairs separated by commas, as floats (None for no text)."""
    if not text:
        return None
    out = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        if not sep:
            raise UsageError(said('err.cli.cannot-read-expected-name', part))
        try:
            out[name.strip()] = float(value)
        except ValueError:
            raise UsageError(said('err.cli.cannot-read-not-number', part, value)) from None
    return out


def read_start(text: str) -> dict[str, str]:
    """Split ``x=1,y=1/2`` into names and number texts (the numbers are read later, exactly).

    >>> read_start("x=1, y=1/2")
    {'x': '1', 'y': '1/2'}
    """
    out: dict[str, str] = {}
    for part in text.split(","):
        name, sep, value = part.partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name or not value:
            raise UsageError(said('err.cli_analysis.cannot-read-in-start', part.strip()))
        if name in out:
            raise UsageError(said('err.cli_analysis.start-gives-twice', name))
        out[name] = value
    return out


def read_data(stream, inputs: list[str], target: str, name: str):
    """The input columns and the target column of CSV text as float lists.

    ``stream`` is an open text stream (a file opened with ``newline=""``, standard input);
    ``name`` names it in errors.  Fields may be separated by commas, semicolons or tabs.
    """
    try:
        lines, dialect = lines_with_dialect(_without_bom(stream))
        reader = csv.DictReader(lines, dialect=dialect)
        rows = list(reader)
    except UnicodeDecodeError:
        raise UsageError(said('err.cli.cannot-read-it-not', name)) from None
    except csv.Error as e:
        raise UsageError(said('err.cli.cannot-read', name, e)) from None
    if not rows:
        raise UsageError(said('err.cli.has-no-data-rows', name))
    missing = [c for c in (*inputs, target) if c not in rows[0]]
    if missing:
        raise UsageError(
            said('err.cli.has-no-column-its', name, ', '.join(missing), ', '.join(rows[0])))
    X, y = [], []
    for line, row in enumerate(rows, start=2):
        if None in row or None in row.values():
            fields = sum(v is not None for k, v in row.items() if k is not None)
            fields += len(row.get(None, ()))
            raise UsageError(said('err.cli.line-fields-but-header',
                                  name, line, fields, len(reader.fieldnames)))
        try:
            X.append([float(row[c]) for c in inputs])
            y.append(float(row[target]))
        except (TypeError, ValueError):
            raise UsageError(said('err.cli.line-expected-numbers-got', name, line, row)) from None
    return X, y


def _without_bom(lines):
    # utf-8-sig for files; standard input and uploads may still start with the mark
    for k, line in enumerate(lines):
        yield line.removeprefix("\ufeff") if k == 0 else line
