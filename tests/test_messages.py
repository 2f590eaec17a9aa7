"""The gettext catalogues: every key the code uses is in every language, extraction finds them
all, the compiled .mo files match the .po files, and counts choose their plural forms."""

from __future__ import annotations

import ast
import gettext
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from symgrad.i18n.language import catalogue, language, nphrase, nsaid, said
from tests.catalogues import LANGUAGES, LOCALE, po, po_path

ROOT = Path(__file__).resolve().parents[1]
#: The functions whose first argument (two, for the plural ones) is a catalogue key: the
#: keywords of pyproject.toml's [tool.babel] mapping for Python files.
KEYWORDS = {"Words", "said", "Said", "phrase", "N_", "nphrase", "nsaid", "nwords"}


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def _entries(catalog) -> dict:
    def flat(x):
        return tuple(x) if isinstance(x, (list, tuple)) else x

    return {flat(m.id): flat(m.string) for m in catalog if m.id}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The template Babel's extraction makes from the code now (as ``make messages`` does)."""
    out = tmp_path_factory.mktemp("pot") / "symgrad.pot"
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract",
                           "-F", "pyproject.toml", "--no-wrap", "--sort-output",
                           "-o", str(out), "symgrad"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    with out.open("rb") as f:
        return read_po(f)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_holds_exactly_the_keys_the_code_uses(extracted, lang):
    """Extraction over symgrad/ finds every entry of the language's .po file, and the .po file
    has an entry for every key extraction finds: nothing missing, nothing unused."""
    used, held = _ids(extracted), _ids(po(lang))
    assert sorted(used - held, key=str) == [], "keys the code uses without an entry"
    assert sorted(held - used, key=str) == [], "entries no code uses (or a computed key)"


def test_the_template_is_the_extraction(extracted):
    """The committed template symgrad.pot lists what extraction finds now (`make messages`)."""
    with (LOCALE / "symgrad.pot").open("rb") as f:
        assert _ids(read_po(f)) == _ids(extracted)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_is_the_po_file(lang):
    """The .mo file symgrad reads holds exactly the .po file's entries and plural rule: it was
    compiled after the last edit (`make messages` compiles them)."""
    with po_path(lang).with_suffix(".mo").open("rb") as f:
        compiled = read_mo(f)
    source = po(lang)
    assert _entries(compiled) == _entries(source)
    assert compiled.plural_forms == source.plural_forms


def test_every_entry_is_translated_and_none_is_fuzzy():
    """No entry is empty or marked fuzzy (gettext would fall back to English silently)."""
    for lang in LANGUAGES:
        bad = [m.id for m in po(lang) if m.id and (m.fuzzy or not all(
            m.string if isinstance(m.string, tuple) else (m.string,)))]
        assert bad == [], lang


def test_no_key_sits_inside_an_f_string():
    """A call like ``f"{phrase('or')}"`` is found by Babel only on Python 3.12 and later (where
    f-strings are tokenized): keys stay outside f-strings so that every Python extracts alike."""
    inside = []
    for path in sorted((ROOT / "symgrad").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                inside += [f"{path.relative_to(ROOT)}:{c.lineno}" for c in ast.walk(node)
                           if isinstance(c, ast.Call) and getattr(c.func, "id", "") in KEYWORDS]
    assert inside == []


def test_each_language_states_its_plural_rule():
    """English has two forms (one, other); Chinese one."""
    assert po("en").plural_forms == "nplurals=2; plural=(n != 1);"
    assert po("zh").plural_forms == "nplurals=1; plural=0;"


@pytest.mark.parametrize(("count", "en", "zh"), [
    (1, "f increased at step 4: α may be too large (the path overshoots)",
     "f 在第 4 步增大了：学习率 α 可能太大（路径冲过了头）"),
    (2, "f increased at steps 4: α may be too large (the path overshoots)",
     "f 在第 4 步增大了：学习率 α 可能太大（路径冲过了头）")])
def test_a_count_chooses_the_plural_form(count, en, zh):
    """ngettext picks the form by the count and the language's rule, in messages and phrases."""
    message = nsaid("trace.increased", "trace.increased-many", count, "4")
    assert str(message) == en
    with language("zh"):
        assert str(message) == zh
    assert nphrase("plot.iteration", "plot.iterations", count).format(count) == \
        f"{count} iteration{'s' if count != 1 else ''}"
    assert nphrase("plot.iteration", "plot.iterations", count, lang="zh").format(count) == \
        f"{count} 次迭代"


def test_a_plural_message_survives_pickling():
    """A budgeted child sends its messages back pickled: the count and both keys travel."""
    import pickle

    back = pickle.loads(pickle.dumps(nsaid("trace.increased", "trace.increased-many", 3, "1")))
    assert (back.key, back.plural, back.count, str(back)) == (
        "trace.increased", "trace.increased-many", 3,
        "f increased at steps 1: α may be too large (the path overshoots)")


def test_a_key_no_catalogue_has_is_an_error_not_its_own_text():
    """gettext would print an unknown msgid as itself; symgrad's chain ends in a KeyError."""
    with pytest.raises(KeyError, match="no words for 'no.such.key'"):
        str(said("no.such.key"))


def test_catalogue_lists_the_entries_gettext_reads():
    """catalogue() is the compiled catalogue: plain entries, and plural ones as their forms."""
    assert catalogue("zh")["rule.sum"] == "加法法则"
    assert catalogue("en")["kmeans.summary.iteration"] == ("{0} iteration", "{0} iterations")
    assert catalogue("zh")["kmeans.summary.iteration"] == ("{0} 次迭代",)
    english = gettext.translation("symgrad", LOCALE, languages=["en"])
    assert english.gettext("rule.sum") == catalogue("en")["rule.sum"] == "sum rule"


def test_every_what_a_budget_names_is_a_term():
    """``what=`` names the work in "too expensive to decide within …: <what>"; each literal the
    code passes is a term of the catalogue, so the sentence is in the reader's language
    (the doctests' "adding" and "sleeping" are text, not code)."""
    from symgrad.i18n.keys import TERMS

    passed = set()
    for path in (ROOT / "symgrad").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "what" and isinstance(
                    node.value, ast.Constant) and isinstance(node.value.value, str):
                passed.add(node.value.value)
    assert passed and sorted(passed - set(TERMS)) == []
