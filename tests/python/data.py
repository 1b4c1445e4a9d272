"""The small data set and the helpers the Python module's tests share."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures" / "qianjiang-2024"

CITY = "潜江市人民政府"

DOCUMENTS = [
    {
        "key": "qj-szg-2024-03",
        "title": "潜江市提升行政执法质量实施方案",
        "kind": "行政规范性文件",
        "issuer": CITY,
        "doc_number": "潜政规〔2024〕3号",
        "signed": "2024-05-20",
        "issued": "2024-05-29",
        "effective": "2024-07-01",
        "expires": "2029-06-30",
        "status": "有效",
        "history": [{"date": "2024-05-29", "event": "印发"}],
        "body": "第一条　为了提升行政执法质量，制定本方案。\n第二条　本方案自2024年7月1日起施行。",
    },
    {
        "key": "qj-szg-2019-02-v1",
        "work": "qj-szg-2019-02",
        "version": 1,
        "title": "潜江市行政执法投诉举报办法",
        "kind": "行政规范性文件",
        "issuer": CITY,
        "doc_number": "潜政规〔2019〕2号",
        "issued": "2019-04-12",
        "expires": "2024-04-11",
        "status": "已修改",
        "body": "第一条　原文。",
    },
    {
        "key": "qj-szg-2019-02-v2",
        "work": "qj-szg-2019-02",
        "version": 2,
        "title": "潜江市行政执法投诉举报办法",
        "kind": "行政规范性文件",
        "issuer": CITY,
        "doc_number": "潜政规〔2023〕1号",
        "issued": "2023-06-15",
        "expires": "2028-06-14",
        "status": "有效",
        "history": [{"date": "2023-06-15", "event": "修正"}],
        "body": "第一条　修正后的文本。",
    },
    {
        "key": "qj-szbf-2018-05",
        "title": "潜江市城区停车场管理办法",
        "kind": "行政规范性文件",
        "issuer": "潜江市人民政府办公室",
        "doc_number": "潜政办发〔2018〕5号",
        "issued": "2018-03-01",
        "expires": "2025-02-28",
        "status": "有效",
    },
    {
        "key": "qj-szbf-2015-18",
        "title": "潜江市农村集体资产管理暂行办法",
        "kind": "行政规范性文件",
        "issuer": "潜江市人民政府办公室",
        "doc_number": "潜政办发〔2015〕18号",
        "issued": "2015-09-01",
        "status": "有效",
    },
    {
        "key": "qj-szf-2016-09",
        "title": "潜江市城市供水管理办法",
        "kind": "行政规范性文件",
        "issuer": CITY,
        "doc_number": "潜政发〔2016〕9号",
        "issued": "2016-08-20",
        "status": "有效",
    },
    {
        "key": "qj-gaj-2020-01",
        "title": "潜江市公安局行政执法公示办法",
        "kind": "行政规范性文件",
        "issuer": "潜江市公安局",
        "doc_number": "潜公规〔2020〕1号",
        "issued": "2020-05-01",
        "status": "有效",
    },
    {
        "key": "qj-ht-2024-01",
        "title": "潜江市城区道路保洁服务合同",
        "kind": "合同",
        "issuer": CITY,
        "issued": "2024-03-01",
        "status": "有效",
    },
]

RECORDS = [
    {"type": "campaign", "key": "qj-2024", "name": "2024年市政府行政规范性文件清理", "scope": "市政府",
     "opened": "2024-05-29", "announced": "2024-07-10"},
    {"type": "decision", "campaign": "qj-2024", "document": "qj-szg-2019-02-v2", "outcome": "继续有效"},
    {"type": "decision", "campaign": "qj-2024", "document": "潜政办发[2018]5号", "outcome": "待修订",
     "reason": "上位法已修改"},
    {"type": "decision", "campaign": "qj-2024", "document": "潜政办发〔2015〕18号", "outcome": "废止"},
    {"type": "decision", "campaign": "qj-2024", "document": "qj-szf-2016-09", "outcome": "宣布失效"},
    {"type": "filing", "document": "潜政规〔2024〕3号", "filed_with": "湖北省人民政府", "submitted": "2024-06-10",
     "deadline_days": 30, "outcome": "备案登记", "number": "鄂府规备〔2024〕57号"},
    {"type": "filing", "document": "qj-gaj-2020-01", "filed_with": CITY, "submitted": "2020-06-15",
     "deadline_days": 30, "outcome": "备案登记"},
    {"type": "review", "document": "潜政规〔2024〕3号", "kind": "合法性审核", "reviewer": "潜江市司法局",
     "date": "2024-05-10", "conclusion": "合法"},
    {"type": "review", "document": "qj-ht-2024-01", "kind": "合法性审核", "reviewer": "潜江市司法局",
     "date": "2024-02-20", "conclusion": "修改后合法"},
    {"type": "relation", "from": "潜政规〔2024〕3号", "kind": "依据", "cited_as": "《中华人民共和国行政处罚法》"},
    {"type": "relation", "from": "潜政规〔2024〕3号", "to": "qj-szg-2019-02", "kind": "引用"},
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def document(key: str, title: str, doc_number: str | None = None, **extra) -> dict:
    """A minimal document record."""
    record = {"key": key, "title": title, "kind": "行政规范性文件", "issuer": CITY,
              "issued": "2024-01-10", "status": "有效"}
    if doc_number:
        record["doc_number"] = doc_number
    record.update(extra)
    return record


def write_standin_fixtures(folder: Path) -> Path:
    """Writes records shaped like `fixtures/qianjiang-2024/` with the report's clearance counts
    (市政府 19 = 15 继续有效 + 1 待修订 + 2 废止 + 1 宣布失效; 各地各部门 59 = 20 + 27 废止 + 12 宣布失效),
    for running the example notebook while those fixtures are not in the checkout."""
    folder.mkdir(parents=True, exist_ok=True)
    depts = ["潜江市公安局", "潜江市教育局", "潜江市交通运输局", "潜江市农业农村局", "潜江市审计局"]
    docs, decisions = [], []
    city_outcomes = ["继续有效"] * 15 + ["待修订"] + ["废止"] * 2 + ["宣布失效"]
    dept_outcomes = ["继续有效"] * 20 + ["废止"] * 27 + ["宣布失效"] * 12
    for campaign, outcomes in (("qj-2024", city_outcomes), ("qj-2024-depts", dept_outcomes)):
        for i, outcome in enumerate(outcomes, start=1):
            year = 2015 + i % 9
            if campaign == "qj-2024":
                issuer, number = (CITY, f"潜政规〔{year}〕{i}号") if i % 3 else ("潜江市人民政府办公室", f"潜政办发〔{year}〕{i}号")
            else:
                issuer, number = depts[i % len(depts)], f"潜部规〔{year}〕{i}号"
            key = f"{campaign}-{i:02d}"
            docs.append(document(key, f"{issuer}关于第{i}项工作的规定", number, issuer=issuer,
                                 issued=f"{year}-03-{1 + i % 27:02d}"))
            decisions.append({"type": "decision", "campaign": campaign, "document": key, "outcome": outcome})
    docs.append(document("qj-ht-2024-01", "潜江市城区道路保洁服务合同", kind="合同", issued="2024-03-01"))
    docs.append(document("qj-szg-2024-01", "潜江市行政规范性文件管理办法", "潜政规〔2024〕1号", issued="2024-02-20"))
    write_jsonl(folder / "01-documents.jsonl", docs)
    write_jsonl(folder / "02-clearance.jsonl", [
        {"type": "campaign", "key": "qj-2024", "name": "2024年市政府行政规范性文件清理", "scope": "市政府",
         "opened": "2024-05-29", "announced": "2024-07-10"},
        {"type": "campaign", "key": "qj-2024-depts", "name": "2024年各地各部门行政规范性文件清理",
         "scope": "各地各部门", "opened": "2024-05-29", "announced": "2024-07-15"},
        *decisions,
    ])
    write_jsonl(folder / "03-reviews.jsonl", [
        {"type": "review", "document": "潜政规〔2024〕1号", "kind": "合法性审核", "reviewer": "潜江市司法局",
         "date": "2024-02-02", "conclusion": "合法"},
        {"type": "review", "document": "qj-ht-2024-01", "kind": "合法性审核", "reviewer": "潜江市司法局",
         "date": "2024-02-20", "conclusion": "修改后合法"},
    ])
    write_jsonl(folder / "04-filings.jsonl", [
        {"type": "filing", "document": "潜政规〔2024〕1号", "filed_with": "湖北省人民政府",
         "submitted": "2024-03-19", "deadline_days": 30, "outcome": "备案登记"},
    ])
    write_jsonl(folder / "05-relations.jsonl", [
        {"type": "relation", "from": "潜政规〔2024〕1号", "kind": "依据", "cited_as": "《湖北省行政规范性文件管理办法》"},
    ])
    return folder
