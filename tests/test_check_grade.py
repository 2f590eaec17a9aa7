"""Grading a class never stops at one row, never destroys the user's files, and its reports
are safe to open in a spreadsheet."""

import csv
import re
import time

import pytest

from symgrad.check.grade import FIELD_LIMIT, grade_rows, read_table
from symgrad.runtime.budget import Budget

PROBLEMS = "id,expr,wrt\nsquare,x^2,x\nchain,sin(x^2),x\nbroken,x^^2,x\n"
ANSWERS = ["2x", "2*x", "x^2", "2x cos(x^2)", "cos(x^2)", "2 x", "x + x", "3x"]


def _report(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _class_file(tmp_path, rows, header="student,problem,answer", bom=False):
    path = tmp_path / "answers.csv"
    text = header + "\n" + "".join(line + "\n" for line in rows)
    path.write_text(("\ufeff" if bom else "") + text, encoding="utf-8")
    problems = tmp_path / "problems.csv"
    problems.write_text(PROBLEMS, encoding="utf-8")
    return path, problems


def test_a_class_of_300_with_5_poisoned_rows_grades_295_and_lists_5(cli, tmp_path):
    """Unknown id, unreadable problem, ragged row, over-long field, too-expensive answer: each
    is one row 'not graded' with its reason; the other 295 are graded; exit status 3."""
    rows = []
    for k in range(295):
        problem = "square" if k % 2 else "chain"
        rows.append(f"s{k},{problem},{ANSWERS[k % len(ANSWERS)]}")
    poisoned = {
        40: "p40,no_such_problem,2x",
        80: "p80,broken,2x",
        120: "p120,square,2x,an extra field",
        160: f"p160,square,\"{'x' * (FIELD_LIMIT + 1)}\"",
        # a right answer whose proof takes SymPy ~11 s (read only inside the budgeted check)
        200: "p200,square,\"2x + (sin(x)^2 + cos(x)^2 - 1)*(x+1)^600\"",
    }
    for at, row in sorted(poisoned.items()):
        rows.insert(at, row)
    answers, problems = _class_file(tmp_path, rows)
    start = time.monotonic()
    code, out, err = cli("grade", str(answers), "--problems", str(problems),
                         "--out", str(tmp_path / "report"), "--timeout", "2")
    assert time.monotonic() - start < 240
    assert code == 3 and err == ""
    report = _report(tmp_path / "report.csv")
    assert len(report) == 300
    bad = [r for r in report if r["ok"] == "not graded"]
    assert [r["line"] for r in bad] == [str(at + 2) for at in sorted(poisoned)]
    reasons = [r["message"] for r in bad]
    assert "is neither an id from the problems file" in reasons[0]
    assert "cannot read the problem 'x^^2'" in reasons[1]
    assert "has 4 fields, the header 3" in reasons[2]
    assert "longer than 131,072 characters" in reasons[3]
    assert "too expensive to decide within 2 s" in reasons[4]
    assert sum(r["ok"] in ("right", "wrong", "undecided", "unreadable") for r in report) == 295
    assert f"not graded: 5 row(s), line(s) {', '.join(r['line'] for r in bad)}" in out
    md = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert len(re.findall(r"^\| \d+ \|.*\| not graded \|", md, re.MULTILINE)) == 5


def test_the_reports_are_written_row_by_row(tmp_path):
    """Each verdict is in the report as soon as it is known (nothing is held until the end)."""
    rows = [{"student": "a", "problem": "d/dx: x^2", "answer": "2x"},
            {"student": "b", "problem": "d/dx: x^2", "answer": "3x"}]
    graded = grade_rows(iter(rows), {})
    first = next(graded)
    assert (first.student, first.status) == ("a", "right")
    assert next(graded).status == "wrong"


def test_the_input_file_is_never_overwritten(cli, tmp_path, monkeypatch):
    """--out answers (giving answers.csv) is refused in one line; the input is unchanged."""
    answers, problems = _class_file(tmp_path, ["ana,square,2x"])
    before = answers.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("grade", "answers.csv", "--out", "answers")
    assert (code, out) == (2, "")
    assert err == ("symgrad: error: refusing to write the report over the input file "
                   "answers.csv; choose another --out\n")
    assert answers.read_bytes() == before
    code, _, err = cli("grade", "answers.csv", "--problems", "problems.csv", "--out", "problems")
    assert code == 2 and "input file problems.csv" in err


def test_a_missing_output_folder_is_a_one_line_error(cli, tmp_path):
    """--out into a folder that does not exist: one line, exit 2, no folder created."""
    answers, _ = _class_file(tmp_path, ["ana,d/dx: x^2,2x"])
    code, out, err = cli("grade", str(answers), "--out", str(tmp_path / "a" / "b" / "rep"))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "the folder" in err and "does not exist" in err
    assert not (tmp_path / "a").exists()


def test_formula_cells_are_neutralised(cli, tmp_path):
    """Cells starting with = + - @ are quoted in the CSV report (no spreadsheet formulas)."""
    answers, _ = _class_file(tmp_path, [
        '"=HYPERLINK(""http://x"")",d/dx: x^2,2x',
        "+ben,d/dx: x^2,-2x",
        "@cy,d/dx: x^2,2x",
    ])
    code, _, _ = cli("grade", str(answers), "--out", str(tmp_path / "r"))
    assert code == 0
    report = _report(tmp_path / "r.csv")
    assert [r["student"] for r in report] == ["'=HYPERLINK(\"http://x\")", "'+ben", "'@cy"]
    assert report[1]["answer"] == "'-2x"
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in report for cell in r.values())


