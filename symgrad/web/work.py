"""What each page computes, from the form's text fields and uploaded bytes.

These functions run inside the budgeted child process (see :mod:`symgrad.web.gate`), so
everything expensive — parsing, deriving, checking, plotting, rendering — is under the time
and memory budget.  User text only ever reaches symgrad's parser (through the same functions
the command line uses); uploads are written to a private temporary folder and read by the
command line's own CSV readers, so they get exactly the CLI's checks.  The results are plain
data (HTML fragments from :mod:`symgrad.render.documents.html`, PNG and file bytes) sent back pickled.
"""

from __future__ import annotations

import csv
import io
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError, said
from ..i18n.language import phrase

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
FORMATS = {"tex": ("derivation.tex", "application/x-tex"),
           "beamer": ("slides.tex", "application/x-tex"),
           "md": ("derivation.md", "text/markdown"),
           "pdf": ("derivation.pdf", "application/pdf")}


@dataclass
class Outcome:
    """What a page shows: an outline as HTML, a verdict, pictures, a table, files to download."""

    document: str = ""
    verdict: str | None = None
    preview: str = ""
    images: list[tuple[str, bytes]] = field(default_factory=list)
    table: tuple[tuple[str, ...], list[tuple[str, ...]]] | None = None
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
    """
    from ..cli.main import LOSSES
    from ..model import Model

    loss = LOSSES[_choice(form, "loss", LOSS_NAMES, "mse")]
    if form.get("kind") == "network":
        return loss(build_network(form))
    params = text(form, "params", required=False) or None
    return loss(Model(text(form, "model"), inputs=text(form, "inputs"), params=params))


def build_network(form):
    """A Sequential network from layer sizes (``2, 2, 1``) and the activation names.

    >>> build_network({"layers": "2,3,1", "hidden": "tanh", "output": "sigmoid"})
    Sequential(Dense(2, 3), Tanh(), Dense(3, 1), Sigmoid())
    """
    from .. import nn

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
    """Derive: every gradient with its steps.

    >>> "<mi>ℓ</mi>" in derive_page({"model": "w*x", "inputs": "x"}).document
    True
    """
    from ..calculus.derive import derive
    from ..render.documents.html import to_html

    return Outcome(document=to_html(derive(build_loss(form))))


def derive_file(form, fmt: str) -> tuple[str, str, bytes]:
    """A download of the derivation: (file name, MIME type, bytes); ``pdf`` gives the .tex.

    >>> name, mime, data = derive_file({"model": "w*x", "inputs": "x"}, "md")
    >>> name, mime, data.decode().splitlines()[0]
    ('derivation.md', 'text/markdown', '# The gradient of the mean squared error for $f = w x$')
    """
    from ..calculus.derive import derive

    d = derive(build_loss(form))
    name, mime = FORMATS[fmt]
    body = {"tex": d.to_latex, "pdf": d.to_latex, "beamer": d.to_beamer,
            "md": d.to_markdown}[fmt]()
    return name, mime, body.encode("utf-8")


def derive_pdf(form) -> tuple[str, str, bytes]:
    """The derivation as a PDF, compiled by pdflatex in a private temporary folder."""
    from ..render.documents.document import LatexError, to_pdf

    _name, _mime, tex = derive_file(form, "pdf")
    with tempfile.TemporaryDirectory(prefix="symgrad-web-pdf-") as tmp:
        path = Path(tmp) / "derivation.tex"
        path.write_bytes(tex)
        try:
            pdf = to_pdf(path, timeout=60)
        except LatexError as e:
            raise LatexError(str(e).replace(str(path), phrase("web.the-document"))) from None
        return "derivation.pdf", "application/pdf", pdf.read_bytes()


def preview(answer: str) -> str:
    """How an answer was read, as a <math> element.

    >>> preview("2x")
    '<math displaystyle="true"><mrow><mn>2</mn><mi>x</mi></mrow></math>'
    """
    from ..parsing.core import parse
    from ..render.printers.mathml import expr_mathml

    return expr_mathml(parse(answer, what="the answer"))


def check_page(form) -> Outcome:
    """Check: the verdict, the counterexample and the hint.

    >>> check_page({"f": "x^2", "wrt": "x", "answer": "2x + 1"}).verdict
    'wrong'
    """
    from ..check import check_derivative
    from ..render.documents.html import to_html

    answer = text(form, "answer")
    verdict = check_derivative(text(form, "f"), text(form, "wrt"), answer)
    return Outcome(document=to_html(verdict), verdict=verdict.status, preview=preview(answer))


def grade_page(answers: bytes, problems: bytes | None, *, per_answer: float = 5,
               seconds: float = 60, jobs: int | None = None) -> Outcome:
    """Grade a class: the verdict table, the summary, and the reports to download.

    Unlike the other pages this runs in the request's thread, not in one budgeted child:
    every answer is checked under its own budget (``per_answer`` seconds, by the checker), so
    one answer too expensive to decide is that row's "undecided", never the whole class's.
    ``jobs`` answers are checked at a time (default: the cores available), as by
    ``symgrad grade --jobs``.  Past ``seconds`` the grading stops and says at which line.  The reports are the CLI's
    (same columns, formula cells quoted), made in memory.

    >>> out = grade_page(b"student,problem,answer\\nLi,d/dx: x^2,2x\\n", None)
    >>> out.table[1], out.lines, [d[1] for d in out.downloads]
    ([('2', 'Li', 'd/dx: x^2', '2x', 'right', 'Right.')], ['d/dx: x^2: 1 right'], ['report.csv', 'report.md'])
    """  # noqa: E501 - a doctest's expected output is one line
    from ..check.grade import STATUSES, RowProblem, grade_rows, neutralised, read_table, summary
    from ..check.pool import available_cores
    from ..cli.check import _HEADER, markdown

    table = read_table(io.StringIO(_text(answers, "the answers file"), newline=""),
                       ("student", "problem", "answer"), "the answers file")
    deadline = time.monotonic() + seconds
    rows, stopped = [], None
    try:
        for row in grade_rows(table, _problems(problems), timeout=per_answer,
                              jobs=jobs or available_cores()):
            rows.append(row)
            if time.monotonic() > deadline:
                stopped = row.line
                break
    except RowProblem as e:
        raise UsageError(str(e)) from None
    if not rows:
        raise UsageError(said('err.work.answers-file-has-no'))
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(_HEADER)
    writer.writerows([str(r.line)] + [neutralised(c) for c in (
        r.student, r.problem, r.answer, r.status, r.expected, r.message)] for r in rows)
    files = [("report.csv", "text/csv", out.getvalue().encode("utf-8")),
             ("report.md", "text/markdown", markdown(rows).encode("utf-8"))]
    lines = [f"{problem}: " + phrase("list.sep").join(
                 phrase("web.grade-count").format(c[s], phrase("grade.status." + s))
                 for s in STATUSES if c[s])
             for problem, c in summary(rows).items()]
    if stopped is not None:
        lines.append(phrase("web.grade-stopped").format(seconds, stopped))
    table_rows = [(str(r.line), r.student, r.problem, r.answer, r.status, r.message)
                  for r in rows]
    return Outcome(table=(("line", "student", "problem", "answer", "verdict", "message"),
                          table_rows), lines=lines,
                   downloads=[(phrase("web.download").format(n), n, mime, data)
                              for n, mime, data in files])


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(said('err.work.not-utf-text-save', what)) from None


def _problems(data: bytes | None) -> dict:
    """The problems file as id → Problem; a bad row is skipped, as by the CLI."""
    from ..check.grade import Problem, RowProblem, read_table

    if not data:
        return {}
    problems = {}
    for _, row in read_table(io.StringIO(_text(data, "the problems file"), newline=""),
                             ("id", "expr", "wrt"), "the problems file"):
        if not isinstance(row, RowProblem):
            problems[row["id"].strip()] = Problem(row["expr"], row["wrt"].strip())
    return problems


def explain_page(form) -> Outcome:
    """Explain: stationary points, classified by the second-derivative or Hessian test.

    >>> "saddle" in explain_page({"formula": "x*y"}).document
    True
    """
    from ..analysis.stationary import explain_minimum, stationary_points
    from ..parsing.core import parse, symbols
    from ..render.documents.html import to_html

    f = parse(text(form, "formula"), what="the formula")
    wrt_text = text(form, "wrt", required=False)
    wrt = symbols(wrt_text) if wrt_text else None
    several = len(wrt) > 1 if wrt else len(f.free_symbols) > 1
    result = stationary_points(f, wrt) if several else explain_minimum(f, wrt)
    return Outcome(document=to_html(result))


def trace_page(form) -> Outcome:
    """Trace: exact gradient descent, every update written out, and its picture.

    >>> out = trace_page({"formula": "x^2", "start": "x=1", "lr": "1/4", "steps": "1"})
    >>> out.images[0][1][:4]
    b'\\x89PNG'
    """
    from ..analysis.trace import trace_descent
    from ..cli.analysis import read_start
    from ..render.documents.html import to_html

    trace = trace_descent(text(form, "formula"), read_start(text(form, "start")),
                          text(form, "lr"), whole(form, "steps", 0, MAX_TRACE_STEPS))
    return Outcome(document=to_html(trace), images=[
        (phrase("web.alt.trace"), _png(trace.plot()))])


def fit_page(form, data: bytes) -> Outcome:
    """Fit: gradient descent on uploaded data; the loss curve and the fitted model.

    >>> form = {"model": "w*x", "inputs": "x", "lr": "0.1", "steps": "100"}
    >>> fit_page(form, b"x,y\\n1,2\\n2,4\\n").table
    (('parameter', 'value'), [('w', '2')])
    """
    from ..cli.main import _assignments, read_csv
    from ..numeric import descend

    loss = build_loss(form)
    with tempfile.TemporaryDirectory(prefix="symgrad-web-") as tmp, _named(tmp):
        path = _upload(Path(tmp) / "data.csv", data, "the data file")
        X, y = read_csv(str(path), [s.name for s in loss.model.inputs],
                        text(form, "target", "y"))
    try:
        lr = float(text(form, "lr"))
    except ValueError:
        raise UsageError(said('err.work.learning-rate-must-be')) from None
    fit = descend(loss, X, y, lr=lr, steps=whole(form, "steps", 1, MAX_FIT_STEPS),
                  init=_assignments(text(form, "init", required=False)))
    caption = "web.alt.loss" if fit.rise is None else "web.alt.loss-rising"  # never "falling"
    images = [(phrase(caption), _png(fit.plot_loss()))]
    inputs = len(loss.model.inputs)
    if inputs == 1 or (inputs == 2 and loss.name == "bce"):
        images.append((phrase("web.alt.fit"), _png(fit.plot_fit(X, y))))
    rows = [(name, f"{float(value):.6g}") for name, value in fit.params.items()]
    lines = [phrase("cli.fit-summary").format(fit.steps, float(fit.history[-1]),
                                              float(fit.history[0]))]
    if fit.rise is not None:  # J went up: said, with the likely cause and an α that works
        lines.append(str(fit.rise.message()))
    return Outcome(table=(("parameter", "value"), rows), images=images, lines=lines)


@contextmanager
def _named(folder: str):
    """Errors about files in the private folder name the upload, not the folder."""
    try:
        yield
    except ValueError as e:  # UsageError and ParseError included
        message = str(e).replace(folder + "/", "")
        message = message.replace("report/report", phrase("web.the-report"))
        raise type(e)(message) if isinstance(e, UsageError) else UsageError(message) from None


def _upload(path: Path, data: bytes, what: str) -> Path:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(said('err.work.not-utf-text-save', what)) from None
    path.write_bytes(data)
    return path


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()
