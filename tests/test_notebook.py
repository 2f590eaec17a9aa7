"""A notebook as a student runs it: executed by nbconvert, exported to HTML, opened in headless
Chromium with no network at all.  symgrad's results are MathML the browser typesets itself,
so the mathematics renders offline (MathJax from a CDN would leave raw ``$$\\begin{aligned}``).

With SYMGRAD_NOTEBOOK_SCREENSHOT=FILE the page is saved (that is how docs/img/notebook.png is
made).
"""

import os
import shutil
import tempfile
import time
from pathlib import Path

import pytest
from conftest import require_tool

nbformat = pytest.importorskip("nbformat")
pytest.importorskip("nbconvert")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]

CELLS = [
    "import symgrad",
    'd = symgrad.derive(symgrad.mse(symgrad.Model("w*x + b", inputs="x")))\nd',
    'symgrad.check_derivative("sin(x^2)", "x", "2x cos(x^2)")',
    "repr(d)",
    "print(symgrad.latex(d))",
]


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExecutePreprocessor

    folder = tmp_path_factory.mktemp("notebook")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(ROOT)  # the kernel imports this checkout's symgrad
    try:
        ExecutePreprocessor(timeout=300, kernel_name="python3").preprocess(
            notebook, {"metadata": {"path": str(folder)}})
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH")
        else:
            os.environ["PYTHONPATH"] = old
    html, _ = HTMLExporter().from_notebook_node(notebook)
    page = folder / "notebook.html"
    page.write_text(html, encoding="utf-8")
    return notebook, page


def outputs(notebook, k):
    return notebook.cells[k].outputs


def test_a_result_shows_as_compact_html_with_mathml_and_keeps_latex(executed):
    notebook, _ = executed
    (shown,) = outputs(notebook, 1)
    html = shown["data"]["text/html"]
    assert "<math" in html and "<h1" not in html and "<details" in html
    assert "mathjax" not in html.lower() and "cdn" not in html.lower()
    assert shown["data"]["text/latex"].startswith("$$\\begin{aligned}")
    assert "text/markdown" not in shown["data"]  # no second whole document with its own H1
    assert shown["data"]["text/plain"] == (
        "<Derivation: ∂ℓ/∂b = b + w·x − y; ∂ℓ/∂w = x·(b + w·x − y)>")


def test_a_short_repr_and_the_math_only_latex(executed):
    notebook, _ = executed
    assert outputs(notebook, 3)[0]["data"]["text/plain"] == (
        "'<Derivation: ∂ℓ/∂b = b + w·x − y; ∂ℓ/∂w = x·(b + w·x − y)>'")
    assert outputs(notebook, 4)[0]["text"] == (
        "\\begin{aligned}\n\\frac{\\partial \\ell}{\\partial b} &= b + w x - y \\\\\n"
        "\\frac{\\partial \\ell}{\\partial w} &= x \\left(b + w x - y\\right)\n\\end{aligned}\n")


def test_the_exported_notebook_renders_its_math_offline_in_chromium(executed):
    require_tool("chromium")
    require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    _, page = executed
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    profile = tempfile.mkdtemp(prefix="symgrad-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no CDN can answer
                 "--disable-background-networking", f"--user-data-dir={profile}",
                 "--window-size=1000,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.set_page_load_timeout(60)
        driver.get(page.as_uri())
        time.sleep(1)
        results = driver.find_elements("css selector", ".symgrad-result")
        assert len(results) == 2
        # Typeset by the browser: a fraction ∂ℓ/∂w is taller than its numerator alone.
        frac = results[0].find_element("css selector", ".lhs mfrac")
        numerator = frac.find_element("css selector", "mrow, mi, mo")
        assert frac.size["height"] > 1.6 * numerator.size["height"] > 0
        text = driver.execute_script(
            "return Array.from(document.querySelectorAll('.symgrad-result'))"
            ".map(e => e.innerText).join(' ')")
        assert "\\frac" not in text and "$$" not in text and "aligned" not in text
        assert "Results" in text and "Every step" in text and "right" in text.lower()
        target = os.environ.get("SYMGRAD_NOTEBOOK_SCREENSHOT")
        if target:
            height = driver.execute_script("return document.documentElement.scrollHeight")
            driver.set_window_size(1000, min(height + 100, 2400))
            driver.save_screenshot(target)
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
