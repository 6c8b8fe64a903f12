"""The cache of prepared knowledge: a hit answers as a fresh load does; any change is prepared again."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core import cache, index, loader
from bot.core.cache import MAX_CACHED_FILES, cached_engine
from bot.core.engine import AnswerEngine
from bot.core.errors import KnowledgeError
from tests.helpers import copy_knowledge, edited

ROOT = Path(__file__).resolve().parent.parent

QUESTIONS = ["how many nk troops", "who condemned it", "is the monument real", "what is the capital of france"]


def answers(engine: AnswerEngine) -> list[str | None]:
    return [reply.entry.id if reply.entry else None for reply in map(engine.ask, QUESTIONS)]


def cached_files(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.json"))


@pytest.fixture
def knowledge_file(tmp_path: Path) -> Path:
    return copy_knowledge(tmp_path / "knowledge")


def test_a_second_start_is_prepared_from_the_cache_and_answers_alike(
    knowledge_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    fresh = cached_engine(knowledge_file, directory)
    assert len(cached_files(directory)) == 1

    def no_parsing(*_: object) -> None:
        raise AssertionError("a hit must not parse the file again")

    monkeypatch.setattr(cache, "parse_knowledge", no_parsing)
    monkeypatch.setattr(index, "claimants_in", no_parsing)  # nor read who says what
    restored = cached_engine(knowledge_file, directory)
    assert answers(restored) == answers(fresh)
    assert restored.knowledge.data == fresh.knowledge.data
    assert restored.knowledge.digest == fresh.knowledge.digest
    assert restored.index.readings == fresh.index.readings


def test_a_changed_file_is_prepared_again(knowledge_file: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    cached_engine(knowledge_file, directory)
    edited(knowledge_file, '  "how many troops did north korea send",', '  "zebra headcount from pyongyang",')
    assert cached_engine(knowledge_file, directory).ask("zebra headcount from pyongyang").answered
    assert len(cached_files(directory)) == 2


def test_a_changed_article_is_checked_in_full(knowledge_file: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    cached_engine(knowledge_file, directory)
    article = knowledge_file.with_name("article.txt")
    article.write_text("An unrelated article.\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="quote not found in the article"):
        cached_engine(knowledge_file, directory)


def test_a_broken_file_is_never_cached(knowledge_file: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    edited(knowledge_file, "[story]", "[story")
    with pytest.raises(KnowledgeError, match="TOML syntax error"):
        cached_engine(knowledge_file, directory)
    assert cached_files(directory) == []


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"code": "x"}', b"[1, 2, 3]"])
def test_a_damaged_entry_is_ignored_and_replaced(knowledge_file: Path, tmp_path: Path, damage: bytes) -> None:
    directory = tmp_path / "cache"
    expected = answers(cached_engine(knowledge_file, directory))
    [entry] = cached_files(directory)
    entry.write_bytes(damage)
    assert answers(cached_engine(knowledge_file, directory)) == expected
    assert entry.read_bytes() != damage


def test_an_entry_from_other_code_is_a_miss(
    knowledge_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    directory = tmp_path / "cache"
    cached_engine(knowledge_file, directory)
    parsed: list[Path] = []

    def counting(data: bytes, path: Path) -> loader.Knowledge:
        parsed.append(path)
        return loader.parse_knowledge(data, path)

    monkeypatch.setattr(cache, "parse_knowledge", counting)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "other code")
    cached_engine(knowledge_file, directory)
    assert parsed == [knowledge_file]


def test_a_cache_that_cannot_be_written_is_skipped(knowledge_file: Path, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    assert cached_engine(knowledge_file, not_a_folder).ask("how many nk troops").answered
    assert not_a_folder.read_text(encoding="utf-8") == ""  # untouched
    assert list(tmp_path.glob("*.tmp")) == []


def test_only_the_latest_entries_are_kept(knowledge_file: Path, tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    for version in range(MAX_CACHED_FILES + 2):
        edited(knowledge_file, "[story]", f"# version {version}\n[story]")
        cached_engine(knowledge_file, directory)
    assert len(cached_files(directory)) == MAX_CACHED_FILES
    assert list(directory.glob("*.tmp")) == []


def test_the_cache_lives_in_the_xdg_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_directory() == tmp_path / "storybot"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_directory() == Path(os.path.expanduser("~")) / ".cache" / "storybot"


def test_the_code_fingerprint_is_the_same_in_every_process() -> None:
    command = [sys.executable, "-c", "from bot.core.cache import code_fingerprint; print(code_fingerprint())"]
    other = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()
    assert other == cache.code_fingerprint()


def test_a_damaged_cache_entry_that_is_still_valid_json_is_a_miss(tmp_path: Path) -> None:
    # A changed digit inside an answer is valid JSON and a valid knowledge file: it was served as the answer.
    knowledge_file, directory = copy_knowledge(tmp_path / "knowledge"), tmp_path / "cache"
    cached_engine(knowledge_file, directory)
    [entry] = directory.glob("*.json")
    damaged = entry.read_bytes().replace(b"Between 11,000", b"Between 91,000", 1)
    assert damaged != entry.read_bytes()
    entry.write_bytes(damaged)
    reply = cached_engine(knowledge_file, directory).ask("how many nk troops were sent")
    assert reply.entry is not None and reply.entry.answer.startswith("Between 11,000")
    assert entry.read_bytes() != damaged  # prepared again and replaced


def test_a_cache_entry_under_another_files_name_is_a_miss(tmp_path: Path) -> None:
    knowledge_file, directory = copy_knowledge(tmp_path / "knowledge"), tmp_path / "cache"
    cached_engine(knowledge_file, directory)
    [old] = directory.glob("*.json")
    edited(knowledge_file, '  "how many troops did north korea send",', '  "zebra headcount from pyongyang",')
    key = hashlib.sha256(knowledge_file.read_bytes()).hexdigest()
    old.rename(directory / f"{key}.json")
    assert cached_engine(knowledge_file, directory).ask("zebra headcount from pyongyang").answered
    assert cache.CACHE_FORMAT >= 3
