"""Synthetic knowledge of any size, and questions about it, for the scaling benchmark.

Each entry has four content words (about 70% made up from syllables, 30% real words from the shipped
article), a canonical question and ten phrasings built from them, an answer and one evidence quote that is
a sentence of the synthetic article. The shipped file's synonym table is kept so normalisation does the
same work as in production.

The Knowledge object is built the realistic but quick way: every entry is validated by pydantic, but the
loader's cross-check (every quote searched in the article, phrasings shared between entries) is skipped;
it is a load-time cost, not a per-question one. The file format caps a knowledge file at
`MAX_ENTRIES` entries, so a larger synthetic file is assembled with `model_construct` from entries that
were each validated.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from bot.core.lexicon import STOPWORDS
from bot.core.loader import Knowledge, load_knowledge
from bot.core.model import MAX_ENTRIES, Entry, KnowledgeFile, Source, Story

SHIPPED = Path(__file__).resolve().parent.parent / "knowledge" / "story.toml"

MADE_UP_WORDS = 4_000
REAL_WORD_SHARE = 0.3
CONTENT_WORDS = 4
PHRASINGS = 10
STARTS = (
    "what",
    "how",
    "why",
    "who",
    "where",
    "when",
    "did",
    "does",
    "is",
    "was",
    "what about",
    "tell me about",
    "how many",
    "any news on",
    "explain",
    "so",
)
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "gr", "tr", "sh")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ou")
_CODAS = ("", "", "n", "r", "s", "l", "k")


@dataclass(frozen=True)
class SyntheticQuestion:
    """A question about synthetic knowledge: `expect` is the entry it was made from (None: unanswerable)."""

    text: str
    expect: str | None


@dataclass(frozen=True)
class Synthetic:
    """A synthetic knowledge file and its vocabulary."""

    knowledge: Knowledge
    made_up: tuple[str, ...]
    real: tuple[str, ...]
    content: dict[str, tuple[str, ...]]


def real_words(article: str) -> list[str]:
    """Distinct plain words of the shipped article (no filler), in order of first use."""
    words = re.findall(r"[a-z]{4,}", article.casefold())
    return [word for word in dict.fromkeys(words) if word not in STOPWORDS]


def made_up_words(rng: random.Random, count: int, avoid: set[str]) -> list[str]:
    """`count` distinct pronounceable non-words of two or three syllables."""
    words: dict[str, None] = {}
    while len(words) < count:
        syllables = rng.choice((2, 2, 3))
        word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(syllables))
        if word not in avoid:
            words[word] = None
    return list(words)


def build(size: int, *, seed: int = 4) -> Synthetic:
    """Make a knowledge file with `size` entries (validated entry by entry, no cross-check)."""
    rng = random.Random(seed)
    shipped = load_knowledge(SHIPPED)
    real = real_words(shipped.article)
    made_up = made_up_words(rng, MADE_UP_WORDS, set(real))
    entries: list[Entry] = []
    quotes: list[str] = []
    content: dict[str, tuple[str, ...]] = {}
    for number in range(size):
        words = tuple(
            rng.choice(real) if rng.random() < REAL_WORD_SHARE else rng.choice(made_up) for _ in range(CONTENT_WORDS)
        )
        entry_id = f"entry-{number}"
        content[entry_id] = words
        quote = f"{words[0].capitalize()} {words[1]} was {words[2]} near {words[3]} by {rng.choice(made_up)}."
        quotes.append(quote)
        phrasings = []
        for _ in range(PHRASINGS):
            picked = rng.sample(words, rng.randint(2, CONTENT_WORDS))
            if rng.random() < 0.3:
                picked.append(rng.choice(real))
            phrasings.append(f"{rng.choice(STARTS)} {' '.join(picked)}")
        raw = {
            "id": entry_id,
            "topic": f"topic {number % 50}",
            "question": f"{rng.choice(STARTS)} {' '.join(words)}?",
            "phrasings": phrasings,
            "answer": f"The {words[0]} {words[1]} is {rng.choice(made_up)}.",
            "evidence": [{"quote": quote, "source": "synthetic"}],
        }
        entries.append(Entry.model_validate(raw))
    story = Story(title="Synthetic story", article="article.txt", summary="Generated for the benchmark.")
    sources = [Source(id="synthetic", title="Synthetic source")]
    fields = {
        "schema_version": 1,
        "story": story,
        "sources": sources,
        "synonyms": dict(shipped.data.synonyms),
        "entries": entries,
    }
    if size <= MAX_ENTRIES:
        data = KnowledgeFile.model_validate(fields)
    else:
        data = KnowledgeFile.model_construct(draft=False, **fields)  # type: ignore[arg-type]
    article = "\n".join(quotes)
    knowledge = Knowledge(data, article, Path(f"synthetic-{size}.toml"), digest=f"synthetic-{size}-{seed}")
    return Synthetic(knowledge, tuple(made_up), tuple(real), content)


def questions(synthetic: Synthetic, count: int, *, seed: int = 7) -> list[SyntheticQuestion]:
    """Half perturbed phrasings of random entries (a word dropped, maybe a typo), half random words."""
    rng = random.Random(seed)
    entry_ids = list(synthetic.content)
    vocabulary = synthetic.made_up + synthetic.real
    out: list[SyntheticQuestion] = []
    for number in range(count):
        if number % 2 == 0:
            entry_id = rng.choice(entry_ids)
            words = list(synthetic.content[entry_id])
            del words[rng.randrange(len(words))]
            rng.shuffle(words)
            if rng.random() < 0.5:
                words = [_typo(rng, word) for word in words]
            out.append(SyntheticQuestion(f"{rng.choice(STARTS)} {' '.join(words)}", entry_id))
        else:
            words = [rng.choice(vocabulary) for _ in range(rng.randint(2, 5))]
            out.append(SyntheticQuestion(f"{rng.choice(STARTS)} {' '.join(words)}", None))
    return out


def _typo(rng: random.Random, word: str) -> str:
    """Swap two neighbouring letters of a long word (the kind of typo the engine fixes)."""
    if len(word) < 6 or rng.random() < 0.5:
        return word
    at = rng.randrange(1, len(word) - 1)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
