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
            where += f" entry {self.entry!r}"
        if self.field is not None:
            where += f" field {self.field!r}"
        return f"{where}: {self.message}"


class KnowledgeError(Exception):
    """A knowledge file failed to load; `problems` lists all that is wrong with it."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(f"- {problem}" for problem in problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the knowledge file:\n{lines}")
