"""The README's Python example runs as written."""

from __future__ import annotations

import contextlib
import io
import os
import re
from pathlib import Path

import pytest

from .data import FIXTURES, ROOT, write_standin_fixtures

pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert blocks, "the README's Python section has an example"
    return blocks[0]


def test_the_readme_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if (FIXTURES / "02-clearance.jsonl").is_file():
        monkeypatch.chdir(ROOT)
    else:
        write_standin_fixtures(tmp_path / "fixtures" / "qianjiang-2024")
        monkeypatch.chdir(tmp_path)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(readme_example(), "README.md", "exec"), {"__name__": "readme"})
    printed = out.getvalue()
    assert "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件" in printed
    assert "not_yet_effective" in printed
    assert os.getcwd() in {str(ROOT), str(tmp_path)}


def test_the_readme_command_line_answers_example_prints_what_its_comments_say(monkeypatch: pytest.MonkeyPatch):
    """The Python section's example of the command line's other answers (Akoma Ntoso, link,
    articles, impact) runs from the checkout, and each `print` prints its trailing comment."""
    if not (FIXTURES / "02-clearance.jsonl").is_file():
        pytest.skip("needs the Qianjiang fixtures")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python\n", 1)[1].split("\n## ", 1)[0]
    block = next(b for b in re.findall(r"```python\n(.*?)```", section, flags=re.S) if "export_akn" in b)
    expected = [
        line.rsplit("# ", 1)[1].strip()
        for line in block.splitlines()
        if line.strip().startswith("print(") and "# " in line
    ]
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("GUIFAN_TODAY", "2024-12-31")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert out.getvalue().splitlines() == expected
