"""The example notebook runs from top to bottom and shows the report's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from .data import FIXTURES, ROOT, write_standin_fixtures

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("matplotlib")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

NOTEBOOK = ROOT / "examples" / "clearance_statistics.ipynb"


def test_the_clearance_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    if (FIXTURES / "02-clearance.jsonl").is_file():
        fixtures = FIXTURES
    else:
        fixtures = write_standin_fixtures(tmp_path / "fixtures")
    monkeypatch.setenv("GUIFAN_FIXTURES", str(fixtures))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()

    texts, images, errors = [], 0, []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                (errors if out.name == "stderr" else texts).append(out.text)
            elif out.output_type == "error":
                errors.append(out.ename)
            elif "data" in out:
                texts.append(out.data.get("text/plain", ""))
                images += "image/png" in out.data
    text = "\n".join(texts)
    assert errors == []  # no warnings either (a missing glyph, a deprecation)
    assert images == 1
    assert "共清理出19件市政府行政规范性文件，其中继续有效15件，待修订1件，废止和宣布失效3件" in text
    assert "共清理出59件各地各部门行政规范性文件，其中继续有效20件，废止和宣布失效39件" in text
    assert "the registry agrees with the published figures" in text
