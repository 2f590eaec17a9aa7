"""The Flask application: one route per form, each computation through the Gate.

Flask reads the forms and uploads (with request size limits); waitress serves it from a
pool of threads.  A route never computes anything itself: it hands the form's text to a
function of :mod:`symgrad.web.work`, run by the :class:`~symgrad.web.gate.Gate` in a
budgeted child, and lays the result out with :mod:`symgrad.web.pages`.
"""

from __future__ import annotations

import shutil
import sys
import traceback
from pathlib import Path

from flask import Flask, Response, g, redirect, request

from ..runtime.budget import Budget
from ..errors import DivergenceError, TooExpensive
from ..render.documents.document import LatexError
from ..i18n.language import LANGUAGES, checked, chosen_by_command_line, current, language
from ..i18n.language import phrase
from . import pages, work
from .gate import Gate

#: Largest request (form fields and uploads together), in bytes.
MAX_REQUEST = 1 << 20
#: How long grading one uploaded class may take (each answer has its own budget too).
GRADE_SECONDS = 60
#: The budget of a PDF download (pdflatex runs twice as long as deriving, or more).
PDF_SECONDS = 30

_CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")


def create_app(budget: Budget | None = None, *, slots: int = 8,
               max_request: int = MAX_REQUEST) -> Flask:
    """The web application; every computation is limited by ``budget`` (the library default).

    >>> app = create_app(Budget(seconds=5, memory_mb=512))
    >>> client = app.test_client()
    >>> client.get("/").status_code, client.get("/derive").status_code
    (302, 200)
    """
    app = Flask(__name__, static_folder=str(Path(__file__).with_name("static")),
                static_url_path="/static")
    app.config.update(MAX_CONTENT_LENGTH=max_request, MAX_FORM_MEMORY_SIZE=max_request,
                      MAX_FORM_PARTS=64)
    _preload()
    gate = Gate(budget or Budget.default(), slots=slots)
    app.extensions["symgrad_gate"] = gate

    def compute(fn, *args, what: str, seconds: float | None = None):
        """(result, "") or (None, a message to show on the page)."""
        return attempt(gate.run, fn, *args, what=what, seconds=seconds)

    def form_of(name: str) -> dict[str, str]:
        values = dict(pages.DEFAULTS.get(name, {}))
        if request.method == "POST":
            values = {k: v for k, v in request.form.items() if isinstance(v, str)}
        return values

    @app.before_request
    def speak():  # the page's language: ?lang=, else the cookie, else Accept-Language
        g.language = language(chosen_language(request))
        g.language.__enter__()

    @app.teardown_request
    def stop_speaking(_error):
        if "language" in g:
            g.language.__exit__(None, None, None)

    @app.get("/")
    def home():
        return redirect("/derive")

    @app.route("/derive", methods=["GET", "POST"])
    def derive_route():
        form = form_of("derive")
        result, note = (None, "")
        if request.method == "POST":
            result, note = compute(work.derive_page, form, what="deriving this model")
        body = pages.derive_body(form, result, note, pdf=shutil.which("pdflatex") is not None)
        return pages.page("derive", phrase("web.title.derive"), body)

    @app.post("/derive/download")
    def download_route():
        form = form_of("derive")
        fmt = form.get("format", "")
        if fmt not in work.FORMATS:
            return _page_error("derive", phrase("web.title.derive"), phrase("web.unknown-format"))
        if fmt == "pdf":  # pdflatex needs longer than a formula: at least PDF_SECONDS
            made, note = compute(work.derive_pdf, form, what="compiling this derivation",
                                 seconds=max(gate.budget.seconds, PDF_SECONDS))
        else:
            made, note = compute(work.derive_file, form, fmt, what="writing this derivation")
        if made is None:
            body = pages.derive_body(form, None, note, pdf=shutil.which("pdflatex") is not None)
            return pages.page("derive", phrase("web.title.derive"), body)
        name, mime, data = made
        return Response(data, mimetype=mime, headers={
            "Content-Disposition": f'attachment; filename="{name}"'})

    @app.route("/check", methods=["GET", "POST"])
    def check_route():
        form = form_of("check")
        result, note = (None, "")
        if request.method == "POST":
            if form.get("action") == "preview":
                shown, note = compute(work.preview, work.text(form, "answer", "?"),
                                      what="reading this answer")
                result = work.Outcome(preview=shown) if shown else None
            else:
                result, note = compute(work.check_page, form, what="checking this answer")
        return pages.page("check", phrase("web.title.check"),
                          pages.check_body(form, result, note, None, ""))

    @app.get("/preview")
    def preview_route():
        answer = request.args.get("answer", "")
        if not answer.strip():
            return Response("", mimetype="text/html")
        if len(answer) > work.MAX_FIELD:
            return Response(pages.message(phrase("web.answer-too-long")), mimetype="text/html")
        shown, note = compute(work.preview, answer, what="reading this answer")
        return Response(shown or note, mimetype="text/html")

    @app.post("/grade")
    def grade_route():
        answers = request.files.get("answers")
        problems = request.files.get("problems")
        result, note = None, ""
        data = answers.read() if answers else b""
        if not data:
            note = pages.message(phrase("web.choose-answers"))
        else:
            extra = problems.read() if problems else b""
            # Each answer is checked under its own budget (see work.grade_page), the class
            # under GRADE_SECONDS: one hard answer is that row's "undecided", not the class's.
            result, note = attempt(work.grade_page, data, extra or None,
                                   per_answer=min(gate.budget.seconds, 5),
                                   seconds=GRADE_SECONDS)
        return pages.page("check", phrase("web.title.check"), pages.check_body(
            pages.DEFAULTS["check"], None, "", result, note))

    @app.route("/explain", methods=["GET", "POST"])
    def explain_route():
        form = form_of("explain")
        result, note = (None, "")
        if request.method == "POST":
            result, note = compute(work.explain_page, form, what="finding stationary points")
        return pages.page("explain", phrase("web.title.explain"), pages.explain_body(
            form, result, note, pages.DEFAULTS["trace"], None, ""))

    @app.post("/trace")
    def trace_route():
        form = form_of("trace")
        result, note = compute(work.trace_page, form, what="tracing this descent")
        return pages.page("explain", phrase("web.title.explain"), pages.explain_body(
            pages.DEFAULTS["explain"], None, "", form, result, note))

    @app.route("/fit", methods=["GET", "POST"])
    def fit_route():
        form = form_of("fit")
        result, note = (None, "")
        if request.method == "POST":
            upload = request.files.get("data")
            data = upload.read() if upload else b""
            if not data:
                note = pages.message(phrase("web.choose-data"))
            else:
                result, note = compute(work.fit_page, form, data, what="fitting this model")
        return pages.page("fit", phrase("web.title.fit"), pages.fit_body(form, result, note))

    @app.errorhandler(413)
    def too_large(_error):
        text = phrase("web.too-large").format(max_request // 1024)
        return _page_error("derive", phrase("web.title.too-large"), text), 413

    @app.errorhandler(404)
    def not_found(_error):
        return _page_error("", phrase("web.title.not-found"), phrase("web.no-such-page")), 404

    @app.errorhandler(405)
    def not_allowed(_error):
        return _page_error("", phrase("web.title.not-allowed"), phrase("web.not-that-way")), 405

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        asked = _known(request.args.get("lang"))
        if asked:  # the switch's choice holds for the next pages too
            response.set_cookie("lang", asked, samesite="Lax", httponly=True)
        return response

    return app


def chosen_language(req) -> str:
    """The language of a request: ``?lang=``, else the ``lang`` cookie the switch set, else
    the server's ``symgrad serve --lang`` (a teacher who starts it in Chinese gets Chinese
    pages), else the browser's Accept-Language (when it names a language symgrad speaks),
    else SYMGRAD_LANG or English.

    >>> from werkzeug.test import EnvironBuilder
    >>> chosen_language(EnvironBuilder(headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_request())
    'zh'
    >>> chosen_language(EnvironBuilder(query_string="lang=en", headers={
    ...     "Accept-Language": "zh-CN"}).get_request())
    'en'
    >>> from symgrad.i18n.language import process_default
    >>> with process_default("zh"):
    ...     chosen_language(EnvironBuilder(headers={"Accept-Language": "en-US"}).get_request())
    'zh'
    """
    for asked in (req.args.get("lang"), req.cookies.get("lang")):
        if _known(asked):
            return _known(asked)
    if chosen_by_command_line() is not None:
        return chosen_by_command_line()
    best = req.accept_languages.best_match(
        [*LANGUAGES, "zh-CN", "zh-TW", "zh-Hans", "en-US", "en-GB"])
    return _known(best) or current()


def _known(lang) -> str | None:
    try:
        return checked(lang) if lang else None
    except ValueError:
        return None


def _preload() -> None:
    """Import what the pages use once, here: every forked child then starts with it loaded
    (matplotlib alone takes seconds to import, which would count against each budget)."""
    from ..analysis import stationary as analysis, trace
    from .. import check, numeric
    from ..cli import main as cli, analysis as cli_analysis, check as cli_check
    from ..calculus import derive
    from ..render import plot  # noqa: F401
    from ..render.documents import html  # noqa: F401


def attempt(fn, *args, **kwargs):
    """``fn(*args, **kwargs)`` as (result, "") or (None, a message for the page)."""
    try:
        return fn(*args, **kwargs), ""
    except TooExpensive as e:
        return None, pages.message(str(e), "expensive")
    except (ValueError, TypeError, DivergenceError, LatexError, KeyError) as e:
        return None, pages.message(_one_line(e))
    except Exception as e:  # a bug of ours: say so briefly, keep the details in the log
        traceback.print_exc(file=sys.stderr)
        return None, pages.message(phrase("web.internal").format(type(e).__name__))


def _page_error(current: str, title: str, text: str) -> str:
    return pages.page(current, title, pages.message(text))


def _one_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return " ".join(line.strip() for line in text.splitlines() if line.strip())
