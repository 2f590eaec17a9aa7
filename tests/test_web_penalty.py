"""The web page's penalty (issue 20): none / L2 / L1 and an exact λ wherever a loss is built.

Derive (a formula or a network), Fit and Check (a loss, a cost or a gradient) do what
``symgrad derive/fit --l2 λ`` and ``symgrad check --loss … --l2 λ`` do, with the same numbers.
Driven like tests/test_web.py: a real `symgrad serve` and a headless Chromium (with
SYMGRAD_WEB_SCREENSHOTS=DIR the pages are saved as DIR/web-*.png).
"""

from __future__ import annotations

import html
import re
import urllib.parse
import urllib.request

import pytest
import test_web
from test_web import (
    assert_no_raw_latex,
    by_css,
    fill,
    post,
    shot,
    submit,
    visible_text,
    wait_for,
)

from symgrad import Model, descend, mse

LINE = b"x,y\n1,2\n2,4\n3,7\n"
#: test_web's module fixtures: one server and one browser for this module too.
server, browser, downloads = test_web.server, test_web.browser, test_web.downloads


def choose(driver, name, value):
    from selenium.webdriver.support.ui import Select

    Select(by_css(driver, f"select#{name}")[0]).select_by_value(value)


def text_of(body: bytes) -> str:
    """The words and the MathML's characters of a page, tags dropped."""
    return html.unescape(re.sub(r"<[^>]+>", "", body.decode()))


def test_derive_with_an_l2_penalty_in_the_browser(server, browser):
    """Derive, L2 with λ = 1/10: the penalty's rule row and ∂J/∂w with w/(10m); λ is hidden
    until a penalty is chosen."""
    browser.get(server + "/derive")
    fill(browser, "model", "w*x + b")
    fill(browser, "inputs", "x")
    assert not by_css(browser, "#lam")[0].is_displayed()
    choose(browser, "penalty", "l2")
    assert by_css(browser, "#lam")[0].is_displayed()
    fill(browser, "lam", "1/10")
    submit(browser, "/derive")
    wait_for(browser, lambda: by_css(browser, ".result section"))
    results = "".join(browser.execute_script(  # first, before the steps: ∂J/∂w with λw/m
        "return Array.from(document.querySelectorAll('.result section')[0]"
        ".querySelectorAll('math')).map(m => m.textContent)"))
    assert "∂J∂w=w10m+1m∑i=1m∂ℓi∂w" in results
    shot(browser, "derive-penalty")
    by_css(browser, "details.steps > summary")[0].click()
    text = visible_text(browser)
    assert "The penalty on the weights" in text
    assert "The cost adds an L2 penalty (weight decay) of strength λ =" in text
    maths = "".join(browser.execute_script(
        "return Array.from(document.querySelectorAll('.result math')).map(m => m.textContent)"))
    assert "P=w220m" in maths  # P = λ/(2m)·w² with λ = 1/10
    assert "∂P∂w=w10m" in maths  # its own rule row
    assert "=w10m+1m∑i=1m(b+wxi−yi)xi" in maths  # ∂J/∂w
    assert_no_raw_latex(browser)


@pytest.mark.parametrize(("lam", "term"), [("1/10", "w10m"), ("0.1", "w10m"), ("1/3", "w3m")])
def test_the_strength_is_exact(server, lam, term):
    """λ typed as 1/10, 0.1 or 1/3 is an exact number: ∂J/∂w has w/(10m) or w/(3m), never a
    rounded decimal."""
    status, body, _ = post(server + "/derive", {"kind": "formula", "model": "w*x + b",
                                                "inputs": "x", "loss": "mse",
                                                "penalty": "l2", "lam": lam})
    assert status == 200
    assert f"∂J∂w=∂P∂w+1m∑i=1m∂ℓi∂w={term}+1m∑i=1m(b+wxi−yi)xi" in text_of(body)
    assert "0.333" not in text_of(body)


def test_an_l1_penalty_on_a_network(server):
    """The network builder with an L1 penalty: every W penalised, (λ/m)·sign(w) in ∂J/∂w."""
    status, body, _ = post(server + "/derive", {"kind": "network", "layers": "2, 2, 1",
                                                "hidden": "sigmoid", "output": "sigmoid",
                                                "loss": "mse", "penalty": "l1", "lam": "1/2"})
    assert status == 200
    shown = text_of(body)
    assert "The cost adds an L1 penalty of strength λ = 12 on the weights W" in shown
    # the index form: ∂P/∂W⁽ˡ⁾ⱼₖ = sgn(W⁽ˡ⁾ⱼₖ)/(2m), and in ∂J/∂W⁽ˡ⁾ⱼₖ
    assert "=sign(Wj,k(1))2monly this weight's term depends on it" in shown
    assert "∂J∂Wj,k(1)=sign(Wj,k(1))2m+1m∑i=1mδj,i(1)xk,i" in shown


@pytest.mark.parametrize(("lam", "said"), [
    ("-1", "the penalty strength must be a number ≥ 0, not '-1'"),
    ("", "please fill in the field “lam”"),
])
def test_a_bad_strength_is_one_line(server, lam, said):
    status, body, _ = post(server + "/derive", {"kind": "formula", "model": "w*x",
                                                "inputs": "x", "penalty": "l2", "lam": lam})
    assert status == 200 and b'class="message error"' in body
    assert said in text_of(body)


