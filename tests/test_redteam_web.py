"""Red team (issue 25, item 3), the page on a classroom network: a Host allow-list against
DNS rebinding, XSRF on every POST (token, Origin, Sec-Fetch-Site; a cross-origin form in
headless Chromium), a token in the URL when listening beyond this computer, and a bound on
the connections one client may hold."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import require_tool

pytest.importorskip("flask")

from symgrad.runtime.budget import Budget  # noqa: E402
from symgrad.web import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FORM = {"f": "x^2", "wrt": "x", "answer": "2x"}


@pytest.fixture(scope="module")
def app():
    return create_app(Budget(10, 2048))


def client_with_token(app, token="t0ken"):
    client = app.test_client()
    client.set_cookie("_xsrf", token)
    return client


@pytest.mark.parametrize("host", ["attacker.example", "attacker.example:8000",
                                  "localhost.attacker.example", "127.0.0.1.nip.io"])
def test_a_foreign_host_name_is_refused(app, host):
    """DNS rebinding: a page at attacker.example resolving to this computer gets 403."""
    response = app.test_client().get("/check", headers={"Host": host})
    assert response.status_code == 403
    assert b"does not answer to that name" in response.data


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000",
                                  "192.168.1.20:8000"])
def test_loopback_and_addresses_are_answered(app, host):
    assert app.test_client().get("/check", headers={"Host": host}).status_code == 200


def test_a_name_given_with_host_is_answered():
    app = create_app(Budget(10, 2048), hosts=("teacher.local",))
    client = app.test_client()
    assert client.get("/check", headers={"Host": "teacher.local:8000"}).status_code == 200
    assert client.get("/check", headers={"Host": "other.local:8000"}).status_code == 403


def test_every_post_needs_the_pages_xsrf_token(app):
    page = app.test_client().get("/check")
    token = re.search(r'name="_xsrf" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    assert f"_xsrf={token}" in page.headers["Set-Cookie"]
    assert "SameSite=Strict" in page.headers["Set-Cookie"]
    client = app.test_client()
    assert client.post("/check", data=FORM).status_code == 403  # no cookie, no field
    client.set_cookie("_xsrf", token)
    assert client.post("/check", data=FORM).status_code == 403  # cookie, no field
    assert client.post("/check", data={**FORM, "_xsrf": "forged"}).status_code == 403
    assert client.post("/check", data={**FORM, "_xsrf": token}).status_code == 200


@pytest.mark.parametrize("path", ["/derive", "/derive/download", "/check", "/check/download",
                                  "/grade", "/explain", "/explain/download", "/trace",
                                  "/trace/download", "/fit"])
def test_a_post_from_another_origin_is_refused_on_every_form(app, path):
    client = client_with_token(app)
    fields = {"_xsrf": "t0ken", "format": "md"}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                    {"Origin": "http://localhost:9999"}):
        response = client.post(path, data=fields, headers=headers)
        assert response.status_code == 403, (path, headers)
        assert b"from another site" in response.data
    ok = client.post("/check", data={**FORM, "_xsrf": "t0ken"}, headers={
        "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert ok.status_code == 200


def test_every_page_needs_the_token_when_one_is_set():
    app = create_app(Budget(10, 2048), hosts=("0.0.0.0",), token="s3cret")
    client = app.test_client()
    for path in ("/", "/derive", "/check", "/grade", "/preview?answer=2x"):
        response = client.get(path)
        assert response.status_code == 403 and b"token" in response.data, path
    assert client.get("/static/style.css").status_code == 200  # no secret in a style sheet
    assert client.get("/check?token=wrong").status_code == 403
    first = client.get("/check?token=s3cret")
    assert first.status_code == 200 and "symgrad_token=s3cret" in first.headers.getlist(
        "Set-Cookie")[-1]
    assert client.get("/derive").status_code == 200  # the cookie carries it from now on
    other = app.test_client()
    assert other.get("/derive", headers={"Authorization": "token s3cret"}).status_code == 200


def serve(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "symgrad", "serve", "--port", "0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    return proc, line


def test_serve_on_the_network_prints_a_url_with_a_token():
    proc, line = serve("--host", "0.0.0.0")
    try:
        match = re.search(r"(http://[\w.\-]+:(\d+)/)\?token=([\w-]{20,})", line)
        assert match, line
        port, token = match.group(2), match.group(3)
        url = f"http://127.0.0.1:{port}/check"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=30)
        assert refused.value.code == 403
        with urllib.request.urlopen(f"{url}?token={token}", timeout=30) as response:
            assert response.status == 200
    finally:
        proc.terminate()
        proc.wait(20)


def test_no_token_must_be_asked_for_and_loopback_needs_none():
    proc, line = serve("--host", "0.0.0.0", "--no-token")
    try:
        assert "token" not in line and re.search(r"http://\S+:\d+/", line), line
    finally:
        proc.terminate()
        proc.wait(20)
    proc, line = serve()
    try:
        assert re.search(r"http://127\.0\.0\.1:\d+/ ", line) and "token" not in line, line
    finally:
        proc.terminate()
        proc.wait(20)


def test_one_client_cannot_hold_every_connection():
    """Past the per-client limit a new connection of the same client is closed at once;
    the page still answers (waitress's slow-client timeout drops the rest later)."""
    from symgrad.web import PER_CLIENT, make_server

    server = make_server(port=0, per_client=4)
    import threading

    def run():
        try:
            server.run()
        except OSError:  # the socket closed under the loop when the test ends
            pass

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    port = server.effective_port
    sockets = []
    try:
        for _ in range(4):
            sockets.append(socket.create_connection(("127.0.0.1", port)))
        time.sleep(0.5)
        extra = socket.create_connection(("127.0.0.1", port))
        extra.settimeout(5)
        assert extra.recv(1) == b""  # closed by the server without a word
        extra.close()
        for s in sockets:
            s.close()
        time.sleep(0.5)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/style.css",
                                    timeout=10) as response:
            assert response.status == 200
        assert PER_CLIENT >= 8
    finally:
        for s in sockets:
            s.close()
        server.close()


