"""How a Derivation reads: its outline, which every format renders, the terminal's too.

The outline of a loss derivation follows the article: the model and the loss, ∂ℓ/∂f rule by
rule, for each parameter the chain rule, the steps of ∂f/∂p and the product simplified, then
the batch gradient ∂J/∂p = (1/m) Σᵢ ∂ℓᵢ/∂p and the update p ← p − α ∂J/∂p.

The terminal's compact account (the items marked ``brief``) is f (or the model, ℓ and J), the
Results (each derivative, with a penalty ∂J/∂w too) and where a derivative does not exist;
with a penalty also P.

>>> from symgrad import derive
>>> print(derive("x**3 + 2*x").text(steps=True))
The derivatives of f = x³ + 2·x
The function:
  f = x³ + 2·x
The derivative df/dx:
  d/dx[x³ + 2·x] = 3·x² + 2   sum rule
    d/dx[x³] = 3·x²   power rule
    d/dx[2·x] = 2   constant multiple rule
      d/dx[x] = 1   variable rule
  df/dx = 3·x² + 2   simplified
Results:
  df/dx = 3·x² + 2
"""

from __future__ import annotations

import sympy

from ...calculus.chain import deltas, network_chain
from ...calculus.index_shape import per_parameter
from ...calculus.rules import ChainRule, match_sigmoid, walk
from ...functions import sigmoid
from ...i18n.keys import LOSSES, SAMPLES
from ..outline import Document, Math, Para, Row, Section, Words, derivative, product
from . import penalty
from .algebra import algebra_rows
from .network import forward_section, layer_sections, outputs, results_rows
from .steps import step_rows

ELL, F, J = sympy.Symbol("ell", real=True), sympy.Symbol("f", real=True), sympy.Symbol("J")
ALPHA = sympy.Symbol("alpha", positive=True)
_I, _M = sympy.symbols("i m", integer=True, positive=True)


def _name(d):
    """The symbol a derivative is taken of: ℓ for a loss, f for a formula."""
    return ELL if d.loss is not None else F


def uses_partial(d) -> bool:
    """∂ for a loss or a function of several variables (or of a variable named d), else d."""
    symbols = d.function.free_symbols
    return d.loss is not None or len(symbols) > 1 or any(s.name == "d" for s in symbols)


def with_sigma(expr):
    """σ(u) wherever the expression spells out 1/(1 + e^{−u}): one notation per document.

    >>> from symgrad.parsing.core import parse
    >>> with_sigma(parse("1/(1 + exp(-w*x))"))
    sigmoid(w*x)
    """
    if not isinstance(expr, sympy.Basic):
        return expr

    def swap(e):
        u = match_sigmoid(e)
        return sigmoid(u) if u is not None else e

    def reciprocal(e):
        # 1 + e^{−u} is 1/σ(u): kept as that power, or SymPy writes the exponential back.
        one, other = sorted(e.args, key=lambda a: a != 1)
        return sympy.Pow(sigmoid(-other.args[0]), -1, evaluate=False)

    def spelled(e):
        return (e.is_Add and len(e.args) == 2 and 1 in e.args
                and any(isinstance(a, sympy.exp) for a in e.args))

    expr = expr.replace(lambda e: match_sigmoid(e) is not None, swap)
    return expr.replace(spelled, reciprocal)


def _batch(loss) -> sympy.Expr:
    """J = c/m Σᵢ ℓ(fᵢ, yᵢ), written with indexed predictions and labels."""
    indexed = {s: sympy.IndexedBase(s.name)[_I] for s in (*loss.targets, *loss.predictions)}
    coeff, core = sympy.factor_terms(loss.template).as_coeff_Mul()
    return coeff / _M * sympy.Sum(core.xreplace(indexed), (_I, 1, _M))


def _sample(expr, loss) -> sympy.Expr:
    """An expression of one sample (x, y) written for sample i (xᵢ, yᵢ)."""
    names = (*loss.model.inputs, *loss.targets)
    return expr.xreplace({s: sympy.IndexedBase(s.name)[_I] for s in names})


def _model_section(d, shown) -> Section:
    loss = d.loss
    model = [Row(f, (shown(e),)) for f, e in zip(loss.predictions, loss.model.output_exprs)]
    if names := outputs(d):  # a network's prediction is its last activation
        model = [Row(f, (a,)) for f, a in zip(loss.predictions, names)]
    key, values = per_parameter(loss, d.wrt)  # which form, and why (the index form's absence)
    why = (Para(Words(key, *values)),) if key else ()
    return Section(Words("head.model"), (
        Para(Words("para.model", F, list(loss.model.inputs), list(loss.params), ELL)), *why,
        Math((*model, Row(ELL, (loss.template,), Words("note.loss", Words(SAMPLES[loss.name]))),
              Row(J, (penalty.cost(_batch(loss), loss),), Words("note.mean"))), brief=True)))


