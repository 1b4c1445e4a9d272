"""End-to-end tests of the text features of the command line: `show --article`, relations
found in text, `impact`, `link`, and Akoma Ntoso import and export."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, SHARED, Cli


@pytest.fixture
def cli(cli: Cli) -> Cli:
    """These tests read the messages of the library and of the command line as English text:
    they run with `GUIFAN_LANG=en` (cli/tests and test_cli_i18n check the Chinese)."""
    return cli.english()

QIANJIANG = sorted((FIXTURES / "qianjiang-2024").glob("*.jsonl"))
LINKS = FIXTURES / "links" / "citations.jsonl"


@pytest.fixture
def qj(cli: Cli) -> Cli:
    cli.run("import", *map(str, QIANJIANG))
    return cli


@pytest.fixture
def links(cli: Cli) -> Cli:
    cli.run("import", str(LINKS))
    return cli


def test_show_article_as_it_stood(links: Cli) -> None:
    out = links.chinese().run("show", "潜政规〔2021〕9号", "--article", "10", "--as-of", "2022-01-01").out
    assert "第1版（原文）施行 2021-06-01 至 2024-02-29" in out
    assert "第十条　符合下列条件的建设项目" in out
    assert "（三）" not in out
    out = links.chinese().run("show", "lk-banfa", "--article", "第十条").out
    assert "第2版（修订）" in out and "（三）不影响相邻权利人的。" in out
    data = links.run("show", "lk-banfa", "--article", "10之1", "--json").json()
    assert data["label"] == "第十条之一"
    assert data["version"] == 2
    assert data["text"] == "第十条之一　简化审批的项目，应当在批准后十日内公示。"
    assert data["in_force_from"] == "2024-03-01"
    assert data["status"] == "valid"
    assert links.run("show", "lk-banfa", "--article", "第十条之一").code == 0


def test_show_article_errors(links: Cli) -> None:
    r = links.run("show", "lk-banfa", "--article", "10之1", "--as-of", "2022-01-01", ok=False)
    assert r.code == 2
    assert "第十条之一" in r.err and "not found" in r.err
    r = links.run("show", "lk-banfa", "--article", "abc", ok=False)
    assert r.code == 2 and "expected an article number" in r.err
    r = links.run("show", "lk-banfa", "--article", "1", "--as-of", "2020-01-01", ok=False)
    assert r.code == 2 and "version in force" in r.err


def test_show_lists_what_a_document_cites_and_what_cites_it(links: Cli) -> None:
    out = links.chinese().run("show", "潜政规〔2021〕9号").out
    assert "引用和依据（本文件 →）" in out
    assert "依据 《中华人民共和国城乡规划法》" in out
    assert "引用 《湖北省建设工程规划许可管理规定》（不在登记库中）  [v1 第三条]" in out
    assert "被引用和被依据（→ 本文件）" in out
    assert "依据 《潜江市建设工程规划许可实施细则》" in out
    data = links.run("show", "lk-banfa", "--json").json()
    text = [r for r in data["relations"] if r["source"] == "text"]
    outgoing = {(r["kind"], r["version"], r["other_title"] or r["cited_as"]) for r in text if r["direction"] == "outgoing"}
    assert ("basis", 2, "湖北省城乡规划条例") in outgoing
    assert ("cites", 1, "《湖北省建设工程规划许可管理规定》") in outgoing
    incoming = {r["other_title"] for r in text if r["direction"] == "incoming"}
    assert incoming == {"潜江市建设工程规划许可实施细则", "潜江市临时建设管理办法", "潜江市城市管理综合执法办法"}


def test_impact_of_a_law_on_the_documents_below_it(links: Cli) -> None:
    data = links.run("impact", "中华人民共和国城乡规划法", "--json").json()
    assert data["as_of"] == "2024-12-31"
    got = [(d["title"], d["depth"], d["kind"]) for d in data["documents"]]
    assert got == [
        ("湖北省城乡规划条例", 1, "basis"),
        ("潜江市城乡规划管理办法", 1, "basis"),
        ("潜江市建设工程规划许可实施细则", 2, "basis"),
        ("潜江市城市管理综合执法办法", 2, "basis"),
        ("关于做好2023年建设工程规划许可工作的通知", 3, "cites"),
    ]
    ids = {d["title"]: d["id"] for d in data["documents"]}
    assert data["documents"][-1]["path"][1:] == [
        ids["潜江市城乡规划管理办法"],
        ids["潜江市建设工程规划许可实施细则"],
        ids["关于做好2023年建设工程规划许可工作的通知"],
    ]
    earlier = links.run("impact", "lk-law", "--as-of", "2022-07-01", "--json").json()
    assert "潜江市临时建设管理办法" in {d["title"] for d in earlier["documents"]}
    out = links.chinese().run("impact", "lk-law").out
    assert "5件现行文件直接或间接引用或依据它" in out
    assert "层级" in out


def test_link_rescans_and_finds_the_same(links: Cli) -> None:
    before = links.run("show", "lk-banfa", "--json").json()["relations"]
    report = links.run("link", "--json").json()
    assert report == {
        "versions": 10,
        "citations": report["citations"],
        "relations": 12,
        "resolved": 10,
        "ambiguous": 1,
        "unresolved": 1,
    }
    after = links.run("show", "lk-banfa", "--json").json()["relations"]
    strip = lambda rs: sorted((r["kind"], r["direction"], r["other"], r["cited_as"], r["version"]) for r in rs)  # noqa: E731
    assert strip(before) == strip(after)
    assert "scanned 1 versions" in links.run("link", "lk-xize").out
    assert links.run("check").code == 0


def test_export_akn_and_import_it_elsewhere(qj: Cli, tmp_path: Path) -> None:
    files = []
    for v in (1, 2):
        xml = qj.run("export", "qj-szg-2019-02", "--format", "akn", "--version", str(v)).out
        assert xml.startswith('<?xml version="1.0" encoding="UTF-8"?>')
        assert f'<FRBRversionNumber value="{v}"/>' in xml
        path = tmp_path / f"v{v}.xml"
        path.write_text(xml, encoding="utf-8")
        files.append(path)
    as_of = qj.run("export", "qj-szg-2019-02", "--format", "akn", "--as-of", "2020-01-01").out
    assert as_of == files[0].read_text(encoding="utf-8")
    other = Cli(tmp_path / "other")
    r = other.run("import", "--json", *map(str, files))
    assert r.json()["total"]["documents"] == 2
    a = qj.run("show", "qj-szg-2019-02", "--json").json()
    b = other.run("show", "qj-szg-2019-02", "--json").json()
    for field in ("title", "kind", "issuer", "doc_number", "status", "versions"):
        assert a[field] == b[field], field
    for day in ("2019-01-01", "2020-01-01", "2024-07-10", "2025-01-01"):
        assert (
            qj.run("show", "qj-szg-2019-02", "--json", "--as-of", day).json()["status"]
            == other.run("show", "qj-szg-2019-02", "--json", "--as-of", day).json()["status"]
        ), day
    assert other.run("show", "qj-szg-2019-02", "--article", "12").out == qj.chinese().run(
        "show", "qj-szg-2019-02", "--article", "12"
    ).out
    # The same file twice is a conflict, and nothing of it is written.
    r = other.run("import", str(files[0]), ok=False)
    assert r.code == 2 and "already" in r.err


def test_export_akn_needs_one_document(qj: Cli) -> None:
    r = qj.run("export", "--format", "akn", ok=False)
    assert r.code == 2 and "name it" in r.err
    r = qj.run("export", "qj-szg-2019-02", "--format", "akn", "--version", "9", ok=False)
    assert r.code == 2 and "not found" in r.err


def test_hostile_xml_is_refused(cli: Cli, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x "xxxxxxxx"><!ENTITY y "&x;&x;&x;&x;">]>\n'
        '<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act>&y;</act></akomaNtoso>\n',
        encoding="utf-8",
    )
    r = cli.run("import", str(bomb), ok=False)
    assert r.code == 2
    assert "declares entities" in r.err
    assert "nothing of this file was imported" in r.err
    broken = tmp_path / "broken.xml"
    broken.write_text("<akomaNtoso><act>", encoding="utf-8")
    r = cli.run("import", str(broken), ok=False)
    assert r.code == 2 and "xml:" in r.err


@pytest.mark.skipif(not (SHARED / "akn").is_dir(), reason="../shared/akn is absent")
def test_shared_akn_files_import_or_fail_clearly(tmp_path: Path) -> None:
    files = sorted(p for p in (SHARED / "akn").rglob("*.xml") if "LICENSES" not in p.parts)
    for i, f in enumerate(files):
        cli = Cli(tmp_path / f"r{i}")
        r = cli.run("import", "--json", str(f), ok=False)
        if f.name == "sameXmlId.xml":
            assert r.code == 2
            assert "duplicate id `BAD_XMLID`" in r.err
        else:
            assert r.code == 0, (f, r.err)
            assert r.json()["total"]["documents"] == 1
            listed = cli.run("list", "--json").json()
            assert listed["total"] == 1
            cli.run("export", str(listed["documents"][0]["id"]), "--format", "akn")


def test_akn_fixtures_written_here(cli: Cli) -> None:
    files = sorted((FIXTURES / "akn").glob("*.xml"))
    good = [f for f in files if not f.name.startswith("bad-")]
    assert good, "fixtures/akn holds documents"
    for f in good:
        cli.run("import", str(f))
    for f in files:
        if f.name.startswith("bad-"):
            r = cli.run("import", str(f), ok=False)
            assert r.code == 2, f
    listed = cli.run("list", "--json").json()
    assert listed["total"] == len(good)
    greening = cli.run("show", "潜政规〔2020〕8号", "--json").json()
    assert greening["title"] == "潜江市城市绿化管理办法"
    assert [v["seq"] for v in greening["versions"]] == [2]
    assert greening["issuer"] == "潜江市人民政府"
    out = cli.run("show", "潜政规〔2020〕8号", "--article", "第二条之一").out
    assert "第二条之一　新建居住区绿地率不得低于百分之三十。" in out
    trees = cli.run("show", "Street Trees Regulation", "--json", "--as-of", "2020-01-01").json()
    assert trees["status"] == "repealed"
    out = cli.run("show", "Street Trees Regulation", "--article", "2").out
    assert "2. Planting\n(1) The Council plants trees along streets." in out
    r = cli.run("import", str(FIXTURES / "akn" / "bad-duplicate-eid.xml"), ok=False)
    assert "duplicate id `art_1`" in r.err


def readme_examples() -> list[tuple[list[str], list[str]]]:
    """The console examples of the README's sections on articles, citations and impact:
    (command arguments, expected lines; `…` stands for lines left out)."""
    readme = (FIXTURES.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Articles, citations and impact", 1)[1].split("\n## ", 1)[0]
    examples = []
    for block in section.split("```console\n")[1:]:
        lines = block.split("```", 1)[0].rstrip("\n").split("\n")
        command = lines[0].removeprefix("$ guifan ").split()
        examples.append((command, lines[1:]))
    return examples


def test_readme_examples_print_what_they_say(qj: Cli) -> None:
    examples = readme_examples()
    assert len(examples) == 4, "an article, a numbered part (二、), relations, impact"
    for command, expected in examples:
        out = qj.chinese().run(*command).out.rstrip("\n").split("\n")
        # Each run of lines between `…` appears in order and whole.
        at = 0
        for chunk in "\n".join(expected).split("…"):
            want = [line for line in chunk.strip("\n").split("\n") if line != ""] if chunk.strip() else []
            if not want:
                continue
            for i in range(at, len(out)):
                if [line for line in out[i : i + len(want) + 1] if line != ""][: len(want)] == want:
                    at = i + 1
                    break
            else:
                raise AssertionError(f"guifan {' '.join(command)}: missing\n" + "\n".join(want))
