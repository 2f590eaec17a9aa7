"""How ``symgrad grade`` scales: one process, every core (``--jobs``), and a Dask cluster.

Grades one class of distinct answers (right ones, classic slips, paper notation; see
grade_throughput.py) with ``symgrad grade`` as a user runs it — a fresh command each time,
start-up and report included — with ``--jobs 1``, ``--jobs 2`` (this machine's cores) and
``--dask`` (a ``dask.distributed.LocalCluster`` with one worker per core, started by the
command).  Prints answers per second, the speed-up over ``--jobs 1``, the machine's load
average around each run (the numbers mean little on a machine shared with other work), and
checks that the three reports are byte-identical.

Then, because wall time on a shared machine says more about the neighbours than about symgrad,
the CPU time one answer costs: the first ``--cpu`` answers graded in this process with
``grade_rows`` (jobs 1, jobs 2, and a LocalCluster of 2 workers given as the scheduler), adding
up the CPU time of every process involved (this one, its children, the fork servers, the
budgeted children, the Dask workers) from /proc.  That number does not depend on the load, and
gives the paper estimate for 500,000 answers.

Run: python benchmarks/grade_scale.py [--answers 2000] [--repeats 2] [--cpu 300]
"""

import argparse
import filecmp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from grade_throughput import answers

from symgrad.check.grade import grade_rows

WAYS = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--dask": ["--dask"]}


def run(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds


def tree_cpu() -> float:
    """CPU seconds used by this process, its reaped children, and every live descendant with
    the children it reaped."""
    import resource

    own, reaped = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + reaped.ru_utime + reaped.ru_stime
    parents, times = {}, {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            parents[int(name)] = int(fields[1])
            times[int(name)] = sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")
    below, todo = set(), [os.getpid()]
    while todo:
        parent = todo.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in below:
                below.add(pid)
                todo.append(pid)
    return total + sum(times[pid] for pid in below)


def cpu_per_answer(rows, ways=("jobs 1", "jobs 2", "LocalCluster(2)")) -> dict[str, float]:
    """Milliseconds of CPU (all processes) per answer, each way, in this process."""
    from dask.distributed import Client, LocalCluster

    from symgrad.runtime import forkserver

    table = [{"student": f"s{i}", "problem": f"d/dx: {e}", "answer": a}
             for i, (e, a) in enumerate(rows)]
    forkserver.start()  # started (and warmed) before the clock, as by a server
    time.sleep(10)
    out = {}
    for way in ways:
        if way == "LocalCluster(2)":
            with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as c, \
                    Client(c) as client:
                list(grade_rows(table[:10], {}, scheduler=client))  # workers warm
                start = tree_cpu()
                list(grade_rows(table, {}, scheduler=client))
                out[way] = 1000 * (tree_cpu() - start) / len(table)
        else:
            start = tree_cpu()
            list(grade_rows(table, {}, jobs=int(way.split()[1])))
            out[way] = 1000 * (tree_cpu() - start) / len(table)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--ways", nargs="*", default=list(WAYS), choices=list(WAYS))
    parser.add_argument("--cpu", type=int, default=300, help="answers for the CPU measurement")
    args = parser.parse_args()
    rows = answers(args.answers)
    assert len(set(rows)) == len(rows), "the answers must be distinct"
    folder = Path(tempfile.mkdtemp(prefix="grade-scale-"))
    path = folder / "answers.csv"
    path.write_text("student,problem,answer\n" + "".join(
        f's{i},"d/dx: {e}","{a}"\n' for i, (e, a) in enumerate(rows)), encoding="utf-8")
    print(f"{len(rows)} distinct answers, {os.cpu_count()} cores, "
          f"{len(os.sched_getaffinity(0))} available; load average before: "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    rates: dict[str, list[float]] = {way: [] for way in args.ways}
    loads: dict[str, list[float]] = {way: [] for way in args.ways}
    for k in range(args.repeats):
        for way in args.ways:
            out = folder / f"report-{way.strip('-').replace(' ', '')}"
            command = [sys.executable, "-m", "symgrad", "grade", str(path), "--out", str(out),
                       *WAYS[way]]
            seconds = run(command)
            rates[way].append(len(rows) / seconds)
            loads[way].append(os.getloadavg()[0])
            print(f"  run {k + 1}: symgrad grade answers.csv {way:9s} {seconds:7.1f} s  "
                  f"{rates[way][-1]:6.2f} answers/s  (load average {loads[way][-1]:.1f})",
                  flush=True)
    if args.repeats:
        base = statistics.median(rates[args.ways[0]])
        print(f"\n| command | answers/s (median of {args.repeats}; min–max) | speed-up | "
              "load average |\n|---|---|---|---|")
        for way in args.ways:
            r = rates[way]
            print(f"| `symgrad grade answers.csv {way}` | {statistics.median(r):.2f} "
                  f"({min(r):.2f}–{max(r):.2f}) | {statistics.median(r) / base:.2f}× | "
                  f"{min(loads[way]):.1f}–{max(loads[way]):.1f} |")
        reports = [folder / f"report-{way.strip('-').replace(' ', '')}.csv" for way in args.ways]
        same = all(filecmp.cmp(reports[0], r, shallow=False) for r in reports[1:])
        print(f"\nreports byte-identical: {same}")
    if args.cpu:
        costs = cpu_per_answer(rows[:args.cpu])
        print(f"\nCPU per answer, all processes ({args.cpu} answers, in this process):")
        for way, ms in costs.items():
            print(f"  {way:16s} {ms:5.1f} ms  → 500,000 answers: "
                  f"{500_000 * ms / 1000 / 3600:5.1f} core-hours")


if __name__ == "__main__":
    main()