def _gradient_section(d, p, shown) -> Section:
    """∂ℓ/∂p: the chain rule (for a loss), the steps of each factor, the simplified result."""
    name = _name(d)
    items: list = []
    if d.loss is not None:
        preds = d.loss.predictions
        chain = sympy.Add(*(product(derivative(ELL, f), derivative(f, p)) for f in preds),
                          evaluate=False)
        outputs = dict(zip(preds, d.loss.model.output_exprs))
        factors = sympy.Add(*(_times(shown(d.outer[f].result.xreplace(outputs)),
                                     shown(s.result)) for f, s in zip(preds, d.steps[p])),
                            evaluate=False)
        items.append(Math((Row(derivative(name, p), (chain,), Words("note.chain")),)))
        algebra = algebra_rows(d, p, derivative(name, p), shown)
        names = {r.rhs[0]: r.lhs for r in algebra or ()
                 if r.note is not None and r.note.key == "note.named-quantity"}
        for tree in d.steps[p]:
            items.append(Math(tuple(one_name(_shown_rows(step_rows(tree), shown), names,
                                             shown)), tree=True))
        items.append(Math(tuple(algebra) if algebra else (
            Row(derivative(name, p), (factors,), Words("note.multiplied")),
            Row(derivative(name, p), (shown(d.gradient[p]),), Words("note.simplified")))))
    else:
        for tree in d.steps[p]:
            items.append(Math(tuple(_shown_rows(step_rows(tree), shown)), tree=True))
        items.append(Math((Row(derivative(name, p), (shown(d.gradient[p]),),
                               Words("note.simplified")),)))
    return Section(Words("head.gradient", derivative(name, p)), tuple(items))


def one_name(rows: list[Row], names: dict, shown=lambda e: e) -> list[Row]:
    """Step rows with the chain rule's inner variable called by the name the algebra gives the
    same quantity later (z, not u two rows before z), so one quantity has one name.

    >>> x, u, z = sympy.symbols("x u z")
    >>> rows = [Row(derivative(sympy.exp(2*x), x), (2*sympy.exp(2*x),),
    ...             Words("rule.chain", sympy.Eq(u, 2*x, evaluate=False))),
    ...         Row(derivative(sympy.exp(u), u), (sympy.exp(u),), Words("rule.exp"), depth=1)]
    >>> [str(r.rhs[0]) for r in one_name(rows, {2*x: z})], one_name(rows, {2*x: z})[0].note
    (['2*exp(2*x)', 'exp(z)'], Words(key='rule.chain', args=(Eq(z, 2*x),)))
    """
    out, renames = [], []  # renames: (depth of the chain row, {u: z})
    for row in rows:
        renames = [(depth, swap) for depth, swap in renames if row.depth > depth]
        swap = {k: v for _, sw in renames for k, v in sw.items()}
        note = row.note
        if note is not None and note.key == "rule.chain":
            eq = note.args[0]
            name = names.get(shown(eq.rhs))
            if name is not None and name != eq.lhs and not eq.rhs.has(name):
                renames.append((row.depth, {eq.lhs: name}))
                note = Words("rule.chain", sympy.Eq(name, eq.rhs, evaluate=False))
        if swap:
            row = Row(row.lhs.xreplace(swap), tuple(r.xreplace(swap) for r in row.rhs),
                      row.note, row.rel, row.depth)
        out.append(Row(row.lhs, row.rhs, note, row.rel, row.depth) if note is not row.note
                   else row)
    return out


def _singular(d) -> list:
    """Where a step's derivative does not exist, in the original variables (the chain's
    restatement, not its outer step's u), as expressions: the caveats typeset as math."""
    found = []
    # ∂ℓ/∂f's own (|f − y| at f = y) too, as Derivation.caveats lists them.
    for trees in ((*d.outer.values(),), *d.steps.values()):
        for tree in trees:
            outers = {id(s.outer) for s in walk(tree) if isinstance(s, ChainRule)}
            found += [s.singular for s in walk(tree) if id(s) not in outers and s.caveat
                      and s.singular is not None and s.singular not in found]
    return list(dict.fromkeys(found))


def _times(a, b):
    # ∂ℓ/∂f · ∂f/∂p as written; a factor 1 (∂f/∂b of a bias) is left out.
    if b == 1 or a == 1:
        return b if a == 1 else a
    return product(a, b)


def _shown_rows(rows, shown):
    def lhs(e):
        if isinstance(e, sympy.Derivative):
            return sympy.Derivative(shown(e.expr), *e.variable_count, evaluate=False)
        return shown(e)

    return [Row(lhs(r.lhs), tuple(map(shown, r.rhs)), r.note, r.rel, r.depth) for r in rows]


