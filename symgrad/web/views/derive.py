"""The Derive page: a model (a formula or a small network) and its loss, every gradient."""

from __future__ import annotations

from flask import Blueprint

from ...i18n.keys import N_
from .. import work
from ..common import download_view, posted, show

bp = Blueprint("derive", __name__)


def page(form, result=None, note=None) -> str:
    """The Derive page with its form filled in, and a result or a message."""
    return show("derive.html", "derive", N_("web.title.derive"), derive_form=form, result=result,
                note=note)


@bp.route("/derive", methods=["GET", "POST"])
def derive_view():
    return page(*posted("derive", work.derive_page, "deriving this model"))


@bp.route("/derive/download", methods=["GET", "POST"])
def download():
    return download_view("derive", page)
