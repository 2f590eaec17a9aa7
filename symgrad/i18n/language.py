"""The language a document's words are in: English by default, ``SYMGRAD_LANG`` or ``lang=``.

Only the words change with the language; the outline (its mathematics) never does.  The
language in force is a context variable, so a renderer looks words up without passing the
language through every call: entry points (``to_latex(lang=…)``, ``text(lang=…)``, the CLI's
``--lang``) enter :func:`language` around their work.

>>> current()
'en'
>>> with language("zh"):
...     current()
'zh'
>>> with language(None):  # None keeps the language in force (the environment's default)
...     current()
'en'
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import os
import pickle

from .catalogues import translations
from .keys import TERMS
from .marked import Marked, unmarked
from .values import (  # noqa: F401 - re-exported: what messages are made of
    PRINTERS,
    Value,
    Words,
    approx,
    assignments,
    coordinates,
    fill,
    formula,
    nwords,
    shown,
)

#: The languages symgrad writes: each has ``locale/<code>/LC_MESSAGES/symgrad.po`` (and .mo).
LANGUAGES = ("en", "zh")
#: The environment variable that sets the default language.
ENV = "SYMGRAD_LANG"

_CURRENT: contextvars.ContextVar[str | None] = contextvars.ContextVar("symgrad_lang", default=None)
_PROCESS_DEFAULT: list[str | None] = [None]


def checked(lang: str) -> str:
    """``lang`` as a language code symgrad knows ("zh-CN" reads as "zh"), else a ValueError.

    >>> checked("zh_CN.UTF-8")
    'zh'
    >>> checked("fr")
    Traceback (most recent call last):
    ...
    ValueError: unknown language 'fr'; symgrad speaks en, zh
    """
    code = str(lang).strip().lower().replace("_", "-").split(".")[0].split("-")[0]
    if code not in LANGUAGES:
        raise ValueError(said("err.language.unknown", lang, ", ".join(LANGUAGES)))
    return code


def current() -> str:
    """The language in force: the innermost :func:`language`, else the process default (the
    CLI's ``--lang``, seen by every thread, e.g. a web server's), else ``SYMGRAD_LANG``, else en."""
    lang = _CURRENT.get() or _PROCESS_DEFAULT[0]
    if lang is not None:
        return lang
    env = os.environ.get(ENV, "").strip()
    return checked(env) if env else "en"


@contextlib.contextmanager
def language(lang: str | None):
    """Render in ``lang`` inside the ``with`` block (None: keep the language in force)."""
    if lang is None:
        yield current()
        return
    token = _CURRENT.set(checked(lang))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


def speaks(fn):
    """Give a renderer a ``lang=`` keyword: it runs inside :func:`language` of that language.

    >>> @speaks
    ... def hello():
    ...     return current()
    >>> hello(lang="zh"), hello()
    ('zh', 'en')
    """
    if getattr(fn, "speaks", False):
        return fn

    @functools.wraps(fn)
    def in_language(*args, lang: str | None = None, **kwargs):
        with language(lang):
            return fn(*args, **kwargs)

    in_language.speaks = True
    return in_language


@contextlib.contextmanager
def process_default(lang: str | None):
    """The default language of every thread inside the ``with`` block (None: no change).

    A ``language()`` block is seen by its own thread only; the command line sets both, so
    that threads it starts (``symgrad serve``) speak its ``--lang`` too.

    >>> with process_default("zh"):
    ...     current()
    'zh'
    """
    old = _PROCESS_DEFAULT[0]
    if lang is not None:
        _PROCESS_DEFAULT[0] = checked(lang)
    try:
        yield current()
    finally:
        _PROCESS_DEFAULT[0] = old


def chosen_by_command_line() -> str | None:
    """The language the command line chose (``--lang``), or None when it chose none.

    >>> with process_default("zh"):
    ...     chosen_by_command_line()
    'zh'
    """
    return _PROCESS_DEFAULT[0]



def catalogue(lang: str | None = None) -> dict:
    """Every entry of ``lang`` (default: the language in force) by key; a message with plural
    forms is the tuple of its forms, under its singular key.

    >>> catalogue("zh")["rule.sum"]
    '加法法则'
    >>> catalogue("en")["plot.iteration"]
    ('{0} iteration', '{0} iterations')
    """
    return translations(checked(lang) if lang is not None else current()).entries()


def phrase(key: str, lang: str | None = None, marked: bool = False) -> str:
    """The words for ``key`` in ``lang`` (default: the language in force).

    A key another language lacks falls back to English (tests/test_language.py fails on such a
    gap); a key no catalogue has is a KeyError.  Math in a phrase is marked ``$…$`` (see
    :mod:`symgrad.i18n.marked`); ``marked=True`` keeps the marks for the renderers that
    typeset it, otherwise they are dropped.

    >>> phrase("para.network").split(",")[0]
    'Each unit j of layer l adds up its weighted inputs'
    >>> phrase("para.network", marked=True).split(",")[0]
    'Each unit $j$ of layer $l$ adds up its weighted inputs'
    """
    found = translations(checked(lang) if lang is not None else current())
    text = found.hit(key) or found.gettext(key)
    return text if marked else unmarked(text)


def nphrase(key: str, plural: str, count: int, lang: str | None = None,
            marked: bool = False) -> str:
    """The words for ``count`` things: ``key``'s entry in the singular, ``plural``'s otherwise,
    as the language's ``Plural-Forms`` decide (``ngettext``; Chinese has one form).

    >>> nphrase("plot.iteration", "plot.iterations", 1), nphrase("plot.iteration",
    ...     "plot.iterations", 2)
    ('{0} iteration', '{0} iterations')
    """
    found = translations(checked(lang) if lang is not None else current())
    text = found.ngettext(key, plural, count)
    return text if marked else unmarked(text)


def phrase_of(words: Words, marked: bool = False) -> str:
    """The catalogue entry of a document's :class:`Words` (its plural form when it has one).

    >>> from symgrad.i18n.values import nwords
    >>> phrase_of(nwords("kmeans.summary.iteration", "kmeans.summary.iterations", 1, 1))
    '{0} iteration'
    """
    if words.plural is not None:
        return nphrase(words.key, words.plural, words.count, marked=marked)
    return phrase(words.key, marked=marked)


class Said:
    """A message by catalogue key (``locale/<lang>/LC_MESSAGES/symgrad.po``) and values, worded
    when printed (a message that varies with a count: :func:`nsaid`).

    The values fill ``{0}``, ``{1}`` … of the catalogue entry with ``str.format`` (so ``{0!r}``
    and ``{0:g}`` work); a formula or a parser position passed as a value stays verbatim.  A
    value that is one of the catalogue's terms (key ``term.<words>``, e.g. "the formula") is
    worded too, and a value that is itself a :class:`Said` is worded in the same language.

    >>> str(said("err.budget.time-budget-must-be", -1))
    'a time budget must be a positive number of seconds, not -1'
    >>> from symgrad.i18n.language import language
    >>> with language("zh"):
    ...     str(said("err.parsing.cannot-read", "the formula", "2x+", "?"))
    '无法读取公式 2x+：?'
    """

    def __init__(self, key: str, *values, plural: str | None = None, count: int | None = None):
        self.key = key
        self.values = values
        self.plural = plural
        self.count = count

    def _entry(self, found) -> str:
        if self.plural is None:
            return found.hit(self.key) or found.gettext(self.key)
        return found.ngettext(self.key, self.plural, self.count)

    def __str__(self) -> str:
        return unmarked(self.marked())

    def marked(self) -> Marked:
        """The message with its math marked ``$…$`` (symgrad.i18n.marked), for documents:
        a formula among the values (:func:`formula`, :func:`coordinates` …) is math too."""
        inside = [False]  # is the next value inside a $…$ span of the entry? then plain

        def literal(text: str) -> str:
            inside[0] ^= text.count("$") % 2 == 1
            return text

        def show(value):
            return unmarked(str(_marked_value(value))) if inside[0] else _marked_value(value)

        try:
            found = translations(current())
            entry = found.hit(self.key) if self.plural is None else None  # the usual case
            return Marked(fill(entry or self._entry(found), self.values, show=show,
                               literal=literal))
        except (KeyError, IndexError, ValueError):  # a bad language or entry: say it in English
            return Marked(fill(self._entry(translations("en")), self.values, show=shown))

    def __repr__(self) -> str:
        return repr(str(self))

    def __reduce__(self):
        """Pickled (a budgeted child sends its exception back) with values that can be: one
        that cannot is sent as its printed forms, so the message survives the trip."""
        values = tuple(map(_picklable, self.values))
        if self.plural is not None:
            return (nsaid, (self.key, self.plural, self.count, *values))
        return (Said, (self.key, *values))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __eq__(self, other) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        # Equal to its wording (as a str is), so hashed like it: a Said and the str it reads as
        # are one dict key.
        return hash(str(self))

    def __contains__(self, part: str) -> bool:
        return part in str(self)

    def __add__(self, other) -> str:
        return str(self) + str(other)

    def __radd__(self, other) -> str:
        return str(other) + str(self)

    def __getattr__(self, name: str):
        """A str method (``startswith``, ``replace`` …) of the message as worded now."""
        if name.startswith("_") or not hasattr(str, name):
            raise AttributeError(name)
        return getattr(str(self), name)

    def __getitem__(self, index) -> str:
        return str(self)[index]

    def __len__(self) -> int:
        return len(str(self))


class _Shown:
    """A value that could not be pickled, as its str and repr (all a message needs)."""

    def __init__(self, value):
        self.text, self.shown = str(value), repr(value)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return self.shown

    def __format__(self, spec: str) -> str:
        return format(self.text, spec)


def _picklable(value):
    if value is None or isinstance(value, (str, int, float, Said, _Shown, Value)):
        return value
    try:
        pickle.dumps(value)
    except Exception:  # noqa: BLE001 - whatever stops pickling, the printed forms travel
        return _Shown(value)
    return value


def _marked_value(value):
    if isinstance(value, Said) or callable(getattr(value, "marked", None)):
        return Marked(value.marked())  # a message, or a result that marks its own math
    if isinstance(value, Value):
        return f"${shown(value)}$"
    return _term(value)


def _term(value):
    """``value``, worded in the language in force if it is one of the catalogue's terms
    (symgrad.i18n.keys.TERMS), or shown by the printer of its kind if it is a :class:`Value`."""
    if isinstance(value, str) and type(value) is str:
        return phrase(TERMS[value], marked=True) if value in TERMS else value
    return shown(value)


def cat(*parts) -> Said:
    """The parts one after the other, each worded when the whole is printed ("" parts vanish).

    >>> from symgrad.i18n.language import language
    >>> message = cat(said("check.right"), said("check.note", "x"))
    >>> print(message)
    Right. Note: x
    >>> with language("zh"):
    ...     print(message)
    正确。注意：x
    """
    parts = [p for p in parts if p is not None and (isinstance(p, Said) or str(p))]
    if not parts:
        return Said("said.cat", "", "")
    whole = parts[0] if isinstance(parts[0], Said) else Said("said.cat", parts[0], "")
    for part in parts[1:]:
        whole = Said("said.cat", whole, part)
    return whole


def said(key: str, *values) -> Said:
    """The message ``key`` of the catalogue with ``values``, worded when printed.

    >>> said("err.budget.positive-seconds", 2).key
    'err.budget.positive-seconds'
    """
    return Said(key, *values)


def nsaid(key: str, plural: str, count: int, *values) -> Said:
    """The message ``key`` for one thing, ``plural`` for ``count`` things, as the language's
    plural rule says (``ngettext``), with ``values``.

    >>> print(nsaid("trace.increased", "trace.increased-many", 2, "1, 3"))
    f increased at steps 1, 3: α may be too large (the path overshoots)
    """
    return Said(key, *values, plural=plural, count=count)
