"""Domain errors: a knowledge file that cannot be served, with every problem and where it is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a knowledge file, located as precisely as we can."""

    file: str
    message: str
    entry: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = Path(self.file).name
        if self.line is not None:
            where += f":{self.line}"
        if self.entry is not None:
            where += f" entry {_label(self.entry)}"
        if self.field is not None:
            where += f" field {_label(self.field)}"
        return f"{where}: {self.message}"


# Entry ids and field names come from the file; a runaway one (a 400,000-character key) is cut, so the
# message after it still shows when the problem is clipped to fit a Discord message.
MAX_LABEL_CHARS = 80


def _label(text: str) -> str:
    return repr(text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…")


class KnowledgeError(Exception):
    """A knowledge file failed to load; `problems` lists all that is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the knowledge file:\n{lines}")
