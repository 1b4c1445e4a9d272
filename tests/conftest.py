"""Shared helpers for the end-to-end tests of the `guifan` command line."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def guifan_binary() -> Path:
    """The `guifan` binary: $GUIFAN_BIN, else the release build, else the debug build."""
    if os.environ.get("GUIFAN_BIN"):
        return Path(os.environ["GUIFAN_BIN"])
    for profile in ("release", "debug"):
        candidate = ROOT / "target" / profile / "guifan"
        if candidate.exists():
            return candidate
    pytest.exit("no guifan binary: run `cargo build -p guifan-cli` first", returncode=2)


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


class Cli:
    """Runs `guifan` against one registry folder."""

    def __init__(self, registry: Path, today: str = "2024-12-31"):
        self.registry = registry
        self.env = dict(os.environ, GUIFAN_REGISTRY=str(registry), GUIFAN_TODAY=today, NO_COLOR="1")
        self.env.pop("GUIFAN_ACTOR", None)
        # The language a Chinese user gets: no locale, no GUIFAN_LANG (see `english`).
        for name in ("GUIFAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
            self.env.pop(name, None)

    def english(self) -> Cli:
        """The same registry, with messages in English (`GUIFAN_LANG=en`)."""
        other = Cli(self.registry)
        other.env = dict(self.env, GUIFAN_LANG="en")
        return other

    def chinese(self) -> Cli:
        """The same registry in the default language: Chinese reports, as the README shows."""
        other = Cli(self.registry)
        other.env = {k: v for k, v in self.env.items() if k != "GUIFAN_LANG"}
        return other

    def run(self, *args: str, ok: bool = True, input: str | None = None) -> Result:
        proc = subprocess.run(
            [str(guifan_binary()), *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=600,
            input=input,
        )
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        if ok and proc.returncode != 0:
            raise AssertionError(f"guifan {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
        return result

    def export(self) -> str:
        return self.run("export", "--format", "json").out


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "registry")


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
