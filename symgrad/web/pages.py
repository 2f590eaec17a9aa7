"""The pages: plain server-side HTML forms around the results (every value HTML-escaped).

The results themselves (derivations, verdicts, traces) arrive as HTML fragments rendered by
:mod:`symgrad.render.html`; this module only lays out the forms, the messages, pictures,
tables and download links around them.
"""

from __future__ import annotations

import base64
from html import escape

from ..render.language import current as current_language
from .work import ACTIVATIONS, LOSS_NAMES, Outcome

PAGES = (("derive", "Derive"), ("check", "Check"), ("explain", "Explain / Trace"),
         ("fit", "Fit"))

DEFAULTS = {
    "derive": {"kind": "formula", "model": "a*x1 + b*x2**2 + c*x3**3 + d",
               "inputs": "x1, x2, x3", "loss": "mse", "layers": "2, 2, 1",
               "hidden": "sigmoid", "output": "sigmoid"},
    "check": {"f": "2x^2 - 12x + 20", "wrt": "x", "answer": "4x - 12"},
    "explain": {"formula": "2*x**2 + 2*y + 4*x*y"},
    "trace": {"formula": "2*x**2 + y**2 + 3", "start": "x=1, y=1", "lr": "1/4", "steps": "4"},
    "fit": {"kind": "formula", "model": "w*x + b", "inputs": "x", "target": "y",
            "loss": "mse", "lr": "0.1", "steps": "200", "layers": "1, 2, 1",
            "hidden": "tanh", "output": "identity"},
}


def page(current: str, title: str, body: str) -> str:
    """A whole page: the navigation, a heading and the body.

    >>> html = page("fit", "Fit <data>", "")
    >>> "<title>Fit &lt;data&gt; · symgrad</title>" in html
    True
    >>> '<a href="/fit" aria-current=page>' in html
    True
    """
    nav = "".join(
        f'<a href="/{slug}"{" aria-current=page" if slug == current else ""}>{name}</a>'
        for slug, name in PAGES)
    return (
        f'<!doctype html><html lang="{current_language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · symgrad</title>"
        '<link rel="stylesheet" href="/static/style.css">'
        '<script src="/static/preview.js" defer></script></head><body>'
        '<a class="skip" href="#main">Skip to the content</a>'
        f'<header><nav aria-label="Pages"><span class="brand">symgrad</span>{nav}</nav></header>'
        f'<main id="main"><h1>{escape(title)}</h1>{body}</main>'
        "<footer>symgrad runs on this computer: nothing you type leaves it.</footer>"
        "</body></html>")


def message(text: str, kind: str = "error") -> str:
    """A one-line message for the person at the keyboard (an error, or "too expensive").

    >>> message("cannot read 'x <'")
    '<p class="message error" role="alert">cannot read &#x27;x &lt;&#x27;</p>'
    """
    return f'<p class="message {kind}" role="alert">{escape(text)}</p>'


def field(form, name: str, label: str, hint: str = "", *, kind: str = "text",
          default: str = "", ident: str | None = None) -> str:
    """A labelled text input that keeps what was typed.

    >>> field({"f": '"><b>'}, "f", "Function")
    '<div class="field"><label for="f">Function</label><input id="f" name="f" type="text" value="&quot;&gt;&lt;b&gt;" autocomplete="off" spellcheck="false"></div>'
    """  # noqa: E501 - a doctest's expected output is one line
    value = form.get(name, default)
    ident = ident or name  # two forms on one page name their fields apart
    described = f' aria-describedby="{ident}-hint"' if hint else ""
    hint_html = f'<small id="{ident}-hint">{escape(hint)}</small>' if hint else ""
    return (f'<div class="field"><label for="{ident}">{escape(label)}</label>'
            f'<input id="{ident}" name="{name}" type="{kind}" value="{escape(value)}"'
            f' autocomplete="off" spellcheck="false"{described}>{hint_html}</div>')


