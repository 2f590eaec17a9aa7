"""The Explain / Trace page: stationary points found and classified; an exact descent trace."""

from __future__ import annotations

from flask import Blueprint, redirect, request

from .. import work
from ..common import compute, download, form_of, show

bp = Blueprint("explain", __name__)


def page(form=None, result=None, note=None, trace_form=None, trace=None,
         trace_note=None) -> str:
    """The page with both forms; one of them may have a result or a message."""
    context = {"result": result, "note": note, "trace": trace, "trace_note": trace_note}
    if form is not None:
        context["explain_form"] = form
    if trace_form is not None:
        context["trace_form"] = trace_form
    return show("explain.html", "explain", "web.title.explain", **context)


@bp.route("/explain", methods=["GET", "POST"])
def explain_view():
    form = form_of("explain")
    result, note = None, None
    if request.method == "POST":
        result, note = compute(work.explain_page, form, what="finding stationary points")
    return page(form, result, note)


@bp.route("/trace", methods=["GET", "POST"])
def trace_view():
    form = form_of("trace")
    result, note = None, None
    if request.method == "POST":
        result, note = compute(work.trace_page, form, what="tracing this descent")
    return page(trace_form=form, trace=result, trace_note=note)


@bp.route("/explain/download", methods=["GET", "POST"])
def explain_download():
    if request.method == "GET":
        return redirect("/explain")
    form = form_of("explain")
    return download("explain", form, lambda result, note: page(form, result, note))


@bp.route("/trace/download", methods=["GET", "POST"])
def trace_download():
    if request.method == "GET":
        return redirect("/trace")
    form = form_of("trace")
    return download("trace", form,
                    lambda result, note: page(trace_form=form, trace=result, trace_note=note))
