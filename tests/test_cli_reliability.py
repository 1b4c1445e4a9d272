"""The command line when the store is damaged, read-only, busy or written by several processes
at once (issue 9, findings 3, 7 and 8), and `guifan backup`."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import FIXTURES, Cli, guifan_binary, write_jsonl

QIANJIANG = FIXTURES / "qianjiang-2024"


def imported(cli: Cli) -> Cli:
    cli.run("import", str(QIANJIANG))
    return cli


def test_an_empty_store_file_is_reported_not_recreated(cli: Cli) -> None:
    """Guards finding 3: a 0-byte registry.sqlite became an empty registry without a word."""
    imported(cli)
    store = cli.registry / "registry.sqlite"
    store.write_bytes(b"")
    for args in (["check"], ["list"], ["import", str(QIANJIANG / "01-documents.jsonl")]):
        r = cli.run(*args, ok=False)
        assert r.code == 1, (args, r.err)
        assert "已损坏" in r.err and "0 字节" in r.err, r.err
        assert store.stat().st_size == 0, "the damaged file is left as it was"
    assert "is damaged" in cli.english().run("check", ok=False).err


def test_a_busy_write_waits_as_told_then_exits_75(cli: Cli) -> None:
    """Guards finding 7: a write blocked by another process failed after 10 s with SQLite's
    `database is locked` (exit 1)."""
    imported(cli)
    before = cli.export()
    holder = sqlite3.connect(cli.registry / "registry.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        r = cli.run(
            "--wait", "0.3", "file", "潜政规〔2023〕3号", "--with", "湖北省人民政府",
            "--submitted", "2023-05-30", ok=False,
        )
        assert r.code == 75, r.err
        assert "正忙" in r.err and "0.3 秒" in r.err, r.err
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert cli.export() == before, "nothing was written"
    assert cli.run("check").code == 0
    assert cli.run("--wait", "x", "list", ok=False).code == 2


def test_processes_importing_into_one_new_folder_at_once_all_land(tmp_path: Path) -> None:
    """Guards finding 7: two imports into a new folder raced in the migration (`table works
    already exists`)."""
    sources = []
    for i in range(3):
        records = [
            {
                "type": "document", "key": f"p{i}-{n}", "work": f"p{i}-{n}", "version": 1,
                "title": f"关于第{i}批第{n}项事项的通知", "kind": "行政规范性文件", "issuer": "某市人民政府",
                "doc_number": f"某政规〔2024〕{i * 10 + n + 1}号", "issued": "2024-01-05",
                "status": "有效", "body": f"第一条 第{i}批第{n}项。",
            }
            for n in range(5)
        ]
        sources.append(write_jsonl(tmp_path / f"batch{i}.jsonl", records))
    for trial in range(6):
        cli = Cli(tmp_path / f"r{trial}")
        procs = [
            subprocess.Popen(
                [str(guifan_binary()), "import", str(source)],
                env=cli.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for source in sources
        ]
        # Every process is waited for before anything is asserted: none is left running.
        results = [(p.communicate(timeout=300)[1], p.returncode) for p in procs]
        for err, code in results:
            assert code == 0, err
        assert cli.run("check").code == 0
        assert cli.run("list", "--status", "any", "--json").json()["total"] == 15


@pytest.fixture
def shared_tmp() -> Path:
    """A folder another user can reach (pytest's own is private to this user)."""
    path = Path(tempfile.mkdtemp(prefix="guifan-ro-"))
    path.chmod(0o755)
    yield path
    for p in [path, *path.rglob("*")]:
        p.chmod(p.stat().st_mode | stat.S_IWUSR)
    shutil.rmtree(path)


def as_reader(cli: Cli) -> list[str]:
    """The command prefix that runs as a user who cannot write the folder: as root, whom file
    modes do not stop, another user; else this one (the folder's modes stop us)."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot drop write access")
    return ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


def test_a_read_only_registry_reads_and_refuses_writes(shared_tmp: Path) -> None:
    """Guards finding 8: every command failed on a read-only folder, even `list`."""
    cli = imported(Cli(shared_tmp / "registry"))
    # Readable by all (an archive copy, a share), writable by none.
    for p in [cli.registry, *cli.registry.rglob("*")]:
        mode = p.stat().st_mode | stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
        if p.is_dir():
            mode |= stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH
        p.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    prefix = as_reader(cli)
    binary = guifan_binary()
    if not os.access(binary, os.X_OK) or any(
        not (parent.stat().st_mode & stat.S_IXOTH) for parent in binary.parents if parent != Path("/")
    ):
        pytest.skip("the binary is not reachable by another user")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [*prefix, str(binary), *args], env=cli.env, capture_output=True, text=True, timeout=300
        )

    listed = run("list")
    assert listed.returncode == 0, listed.stderr
    assert "潜政规〔2023〕3号" in listed.stdout
    assert run("show", "潜政规〔2023〕3号").returncode == 0
    checked = run("check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert run("export").returncode == 0
    found = run("search", "行政执法投诉举报")
    assert found.returncode == 0, found.stderr
    assert "潜江市行政执法投诉举报办法" in found.stdout
    refused = run("status", "潜政规〔2023〕3号", "废止", "--date", "2025-01-01")
    assert refused.returncode == 1
    assert "只读" in refused.stderr, refused.stderr


def test_backup_and_restore(cli: Cli, tmp_path: Path) -> None:
    imported(cli)
    dest = tmp_path / "backup"
    r = cli.run("backup", str(dest))
    head = next(line.split()[-1] for line in r.out.splitlines() if line.startswith("审计链末端"))
    report = cli.run("backup", str(tmp_path / "second"), "--json").json()
    assert report["head_hash"] == head and report["problems"] == []
    # The copy is a registry of its own; its index is built on first use.
    restored = Cli(dest)
    assert restored.run("check", "--expect-head", head).code == 0
    assert "潜江市行政执法投诉举报办法" in restored.run("search", "行政执法投诉举报").out
    # Never over an existing folder.
    again = cli.run("backup", str(dest), ok=False)
    assert again.code == 2 and "从不覆盖" in again.err
