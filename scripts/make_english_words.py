"""Write bot/core/data/english_words.txt: common English words and chat names, which the typo fixer leaves alone.

"admin" is one edit from "admit" and "mode" one from "mod", but both are words people mean. The list is
taken from wordfreq (its data is CC BY-SA 4.0; see the README), which is needed only to rebuild it:

    pip install -e '.[wordlist]' && python scripts/make_english_words.py
"""

from __future__ import annotations

import re

from wordfreq import top_n_list, zipf_frequency

from bot.core.normalise import ENGLISH_WORDS_FILE, MIN_TYPO_LENGTH

# Zipf 3.5 is about 3 per million words ("admin", "wrecked"); rarer strings are as often typos ("ther").
MIN_ZIPF = 3.5
CANDIDATES = 100_000
HEADER = "# Common English words (wordfreq, CC BY-SA 4.0); rebuilt by scripts/make_english_words.py.\n"
# Names chat is full of that wordfreq counts as rare: games and apps. "anyone up for valorant" is not "valiant".
CHAT_NAMES = """
    valorant fortnite minecraft roblox overwatch genshin dota arma warzone tarkov palworld helldivers stellaris
    terraria valheim skyrim elden hearthstone starcraft warcraft pubg tiktok twitch youtube discord reddit snapchat
    whatsapp chatgpt
""".split()


def main() -> None:
    """Write the word list, one lowercase word per line, most frequent first."""
    words = [
        word
        for word in top_n_list("en", CANDIDATES)
        if re.fullmatch("[a-z]+", word) and len(word) >= MIN_TYPO_LENGTH and zipf_frequency(word, "en") >= MIN_ZIPF
    ]
    words += [name for name in CHAT_NAMES if name not in words]
    ENGLISH_WORDS_FILE.write_text(HEADER + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {ENGLISH_WORDS_FILE}")


if __name__ == "__main__":
    main()