def test_fit_with_weight_decay_gives_the_api_numbers(server):
    """Fit, L2 λ = 1/2: the same parameters as descend(mse(model, l2="1/2")), to 6 digits."""
    fields = {"kind": "formula", "model": "w*x + b", "inputs": "x", "target": "y",
              "loss": "mse", "lr": "0.05", "steps": "100", "penalty": "l2", "lam": "1/2"}
    status, body, _ = post(server + "/fit", fields, files={"data": LINE})
    assert status == 200, body[-500:]
    fit = descend(mse(Model("w*x + b", inputs="x"), l2="1/2"), [[1], [2], [3]], [2, 4, 7],
                  lr=0.05, steps=100)
    plain = descend(mse(Model("w*x + b", inputs="x")), [[1], [2], [3]], [2, 4, 7],
                    lr=0.05, steps=100)
    shown = body.decode()
    assert f"<td>{fit.params['w']:.6g}</td>" in shown
    assert f"{plain.params['w']:.6g}" not in shown  # the penalty changed the fit


CHECK = {"task": "loss", "kind": "formula", "model": "w*x + b", "inputs": "x", "loss": "mse",
         "penalty": "l2", "lam": "1/10", "param": ""}


@pytest.mark.parametrize(("fields", "verdict", "words"), [
    ({"answer": r"\frac{1}{2m}\sum_{i=1}^{m}(w x_i+b-y_i)^2+\frac{\lambda}{2m}w^2"}, "right",
     "Right."),
    ({"answer": r"\frac{1}{2m}\sum_{i=1}^{m}(w x_i+b-y_i)^2"}, "wrong",
     "the cost has the penalty"),
    ({"answer": "(f - y)^2/2 + λ/m·w^2"}, "wrong", "the penalty is"),
    ({"param": "w", "answer": "(f - y)*x + λ w/m"}, "right",
     "read λ as 1/10, the penalty's strength"),
    ({"param": "w", "answer": "(f - y)*x"}, "wrong",
     "is missing: ∂J/∂w has the derivative of the penalty too"),
    ({"penalty": "none", "answer": "(f - y)^2/2"}, "right", "Right."),
])
def test_check_a_penalised_cost_and_its_gradient(server, fields, verdict, words):
    """Check, "a loss or a gradient": the verdicts of check_loss / check_gradient."""
    status, body, _ = post(server + "/check", {**CHECK, **fields})
    assert status == 200
    assert f'class="verdict {verdict}"' in body.decode()
    assert words in text_of(body)


def test_the_preview_reads_a_cost_with_its_penalty(server):
    """The live preview of a loss answer: λ and Σ w² read as the checker reads them."""
    query = urllib.parse.urlencode({**CHECK, "answer": "(f - y)^2/2 + λ/(2m)·Σ w²"})
    with urllib.request.urlopen(f"{server}/preview?{query}", timeout=60) as response:
        shown = text_of(response.read())
    assert shown == "(f−y)22+w220m"


def test_check_a_cost_in_the_browser(server, browser):
    """The Check page switched to a loss: the model's fields, the penalty, the verdict."""
    browser.get(server + "/check")
    assert not by_css(browser, "#model")[0].is_displayed()
    by_css(browser, "input[name=task][value=loss]")[0].click()
    assert by_css(browser, "#model")[0].is_displayed()
    assert not by_css(browser, "#f")[0].is_displayed()
    fill(browser, "answer", r"\frac{1}{2m}\sum_{i=1}^{m}(f(x_i)-y_i)^2")
    wait_for(browser, lambda: by_css(browser, "#preview math"))
    submit(browser, "/check")
    wait_for(browser, lambda: by_css(browser, ".verdict.wrong"))
    text = visible_text(browser)
    assert "the cost has the penalty" in text
    assert_no_raw_latex(browser)
    shot(browser, "check-penalty")


def test_fit_a_network_with_an_l1_penalty_in_the_browser(server, browser, tmp_path):
    """Fit, the network builder with L1 λ = 1/100: the penalty's menu sits with the loss, and
    the fit runs (J shown falling)."""
    data = tmp_path / "line.csv"
    data.write_bytes(LINE.replace(b"x,y", b"x1,y"))  # a network's inputs are x1, x2 …
    browser.get(server + "/fit")
    by_css(browser, "#data")[0].send_keys(str(data))
    by_css(browser, "input[name=kind][value=network]")[0].click()
    choose(browser, "penalty", "l1")
    fill(browser, "lam", "1/100")
    fill(browser, "lr", "0.05")
    submit(browser, "/fit")
    wait_for(browser, lambda: by_css(browser, ".outcome table"))
    assert by_css(browser, "select#penalty option[value=l1]")[0].is_selected()
    assert by_css(browser, "#lam")[0].get_attribute("value") == "1/100"
    assert "loss J after 200 steps" in visible_text(browser)
    shot(browser, "fit-penalty")
