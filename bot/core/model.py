"""The knowledge file's schema: pydantic models for what moderators write by hand."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

SCHEMA_VERSION = 1

# Caps keep one careless (or hostile) file from making every answer huge or every match slow.
MAX_TEXT_CHARS = 1_000
MAX_QUOTE_CHARS = 2_000
MAX_PHRASINGS = 150
MAX_ENTRIES = 20_000

ENTRY_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]
Identifier = Annotated[str, StringConstraints(pattern=ENTRY_ID_PATTERN, max_length=64)]


class StrictModel(BaseModel):
    """Base for every knowledge model: unknown keys are typos, so they are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Story(StrictModel):
    """The one news story the knowledge is about."""

    title: Text = Field(description="Headline shown by /about and /sources.")
    article: Text = Field(description="Path of the article text, relative to the knowledge file.")
    summary: Text = Field(description="One or two sentences shown by /about.")


class Source(StrictModel):
    """A published source that the article names."""

    id: Identifier = Field(description="Stable id that evidence refers to.")
    title: Text = Field(description="The source's title, as the article names it.")
    publisher: Text | None = Field(default=None, description="Who published it, when the article says.")
    url: Text | None = Field(default=None, description="Link to the source, when the article gives one.")

    @field_validator("url")
    @classmethod
    def _url_is_web_link(cls, url: str | None) -> str | None:
        if url is not None and not re.match(r"^https?://\S+$", url):
            raise ValueError("must be an http(s) link without spaces")
        return url


class Evidence(StrictModel):
    """A verbatim article sentence that supports an answer, and who published it."""

    quote: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_QUOTE_CHARS)] = Field(
        description="Text copied verbatim from the article."
    )
    source: Identifier = Field(description="Id of the published source that reports it.")


class Entry(StrictModel):
    """One curated question with its answer and evidence."""

    id: Identifier = Field(description="Stable id, shown in answer footers; never reuse one.")
    topic: Text = Field(description="Group shown by /fact and its autocomplete.")
    question: Text = Field(description="The canonical question.")
    phrasings: list[Text] = Field(
        default_factory=list,
        max_length=MAX_PHRASINGS,
        description="Other ways people ask it: short, slang, synonyms. Typos are the matcher's job.",
    )
    near_misses: list[Text] = Field(
        default_factory=list,
        max_length=MAX_PHRASINGS,
        description="Questions that sound like this one but that the article does not answer: the bot abstains "
        "on these and on questions closer to them than to any phrasing.",
    )
    answer: Text = Field(description="A short plain answer.")
    evidence: list[Evidence] = Field(min_length=1, description="Verbatim quotes the answer rests on.")
    key: bool = Field(default=False, description="A key fact: listed by /facts.")


class KnowledgeFile(StrictModel):
    """The whole knowledge file, as written on disk."""

    schema_version: int = Field(description="Format version of this file.")
    draft: bool = Field(
        default=False,
        description="Set by `storybot draft`: a draft is refused until a person has written it and removed this.",
    )
    story: Story
    sources: list[Source] = Field(min_length=1)
    synonyms: dict[Text, list[Text]] = Field(
        default_factory=dict,
        description="Canonical term -> words people use for it (DPRK, Pyongyang -> north korea).",
    )
    entries: list[Entry] = Field(min_length=1, max_length=MAX_ENTRIES)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version != SCHEMA_VERSION:
            raise ValueError(f"this storybot reads schema_version {SCHEMA_VERSION}")
        return version
