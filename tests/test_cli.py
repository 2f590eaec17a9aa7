"""The symgrad command: real output, and one-line errors with exit code 2."""

import re
import subprocess
import sys

import numpy as np
import pytest


def test_derive_prints_loss_and_each_gradient(cli):
    """`symgrad derive` on the watermelon model prints the model, the loss and four gradients."""
    code, out, _ = cli("derive", "a*x1 + b*x2**2 + c*x3**3 + d",
                       "--inputs", "x1,x2,x3", "--loss", "mse")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "f = a·x1 + b·x2² + c·x3³ + d"
    assert lines[1] == "ℓ = (f − y)²/2   squared error"
    assert lines[3] == "∂ℓ/∂a = x1·(a·x1 + b·x2² + c·x3³ + d − y)"
    assert lines[6] == "∂ℓ/∂d = a·x1 + b·x2² + c·x3³ + d − y"


def test_derive_latex(cli):
    """--latex prints an align* body with ∂ℓ/∂p fractions."""
    code, out, _ = cli("derive", "w*x", "--inputs", "x", "--latex")
    assert code == 0
    assert r"\frac{\partial \ell}{\partial w} &= x \left(w x - y\right)" in out


def write_csv(path, rows, header="x1,x2,x3,y"):
    path.write_text(header + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n")
    return str(path)


def test_fit_from_csv_recovers_coefficients(cli, tmp_path):
    """`symgrad fit` reads the CSV, prints a parameter table and the final loss."""
    rng = np.random.default_rng(0)
    X = rng.uniform(-1, 1, size=(100, 3))
    y = 2 * X[:, 0] - X[:, 1] ** 2 + 0.5 * X[:, 2] ** 3 + 3
    data = write_csv(tmp_path / "melons.csv", np.column_stack([X, y]))
    code, out, _ = cli("fit", "a*x1 + b*x2**2 + c*x3**3 + d", "--inputs", "x1,x2,x3",
                       "--data", data, "--lr", "0.5", "--steps", "4000", "--no-progress")
    assert code == 0
    table = dict(line.split() for line in out.splitlines()[1:5])
    assert {k: round(float(v), 3) for k, v in table.items()} == {
        "a": 2.0, "b": -1.0, "c": 0.5, "d": 3.0}
    assert out.splitlines()[5].startswith("loss J after 4000 steps: ")


def test_fit_progress_bar_goes_to_stderr(cli, tmp_path):
    """--progress draws tqdm's bar on stderr and leaves stdout to the results; without it,
    off a terminal (as here), there is no bar."""
    pytest.importorskip("tqdm")
    data = write_csv(tmp_path / "d.csv", [[1, 2], [2, 4]], header="x,t")
    code, out, err = cli("fit", "w*x", "--inputs", "x", "--target", "t",
                         "--data", data, "--lr", "0.1", "--steps", "50", "--progress")
    assert code == 0
    assert re.search(r"100%\|[█#]+\| 50/50 \[.*step/s, J=[\d.e+-]+\]", err), err
    assert out.splitlines()[1].split()[0] == "w"
    code, out, err = cli("fit", "w*x", "--inputs", "x", "--target", "t",
                         "--data", data, "--lr", "0.1", "--steps", "5000")
    assert code == 0 and err == ""


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["derive", "w*x +", "--inputs", "x"], "cannot read"),
        (["derive", "__import__('os')", "--inputs", "x"], ""),
        (["derive", "w*x", "--inputs", "x", "--loss", "hinge"], "invalid choice"),
        (["derive", "w*x"], "--inputs"),
        (["derive", "w*x + z", "--inputs", "x", "--params", "w"], "neither an input"),
        (["fit", "w*x", "--inputs", "x", "--data", "/nonexistent.csv", "--lr", "0.1",
          "--steps", "5"], "cannot read /nonexistent.csv"),
        (["fit", "w*x", "--inputs", "x", "--data", "DATA", "--lr", "0.1", "--steps", "5",
          "--target", "q"], "no column q"),
        (["fit", "w*x", "--inputs", "x", "--data", "DATA", "--lr", "100", "--steps", "500"],
         "diverged"),
        (["fit", "w*x", "--inputs", "x", "--data", "DATA", "--lr", "0.1", "--steps", "5",
          "--init", "w"], "expected name=value"),
        (["fit", "w*x", "--inputs", "x", "--data", "BAD", "--lr", "0.1", "--steps", "5"],
         "expected numbers"),
        ([], "required"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(cli, tmp_path, argv, message):
    """Any bad input ends with one line on stderr, exit code 2, and no traceback."""
    good = write_csv(tmp_path / "good.csv", [[1, 2], [2, 4]], header="x,y")
    bad = write_csv(tmp_path / "bad.csv", [[1, "two"]], header="x,y")
    argv = [{"DATA": good, "BAD": bad}.get(a, a) for a in argv]
    code, out, err = cli(*argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("symgrad: error: ")
    assert message in err
    assert "Traceback" not in err


def test_console_script_is_installed():
    """The `symgrad` entry point runs as a separate process."""
    exe = [sys.executable, "-m", "symgrad"]
    done = subprocess.run([*exe, "derive", "w*x", "--inputs", "x", "--loss", "mae"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "∂ℓ/∂w" in done.stdout
    bad = subprocess.run([*exe, "derive", "x.__class__", "--inputs", "x"],
                         capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_fit_and_trace_save_pictures(cli, tmp_path):
    """--plot on fit saves the loss curve and the fitted line; on trace, the descent path."""
    data = write_csv(tmp_path / "line.csv", [[x, 2 * x + 1] for x in range(-3, 4)], header="x,y")
    code, _, err = cli("fit", "w*x + b", "--inputs", "x", "--data", data, "--lr", "0.05",
                       "--steps", "200", "--plot", str(tmp_path / "fit.png"))
    assert code == 0 and err.count("wrote ") == 2
    for name in ("fit.png", "fit-fit.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    code, _, err = cli("trace", "2*x**2 + y**2 + 3", "--start", "x=1,y=1", "--lr", "1/4",
                       "--steps", "4", "--plot", str(tmp_path / "path.png"))
    assert code == 0 and "wrote " in err
    assert (tmp_path / "path.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
