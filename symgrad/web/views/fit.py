"""The Fit page: gradient descent on an uploaded CSV; the file is kept for the next run."""

from __future__ import annotations

from flask import Blueprint, current_app, request

from ...i18n.keys import N_
from ...i18n.language import phrase
from .. import work
from ..common import compute, form_of, message, show

bp = Blueprint("fit", __name__)


@bp.route("/fit", methods=["GET", "POST"])
def fit_view():
    form = form_of("fit")
    result, note = None, None
    kept = None
    if request.method == "POST":
        uploads = current_app.extensions["symgrad_uploads"]
        upload = request.files.get("data")
        data = upload.read() if upload else b""
        if data:  # a new file replaces the kept one
            form["data_key"] = uploads.put(upload.filename or "data.csv", data)
            kept = (upload.filename or "data.csv", data)
        else:
            kept = uploads.get(form.get("data_key"))
        if kept is None:
            form.pop("data_key", None)
            note = message(phrase("web.choose-data"))
        else:
            result, note = compute(work.fit_page, form, kept[1], what="fitting this model")
    return show("fit.html", "fit", N_("web.title.fit"), fit_form=form, result=result, note=note,
                kept=kept[0] if kept else None)