def select(form, name: str, label: str, options, default: str) -> str:
    """A labelled drop-down list.

    >>> html = select({"loss": "mae"}, "loss", "Loss", ("mse", "mae"), "mse")
    >>> '<option value="mae" selected>' in html
    True
    """
    chosen = form.get(name, default)
    opts = "".join(f'<option value="{escape(o)}"{" selected" if o == chosen else ""}>'
                   f"{escape(o)}</option>" for o in options)
    return (f'<div class="field"><label for="{name}">{escape(label)}</label>'
            f'<select id="{name}" name="{name}">{opts}</select></div>')


def model_fields(form) -> str:
    """A model typed as a formula, or a small network built from layer sizes.

    >>> 'value="network" checked' in model_fields({"kind": "network"})
    True
    """
    kind = form.get("kind", "formula")
    radios = "".join(
        f'<label class="inline"><input type="radio" name="kind" value="{v}"'
        f'{" checked" if kind == v else ""}> {text}</label>'
        for v, text in (("formula", "a formula"), ("network", "a network")))
    return (
        f'<fieldset class="model"><legend>The model</legend><div class="choice">{radios}</div>'
        '<div class="grid formula-fields">'
        + field(form, "model", "Model formula", "Python style or LaTeX, e.g. w*x + b")
        + field(form, "inputs", "Inputs", "comma-separated, e.g. x1, x2")
        + field(form, "params", "Parameters (optional)", "default: the other names")
        + "</div><div class=\"grid network-fields\">"
        + field(form, "layers", "Network layer sizes", "inputs, hidden…, outputs, e.g. 2, 2, 1")
        + select(form, "hidden", "Hidden activation", ACTIVATIONS, "sigmoid")
        + select(form, "output", "Output activation", ACTIVATIONS, "identity")
        + "</div>" + select(form, "loss", "Loss", LOSS_NAMES, "mse") + "</fieldset>")


def outcome(result: Outcome | None) -> str:
    """A result: verdict, the outline, pictures, summary lines, a table, downloads.

    >>> outcome(Outcome(verdict="right", lines=["1 < 2"]))
    '<section class="outcome" aria-label="Result"><p class="verdict right" role="status">Verdict: <strong>right</strong></p><p class="summary">1 &lt; 2</p></section>'
    """  # noqa: E501 - a doctest's expected output is one line
    if result is None:
        return ""
    out = []
    if result.verdict:
        out.append(f'<p class="verdict {result.verdict}" role="status">'
                   f"Verdict: <strong>{result.verdict}</strong></p>")
    if result.preview:
        out.append(f'<p class="read">The answer was read as {result.preview}</p>')
    out += [f'<p class="summary">{escape(line)}</p>' for line in result.lines]
    if result.downloads:
        links = "".join(
            f'<a class="button" download="{escape(name)}" href="data:{mime};base64,'
            f'{base64.b64encode(data).decode()}">{escape(label)}</a>'
            for label, name, mime, data in result.downloads)
        out.append(f'<p class="downloads">{links}</p>')
    if result.table:
        head, rows = result.table
        cells = "".join(f'<th scope="col">{escape(h)}</th>' for h in head)
        body = "".join(
            "<tr>" + "".join(f'<td class="{escape(c) if h == "verdict" else ""}">{escape(c)}</td>'
                             for h, c in zip(head, row)) + "</tr>" for row in rows)
        out.append(f'<div class="table"><table><thead><tr>{cells}</tr></thead>'
                   f"<tbody>{body}</tbody></table></div>")
    for alt, png in result.images:
        out.append(f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,'
                   f'{base64.b64encode(png).decode()}"><figcaption>{escape(alt)}</figcaption>'
                   "</figure>")
    if result.document:
        out.append(f'<div class="result">{result.document}</div>')
    return '<section class="outcome" aria-label="Result">' + "".join(out) + "</section>"


