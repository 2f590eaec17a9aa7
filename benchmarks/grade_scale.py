"""How ``symgrad grade`` scales: one process, every core (``--jobs``), and a Dask cluster.

Grades one class of distinct answers (right ones, classic slips, paper notation; see
grade_throughput.py) with ``symgrad grade`` as a user runs it — a fresh command each time,
start-up and report included — with ``--jobs 1``, ``--jobs 2`` (this machine's cores) and
``--dask`` (a ``dask.distributed.LocalCluster`` with one worker per core, started by the
command).  Prints answers per second, the speed-up over ``--jobs 1``, the machine's load
average around each run (the numbers mean little on a machine shared with other work), and
checks that the three reports are byte-identical.

Run: python benchmarks/grade_scale.py [--answers 2000] [--repeats 2]
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

WAYS = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--dask": ["--dask"]}


def run(command: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 3):
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr}")
    return seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--ways", nargs="*", default=list(WAYS), choices=list(WAYS))
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
    one = statistics.median(rates[args.ways[0]])
    print(f"per answer on one core: {1000 / one:.0f} ms; 500,000 answers: "
          f"{500_000 / one / 3600:.1f} core-hours")


if __name__ == "__main__":
    main()
