"""Red team (issue 25, item 4): a budgeted child never outlives its parent, and leaves no
temporary folder behind — after SIGINT (Jupyter's interrupt), SIGTERM or SIGKILL of the parent,
SIGKILL of the fork server, a child killed at its limit inside a temporary folder, pdflatex
killed mid-compile, and `symgrad serve` stopped while it computes.  "No process left" is looked
at 2 s after the signal.  Also: programs whose ``__main__`` the fork server's children must not
run again (a script without a main guard; a function of ``__main__``)."""

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
from conftest import require_tool
from processes import all_at_once, cmdline, cpu, descendants, helpers

from symgrad.errors import TooExpensive
from symgrad.runtime.budget import within_budget

# A script whose budgeted child computes for a minute: it prints its pid, then waits for the
# signal the test sends.  "threaded" makes it send budgets to the fork server.  Its function
# lives in a module of its own: one of __main__ is never sent to the fork server.
SPINNING = textwrap.dedent("""
    import time

    def spin(seconds):
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass
""")
SCRIPT = textwrap.dedent("""
    import os, sys, threading
    from symgrad.runtime.budget import within_budget
    from spinning import spin

    if sys.argv[1] == "threaded":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    print(os.getpid(), flush=True)
    within_budget(spin, 60, budget=120)
""")


def _script(tmp_path):
    (tmp_path / "spinning.py").write_text(SPINNING, encoding="utf-8")
    script = tmp_path / "spin.py"
    script.write_text(SCRIPT, encoding="utf-8")
    return script


def _alive(pid):
    """Whether ``pid`` runs (a zombie has finished: it only waits to be reaped)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except OSError:
        return False


def _computing_child(parent, deadline=60):
    """The descendants of ``parent`` once one of them has computed for a second (the budgeted
    child; not the fork server starting)."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        found = descendants(parent)
        busy = [pid for pid in found if pid not in helpers(found) and cpu(pid) > 1]
        if busy:
            return set(found)
        time.sleep(0.2)
    raise AssertionError(f"no budgeted child of {parent} started: {descendants(parent)}")


