"""The Explain / Trace page: stationary points found and classified; an exact descent trace."""

from __future__ import annotations

from flask import Blueprint

from ...i18n.keys import N_
from .. import work
from ..common import download_view, posted, show

bp = Blueprint("explain", __name__)


def page(form=None, result=None, note=None, trace_form=None, trace=None,
         trace_note=None) -> str:
    """The page with both forms; one of them may have a result or a message."""
    context = {"result": result, "note": note, "trace": trace, "trace_note": trace_note}
    if form is not None:
        context["explain_form"] = form
    if trace_form is not None:
        context["trace_form"] = trace_form
    return show("explain.html", "explain", N_("web.title.explain"), **context)


@bp.route("/explain", methods=["GET", "POST"])
def explain_view():
    return page(*posted("explain", work.explain_page, "finding stationary points"))


@bp.route("/trace", methods=["GET", "POST"])
def trace_view():
    return trace_page(*posted("trace", work.trace_page, "tracing this descent"))


def trace_page(form, result=None, note=None) -> str:
    """The page with the trace form filled in, and a trace or a message."""
    return page(trace_form=form, trace=result, trace_note=note)


@bp.route("/explain/download", methods=["GET", "POST"])
def explain_download():
    return download_view("explain", page)


@bp.route("/trace/download", methods=["GET", "POST"])
def trace_download():
    return download_view("trace", trace_page)
