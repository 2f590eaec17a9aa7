"""A class at once: N simulated users send a mix of requests to `symgrad serve` for S seconds.

Starts its own server on a free 127.0.0.1 port (never another host), stops it at the end, and
stops by itself.  Each user loops over a shuffled mix of cheap and expensive requests; every
answer is classified (a result, a user-input message, "too expensive", or an error page) and
timed.  The server's memory (its own RSS plus its budgeted children's) is sampled throughout.

Run: python benchmarks/web_load.py                 (20 users, 60 s, a 10 s budget, 8 slots)
     python benchmarks/web_load.py --vary              (no two requests alike: nothing cached)
     python benchmarks/web_load.py --mix cheap
     python benchmarks/web_load.py --users 4 --seconds 5 --budget 5

Exit status 1 when a request waited longer than budget + margin, an error page appeared
(anything but results, input messages and "too expensive"), or memory passed --max-rss-mb.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: (label, path, form fields): the mix each user draws from; the last two run for minutes.
#: With --vary, {r} becomes a random whole number (so the server cannot answer from its cache);
#: otherwise it is 1, as when a class works the same exercise.  "Too expensive" is never
#: cached, so the expensive two are computed (and stopped) every time either way.
MIX = [
    ("derive watermelon", "/derive", {"kind": "formula",
                                      "model": "a*x1 + b*x2**2 + c*x3**3 + {r}*d",
                                      "inputs": "x1, x2, x3", "loss": "mse"}),
    ("derive logistic", "/derive", {"kind": "formula", "model": "sigmoid({r}*w*x + b)",
                                    "inputs": "x", "loss": "bce"}),
    ("check right", "/check", {"f": "2x^2 - 12x + {r}", "wrt": "x", "answer": "4x - 12"}),
    ("check wrong", "/check", {"f": "sin({r}x^2)", "wrt": "x", "answer": "cos(x^2)"}),
    ("preview", "/preview", {"answer": "x*sigmoid({r}*w*x + b)"}),
    ("explain saddle", "/explain", {"formula": "2*x**2 + 2*y + 4*x*y + {r}"}),
    ("trace + picture", "/trace", {"formula": "2*x**2 + y**2 + {r}", "start": "x=1, y=1",
                                   "lr": "1/4", "steps": "4"}),
    ("unreadable", "/check", {"f": "x^2", "wrt": "x", "answer": "x.__class__ + {r}"}),
    ("huge power check", "/check", {"f": "x**(10**100)", "wrt": "x", "answer": "x"}),
    ("expensive explain", "/explain",
     {"formula": "x**5*y**3 + 2*x**3*y**4*z - 5*x*y*z**5 + z**7 - y*z"}),
    ("expensive explain 3", "/explain",
     {"formula": "x**4*y**3 + 3*x**2*y**5*z - 7*x*y*z**4 + z**6 - x*z"}),
]


def classify(status: int, body: str) -> str:
    """result | message | too expensive | error."""
    if status != 200:
        return "error"
    if 'class="message expensive"' in body:
        return "too expensive"
    if 'class="message error"' in body:
        return "message"
    return "result" if ("<math" in body or "Verdict" in body) else "error"


def request(base: str, path: str, fields):
    if path == "/preview":
        req = urllib.request.Request(base + path + "?" + urllib.parse.urlencode(fields))
    else:  # a form as the page sends it: its XSRF token equal to the cookie's
        data = urllib.parse.urlencode({"_xsrf": "load", **fields}).encode()
        req = urllib.request.Request(base + path, data=data, headers={"Cookie": "_xsrf=load"})
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


def rss_mb(pid: int) -> float:
    """RSS of a process and all its descendants, MiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
        todo += children.get(p, [])
    return total / 1024


def start_server(budget: float, slots: int):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "symgrad", "serve", "--host", "127.0.0.1",
                             "--port", "0", "--timeout", str(budget), "--slots", str(slots)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = proc.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not match:
        proc.kill()
        raise SystemExit(f"the server did not start: {line!r}")
    return proc, match.group(0)


