"""The pages: plain server-side HTML forms around the results (every value HTML-escaped).

The results themselves (derivations, verdicts, traces) arrive as HTML fragments rendered by
:mod:`symgrad.render.documents.html`; this module only lays out the forms, the messages, pictures,
tables and download links around them.
"""

from __future__ import annotations

import base64
from html import escape

from ..i18n.language import LANGUAGES
from ..i18n.language import current as current_language
from ..i18n.language import phrase as _w
from .work import ACTIVATIONS, LOSS_NAMES, Outcome

#: The pages, by path; their names in the navigation are the catalogue's web.nav.<path>.
PAGES = ("derive", "check", "explain", "fit")
#: How the language switch names each language, in that language.
LANGUAGE_NAMES = {"en": "English", "zh": "中文"}

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
        f'<a href="/{slug}"{" aria-current=page" if slug == current else ""}>'
        f'{escape(_w("web.nav." + slug))}</a>' for slug in PAGES)
    here = f"/{current or PAGES[0]}"
    switch = "".join(
        f'<a href="{here}?lang={code}" lang="{code}" hreflang="{code}"'
        f'{" aria-current=true" if code == current_language() else ""}>'
        f"{LANGUAGE_NAMES.get(code, code)}</a>" for code in LANGUAGES)
    return (
        f'<!doctype html><html lang="{current_language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)} · symgrad</title>"
        '<link rel="stylesheet" href="/static/style.css">'
        '<script src="/static/preview.js" defer></script></head><body>'
        f'<a class="skip" href="#main">{escape(_w("web.skip"))}</a>'
        f'<header><nav aria-label="{escape(_w("web.pages"))}"><span class="brand">symgrad</span>'
        f'{nav}<span class="languages" role="group" aria-label="{escape(_w("web.language"))}">'
        f"{switch}</span></nav></header>"
        f'<main id="main"><h1>{escape(title)}</h1>{body}</main>'
        f"<footer>{escape(_w('web.footer'))}</footer>"
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
        for v, text in (("formula", _w("web.a-formula")), ("network", _w("web.a-network"))))
    return (
        f'<fieldset class="model"><legend>{_w("web.the-model")}</legend>'
        f'<div class="choice">{radios}</div><div class="grid formula-fields">'
        + field(form, "model", _w("web.model-formula"), _w("web.model-formula-hint"))
        + field(form, "inputs", _w("web.inputs"), _w("web.inputs-hint"))
        + field(form, "params", _w("web.params"), _w("web.params-hint"))
        + "</div><div class=\"grid network-fields\">"
        + field(form, "layers", _w("web.layers"), _w("web.layers-hint"))
        + select(form, "hidden", _w("web.hidden"), ACTIVATIONS, "sigmoid")
        + select(form, "output", _w("web.output"), ACTIVATIONS, "identity")
        + "</div>" + select(form, "loss", _w("web.loss"), LOSS_NAMES, "mse") + "</fieldset>")


def outcome(result: Outcome | None) -> str:
    """A result: verdict, the outline, pictures, summary lines, a table, downloads.

    >>> outcome(Outcome(verdict="right", lines=["1 < 2"]))
    '<section class="outcome" aria-label="Result"><p class="verdict right" role="status">Verdict: <strong>right</strong></p><p class="summary">1 &lt; 2</p></section>'
    """  # noqa: E501 - a doctest's expected output is one line
    if result is None:
        return ""
    out = []
    if result.verdict:
        status = f"<strong>{escape(_w('grade.status.' + result.verdict))}</strong>"
        out.append(f'<p class="verdict {result.verdict}" role="status">'
                   f"{_w('web.verdict').format(status)}</p>")
    if result.preview:
        out.append(f'<p class="read">{_w("web.read-as-sentence").format(result.preview)}</p>')
    out += [f'<p class="summary">{escape(line)}</p>' for line in result.lines]
    if result.downloads:
        links = "".join(
            f'<a class="button" download="{escape(name)}" href="data:{mime};base64,'
            f'{base64.b64encode(data).decode()}">{escape(label)}</a>'
            for label, name, mime, data in result.downloads)
        out.append(f'<p class="downloads">{links}</p>')
    if result.table:
        head, rows = result.table
        cells = "".join(f'<th scope="col">{escape(_w("web.col." + h))}</th>' for h in head)
        body = "".join("<tr>" + "".join(_cell(h, c) for h, c in zip(head, row)) + "</tr>"
                       for row in rows)
        out.append(f'<div class="table"><table><thead><tr>{cells}</tr></thead>'
                   f"<tbody>{body}</tbody></table></div>")
    for alt, png in result.images:
        out.append(f'<figure><img alt="{escape(alt)}" src="data:image/png;base64,'
                   f'{base64.b64encode(png).decode()}"><figcaption>{escape(alt)}</figcaption>'
                   "</figure>")
    if result.document:
        out.append(f'<div class="result">{result.document}</div>')
    return (f'<section class="outcome" aria-label="{escape(_w("web.result"))}">' + "".join(out)
            + "</section>")


