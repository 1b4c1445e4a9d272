"""The module when another process writes, when the registry is read-only or damaged, when a
transaction is handed to another thread (issue 9, findings 3, 7 and 8), and backup."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import guifan
import pytest

HOLD = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(60)
"""


def test_a_write_blocked_by_another_process_raises_busy_after_timeout(tmp_path: Path, records_file: Path):
    """Guards finding 7: the `timeout` did not apply across processes."""
    with guifan.Registry.open(tmp_path / "r", create=True) as reg:
        reg.import_jsonl(records_file)
    # The lock is held by another process: SQLite's locks are the operating system's, which
    # do not stand between two SQLite libraries inside one process.
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "r" / "registry.sqlite")],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with guifan.Registry.open(tmp_path / "r", timeout=0.3) as reg:
            with pytest.raises(guifan.BusyError) as caught:
                reg.record_review(1, "评估", reviewer="评估组", date="2024-11-01", conclusion="继续有效")
            assert caught.value.waited == pytest.approx(0.3)
            assert "busy" in str(caught.value)
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    with guifan.Registry.open(tmp_path / "r") as reg:
        reg.record_review(1, "评估", reviewer="评估组", date="2024-11-01", conclusion="继续有效")


def test_a_transaction_refuses_another_thread(reg: guifan.Registry):
    """Guards finding 7: a Transaction could be used and committed from another thread."""
    tx = reg.transaction()
    tx.record_review(1, "评估", reviewer="评估组", date="2024-11-01", conclusion="继续有效")
    caught: list[BaseException] = []

    def elsewhere() -> None:
        for call in (tx.commit, lambda: tx.record_review(1, "评估", reviewer="x", date="2024-11-02",
                                                        conclusion="y")):
            try:
                call()
            except guifan.GuifanError as e:
                caught.append(e)

    t = threading.Thread(target=elsewhere)
    t.start()
    t.join()
    assert len(caught) == 2 and all(isinstance(e, guifan.ConflictError) for e in caught), caught
    assert "thread" in str(caught[0])
    assert tx.active
    tx.rollback()


def test_read_only_reads_and_refuses_writes(tmp_path: Path, records_file: Path):
    with guifan.Registry.open(tmp_path / "r", create=True) as reg:
        reg.import_jsonl(records_file)
        total = reg.stats(by=["status"], as_of="2024-12-31").total
    with guifan.Registry.open(tmp_path / "r", read_only=True) as ro:
        assert ro.read_only
        assert ro.stats(by=["status"], as_of="2024-12-31").total == total
        assert ro.check()["ok"]
        with pytest.raises(guifan.ReadOnlyError):
            ro.record_review(1, "评估", reviewer="评估组", date="2024-11-01", conclusion="继续有效")


def test_an_empty_store_is_an_integrity_error_and_is_kept(tmp_path: Path, records_file: Path):
    """Guards finding 3."""
    with guifan.Registry.open(tmp_path / "r", create=True) as reg:
        reg.import_jsonl(records_file)
    store = tmp_path / "r" / "registry.sqlite"
    store.write_bytes(b"")
    for create in (False, True):
        with pytest.raises(guifan.IntegrityError, match="0 bytes"):
            guifan.Registry.open(tmp_path / "r", create=create)
    assert store.stat().st_size == 0


def test_backup_and_check_against_its_head(reg: guifan.Registry, tmp_path: Path):
    report = reg.backup(tmp_path / "copy")
    assert report["problems"] == []
    with guifan.Registry.open(tmp_path / "copy") as copy:
        assert copy.check(expect_head=report["head_hash"])["ok"]
        assert not copy.check(expect_head="0" * 64)["ok"]
