#!/usr/bin/env python3
"""Resource use on large inputs: time and peak memory of the command line, as a markdown table.

  python bench/limits.py [--bin target/release/guifan] [--label after] [--quick]
                         [--cases akn,jsonl,title,body,search,over] [--out FILE]

Generates the inputs (nothing is downloaded) in a temporary folder and runs each case in a
fresh registry, one process per step, measuring its wall time and peak resident memory
(`/usr/bin/time -f %M`, else `os.wait4`):

- akn N / jsonl N: one document of N articles imported as Akoma Ntoso and as JSON Lines
  (Akoma Ntoso was quadratic in N);
- title: a title at the limit (2,000 characters), of 5 million characters (a record of 14 MiB)
  and of 20 million (57 MiB, over the record's limit too): both refused now;
- body: a text at the limit (16 MiB, some 5.5 million characters in 16,000 articles) imported,
  then searched three ways (a phrase near its end, a phrase near its start, a question);
- over: a text of 64 MiB (refused now).

`--label` names the column of the binary measured (before, after); `bench/results/limits.md`
keeps both. The table goes to stdout, and to `--out` when given.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五, 12000 → 一万二千: as articles are numbered."""
    if n < 10:
        return DIGITS[n]
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = "" if low == 0 else ("零" if low < 1000 else "") + chinese_number(low)
        return chinese_number(high) + "万" + rest
    out = ""
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
                zero = False
            out += ("" if (d == 1 and unit == "十" and not out) else DIGITS[d]) + unit
        elif out:
            zero = True
    return out


def article_texts(n: int, filler: int = 0) -> list[tuple[str, str]]:
    """N articles: (number, text), the text about 30 characters plus `filler`."""
    pad = "依照本办法规定执行" * (filler // 9)
    return [
        (f"第{chinese_number(i)}条", f"为了规范第{i}项行政执法工作，{pad}制定本条规定。")
        for i in range(1, n + 1)
    ]


def akn_document(title: str, articles: list[tuple[str, str]]) -> str:
    work = "/akn/cn/act/normative-document/潜江市/2024-01-01/潜政规〔2024〕99号"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n',
        '<act name="行政规范性文件"><meta><identification source="#editor">\n',
        f'<FRBRWork><FRBRthis value="{work}/!main"/><FRBRuri value="{work}"/>',
        '<FRBRdate date="2024-01-01" name="issued"/><FRBRauthor href="#issuer"/>',
        '<FRBRcountry value="cn"/><FRBRsubtype value="行政规范性文件"/></FRBRWork>\n',
        f'<FRBRExpression><FRBRthis value="{work}/zho@2024-01-01/!main"/>',
        f'<FRBRuri value="{work}/zho@2024-01-01"/><FRBRdate date="2024-01-01" name="issued"/>',
        '<FRBRauthor href="#issuer"/><FRBRlanguage language="zho"/></FRBRExpression>\n',
        '</identification><references source="#editor">',
        '<TLCOrganization eId="issuer" href="/akn/ontology/organizations/cn/潜江市人民政府" '
        'showAs="潜江市人民政府"/></references></meta>\n',
        f"<preface><p><docTitle>{title}</docTitle></p></preface>\n<body>\n",
    ]
    for i, (num, text) in enumerate(articles, 1):
        parts.append(
            f'<article eId="art_{i}"><num>{num}</num><paragraph eId="art_{i}__para_1">'
            f"<content><p>{text}</p></content></paragraph></article>\n"
        )
    parts.append("</body></act></akomaNtoso>\n")
    return "".join(parts)


def jsonl_document(title: str, body: str, key: str = "big") -> str:
    record = {"key": key, "title": title, "kind": "行政规范性文件", "issuer": "潜江市人民政府",
              "issued": "2024-01-01", "status": "有效", "body": body}
    return json.dumps(record, ensure_ascii=False) + "\n"


def body_of(articles: list[tuple[str, str]]) -> str:
    return "\n".join(f"{num}　{text}" for num, text in articles)


TIME = Path("/usr/bin/time")


def run(binary: Path, registry: Path, *args: str) -> tuple[int, float, int, str]:
    """Runs one command: its exit status, seconds, peak RSS in KiB and the end of its stderr.

    The peak comes from `/usr/bin/time -f %M` when it is there: a child's own `ru_maxrss` on
    Linux starts from what its parent held when it forked (this script holds the large inputs),
    while `time` is a small process of its own. Without it, `os.wait4` gives an upper bound.
    """
    start = time.perf_counter()
    env = dict(os.environ, GUIFAN_TODAY="2025-01-01", NO_COLOR="1")
    command = [str(binary), "--registry", str(registry), *args]
    with tempfile.TemporaryDirectory() as tmp:
        measured = Path(tmp) / "time"
        if TIME.is_file():
            command = [str(TIME), "-f", "%M", "-o", str(measured), *command]
        with open(Path(tmp) / "err", "w+b") as err:
            p = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
            _, status, usage = os.wait4(p.pid, 0)
            seconds = time.perf_counter() - start
            err.seek(0)
            tail = err.read().decode("utf-8", "replace").strip().splitlines()
        code = os.waitstatus_to_exitcode(status)
        rss = usage.ru_maxrss
        if measured.is_file():
            lines = measured.read_text().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else rss
    message = tail[-1] if tail else ""
    # The reason, without the temporary file's name.
    message = message.rpartition("nothing of this file was imported: ")[2]
    return code, seconds, rss, message


