"""The loader: a good file loads; every kind of broken file is one KnowledgeError naming the problems."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from bot.core.errors import KnowledgeError, Problem
from bot.core.loader import MAX_ARTICLE_BYTES, MAX_FILE_BYTES, load_knowledge, parse_knowledge
from tests.helpers import SHIPPED, copy_knowledge, edited


def problems_of(path: Path, *, root: Path | None = None) -> list[Problem]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path, root=root)
    return caught.value.problems


def test_shipped_file_validates() -> None:
    knowledge = load_knowledge(SHIPPED)
    assert len(knowledge.entries) >= 40
    assert knowledge.key_entries
    assert len(knowledge.data.sources) == 3
    for entry in knowledge.data.entries:
        for evidence in entry.evidence:
            assert evidence.source in knowledge.sources


def test_shipped_sources_keep_the_article_titles() -> None:
    knowledge = load_knowledge(SHIPPED)
    for source in knowledge.data.sources:
        assert source.title in knowledge.article


@pytest.mark.parametrize(
    ("old", "new", "message", "field"),
    [
        ('id = "troop-count"', 'id = "casualties"', "duplicate id", "id"),
        ('source = "nk-confirms-troops-report"', 'source = "nobody"', "unknown source", "evidence[0].source"),
        (
            "marking its first official admission of direct",
            "marking its first admission of direct",
            "quote not found",
            "evidence[1].quote",
        ),
        ('question = "How many North Korean', 'questionn = "How many North Korean', "Extra inputs", "questionn"),
        ("key = true\nquestion", "key = 3\nquestion", "valid boolean", "key"),
        ('id = "troop-count"', 'id = "Troop Count!"', "should match pattern", "id"),
    ],
)
def test_each_broken_entry_is_named(tmp_path: Path, old: str, new: str, message: str, field: str) -> None:
    path = edited(copy_knowledge(tmp_path), old, new)
    problems = problems_of(path)
    assert any(message in p.message and p.field == field and p.entry and p.line for p in problems), problems


def test_missing_required_field(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    text = path.read_text(encoding="utf-8")
    start = text.index('answer = "Between')
    path.write_text(text[:start] + text[text.index("\n", start) + 1 :], encoding="utf-8")
    problems = problems_of(path)
    assert [(p.entry, p.field) for p in problems] == [("troop-count", "answer")]
    assert "Field required" in problems[0].message


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), 'source = "putin-thanks-report"', 'source = "ghost"')
    edited(path, "at least 1,000 North Korean troops", "at least 9,000 North Korean troops")
    problems = problems_of(path)
    assert len(problems) >= 2
    assert {"unknown source 'ghost'"} <= {p.message for p in problems}


def test_shared_phrasing_is_refused(tmp_path: Path) -> None:
    condemnation = load_knowledge(SHIPPED).entries["condemnation"].question
    path = edited(copy_knowledge(tmp_path), "phrasings = [", f'phrasings = [\n  "{condemnation.upper()}",')
    problems = problems_of(path)
    assert any("also used by entry" in p.message for p in problems), problems


def test_phrasing_naming_someone_the_entry_never_does_is_refused(tmp_path: Path) -> None:
    # The first entry's answer and evidence name South Korea and the West, never China: the phrasing would let it
    # answer what China said. Its leader and its people are North Korea's, which the headline names.
    path = edited(
        copy_knowledge(tmp_path),
        "phrasings = [",
        'phrasings = [\n  "did china confirm the troops",\n  "did kim admit the north korean troops were there",',
    )
    problems = [p for p in problems_of(path) if p.field == "phrasings"]
    assert [(p.entry, "names china" in p.message) for p in problems] == [("nk-confirms-troops", True)], problems


def test_near_miss_that_reads_as_a_phrasing_is_refused(tmp_path: Path) -> None:
    # The first entry's phrasing "did north korea admit sending troops", with "dprk" a synonym of North Korea.
    path = edited(
        copy_knowledge(tmp_path), "near_misses = [", 'near_misses = [\n  "did the dprk admit sending troops",'
    )
    problems = problems_of(path)
    assert any("reads as its phrasing" in p.message and p.entry == "nk-confirms-troops" for p in problems), problems


def test_near_miss_of_the_headlines_words_only_is_refused(tmp_path: Path) -> None:
    # "us" is the pronoun: what is left is the story's own "are troops fighting in ukraine".
    near_miss = '  "are us troops fighting in ukraine",'
    path = edited(copy_knowledge(tmp_path), "near_misses = [", f"near_misses = [\n{near_miss}")
    problems = problems_of(path)
    assert any("headline's words only" in p.message for p in problems), problems


def test_synonym_listed_under_two_terms(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), '"kursk" = ["kursk region"', '"kursk" = ["pyongyang", "kursk region"')
    assert any("also a synonym of" in p.message for p in problems_of(path))


def test_draft_is_refused_until_finished(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), "schema_version = 1", "schema_version = 1\ndraft = true")
    assert any("draft" in p.message for p in problems_of(path))


def test_unknown_schema_version(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), "schema_version = 1", "schema_version = 99")
    assert any(p.field == "schema_version" for p in problems_of(path))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "file is empty"),
        (b"   \n\n", "file is empty"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (bytes(range(256)) * 4, "not UTF-8"),
        (b"schema_version = 1\n[story\ntitle = 'x'\n", "TOML syntax error"),
        (b"x" * (MAX_FILE_BYTES + 1), "larger than"),
        (b"schema_version = 1\n", "Field required"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "story.toml"
    path.write_bytes(data)
    assert any(message in p.message for p in problems_of(path))


def test_nesting_too_deep_for_the_toml_reader_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("x = " + "[" * 5_000 + "]" * 5_000 + "\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert "nested too deep" in problem.message


@pytest.mark.parametrize("article", ["art\\u0000x.txt", "loop.txt"])
def test_an_article_path_that_cannot_be_resolved_is_refused(tmp_path: Path, article: str) -> None:
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    path = edited(copy_knowledge(tmp_path), 'article = "article.txt"', f'article = "{article}"')
    (problem,) = problems_of(path)
    assert problem.field == "story.article"
    assert problem.message == "not a path that can be read"


@pytest.mark.parametrize("article", ["story.toml", "./story.toml", "link.txt"])
def test_an_article_that_is_the_knowledge_file_itself_is_refused(tmp_path: Path, article: str) -> None:
    """Its quotes would all be found "in the article": the file would vouch for itself."""
    (tmp_path / "link.txt").symlink_to("story.toml")
    path = edited(copy_knowledge(tmp_path), 'article = "article.txt"', f'article = "{article}"')
    (problem,) = problems_of(path, root=tmp_path)
    assert problem.field == "story.article"
    assert problem.message == "the article must be a text of its own, not the knowledge file"


def test_a_knowledge_file_that_is_a_link_loop_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "story.toml"
    link.symlink_to(link)
    (problem,) = problems_of(link, root=tmp_path)
    assert problem.message == "cannot read the file: it is a link that leads back to itself"


def test_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "story.toml"
    path.write_text("schema_version = 1\n\n[story\n", encoding="utf-8")
    (problem,) = problems_of(path)
    assert problem.line == 3
    assert str(problem).startswith("story.toml:3")


def test_missing_file() -> None:
    (problem,) = problems_of(Path("/nonexistent/story.toml"))
    assert problem.message == "file not found"


def test_symlink_outside_the_knowledge_folder_is_refused(tmp_path: Path) -> None:
    outside = copy_knowledge(tmp_path / "elsewhere")
    folder = tmp_path / "knowledge"
    folder.mkdir()
    link = folder / "story.toml"
    link.symlink_to(outside)
    (folder / "article.txt").write_bytes((outside.parent / "article.txt").read_bytes())
    (problem,) = problems_of(link, root=folder)
    assert "inside the knowledge folder" in problem.message
    assert load_knowledge(link).entries  # without a root the same file is fine


def test_article_outside_the_folder_is_refused(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path / "k"), 'article = "article.txt"', 'article = "../../etc/passwd"')
    assert any(p.field == "story.article" for p in problems_of(path))


def test_huge_strings_are_refused(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), 'answer = "Between', 'answer = "' + "x" * 5000 + " Between")
    assert any(p.field == "answer" and "at most" in p.message for p in problems_of(path))


def test_parse_bytes_as_if_stored_at_a_path(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    knowledge = parse_knowledge(path.read_bytes(), path)
    assert knowledge.path == path
    assert len(knowledge.digest) == 64


def test_unreadable_permissions(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path.chmod(0)
    assert "cannot read" in problems_of(path)[0].message


def test_error_message_lists_every_problem() -> None:
    error = KnowledgeError([Problem("a.toml", "one", entry="e", field="f", line=3), Problem("a.toml", "two")])
    assert str(error).splitlines() == [
        "2 problems in the knowledge file:",
        "- a.toml:3 entry 'e' field 'f': one",
        "- a.toml: two",
    ]


def test_a_link_swapped_while_the_path_is_resolved_is_refused_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # os.path.realpath reads a link that a plain file replaced in between: readlink fails with EINVAL.
    path = copy_knowledge(tmp_path)

    def swapped(self: Path, strict: bool = False) -> Path:
        raise OSError(errno.EINVAL, "Invalid argument", str(self))

    monkeypatch.setattr(Path, "resolve", swapped)
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path, root=path.parent)
    assert "replaced by a link while being read" in str(caught.value)


def test_a_phrasing_with_a_huge_number_validates_or_is_refused_cleanly(tmp_path: Path) -> None:
    path = edited(copy_knowledge(tmp_path), "phrasings = [", f'phrasings = [\n  "how many {"9" * 900}k troops",')
    assert load_knowledge(path).entries


def test_an_integer_too_long_for_python_is_a_toml_error(tmp_path: Path) -> None:
    # tomllib raises a plain ValueError (not TOMLDecodeError) for it: `storybot validate` showed a traceback.
    data = SHIPPED.read_bytes().replace(b"schema_version = 1", b"schema_version = " + b"9" * 5000, 1)
    with pytest.raises(KnowledgeError, match="TOML syntax error"):
        parse_knowledge(data, tmp_path / "story.toml")


def test_a_knowledge_file_saved_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    # Windows editors may save "UTF-8" with one: it was refused as "TOML syntax error: Invalid statement".
    path = copy_knowledge(tmp_path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_knowledge(path).entries
    with pytest.raises(KnowledgeError, match="file is empty"):
        parse_knowledge(b"\xef\xbb\xbf \n", path)
    with pytest.raises(KnowledgeError, match=r"not UTF-8 text \(byte 7\)"):
        parse_knowledge(b"\xef\xbb\xbfx = \xff", path)


def test_a_quote_that_only_compatibility_normalisation_finds_is_refused(tmp_path: Path) -> None:
    # NFKC read the article's footnote mark "12,000¹" as "12,0001": the quote passed as verbatim, and every answer
    # citing it showed a number the article never states.
    path = copy_knowledge(tmp_path)
    article = path.with_name("article.txt")
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "deploying 11,000-12,000 troops", "deploying 11,000-12,000¹ troops"
        ),
        encoding="utf-8",
    )
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("deploying 11,000-12,000 troops", "deploying 11,000-12,0001 troops"), encoding="utf-8")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    problems = caught.value.problems
    assert len(problems) == 3 and all(p.message.startswith("quote not found in the article") for p in problems)


def test_a_quote_with_its_accents_typed_apart_is_still_verbatim(tmp_path: Path) -> None:
    path = copy_knowledge(tmp_path)
    article = path.with_name("article.txt")
    # The article's "ó" is one character; the quotes' is an "o" and a combining accent: the same text.
    said = "This announcement comes months after"
    article.write_text(article.read_text(encoding="utf-8").replace(said, said.replace("o", "\u00f3")), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(said, said.replace("o", "o\u0301")), encoding="utf-8")
    assert load_knowledge(path).entries


def test_an_article_over_the_cap_is_refused_not_cut(tmp_path: Path) -> None:
    # It was read up to the cap: quotes past it were "not found", and a cut inside a character "not UTF-8".
    path = copy_knowledge(tmp_path)
    article = path.with_name("article.txt")
    article.write_text(article.read_text(encoding="utf-8") + "é" * MAX_ARTICLE_BYTES, encoding="utf-8")
    with pytest.raises(KnowledgeError, match="the article is larger than 1,000,000 bytes"):
        load_knowledge(path)


def test_a_phrasing_or_synonym_with_no_words_is_refused(tmp_path: Path) -> None:
    # They validated, but "???" can never be matched, and a synonym "!!!" mapped its variants to an empty word.
    path = edited(copy_knowledge(tmp_path), "phrasings = [", 'phrasings = [\n  "???",')
    edited(path, "[synonyms]\n", '[synonyms]\n"!!!" = ["wow"]\n')
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(path)
    assert sorted(problem.message for problem in caught.value.problems) == [
        "'!!!' has no words",
        "phrasing '???' has no words",
    ]
