"""The wheel a user installs works: built from a copy of the source, installed into a fresh
virtual environment outside the checkout, then used as a user would — ``symgrad derive``, a
PDF, and ``symgrad serve`` in headless Chromium with its style sheet and live preview.

The fresh environment gets symgrad from the wheel only; its dependencies (SymPy, Flask, …)
are those already installed for the tests, reached through a path file (no download), and
no ``PYTHONPATH`` points back at the checkout.
"""

import os
import re
import select
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """The wheel, built by pip from a copy of the source (the checkout stays untouched)."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "symgrad", source / "symgrad",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                           "--no-build-isolation", "--quiet", "-w", str(work / "dist"),
                           str(source)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (built,) = (work / "dist").glob("symgrad-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory):
    """A fresh venv with the wheel installed: (its python, its bin folder, a clean env)."""
    home = tmp_path_factory.mktemp("user")
    venv = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True,
                   timeout=120)
    python = venv / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig."
                              "get_paths()['purelib'])"], capture_output=True, text=True,
                             check=True).stdout.strip()
    # The dependencies the tests already have, after the venv's own packages (a plain path
    # line: the editable symgrad of the test environment is not loaded from there).
    Path(purelib, "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install",
                           "--no-deps", "--quiet", str(wheel)], capture_output=True,
                          text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    return python, venv / "bin", env, home


def run(installed, *args, timeout=120):
    python, bin_dir, env, home = installed
    return subprocess.run([str(bin_dir / "symgrad"), *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=home)


def test_the_wheel_carries_the_web_page_the_license_and_the_metadata(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("symgrad/web/static/style.css", "symgrad/web/static/preview.js",
                   "symgrad/web/static/samples/answers.csv", "symgrad/web/static/samples/line.csv",
                   "symgrad/web/templates/base.html", "symgrad/web/templates/check.html",
                   "symgrad/i18n/locale/en/LC_MESSAGES/symgrad.mo",
                   "symgrad/i18n/locale/zh/LC_MESSAGES/symgrad.mo"):
        assert needed in names, needed
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    (meta,) = [n for n in names if n.endswith(".dist-info/METADATA")]
    metadata = zipfile.ZipFile(wheel).read(meta).decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Topic :: Education" in metadata
    assert "Provides-Extra: web" in metadata and "Provides-Extra: bench" not in metadata
    assert "Requires-Dist: antlr4-python3-runtime<4.12,>=4.11" in metadata
    assert not re.search(r"Requires-Dist: [\w-]+==", metadata)  # ranges, never pins


def test_the_installed_symgrad_is_the_wheel_outside_the_checkout(installed):
    python, _, env, home = installed
    where = subprocess.run([str(python), "-c", "import symgrad; print(symgrad.__file__)"],
                           capture_output=True, text=True, env=env, cwd=home, check=True)
    assert where.stdout.startswith(str(home)) and str(ROOT) not in where.stdout


def test_derive_and_a_pdf_from_the_installed_command(installed):
    _, _, _, home = installed
    done = run(installed, "derive", "w*x + b", "--inputs", "x")
    assert done.returncode == 0, done.stderr
    assert "∂ℓ/∂w = x·(b + w·x − y)" in done.stdout
    require_tool("pdflatex")
    done = run(installed, "derive", "w*x + b", "--inputs", "x", "--pdf", "out.pdf")
    assert done.returncode == 0, done.stderr
    assert (home / "out.pdf").read_bytes().startswith(b"%PDF-")


def test_the_installed_command_speaks_both_languages(installed):
    """The compiled catalogues travel in the wheel: the rules are named in English and Chinese."""
    for lang, rule in (("en", "power rule"), ("zh", "幂法则")):
        done = run(installed, "steps", "x**3", "--lang", lang)
        assert done.returncode == 0, done.stderr
        assert rule in done.stdout


def test_serve_from_the_wheel_styles_the_page_and_previews_in_chromium(installed):
    pytest.importorskip("flask")
    require_tool("chromium")
    require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    python, bin_dir, env, home = installed
    proc = subprocess.Popen([str(bin_dir / "symgrad"), "serve", "--port", "0"], env=env,
                            cwd=home, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    driver = None
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 90)
        line = proc.stdout.readline() if ready else ""
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        with urllib.request.urlopen(url + "/static/style.css", timeout=30) as response:
            assert response.status == 200 and b"--accent" in response.read()
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     f"--user-data-dir={home / 'chromium'}", "--window-size=1100,900"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.get(url + "/check")
        # The style sheet is applied: the header is dark, the network fields are hidden.
        assert driver.execute_script(
            "return getComputedStyle(document.querySelector('header')).backgroundColor"
        ) == "rgb(29, 36, 48)"
        answer = driver.find_element("css selector", "#answer")
        answer.clear()
        answer.send_keys("4x - 12")
        end = time.monotonic() + 30
        while time.monotonic() < end and not driver.find_elements("css selector", "#preview math"):
            time.sleep(0.1)
        assert driver.find_element("css selector", "#preview math").get_attribute(
            "textContent") == "4x−12"
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        proc.wait(20)


def test_import_symgrad_where_resource_and_fork_do_not_exist(installed):
    """As on Windows: no ``resource`` module and no ``os.fork``; importing symgrad and a small
    derivation still work."""
    python, _, env, home = installed
    code = ("import sys, os; sys.modules['resource'] = None; del os.fork\n"
            "import symgrad\n"
            "print(symgrad.derive('x**3').gradient)\n")
    done = subprocess.run([str(python), "-c", code], capture_output=True, text=True, env=env,
                          cwd=home, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "{x: 3*x**2}"