def test_a_cross_origin_form_in_chromium_does_not_run(tmp_path):
    """A page on another origin submitting a form to /explain: refused, nothing computed."""
    require_tool("chromium")
    require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    proc, line = serve("--timeout", "8")
    evil = None
    driver = None
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+", line).group(0)
        (tmp_path / "index.html").write_text(
            f'<form id="f" method="post" action="{url}/explain">'
            '<input name="formula" value="x*y"><input name="_xsrf" value="guess"></form>'
            '<script>document.getElementById("f").submit()</script>')
        evil = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind",
                                 "127.0.0.2", "--directory", str(tmp_path)],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        evil_port = re.search(r"port (\d+)", evil.stdout.readline()).group(1)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='symgrad-chromium-')}"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.get(url + "/explain")  # the student has the page open: a cookie exists
        driver.get(f"http://127.0.0.2:{evil_port}/index.html")
        end = time.monotonic() + 20
        while time.monotonic() < end and "/explain" not in driver.current_url:
            time.sleep(0.1)
        body = driver.execute_script("return document.body.innerText")
        assert "from another site" in body and "saddle" not in body
    finally:
        if driver is not None:
            driver.quit()
        if evil is not None:
            evil.terminate()
        proc.terminate()
        proc.wait(20)


def test_without_the_token_chromium_shows_a_styled_page_that_says_so():
    """A student who typed the address without its token sees why, on a styled page; with the
    printed address the page opens and later pages need no token."""
    require_tool("chromium")
    require_tool("chromedriver")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    proc, line = serve("--host", "0.0.0.0")
    driver = None
    try:
        match = re.search(r"http://[\w.\-]+:(\d+)/\?token=([\w-]+)", line)
        port, token = match.group(1), match.group(2)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     f"--user-data-dir={tempfile.mkdtemp(prefix='symgrad-chromium-')}",
                     "--window-size=1100,700"):
            options.add_argument(flag)
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
        driver.get(f"http://127.0.0.1:{port}/check")
        text = driver.execute_script("return document.body.innerText")
        assert "needs the token printed when the server started" in text
        assert driver.execute_script(  # the style sheet loads without the token
            "return getComputedStyle(document.querySelector('header')).backgroundColor"
        ) == "rgb(29, 36, 48)"
        folder = os.environ.get("SYMGRAD_WEB_SCREENSHOTS")
        if folder:
            driver.save_screenshot(str(Path(folder) / "web-token.png"))
        driver.get(f"http://127.0.0.1:{port}/?token={token}")
        assert driver.title == "Derive the gradients · symgrad"
        driver.get(f"http://127.0.0.1:{port}/check")  # the cookie carries the token now
        assert driver.title == "Check an answer · symgrad"
    finally:
        if driver is not None:
            driver.quit()
        proc.terminate()
        proc.wait(20)
