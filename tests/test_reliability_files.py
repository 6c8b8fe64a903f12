"""Broken knowledge files through the real bot: /reload and /reload file: refuse each one with a clear error
naming the problem, the previous knowledge keeps being served, and nothing on disk changes.

Each case breaks a copy of the shipped knowledge in a way a person (or a bad upload) would; the moderator's
private report must name what is wrong, the answer to a known question must be the same before and after,
and every file, link and backup under the knowledge folder (and outside it) must be byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core import loader
from bot.core.loader import MAX_FILE_BYTES
from bot.core.store import BACKUP_FOLDER, KnowledgeStore
from bot.discord_adapter.client import StoryBot, build_bot
from bot.discord_adapter.notices import UPLOAD_FAILED, UPLOAD_NOT_TEXT, UPLOAD_TOO_BIG
from tests.reliability import assert_fits_discord, closed_port, snapshot
from tests.standin import payloads
from tests.standin.fixtures import running_bot
from tests.standin.payloads import EPHEMERAL, Payload
from tests.standin.server import StandInDiscord
from tests.standin_extra import (
    GUILD_READY_TIMEOUT,
    MODERATOR,
    TOKEN,
    TROOPS_QUESTION,
    bot_settings,
    deferred_command,
    embed_text,
    knowledge_copy,
    mention,
    reply_to,
    story_bot,
)

REFUSED = "Reload refused: still serving the previous knowledge"
RELOADED = "Knowledge reloaded"
TEN_MB = 10 * 1024 * 1024
NOT_IN_ARTICLE = "These words appear nowhere in the article."


# -- ways to break a knowledge file ---------------------------------------------------------------------------


def _replace_line(text: str, prefix: str, new_line: str) -> str:
    """Replace the first line that starts with `prefix` (after indentation) by `new_line`."""
    match = re.search(rf"^[ \t]*{re.escape(prefix)}.*$", text, flags=re.MULTILINE)
    assert match, f"no line starts with {prefix!r}"
    return text[: match.start()] + new_line + text[match.end() :]


def _entry_ids(text: str) -> list[str]:
    return re.findall(r'^\[\[entries\]\]\s*\nid = "([^"]+)"', text, flags=re.MULTILINE)


def _duplicate_id(text: str) -> str:
    first, second = _entry_ids(text)[:2]
    return text.replace(f'id = "{second}"', f'id = "{first}"', 1)


def _padded_to(size: int) -> Callable[[str], bytes]:
    def pad(text: str) -> bytes:
        data = text.encode()
        comment = b"# padding to make the file huge\n"
        return data + comment * ((size - len(data)) // len(comment) + 1)

    return pad


@dataclass(frozen=True)
class Broken:
    """A broken version of the knowledge file, made from the good text, and what the report must say."""

    name: str
    make: Callable[[str], bytes]
    problem: str
    many_problems: bool = False  # more than one report can list: it must say how many it left out


BROKEN_FILES = [
    Broken("empty", lambda text: b"", "file is empty"),
    Broken("only-whitespace", lambda text: b" \n\t\r\n", "file is empty"),
    Broken("utf-16", lambda text: text.encode("utf-16"), "not UTF-8 text (byte 0)"),
    Broken("windows-1252", lambda text: text.encode("cp1252"), "not UTF-8 text (byte "),
    Broken("binary-garbage", lambda text: random.Random(6).randbytes(64_000), "not UTF-8 text (byte "),
    Broken("zip-archive", lambda text: b"PK\x03\x04" + bytes(2_000), "TOML syntax error"),
    Broken("syntax-error", lambda text: _replace_line(text, "[[entries]]", "[[entries]").encode(), "TOML syntax error"),
    Broken("missing-field", lambda text: _replace_line(text, "answer = ", "").encode(), "Field required"),
    Broken("wrong-type", lambda text: _replace_line(text, "answer = ", "answer = 42").encode(), "valid string"),
    Broken("duplicate-id", lambda text: _duplicate_id(text).encode(), "duplicate id"),
    Broken(
        "quote-not-in-article",
        lambda text: _replace_line(text, "quote = ", f'quote = "{NOT_IN_ARTICLE}"').encode(),
        "quote not found in the article",
    ),
    Broken(
        "unknown-source",
        lambda text: _replace_line(text, "source = ", 'source = "no-such-source"').encode(),
        "unknown source 'no-such-source'",
    ),
    Broken("ten-megabytes", _padded_to(TEN_MB), f"larger than {MAX_FILE_BYTES:,} bytes"),
    Broken(
        "huge-string",
        # About half the file cap: too long an answer, in a file still small enough to be read.
        lambda text: _replace_line(
            text, "answer = ", f'answer = "{"far too long " * (MAX_FILE_BYTES // 30)}"'
        ).encode(),
        "at most 1000 characters",
    ),
    Broken(
        "huge-key",
        lambda text: text.replace("schema_version = 1", f"schema_version = 1\n{'k' * 400_000} = 1", 1).encode(),
        "Extra inputs are not permitted",
    ),
    Broken(
        "nested-too-deep",
        lambda text: (text + "\nnested = " + "[" * 5_000 + "]" * 5_000 + "\n").encode(),
        "nested too deep",
    ),
    Broken(
        "article-path-with-a-nul-byte",
        lambda text: _replace_line(text, "article = ", 'article = "article\\u0000.txt"').encode(),
        "not a path that can be read",
    ),
    Broken(
        # Every quote is then found "in the article": the file quotes itself.
        "article-is-the-knowledge-file",
        lambda text: _replace_line(text, "article = ", 'article = "story.toml"').encode(),
        "the article must be a text of its own, not the knowledge file",
    ),
    Broken(
        "every-quote-wrong",
        lambda text: re.sub(r"^quote = .*$", f'quote = "{NOT_IN_ARTICLE}"', text, flags=re.MULTILINE).encode(),
        "quote not found in the article",
        many_problems=True,
    ),
]


# -- helpers -----------------------------------------------------------------------------------------------------


async def troops_answer(standin: StandInDiscord) -> str:
    """What the bot says now to a question the shipped knowledge answers."""
    sent = await reply_to(standin, mention(TROOPS_QUESTION))
    return embed_text(sent.json)


def assert_refused(report: Payload, problem: str) -> None:
    """The moderator privately sees the refusal and the named problem, in a message Discord accepts."""
    assert report["flags"] & EPHEMERAL
    assert_fits_discord(report)
    text = embed_text(report) or report.get("content", "")
    assert REFUSED in text, text
    assert problem in text, text
    assert "story.toml" in text, "the problem names the file"


def upload(standin: StandInDiscord, data: bytes, filename: str = "story.toml", **kind: str) -> list[Payload]:
    """The /reload options and attachments for uploading `data`."""
    attachment = standin.register_attachment(filename, data, **kind)
    return [payloads.option("file", attachment["id"], type=11), attachment]


async def reload_with(standin: StandInDiscord, *upload_parts: Payload) -> Payload:
    """Run /reload as a moderator (with an upload when given) and return the private report."""
    if not upload_parts:
        return await deferred_command(standin, "reload", **MODERATOR)
    option, attachment = upload_parts
    return await deferred_command(standin, "reload", option, attachments=[attachment], **MODERATOR)


# -- broken files, edited on disk and uploaded ------------------------------------------------------------------


@pytest.mark.parametrize("broken", BROKEN_FILES, ids=lambda broken: broken.name)
async def test_reload_refuses_a_broken_file_and_changes_nothing(
    standin: StandInDiscord, tmp_path: Path, broken: Broken
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        before = await troops_answer(standin)
        engine = bot.store.engine
        path.write_bytes(broken.make(path.read_text(encoding="utf-8")))
        on_disk = snapshot(path.parent)
        report = await reload_with(standin)
        after = await troops_answer(standin)

    assert_refused(report, broken.problem)
    assert bool(re.search(r"… and \d+ more", embed_text(report))) == broken.many_problems
    assert bot.store.engine is engine
    assert after == before
    assert snapshot(path.parent) == on_disk


@pytest.mark.parametrize("broken", BROKEN_FILES, ids=lambda broken: broken.name)
async def test_upload_refuses_a_broken_file_and_changes_nothing(
    standin: StandInDiscord, tmp_path: Path, broken: Broken
) -> None:
    data = broken.make(knowledge_copy(tmp_path / "source").read_text(encoding="utf-8"))
    size_checked_before_download = len(data) > MAX_FILE_BYTES
    async with story_bot(standin, tmp_path) as bot:
        folder = bot.store.path.parent
        before = await troops_answer(standin)
        engine = bot.store.engine
        on_disk = snapshot(folder)
        report = await reload_with(standin, *upload(standin, data))
        after = await troops_answer(standin)

    if size_checked_before_download:
        assert report["content"] == UPLOAD_TOO_BIG.format(size=len(data), limit=MAX_FILE_BYTES)
        assert not [r for r in standin.requests if r.path.startswith("/attachments/")], "never downloaded"
    else:
        assert_refused(report, broken.problem)
    assert bot.store.engine is engine
    assert after == before
    assert snapshot(folder) == on_disk
    assert not (folder / BACKUP_FOLDER).exists()


async def test_a_ten_megabyte_file_is_read_no_further_than_the_cap(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[int] = []
    parse = loader.parse_knowledge

    def count_then_parse(data: bytes, where: Path) -> loader.Knowledge:
        read.append(len(data))
        return parse(data, where)

    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        path.write_bytes(_padded_to(TEN_MB)(path.read_text(encoding="utf-8")))
        monkeypatch.setattr(loader, "parse_knowledge", count_then_parse)
        report = await reload_with(standin)

    assert_refused(report, f"larger than {MAX_FILE_BYTES:,} bytes")
    assert read == [MAX_FILE_BYTES + 1], "the loader stops one byte past the cap instead of reading 10 MB"


# -- files that are not where they should be ---------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A folder beside the knowledge folder, holding a valid knowledge file of its own."""
    outside = tmp_path / "outside"
    knowledge_copy(outside)
    text = (outside / "story.toml").read_text(encoding="utf-8")
    (outside / "story.toml").write_text(_replace_line(text, "answer = ", 'answer = "From outside."'), encoding="utf-8")
    return outside