def _cell(head: str, value: str) -> str:
    """A table cell; a verdict cell is classed by its status and worded in the language."""
    if head != "verdict":
        return f'<td class="">{escape(value)}</td>'
    return f'<td class="{escape(value)}">{escape(_w("grade.status." + value))}</td>'


def derive_body(form, result, note: str, pdf: bool) -> str:
    """The Derive page: the model form, the download buttons, the derivation."""
    pdf_button = ('<button name="format" value="pdf">PDF</button>' if pdf else
                  f'<button name="format" value="pdf" disabled>{_w("web.pdf-needs")}</button>')
    return (
        '<form method="post" action="/derive" class="card">' + model_fields(form)
        + f'<div class="actions"><button type="submit">{_w("web.derive")}</button></div>'
        f'<fieldset><legend>{_w("web.download-derivation")}</legend><div class="actions">'
        '<button formaction="/derive/download" name="format" value="tex">'
        f'{_w("web.latex-article")}</button>'
        '<button formaction="/derive/download" name="format" value="beamer">'
        f'{_w("web.beamer")}</button>'
        + pdf_button.replace("<button ", '<button formaction="/derive/download" ')
        + '<button formaction="/derive/download" name="format" value="md">Markdown</button>'
        "</div></fieldset></form>" + note + outcome(result))


def check_body(form, result, note: str, grade_result, grade_note: str) -> str:
    """The Check page: one answer with a live preview; a class CSV to grade."""
    return (
        '<form method="post" action="/check" class="card"><div class="grid">'
        + field(form, "f", _w("web.function-f"), _w("web.function-f-hint"))
        + field(form, "wrt", _w("web.variable"), _w("web.variable-hint"))
        + "</div>"
        + field(form, "answer", _w("web.student-answer"), _w("web.answer-hint"))
        + f'<p class="preview">{_w("web.read-as")} '
        '<output id="preview" for="answer" aria-live="polite"></output></p>'
        f'<div class="actions"><button type="submit">{_w("web.check")}</button>'
        '<button type="submit" name="action" value="preview" class="secondary">'
        f'{_w("web.show-read")}</button></div></form>' + note + outcome(result)
        + f'<h2 id="grade">{_w("web.grade-class")}</h2>'
        '<form method="post" action="/grade" enctype="multipart/form-data" class="card">'
        + "<p>" + _w("web.grade-explain").format(
            "<code>student, problem, answer</code>", "<code>d/dx: 2x^2 - 12x + 20</code>",
            "<code>id, expr, wrt</code>") + '</p><div class="grid">'
        f'<div class="field"><label for="answers">{_w("web.answers-csv")}</label>'
        '<input id="answers" name="answers" type="file" accept=".csv,text/csv"></div>'
        f'<div class="field"><label for="problems">{_w("web.problems-csv")}</label>'
        '<input id="problems" name="problems" type="file" accept=".csv,text/csv"></div></div>'
        f'<div class="actions"><button type="submit">{_w("web.grade")}</button></div></form>'
        + grade_note + outcome(grade_result))


def explain_body(form, result, note: str, trace_form, trace_result, trace_note: str) -> str:
    """The Explain / Trace page: stationary points; an exact descent trace with its picture."""
    return (
        '<form method="post" action="/explain" class="card"><div class="grid">'
        + field(form, "formula", _w("web.function"), _w("web.explain-hint"))
        + field(form, "wrt", _w("web.variables"), _w("web.variables-hint"))
        + '</div><div class="actions"><button type="submit">'
        f'{_w("web.find-stationary")}</button></div></form>' + note + outcome(result)
        + f'<h2 id="trace">{_w("web.trace-descent")}</h2>'
        '<form method="post" action="/trace" class="card"><div class="grid">'
        + field(trace_form, "formula", _w("web.function"), _w("web.trace-hint"),
                ident="trace-formula")
        + field(trace_form, "start", _w("web.start"), _w("web.start-hint"), ident="trace-start")
        + field(trace_form, "lr", _w("web.lr"), _w("web.lr-hint"), ident="trace-lr")
        + field(trace_form, "steps", _w("web.steps"), _w("web.steps-hint"), kind="number",
                ident="trace-steps")
        + f'</div><div class="actions"><button type="submit">{_w("web.trace")}</button></div>'
        "</form>"
        + trace_note + outcome(trace_result))


def fit_body(form, result, note: str) -> str:
    """The Fit page: upload data, choose a model and loss, see J fall and the fit."""
    return (
        '<form method="post" action="/fit" enctype="multipart/form-data" class="card">'
        f'<label for="data">{_w("web.data")}</label>'
        '<input id="data" name="data" type="file" accept=".csv,text/csv">'
        + model_fields(form) + '<div class="grid">'
        + field(form, "target", _w("web.target"))
        + field(form, "lr", _w("web.lr"))
        + field(form, "steps", _w("web.steps"), kind="number")
        + field(form, "init", _w("web.init"), _w("web.init-hint"))
        + f'</div><div class="actions"><button type="submit">{_w("web.fit")}</button></div>'
        "</form>"
        + note + outcome(result))
