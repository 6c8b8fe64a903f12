"""Publish the knowledge file format as JSON Schema, so editors can check files as they are typed."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.model import KnowledgeFile

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "knowledge" / "schema.json"


def knowledge_schema_text() -> str:
    """Return the JSON Schema of the knowledge file, as stored in knowledge/schema.json."""
    schema = KnowledgeFile.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "storybot knowledge file"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
