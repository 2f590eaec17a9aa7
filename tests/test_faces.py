"""One reading of an answer on every face: the Python API, ``symgrad check``, ``symgrad grade``
and the web page's Check form read each answer through the same function
(:func:`symgrad.check.derivative.read_claimed`) and reach the same verdict.

Each case goes through all four faces; the status (right, wrong, undecided, unreadable) and
the reading note ("read 2x cos(x^2) as 2x·cos(x^2)") must be the same everywhere, and an
unreadable answer must give the same message.
"""

import contextlib
import html
import io
import re

import pytest

from symgrad import check_derivative
from symgrad.check.grade import grade_rows
from symgrad.cli.main import main
from symgrad.errors import ParseError

CASES = [
    # (f, wrt, answer)
    ("sin(x^2)", "x", "2x cos(x^2)"),
    ("sin(x^2)", "x", "-2x cos(x^2)"),
    ("sin(x^2)", "x", "cos(x^2)"),
    ("x*exp(x)", "x", "x e^x + e^x"),
    ("x*exp(x)", "x", "x e^x"),
    ("x^2*y", "x", "2xy"),
    ("x^2*y", "y", "x^2"),
    ("x^2*y", "x", "2yx"),
    ("2x^2 - 12x + 20", "x", "4x - 12"),
    ("2x^2 - 12x + 20", "x", "4x + 12"),
    ("2x^2 - 12x + 20", "x", "4(x - 3)"),
    ("2x^2 - 12x + 20", "x", "2x - 12"),
    ("x^3", "x", "3x^2"),
    ("x^3", "x", "3x^2 + 1e-13"),
    ("x^3", "x", r"\frac{d}{dx} x^3"),
    ("x^3", "x", "d/dx (x^3)"),
    ("x^3", "x", r"3 x^{2}"),
    ("(x+1)*(x-1)", "x", "(x+1) + (x-1)"),
    ("(x+1)*(x-1)", "x", "2x"),
    ("ln(x)", "x", "1/x"),
    ("ln(x)", "x", r"\frac{1}{x}"),
    ("exp(2x)", "x", "exp(2x)"),
    ("exp(2x)", "x", "2exp(2x)"),
    ("exp(2x)", "x", "2e^(2x)"),
    ("sigmoid(w*x + b)", "w", "x σ(w x + b)(1 - σ(w x + b))"),
    ("sigmoid(w*x + b)", "w", "sigmoid(w*x+b)*(1-sigmoid(w*x+b))"),
    ("abs(x - 3)", "x", "(x - 3)/abs(x - 3)"),
    ("x^2", "x", "2x +"),
    ("x^2", "x", "x.__class__"),
    ("x^2", "x", "2 x y"),
    ("tan(x)", "x", "sec(x)^2"),
    ("tan(x)", "x", "1 + tan(x)^2"),
    ("sqrt(x)", "x", "1/(2sqrt(x))"),
    ("x^2 + y^2", "y", "2y"),
    ("cos(3x)", "x", "-3sin(3x)"),
    ("cos(3x)", "x", "3sin(3x)"),
]


def api(f, wrt, answer):
    try:
        v = check_derivative(f, wrt, answer)
    except ParseError as e:
        return "unreadable", None, str(e)
    return v.status, v.reading, None


def cli(f, wrt, answer):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", f"--f={f}", f"--wrt={wrt}", f"--claimed={answer}"])
    if code == 2:
        return "unreadable", None, err.getvalue().strip().removeprefix("symgrad: error: ")
    text = out.getvalue()
    status = re.search(r"^Verdict: (.*)\.$", text, re.M).group(1)
    readings = re.findall(r"^Note: symgrad (read .*)\.$", text, re.M)
    assert (code == 0) == (status == "right")
    return status, readings[0] if readings else None, None


def grade(f, wrt, answer):
    (row,) = grade_rows([{"student": "s", "problem": f"d/d{wrt}: {f}", "answer": answer}], {})
    if row.status == "unreadable":
        return "unreadable", None, str(row.message)
    reading = re.search(r"\((read .*)\)$", str(row.message))
    return row.status, reading.group(1) if reading else None, None


@pytest.fixture(scope="module")
def web():
    pytest.importorskip("flask")
    from symgrad.runtime.budget import Budget
    from symgrad.web import create_app

    client = create_app(Budget(10, 2048)).test_client()
    client.set_cookie("_xsrf", "faces")

    def check(f, wrt, answer):
        page = client.post("/check", data={"_xsrf": "faces", "f": f, "wrt": wrt,
                                           "answer": answer}).get_data(as_text=True)
        message = re.search(r'<p class="message error" role="alert">(.*?)</p>', page, re.S)
        if message:
            return "unreadable", None, html.unescape(message.group(1))
        status = re.search(r'<p class="verdict (\w+)"', page).group(1)
        reading = re.search(r'<small class="reading">\((.*?)\)</small>', page, re.S)
        return status, html.unescape(reading.group(1)) if reading else None, None

    return check


def test_there_are_at_least_thirty_answers_of_every_kind():
    statuses = {api(*case)[0] for case in CASES}
    assert len(CASES) >= 30 and statuses == {"right", "wrong", "unreadable"}
    assert sum(api(*case)[1] is not None for case in CASES) >= 8  # paper notation read


@pytest.mark.parametrize("case", CASES, ids=[c[2] for c in CASES])
def test_every_face_reads_and_judges_an_answer_the_same(case, web):
    expected = api(*case)
    assert cli(*case) == expected
    assert grade(*case) == expected
    assert web(*case) == expected


def test_the_web_preview_shows_the_checkers_reading():
    """The page's live preview and its "show how it was read" read as the checker does: the
    answers the docs promise (2x cos(x^2), x e^x + e^x) are previewed, not refused."""
    pytest.importorskip("flask")
    from symgrad.web.work import preview

    out = preview({"f": "x*exp(x)", "wrt": "x", "answer": "x e^x + e^x"})
    assert out.reading == "read x e^x + e^x as x·e^x + e^x"
    assert out.preview.count("<msup>") == 2
