"""Repeated filings and reviews, and corrections, from Python: the same answers as the command
line gives (`guifan file`, `withdraw`, `amend`)."""

from __future__ import annotations

import datetime

import guifan
import pytest


def late_filings(reg: guifan.Registry) -> int:
    return reg.filing_timeliness()["late"]


def test_the_same_filing_twice_returns_the_recorded_id_and_counts_once(reg: guifan.Registry):
    before = reg.filing_timeliness()["total"]
    first = reg.record_filing("潜政规〔2024〕3号", "湖北省人民政府", submitted="2024-08-30")
    again = reg.record_filing("潜政规〔2024〕3号", "湖北省人民政府", submitted=datetime.date(2024, 8, 30))
    assert first == again
    assert reg.filing_timeliness()["total"] == before + 1


def test_the_same_review_with_another_conclusion_is_a_conflict(reg: guifan.Registry):
    with pytest.raises(guifan.ConflictError, match="amend review"):
        reg.record_review("潜政规〔2024〕3号", "合法性审核", reviewer="潜江市司法局", date="2024-05-10",
                          conclusion="不合法")


def test_withdraw_and_amend_keep_history_and_change_the_answers(reg: guifan.Registry):
    filing = reg.record_filing("潜政规〔2024〕3号", "湖北省人民政府", submitted="2024-09-30")
    late = late_filings(reg)
    correction = reg.amend("备案", filing, reason="报送日期录错", submitted="2024-06-20")
    assert correction["record"] == "filing"
    assert correction["record_id"] == filing
    assert late_filings(reg) == late - 1
    new_id = correction["replaced_by"]
    withdrawn = reg.withdraw("filing", new_id, reason="重复登记")
    assert withdrawn["replaced_by"] is None
    assert [c["record_id"] for c in reg.corrections("潜政规〔2024〕3号")] == [filing, new_id]
    assert [c["record_id"] for c in reg.get("潜政规〔2024〕3号").corrections] == [filing, new_id]
    with pytest.raises(guifan.ConflictError, match=f"#{new_id}"):
        reg.withdraw("filing", filing, reason="再撤回")
    events = [h.event for h in reg.history("潜政规〔2024〕3号")]
    assert any("撤回备案" in e for e in events), events


def test_amend_refuses_a_field_the_record_does_not_have(reg: guifan.Registry):
    review = reg.get("潜政规〔2024〕3号").reviews[0]
    with pytest.raises(guifan.InvalidInputError, match="conclusion"):
        reg.amend("审核", review.id, reason="x", submitted="2024-01-01")


def test_a_decision_amended_after_the_announcement_changes_the_status_from_its_date(reg: guifan.Registry):
    decision = reg.get("潜政办发〔2015〕18号").decisions[0]
    reg.amend("决定", decision.id, reason="清理结论更正", on="2024-09-01", outcome="待修订", reason_text="需修改")
    assert reg.status_of("潜政办发〔2015〕18号", as_of="2024-08-01") == guifan.Status.REPEALED
    assert reg.status_of("潜政办发〔2015〕18号", as_of="2024-09-01") == guifan.Status.PENDING_REVISION
