"""What each page computes, from the form's text fields and uploaded bytes.

These functions run inside the budgeted child process (see :mod:`symgrad.web.gate`), so
everything expensive — parsing, deriving, checking, plotting, rendering — is under the time
and memory budget.  User text only ever reaches symgrad's parser (through the same functions
the command line uses); uploads are written to a private temporary folder and read by the
command line's own CSV readers, so they get exactly the CLI's checks.  The results are plain
data (HTML fragments from :mod:`symgrad.render.documents.html`, PNG and file bytes) sent
back pickled.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import sympy

from .. import losses, nn
from ..analysis.stationary import explain_minimum, stationary_points
from ..analysis.trace import trace_descent
from ..calculus.derive import derive
from ..check import check_derivative, check_gradient, check_loss
from ..check.derivative import read_claimed
from ..check.loss import read_loss_answer
from ..check.reading import read_answer
from ..errors import ParseError, UsageError, said
from ..i18n.language import phrase
from ..model import Model
from ..numeric import descend
from ..numeric.table import assignments, read_data, read_start
from ..parsing.core import parse, symbol, symbols
from ..render.documents.pdf import LatexError, compile_latex
from ..render.printers.mathml import expr_mathml
from ..render.summary import compact_html

#: Longest text accepted in one form field (the parser has its own, stricter limits).
MAX_FIELD = 10_000
#: At most this many steps in a web trace (a table meant to be read) and in a web fit.
MAX_TRACE_STEPS = 200
MAX_FIT_STEPS = 100_000
#: Network builder limits: layers and units per layer.
MAX_LAYERS = 4
MAX_UNITS = 6

ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
LOSS_NAMES = ("mse", "mae", "distance", "bce", "cross_entropy")
PENALTIES = ("none", "l2", "l1")
#: The downloads of every page that shows a document: format → (file suffix, MIME type).
FORMATS = {"pdf": ("pdf", "application/pdf"),
           "slides": ("slides.pdf", "application/pdf"),
           "md": ("md", "text/markdown"),
           "tex": ("tex", "application/x-tex"),
           "beamer": ("slides.tex", "application/x-tex")}
#: The document of each page: what its file is called.
DOCUMENTS = {"derive": "derivation", "check": "verdict", "explain": "stationary-points",
             "trace": "descent"}


@dataclass
class Outcome:
    """What a page shows: an outline as HTML, a verdict, pictures, a table, files to download."""

    document: str = ""
    verdict: str | None = None
    preview: str = ""
    reading: str = ""
    images: list[tuple[str, bytes]] = field(default_factory=list)
    table: tuple[tuple[str, ...], list[tuple[str, ...]]] | None = None
    totals: tuple[tuple[str, ...], list[tuple[str, ...]]] | None = None
    downloads: list[tuple[str, str, str, bytes]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def text(form, name: str, default: str = "", *, required: bool = True) -> str:
    """A form field, stripped; a clear error when it is missing or too long.

    >>> text({"f": " x^2 "}, "f")
    'x^2'
    """
    value = (form.get(name) or default).strip()
    if required and not value:
        raise UsageError(said('err.work.please-fill-in-field', name))
    if len(value) > MAX_FIELD:
        raise UsageError(said('err.work.field-longer-than-characters', name, MAX_FIELD))
    return value


def whole(form, name: str, low: int, high: int, default: str = "") -> int:
    """A whole number field within [low, high].

    >>> whole({"steps": "12"}, "steps", 0, 100)
    12
    """
    raw = text(form, name, default)
    try:
        value = int(raw)
    except ValueError:
        raise UsageError(said('err.work.must-be-whole-number', name, raw[:40])) from None
    if not low <= value <= high:
        raise UsageError(said('err.work.must-be-between-and', name, low, high, value))
    return value


def _choice(form, name: str, choices: tuple[str, ...], default: str) -> str:
    value = text(form, name, default)
    if value not in choices:
        raise UsageError(said('err.work.must-be-one', name, ', '.join(choices)))
    return value


def build_loss(form):
    """The loss a Derive or Fit form describes: a model formula, or a small network.

    >>> build_loss({"model": "w*x + b", "inputs": "x", "loss": "bce"}).name
    'bce'
    >>> build_loss({"model": "w*x + b", "inputs": "x", "penalty": "l2", "lam": "1/10"}).penalty.expr
    w**2/(20*m)
    """
    loss = getattr(losses, _choice(form, "loss", LOSS_NAMES, "mse"))
    penalty = penalty_of(form)
    if form.get("kind") == "network":
        return loss(build_network(form), **penalty)
    params = text(form, "params", required=False) or None
    return loss(Model(text(form, "model"), inputs=text(form, "inputs"), params=params),
                **penalty)


def penalty_of(form) -> dict[str, str]:
    """The penalty a form asks for, as the loss's keyword (``l2`` or ``l1``: λ as typed, read
    exactly by the loss), or none.

    >>> penalty_of({"penalty": "l2", "lam": "1/10"}), penalty_of({"lam": "1/10"})
    ({'l2': '1/10'}, {})
    """
    kind = _choice(form, "penalty", PENALTIES, "none")
    return {} if kind == "none" else {kind: text(form, "lam")}


def build_network(form):
    """A Sequential network from layer sizes (``2, 2, 1``) and the activation names.

    >>> build_network({"layers": "2,3,1", "hidden": "tanh", "output": "sigmoid"})
    Sequential(Dense(2, 3), Tanh(), Dense(3, 1), Sigmoid())
    """
    kinds = {"sigmoid": nn.Sigmoid, "tanh": nn.Tanh, "relu": nn.ReLU, "identity": nn.Identity}
    raw = text(form, "layers")
    try:
        sizes = [int(part) for part in raw.replace(" ", "").split(",")]
    except ValueError:
        raise UsageError(said('err.work.layer-sizes-are-whole', raw[:40])) from None
    if not 2 <= len(sizes) <= MAX_LAYERS + 1 or not all(1 <= n <= MAX_UNITS for n in sizes):
        raise UsageError(said('err.work.give-layer-sizes-each', MAX_LAYERS + 1, MAX_UNITS))
    hidden = kinds[_choice(form, "hidden", ACTIVATIONS, "sigmoid")]
    output = kinds[_choice(form, "output", ACTIVATIONS, "identity")]
    layers: list = []
    for k, (n_in, n_out) in enumerate(zip(sizes, sizes[1:])):
        last = k == len(sizes) - 2
        layers.append(nn.Dense(n_in, n_out))
        act = output if last else hidden
        if act is not nn.Identity:
            layers.append(act())
    return nn.Sequential(*layers)


# --------------------------------------------------------------------------- pages


def derive_page(form) -> Outcome:
    """Derive: the gradients first, every step folded below them.

    >>> "<mi>ℓ</mi>" in derive_page({"model": "w*x", "inputs": "x"}).document
    True
    """
    return Outcome(document=compact_html(derived(form)))


def derived(form):
    """The Derivation a Derive form asks for."""
    return derive(build_loss(form))


def document_file(page: str, form, fmt: str) -> tuple[str, str, bytes]:
    """A page's document as a download: (file name, MIME type, bytes).

    ``fmt`` is ``pdf`` (the article, compiled), ``slides`` (Beamer slides, compiled), ``md``,
    ``tex`` or ``beamer`` (the LaTeX sources).  PDFs are compiled by pdflatex in a private
    temporary folder.

    >>> name, mime, data = document_file("derive", {"model": "w*x", "inputs": "x"}, "md")
    >>> name, mime, data.decode().splitlines()[0]
    ('derivation.md', 'text/markdown', '# The gradient of the mean squared error for $f = w x$')
    """
    if page not in DOCUMENTS or fmt not in FORMATS:
        raise UsageError(phrase("web.unknown-format"))
    result = {"derive": derived, "check": checked, "explain": explained,
              "trace": traced}[page](form)
    suffix, mime = FORMATS[fmt]
    name = f"{DOCUMENTS[page]}.{suffix}"
    if fmt == "md":
        return name, mime, result.to_markdown().encode("utf-8")
    source = result.to_beamer() if fmt in ("slides", "beamer") else result.to_latex()
    if fmt in ("tex", "beamer"):
        return name, mime, source.encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="symgrad-web-pdf-") as tmp:
        path = Path(tmp) / "document.pdf"
        try:
            compile_latex(source, path, timeout=60)
        except LatexError as e:
            raise LatexError(str(e).replace(tmp, phrase("web.the-document"))) from None
        return name, mime, path.read_bytes()


def preview(form) -> Outcome:
    """How the checker reads the answer (``answer``) to the form's problem (``f``, ``wrt``):
    as a <math> element and the reading note, through the checker's own reader.

    The preview is about the answer: without a readable problem (f or its variable missing or
    unreadable, which the verdict reports) the answer is read against no symbols, strictly.

    >>> out = preview({"f": "sin(x^2)", "wrt": "x", "answer": "2x cos(x^2)"})
    >>> out.preview.startswith("<math"), "<mi>cos</mi>" in out.preview, out.reading
    (True, True, 'read 2x cos(x^2) as 2x·cos(x^2)')
    >>> preview({"f": "sin(x^2", "wrt": "x", "answer": "2x"}).preview
    '<math displaystyle="true"><mrow><mn>2</mn><mi>x</mi></mrow></math>'
    """
    answer = text(form, "answer")
    if form.get("task") == "loss":
        expr, reading = read_loss_answer(build_loss(form), answer,
                                         text(form, "param", required=False) or None)
        return Outcome(preview=expr_mathml(expr), reading=str(reading or ""))
    f, wrt = text(form, "f", required=False), text(form, "wrt", required=False)
    try:
        problem = (parse(f, what="the function"), symbol(wrt)) if f and wrt else None
    except ParseError:
        problem = None
    if problem is not None:
        expr, reading = read_claimed(*problem, answer)
    else:
        expr, reading = read_answer(answer, set(), what="the answer")
    return Outcome(preview=expr_mathml(expr), reading=str(reading or ""))


def checked(form):
    """The Verdict a Check form asks for (the checker's one reading of the answer): of a
    derivative, or (``task=loss``) of a loss — with a penalty the cost J — or of ∂ℓ/∂param.

    >>> form = {"task": "loss", "model": "w*x + b", "inputs": "x", "penalty": "l2",
    ...         "lam": "1/10", "answer": "(f - y)^2/2"}
    >>> checked(form).hint, checked({**form, "param": "w", "answer": "(f-y)*x + w/(10m)"}).ok
    ('penalty', True)
    """
    if form.get("task") == "loss":
        loss, param = build_loss(form), text(form, "param", required=False)
        answer = text(form, "answer")
        return check_gradient(loss, param, answer) if param else check_loss(loss, answer)
    return check_derivative(text(form, "f"), text(form, "wrt"), text(form, "answer"))


def check_page(form) -> Outcome:
    """Check: the verdict, how the answer was read, then the counterexample and the hint.

    The answer is read once, by the checker; the preview shows that reading (never a second,
    stricter one).

    >>> out = check_page({"f": "sin(x^2)", "wrt": "x", "answer": "2x cos(x^2)"})
    >>> out.verdict, out.reading
    ('right', 'read 2x cos(x^2) as 2x·cos(x^2)')
    """
    verdict = checked(form)
    shown = expr_mathml(verdict.claimed) if isinstance(verdict.claimed, sympy.Basic) else ""
    return Outcome(document=compact_html(verdict), verdict=verdict.status, preview=shown,
                   reading=str(verdict.reading or ""))


def decoded(data: bytes, what: str) -> str:
    """An upload as text (UTF-8, a byte-order mark dropped); a clear error for anything else.

    >>> decoded(b"\\xef\\xbb\\xbfx,y", "the data file")
    'x,y'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(said('err.work.not-utf-text-save', what)) from None


def explain_page(form) -> Outcome:
    """Explain: stationary points, classified by the second-derivative or Hessian test.

    >>> "saddle" in explain_page({"formula": "x*y"}).document
    True
    """
    return Outcome(document=compact_html(explained(form)))


def explained(form):
    """The Extrema an Explain form asks for."""
    f = parse(text(form, "formula"), what="the formula")
    wrt_text = text(form, "wrt", required=False)
    wrt = symbols(wrt_text) if wrt_text else None
    several = len(wrt) > 1 if wrt else len(f.free_symbols) > 1
    return stationary_points(f, wrt) if several else explain_minimum(f, wrt)


def trace_page(form) -> Outcome:
    """Trace: exact gradient descent, every update written out, and its picture.

    >>> out = trace_page({"formula": "x^2", "start": "x=1", "lr": "1/4", "steps": "1"})
    >>> out.images[0][1][:4]
    b'\\x89PNG'
    """
    trace = traced(form)
    return Outcome(document=compact_html(trace), images=[
        (phrase("web.alt.trace"), _png(trace.plot()))])


def traced(form):
    """The Trace a Trace form asks for."""
    return trace_descent(text(form, "formula"), read_start(text(form, "start")),
                         text(form, "lr"), whole(form, "steps", 0, MAX_TRACE_STEPS))


def fit_page(form, data: bytes) -> Outcome:
    """Fit: gradient descent on uploaded data; the loss curve and the fitted model.

    >>> form = {"model": "w*x", "inputs": "x", "lr": "0.1", "steps": "100"}
    >>> fit_page(form, b"x,y\\n1,2\\n2,4\\n").table
    (('parameter', 'value'), [('w', '2')])
    """
    loss = build_loss(form)
    X, y = read_data(io.StringIO(decoded(data, "the data file"), newline=""),
                     [s.name for s in loss.model.inputs], text(form, "target", "y"),
                     phrase("term.the data file"))
    try:
        lr = float(text(form, "lr"))
    except ValueError:
        raise UsageError(said('err.work.learning-rate-must-be')) from None
    fit = descend(loss, X, y, lr=lr, steps=whole(form, "steps", 1, MAX_FIT_STEPS),
                  init=assignments(text(form, "init", required=False)))
    caption = phrase("web.alt.loss") if fit.rise is None else phrase("web.alt.loss-rising")
    images = [(caption, _png(fit.plot_loss()))]  # never "falling"
    inputs = len(loss.model.inputs)
    if inputs == 1 or (inputs == 2 and loss.name == "bce"):
        images.append((phrase("web.alt.fit"), _png(fit.plot_fit(X, y))))
    rows = [(name, f"{float(value):.6g}") for name, value in fit.params.items()]
    lines = [phrase("cli.fit-summary").format(fit.steps, float(fit.history[-1]),
                                              float(fit.history[0]))]
    if fit.rise is not None:  # J went up: said, with the likely cause and an α that works
        lines.append(str(fit.rise.message()))
    return Outcome(table=(("parameter", "value"), rows), images=images, lines=lines)


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()