def human(n: int) -> str:
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MiB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KiB"
    return f"{n} B"


class Bench:
    def __init__(self, binary: Path, work: Path):
        self.binary = binary
        self.work = work
        self.rows: list[tuple[str, str, int, float, int, str]] = []
        self.n = 0

    def fresh(self) -> Path:
        self.n += 1
        reg = self.work / f"reg{self.n}"
        shutil.rmtree(reg, ignore_errors=True)
        return reg

    def file(self, name: str, text: str) -> Path:
        path = self.work / name
        path.write_text(text, encoding="utf-8")
        return path

    def measure(self, case: str, size: int, reg: Path, *args: str) -> int:
        code, seconds, rss, message = run(self.binary, reg, *args)
        note = "" if code == 0 else f"exit {code}: {message[:120]}"
        self.rows.append((case, human(size), code, seconds, rss, note))
        print(f"  {case:<34} {human(size):>10} exit {code} {seconds:7.2f} s "
              f"{rss / 1024:8.0f} MiB {note}", file=sys.stderr, flush=True)
        return code

    def import_case(self, case: str, path: Path) -> Path:
        reg = self.fresh()
        self.measure(case, path.stat().st_size, reg, "import", str(path))
        path.unlink()
        return reg


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="limits.py", description=__doc__.splitlines()[0])
    ap.add_argument("--bin", type=Path, default=REPO / "target" / "release" / "guifan")
    ap.add_argument("--label", default="after")
    ap.add_argument("--cases", default="akn,jsonl,title,body,search,over")
    ap.add_argument("--sizes", default="5000,10000,20000,40000",
                    help="article counts for the akn and jsonl cases")
    ap.add_argument("--quick", action="store_true", help="small sizes, to check the script")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    if not args.bin.is_file():
        raise SystemExit(f"{args.bin}: no such binary (cargo build --release -p guifan-cli)")
    cases = set(args.cases.split(","))
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.quick:
        sizes = [200, 400]
    scale = 1 / 64 if args.quick else 1

    with tempfile.TemporaryDirectory(prefix="guifan-limits-") as tmp:
        b = Bench(args.bin.resolve(), Path(tmp))
        for n in sizes:
            arts = article_texts(n)
            if "akn" in cases:
                b.import_case(f"akn import, {n} articles",
                              b.file("doc.xml", akn_document("潜江市大型测试办法", arts)))
            if "jsonl" in cases:
                b.import_case(f"jsonl import, {n} articles",
                              b.file("doc.jsonl", jsonl_document("潜江市大型测试办法", body_of(arts))))
        if "title" in cases:
            # At the limit; over it (a record of 14 MiB); over the record's limit too (57 MiB).
            for chars in (2_000, int(5_000_000 * scale), int(20_000_000 * scale)):
                b.import_case(f"jsonl import, title {chars} chars",
                              b.file("title.jsonl", jsonl_document("规" * chars, "第一条　正文。")))
        if "body" in cases or "search" in cases:
            # 16,000 articles of about 1,040 bytes: a text just under 16 MiB.
            n = max(int(16_000 * scale), 50)
            arts = article_texts(n, filler=300)
            arts[-1] = (arts[-1][0], arts[-1][1] + "最末一条的独有短语。")
            arts[0] = (arts[0][0], arts[0][1] + "开篇第一条的独有短语。")
            body = body_of(arts)
            assert len(body.encode()) <= 16 << 20, len(body.encode())
            small = jsonl_document("潜江市小文件办法", "第一条　本办法规定行政执法工作。", key="small")
            reg = b.import_case("jsonl import, text at the limit",
                                b.file("body.jsonl", small + jsonl_document("潜江市大型测试办法", body)))
            size = len(body.encode())
            if "search" in cases:
                for what, query in (("phrase near the end", '"最末一条的独有短语"'),
                                    ("phrase near the start", '"开篇第一条的独有短语"'),
                                    ("question", "行政执法工作如何规范？")):
                    for i in (1, 2):
                        b.measure(f"search, {what} ({i})", size, reg, "search", query,
                                  "--status", "any")
        if "over" in cases:
            body = "第一条　" + "超" * int(64 * 2**20 / 3 * scale)
            b.import_case("jsonl import, text of 64 MiB",
                          b.file("over.jsonl", jsonl_document("潜江市超大文件办法", body)))

    lines = [
        f"| case ({args.label}) | input | exit | seconds | peak RSS | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for case, size, code, seconds, rss, note in b.rows:
        lines.append(f"| {case} | {size} | {code} | {seconds:.2f} | {rss / 1024:.0f} MiB | "
                     f"{note.replace('|', '/')} |")
    table = "\n".join(lines) + "\n"
    sys.stdout.write(table)
    if args.out:
        args.out.write_text(table, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
