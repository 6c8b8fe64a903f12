"""Text in and out of a terminal: input that is not UTF-8, a closed input, JSON that stays on one line."""

from __future__ import annotations

import io
import json
import sys
from typing import TextIO


def standard_input() -> TextIO:
    """Return standard input, bytes it cannot decode read as U+FFFD rather than stopping the command.

    Without this, Python stops at the first byte that is not UTF-8 (a Latin-1 file) in most locales, and in the C
    locale passes it on as a lone surrogate that cannot be printed as UTF-8. Closed (`<&-`), it is empty.

    A line ends at LF, CR LF or a bare CR (universal newlines, each read as LF): outside Windows, Python splits
    standard input at LF alone, so text with bare CRs (old Mac files, some terminals) was one question.
    """
    if sys.stdin is None:
        return io.StringIO()
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace", newline=None)
    return sys.stdin


def readable(text: str) -> str:
    """Return `text` with each lone surrogate as U+FFFD.

    Python keeps the bytes of an argument (or input) that are not UTF-8 as lone surrogates; printed as UTF-8 they
    raise UnicodeEncodeError, or come out as the same invalid bytes (not JSON, whose text is UTF-8).
    """
    try:
        data = text.encode("utf-8", "surrogateescape")  # the bytes as they came: one U+FFFD for each
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        data = text.encode("utf-8", "surrogatepass")
    return data.decode("utf-8", "replace")


# Line breaks to str.splitlines() that JSON leaves as they are: escaped, so an object is one line to every reader.
_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def json_line(value: object) -> str:
    """Return `value` as JSON on exactly one line."""
    return json.dumps(value, ensure_ascii=False).translate(_LINE_BREAKS)
