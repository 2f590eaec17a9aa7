"""What every page's views share: the form, the budgeted computation, the page, a download."""

from __future__ import annotations

import shutil
import sys
import traceback

from flask import Response, current_app, redirect, render_template, request

from ..errors import DivergenceError, TooExpensive
from ..i18n.language import phrase
from ..render.documents.pdf import LatexError
from . import pages, work
from .arrival import arrived

#: The budget of a PDF download (pdflatex runs twice as long as deriving, or more).
PDF_SECONDS = 30


def gate():
    """The application's :class:`~symgrad.web.gate.Gate`."""
    return current_app.extensions["symgrad_gate"]


def compute(fn, *args, what: str, seconds: float | None = None):
    """``fn(*args)`` in a budgeted child: (result, "") or (None, a message for the page); the
    deadline counts from the request's arrival."""
    return attempt(gate().run, fn, *args, what=what, seconds=seconds,
                   arrived=arrived(request.environ))


def attempt(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` as (result, "") or (None, a message for the page)."""
    try:
        return fn(*args, **kwargs), ""
    except TooExpensive as e:
        return None, message(str(e), "expensive")
    except (ValueError, TypeError, DivergenceError, LatexError, KeyError) as e:
        return None, message(_one_line(e))
    except Exception as e:  # a bug of ours: say so briefly, keep the details in the log
        traceback.print_exc(file=sys.stderr)
        return None, message(phrase("web.internal").format(type(e).__name__))


def message(text: str, kind: str = "error") -> dict:
    """A one-line message for the person at the keyboard (an error, or "too expensive")."""
    return {"text": text, "kind": kind}


def form_of(name: str) -> dict[str, str]:
    """The page's form: what was posted, else the page's example values."""
    if request.method == "POST":
        return {k: v for k, v in request.form.items() if isinstance(v, str) and k != "_xsrf"}
    return dict(pages.DEFAULTS.get(name, {}))


def posted(name: str, fn, what: str):
    """The page's form and, for a POST, ``fn(form)`` computed: (form, result, note)."""
    form = form_of(name)
    if request.method != "POST":
        return form, None, None
    result, note = compute(fn, form, what=what)
    return form, result, note


def download_view(page: str, render_again):
    """A page's download address: the file the form asks for; a GET (a reload, a bookmark)
    goes back to the page with its form."""
    if request.method == "GET":
        return redirect(f"/{page}")
    form = form_of(page)
    return download(page, form, lambda result, note: render_again(form, result, note))


def show(template: str, current: str, title_key: str, **context) -> str:
    """A whole page from its template; the example values fill every form not given."""
    for name, values in pages.DEFAULTS.items():
        context.setdefault(f"{name}_form", values)
    return render_template(template, current=current, title=phrase(title_key),
                           pdf=shutil.which("pdflatex") is not None, **context)


def error_page(title: str, text: str) -> str:
    """A page that only says what went wrong."""
    return render_template("message.html", current="", title=title, note=message(text))


def download(page: str, form, render_again):
    """The download a page's form asks for (``format``), or the page again with the reason."""
    fmt = form.get("format", "")
    if fmt not in work.FORMATS:
        return render_again(None, message(phrase("web.unknown-format")))
    seconds = max(gate().budget.seconds, PDF_SECONDS) if fmt in ("pdf", "slides") else None
    made, note = compute(work.document_file, page, form, fmt, what="writing this document",
                         seconds=seconds)
    if made is None:
        return render_again(None, note)
    name, mime, data = made
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f'attachment; filename="{name}"'})


def _one_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
