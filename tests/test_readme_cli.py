"""The README's command-line example prints what the README says it prints."""

from __future__ import annotations

import re
import shlex

from conftest import ROOT, Cli


def test_the_first_console_example(cli: Cli):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n(.*?)```", readme, re.S)
    assert block, "the README opens with a console example"
    lines = block.group(1).splitlines()
    expected: list[str] = []
    got: list[str] = []
    for line in lines:
        if line.startswith("$ guifan "):
            args = shlex.split(line[len("$ guifan "):])
            if args[0] == "import":
                files = sorted((ROOT / "fixtures" / "qianjiang-2024").glob("*.jsonl"))
                args = ["import", *map(str, files)]
            got += cli.run(*args).out.splitlines()
        else:
            expected.append(line)
    assert got == expected


def elided_match(expected: list[str], got: list[str]) -> bool:
    """Whether `got` reads as `expected`, where a line `…` stands for any lines left out."""
    segments: list[list[str]] = [[]]
    for line in expected:
        if line == "…":
            segments.append([])
        else:
            segments[-1].append(line)
    if len(segments) == 1:
        return got == expected
    first, *middle, last = segments
    if got[: len(first)] != first:
        return False
    pos = len(first)
    for seg in middle:
        at = next((i for i in range(pos, len(got) - len(seg) + 1) if got[i : i + len(seg)] == seg), None)
        if at is None:
            return False
        pos = at + len(seg)
    return not last or (len(got) - len(last) >= pos and got[len(got) - len(last) :] == last)


def test_the_reviewer_tools_console_examples(tmp_path, monkeypatch):
    """Every console block of "The reviewer's tools", run in order as a reader would: in the
    registry the first example leaves, until `export GUIFAN_REGISTRY=…` names another."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## The reviewer's tools\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    assert len(blocks) >= 3, "the section shows diff, campaign --suggest and review-draft"
    monkeypatch.chdir(tmp_path)
    cli = Cli(tmp_path / "guifan-registry")
    cli.run("import", *map(str, sorted((ROOT / "fixtures" / "qianjiang-2024").glob("*.jsonl"))))
    shown = set()
    code = 0
    for block in blocks:
        expected: list[str] = []
        got: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ export GUIFAN_REGISTRY="):
                cli = Cli(tmp_path / line.split("=", 1)[1])
            elif line == "$ echo $?":
                got.append(str(code))
            elif line.startswith("$ guifan "):
                args = []
                for arg in shlex.split(line[len("$ guifan "):]):
                    if arg.startswith("fixtures/"):
                        args += sorted(map(str, ROOT.glob(arg))) or [str(ROOT / arg)]
                    else:
                        args.append(arg)
                shown.add(args[0])
                result = cli.run(*args, ok=False)
                assert result.code in (0, 3), f"{line}: {result.err}"
                code = result.code
                got += result.out.splitlines()
            else:
                assert not line.startswith("$ "), f"no runner for {line}"
                expected.append(line)
        assert elided_match(expected, got), "\n".join(["expected:", *expected, "got:", *got])
    assert {"diff", "campaign", "decide", "review-draft"} <= shown
    assert (tmp_path / "对照表.docx").is_file()


def test_the_importing_documents_console_examples(tmp_path, monkeypatch):
    """Every console block of "Importing Word, PDF and web pages", run in order from the
    project's folder (the paths print as the README shows them), stdout then stderr."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Importing Word, PDF and web pages\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.S)
    assert len(blocks) >= 3, "the section shows extract, import and a duplicate"
    monkeypatch.chdir(ROOT)
    cli = Cli(tmp_path / "guifan-registry")
    for block in blocks:
        expected: list[str] = []
        got: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ guifan "):
                result = cli.run(*shlex.split(line[len("$ guifan "):]))
                got += result.out.splitlines() + result.err.splitlines()
            else:
                expected.append(line)
        assert elided_match(expected, got), "\n".join(["expected:", *expected, "got:", *got])
    assert not list(ROOT.glob("guifan-registry"))


def test_the_corrections_console_example(tmp_path):
    """The console block of "Corrections", run on a registry of the fixtures."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Corrections\n", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```console\n(.*?)```", section, re.S)
    assert block, "the section shows file, amend and withdraw"
    cli = Cli(tmp_path / "guifan-registry")
    cli.run("import", *map(str, sorted((ROOT / "fixtures" / "qianjiang-2024").glob("*.jsonl"))))
    expected: list[str] = []
    got: list[str] = []
    for line in block.group(1).splitlines():
        if line.startswith("$ guifan "):
            got += cli.run(*shlex.split(line[len("$ guifan "):])).out.splitlines()
        else:
            expected.append(line)
    assert got == expected
