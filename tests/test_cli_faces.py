"""The command line as a new user meets it: the variable defaults to the only one, one meaning
per option name, an example in every --help (each example runs), per-student totals, CSVs
separated by semicolons, ``-`` for standard input and output, no leaked space from the
leading-minus workaround, and a progress bar only on a terminal."""

import fcntl
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from symgrad.cli.examples import EXAMPLES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "symgrad" / "web" / "static" / "samples"


def test_check_defaults_to_the_only_variable(cli):
    code, out, _ = cli("check", "--f", "x^2", "--claimed", "2x")
    assert code == 0 and out.splitlines()[:2] == ["Checking d/dx[x²]", "Verdict: right."]
    code, _, err = cli("check", "--f", "x*y", "--claimed", "y")
    assert code == 2
    assert err == "symgrad: error: check needs --wrt: the function has the variables x, y\n"


def test_steps_is_a_number_everywhere_and_derive_says_where_its_flag_went(cli):
    code, out, _ = cli("derive", "x*w", "--inputs", "x", "--rules")
    assert code == 0 and "product rule" in out or "constant multiple rule" in out
    for old in (["--steps"], ["--steps", "3"]):
        code, _, err = cli("derive", "w*x", "--inputs", "x", *old)
        assert code == 2 and err == (
            "symgrad: error: derive shows every rule with --rules (--steps N is the number of "
            "steps of fit and trace)\n")


def test_every_command_has_an_example_in_its_help(cli):
    code, out, _ = cli("--help")
    assert code == 0 and "``" not in out and "\nsymgrad: derive gradients rule by rule" in out
    commands = re.search(r"\{([a-z,]+)\}", out).group(1).split(",")
    assert set(commands) == set(EXAMPLES)
    for command in commands:
        code, out, _ = cli(command, "--help")
        assert code == 0
        for example in EXAMPLES[command]:
            assert f"  {example}" in out, command


@pytest.mark.parametrize("example", [e for name, es in EXAMPLES.items() if name != "serve"
                                     for e in es])
def test_every_example_runs_as_printed(example, tmp_path):
    for sample in SAMPLES.iterdir():
        shutil.copy(sample, tmp_path / sample.name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "symgrad").write_text(f"#!/bin/sh\nexec {sys.executable} -m symgrad \"$@\"\n")
    (bin_dir / "symgrad").chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    done = subprocess.run(["sh", "-c", example], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, (example, done.stderr[-1000:])
    assert done.stdout.strip()


def test_grade_prints_and_writes_totals_per_student(cli, tmp_path):
    code, out, _ = cli("grade", str(SAMPLES / "answers.csv"), "--problems",
                       str(SAMPLES / "problems.csv"), "--out", str(tmp_path / "r"))
    assert code == 0
    assert out.splitlines()[7:12] == [
        "student  right  wrong  undecided  unreadable  not graded  score",
        "Li           3      0          0           0           0    3/3",
        "Wang         0      3          0           0           0    0/3",
        "Zhang        1      2          0           0           0    1/3",
        "Chen         1      1          0           0           0    1/2"]
    md = (tmp_path / "r.md").read_text()
    assert "## Totals per student" in md and "| Zhang | 1 | 2 | 0 | 0 | 0 | 1/3 |" in md


def test_semicolon_separated_files_are_read(cli, tmp_path):
    answers = tmp_path / "a.csv"
    answers.write_text("student;problem;answer\nLi;d/dx: max(x, 0)*x;2x\nWang;d/dx: x^3;3x^2\n")
    code, out, _ = cli("grade", str(answers), "--out", str(tmp_path / "r"))
    assert code == 0
    rows = (tmp_path / "r.csv").read_text().splitlines()
    assert rows[1].startswith('2,Li,"d/dx: max(x, 0)*x",2x,wrong') and ",right," in rows[2]
    data = tmp_path / "d.csv"
    data.write_text("x;y\n1;2\n2;4\n3;6\n")
    code, out, _ = cli("fit", "w*x", "--inputs", "x", "--data", str(data), "--lr", "0.05",
                       "--steps", "200")
    assert code == 0 and out.splitlines()[1] == "w      2"


def test_a_dash_reads_standard_input_and_writes_standard_output(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    answers = (SAMPLES / "answers.csv").read_text()
    done = subprocess.run([sys.executable, "-m", "symgrad", "grade", "-", "--problems",
                           str(SAMPLES / "problems.csv"), "--out", "-"], input=answers,
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert lines[0] == "line,student,problem,answer,ok,expected,message" and len(lines) == 12
    assert "Li           3" in done.stderr and "standard output" in done.stderr
    assert list(tmp_path.iterdir()) == []  # no "-.csv", no report files
    done = subprocess.run([sys.executable, "-m", "symgrad", "fit", "w*x + b", "--inputs", "x",
                           "--data", "-", "--lr", "0.05", "--steps", "500"],
                          input=(SAMPLES / "line.csv").read_text(), capture_output=True,
                          text=True, env=env, timeout=300)
    assert done.returncode == 0 and done.stdout.splitlines()[2].startswith("w      1.99")


def test_a_leading_minus_leaves_no_space_in_the_output(cli):
    code, out, _ = cli("check", "--f", "x^2", "--wrt", "x", "--claimed", "-2x", "--latex")
    assert code == 1 and "\\text{claimed} &= - 2 x" in out
    code, out, _ = cli("check", "--f", "x^2", "--claimed", "-d/dx x^2")
    assert "\nClaimed: -d/dx x^2\n" in out  # as typed, no extra space


def test_fit_shows_tqdm_progress_on_a_terminal_only(tmp_path):
    pytest.importorskip("tqdm")
    data = tmp_path / "d.csv"
    data.write_text("x,y\n1,2\n2,4\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "symgrad", "fit", "w*x", "--inputs", "x", "--data",
            str(data), "--lr", "0.05", "--steps", "3000"]
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    done = subprocess.run(argv, stderr=follower, stdout=subprocess.PIPE, env=env, timeout=300)
    os.close(follower)
    shown = b""
    try:
        while chunk := os.read(leader, 65536):
            shown += chunk
    except OSError:  # the terminal closed
        pass
    os.close(leader)
    assert done.returncode == 0
    assert re.search(rb"100%\|.*\| 3000/3000", shown), shown[-300:]
    piped = subprocess.run(argv, capture_output=True, env=env, timeout=300)
    assert piped.returncode == 0 and piped.stderr == b""
