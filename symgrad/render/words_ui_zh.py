"""The words of the command line, plots, web pages and checker hints (Chinese).

>>> WORDS["term.the formula"]
'公式'
"""

WORDS = {
    "term.the formula": "公式",
}