def run(users: int, seconds: float, budget: float, slots: int, mix=MIX, vary: bool = False,
        seed: int = 0):
    """Run the load; returns (records, memory samples MiB, server pid)."""
    proc, base = start_server(budget, slots)
    records: list[tuple[str, str, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    memory: list[float] = []

    def user(k: int):
        rng = random.Random(seed * 1000 + k)
        while time.monotonic() < stop:
            label, path, template = rng.choice(mix)
            r = rng.randint(2, 10**6) if vary else 1
            fields = {k: v.replace("{r}", str(r)) for k, v in template.items()}
            t0 = time.monotonic()
            status, body = request(base, path, fields)
            with lock:
                records.append((label, classify(status, body), time.monotonic() - t0))

    def sampler():
        while time.monotonic() < stop + budget:
            memory.append(rss_mb(proc.pid))
            time.sleep(0.25)

    threads = [threading.Thread(target=user, args=(k,)) for k in range(users)]
    threads.append(threading.Thread(target=sampler))
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        proc.wait(10)
    return records, memory


def report(records, memory, budget: float, margin: float, max_rss: float) -> bool:
    kinds = sorted({k for _, k, _ in records})
    print(f"{len(records)} requests; answers: "
          + ", ".join(f"{sum(k == kind for _, k, _ in records)} {kind}" for kind in kinds))
    print(f"{'request':<18} {'n':>4} {'median s':>9} {'max s':>7}  answers")
    for label, _, _ in MIX:
        times = [t for lab, _, t in records if lab == label]
        if times:
            answers = sorted({k for lab, k, _ in records if lab == label})
            print(f"{label:<18} {len(times):>4} {statistics.median(times):>9.2f} "
                  f"{max(times):>7.2f}  {', '.join(answers)}")
    late = sorted(t - budget for _, k, t in records if k == "too expensive")
    if late:
        print(f"'too expensive' answered {statistics.median(late):+.2f} s after the budget "
              f"(median), {late[-1]:+.2f} s at most")
    longest = max(t for _, _, t in records)
    peak = max(memory) if memory else 0.0
    print(f"longest wait {longest:.2f} s (budget {budget:g} s + margin {margin:g} s); "
          f"server memory (with its children) median {statistics.median(memory):.0f} MiB, "
          f"peak {peak:.0f} MiB")
    ok = longest <= budget + margin and "error" not in kinds and peak <= max_rss
    print("PASS" if ok else "FAIL")
    return ok


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--budget", type=float, default=10, help="the server's --timeout")
    parser.add_argument("--slots", type=int, default=8, help="the server's --slots")
    parser.add_argument("--margin", type=float, default=3.0,
                        help="seconds allowed past the budget (fork, kill, a busy machine)")
    parser.add_argument("--mix", choices=("all", "cheap"), default="all",
                        help="all: the mix above; cheap: without the two expensive requests")
    parser.add_argument("--vary", action="store_true",
                        help="random numbers in every request, so none is answered from cache")
    parser.add_argument("--max-rss-mb", type=float, default=6000)
    args = parser.parse_args(argv)
    if not (1 <= args.users <= 100 and 0 < args.seconds <= 600):
        parser.error("at most 100 users and 600 s: this is a bounded benchmark")
    mix = MIX if args.mix == "all" else [m for m in MIX if not m[0].startswith("expensive")]
    before = os.getloadavg()[0]
    records, memory = run(args.users, args.seconds, args.budget, args.slots, mix, args.vary)
    print(f"machine: {os.cpu_count()} cores, load average {before:.1f} before the run and "
          f"{os.getloadavg()[0]:.1f} after (the run's own load included)")
    return 0 if report(records, memory, args.budget, args.margin, args.max_rss_mb) else 1


if __name__ == "__main__":
    sys.exit(main())
