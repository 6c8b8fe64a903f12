"""A bad setting stops `storybot run` with one clear line and a non-zero exit; the token never shows."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from dotenv import dotenv_values
from pydantic import ValidationError

from bot.cli.main import main
from bot.settings import Settings
from tests.helpers import copy_knowledge

SECRET = "MTIz.s3cr3t-token-value"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("GUILD_IDS", "123, not-a-number"),
        ("ANSWER_CHANNEL_IDS", "#general"),
        ("COOLDOWN_SECONDS", "-5"),
        ("COOLDOWN_QUESTIONS", "lots"),
        ("MAX_QUESTION_LENGTH", "3"),
        ("SHARD_COUNT", "many"),
        ("LOG_LEVEL", "LOUD"),
    ],
)
def test_a_bad_setting_is_one_line_and_a_failed_exit(
    name: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.setenv("DISCORD_TOKEN", SECRET)
    monkeypatch.setenv(name, value)

    exit_code = main(["run"])

    out, err = capsys.readouterr()
    assert exit_code != 0
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"storybot: bad setting {name}: ")
    assert "Traceback" not in err
    assert SECRET not in out + err


@pytest.mark.parametrize("command", ["run", "chat"])
def test_a_knowledge_file_linking_out_of_its_folder_stops_start_up_in_one_line(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """/reload refuses such a file: start-up served it, until the first reload."""
    outside = copy_knowledge(tmp_path / "outside")
    folder = tmp_path / "knowledge"
    copy_knowledge(folder).unlink()
    (folder / "story.toml").symlink_to(outside)
    monkeypatch.chdir(tmp_path)  # no .env here
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)  # run opens the console: never Discord
    monkeypatch.setenv("KNOWLEDGE_FILE", str(folder / "story.toml"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("how many nk troops\n"))

    exit_code = main([command])

    out, err = capsys.readouterr()
    assert exit_code != 0
    assert "11,000" not in out
    folder_rule = "the file must be inside the knowledge folder 'knowledge', not a link out of it"
    assert err == f"storybot: story.toml: {folder_rule}\n"


def test_the_token_in_a_bad_env_file_is_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "GUILD_IDS"):
        # Set, then delete: monkeypatch then also removes what load_dotenv puts in os.environ.
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={SECRET}\nGUILD_IDS={SECRET}\n", encoding="utf-8")

    exit_code = main(["sync"])

    _, err = capsys.readouterr()
    assert exit_code != 0
    assert SECRET not in err and "GUILD_IDS" in err


def test_an_env_file_that_is_not_utf8_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text(f"DISCORD_TOKEN={SECRET}\n", encoding="utf-16")

    exit_code = main(["ask", "how many troops"])

    out, err = capsys.readouterr()
    assert exit_code != 0
    assert out == ""
    assert err == "storybot: cannot read .env: not UTF-8 text (save it as UTF-8)\n"


def test_env_example_lists_every_setting_with_a_comment_and_no_token() -> None:
    example = Path(__file__).resolve().parents[1] / ".env.example"
    values = dotenv_values(example)
    assert set(values) == set(Settings.model_fields)
    assert values["DISCORD_TOKEN"] == ""
    Settings.model_validate(values)  # the example itself is valid
    lines = example.read_text(encoding="utf-8").splitlines()
    for index, line in enumerate(lines):
        if line and not line.startswith("#"):
            assert lines[index - 1].startswith("#") or lines[index - 1].split("=")[0].isupper(), line


def test_an_env_file_with_a_nul_character_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # os.environ refuses it: ValueError (embedded null byte) and a traceback.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GUILD_IDS", "")
    monkeypatch.delenv("GUILD_IDS")
    (tmp_path / ".env").write_bytes(b"GUILD_IDS=1\x002\n")
    assert main(["ask", "how many troops"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith("storybot: cannot read .env: ")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SHARD_COUNT", "²"),  # a digit to isdigit(), not to int(), whose error echoed the value
        ("SHARD_COUNT", "9" * 5000),  # int() refuses 4,300 digits: "use sys.set_int_max_str_digits()"
        ("GUILD_IDS", "-5"),
        ("ANSWER_CHANNEL_IDS", "0"),
        ("MODERATOR_ROLE_IDS", str(2**64)),
    ],
)
def test_a_value_no_setting_can_take_is_one_clear_line(
    name: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    assert main(["ask", "how many troops"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1 and err.startswith(f"storybot: bad setting {name}: ")
    assert repr(value) not in err and "int()" not in err and "sys." not in err


def test_the_watch_cannot_be_a_busy_loop() -> None:
    with pytest.raises(ValidationError):
        Settings(WATCH_SECONDS=1e-300)
