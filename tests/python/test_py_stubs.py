"""The type stubs agree with the extension module, and the package type-checks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mypy")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=cwd, timeout=600)


def test_stubtest(tmp_path: Path):
    # Run outside the checkout, so that mypy sees the installed package only once.
    result = run("mypy.stubtest", "guifan._guifan", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_package(tmp_path: Path):
    result = run("mypy", "--strict", "--no-incremental", "-p", "guifan", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
