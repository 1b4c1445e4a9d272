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
