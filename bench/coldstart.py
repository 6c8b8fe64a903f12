"""Section 4: cold start of `storybot ask` as a whole process, against a bare interpreter.

The commands run alternately (one untimed run of each first, to fill the page cache and the bytecode
cache: children may write it, see proc.py); the wall time of each whole process is taken with
`time.perf_counter_ns`. `storybot ask` is timed twice over: as it normally starts, with the knowledge
prepared in its cache (bot/core/cache.py; a cache folder of this run, filled by the untimed run), and
as it first starts after the file or the code changed, with an empty cache folder each time. One extra
run under `python -X importtime` names the imports that cost the most, and the phase breakdown comes
from bench/memory.py."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bench.proc import ROOT, child_env, run
from bench.report import Table, duration, ratio

STORYBOT = Path(sys.executable).parent / "storybot"
QUESTION = "how many nk troops"
RUNS = 7
TARGET_NS = 300_000_000
TOP_IMPORTS = 8


@dataclass(frozen=True)
class ColdStart:
    """Whole-process wall times (ns) of `storybot ask` (prepared, and with an empty cache) and of `python -c pass`."""

    storybot: list[int]
    first_start: list[int]
    bare: list[int]
    imports: list[tuple[str, int, int]]  # module, self µs, cumulative µs

    @property
    def median(self) -> float:
        return statistics.median(self.storybot)

    @property
    def bare_median(self) -> float:
        return statistics.median(self.bare)


def _run(command: Sequence[str], env: Mapping[str, str] | None = None) -> int:
    start = time.perf_counter_ns()
    run(command, env=env)
    return time.perf_counter_ns() - start


def slowest_imports(env: Mapping[str, str], limit: int = TOP_IMPORTS) -> list[tuple[str, int, int]]:
    """The imports of `storybot ask` with the most self time (python -X importtime)."""
    command = [sys.executable, "-X", "importtime", "-m", "bot", "ask", QUESTION]
    done = subprocess.run(command, cwd=ROOT, env={**child_env(), **env}, capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line.removeprefix("import time:").split("|")
        rows.append((name.strip(), int(own), int(cumulative)))
    return sorted(rows, key=lambda row: row[1], reverse=True)[:limit]


def measure(runs: int = RUNS) -> ColdStart:
    storybot = [str(STORYBOT), "ask", QUESTION]
    bare = [sys.executable, "-c", "pass"]
    storybot_times, first_times, bare_times = [], [], []
    with tempfile.TemporaryDirectory(prefix="storybot-bench-") as folder:
        cached = {"XDG_CACHE_HOME": f"{folder}/cache"}
        _run(storybot, cached)
        _run(bare)
        for number in range(runs):
            storybot_times.append(_run(storybot, cached))
            first_times.append(_run(storybot, {"XDG_CACHE_HOME": f"{folder}/empty-{number}"}))
            bare_times.append(_run(bare))
        imports = slowest_imports(cached)
    return ColdStart(storybot_times, first_times, bare_times, imports)


def table(result: ColdStart) -> Table:
    out = Table("4. Cold start, whole process", ["command", "median", "min", "max", "runs"])
    rows = (
        (f'storybot ask "{QUESTION}"', result.storybot),
        ("  same, first start (empty cache)", result.first_start),
        ("python -c pass", result.bare),
    )
    for name, times in rows:
        out.add(name, duration(statistics.median(times)), duration(min(times)), duration(max(times)), len(times))
    out.notes.append(
        f"ratio storybot / bare interpreter: {ratio(result.median, result.bare_median)}; "
        f"storybot minus interpreter start: {duration(result.median - result.bare_median)}. The first start "
        "after the knowledge file or the code changed also prepares the file and writes the cache."
    )
    return out


def imports_table(result: ColdStart) -> Table:
    out = Table(
        "4b. Slowest imports of `storybot ask` (python -X importtime, one run)", ["module", "self", "cumulative"]
    )
    for name, own, cumulative in result.imports:
        out.add(name, duration(own * 1_000), duration(cumulative * 1_000))
    return out
