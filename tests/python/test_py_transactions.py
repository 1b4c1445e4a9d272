"""Transactions: commit on a clean exit, roll back on an exception, one at a time."""

from __future__ import annotations

import gc
from pathlib import Path

import guifan
import pytest

from .data import document, write_jsonl


def decisions(reg: guifan.Registry) -> int:
    return sum(reg.clearance_report(c.key)["total"] for c in reg.campaigns())


def test_commit_on_a_clean_exit(reg: guifan.Registry):
    reg.open_campaign("qj-2025", "2025年清理")
    with reg.transaction() as tx:
        assert tx.active and reg.in_transaction
        tx.decide("qj-2025", "潜政规〔2024〕3号", "待修订", reason="上位法修改")
        tx.record_filing("潜政规〔2024〕3号", "潜江市人民代表大会常务委员会", submitted="2024-06-20")
        tx.record_review("潜政规〔2024〕3号", "备案审查", reviewer="潜江市司法局", date="2024-06-25",
                         conclusion="同意备案")
        # the transaction sees its own writes
        assert len(tx.get("潜政规〔2024〕3号").filings) == 2
        assert tx.status_of(1, as_of="2024-12-31") is guifan.Status.VALID
    assert not tx.active and not reg.in_transaction
    doc = reg.get("潜政规〔2024〕3号")
    assert len(doc.filings) == 2 and len(doc.reviews) == 2
    assert reg.clearance_report("qj-2025")["outcomes"]["pending_revision"] == 1


def test_roll_back_on_an_exception_which_propagates(reg: guifan.Registry):
    before = (decisions(reg), len(reg.get(1).filings), reg.export_jsonl())
    with pytest.raises(KeyError, match="boom"), reg.transaction() as tx:
        tx.open_campaign("qj-2025", "2025年清理")
        tx.decide("qj-2025", 1, "废止")
        tx.record_filing(1, "湖北省人民政府", submitted="2024-06-01")
        tx.change_status(7, "废止", "2024-09-01")
        raise KeyError("boom")
    assert not tx.active
    assert (decisions(reg), len(reg.get(1).filings), reg.export_jsonl()) == before
    assert [c.key for c in reg.campaigns()] == ["qj-2024"]


def test_a_failed_call_inside_leaves_the_transaction_as_it_was(reg: guifan.Registry):
    reg.open_campaign("qj-2025", "2025年清理")
    with reg.transaction() as tx:
        tx.decide("qj-2025", 1, "废止")
        with pytest.raises(guifan.ConflictError):
            tx.decide("qj-2025", 1, "继续有效")
        tx.decide("qj-2025", 2, "继续有效")
    assert reg.clearance_report("qj-2025")["total"] == 2


def test_import_inside_a_transaction_rolls_back_with_it(reg: guifan.Registry, tmp_path: Path):
    path = write_jsonl(tmp_path / "more.jsonl", [document("more-1", "新增文件")])
    n = len(reg)
    with pytest.raises(RuntimeError), reg.transaction() as tx:
        assert tx.import_jsonl(path).documents == 1
        assert tx.get("more-1").title == "新增文件"
        raise RuntimeError("undo")
    assert len(reg) == n
    with reg.transaction() as tx:
        tx.import_jsonl(path)
    assert len(reg) == n + 1


def test_registry_calls_from_the_same_thread_join_the_transaction(reg: guifan.Registry):
    with pytest.raises(ZeroDivisionError), reg.transaction():
        reg.record_review(1, "评估", reviewer="潜江市司法局", date="2024-12-01", conclusion="继续实施")
        assert len(reg.get(1).reviews) == 2
        raise ZeroDivisionError
    assert len(reg.get(1).reviews) == 1


def test_commit_and_rollback_by_hand(reg: guifan.Registry):
    tx = reg.transaction()
    tx.relate(1, "引用", 3)
    tx.rollback()
    assert not tx.active
    assert all(r.other != 3 for r in reg.get(1).relations)
    with pytest.raises(guifan.ConflictError, match="ended"):
        tx.relate(1, "引用", 3)
    with pytest.raises(guifan.ConflictError, match="ended"):
        tx.commit()
    with reg.transaction() as tx2:
        tx2.relate(1, "引用", 3)
        tx2.commit()  # ended inside the block: the exit does nothing more
    assert any(r.other == 3 for r in reg.get(1).relations)


def test_announce_in_a_transaction(reg: guifan.Registry):
    with reg.transaction() as tx:
        tx.open_campaign("qj-2025", "2025年清理", scope="市政府", opened="2025-01-01")
        tx.decide("qj-2025", "qj-ht-2024-01", "宣布失效")
        assert tx.announce("qj-2025", "2025-02-01") == {"status_changes": 1, "unchanged": []}
    assert reg.status_of("qj-ht-2024-01", as_of="2025-02-01") is guifan.Status.INVALIDATED


def test_one_transaction_per_thread(reg: guifan.Registry):
    with reg.transaction(), pytest.raises(guifan.ConflictError, match="already open"):
        reg.transaction()
    with reg.transaction():
        pass


def test_a_dropped_transaction_rolls_back(reg: guifan.Registry):
    tx = reg.transaction()
    tx.change_status(7, "废止", "2024-09-01")
    del tx
    gc.collect()
    assert not reg.in_transaction
    assert reg.status_of(7, as_of="2024-12-31") is guifan.Status.VALID


def test_closing_rolls_back_an_open_transaction(tmp_path: Path, records_file: Path):
    reg = guifan.Registry.open(tmp_path / "r")
    reg.import_jsonl(records_file)
    tx = reg.transaction()
    tx.change_status(7, "废止", "2024-09-01")
    reg.close()
    with guifan.Registry.open_existing(tmp_path / "r") as again:
        assert again.status_of(7, as_of="2024-12-31") is guifan.Status.VALID