@pytest.mark.parametrize("mode", ["forked", "threaded"])
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_no_process_is_left_2_s_after_the_parent_is_signalled(tmp_path, mode, sig):
    script = _script(tmp_path)
    parent = subprocess.Popen([sys.executable, str(script), mode], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert int(parent.stdout.readline()) == parent.pid
    _signal_and_look(parent, sig)


def _signal_and_look(parent, sig):
    """Send ``sig`` to ``parent`` once a child of it computes; 2 s later none of its family
    may run."""
    try:
        family = _computing_child(parent.pid)
        os.kill(parent.pid, sig)
        parent.wait(timeout=30)
        time.sleep(2)
        assert [pid for pid in family if _alive(pid)] == []
    finally:
        parent.kill()
        parent.wait()


def test_a_killed_fork_server_takes_its_children_with_it(tmp_path):
    script = _script(tmp_path)
    parent = subprocess.Popen([sys.executable, str(script), "threaded"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        parent.stdout.readline()
        family = _computing_child(parent.pid)
        server = [pid for pid in helpers(family) if "forkserver" in cmdline(pid)]
        assert len(server) == 1
        workers = [pid for pid in family if pid not in helpers(family)]
        os.kill(server[0], signal.SIGKILL)
        time.sleep(2)
        assert [pid for pid in workers if _alive(pid)] == []
        # the parent is told (its child died without an answer), and does not hang
        assert parent.wait(timeout=30) != 0
    finally:
        parent.kill()
        parent.wait()


def _spin_in_a_temporary_folder(seconds):
    """What a TeX run killed at its limit did: a temporary folder, then work past the budget."""
    with tempfile.TemporaryDirectory(prefix="symgrad-tex-") as folder:
        Path(folder, "document.tex").write_text("x")
        end = time.process_time() + seconds
        while time.process_time() < end:
            pass


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """A temporary-files folder of this test's own (/tmp is shared with other processes).
    multiprocessing's own folder for this process (its fork server's socket: ``pymp-…``, kept
    until the process ends) is made first, elsewhere, so that only symgrad's folders land here."""
    import multiprocessing.util

    multiprocessing.util.get_temp_dir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    return tmp_path


def test_a_child_killed_at_its_limit_leaves_no_temporary_folder(private_tmp):
    with pytest.raises(TooExpensive):
        within_budget(_spin_in_a_temporary_folder, 30, budget=0.5)
    assert list(private_tmp.iterdir()) == []


def test_a_tex_run_killed_mid_compile_leaves_no_folder_and_no_process(private_tmp):
    """pdflatex in an endless loop, started by the budgeted child: the budget counts the CPU
    time of the child's process group, kills the group, and removes its folder."""
    require_tool("pdflatex")
    from symgrad.render.documents.pdf import compile_latex

    endless = r"\documentclass{article}\begin{document}\def\a{\a}\a\end{document}"
    start = time.monotonic()
    with pytest.raises(TooExpensive):
        within_budget(compile_latex, endless, "/nonexistent/never.pdf", budget=2)
    assert time.monotonic() - start < 30
    time.sleep(0.5)
    assert list(private_tmp.iterdir()) == []
    assert [pid for pid, (_, comm) in descendants().items() if comm == "pdflatex"] == []


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_stopping_symgrad_serve_stops_its_computations(sig):
    """The issue's case: `kill -TERM` of `symgrad serve` left its computations running."""
    import re
    import threading
    import urllib.parse
    import urllib.request

    server = subprocess.Popen([sys.executable, "-m", "symgrad", "serve", "--port", "0",
                               "--timeout", "120"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    url = re.search(r"http://\S+/", server.stdout.readline()).group(0)
    product = "*".join(f"(x+{k})" for k in range(1, 150))  # (x+1)…(x+149): checked for long
    form = {"f": product, "wrt": "x", "answer": "2", "_xsrf": "t"}

    def ask():  # a form as the page sends it: its XSRF token in the form and in the cookie
        data = urllib.parse.urlencode(form).encode()
        post = urllib.request.Request(url + "check", data=data, headers={"Cookie": "_xsrf=t"})
        try:
            urllib.request.urlopen(post, timeout=60).read()
        except OSError:
            pass  # the server went away: expected

    threads = [threading.Thread(target=ask, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    _signal_and_look(server, sig)


def test_a_script_without_a_main_guard_is_not_run_again_by_the_workers(tmp_path):
    """multiprocessing's children import the caller's main script again; symgrad's do not, so
    a script without ``if __name__ == "__main__":`` grades once, with right verdicts."""
    script = tmp_path / "unguarded.py"
    script.write_text(textwrap.dedent("""
        import threading
        import symgrad
        from symgrad.check.grade import grade_rows
        threading.Thread(target=threading.Event().wait, daemon=True).start()
        print("start", flush=True)
        print(symgrad.check_derivative("x^3", "x", "3x^2", timeout=30).status)
        rows = [{"student": "a", "problem": "d/dx: x^2", "answer": a} for a in ("2x", "x")]
        print(*[r.status for r in grade_rows(rows, {}, jobs=2)])
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300)
    assert done.stdout.splitlines() == ["start", "right", "right wrong"], done.stderr


def test_a_function_of_main_works_in_a_threaded_process(tmp_path):
    """Issue 25: ``within_budget`` of a function defined in ``__main__`` failed with
    "Can't get attribute" in a process with a thread; it now runs (forked by the caller)."""
    script = tmp_path / "main_function.py"
    script.write_text(textwrap.dedent("""
        import threading
        from symgrad.runtime.budget import within_budget

        def triple(x):
            return 3 * x

        threading.Thread(target=threading.Event().wait, daemon=True).start()
        print(within_budget(triple, 14, budget=30))
    """), encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300)
    assert done.stdout.split() == ["42"], done.stderr


def test_four_pdf_downloads_cut_at_their_limit_leave_no_folder(private_tmp, monkeypatch):
    """The issue's case: two of four concurrent big PDF downloads that hit their limit left
    their temporary folders (symgrad-tex-*, symgrad-web-pdf-*).  A real waitress server (in
    this process, its budget 1 s, halved until a download is cut: on a quiet machine a whole
    compile fits in 1 s): every answer is a PDF or "too expensive", and nothing is left in the
    temporary folder, nor any pdflatex running."""
    require_tool("pdflatex")
    pytest.importorskip("waitress")
    import threading
    import urllib.parse
    import urllib.request

    from symgrad.runtime.budget import Budget
    from symgrad.web import common, make_server

    def download(url, k, answers):
        form = {"kind": "formula", "model": f"a*x1 + b*x2**2 + c*x3**3 + {k + 2}*d",
                "inputs": "x1, x2, x3", "loss": "mse", "format": "pdf", "_xsrf": "t"}
        request = urllib.request.Request(url, data=urllib.parse.urlencode(form).encode(),
                                         headers={"Cookie": "_xsrf=t"})
        with urllib.request.urlopen(request, timeout=120) as response:
            answers.append((response.headers["Content-Type"], response.read()))

    # A whole compile takes ~0.3 s of CPU on a quiet machine: the budget shrinks until one is cut.
    for seconds in (1, 0.5, 0.25, 0.1):
        monkeypatch.setattr(common, "PDF_SECONDS", seconds)
        server = make_server(port=0, budget=Budget(seconds, 2048))
        serving = threading.Thread(target=server.run, daemon=True)
        serving.start()
        url = f"http://127.0.0.1:{server.effective_port}/derive/download"
        answers: list = []
        try:
            all_at_once(download, [(url, k, answers) for k in range(4)], 120)
        finally:
            server.close()
        kinds = sorted("pdf" if mime == "application/pdf" else
                       "too expensive" if b"too expensive to decide within" in body else mime
                       for mime, body in answers)
        assert len(kinds) == 4 and set(kinds) <= {"pdf", "too expensive"}, kinds
        if "too expensive" in kinds:  # at least one was cut at its limit
            break
    assert "too expensive" in kinds, f"no download was cut, even at {seconds} s"
    time.sleep(1)
    # (multiprocessing's own pymp-* folder, the fork server's socket, lives with this process)
    assert [p.name for p in private_tmp.iterdir() if not p.name.startswith("pymp-")] == []
    assert [pid for pid, (_, comm) in descendants().items() if comm == "pdflatex"] == []
