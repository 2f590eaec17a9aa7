"""The words of the command line, plots, web pages and checker hints (English).

>>> WORDS["term.the formula"]
'the formula'
"""

WORDS = {
    "term.the formula": "the formula",
}
