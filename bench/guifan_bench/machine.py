"""One line describing the machine and the software versions, for the report."""

from __future__ import annotations

import datetime as dt
import os
import platform
from importlib.metadata import PackageNotFoundError, version


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _ram_gib() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "?"


def _pkg(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "absent"


def describe() -> str:
    try:
        from pysqlite3 import dbapi2

        sqlite = dbapi2.sqlite_version
    except ImportError:
        sqlite = "absent"
    today = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d")
    return (f"{_cpu_model()}, {os.cpu_count()} cores, {_ram_gib()} RAM; "
            f"Linux {platform.release()}; Python {platform.python_version()}; "
            f"SQLite {sqlite} (pysqlite3-binary {_pkg('pysqlite3-binary')}); "
            f"tantivy-py {_pkg('tantivy')}; jieba {_pkg('jieba')}; {today}")
