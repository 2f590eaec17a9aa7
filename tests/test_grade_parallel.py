"""Grading on every core and on a Dask cluster: the same report byte for byte at any
parallelism, a poisoned row reported without stopping the class, no process left behind."""

import time

from processes import cmdline, descendants, helpers

from symgrad.check.grade import Progress, grade_rows

FORMS = ["3x^2 - 2 + {k}*0", "3x^2 + {k}", "x^2 - 2 + {k}*0", "3x x - 2 + {k}*0",
         "2x cos(x^2) + {k}x", "cos(x^2) + {k}*0", "(x + 1)e^x + {k}*0", "e^x + {k}"]
PROBLEMS = ["x^3 - 2x", "x^3 - 2x", "x^3 - 2x", "x^3 - 2x", "sin(x^2)", "sin(x^2)",
            "x*exp(x)", "x*exp(x)"]
#: A 100,000-character answer, and a formula that blows up (its proof past any budget).
POISON = ['p1,"d/dx: x^3 - 2x","' + "x+" * 49_999 + 'x"',
          'p2,"d/dx: x^2","2x + (sin(x)^2 + cos(x)^2 - 1)*(x+1)^600"',
          'p3,"d/dx: x^(9^9^9)","1"']


def _class(tmp_path, n=48):
    rows = [f's{k},"d/dx: {PROBLEMS[k % 8]}","{FORMS[k % 8].format(k=k // 8)}"'
            for k in range(n)]
    rows[10:10] = POISON
    rows.append(rows[0].replace("s0,", "twin,", 1))  # an identical pair: checked once
    path = tmp_path / "answers.csv"
    path.write_text("student,problem,answer\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def _grade(cli, path, out, *options):
    code, stdout, err = cli("grade", str(path), "--out", str(out), "--timeout", "2", *options)
    return code, stdout, err, (out.with_suffix(".csv").read_bytes(),
                               out.with_suffix(".md").read_bytes())


def test_jobs_1_and_jobs_4_give_byte_identical_reports_and_leave_no_process(cli, tmp_path):
    path = _class(tmp_path)
    code1, out1, err1, one = _grade(cli, path, tmp_path / "one", "--jobs", "1")
    code4, out4, err4, four = _grade(cli, path, tmp_path / "four", "--jobs", "4")
    assert one == four and out1.replace("one", "four") == out4
    assert code1 == code4 == 3 and err1 == err4 == ""  # the unreadable problem: not graded
    lines = one[0].decode("utf-8").splitlines()
    assert len(lines) == 1 + 48 + 3 + 1
    poisoned = {line.split(",")[1]: line for line in lines if line.split(",")[1] in
                ("p1", "p2", "p3")}
    assert ",not graded,," in poisoned["p2"] and "too expensive to decide within 2 s" in \
        poisoned["p2"]
    assert "cannot read the problem 'x^(9^9^9)'" in poisoned["p3"]
    assert ",unreadable,," in poisoned["p1"] and poisoned["p1"].endswith(
        "it is 99999 characters long; at most 10000 allowed")
    graded = [line for line in lines[1:] if ",right," in line or ",wrong," in line]
    assert len(graded) >= 48 + 1  # every ordinary row (and its twin) has a verdict
    assert lines[-1].startswith("53,twin,") and lines[-1].split(",", 2)[2] == \
        lines[1].split(",", 2)[2]
    time.sleep(0.5)
    left = descendants()
    assert {pid: cmdline(pid) for pid in left if pid not in helpers(left)} == {}
    assert not [pid for pid, (state, _) in left.items() if state == "Z"]


def test_rows_come_back_in_input_order_with_progress():
    rows = [{"student": f"s{k}", "problem": "d/dx: x^2", "answer": f"2x + {k % 5}"}
            for k in range(20)]
    seen: list[Progress] = []
    graded = list(grade_rows(rows, {}, timeout=10, jobs=3, progress=seen.append))
    assert [r.student for r in graded] == [f"s{k}" for k in range(20)]
    assert [r.status for r in graded] == ["right", "wrong", "wrong", "wrong", "wrong"] * 4
    assert [p.done for p in seen] == list(range(1, 21)) and {p.total for p in seen} == {20}
    assert seen[-1].left == 0 and seen[-1].rate > 0


def test_the_dask_path_on_a_local_cluster_gives_the_same_report(cli, tmp_path):
    path = _class(tmp_path, n=24)
    _, _, _, one = _grade(cli, path, tmp_path / "one", "--jobs", "1")
    code, out, err, dask = _grade(cli, path, tmp_path / "dask", "--dask")
    assert dask == one and code == 3
    time.sleep(1)
    left = descendants()
    assert {pid: cmdline(pid) for pid in left if pid not in helpers(left)} == {}


def test_the_dask_path_takes_a_client_and_checks_each_pair_once(tmp_path):
    from dask.distributed import Client, LocalCluster

    from symgrad.check import pool

    rows = [{"student": f"s{k}", "problem": "d/dx: sin(x^2)", "answer": "2x cos(x^2)"}
            for k in range(6)] + [{"student": "z", "problem": "d/dx: sin(x^2)",
                                   "answer": "cos(x^2)"}]
    calls = []
    original = pool.results

    def counted(tasks, **kwargs):
        calls.append(list(tasks))
        return original(tasks, **kwargs)

    pool_results, pool.results = pool.results, counted
    import symgrad.check.grade as grade

    grade.results = counted
    try:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                          dashboard_address=None) as cluster, Client(cluster) as client:
            graded = list(grade_rows(rows, {}, timeout=10, scheduler=client))
    finally:
        pool.results = grade.results = pool_results
    assert [r.status for r in graded] == ["right"] * 6 + ["wrong"]
    assert [answer for _, answer in calls[0]] == ["2x cos(x^2)", "cos(x^2)"]


def test_jobs_below_one_is_a_one_line_error(cli, tmp_path):
    path = _class(tmp_path, n=2)
    code, out, err = cli("grade", str(path), "--out", str(tmp_path / "r"), "--jobs", "0")
    assert code == 2 and err.strip().endswith("--jobs must be at least 1, not 0")


def test_an_unreachable_scheduler_is_a_one_line_error(cli, tmp_path):
    path = _class(tmp_path, n=2)
    code, out, err = cli("grade", str(path), "--out", str(tmp_path / "r"),
                         "--scheduler", "tcp://127.0.0.1:9")
    assert code == 2 and "cannot reach the Dask scheduler tcp://127.0.0.1:9" in err
    assert len(err.strip().splitlines()) == 1


def test_a_lost_dask_partition_is_its_rows_not_graded(monkeypatch):
    """A partition that fails on the cluster (a worker lost) makes its rows "not graded"; the
    other partitions are graded."""
    from dask.distributed import Client, LocalCluster

    from symgrad.check import pool

    real = pool.grade_partition

    def flaky(part, problems, timeout, lang):
        if any(answer == "lost" for _, answer in part):
            raise OSError("worker lost")
        return real(part, problems, timeout, lang)

    monkeypatch.setattr(pool, "grade_partition", flaky)
    monkeypatch.setattr(pool, "PARTITION", 2)
    rows = [{"student": f"s{k}", "problem": "d/dx: x^2", "answer": a}
            for k, a in enumerate(["2x", "x", "lost", "2*x", "3x"])]
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        graded = list(grade_rows(rows, {}, timeout=10, scheduler=client))
    assert [r.status for r in graded] == ["right", "wrong", "not graded", "not graded", "wrong"]
    assert graded[2].message == "the checker failed on this answer (OSError: worker lost)"
