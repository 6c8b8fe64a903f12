"""The command line, run as people run it: a separate process, its output and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli.main import main
from bot.core.schema import SCHEMA_FILE
from tests.helpers import ROOT, SHIPPED, cli_environment, copy_knowledge, edited


def storybot(*args: str, stdin: str = "", env_token: bool = False) -> subprocess.CompletedProcess[str]:
    env = cli_environment()
    if env_token:
        env["DISCORD_TOKEN"] = "secret-token-sentinel"
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_core_and_cli_do_not_import_discord() -> None:
    code = (
        "import sys, bot.core.engine, bot.core.store, bot.core.catalog, bot.cli.main, bot.cli.console;"
        "sys.exit('discord' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_ask_prints_answer_quote_and_source() -> None:
    result = storybot("ask", "how many nk troops were sent?")
    assert result.returncode == 0
    assert "11,000" in result.stdout and "> North Korea has publicly acknowledged" in result.stdout
    assert "N Korea confirms it sent troops" in result.stdout


def test_ask_says_it_does_not_know() -> None:
    result = storybot("ask", "who won the football last night")
    assert result.returncode == 0 and result.stdout.startswith("I don't know")


def test_ask_json_contract() -> None:
    result = storybot("ask", "--json", "how many nk soldiers died")
    reply = json.loads(result.stdout)
    assert reply["answered"] is True and reply["entry"] == "casualties"
    assert isinstance(reply["score"], float)
    assert reply["sources"] and all(s["quote"] and s["source"] for s in reply["sources"])


@pytest.mark.parametrize("odd", ["", "   ", "x" * 20_000, "ctrl\x00\x07\x1b[31m chars", "\u202eevil\u200b", "🙏" * 50])
def test_batch_mode_answers_every_line_even_odd_ones(odd: str) -> None:
    lines = ["how many nk troops", odd, "is it legal"]
    result = storybot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0
    replies = [json.loads(line) for line in result.stdout.splitlines()]
    assert [reply["question"] for reply in replies] == lines
    assert replies[0]["answered"] and replies[2]["answered"]
    assert all(reply["sources"] for reply in replies if reply["answered"])


def test_validate_ok_and_invalid(tmp_path: Path) -> None:
    ok = storybot("validate", str(SHIPPED))
    assert ok.returncode == 0 and ok.stdout.startswith("OK")
    broken = edited(copy_knowledge(tmp_path), 'source = "putin-thanks-report"', 'source = "nobody"')
    bad = storybot("validate", str(broken))
    assert bad.returncode == 1
    assert "INVALID" in bad.stdout and "unknown source 'nobody'" in bad.stdout and "line" not in bad.stderr


def test_knowledge_option_on_ask(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), 'answer = "Between', 'answer = "Custom answer. Between')
    result = storybot("ask", "--knowledge", str(path), "how many nk troops were sent")
    assert "Custom answer." in result.stdout


def test_broken_knowledge_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("not = [valid", encoding="utf-8")
    result = storybot("ask", "--knowledge", str(path), "hi")
    assert result.returncode == 1 and "TOML syntax error" in result.stderr and "Traceback" not in result.stderr


def test_run_without_token_opens_the_console() -> None:
    result = storybot("run", stdin="how many nk troops\n/quit\n")
    assert result.returncode == 0
    assert result.stdout.startswith("No DISCORD_TOKEN configured")
    assert "11,000" in result.stdout


def test_schema_is_printed_and_in_sync() -> None:
    result = storybot("schema")
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8")


def test_sync_without_a_token_is_refused() -> None:
    result = storybot("sync")
    assert result.returncode == 2 and "sync needs DISCORD_TOKEN" in result.stderr


def test_the_collector_is_back_on_once_started_and_whatever_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    # It is off during start-up only (bot/cli/start.py): the console and the bot run for days.
    import gc

    import bot.cli.console
    from bot.cli.start import main

    collecting_while_serving: list[bool] = []

    def console(*_: object) -> int:
        collecting_while_serving.append(gc.isenabled())
        return 0

    monkeypatch.setattr(bot.cli.console, "run_console", console)
    assert main(["chat"]) == 0 and collecting_while_serving == [True]
    assert main(["validate", "no-such-file.toml"]) == 1 and gc.isenabled()
    assert main(["ask", "--knowledge", "no-such-file.toml", "troops?"]) == 1 and gc.isenabled()


@pytest.mark.parametrize(
    ("option", "value", "allowed"),
    [
        ("--days", "1000000000", "from 1 to 3650"),
        ("--days", "0", "from 1 to 3650"),
        ("--limit", "0", "of at least 1"),
        ("--limit", "-1", "of at least 1"),
        ("--limit", "lots", "of at least 1"),
    ],
)
def test_report_periods_and_limits_are_bounded(
    option: str, value: str, allowed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli.main import main

    with pytest.raises(SystemExit) as stopped:
        main(["report", option, value])
    assert stopped.value.code == 2
    assert f"argument {option}: must be a whole number {allowed}, not '{value}'" in capsys.readouterr().err


def test_validate_reports_a_huge_integer_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = copy_knowledge(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"schema_version = 1", b"schema_version = " + b"9" * 5000, 1))
    assert main(["validate", str(path)]) == 1
    assert "TOML syntax error" in capsys.readouterr().out