def _link_file_outside(path: Path, outside: Path) -> None:
    path.unlink()
    path.symlink_to(outside / "story.toml")


def _link_article_outside(path: Path, outside: Path) -> None:
    article = path.parent / "article.txt"
    article.unlink()
    article.symlink_to(outside / "article.txt")


def _link_loop(path: Path, outside: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _delete_file(path: Path, outside: Path) -> None:
    path.unlink()


def _folder_instead(path: Path, outside: Path) -> None:
    path.unlink()
    path.mkdir()


def _delete_article(path: Path, outside: Path) -> None:
    (path.parent / "article.txt").unlink()


@pytest.mark.parametrize(
    ("misplace", "problem"),
    [
        (_link_file_outside, "the file must be inside the knowledge folder"),
        (_link_article_outside, "the article must be beside the file"),
        (_link_loop, "it is a link that leads back to itself"),
        (_delete_file, "file not found"),
        (_folder_instead, "cannot read the file"),
        (_delete_article, "cannot read"),
    ],
    ids=[
        "file-links-outside",
        "article-links-outside",
        "file-is-a-link-loop",
        "file-deleted",
        "folder-instead-of-file",
        "article-deleted",
    ],
)
async def test_reload_refuses_a_misplaced_file(
    standin: StandInDiscord, tmp_path: Path, misplace: Callable[[Path, Path], None], problem: str
) -> None:
    outside = _outside(tmp_path)
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        before = await troops_answer(standin)
        engine = bot.store.engine
        misplace(path, outside)
        on_disk = snapshot(path.parent, outside)
        report = await reload_with(standin)
        after = await troops_answer(standin)

    assert_refused(report, problem)
    assert bot.store.engine is engine
    assert after == before
    assert snapshot(path.parent, outside) == on_disk


@pytest.mark.parametrize(
    ("misplace", "problem"),
    [
        (_link_file_outside, "the file must be inside the knowledge folder"),
        (_link_article_outside, "the article must be beside the file"),
        (lambda path, outside: (path.parent / BACKUP_FOLDER).symlink_to(outside), "backups"),
        # A link that leads nowhere made the upload answer with the generic apology (Path.resolve's RuntimeError).
        (_link_loop, "it is a link that leads back to itself"),
    ],
    ids=["file-links-outside", "article-links-outside", "backups-link-outside", "file-is-a-link-loop"],
)
async def test_upload_refuses_to_go_through_a_link_outside_the_folder(
    standin: StandInDiscord, tmp_path: Path, misplace: Callable[[Path, Path], None], problem: str
) -> None:
    outside = _outside(tmp_path)
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        good = path.read_bytes().replace(b"Between 11,000 and 12,000.", b"Some 11,000 to 12,000.")
        before = await troops_answer(standin)
        engine = bot.store.engine
        misplace(path, outside)
        on_disk = snapshot(path.parent, outside)
        report = await reload_with(standin, *upload(standin, good))
        after = await troops_answer(standin)

    assert_refused(report, problem)
    assert bot.store.engine is engine
    assert after == before
    assert snapshot(path.parent, outside) == on_disk


async def test_upload_naming_an_article_outside_the_folder_is_refused(standin: StandInDiscord, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    async with story_bot(standin, tmp_path) as bot:
        folder = bot.store.path.parent
        text = bot.store.path.read_text(encoding="utf-8")
        escaping = _replace_line(text, "article = ", 'article = "../outside/article.txt"').encode()
        engine = bot.store.engine
        on_disk = snapshot(folder, outside)
        report = await reload_with(standin, *upload(standin, escaping))

    assert_refused(report, "the article must be beside the file")
    assert bot.store.engine is engine
    assert snapshot(folder, outside) == on_disk


# -- uploads that are not knowledge files at all ------------------------------------------------------------------


UploadMaker = Callable[[StandInDiscord], list[Payload]]


def _lying_about_size(standin: StandInDiscord) -> list[Payload]:
    option, attachment = upload(standin, b"# " + b"x" * TEN_MB)
    return [option, {**attachment, "size": 1_000}]


def _missing_download(standin: StandInDiscord) -> list[Payload]:
    option, attachment = upload(standin, b"")
    return [option, {**attachment, "url": attachment["url"].replace(attachment["id"], "0"), "size": 10}]


def _failing_download(standin: StandInDiscord) -> list[Payload]:
    standin.fail_next("GET", r"/attachments/.*", 503)
    return upload(standin, b"schema_version = 1\n")


def _unreachable_download(standin: StandInDiscord) -> list[Payload]:
    option, attachment = upload(standin, b"schema_version = 1\n")
    return [option, {**attachment, "url": f"http://127.0.0.1:{closed_port()}/attachments/1/story.toml"}]


@pytest.mark.parametrize(
    ("make_upload", "notice", "downloads"),
    [
        (lambda s: upload(s, b"\x89PNG\r\n\x1a\n", "story.png", content_type="image/png"), UPLOAD_NOT_TEXT, 0),
        (lambda s: upload(s, b"\x89PNG\r\n\x1a\n", "story.toml", content_type="image/png"), UPLOAD_NOT_TEXT, 0),
        (lambda s: upload(s, b"\x00\x01", "story.toml", content_type="application/octet-stream"), UPLOAD_NOT_TEXT, 0),
        (lambda s: upload(s, b"just notes", "notes.txt"), UPLOAD_NOT_TEXT, 0),
        (lambda s: upload(s, b"x" * TEN_MB), UPLOAD_TOO_BIG.format(size=TEN_MB, limit=MAX_FILE_BYTES), 0),
        (_lying_about_size, UPLOAD_TOO_BIG.format(size=TEN_MB + 2, limit=MAX_FILE_BYTES), 1),
        (_missing_download, UPLOAD_FAILED, 1),
        (_failing_download, UPLOAD_FAILED, 1),
        (_unreachable_download, UPLOAD_FAILED, 0),
    ],
    ids=[
        "image",
        "image-named-toml",
        "binary-named-toml",
        "text-not-toml",
        "ten-megabytes",
        "size-lied-about",
        "download-404",
        "download-503",
        "download-unreachable",
    ],
)
async def test_upload_that_is_not_a_knowledge_file_changes_nothing(
    standin: StandInDiscord, tmp_path: Path, make_upload: UploadMaker, notice: str, downloads: int
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        folder = bot.store.path.parent
        before = await troops_answer(standin)
        engine = bot.store.engine
        on_disk = snapshot(folder)
        report = await reload_with(standin, *make_upload(standin))
        after = await troops_answer(standin)

    assert report["content"] == notice
    assert report["flags"] & EPHEMERAL
    assert_fits_discord(report)
    assert len([r for r in standin.requests if r.path.startswith("/attachments/")]) == downloads
    assert bot.store.engine is engine
    assert after == before
    assert snapshot(folder) == on_disk


# -- the file changing while it is being reloaded -----------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _swap_in(path: Path, data: bytes) -> None:
    """Replace the file the way editors save: write beside it, then rename over it."""
    temporary = path.with_name(f".{path.name}.swap")
    temporary.write_bytes(data)
    os.replace(temporary, path)


@pytest.mark.parametrize("change", ["replaced", "deleted"])
async def test_file_changed_while_it_is_read_serves_exactly_the_version_read(
    standin: StandInDiscord, tmp_path: Path, change: str
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        read_version = path.read_bytes().replace(b"Between 11,000 and 12,000.", b"Read: 11,000 to 12,000.")
        later_version = path.read_bytes().replace(b"Between 11,000 and 12,000.", b"Later: 11,000 to 12,000.")
        path.write_bytes(read_version)
        parse = loader.parse_knowledge

        def change_file_then_parse(data: bytes, where: Path) -> loader.Knowledge:
            # The bytes are read; the file changes before they are checked and the article is read.
            if change == "replaced":
                _swap_in(path, later_version)
            else:
                path.unlink()
            return parse(data, where)

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(loader, "parse_knowledge", change_file_then_parse)
            report = await reload_with(standin)
        answer = await troops_answer(standin)
        served = bot.store.knowledge.digest
        second = await reload_with(standin)
        second_answer = await troops_answer(standin)

    assert RELOADED in embed_text(report)
    assert served == _digest(read_version)
    assert "Read: 11,000 to 12,000." in answer
    if change == "replaced":
        assert RELOADED in embed_text(second) and "Later: 11,000 to 12,000." in second_answer
    else:
        assert_refused(second, "file not found")
        assert second_answer == answer


async def test_article_deleted_while_the_file_is_read_is_refused(
    standin: StandInDiscord, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        before = await troops_answer(standin)
        engine = bot.store.engine
        parse = loader.parse_knowledge

        def delete_article_then_parse(data: bytes, where: Path) -> loader.Knowledge:
            (path.parent / "article.txt").unlink()
            return parse(data, where)

        monkeypatch.setattr(loader, "parse_knowledge", delete_article_then_parse)
        report = await reload_with(standin)
        after = await troops_answer(standin)

    assert_refused(report, "cannot read")
    assert bot.store.engine is engine and after == before


async def test_a_link_swapped_in_after_the_folder_check_is_not_followed(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    outside = _outside(tmp_path)
    async with story_bot(standin, tmp_path) as bot:
        path = bot.store.path
        before = await troops_answer(standin)
        engine = bot.store.engine
        resolve = Path.resolve
        swapped: list[Path] = []

        def resolve_then_swap(self: Path, strict: bool = False) -> Path:
            resolved = resolve(self, strict)
            if self == path and not swapped:  # the check has seen a plain file inside the folder
                swapped.append(resolved)
                link = path.with_name(".link")
                link.symlink_to(outside / "story.toml")
                os.replace(link, path)
            return resolved

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(Path, "resolve", resolve_then_swap)
            report = await reload_with(standin)
        after = await troops_answer(standin)

    assert swapped, "the loader checks where the file is"
    assert_refused(report, "the file was replaced by a link while being read")
    assert bot.store.engine is engine and after == before
    assert "From outside." not in after


# A small knowledge (the first entries of the shipped file) reloads in milliseconds, so many reloads race
# the thread that keeps swapping the file.
SMALL_ENTRIES = 3
RACED_RELOADS = 30


def _first_entries(text: str, count: int) -> str:
    starts = [match.start() for match in re.finditer(r"^\[\[entries\]\]", text, flags=re.MULTILINE)]
    return text[: starts[count]]


@asynccontextmanager
async def small_bot(standin: StandInDiscord, path: Path) -> AsyncIterator[StoryBot]:
    bot = build_bot(bot_settings(path), KnowledgeStore.open(path), guild_ready_timeout=GUILD_READY_TIMEOUT)
    async with running_bot(bot, standin, TOKEN) as running:
        yield running


class Swapper(threading.Thread):
    """Keeps changing the knowledge file: version A, a broken one, version B, none, a link outside."""

    def __init__(self, path: Path, versions: list[bytes], outside_file: Path) -> None:
        super().__init__(daemon=True)
        self.path = path
        self.versions = versions
        self.outside_file = outside_file
        self.stop = threading.Event()
        self.changes = 0

    def steps(self) -> Iterator[Callable[[], None]]:
        first, second = self.versions
        while True:
            yield lambda: _swap_in(self.path, first)
            yield lambda: _swap_in(self.path, b"[[entries]\n")
            yield lambda: _swap_in(self.path, second)
            yield lambda: self.path.unlink(missing_ok=True)
            yield self.link_outside

    def link_outside(self) -> None:
        link = self.path.with_name(".link")
        link.unlink(missing_ok=True)
        link.symlink_to(self.outside_file)
        os.replace(link, self.path)

    def run(self) -> None:
        for step in self.steps():
            if self.stop.is_set():
                return
            step()
            self.changes += 1
            time.sleep(0.0005)


async def test_reloads_racing_a_thread_that_swaps_the_file_are_each_all_or_nothing(
    standin: StandInDiscord, tmp_path: Path
) -> None:
    shipped = knowledge_copy(tmp_path / "source").read_text(encoding="utf-8")
    version_a = _first_entries(shipped, SMALL_ENTRIES).encode()
    version_b = _first_entries(shipped, SMALL_ENTRIES + 1).encode()
    outside = tmp_path / "outside"
    knowledge_copy(outside)
    outside_version = _first_entries(shipped, SMALL_ENTRIES + 2).encode()
    (outside / "story.toml").write_bytes(outside_version)
    path = knowledge_copy(tmp_path / "knowledge")
    path.write_bytes(version_a)
    valid = {_digest(version_a), _digest(version_b)}
    expected_problems = (
        "file not found",
        "TOML syntax error",
        "must be inside the knowledge folder",
        "replaced by a link while being read",
    )

    outcomes: list[str] = []
    async with small_bot(standin, path) as bot:
        swapper = Swapper(path, [version_a, version_b], outside / "story.toml")
        swapper.start()
        try:
            for _ in range(RACED_RELOADS):
                engine = bot.store.engine
                report = await reload_with(standin)
                text = embed_text(report)
                assert_fits_discord(report)
                if RELOADED in text:
                    outcomes.append("reloaded")
                    assert bot.store.knowledge.digest in valid
                else:
                    outcomes.append("refused")
                    assert REFUSED in text and any(problem in text for problem in expected_problems), text
                    assert bot.store.engine is engine
                knowledge = bot.store.knowledge
                assert len(knowledge.entries) in (SMALL_ENTRIES, SMALL_ENTRIES + 1)
        finally:
            swapper.stop.set()
            swapper.join()

    assert swapper.changes > RACED_RELOADS, "the file kept changing during the reloads"
    assert {"reloaded", "refused"} <= set(outcomes), outcomes  # about half and half
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
