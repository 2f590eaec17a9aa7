"""The Derive page: a model (a formula or a small network) and its loss, every gradient."""

from __future__ import annotations

from flask import Blueprint, redirect, request

from .. import work
from ..common import compute, download, form_of, show

bp = Blueprint("derive", __name__)


def page(form, result=None, note=None) -> str:
    """The Derive page with its form filled in, and a result or a message."""
    return show("derive.html", "derive", "web.title.derive", derive_form=form, result=result,
                note=note)


@bp.route("/derive", methods=["GET", "POST"])
def derive_view():
    form = form_of("derive")
    result, note = None, None
    if request.method == "POST":
        result, note = compute(work.derive_page, form, what="deriving this model")
    return page(form, result, note)


@bp.route("/derive/download", methods=["GET", "POST"])
def download_view():
    if request.method == "GET":  # a bookmark or a reload: the page with its form
        return redirect("/derive")
    form = form_of("derive")
    return download("derive", form, lambda result, note: page(form, result, note))
