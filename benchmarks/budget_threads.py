"""What a budget costs in a process that holds threads (budgets then fork from a helper
process, symgrad/runtime/forkserver.py) beside one that does not (budgets fork the process itself).

Run: python benchmarks/budget_threads.py
"""

import threading
import time

from timing import spread

import symgrad as sg


def main() -> None:
    def call():
        return sg.derive("x**3 + y*sin(x)", timeout=10)

    print("derive('x**3 + y*sin(x)', timeout=10): median [min–max] of 21, ms")
    median, low, high = spread(call, 21)
    print(f"  no other thread: the process forks itself      {median:7.1f} [{low:.1f}–{high:.1f}]")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        t0 = time.perf_counter()
        call()
        first = 1000 * (time.perf_counter() - t0)
        median, low, high = spread(call, 21)
    finally:
        stop.set()
        other.join()
    print(f"  a thread running: first call (starts the helper) {first:7.1f}")
    print(f"  a thread running: from the helper               {median:7.1f} [{low:.1f}–{high:.1f}]")


if __name__ == "__main__":
    main()