def _batch_section(d, shown, generic: bool = False) -> Section:
    rows = []
    ell_i = sympy.IndexedBase("ell")[_I]
    if generic:  # a network: one parameter p stands for every weight and bias
        p = sympy.Symbol("p", real=True)
        return Section(Words("head.batch"), (Para(Words("para.batch-network", ALPHA)), Math((
            Row(derivative(J, p), (sympy.Sum(derivative(ell_i, p), (_I, 1, _M)) / _M,)),
            Row(p, (p - ALPHA * derivative(J, p),), rel="<-")))))
    for p in d.wrt:
        mean = sympy.Sum(derivative(ell_i, p), (_I, 1, _M)) / _M
        value = sympy.Sum(_sample(shown(d.gradient[p]), d.loss), (_I, 1, _M)) / _M
        rows.append(Row(derivative(J, p), penalty.with_term(mean, value, d.loss, p)))
    updates = [Row(p, (p - ALPHA * derivative(J, p),), rel="<-") for p in d.wrt]
    return Section(Words("head.batch"), (Para(Words("para.batch", ALPHA)), Math(tuple(rows)),
                                         Math(tuple(updates))))


def _penalised(d) -> tuple:
    """With a penalty, the Results also give ∂J/∂w = (1/m) Σᵢ ∂ℓᵢ/∂w + ∂P/∂w for each
    penalised weight (∂ℓ/∂w alone is not what descent follows)."""
    if d.loss is None or d.loss.penalty is None:
        return ()
    ell_i = sympy.IndexedBase("ell")[_I]
    return tuple(Row(derivative(J, p), (sympy.Add(
        sympy.Sum(derivative(ell_i, p), (_I, 1, _M)) / _M, d.loss.penalty.derivative(p),
        evaluate=False),)) for p in d.wrt if p in d.loss.penalty.weights)


def document(d) -> Document:
    """The outline every format renders: model and loss, ∂ℓ/∂f, each parameter, the update."""
    sigma = any(isinstance(s.expr, sigmoid) or type(s).__name__ == "SigmoidRule"
                for trees in d.steps.values() for t in trees for s in _walk(t))
    shown = with_sigma if sigma else (lambda e: e)
    sections = []
    if d.loss is not None:
        loss = d.loss
        outputs = loss.model.output_exprs
        model = shown(outputs[0]) if len(outputs) == 1 else sympy.Matrix(
            [shown(o) for o in outputs])
        description = Words(LOSSES[loss.name])
        title = Words("title.loss", description, sympy.Eq(F, model, evaluate=False))
        if (net := loss.model.network) is not None:
            sizes = "-".join(map(str, (net.n_inputs, *(x.n_out for x in net.dense))))
            title = Words("title.network", description, sizes)
        sections.append(_model_section(d, shown))
        sections.extend(_outer_sections(d))
    else:
        title = Words("title.formula", sympy.Eq(F, d.function, evaluate=False))
        sections.append(Section(Words("head.function"), (Math((Row(F, (d.function,)),),
                                                              brief=True),)))
    name = _name(d)
    if d.loss is not None and d.loss.model.network is not None:
        chain = network_chain(d.loss, params=())
        sections.insert(0, forward_section(chain))
        sections.extend(layer_sections(d, deltas(d.loss)))
        if d.loss.penalty is not None:
            sections.append(penalty.penalty_section(d.loss, generic=True))
        sections.append(_batch_section(d, shown, generic=True))
        listed = results_rows(d)
        summary: tuple = ((Para(Words("para.network-results"), brief=True),
                           Math(tuple(listed), brief=True))
                          if listed else (Para(Words("para.network-pattern"), brief=True),))
        if len(d.wrt) <= ONE_BY_ONE:  # the weights asked for, written out in full
            summary += (Math(tuple(Row(derivative(name, p), (shown(d.gradient[p]),))
                                   for p in d.wrt), brief=True),)
    else:
        for p in d.wrt:
            sections.append(_gradient_section(d, p, shown))
        if d.loss is not None and d.loss.penalty is not None:
            sections.append(penalty.penalty_section(d.loss))
        if d.loss is not None:
            sections.append(_batch_section(d, shown))
        summary = (Math(tuple(Row(derivative(name, p), (shown(g),))
                              for p, g in d.gradient.items()) + _penalised(d), brief=True),)
    if singular := _singular(d):
        summary += (Para(Words("para.caveats", [Words("caveat.singular", s) for s in singular]),
                         brief=True),)
    sections.append(Section(Words("head.results"), summary))
    return Document(title, tuple(sections), partial=uses_partial(d))


#: Up to this many parameters asked of a network are also written out in full in the results.
ONE_BY_ONE = 3


def _outer_sections(d) -> list[Section]:
    """∂ℓ/∂f rule by rule; for a network with several outputs the first in full, the others
    by their results (the same rules with another index)."""
    trees = list(d.outer.items())
    full = trees[:1] if d.loss.model.network is not None else trees
    sections = [Section(Words("head.outer", f), (Math(tuple(step_rows(tree)), tree=True),))
                for f, tree in full]
    if len(full) < len(trees):
        sections[0] = Section(sections[0].heading, (
            *sections[0].items, Para(Words("para.other-outputs")),
            Math(tuple(Row(derivative(ELL, f), (tree.result,)) for f, tree in trees[1:]))))
    return sections


def _walk(step):
    yield step
    for s in step.substeps:
        yield from _walk(s)
