"""Tables printed as aligned text and as markdown, and the formatting of figures."""

from __future__ import annotations

import math
import os
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime


@dataclass
class Table:
    """A titled table; columns whose cells are all figures are right-aligned."""

    title: str
    headers: Sequence[str]
    rows: list[Sequence[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        if len(cells) != len(self.headers):
            raise ValueError(f"{self.title}: {len(cells)} cells for {len(self.headers)} columns")
        self.rows.append([str(cell) for cell in cells])

    def _numeric(self, column: int) -> bool:
        cells = [row[column] for row in self.rows if row[column] not in ("", "-")]
        return bool(cells) and all(_looks_numeric(cell) for cell in cells)

    def text(self) -> str:
        widths = [max(len(str(cell)) for cell in column) for column in zip(self.headers, *self.rows, strict=True)]
        right = [self._numeric(column) for column in range(len(self.headers))]

        def line(cells: Sequence[str]) -> str:
            padded = (
                cell.rjust(width) if is_right else cell.ljust(width)
                for cell, width, is_right in zip(cells, widths, right, strict=True)
            )
            return "  ".join(padded).rstrip()

        rule = "  ".join("-" * width for width in widths)
        body = [line(self.headers), rule, *(line(row) for row in self.rows)]
        notes = [f"  {note}" for note in self.notes]
        return "\n".join([self.title, "=" * len(self.title), *body, *notes])

    def markdown(self) -> str:
        right = [self._numeric(column) for column in range(len(self.headers))]
        header = "| " + " | ".join(self.headers) + " |"
        rule = "|" + "|".join("---:" if is_right else "---" for is_right in right) + "|"
        rows = ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in self.rows]
        notes = [f"\n{note}" for note in self.notes]
        return "\n".join([f"**{self.title}**", "", header, rule, *rows, *notes])


def _looks_numeric(cell: str) -> bool:
    head = cell.lstrip("<>~≤≥ ").split(" ")[0].rstrip("%×x")
    try:
        for part in head.split("/"):
            float(part.replace(",", ""))
    except ValueError:
        return cell in ("∞", "n/a")
    return True


def duration(nanoseconds: float) -> str:
    """A duration in the unit that reads best: 850 µs, 1.23 ms, 4.5 s."""
    if nanoseconds < 1_000_000:
        return f"{nanoseconds / 1_000:.0f} µs"
    if nanoseconds < 1_000_000_000:
        return f"{nanoseconds / 1_000_000:.2f} ms"
    return f"{nanoseconds / 1_000_000_000:.1f} s"


def percent(rate: float) -> str:
    return f"{100 * rate:.1f}%"


def ratio(ours: float, theirs: float) -> str:
    """ours / theirs with a times sign ("∞" when theirs is zero and ours is not)."""
    if theirs == 0:
        return "∞" if ours else "n/a"
    value = ours / theirs
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.2g}×"


def megabytes(kilobytes: float) -> str:
    return f"{kilobytes / 1024:.1f} MB"


def percentile(samples: Sequence[int], share: float) -> float:
    """Nearest-rank percentile (share in 0-1) of unsorted samples."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    rank = min(len(ordered), max(1, math.ceil(share * len(ordered))))
    return float(ordered[rank - 1])


def machine() -> dict[str, str]:
    """Date and machine, for the top of the report."""
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            names = [line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")]
        if names:
            cpu = names[0]
    except OSError:
        pass
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "platform": platform.platform(),
        "cpu": f"{cpu} ({os.cpu_count()} logical CPUs)",
        "python": f"{platform.python_implementation()} {sys.version.split()[0]}",
    }
