"""The Check page: one answer checked (with a live preview), or a whole class graded."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from ...i18n.language import phrase
from .. import grading, work
from ..common import attempt, compute, download_view, form_of, gate, message, show
from ..pages import DEFAULTS

bp = Blueprint("check", __name__)

#: What the live preview reads: the answer, and the problem it answers (a derivative's f and
#: variable, or a loss: its model, penalty and parameter).
PREVIEW_FIELDS = ("answer", "task", "f", "wrt", "kind", "model", "inputs", "params", "loss",
                  "penalty", "lam", "param", "layers", "hidden", "output")
#: How long grading one uploaded class may take (each answer has its own budget too).
GRADE_SECONDS = 60


def page(form, result=None, note=None, grade=None, grade_note=None) -> str:
    """The Check page: the answer form with its result, the grading form with its result."""
    return show("check.html", "check", "web.title.check", check_form=form, result=result,
                note=note, grade=grade, grade_note=grade_note)


@bp.route("/check", methods=["GET", "POST"])
def check_view():
    form = form_of("check")
    result, note = None, None
    if request.method == "POST":
        if form.get("action") == "preview":
            result, note = compute(work.preview, form, what="reading this answer")
        else:
            result, note = compute(work.check_page, form, what="checking this answer")
    return page(form, result, note)


@bp.route("/check/download", methods=["GET", "POST"])
def download():
    return download_view("check", page)


@bp.get("/preview")
def preview_view():
    """The live preview: how the checker reads the answer, as an HTML fragment."""
    form = {k: request.args.get(k, "") for k in PREVIEW_FIELDS}
    if not form["answer"].strip():
        return Response("", mimetype="text/html")
    if any(len(v) > work.MAX_FIELD for v in form.values()):
        return Response(render_template("preview.html", note=message(
            phrase("web.answer-too-long"))), mimetype="text/html")
    shown, note = compute(work.preview, form, what="reading this answer")
    return Response(render_template("preview.html", result=shown, note=note),
                    mimetype="text/html")


@bp.route("/grade", methods=["GET", "POST"])
def grade_view():
    if request.method == "GET":  # a reload or a bookmark: the page, at its grading form
        return page(form_of("check"))
    answers = request.files.get("answers")
    problems = request.files.get("problems")
    result, note = None, None
    data = answers.read() if answers else b""
    if not data:
        note = message(phrase("web.choose-answers"))
    else:
        extra = problems.read() if problems else b""
        # Each answer is checked under its own budget (see grading.grade_page), the class
        # under GRADE_SECONDS: one hard answer is that row's "undecided", not the class's.
        result, note = attempt(grading.grade_page, data, extra or None,
                               per_answer=min(gate().budget.seconds, 5), seconds=GRADE_SECONDS)
    return page(dict(DEFAULTS["check"]), grade=result, grade_note=note)
