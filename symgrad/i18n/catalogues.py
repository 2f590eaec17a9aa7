"""The compiled gettext catalogues symgrad reads: ``locale/<lang>/LC_MESSAGES/symgrad.mo``.

Read with Python's own :mod:`gettext` (no Babel at run time; Babel extracts and compiles, see
``make messages``).  Each language falls back to English for a key it lacks, and English to an
error: gettext alone would print an unknown key as if it were the text.

>>> translations("en").gettext("rule.sum")
'sum rule'
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

__all__ = ["DOMAIN", "LOCALE_DIR", "translations"]

#: The gettext domain and the folder of the catalogues.
DOMAIN = "symgrad"
LOCALE_DIR = Path(__file__).with_name("locale")


class _Catalogue(gettext.GNUTranslations):
    """A compiled catalogue (``.mo``) whose entries can also be listed (:func:`catalogue`)."""

    def __init__(self, fp=None):
        super().__init__(fp)
        #: The entry of a key, or None: the catalogue's own ``dict.get``, so that the lookups
        #: symgrad makes millions of times cost no Python call (a miss goes to ``gettext``).
        self.hit = self._catalog.get

    def entries(self) -> dict:
        plain = {k: v for k, v in self._catalog.items() if isinstance(k, str) and k}
        forms: dict = {}
        for (key, _), text in sorted((k, v) for k, v in self._catalog.items()
                                     if isinstance(k, tuple)):
            forms[key] = (*forms.get(key, ()), text)
        return {**plain, **forms}


class _Missing(gettext.NullTranslations):
    """The end of every fallback chain: a key no catalogue has is an error, not its own text."""

    def gettext(self, message):
        raise KeyError(f"no words for {message!r} in the catalogue")

    def ngettext(self, msgid1, msgid2, n):
        raise KeyError(f"no words for {msgid1!r} in the catalogue")


@functools.cache
def translations(lang: str) -> _Catalogue:
    """The compiled catalogue of ``lang`` (``locale/<lang>/LC_MESSAGES/symgrad.mo``), read once,
    falling back to English for a key it lacks (tests/test_language.py fails on such a gap).

    >>> translations("zh").gettext("rule.sum")
    '加法法则'
    >>> translations("zh").ngettext("plot.iteration", "plot.iterations", 3).format(3)
    '3 次迭代'
    """
    found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], class_=_Catalogue)
    found.add_fallback(translations("en") if lang != "en" else _Missing())
    return found
