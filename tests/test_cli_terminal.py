"""The command line in a real terminal: input that is not UTF-8, odd line breaks, Ctrl+C, a closed input."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli.console import run_console
from bot.core.loader import load_knowledge
from tests.helpers import ROOT, SHIPPED, cli_environment, copy_knowledge

# Python's standard streams: strict UTF-8 (most locales) and UTF-8 keeping bad bytes as surrogates (the C locale).
STREAMS = [{"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}, {"PYTHONUTF8": "1"}]


def storybot(
    *args: str | bytes, stdin: bytes = b"", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    """Run `storybot` on bytes in and out, as a terminal does."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        env=cli_environment() | (env or {}),
        cwd=ROOT,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("env", STREAMS)
def test_input_that_is_not_utf8_gets_an_object_per_line(env: dict[str, str]) -> None:
    # Strict: UnicodeDecodeError and a traceback. Surrogates: the bad byte copied into the JSON, which is not UTF-8.
    result = storybot("ask", "--json", "-", stdin=b"how many nk troops caf\xe9\nis it legal\n", env=env)
    assert result.returncode == 0, result.stderr
    replies = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [reply["question"] for reply in replies] == ["how many nk troops caf\ufffd", "is it legal"]
    assert replies[1]["answered"]


@pytest.mark.parametrize("env", STREAMS)
def test_an_argument_that_is_not_utf8_gets_valid_json(env: dict[str, str]) -> None:
    result = storybot("ask", "--json", b"how many nk troops \xff", env=env)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout.decode("utf-8"))
    assert reply["question"] == "how many nk troops \ufffd" and reply["answered"]


@pytest.mark.parametrize("env", STREAMS)
def test_chat_reads_input_that_is_not_utf8(env: dict[str, str]) -> None:
    result = storybot("chat", stdin=b"caf\xe9\nhow many nk troops\n", env=env)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "11,000" in result.stdout.decode("utf-8")


def test_draft_with_a_title_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    # The title went into the UTF-8 file as a lone surrogate: UnicodeEncodeError.
    out = tmp_path / "draft.toml"
    article = str(SHIPPED.with_name("article.txt"))
    result = storybot("draft", article, "--title", b"Bridge \xff", "--source", "s", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert 'title = "Bridge \ufffd"' in out.read_text(encoding="utf-8")


def test_every_json_object_is_one_line_to_every_reader() -> None:
    # JSON leaves U+2028, U+2029 and U+0085 as they are; str.splitlines() and many readers break lines there.
    questions = ["how many nk troops\u2028who condemned it", "hi\x85there", "a\u2029b"]
    result = storybot("ask", "--json", "-", stdin="\n".join(questions).encode("utf-8") + b"\n")
    lines = result.stdout.decode("utf-8").splitlines()
    assert [json.loads(line)["question"] for line in lines] == questions


def test_a_bare_carriage_return_ends_a_question_as_crlf_does() -> None:
    # Python splits standard input at "\n" alone outside Windows: "a\rb" was one question.
    result = storybot("ask", "--json", "-", stdin=b"how many nk troops\ris it legal\r\nwho condemned it\n")
    questions = [json.loads(line)["question"] for line in result.stdout.decode("utf-8").splitlines()]
    assert questions == ["how many nk troops", "is it legal", "who condemned it"]


def _interrupted(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Run a command reading a pipe, press Ctrl+C once it waits for input."""
    command = [sys.executable, "-m", "bot", *args]
    with subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_environment(),
        cwd=ROOT,
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(b"how many nk troops\n")
        process.stdin.flush()
        assert process.stdout.readline()  # the first line out: it is reading the next one
        time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
        return subprocess.CompletedProcess(command, process.returncode, out, err)


def test_ctrl_c_leaves_the_console_without_a_traceback() -> None:
    result = _interrupted("chat")
    assert b"Traceback" not in result.stderr and result.returncode == 0, result.stderr


def test_ctrl_c_stops_a_batch_without_a_traceback() -> None:
    result = _interrupted("ask", "--json", "-")
    assert b"Traceback" not in result.stderr and result.returncode == 130, result.stderr


@pytest.mark.parametrize("args", [("ask", "-"), ("chat",)])
def test_closed_standard_input_is_empty_input(args: tuple[str, ...]) -> None:
    # sys.stdin is None then: TypeError ('NoneType' object is not iterable) or AttributeError (isatty).
    closed = 'exec "$0" -m bot "$@" <&-'  # the shell closes standard input, then runs the command
    result = subprocess.run(
        ["/bin/sh", "-c", closed, sys.executable, *args],
        capture_output=True,
        env=cli_environment(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr


def test_the_console_takes_a_long_number_as_a_question(tmp_path: Path) -> None:
    # "1", "2", "3" pick a suggestion; 5,000 nines made int() raise ValueError.
    path = copy_knowledge(tmp_path)
    out = io.StringIO()
    lines = io.StringIO("tell me about the troops\n" + "9" * 5000 + "\nhow many nk troops\n")
    assert run_console(load_knowledge(path), path, lines, out) == 0
    assert "11,000" in out.getvalue()


@pytest.mark.parametrize("args", [("ask", "how many nk troops"), ("validate",)])
def test_output_to_a_full_disk_is_one_line(args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            env=cli_environment(),
            cwd=ROOT,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert result.stderr == b"storybot: cannot write the output: No space left on device\n"
