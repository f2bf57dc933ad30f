"""Sign-in throttling: growing delays per account and per address, kept in the database; bounded argon2 checks."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Engine

import store.users
from store import signin, users
from store.engine import make_engine
from store.signin import ACCOUNT_FREE_FAILURES, MAX_DELAY_S, delay_after, sign_in, sign_in_log

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
ROOT = Path(__file__).resolve().parents[2]


def _at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def _waits_while_guessing(engine: Engine, email: str, address: str, rounds: int) -> list[int]:
    """Guess wrong, each time as soon as allowed; the waits the throttle imposed after each free failure."""
    clock = 0.0
    waits = []
    for _ in range(ACCOUNT_FREE_FAILURES):
        assert sign_in(engine, email, "wrong guess!", address, now=_at(clock)) == signin.SignInResult(None, 0)
    for _ in range(rounds):
        refused = sign_in(engine, email, PASSWORD, address, now=_at(clock))  # even the right password waits
        assert refused.user is None and refused.wait_seconds > 0
        waits.append(refused.wait_seconds)
        clock += refused.wait_seconds
        assert sign_in(engine, email, "wrong guess!", address, now=_at(clock)).wait_seconds == 0
    return waits


def test_the_delay_grows_and_is_the_same_for_unknown_accounts(engine: Engine) -> None:
    user = users.add_user(engine, "alice@example.org", PASSWORD)
    assert _waits_while_guessing(engine, "alice@example.org", "198.51.100.1", 6) == [1, 2, 4, 8, 16, 32]
    # An address without an account gets exactly the same answers: nothing reveals which addresses exist.
    assert _waits_while_guessing(engine, "nobody@example.org", "198.51.100.2", 6) == [1, 2, 4, 8, 16, 32]
    # After waiting, the right password works and clears the account's count.
    clock = 1 + 2 + 4 + 8 + 16 + 32
    assert sign_in(engine, "alice@example.org", PASSWORD, "198.51.100.1", now=_at(clock)).wait_seconds == 64
    signed = sign_in(engine, "Alice@Example.org ", PASSWORD, "198.51.100.1", now=_at(clock + 64))
    assert signed.user == user
    for _ in range(ACCOUNT_FREE_FAILURES):  # (from another address: this one has used up its own free failures)
        assert sign_in(engine, "alice@example.org", "wrong", "198.51.100.9", now=_at(clock + 65)).wait_seconds == 0
    assert sign_in(engine, "alice@example.org", "wrong", "198.51.100.1", now=_at(clock + 65)).wait_seconds == 1
    # The delay is capped.
    assert [delay_after(n, 3) for n in (0, 2, 3, 4, 10, 40, 10**6)] == [0, 0, 1, 2, 128, MAX_DELAY_S, MAX_DELAY_S]


def test_the_delay_is_kept_in_the_database_for_other_instances(engine: Engine, database_url: str) -> None:
    users.add_user(engine, "alice@example.org", PASSWORD)
    for _ in range(ACCOUNT_FREE_FAILURES):
        sign_in(engine, "alice@example.org", "wrong", "198.51.100.1", now=T0)
    assert sign_in(engine, "alice@example.org", "wrong", "198.51.100.1", now=_at(1)).wait_seconds == 0
    # Four failures: the next attempt waits until second 3, on any instance, from any address.
    other_instance = make_engine(database_url)
    try:
        assert sign_in(other_instance, "alice@example.org", PASSWORD, "203.0.113.9", now=_at(2)).wait_seconds == 1
        assert sign_in(other_instance, "alice@example.org", PASSWORD, "203.0.113.9", now=_at(3)).user is not None
    finally:
        other_instance.dispose()


def test_one_address_guessing_many_accounts_is_slowed_too(engine: Engine) -> None:
    users.add_user(engine, "alice@example.org", PASSWORD)
    for number in range(signin.ADDRESS_FREE_FAILURES):
        assert sign_in(engine, f"guess{number}@example.org", "wrong", "198.51.100.7", now=T0).wait_seconds == 0
    assert sign_in(engine, "alice@example.org", PASSWORD, "198.51.100.7", now=T0).wait_seconds == 1
    # Another address is not affected, and alice herself was never guessed at.
    assert sign_in(engine, "alice@example.org", PASSWORD, "198.51.100.8", now=T0).user is not None


def test_the_sign_in_log_shows_the_account_owner_their_own_attempts(engine: Engine) -> None:
    alice = users.add_user(engine, "alice@example.org", PASSWORD)
    bob = users.add_user(engine, "bob@example.org", PASSWORD)
    sign_in(engine, "alice@example.org", "wrong", "198.51.100.1", now=T0)
    sign_in(engine, "alice@example.org", PASSWORD, "2001:db8::1", now=_at(1))
    sign_in(engine, "nobody@example.org", "wrong", "198.51.100.1", now=_at(2))
    sign_in(engine, "bob@example.org", "wrong", "198.51.100.3", now=_at(3))
    log = sign_in_log(engine, alice.id)
    assert [(e.at, e.address, e.outcome) for e in log] == [
        (_at(1), "2001:db8::1", "success"),
        (T0, "198.51.100.1", "failure"),
    ]
    assert [e.outcome for e in sign_in_log(engine, bob.id)] == ["failure"]
    # Rows older than the log's retention go at the next attempt.
    sign_in(engine, "carol@example.org", "x", None, now=T0 + dt.timedelta(days=signin.LOG_DAYS, seconds=1))
    assert [e.address for e in sign_in_log(engine, alice.id)] == ["2001:db8::1"]


class CountingHasher(PasswordHasher):
    """A real argon2 hasher that records how many checks run at the same moment."""

    def __init__(self) -> None:
        super().__init__(time_cost=2, memory_cost=8 * 1024, parallelism=1)
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0

    def verify(self, hash: str, password: str) -> bool:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            return super().verify(hash, password)
        finally:
            with self.lock:
                self.running -= 1


def test_sixteen_simultaneous_attempts_run_at_most_a_few_argon2_checks(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasher = CountingHasher()
    monkeypatch.setattr(store.users, "_hasher", hasher)
    users.add_user(engine, "alice@example.org", PASSWORD)
    start = threading.Barrier(16)
    results = []

    def attempt(number: int) -> None:
        start.wait()
        email = "alice@example.org" if number == 0 else f"guess{number}@example.org"
        results.append(sign_in(engine, email, "wrong", f"192.0.2.{number}"))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 16 and all(r.user is None and r.wait_seconds == 0 for r in results)
    assert hasher.most == users.MAX_CONCURRENT_CHECKS == 2


def test_memory_stays_bounded_under_sixteen_simultaneous_attempts(tmp_path: Path) -> None:
    """At the real cost (64 MiB a check) the peak grows by about two checks, not sixteen (which was +960 MB)."""
    child = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("signin_memory_child.py")), f"sqlite:///{tmp_path / 'm.db'}"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=True,
    )
    figures = json.loads(child.stdout.strip().splitlines()[-1])
    print(figures)
    growth = figures["peak_mb"] - figures["baseline_mb"]
    assert growth < users.MAX_CONCURRENT_CHECKS * 64 + 80, figures
    assert figures["outcomes"] == ["wait 0"] * 16