def derive_body(form, result, note: str, pdf: bool) -> str:
    """The Derive page: the model form, the download buttons, the derivation."""
    pdf_button = ('<button name="format" value="pdf">PDF</button>' if pdf else
                  '<button name="format" value="pdf" disabled>PDF (needs pdflatex)</button>')
    return (
        '<form method="post" action="/derive" class="card">' + model_fields(form)
        + '<div class="actions"><button type="submit">Derive</button></div>'
        '<fieldset><legend>Download the derivation</legend><div class="actions">'
        '<button formaction="/derive/download" name="format" value="tex">LaTeX article</button>'
        '<button formaction="/derive/download" name="format" value="beamer">Beamer slides'
        "</button>" + pdf_button.replace("<button ", '<button formaction="/derive/download" ')
        + '<button formaction="/derive/download" name="format" value="md">Markdown</button>'
        "</div></fieldset></form>" + note + outcome(result))


def check_body(form, result, note: str, grade_result, grade_note: str) -> str:
    """The Check page: one answer with a live preview; a class CSV to grade."""
    return (
        '<form method="post" action="/check" class="card"><div class="grid">'
        + field(form, "f", "Function f", "e.g. 2x^2 - 12x + 20 or \\frac{1}{x}")
        + field(form, "wrt", "Variable", "e.g. x")
        + "</div>"
        + field(form, "answer", "The student's answer", "Python style or LaTeX")
        + '<p class="preview">Read as: <output id="preview" for="answer" aria-live="polite">'
        "</output></p>"
        '<div class="actions"><button type="submit">Check</button>'
        '<button type="submit" name="action" value="preview" class="secondary">'
        "Show how it was read</button></div></form>" + note + outcome(result)
        + '<h2 id="grade">Grade a class</h2>'
        '<form method="post" action="/grade" enctype="multipart/form-data" class="card">'
        "<p>A CSV with columns <code>student, problem, answer</code>; a problem is "
        "<code>d/dx: 2x^2 - 12x + 20</code> or an id from the problems file "
        "(columns <code>id, expr, wrt</code>).</p><div class=\"grid\">"
        '<div class="field"><label for="answers">Answers (CSV)</label><input id="answers" '
        'name="answers" type="file" accept=".csv,text/csv"></div>'
        '<div class="field"><label for="problems">Problems (CSV, optional)</label><input '
        'id="problems" name="problems" type="file" accept=".csv,text/csv"></div></div>'
        '<div class="actions"><button type="submit">Grade</button></div></form>'
        + grade_note + outcome(grade_result))


def explain_body(form, result, note: str, trace_form, trace_result, trace_note: str) -> str:
    """The Explain / Trace page: stationary points; an exact descent trace with its picture."""
    return (
        '<form method="post" action="/explain" class="card"><div class="grid">'
        + field(form, "formula", "Function", "e.g. 2*x**2 + 2*y + 4*x*y")
        + field(form, "wrt", "Variables (optional)", "default: every name")
        + '</div><div class="actions"><button type="submit">Find the stationary points'
        "</button></div></form>" + note + outcome(result)
        + '<h2 id="trace">Trace gradient descent</h2>'
        '<form method="post" action="/trace" class="card"><div class="grid">'
        + field(trace_form, "formula", "Function", "e.g. 2*x**2 + y**2 + 3",
                ident="trace-formula")
        + field(trace_form, "start", "Start", "e.g. x=1, y=1", ident="trace-start")
        + field(trace_form, "lr", "Learning rate α", "exact: 1/4 or 0.25", ident="trace-lr")
        + field(trace_form, "steps", "Steps", "at most 200", kind="number",
                ident="trace-steps")
        + '</div><div class="actions"><button type="submit">Trace</button></div></form>'
        + trace_note + outcome(trace_result))


def fit_body(form, result, note: str) -> str:
    """The Fit page: upload data, choose a model and loss, see J fall and the fit."""
    return (
        '<form method="post" action="/fit" enctype="multipart/form-data" class="card">'
        '<label for="data">Data (CSV with a header naming the inputs and the target)</label>'
        '<input id="data" name="data" type="file" accept=".csv,text/csv">'
        + model_fields(form) + '<div class="grid">'
        + field(form, "target", "Target column")
        + field(form, "lr", "Learning rate α")
        + field(form, "steps", "Steps", kind="number")
        + field(form, "init", "Start (optional)", "e.g. w=1, b=0; default 0")
        + '</div><div class="actions"><button type="submit">Fit</button></div></form>'
        + note + outcome(result))
