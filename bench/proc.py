"""Child processes of the benchmark, and the peak memory of a process.

Children run with the bytecode cache on (PYTHONDONTWRITEBYTECODE removed from their environment, as in a
deployed install): with it set and the sources newer than their .pyc files, every start would compile
the bot's modules again and the cold start would measure the compiler.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What `python -c pass` peaks at, measured the same way as peak_rss_kb (kept to the standard library).
BARE_PEAK = (
    "import resource\n"
    "try:\n"
    "    lines = open('/proc/self/status').read().splitlines()\n"
    "    print(next(int(line.split()[1]) for line in lines if line.startswith('VmHWM:')))\n"
    "except (OSError, StopIteration):\n"
    "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
)


def child_env() -> dict[str, str]:
    """The environment of a child process: ours, with the bytecode cache allowed."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def peak_rss_kb() -> int:
    """This process's peak resident memory in KB.

    Linux's VmHWM belongs to the process's own memory map, so it starts afresh at exec; ru_maxrss does not
    (a child started from a big parent reports at least the parent's size), so it is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def python(*args: str, timeout: float | None = None) -> str:
    """Run this interpreter with `args` in the project folder; return its last line of output."""
    return run([sys.executable, *args], timeout=timeout).strip().splitlines()[-1]


def run(command: Sequence[str], timeout: float | None = None, env: Mapping[str, str] | None = None) -> str:
    """Run a command in the project folder with child_env() (and `env`); return its output, raise if it fails."""
    environment = {**child_env(), **(env or {})}
    done = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout
