"""Words in every language: gettext catalogues, the language in force, and what fills them.

The catalogues are gettext ``.po`` files, one per language,
``locale/<lang>/LC_MESSAGES/symgrad.po``, compiled to the ``.mo`` files beside them that
:mod:`symgrad.i18n.language` reads with Python's :mod:`gettext` (the English catalogue is the
fallback of every other).  ``locale/symgrad.pot`` is the template, made by Babel's extraction
(``make messages``; the keywords are in pyproject.toml's ``[tool.babel]``).

**A message id is a catalogue key** (``"rule.chain"``), not the English sentence, because:

- the same English words need different translations by where they stand (``"loss.bce"`` in a
  title and ``"sample.bce"`` in a row are both "binary cross-entropy" in English);
- the sentences are long and are reworded: a reworded English sentence keeps its key, so the
  Chinese translation stays attached to it instead of turning fuzzy, and a reworded
  placeholder order does not silently swap values in another language;
- outlines, verdicts and messages hold keys (:class:`~symgrad.i18n.values.Words`,
  :class:`~symgrad.i18n.language.Said`), and tests name messages by key in both languages.

So English is a translation like any other (``en/LC_MESSAGES/symgrad.po`` holds the English
text), and a translator starts from the template and reads the English ``.po`` beside it.

Keys are literal strings where they are used (``said("err.budget.too-deep")``,
``Words("head.results")``); a key chosen at run time comes from a literal table
(:mod:`symgrad.i18n.keys`, marked ``N_``), so that extraction finds every key and
tests/test_messages.py can hold the extracted keys equal to each catalogue's.  A message that
varies with a count is one plural entry (``nsaid``, ``nwords``, ``nphrase``: ``ngettext``).
"""
