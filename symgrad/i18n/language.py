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

from ..errors import said

#: The languages symgrad writes, with their catalogue modules (symgrad.render.words_<code>).
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
