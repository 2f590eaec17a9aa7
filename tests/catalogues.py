"""The catalogues as translators edit them: the .po files under symgrad/i18n/locale (read with
Babel), for the tests that hold both languages to the same keys, placeholders and punctuation."""

from __future__ import annotations

import functools
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "symgrad" / "i18n" / "locale"
LANGUAGES = ("en", "zh")


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "symgrad.po"


@functools.cache
def po(lang: str):
    """The Babel catalogue of ``lang``'s .po file."""
    with po_path(lang).open("rb") as f:
        return read_po(f)


@functools.cache
def entries(lang: str) -> dict[str, str]:
    """Key → text; a message with plural forms gives its singular key the first form and its
    plural key the last (Chinese has one form: both keys read it)."""
    out: dict[str, str] = {}
    for m in po(lang):
        if not m.id:
            continue
        if isinstance(m.id, tuple):
            forms = m.string if isinstance(m.string, tuple) else (m.string,)
            out[m.id[0]], out[m.id[1]] = forms[0], forms[-1]
        else:
            out[m.id] = m.string
    return out


ENGLISH = entries("en")
CHINESE = entries("zh")
