"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Annotated, Literal

from dotenv import load_dotenv
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic.functional_validators import BeforeValidator

DEFAULT_KNOWLEDGE_FILE = Path(__file__).resolve().parent.parent / "knowledge" / "story.toml"
DEFAULT_DATABASE_FILE = Path("storybot.sqlite3")
# Records are kept at most this long, so no report looks further back.
MAX_RETENTION_DAYS = 3650


class SettingsError(Exception):
    """A setting is missing or malformed; the message is one line, safe to print (no secrets)."""


def _id_list(value: object) -> object:
    """Read "123, 456" (as written in .env) as a list of ids."""
    if isinstance(value, str):
        return [part for part in value.replace(",", " ").split() if part]
    return value


# Discord ids (snowflakes) are positive 64-bit numbers: anything else is no server, channel or role.
DiscordId = Annotated[int, Field(gt=0, lt=2**64)]
IdList = Annotated[list[DiscordId], BeforeValidator(_id_list)]
# More shards than this many digits is no bot (Discord's largest run thousands); int() also refuses 4,300 digits.
MAX_SHARD_DIGITS = 6


class Settings(BaseModel):
    """Everything the bot reads from its environment. Field names are the variable names."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    DISCORD_TOKEN: SecretStr | None = None
    KNOWLEDGE_FILE: Path = DEFAULT_KNOWLEDGE_FILE
    GUILD_IDS: IdList = Field(default_factory=list)
    ANSWER_CHANNEL_IDS: IdList = Field(default_factory=list)
    MODERATOR_ROLE_IDS: IdList = Field(default_factory=list)
    COOLDOWN_QUESTIONS: int = Field(default=5, ge=1, le=1000)
    COOLDOWN_SECONDS: float = Field(default=60.0, gt=0, le=86_400)
    MAX_QUESTION_LENGTH: int = Field(default=500, ge=10, le=4000)
    # None: one connection; a number: that many shards; "auto": as many as Discord advises.
    SHARD_COUNT: Annotated[int, Field(ge=1)] | Literal["auto"] | None = None
    LOG_LEVEL: str = "INFO"
    DATABASE_FILE: Path = DEFAULT_DATABASE_FILE
    RETENTION_DAYS: int = Field(default=30, ge=1, le=MAX_RETENTION_DAYS)
    WATCH_KNOWLEDGE: bool = False
    WATCH_SECONDS: float = Field(default=5.0, ge=0.01, le=3600)  # 1e-300 would be a busy loop

    @field_validator("DISCORD_TOKEN", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("SHARD_COUNT", mode="before")
    @classmethod
    def _auto_shards(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        text = value.strip().lower()
        if text in ("", "auto"):
            return text or None
        # ASCII digits only: "²" is a digit to isdigit(), but int() refuses it (and its error echoes the value).
        if not (text.isascii() and text.isdigit()) or len(text) > MAX_SHARD_DIGITS or int(text) < 1:
            raise ValueError('must be a number of shards (1 or more), or "auto"')
        return text

    @field_validator("LOG_LEVEL")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in logging.getLevelNamesMapping():
            raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR")
        return level


def load_settings(env_file: Path | None = Path(".env")) -> Settings:
    """Read `.env` (without overriding the real environment) and validate every setting."""
    if env_file is not None and env_file.is_file():
        try:
            load_dotenv(env_file, override=False)
        except UnicodeDecodeError:  # saved as UTF-16, as some Windows editors do
            raise SettingsError(f"cannot read {env_file}: not UTF-8 text (save it as UTF-8)") from None
        except OSError as exc:
            raise SettingsError(f"cannot read {env_file}: {exc.strerror or 'unreadable'}") from None
        except ValueError:  # os.environ refuses a NUL character ("embedded null byte"), as in a binary file
            raise SettingsError(f"cannot read {env_file}: it holds a NUL character (is it a text file?)") from None
    values = {name: os.environ[name] for name in Settings.model_fields if name in os.environ}
    try:
        return Settings.model_validate(values)
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(part) for part in first["loc"][:1])
        count = exc.error_count()
        more = f" (and {count - 1} more)" if count > 1 else ""
        # Never echo the input: it may be the token.
        raise SettingsError(f"bad setting {name}: {first['msg']}{more}") from None
