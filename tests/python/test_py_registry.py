"""Every method of `guifan.Registry` on a small registry, and the objects it returns."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import guifan
import pytest

from .data import CITY, DOCUMENTS, RECORDS, document, write_jsonl

D = datetime.date


def test_open_creates_the_folder_and_the_context_manager_closes(tmp_path: Path):
    path = tmp_path / "a" / "b"
    with guifan.Registry.open(path) as reg:
        assert path.is_dir() and (path / "registry.sqlite").is_file()
        assert reg.path == path
        assert not reg.closed
        assert len(reg) == 0
    assert reg.closed
    reg.close()  # closing twice is harmless
    assert guifan.Registry(path).path == path
    assert len(guifan.Registry.open_existing(path)) == 0


def test_import_reports_what_it_did(tmp_path: Path, records_file: Path):
    with guifan.Registry.open(tmp_path / "r") as reg:
        report = reg.import_jsonl(records_file)
        assert isinstance(report, guifan.ImportReport)
        assert report.records == len(DOCUMENTS) + len(RECORDS)
        assert report.documents == len(DOCUMENTS)
        assert report.works_created == len(DOCUMENTS) - 1
        assert (report.campaigns, report.decisions, report.announced) == (1, 4, 4)
        assert (report.filings, report.reviews, report.relations, report.status_changes) == (2, 2, 2, 0)
        assert report.to_dict()["documents"] == len(DOCUMENTS)
        assert report == report and report != 1
        assert repr(report) == (
            "ImportReport(records=19, documents=8, works_created=7, campaigns=1, decisions=4, "
            "announced=4, filings=2, reviews=2, relations=2)"
        )
        # str paths work as well as Path objects
        again = reg.import_jsonl(str(write_jsonl(tmp_path / "one.jsonl", [document("k-1", "另一份文件")])))
        assert again.documents == 1
        assert len(reg) == len(DOCUMENTS)


@pytest.mark.parametrize(
    "reference",
    ["潜政规[2024]3号", "潜政规（2024）3号", "潜政规〔2024〕3号", "潜政规［２０２４］３号", "qj-szg-2024-03",
     "潜江市提升行政执法质量实施方案"],
)
def test_get_by_every_kind_of_reference(reg: guifan.Registry, reference: str):
    doc = reg.get(reference, as_of="2024-12-31")
    assert doc.key == "qj-szg-2024-03"
    assert reg.get(doc.id).id == doc.id
    assert reg.resolve(reference) == doc.id
    assert reg.resolve(doc.id) == doc.id


def test_document_fields(reg: guifan.Registry):
    doc = reg.get("潜政规[2024]3号", as_of=D(2024, 12, 31))
    assert doc.work == "qj-szg-2024-03"
    assert doc.title == "潜江市提升行政执法质量实施方案"
    assert doc.kind == "行政规范性文件"
    assert doc.issuer == CITY
    assert doc.doc_number == "潜政规〔2024〕3号"
    assert (doc.signed, doc.issued, doc.effective, doc.expires) == (
        D(2024, 5, 20), D(2024, 5, 29), D(2024, 7, 1), D(2029, 6, 30))
    assert doc.status is guifan.Status.VALID
    assert doc.status == "valid" and doc.status.label == "有效"
    assert doc.as_of == D(2024, 12, 31)
    assert doc.version_in_force == 1
    (v,) = doc.versions
    assert (v.seq, v.key, v.label, v.title, v.doc_number) == (1, "qj-szg-2024-03", "原文", doc.title, doc.doc_number)
    assert v.chars == len(DOCUMENTS[0]["body"]) and len(v.content_hash) == 64
    assert not v.superseded and v.amended_by is None and v.note is None
    assert v.registration_no is None and v.index_no is None
    assert (v.kind, v.issuer, v.signed, v.issued, v.effective, v.expires) == (
        doc.kind, doc.issuer, doc.signed, doc.issued, doc.effective, doc.expires)

    (filing,) = doc.filings
    assert filing.document == doc.id and filing.filed_with == "湖北省人民政府"
    assert filing.submitted == D(2024, 6, 10) and filing.deadline == D(2024, 6, 28)
    assert filing.issued == D(2024, 5, 29) and filing.deadline_days == 30
    assert filing.outcome is guifan.FilingOutcome.REGISTERED and filing.outcome.label == "备案登记"
    assert filing.timeliness is guifan.Timeliness.ON_TIME and filing.timeliness.label == "按时报备"
    assert filing.number == "鄂府规备〔2024〕57号" and filing.note is None and filing.id > 0

    (review,) = doc.reviews
    assert review.kind is guifan.ReviewKind.LEGALITY
    assert (review.reviewer, review.date, review.conclusion, review.opinion) == ("潜江市司法局", D(2024, 5, 10), "合法", None)
    assert review.document == doc.id and review.id > 0

    kinds = {(r.kind, r.direction) for r in doc.relations}
    assert kinds == {(guifan.RelationKind.BASIS, "outgoing"), (guifan.RelationKind.CITES, "outgoing")}
    cited = next(r for r in doc.relations if r.kind is guifan.RelationKind.BASIS)
    assert cited.other is None and cited.cited_as == "《中华人民共和国行政处罚法》"
    assert cited.source is guifan.RelationSource.MANUAL and cited.id > 0
    other = next(r for r in doc.relations if r.kind is guifan.RelationKind.CITES)
    assert other.other == reg.resolve("qj-szg-2019-02") and other.other_title == "潜江市行政执法投诉举报办法"

    assert {h.kind for h in doc.history} == {"review", "source", "version", "status", "filing"}
    assert all(isinstance(h.event, str) for h in doc.history)
    dated = [h.date for h in doc.history if h.date is not None]
    assert dated == sorted(dated)
    (change,) = doc.status_changes
    assert change.status is guifan.Status.VALID and change.source == "record:v1" and change.actor == "tester"
    assert change.date == D(2024, 7, 1) and change.reason is None
    assert doc.decisions == ()


def test_versions_history_and_decisions_of_an_amended_document(reg: guifan.Registry):
    doc = reg.get("qj-szg-2019-02", as_of="2024-12-31")
    assert [v.seq for v in doc.versions] == [1, 2]
    assert doc.versions[0].superseded and not doc.versions[1].superseded
    assert doc.versions[1].label == "修正"
    assert doc.version_in_force == 2
    assert doc.doc_number == "潜政规〔2023〕1号"
    assert reg.get("潜政规〔2019〕2号").id == doc.id
    (decision,) = doc.decisions
    assert decision.campaign == "qj-2024" and decision.outcome is guifan.Outcome.VALID
    assert decision.outcome.label == "继续有效" and decision.document == doc.id and decision.reason is None
    assert reg.get(doc.id, as_of="2020-01-01").version_in_force == 1
    assert [h.event for h in reg.history(doc.id)] == [h.event for h in doc.history]


def test_status_of_on_dates(reg: guifan.Registry):
    doc = reg.get("潜政规〔2024〕3号")
    assert reg.status_of(doc.id, as_of="2023-01-01") is guifan.Status.NOT_YET_EFFECTIVE
    assert reg.status_of(doc.id, as_of="2024年7月18日") is guifan.Status.VALID
    assert reg.status_of(doc.id, as_of=D(2030, 1, 1)) is guifan.Status.EXPIRED
    assert reg.status_of("潜政办发〔2015〕18号", as_of="2024-07-09") is guifan.Status.VALID
    assert reg.status_of("潜政办发〔2015〕18号", as_of="2024-07-10") is guifan.Status.REPEALED
    assert reg.status_of("qj-szf-2016-09", as_of="2024-12-31") is guifan.Status.INVALIDATED
    assert reg.status_of("潜政办发〔2018〕5号", as_of="2024-12-31") is guifan.Status.PENDING_REVISION
    # datetime.datetime is a date too
    assert reg.status_of(doc.id, as_of=datetime.datetime(2024, 8, 1, 12, 0)) is guifan.Status.VALID
    # today by default: the document is in force now or has expired since
    assert reg.status_of(doc.id) in {guifan.Status.VALID, guifan.Status.EXPIRED}


def test_text_of_versions(reg: guifan.Registry):
    assert reg.text("潜政规〔2024〕3号") == DOCUMENTS[0]["body"]
    assert reg.text("qj-szg-2019-02", version=1) == "第一条　原文。"
    assert reg.text("qj-szg-2019-02", as_of="2020-01-01") == "第一条　原文。"
    assert reg.text("qj-szg-2019-02", as_of="2024-01-01") == "第一条　修正后的文本。"


def test_documents_iterates_summaries(reg: guifan.Registry):
    it = reg.documents(as_of="2024-12-31")
    assert len(it) == 7
    assert repr(it) == "DocumentIterator(documents=7, remaining=7)"
    assert iter(it) is it
    first = next(it)
    assert isinstance(first, guifan.DocumentSummary)
    assert repr(it) == "DocumentIterator(documents=7, remaining=6)"
    rest = list(it)
    assert len(rest) == 6
    with pytest.raises(StopIteration):
        next(it)
    s = next(x for x in reg.documents(as_of="2024-12-31") if x.key == "qj-szg-2019-02-v2")
    assert (s.work, s.title, s.kind, s.issuer, s.doc_number, s.versions) == (
        "qj-szg-2019-02", "潜江市行政执法投诉举报办法", "行政规范性文件", CITY, "潜政规〔2023〕1号", 2)
    assert (s.issued, s.effective, s.expires) == (D(2023, 6, 15), None, D(2028, 6, 14))
    assert s.status is guifan.Status.VALID and s.id == reg.resolve("qj-szg-2019-02")


def test_documents_filters(reg: guifan.Registry):
    day = "2024-12-31"
    valid = {d.key for d in reg.documents(status="valid", as_of=day)}
    assert valid == {"qj-szg-2024-03", "qj-szg-2019-02-v2", "qj-gaj-2020-01", "qj-ht-2024-01"}
    assert {d.key for d in reg.documents(status=["有效", "待修订"], as_of=day)} == valid | {"qj-szbf-2018-05"}
    assert {d.key for d in reg.documents(status=guifan.Status.REPEALED, as_of=day)} == {"qj-szbf-2015-18"}
    assert {d.key for d in reg.documents(kind="合同", as_of=day)} == {"qj-ht-2024-01"}
    assert {d.key for d in reg.documents(issuer="公安", as_of=day)} == {"qj-gaj-2020-01"}
    assert {d.key for d in reg.documents(year=2024, as_of=day)} == {"qj-szg-2024-03", "qj-ht-2024-01"}
    assert len(reg.documents(status="valid", kind="合同", year=2023, as_of=day)) == 0


def test_documents_as_arrow(reg: guifan.Registry):
    table = reg.documents(as_of="2024-12-31").to_arrow()
    same = reg.documents_table(as_of="2024-12-31")
    assert isinstance(table, guifan.Table) and not isinstance(table, guifan.StatsTable)
    assert table.column_names == ["id", "work", "key", "title", "kind", "issuer", "doc_number", "issued",
                                  "effective", "expires", "status", "versions"]
    assert len(table) == table.num_rows == 7 == len(same)
    rows = table.to_pylist()
    assert rows == same.to_pylist()
    row = next(r for r in rows if r["key"] == "qj-szg-2024-03")
    assert row["issued"] == D(2024, 5, 29) and row["status"] == "valid" and row["versions"] == 1
    assert next(r for r in rows if r["key"] == "qj-ht-2024-01")["doc_number"] is None
    assert repr(table) == ("Table(rows=7, columns=['id', 'work', 'key', 'title', 'kind', 'issuer', 'doc_number', "
                           "'issued', 'effective', 'expires', 'status', 'versions'])")
    assert len(reg.documents_table(status="repealed", as_of="2024-12-31")) == 1


def test_stats_counts_by_fields(reg: guifan.Registry):
    table = reg.stats(by=["kind", "status"], as_of="2024-12-31")
    assert isinstance(table, guifan.StatsTable) and isinstance(table, guifan.Table)
    assert table.by == ["kind", "status"] and table.as_of == D(2024, 12, 31) and table.total == 7
    assert table.column_names == ["kind", "status", "count"]
    rows = table.to_pylist()
    assert rows[0] == {"kind": "行政规范性文件", "status": "valid", "count": 3}
    assert sum(r["count"] for r in rows) == 7
    assert {(r["kind"], r["status"]) for r in rows} == {
        ("行政规范性文件", "valid"), ("合同", "valid"), ("行政规范性文件", "pending_revision"),
        ("行政规范性文件", "repealed"), ("行政规范性文件", "invalidated")}
    assert repr(table) == "StatsTable(by=['kind', 'status'], as_of=datetime.date(2024, 12, 31), total=7, rows=5)"
    # by status alone by default; a comma-separated string works too; filters apply
    assert reg.stats(as_of="2024-12-31").column_names == ["status", "count"]
    assert reg.stats("issuer,year", as_of="2024-12-31").column_names == ["issuer", "year", "count"]
    years = reg.stats(by=["year"], as_of="2024-12-31", kind="合同").to_pylist()
    assert years == [{"year": 2024, "count": 1}]
    assert reg.stats(by=["status"], as_of="2024-12-31", status=["valid"]).total == 4
    assert reg.stats(by=["status"], as_of="2024-12-31", issuer="公安", year=2020).total == 1
    assert reg.stats(by=["status"], as_of="2010-01-01").to_pylist() == [{"status": "not_yet_effective", "count": 7}]


def test_clearance_report_is_shaped_like_the_cli_json(reg: guifan.Registry):
    report = reg.clearance_report("qj-2024")
    assert report == {
        "campaign": "qj-2024",
        "name": "2024年市政府行政规范性文件清理",
        "scope": "市政府",
        "announced": D(2024, 7, 10),
        "total": 4,
        "outcomes": {"valid": 1, "pending_revision": 1, "repealed": 1, "invalidated": 1},
        "repealed_or_invalidated": 2,
        "sentence": "共清理出4件市政府行政规范性文件，其中继续有效1件，待修订1件，废止和宣布失效2件",
    }


def test_filing_timeliness(reg: guifan.Registry):
    t = reg.filing_timeliness(as_of="2024-12-31")
    assert {k: t[k] for k in ("total", "on_time", "late", "pending", "overdue", "undetermined", "documents")} == {
        "total": 2, "on_time": 1, "late": 1, "pending": 0, "overdue": 0, "undetermined": 0, "documents": 2}
    assert t["as_of"] == D(2024, 12, 31)
    assert t["by_body"] == {"湖北省人民政府": 1, CITY: 1}
    (late,) = t["late_filings"]
    assert late == {"document": reg.resolve("qj-gaj-2020-01"), "title": "潜江市公安局行政执法公示办法",
                    "filed_with": CITY, "deadline": D(2020, 5, 31), "submitted": D(2020, 6, 15), "days_late": 15}
    assert reg.filing_timeliness(as_of="2024-12-31", year=2024)["total"] == 1


def test_expiring(reg: guifan.Registry):
    soon = reg.expiring(within_days=180, as_of="2024-12-31")
    assert [e["key"] for e in soon] == ["qj-szbf-2018-05"]
    (e,) = soon
    assert e["expires"] == D(2025, 2, 28) and e["days_left"] == 59 and e["evaluation_due"] == D(2024, 8, 28)
    assert e["status"] is guifan.Status.PENDING_REVISION
    assert e["title"] == "潜江市城区停车场管理办法" and e["doc_number"] == "潜政办发〔2018〕5号"
    assert e["issuer"] == "潜江市人民政府办公室" and e["id"] == reg.resolve("qj-szbf-2018-05")
    assert len(reg.expiring(3650, as_of="2024-12-31")) == 3
    assert isinstance(reg.expiring(), list)


def test_review_counts_campaigns_and_decisions(reg: guifan.Registry):
    rows = reg.review_counts(year=2024)
    assert {(r["kind"], r["document_kind"], r["reviews"], r["documents"]) for r in rows} == {
        (guifan.ReviewKind.LEGALITY, "合同", 1, 1), (guifan.ReviewKind.LEGALITY, "行政规范性文件", 1, 1)}
    assert reg.review_counts(year=2023) == []
    (campaign,) = reg.campaigns()
    assert (campaign.key, campaign.name, campaign.scope, campaign.opened, campaign.announced) == (
        "qj-2024", "2024年市政府行政规范性文件清理", "市政府", D(2024, 5, 29), D(2024, 7, 10))
    decisions = reg.decisions("qj-2024")
    assert [d.outcome for d in decisions] == list(guifan.Outcome)
    assert decisions[1].reason == "上位法已修改"


def test_campaign_workflow_filings_reviews_relations(reg: guifan.Registry):
    reg.open_campaign("qj-2025", "2025年清理", scope="市政府", opened="2025-03-01")
    reg.decide("qj-2025", "潜政规〔2024〕3号", "待修订", reason="上位法修改")
    reg.decide("qj-2025", "qj-ht-2024-01", guifan.Outcome.VALID)
    assert reg.announce("qj-2025", "2025-04-01") == {"status_changes": 2, "unchanged": []}
    assert reg.status_of("潜政规〔2024〕3号", as_of="2025-04-01") is guifan.Status.PENDING_REVISION
    assert reg.clearance_report("qj-2025")["outcomes"]["pending_revision"] == 1

    filing = reg.record_filing("潜政规〔2024〕3号", "潜江市人民代表大会常务委员会", submitted="2024-07-20",
                               outcome="限期补正", deadline_days=15, number="潜人常备〔2024〕9号", note="补正后登记")
    assert isinstance(filing, int)
    f = reg.get("潜政规〔2024〕3号", as_of="2024-12-31").filings[-1]
    assert f.id == filing and f.outcome is guifan.FilingOutcome.CORRECTION_REQUIRED
    assert f.timeliness is guifan.Timeliness.LATE and f.note == "补正后登记"
    pending = reg.record_filing("qj-ht-2024-01", "湖北省人民政府")
    p = next(x for x in reg.get("qj-ht-2024-01", as_of="2024-12-31").filings if x.id == pending)
    assert p.submitted is None and p.outcome is None and p.timeliness is guifan.Timeliness.OVERDUE

    review = reg.record_review("潜政规〔2024〕3号", "公平竞争审查", reviewer="潜江市市场监督管理局",
                               date=D(2024, 5, 15), conclusion="未排除限制竞争", opinion="删除第五条")
    r = reg.get("潜政规〔2024〕3号").reviews[-1]
    assert r.id == review and r.kind is guifan.ReviewKind.FAIR_COMPETITION and r.opinion == "删除第五条"

    rel = reg.relate("qj-gaj-2020-01", "依据", "潜政规〔2024〕3号", note="执法质量")
    assert reg.relate("qj-gaj-2020-01", guifan.RelationKind.BASIS, "潜政规〔2024〕3号") == rel  # no-op
    incoming = [x for x in reg.get("潜政规〔2024〕3号").relations if x.direction == "incoming"]
    assert [(x.kind, x.other) for x in incoming] == [(guifan.RelationKind.BASIS, reg.resolve("qj-gaj-2020-01"))]
    cited = reg.relate("qj-gaj-2020-01", "依据", "《中华人民共和国行政处罚法》")
    assert next(x for x in reg.get("qj-gaj-2020-01").relations if x.id == cited).cited_as == "《中华人民共和国行政处罚法》"

    reg.change_status("qj-gaj-2020-01", "废止", "2024-09-01", reason="被新办法替代")
    assert reg.status_of("qj-gaj-2020-01", as_of="2024-09-01") is guifan.Status.REPEALED
    change = reg.get("qj-gaj-2020-01").status_changes[-1]
    assert (change.source, change.reason, change.date) == ("manual", "被新办法替代", D(2024, 9, 1))


def test_actor_is_recorded(reg: guifan.Registry):
    assert reg.actor == "tester"
    reg.actor = "法制科"
    assert reg.actor == "法制科"
    reg.change_status("qj-gaj-2020-01", "invalidated", "2024-09-01")
    assert reg.get("qj-gaj-2020-01").status_changes[-1].actor == "法制科"
    reg.actor = "  "
    assert reg.actor == "guifan"


def test_export_round_trips(reg: guifan.Registry, tmp_path: Path):
    text = reg.export_jsonl()
    assert isinstance(text, str) and len(text.splitlines()) == len(DOCUMENTS) + len(RECORDS)
    one = reg.export_jsonl(document="潜政规〔2024〕3号")
    assert one and all(json.loads(line) for line in one.splitlines())
    out = tmp_path / "export.jsonl"
    assert reg.export_jsonl(out) is None
    assert out.read_text(encoding="utf-8") == text
    with guifan.Registry.open(tmp_path / "copy") as copy:
        copy.import_jsonl(out)
        assert copy.export_jsonl() == text
        assert copy.stats(by=["kind", "status"], as_of="2024-12-31").to_pylist() == reg.stats(
            by=["kind", "status"], as_of="2024-12-31").to_pylist()


def test_check(reg: guifan.Registry):
    report = reg.check()
    assert report["ok"] is True and report["problems"] == []
    assert report["works"] == 7 and report["versions"] == 8 and report["audit_entries"] > 0
    assert len(report["head_hash"]) == 64 and report["schema_version"] >= 1


def test_repr_of_every_class(reg: guifan.Registry, tmp_path: Path):
    doc = reg.get("qj-szg-2019-02", as_of="2024-12-31")
    assert repr(doc) == "Document(id=2, key='qj-szg-2019-02-v2', title='潜江市行政执法投诉举报办法', status='valid', versions=2)"
    assert repr(doc.versions[1]) == "Version(seq=2, key='qj-szg-2019-02-v2', label='修正', effective=None)"
    assert repr(doc.decisions[0]) == "Decision(campaign='qj-2024', document=2, outcome='valid')"
    assert repr(doc.status_changes[0]).startswith("StatusChange(date=datetime.date(2019, 4, 12), status='valid', source='record:v")
    assert repr(doc.history[0]).startswith("HistoryItem(date=datetime.date(")
    d3 = reg.get("潜政规〔2024〕3号", as_of="2024-12-31")
    assert repr(d3.filings[0]) == ("Filing(document=1, filed_with='湖北省人民政府', submitted=datetime.date(2024, 6, 10), "
                                   "timeliness='on_time')")
    assert repr(d3.reviews[0]) == ("Review(document=1, kind='legality', reviewer='潜江市司法局', "
                                   "date=datetime.date(2024, 5, 10), conclusion='合法')")
    assert repr(d3.relations[0]) == "Relation(kind='basis', direction='outgoing', other=None, other_title='《中华人民共和国行政处罚法》')"
    assert repr(reg.campaigns()[0]) == ("Campaign(key='qj-2024', name='2024年市政府行政规范性文件清理', scope='市政府', "
                                        "announced=datetime.date(2024, 7, 10))")
    assert repr(next(reg.documents(as_of="2024-12-31"))) == (
        "DocumentSummary(id=1, key='qj-szg-2024-03', title='潜江市提升行政执法质量实施方案', status='valid', versions=1)")
    assert repr(reg) == f"Registry(path={str(reg.path)!r})"
    with reg.transaction() as tx:
        assert repr(tx) == f"Transaction(path={str(reg.path)!r}, active=True)"
    assert repr(tx) == f"Transaction(path={str(reg.path)!r}, active=False)"
    closed = guifan.Registry.open(tmp_path / "c")
    closed.close()
    assert repr(closed) == f"Registry(path={str(tmp_path / 'c')!r}, closed=True)"
    assert repr(guifan.Status.VALID) == "<Status.VALID: 'valid'>"


def test_objects_are_read_only(reg: guifan.Registry):
    doc = reg.get("潜政规〔2024〕3号")
    with pytest.raises(AttributeError):
        doc.title = "改"  # type: ignore[misc]
    assert isinstance(doc.versions, tuple)


def test_wrong_argument_types_raise_type_error(reg: guifan.Registry):
    with pytest.raises(TypeError, match="as_of"):
        reg.status_of(1, as_of=20240101)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="document"):
        reg.get(1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="outcome"):
        reg.decide("qj-2024", 1, 3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="status"):
        reg.documents(status=[1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        reg.get("x", "2024-01-01")  # type: ignore[misc]  # as_of is keyword-only
