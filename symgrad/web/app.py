"""The Flask application: the pages as blueprints, each computation through the Gate.

Flask reads the forms and uploads (with request size limits); waitress serves it from a
pool of threads.  Each page is a blueprint of module-level views (:mod:`symgrad.web.views`)
rendering a Jinja2 template (``templates/``, autoescaped).  A view never computes anything
itself: it hands the form's text to a function of :mod:`symgrad.web.work`, run by the
:class:`~symgrad.web.gate.Gate` in a budgeted child, and lays the result out with a template.
Every request first passes the :class:`~symgrad.web.security.Guard` (Host allow-list, the
URL token off this computer, XSRF on every POST).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, g, redirect, request

from ..i18n.keys import GRADES, N_
from ..i18n.language import (
    LANGUAGES,
    checked,
    chosen_by_command_line,
    current,
    language,
    phrase,
)
from ..runtime.budget import Budget

# work and the views import all that the pages compute with: loaded here, once, so that no
# forked child spends its budget importing it (matplotlib alone takes seconds)
from . import pages, work
from .arrival import Arrival
from .common import error_page
from .gate import Gate
from .security import Guard
from .uploads import Uploads
from .views import check, derive, explain, fit

#: Largest request (form fields and uploads together), in bytes.
MAX_REQUEST = 1 << 20

_CSP = ("default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_HERE = Path(__file__).parent


def create_app(budget: Budget | None = None, *, slots: int = 8,
               max_request: int = MAX_REQUEST, hosts=(), token: str | None = None) -> Flask:
    """The web application; every computation is limited by ``budget`` (the library default).

    ``hosts``: the names the server answers to besides localhost and IP addresses (those of
    ``--host``); ``token``: the token every page then needs (None: none).

    >>> app = create_app(Budget(seconds=5, memory_mb=512))
    >>> client = app.test_client()
    >>> client.get("/").status_code, client.get("/derive").status_code
    (302, 200)
    >>> client.get("/derive", headers={"Host": "attacker.example"}).status_code
    403
    """
    app = Flask(__name__, static_folder=str(_HERE / "static"), static_url_path="/static",
                template_folder=str(_HERE / "templates"))
    app.config.update(MAX_CONTENT_LENGTH=max_request, MAX_FORM_MEMORY_SIZE=max_request,
                      MAX_FORM_PARTS=64)
    app.extensions["symgrad_gate"] = Gate(budget or Budget.default(), slots=slots)
    app.extensions["symgrad_uploads"] = Uploads()
    guard = Guard(hosts, token)
    app.extensions["symgrad_guard"] = guard
    app.jinja_env.globals.update(w=phrase, xsrf=guard.xsrf_token, PAGES=pages.PAGES,
                                 LANGUAGES=LANGUAGES, LANGUAGE_NAMES=pages.LANGUAGE_NAMES,
                                 current_language=current, zip=zip,
                                 ACTIVATIONS=work.ACTIVATIONS, LOSS_NAMES=work.LOSS_NAMES,
                                 NAV=pages.NAV, COLUMNS=pages.COLUMNS, OPTIONS=pages.OPTIONS,
                                 GRADES=GRADES)
    app.wsgi_app = Arrival(app.wsgi_app)  # deadlines count from here, if not from the server
    app.jinja_env.filters["b64"] = pages.b64
    app.jinja_env.filters["fill"] = pages.fill

    for blueprint in (derive.bp, check.bp, explain.bp, fit.bp):
        app.register_blueprint(blueprint)

    @app.before_request
    def guard_and_speak():
        # The language first: a refusal speaks the page's language too.
        g.language = language(chosen_language(request))
        g.language.__enter__()
        guard.check()

    @app.teardown_request
    def stop_speaking(_error):
        if "language" in g:
            g.language.__exit__(None, None, None)

    @app.get("/")
    def home():
        return redirect("/derive")

    for code, title, words in ((403, N_("web.title.forbidden"), None),
                               (404, N_("web.title.not-found"), N_("web.no-such-page")),
                               (405, N_("web.title.not-allowed"), N_("web.not-that-way")),
                               (413, N_("web.title.too-large"), None)):
        app.register_error_handler(code, _handler(code, title, words, max_request))

    @app.after_request
    def headers(response):
        response.headers["Content-Security-Policy"] = _CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin, not no-referrer: with no-referrer a browser sends "Origin: null" on the
        # page's own POSTs, and the origin check needs the real one.
        response.headers["Referrer-Policy"] = "same-origin"
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        asked = _known(request.args.get("lang"))
        if asked:  # the switch's choice holds for the next pages too
            response.set_cookie("lang", asked, samesite="Lax", httponly=True)
        return guard.finish(response)

    return app


#: Why a request was refused (the 403's description) → the key of the sentence that says so.
_FORBIDDEN = {"host": N_("web.forbidden.host"), "token": N_("web.forbidden.token"),
              "origin": N_("web.forbidden.origin"), "xsrf": N_("web.forbidden.xsrf")}


def _handler(code: int, title: str, words: str | None, max_request: int):
    def handle(error):
        if code == 403:
            why = getattr(error, "description", "") or "host"
            text = phrase(_FORBIDDEN[why])
        elif code == 413:
            text = phrase("web.too-large").format(max_request // 1024)
        else:
            text = phrase(words)
        return error_page(phrase(title), text), code

    return handle


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
