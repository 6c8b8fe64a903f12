"""The short sentences the bot says when it does not answer: one place for their wording."""

from __future__ import annotations

COOLDOWN = "You're asking quickly: try again in {seconds:.0f} s."
TOO_LONG = "That's a long one: please ask in under {limit} characters."
NO_SUCH_TOPIC = "Nothing matches “{topic}”. Pick a topic from the list, or try /facts."
ENTRY_GONE = "That question is no longer in the knowledge. Ask again in your own words."
SERVER_ONLY = "This command only works in a server."
MODERATORS_ONLY = "Only moderators can do that (Manage Server, or a moderator role)."
NOT_HERE = "You can't use that here."
BAD_OPTION = "I couldn't read one of the options; please try again."
APOLOGY = "Sorry, something went wrong on my side. It has been logged."
UPLOAD_TOO_BIG = "That file is {size:,} bytes; a knowledge file may be at most {limit:,} bytes."
UPLOAD_NOT_TEXT = "Upload the knowledge file as a .toml text file."
UPLOAD_FAILED = "I couldn't download that attachment from Discord; please try again."
VOTE_THANKS = "Thanks: noted as {verdict}. Changed your mind? Click the other button."
