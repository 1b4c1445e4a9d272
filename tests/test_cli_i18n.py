"""The command line in both languages: Chinese by default, English when the locale asks."""

from __future__ import annotations

from conftest import Cli


def test_chinese_by_default_english_on_request(cli: Cli):
    r = cli.run("list", ok=False)
    assert r.code == 2 and r.err.startswith("错误：") and "没有登记库" in r.err
    r = cli.english().run("list", ok=False)
    assert r.code == 2 and r.err.startswith("error: no registry at")
    cli.env["LANG"] = "en_US.UTF-8"
    assert cli.run("list", ok=False).err.startswith("error: ")
    cli.env["LC_ALL"] = "zh_CN.UTF-8"
    assert cli.run("list", ok=False).err.startswith("错误：")


def test_help_is_described_with_examples(cli: Cli):
    out = cli.run("search", "--help").out
    assert "文件类型（效力级别）" in out and out.rstrip().splitlines()[-5] == "示例："
    out = cli.english().run("search", "--help").out
    assert "--limit <LIMIT>" in out and "Examples:" in out
