"""Tables of catalogue keys, written out so that Babel's extraction finds every key symgrad uses.

A key chosen at run time (a rule's name, a loss's, the kind of a stationary point) is looked up
in one of these tables, never built with an f-string: ``pybabel extract`` (configured in
pyproject.toml's ``[tool.babel]``) reads only literal strings, and tests/test_messages.py holds
the extracted keys equal to the catalogues' keys.  :func:`N_` marks a key in a table for
extraction and returns it unchanged (gettext's no-op marker).

>>> LOSSES["mse"], rule_words("chain", "u = 2x").key, rule_words("Heaviside")
('loss.mse', 'rule.chain', Words(key='rule.other', args=('Heaviside',)))
"""

from __future__ import annotations

from .values import Words


def N_(key: str) -> str:  # noqa: N802 - gettext's name for the marker
    """``key`` unchanged: marks a catalogue key in a table for Babel's extraction.

    >>> N_("rule.sum")
    'rule.sum'
    """
    return key


#: A derivative rule's name (``Step.rule``) → its words (see :func:`rule_words`).
RULES = {
    "constant": N_("rule.constant"),
    "variable": N_("rule.variable"),
    "sum": N_("rule.sum"),
    "constant multiple": N_("rule.constant multiple"),
    "power": N_("rule.power"),
    "product": N_("rule.product"),
    "quotient": N_("rule.quotient"),
    "general power": N_("rule.general power"),
    "exponential": N_("rule.exponential"),
    "exp": N_("rule.exp"),
    "log": N_("rule.log"),
    "sqrt": N_("rule.sqrt"),
    "sin": N_("rule.sin"),
    "cos": N_("rule.cos"),
    "tan": N_("rule.tan"),
    "tanh": N_("rule.tanh"),
    "sigmoid": N_("rule.sigmoid"),
    "abs": N_("rule.abs"),
    "relu": N_("rule.relu"),
    "arcsin": N_("rule.arcsin"),
    "arccos": N_("rule.arccos"),
    "arctan": N_("rule.arctan"),
    "sinh": N_("rule.sinh"),
    "cosh": N_("rule.cosh"),
    "coth": N_("rule.coth"),
    "sech": N_("rule.sech"),
    "csch": N_("rule.csch"),
    "arsinh": N_("rule.arsinh"),
    "arcosh": N_("rule.arcosh"),
    "artanh": N_("rule.artanh"),
    "cot": N_("rule.cot"),
    "sec": N_("rule.sec"),
    "csc": N_("rule.csc"),
    "log base": N_("rule.log base"),
    "sign": N_("rule.sign"),
    "erf": N_("rule.erf"),
    "softplus": N_("rule.softplus"),
    "leaky relu": N_("rule.leaky relu"),
    "elu": N_("rule.elu"),
    "silu": N_("rule.silu"),
    "gelu": N_("rule.gelu"),
}

#: An algebra step's rule (``AlgebraStep.rule``) → its words (see :func:`algebra_words`).
ALGEBRA = {
    "substitute": N_("algebra.substitute"),
    "sigmoid derivative": N_("algebra.sigmoid derivative"),
    "softmax derivative": N_("algebra.softmax derivative"),
    "common denominator": N_("algebra.common denominator"),
    "cancel": N_("algebra.cancel"),
    "expand": N_("algebra.expand"),
    "collect": N_("algebra.collect"),
    "factor": N_("algebra.factor"),
    "one-hot labels": N_("algebra.one-hot labels"),
    "rearrange": N_("algebra.rearrange"),
    "simplify": N_("algebra.simplify"),
    "rewrite": N_("algebra.rewrite"),
    "sum-one-term": N_("algebra.sum-one-term"),
}

#: A loss's name (``Loss.name``) → the loss in words.
LOSSES = {
    "mse": N_("loss.mse"),
    "mae": N_("loss.mae"),
    "distance": N_("loss.distance"),
    "bce": N_("loss.bce"),
    "cross_entropy": N_("loss.cross_entropy"),
}

#: A loss's name → the per-sample loss ℓ in words.
SAMPLES = {
    "mse": N_("sample.mse"),
    "mae": N_("sample.mae"),
    "distance": N_("sample.distance"),
    "bce": N_("sample.bce"),
    "cross_entropy": N_("sample.cross_entropy"),
}

#: A stationary point's kind → its name.
KINDS = {
    "minimum": N_("kind.minimum"),
    "maximum": N_("kind.maximum"),
    "saddle": N_("kind.saddle"),
    "degenerate": N_("kind.degenerate"),
    "inflection": N_("kind.inflection"),
}

