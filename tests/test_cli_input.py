"""The symgrad command takes what people type, never destroys a file, errs in one line."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_tool

ROOT = Path(__file__).resolve().parents[1]
#: Stationary points SymPy cannot find in minutes (20 |x − i| terms, once the example here, are
#: now decided from the slopes at the kinks).
HARD = "x**4*y**3 + 3*x**2*y**5*z - 7*x*y*z**4 + z**6 - x*z"


def one_line_error(err: str, start: str = "symgrad: error: ") -> str:
    """The single line of stderr, which must start with ``start``."""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), err
    return lines[0]


def run_symgrad(*argv, **kwargs):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "symgrad", *argv], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kwargs)


def test_a_formula_starting_with_a_minus_is_a_value(cli):
    """`symgrad explain "-x^2"` explains −x² (argparse took it for an option)."""
    code, out, err = cli("explain", "-x^2")
    assert code == 0, err
    assert out.splitlines()[0] == "f(x) = −x²"
    assert "\nAt x = 0: a maximum. f″(0) = −2 < 0  ⇒  maximum.\nf(0) = 0\n" in out


def test_negative_numbers_in_options(cli):
    """--start x=-1 and a negative --lr reach their readers; the latter is refused by them."""
    code, out, _ = cli("trace", "x^2", "--start", "x=-1", "--lr", "1/4", "--steps", "1")
    assert code == 0
    rows = [line.split()[:2] for line in out.splitlines() if line[:2] in ("0 ", "1 ")]
    assert rows == [["0", "−1"], ["1", "−1/2"]]
    code, _, err = cli("trace", "x^2", "--start", "x=1", "--lr", "-1/4", "--steps", "1")
    assert code == 2
    # the value as typed: no space left from the leading-minus workaround
    assert one_line_error(err).endswith("the learning rate α must be positive, got '-1/4'")


def test_version(cli):
    """--version prints the installed version and exits 0."""
    code, out, _ = cli("--version")
    assert code == 0 and out.startswith("symgrad ") and out.strip() != "symgrad"


def test_closed_pipe_ends_quietly():
    """`symgrad derive … | head` when the reader has gone: no BrokenPipeError traceback."""
    proc = run_symgrad("derive", " + ".join(f"a{i}*x{i}" for i in range(30)),
                       "--inputs", ",".join(f"x{i}" for i in range(30)), "--rules")
    proc.stdout.close()  # the reader goes away before symgrad writes
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_a_real_head_pipe_is_quiet(tmp_path):
    """The same through a shell pipe into head -1: one line out, nothing on stderr."""
    script = (f"{sys.executable} -m symgrad derive 'a*x1 + b*x2**2 + c*x3**3 + d' "
              f"--inputs x1,x2,x3 --rules 2>{tmp_path / 'err'} | head -1")
    done = subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout == ("The gradient of the mean squared error for "
                           "f = a·x1 + b·x2² + c·x3³ + d\n")
    assert (tmp_path / "err").read_text() == ""


def test_too_expensive_is_one_line_and_exit_2(cli):
    """Past --timeout (one budget for the whole command) it says "undecided" in one line and
    exits 2."""
    code, out, err = cli("explain", HARD, "--timeout", "1")
    assert code == 2 and out == ""
    line = one_line_error(err, "symgrad: undecided: explaining 'x**4*y**3 ")
    assert line.endswith("is too expensive to decide within 1 s")


@pytest.mark.parametrize("argv", [
    ("derive", "w*x", "--inputs", "x", "--timeout", "0"),
    ("derive", "w*x", "--inputs", "x", "--timeout", "soon"),
    ("steps", r"\frac{1}{"),
    ("derive", "w*x + Heaviside(x)", "--inputs", "x"),
])
def test_errors_are_one_line(cli, argv):
    """Bad input of any kind: one line on stderr, exit 2."""
    code, _, err = cli(*argv)
    assert code == 2
    one_line_error(err)


def test_messages_quote_backslashes_once(cli):
    r"""A LaTeX formula is quoted as typed: \frac, not \\frac."""
    _, _, err = cli("steps", r"\frac{1}{")
    assert r"'\frac{1}{'" in err and r"\\frac" not in err


@pytest.mark.parametrize("option", ["--tex", "--slides", "--pdf"])
def test_a_missing_output_folder_is_an_error(cli, tmp_path, option):
    """--tex/--slides/--pdf into a missing folder: one line, and no folder is created."""
    target = tmp_path / "missing" / ("out.pdf" if option == "--pdf" else "out.tex")
    code, _, err = cli("derive", "w*x", "--inputs", "x", option, str(target))
    assert code == 2
    assert one_line_error(err) == (f"symgrad: error: {option}: the folder {target.parent} does "
                                   "not exist (symgrad does not create folders)")
    assert not target.parent.exists()


def test_plot_into_a_folder_or_a_missing_folder_is_an_error(cli, tmp_path):
    """--plot DIR is refused (it used to write DIR.png); so is --plot missing/x.png."""
    base = ("trace", "x^2", "--start", "x=1", "--lr", "1/4", "--steps", "2", "--plot")
    code, _, err = cli(*base, str(tmp_path))
    assert code == 2 and "is a folder; give a file name such as" in one_line_error(err)
    assert list(tmp_path.iterdir()) == []
    code, _, err = cli(*base, str(tmp_path / "no" / "x.png"))
    assert code == 2 and "does not exist" in one_line_error(err)


def test_an_input_file_is_never_overwritten(cli, tmp_path):
    """fit --plot naming the --data file is refused and the data stays as it was."""
    data = tmp_path / "d.png"
    data.write_text("x,y\n1,2\n2,4\n")
    code, _, err = cli("fit", "w*x", "--inputs", "x", "--data", str(data), "--lr", "0.1",
                       "--steps", "5", "--plot", str(data))
    assert code == 2
    assert "is the input file of --data; symgrad never overwrites an input" in one_line_error(err)
    assert data.read_text() == "x,y\n1,2\n2,4\n"


def test_pdf_leaves_tex_and_log_of_the_same_name_alone(cli, tmp_path):
    """--pdf thesis.pdf compiles in a temporary folder: thesis.tex and thesis.log survive."""
    require_tool("pdflatex")
    (tmp_path / "thesis.tex").write_text("my thesis")
    (tmp_path / "thesis.log").write_text("my notes")
    code, _, err = cli("explain", "2x^2 - 12x + 20", "--pdf", str(tmp_path / "thesis.pdf"))
    assert code == 0, err
    assert (tmp_path / "thesis.tex").read_text() == "my thesis"
    assert (tmp_path / "thesis.log").read_text() == "my notes"
    assert (tmp_path / "thesis.pdf").read_bytes()[:5] == b"%PDF-"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["thesis.log", "thesis.pdf", "thesis.tex"]


@pytest.mark.parametrize(("content", "message"), [
    ("x,y\n1,2\n2,4,5\n", "line 3: 3 fields, but the header has 2 columns"),
    ("x,y\n1,2\n2\n", "line 3: 1 fields, but the header has 2 columns"),
    ("x,y\n1,\"" + "9" * 140_000 + "\"\n", "field larger than field limit (131072)"),
])
def test_bad_csv_rows_are_one_line_errors(cli, tmp_path, content, message):
    """Ragged rows and a 140,000-character field: one line naming the problem, exit 2."""
    data = tmp_path / "d.csv"
    data.write_text(content)
    code, _, err = cli("fit", "w*x", "--inputs", "x", "--data", str(data), "--lr", "0.1",
                       "--steps", "2")
    assert code == 2 and message in one_line_error(err)


def test_a_spreadsheet_byte_order_mark_is_read(cli, tmp_path):
    """A CSV saved by Excel (UTF-8 with a BOM) has a column x, not '\\ufeffx'."""
    data = tmp_path / "d.csv"
    data.write_bytes(b"\xef\xbb\xbfx,y\n1,2\n2,4\n")
    code, out, err = cli("fit", "w*x", "--inputs", "x", "--data", str(data), "--lr", "0.1",
                         "--steps", "2")
    assert code == 0, err
    assert out.splitlines()[1].split() == ["w", "0.875"]


def test_a_claimed_answer_starting_with_a_minus(cli):
    """`symgrad check --claimed "-1/x^2"` reads the answer (it was taken for an option)."""
    code, out, err = cli("check", "--f", "1/x", "--wrt", "x", "--claimed", "-1/x^2")
    assert code == 0, err
    assert out and not err
