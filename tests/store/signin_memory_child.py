"""Child process for the memory test: 16 simultaneous failed sign-ins at the real argon2 cost.

Usage: python signin_memory_child.py DATABASE_URL
Prints one JSON line: resident memory before and its peak since start (MB), the
seconds the 16 attempts took, and their outcomes. A fresh process, so the
peak (VmHWM) is this test's and not an earlier one's. With a second argument
N, N checks may run at once instead of the store's limit (to measure what the
limit saves).
"""

from __future__ import annotations

import json
import sys
import threading
import time

from store.engine import make_engine
from store.migrate import upgrade
from store.signin import sign_in
from store.users import add_user

ATTEMPTS = 16


def _status_mb(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def main() -> None:
    engine = make_engine(sys.argv[1])
    if len(sys.argv) > 2:
        import store.users

        store.users._checks = threading.BoundedSemaphore(int(sys.argv[2]))
    upgrade(engine)
    for number in range(0, ATTEMPTS, 2):  # half of the guessed addresses have an account
        add_user(engine, f"user{number}@example.org", "the real long password")
    baseline = _status_mb("VmRSS")  # now, not the peak: the set-up's own hashes peaked already
    outcomes: list[str] = []
    start = threading.Barrier(ATTEMPTS)

    def attempt(number: int) -> None:
        start.wait()
        email = f"user{number}@example.org"  # 16 accounts, 16 addresses: no throttle, 16 argon2 checks
        result = sign_in(engine, email, f"wrong password {number}", f"192.0.2.{number}")
        outcomes.append("signed in" if result.user else f"wait {result.wait_seconds}")

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(ATTEMPTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    print(json.dumps({"baseline_mb": round(baseline, 1), "peak_mb": round(_status_mb("VmHWM"), 1),
                      "seconds": round(seconds, 2), "outcomes": sorted(outcomes)}))


if __name__ == "__main__":
    main()