#: A stationary point's kind → the words a test's reason ends with.
TESTS = {
    "minimum": N_("test.minimum"),
    "maximum": N_("test.maximum"),
    "saddle": N_("test.saddle"),
    "degenerate": N_("test.degenerate"),
}

#: A verdict's status → its word in a terminal line.
STATUSES = {
    "right": N_("status.right"),
    "wrong": N_("status.wrong"),
    "undecided": N_("status.undecided"),
}

#: A verdict's status → the sentence of its document.
VERDICTS = {
    "right": N_("verdict.right"),
    "wrong": N_("verdict.wrong"),
    "undecided": N_("verdict.undecided"),
}

#: A grade's status → its word in reports and tables.
GRADES = {
    "right": N_("grade.status.right"),
    "wrong": N_("grade.status.wrong"),
    "undecided": N_("grade.status.undecided"),
    "unreadable": N_("grade.status.unreadable"),
    "not graded": N_("grade.status.not graded"),
}

#: A value that is one of the catalogue's terms (a str passed to :func:`said`) → its key.
TERMS = {
    "invalid syntax": N_("term.invalid syntax"),
    "invalid decimal literal": N_("term.invalid decimal literal"),
    "'(' was never closed": N_("term.'(' was never closed"),
    "unmatched ')'": N_("term.unmatched ')'"),
    "every-weight": N_("term.every-weight"),
    "the formula": N_("term.the formula"),
    "expression": N_("term.expression"),
    "the expression": N_("term.the expression"),
    "the claimed answer": N_("term.the claimed answer"),
    "the answer": N_("term.the answer"),
    "the slope": N_("term.the slope"),
    "the problem": N_("term.the problem"),
    "the function": N_("term.the function"),
    "model": N_("term.model"),
    "deriving": N_("term.deriving"),
    "differentiating": N_("term.differentiating"),
    "tracing descent on": N_("term.tracing descent on"),
    "finding the minimum of": N_("term.finding the minimum of"),
    "finding the stationary points of": N_("term.finding the stationary points of"),
    "checking this answer": N_("term.checking this answer"),
    "reading this answer": N_("term.reading this answer"),
    "writing this document": N_("term.writing this document"),
    "the penalty strength": N_("term.the penalty strength"),
    "deriving this model": N_("term.deriving this model"),
    "tracing this descent": N_("term.tracing this descent"),
    "fitting this model": N_("term.fitting this model"),
    "finding stationary points": N_("term.finding stationary points"),
    "confirming a step of the algebra": N_("term.confirming a step of the algebra"),
    "this": N_("term.this"),
    "the check": N_("term.the check"),
    "attribute access": N_("term.attribute access"),
    "indexing": N_("term.indexing"),
    "a comprehension": N_("term.a comprehension"),
    "a comparison": N_("term.a comparison"),
    "a conditional expression": N_("term.a conditional expression"),
    "assignment": N_("term.assignment"),
    "an f-string": N_("term.an f-string"),
    "a list": N_("term.a list"),
    "a tuple": N_("term.a tuple"),
    "a dict": N_("term.a dict"),
    "a set": N_("term.a set"),
    "unpacking": N_("term.unpacking"),
    "this construct": N_("term.this construct"),
    "the starting value": N_("term.the starting value"),
    "the learning rate": N_("term.the learning rate"),
    "the claimed value": N_("term.the claimed value"),
    "the answers file": N_("term.the answers file"),
    "the problems file": N_("term.the problems file"),
    "the data file": N_("term.the data file"),
    "No such file or directory": N_("term.No such file or directory"),
    "Permission denied": N_("term.Permission denied"),
    "Is a directory": N_("term.Is a directory"),
    "Not a directory": N_("term.Not a directory"),
    "Address already in use": N_("term.Address already in use"),
    "No space left on device": N_("term.No space left on device"),
    "Read-only file system": N_("term.Read-only file system"),
    "a number": N_("term.a number"),
    "a positive number": N_("term.a positive number"),
    "the learning rate α": N_("term.the learning rate α"),
}

def rule_words(name: str, *values) -> Words:
    """The words of the derivative rule ``name``; a rule without an entry reads "<name> rule"."""
    if name == "chain":
        return Words("rule.chain", *values)
    if name in RULES:
        return Words(RULES[name], *values)
    return Words("rule.other", name)


def algebra_words(name: str) -> Words:
    """The words of the algebra step ``name``; a step without an entry ("tanh derivative", from
    a rule's name) reads as its name.

    >>> algebra_words("expand").key, algebra_words("tanh derivative").args
    ('algebra.expand', ('tanh derivative',))
    """
    return Words(ALGEBRA[name]) if name in ALGEBRA else Words("algebra.other", name)