def test_a_csv_with_a_byte_order_mark_reads(cli, tmp_path):
    """Excel's UTF-8 BOM before the header is not part of the first column's name."""
    answers, _ = _class_file(tmp_path, ["ana,d/dx: x^2,2x"], bom=True)
    code, out, err = cli("grade", str(answers), "--out", str(tmp_path / "r"))
    assert (code, err) == (0, "")
    assert _report(tmp_path / "r.csv")[0]["student"] == "ana"


def test_a_missing_column_is_one_line(cli, tmp_path):
    """A file without the answer column has nothing to grade: one line, exit 2."""
    answers, _ = _class_file(tmp_path, ["ana,d/dx: x^2"], header="student,problem")
    code, _, err = cli("grade", str(answers), "--out", str(tmp_path / "r"))
    assert code == 2
    assert err == (f"symgrad: error: {answers} has no column answer (expected columns: "
                   "student, problem, answer)\n")


def test_read_table_reports_ragged_and_long_rows_by_line():
    """A short row, a long row and an over-long field are problems of their own line only."""
    lines = ["a,b", "1,2", "3", "4,5,6", "7," + "x" * (FIELD_LIMIT + 1), "8,9"]
    out = list(read_table(lines, ("a", "b"), "t.csv"))
    assert [(line, str(r) if isinstance(r, Exception) else r) for line, r in out] == [
        (2, {"a": "1", "b": "2"}),
        (3, "line 3 has 1 fields, the header 2"),
        (4, "line 4 has 3 fields, the header 2"),
        (5, "line 5: the field b is longer than 131,072 characters"),
        (6, {"a": "8", "b": "9"}),
    ]


def test_check_timeout_option(cli):
    """`symgrad check --timeout 1` on an answer too expensive to decide: undecided, exit 1."""
    start = time.monotonic()
    product = "*".join(f"(x+{k})" for k in range(1, 150))  # over a minute unbudgeted
    code, out, _ = cli("check", "--f", product, "--wrt", "x", "--claimed", "1", "--timeout", "1")
    # The budget is 1 s of CPU time (the same verdict on a quiet and a busy machine); its wall
    # time is bounded by Budget.wall, whatever the load: never a hang.
    assert time.monotonic() - start < Budget(1).wall + 5
    assert code == 1
    assert "undecided: checking this answer is too expensive to decide within 1 s" in out


@pytest.mark.parametrize("value", ["0", "-1", "abc"])
def test_check_timeout_must_be_positive(cli, value):
    """A timeout that is not a positive number is a one-line error."""
    code, _, err = cli("check", "--f", "x", "--wrt", "x", "--claimed", "1", "--timeout", value)
    assert code == 2 and err.startswith("symgrad: error:") and "--timeout" in err
