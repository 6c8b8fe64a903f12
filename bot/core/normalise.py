"""Turn what people type into comparable tokens: the same steps for questions and knowledge.

Steps, in order: clean the raw text (unicode, Discord markup, emoji, contractions, "U.S."), split into
words, read number words and forms as digits, strip plurals, then (in `Analyser`) fix typos against the
known vocabulary, map synonyms and compounds to one token, and drop filler words.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from functools import cache, cached_property, lru_cache
from pathlib import Path
from typing import Literal

import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.lexicon import (
    ACTOR_WORDS,
    CHATTER_WORDS,
    CONTRACTIONS,
    GERMAN_MARKERS,
    GERMAN_OWN_WORDS,
    GERMAN_SMALL_WORDS,
    MULTIPLIERS,
    OPINION_WORDS,
    OWN_STEMS,
    PAST_FORMS,
    PERSON_WORDS,
    QUESTION_WORDS,
    SPECIFIC_WORDS,
    STOPWORDS,
    TIME_WORDS,
    UNITS,
    WAR_PLACE_WORDS,
)

# Names and slang every story shares; the knowledge file's synonyms add story-specific ones.
BUILTIN_PHRASES: dict[str, list[str]] = {
    "north korea": ["north korea", "n korea"],
    "north korean": ["north korean", "n korean"],
    "south korea": ["south korea", "s korea"],
    "south korean": ["south korean", "s korean"],
    "united states": ["united states", "united states of america"],
    "un": ["united nations", "u n"],
    "kim": ["kim jong un", "kim jong-un", "kim jongun"],
    # His father and grandfather, whom "kim jong" (a knowledge file's Kim Jong Un) must not swallow.
    "kim jong il": ["kim jong il", "kim jong-il", "kim jongil"],
    "kim il sung": ["kim il sung", "kim il-sung", "kim ilsung"],
    "xi": ["xi jinping"],
    "will": ["gonna", "theyll", "itll", "youll", "thatll"],  # "they'll" typed without its apostrophe
    "want": ["wanna"],
    "thank": [
        *("thx", "ty", "thank you", "very helpful", "super helpful", "bahut helpful"),
        *(
            f"{that} {really}{helps}"
            for that in ("that", "this")
            for really in ("", "really ", "actually ", "truly ", "totally ", "so ")
            for helps in ("helps", "helped")
        ),
        # Thanks for the bot's help, not the troops' ("did putin thank them for their help").
        *(
            f"{thanks} for {whose} help"
            for thanks in ("thanks", "thank you", "thx", "ty")
            for whose in ("the", "your", "ur")
        ),
        *("thanks for helping", "thank you for helping"),
    ],
    # Not the "accord" that is a treaty: "according to seoul" names who says so.
    "according": ["according to", "as per", "per"],
    # Asking for the type of something ("what kind of units"), unlike the hedge "kind of" (filler).
    "what kind": ["what kind of", "what sort of", "what type of", "which kind of", "which sort of", "which type of"],
    # Asking for more precision than a place, a time or a number ("where exactly"): an entry must give it.
    "precise": [
        f"{asked} {how}"
        for asked in ("where", "which", "how many", "how much", "what time", "what date")
        for how in ("exactly", "precisely", "specifically")
    ]
    + [f"{asked} {how}" for asked in ("what", "which") for how in ("specific", "precise", "exact")]
    + [f"{how} {what}" for how in ("exact", "precise") for what in ("number", "figure", "count", "date", "location")],
    # A time more precise than an entry gives, and still a time: see _SPLIT_PHRASES.
    "when precisely": [f"when {how}" for how in ("exactly", "precisely", "specifically")],
    # Contractions typed without the apostrophe, which typo fixing would otherwise read as another word.
    # and the question words of Hinglish, Spanish, Portuguese, Tagalog, German, Dutch, Scandinavian, Italian, Greek,
    # Indonesian and Malay, and Ukrainian, Chinese and Vietnamese typed in Latin letters
    "who": [
        *("whos", "whom", "by whom", "quien", "quem", "sino", "kaun", "kaun kaun", "kisne", "kiski", "kisko"),
        *("vem", "poios", "khto", "hto", "khto takyi", "hto takyi", "shei", "siapa"),
    ],
    "which": ["kaunsi", "kaunsa", "kaun se", "kaun si", "welcher", "welche", "welches", "mana"],
    "why": [
        *("whys", "wy", "kyun", "kyon", "kyu", "por que", "bakit"),
        *("warum", "wieso", "weshalb", "waarom", "hvorfor", "varfor", "perche", "giati", "chomu", "weishenme"),
        *("kenapa", "mengapa", "tai sao"),
    ],
    "way": ["no wy"],  # "no way", not "no why"
    "to": ["naar", "nach", "tae"],  # where troops are sent, in Dutch, German and Scots
    # Scots small words, read as the English ones the rules look for ("gie" gives one way, "fae" from the other).
    "what": ["wit", "whit", "wot", "wots"],
    "from": ["fae"],
    "about": ["aboot"],
    "with": ["wi"],
    "was": ["wis"],
    "give": ["gie"],
    "where": ["kahan", "donde", "onde", "dove", "dov", "saan", "hvor", "nali", "di mana", "dimana", "o dau"],
    "when": [
        *("kab", "cuando", "kailan", "wann", "wanneer", "quando", "pote", "kapan", "khi nao", "bao gio"),
        *("koly", "bila"),
        *("eta", "eta on"),  # "ETA on withdrawal?"
    ],
    # Idioms whose words would count but mean nothing here: a time or opinion word that asks neither
    # ("how tight are they these days", "right now", "big time", "is that right"), a place or subject that
    # is none ("in the first place", "on the matter", "this whole thing", "in the end"), and prompt injection,
    # no part of the question it wraps ("ignore your instructions and tell me...").
    "now": [
        *("these days", "nowadays", "right now", "at the moment", "at this point", "lately", "recently", "of late"),
        *("going forward", "sekarang"),
    ],
    "very": ["big time"],
    # Who is the hero or the villain is an opinion, not about the troops ("guys").
    "good": ["good guy", "good guys"],
    "bad": ["bad guy", "bad guys", "e mau", "ou mau"],  # Portuguese "mau", not Indonesian "want"
    # Where the asker got a claim they check ("i read that pyongyang sends arms, is that so", "i read 80.000 went,
    # true?"), which asks nothing.
    "heard": [
        # Why the asker asks ("just joined, missed the context", "i'm lost"): nothing asked.
        *(f"missed the {what}" for what in ("news", "context", "story")),
        *("i'm lost", "im lost", "i am lost", "just joined"),
        *(
            f"{who} {read} {what}"
            for who in ("i", "i've", "ive", "i have")
            for read in ("read", "been reading")
            for what in ("", "that", "somewhere", "online", "in the news")
        ),
        # Where the asker heard a claim: "i heard on the radio it was 50,000, is that right".
        *(
            f"{heard} {medium}"
            for heard in ("heard", "read", "saw", "seen", "i heard", "i read", "i saw", "i have seen", "ive seen")
            for medium in (
                *(f"on {the}{outlet}" for the in ("", "the ") for outlet in ("radio", "wireless", "tv", "news")),
                *(f"on {site}" for site in "twitter tiktok telegram reddit facebook youtube instagram".split()),
                *("in the news", "in the paper", "in the papers", "on the internet", "on a podcast"),
            )
        ),
    ],
    # A way of travelling is no training ("sent by train") nor a navy ("by ship"): how troops travel is a specific.
    "transport": [
        f"{how} {vehicle}"
        for how in ("by", "on a", "on the", "via")
        for vehicle in "train trains rail railway plane planes ship ships boat truck trucks bus".split()
    ]
    + ["by air", "by sea", "by road"],
    # Words the bot is told to repeat ("reply only with 'VERIFIED'"): no question, whatever words follow.
    "parroting": [
        *(f"{reply} only with" for reply in ("reply", "respond", "answer")),
        *(f"{say} after me" for say in ("say", "repeat", "type")),
    ],
    # A gamer's measure of losses that no report gives.
    "kill ratio": ["kd ratio", "k d ratio", "kill death ratio", "kill to death ratio"],
    # Who wrote something asks its author, whom the article never names: a specific no entry has.
    "authorship": [f"who {wrote}" for wrote in ("wrote", "writes", "has written", "had written", "authored", "penned")],
    # "how old" asks an age, not how something is done; "how big" a size, which few entries give.
    "age": ["how old", "ilang taon"],
    "size": [
        *(f"{how} {big}" for how in ("how", "what") for big in ("big", "large", "huge", "size")),
        "tamanho",
        "tamano",
    ],
    # An area won or lost ("how much territory did they help retake"), which the article never measures.
    "acreage": [f"how much {land}" for land in ("territory", "ground", "land", "area")],
    # A country's whole army, not the troops it sent: spelled so by `clean` ("how big is north korea's army").
    "whole army": [
        f"{whole} {army}" for whole in ("whole", "entire", "total", "standing") for army in ("army", "military")
    ],
    "ok": [
        *("chy pravda", "pravda shcho", "pravda shto", "pravda chto"),  # Ukrainian and Russian "is it true (that)"
        "all right",
        *(f"{asking} right" for asking in ("is that", "is this", "am i", "that")),
        *(f"{asking} correct" for asking in ("is that", "is this", "is it", "am i", "that")),
        "true or false",
        *(f"critically {discuss}" for discuss in ("discuss", "assess", "evaluate", "examine")),  # an essay prompt
        *("y/n", "y n", "yes or no", "yes/no"),  # answer yes or no: how to answer, not what is asked
        "referring to",  # "what treaty is everyone referring to", not the references cited
        *(f"{kind} check" for kind in ("fact", "quote", "quick", "sanity", "reality")),  # a fact-checker's "check:"
        "who knows",  # "who knows when they first went": nobody's knowledge asked about
        "do the needful",  # Indian English: please do it
        *("tell me straight", "give it to me straight", "straight up", "be straight with me"),
        # "would it be fair to say", "safe to say": is it true.
        *(f"{fair} to {say}" for fair in ("fair", "safe", "accurate") for say in ("say", "tell")),
        "in the first place",
        *(f"any {sign}" for sign in ("sign", "signs", "sign that", "signs that", "indication", "indication that")),
        "whole thing",
        "in the end",
        "at the end of the day",
        *(f"{need} to" for need in ("need", "needs", "needed", "needing")),  # no gain: "why did they need to send"
        *(f"{can} believe" for can in ("can not", "cant", "could not", "couldnt", "hard to")),  # surprise, no claim
        "in terms of",
        "in addition to",
        "as a whole",
        "shut up",
        *(f"on {which} {subject}" for which in ("the", "this") for subject in ("matter", "issue", "subject")),
        *(
            f"{verb} {whose} {rules}"
            for verb in ("ignore", "forget", "disregard")
            for whose in ("your", "all", "all your", "all previous", "previous", "the", "all the", "any")
            for rules in ("instructions", "rules", "guidelines", "prompt")
        ),
    ],
    # A span of time named as a date ("last week", "next year") scopes a question as a date does.
    # So does asking for a day or a month ("what month"), which "months later" does not give.
    "date": [f"{which} {span}" for which in ("last", "next", "this") for span in ("week", "month", "year")]
    + [f"{which} {unit}" for which in ("what", "which") for unit in ("month", "day", "year")]
    + [f"{which}month and year" for which in ("", "what ", "which ")]
    + [f"{which} {day}" for which in ("que", "qual", "cual") for day in ("dia", "fecha", "data")],
    # Idioms whose words are filler on their own.
    "gain": [
        "get out of",
        "getting out of",
        "gets out of",
        "get outta",
        "getting outta",
        "gets outta",
        "get from",
        "getting from",
        "gets from",
        # Who needs something gains it: "why does russia need their troops" asks what Russia gains.
        "need",
        "needs",
        "needed",
        "needing",
        "benefit",
        "benefits",
        "payoff",
    ],
    # A gain and who it is for ("what's in it for kim"): read as the two words, see _SPLIT_PHRASES.
    "in it for": [],
    # Polite ways of asking are filler; any other "you" asks the bot itself (an opinion).
    "please": [
        "can you",
        "could you",
        "can u",
        "could u",
        "do you know",
        "do u know",
        "did you know",
        "you know",
        "if you know",
        "are you able to",
        "do you have",
        "do u have",
        "have you got",
        *(f"{can} {you} check" for can in ("can", "could") for you in ("you", "u")),
        "tell me",
        "give me",
        "let me know",
        "i need",
        "i needed",
    ],
    "you": ["u", "your", "ur", "ya", "yourself"],
}

# Typo fixing: only words this long are corrected, by at most this many edits (OSA distance, so a
# swapped pair of letters is one edit), into a word the knowledge itself uses with the same first
# letter. Chosen so "nroth"->"north" and "casulties"->"casualties" are fixed while "soon" never becomes
# "yoon", "night" never becomes "eight", and short words ("war", "win") are left alone.
MIN_TYPO_LENGTH = 4
LONG_WORD_LENGTH = 8
MAX_EDITS_SHORT = 1
MAX_EDITS_LONG = 2
# Enough for the few texts one question is read as (whole message, clauses); never a store of questions.
SEQUENCE_CACHE = 64
# Common English words are what people meant, never typos: "admin" is not "admit", "mode" not "mod".
ENGLISH_WORDS_FILE = Path(__file__).with_name("data") / "english_words.txt"

# Discord markup (custom emoji, mentions, channels) and links: one pattern, so one pass over the text.
_MARKUP_OR_LINK = re.compile(r"<a?:\w+:\d+>|<(?:@[!&]?|#)\d+>|@(?:everyone|here)\b|https?://\S+|www\.\S+")
_US_ABBREVIATION = re.compile(r"\bU\.?S\.?A?\b\.?")
# Text speak for "why", before a verb only: "y did they go", not "legal y/n" (yes).
_WHY_SPELLED_Y = re.compile(r"\by (?=(?:do|does|did|would|should|is|are|was|were|r|dont|didnt|doesnt)\b)")
_ARMY_WORD = re.compile(r"army|military|armed forces")
_ARMY = rf"(?:{_ARMY_WORD.pattern})"
# Where the whole army's figure ends: the question does, or "in total" does, not "in russia" nor "sent there".
_ARMY_ENDS = r"(?=\s*(?:[?.!,;:]|$)|\s+(?:in total|overall|as a whole|now|today|lol|lmao|tho|though|anyway)\b)"
# "how big is nk's military", "how many soldiers does nk's army have in total", "how many soldiers does north korea
# have?": the whole army, of which the story gives no figure. Not "how big is nk's army in russia" nor "how big is
# the army north korea sent", the troops sent.
_WHOLE_ARMY = re.compile(
    rf"\b(?:{_ARMY} (?:have |has )?in total|(?:size of|how big is|how large is)(?: [\w']+){{0,4}}? {_ARMY}{_ARMY_ENDS}"
    rf"|how many (?:troops|soldiers|men|guys|people) (?:does|do) [\w' ]{{1,30}}? (?:have|has)"
    rf"(?: in total| in (?:its|their|the|his) {_ARMY})?"
    rf"(?=\s*(?:[?.!,;:]|$))"
    rf"|{_ARMY} (?:has|have|numbers) (?:about |around |over |roughly |some |like |nearly |almost )?"
    rf"(?=[\d.,]*\d ?(?:million|thousand|k|m)?(?: soldiers| troops| men)?(?:,? (?:right|true|correct|yes|no))?"
    rf"\s*(?:[?!]|\.(?!\d)|$)))"
)
_WHAT_THEY_GET = re.compile(
    r"(\bwhat(?:'s|s| is| are| (?:does|do|did|will|would|can|could)) [\w' ]{1,40}?)"
    r" (?:get|win|(?:is |are )?(?:getting|winning)|walks? away with|walking away with)"
    r"(?=\s*(?:[?.!,;:]|$)|\s+(?:here|then|now|exactly|really|actually|tho|though|in return|out of (?:it|this|that)"
    r"|for (?:it|this|that|all this|all of this|helping|their help))\b)"
)
# "russia get what from this deal", as learners of English ask it: what Russia gains.
_THEY_GET_WHAT = re.compile(
    r"\b((?:russia|moscow|the kremlin|kremlin|putin|north korea|nk|dprk|pyongyang|kim) )(?:gets?|getting) what\b"
    r"(?= (?:from|out of|for|in return)\b)"
)
# "what kim wins with this", "what north korea wins from this partnership", as learners of English ask it.
_WHAT_THEY_WIN = re.compile(r"(\bwhat [\w' ]{1,30}?) (?:wins|gets) (?=(?:with|from|out of) (?:this|that|it|the)\b)")
_WEAPONS_USED = re.compile(
    r"\b((?:weapons?|rifles?|guns?|equipment|gear|ammo|missiles?|armas)\b(?:(?!russia)[^?.!,;:]){0,40}?)"
    r" (?:using|use|gamit|usan|usam|equipped with|armed with)\b"
)
# "In what place do they fight", "which oblast", "in which part of russia" ask where, as learners of English often
# put it ("which area" may be a field, "which province do they come from" their home).
_WHAT_PLACE = re.compile(
    r"\b(?:(?:in|at|to|from) )?(?:what|which) (?:(?:place|location|oblast)s?\b|part of (?:russia|ukraine)\b)"
)
# "what does the confirmation mean", "what does it mean that nk admitted it": what it signifies, which "mean" (filler
# in "i mean", "what do you mean") does not say. Not what someone means by their words ("what does the article mean").
_WHAT_IT_MEANS = re.compile(
    r"\bwhats? (?!(?:[\w']+ )?(?:you|u|i|we|they|he|she|the article|the author)\b)"
    r"(?:(?:does|do|did|would|will|could|might) )?((?:[\w'\"]+ ){0,6}?)(?:actually |really |even )?mean\b"
)
# What something means, unlike a term asked to be defined ("what does dprk mean", which no entry does), has one of
# these words ("what does nk confirming it mean"), or more words after "mean" ("what does dprk's confirmation mean
# for the war").
_MEANT = frozenset("the this that these those it its all their his her our".split())
# Words that may follow a term asked to be defined: "what does dprk mean lol".
_AFTER_A_TERM = re.compile(r"^(?:\s*\b(?:lol|lmao|here|exactly|pls|please|tho|though|again|bro|anyway)\b)*")
# Verbs typed without their final "g" that are words of their own to the typo fixer ("wat putin sayin"); not
# "killin it", doing well.
_DROPPED_G = re.compile(r"\b(say|gett|talk|com|go|do|try|think|look|pay|help|send|fight|dy|tell)in'?(?=\W|$)")
# "Strategy-wise", "escalation wise", "tactically speaking": the word is what is asked about, and "wise" or
# "speaking" nothing. Not a judgement ("is it wise", "was kim wise to admit it") nor someone speaking ("who is
# officially speaking for the ministry", "publicly speaking well of them").
_AS_REGARDS = re.compile(
    r"\b(?!(?:is|it|was|be|not|very|so|too|a|the|that|this|really|more|most|less|like|penny|street|how)\b)"
    r"([a-z]+)[- ]wise\b(?! (?:to|for|of|move|decision|choice|idea)\b)"
    r"|(?<!is )(?<!are )(?<!was )(?<!were )(?<!been )(?<!be )\b([a-z]+ly) speaking\b"
    r"(?! (?:for|well|ill|out|about|to|with|of|against|on|up)\b)"
)
# A judgement of wisdom ("is sending troops wise?"), where "wise" means wise.
_WISE_JUDGED = re.compile(r"\b(?:is|was|are|were|be|been|seem|seems|seemed)\b(?: [a-z']+){0,3} wise\b(?!-)")
# "what's the actual number", "is the real figure 50k": the number asked for, as "how many" asks it.
_TRUE_NUMBER = re.compile(r"\b(?:actual|real|correct|true|right|accurate) (?:number|figure|count|total)s?\b")
# "only 12 thousand?", "they only sent 12k?", "3000 koreans only?": a figure checked, "only" no word of the question's
# (as in "only china").
_ONLY_SO_FEW = re.compile(r"\bonly (?=(?:[a-z]+ )?\d)|\s?\bonly(?=\W*$)")
# Hinglish, where "ya" is "or" ("attack kar rahe hai ya defend?"), not the "ya" of "see ya".
_HINGLISH = re.compile(r"\b(?:hai|hain|kya|raha|rahe|rahi|bhi|tha|thi|kar|ke|ka|ki|ne|mein|se|sirf)\b")
# Hinglish "russia ke soldiers", "russia ke kitne soldiers": Russia's soldiers, read as "russia soldiers" and "kitne
# russia soldiers", so that whose they are stays next to them.
_HINDI_OF = re.compile(r"\b((?:north |south |united )?[a-z]+) k[ae](?: (kitne|kitni|kitna))?\b")
# Asking who said a quoted line, as a fact-checker asks it: "'certainly an illegal act' - attribution?", "whose
# words are those", "the 'heroism' line, who used it".
_WHO_SAID = re.compile(
    r"\b(?:attribution|attributed to (?:whom|who)|who is (?:it|that|this) attributed to"
    r"|whose words(?: are (?:those|these|they))?|who used (?:it|that|this|the word)|who coined (?:it|that|this))\b"
)
_AFTER_A_CLAIM = r"(?<=\w)\s*[-,.;:!?]+\s*"  # a claim's last word, then a break
# A source asked for after a claim ("putin said he won't forget their sacrifices?? source", "..., which media reported
# that?") asks where that claim comes from, which its entry's answer cites; "sources?" alone asks the article's.
_SOURCE_OF_THE_CLAIM = re.compile(
    rf"{_AFTER_A_CLAIM}(?:(?:sources?|sauce|src)(?: (?:pls|plz|please))?"
    r"|(?:which|what) (?:media|outlet|paper|site|news)s? (?:reported|report|said|say) (?:that|it|this))\W*$"
)
# Whether the article agrees with a claim, asked after it ("i read nk sent 50000, article say the same?", "... is
# that what the article says?"): a claim checked, as with a closing "right?".
_ARTICLE_AGREES = re.compile(
    rf"{_AFTER_A_CLAIM}(?:(?:does|did|is that what|is this what) )?(?:the )?(?:article|piece|story)"
    r" (?:says?|mentions?)(?: (?:the same|so|that|it|this))?\W*$"
)
# Who the asker is, said before the question ("as an aussie, how many troops...", "I'm Canadian, who condemned it?",
# "Filipino here, why...", "greetings from brazil! where..."): no country the question is about.
_ASKER_INTRO = re.compile(
    r"\W*(?:(?:hi|hello|hey)\W+)?(?:"
    r"(?:greetings|watching|writing|reading|hello|hi|hey|good (?:morning|afternoon|evening|day))"
    r" from (?:the )?[a-z]+(?: [a-z]+)?"
    r"|(?:as an?|i'?m an?|im an?|i am an?|i'?m|im|i am) [a-z]+"
    r"(?: (?:guy|girl|person|reader|citizen|student|viewer|here))?"
    r"|[a-z]+(?: [a-z]+)? here"
    r"|(?:i live in|(?:i'?m|im|i am) from) (?:the )?[a-z]+(?: [a-z]+)?"
    r")\s*[,:;.!-]+\s*(?=\w)"
)
# "I'm Japanese, did my country condemn it?": the asker's side is what is asked about, and who they are says which.
_ASKERS_SIDE = re.compile(r"\b(?:we|us|our|ours|my (?:country|government|govt|region|president|people|nation|side))\b")
# A closing sentence about the asker's own people after the question ("...? My niece needs it for her essay."): who
# asks, not what is asked. One that asks for them ("hi? my son wants to know who first reported it") or says what is
# asked ("...? My country is Russia.", "...? My question is about the dead.") is the question itself.
_ABOUT_MY_PEOPLE = re.compile(
    r"(?<=\?)\s+my (?!(?:question|country|government|region|side)\b)"
    r"(?![^?]*\b(?:wants? to know|asks?|asked|asking|wondering|wonders)\b)[^?]*$"
)
# A letter's frame around the question ("Dear Bot, ... Is that correct? Kind regards, Margaret", "Good afternoon.
# ... Yours faithfully, E. Pritchard"): the greeting and the signature ask nothing, and their names nobody asked about.
_LETTER_OPENING = re.compile(
    r"^\W*(?:dear (?:bot|storybot|sir(?: or madam)?|madam|all|everyone|friends)|good (?:morning|afternoon|evening))"
    r"(?! from\b)\W+"  # "good morning from canada!" says where the asker is: see _ASKER_INTRO
)
_SIGNING = r"(?:regards|thanks|thank you|cheers|wishes|yours(?: faithfully| sincerely| truly)?|sincerely|god bless)"
_LETTER_CLOSING = re.compile(
    rf"(?<=[.?!])\s*(?:(?:kind|best|warm|warmest|many) )?{_SIGNING}"
    r"(?:\W+(?!(?:but|and|so|why|how|what|who|where|when|which)\b)(?:[a-z]\.\s*)?[a-z]+(?: [a-z]+)?)?[\s.,!]*$"
)
# What _LETTER_CLOSING needs near the end, found in one pass: the test is cheaper than the pattern.
_SIGNING_HINT = re.compile(_SIGNING)
# What the story's deeds are done to: North Korea's troops, their sending, North Korea itself ("the nk troops", "it").
_THE_DEPLOYMENT = (
    r"(?:(?:the|their|its|this|that|kim's|kims|pyongyang's) )?(?:(?:north )?koreans?|nk|norks?|dprk|pyongyang|kim"
    r"|north korea(?:'s|n)?|deployment|troops|soldiers|sending|intervention|them|it|this)\b"
)
# Why a critic of the deployment approved of it ("why did south korea welcome the deployment?", "why does the us support
# nk sending troops?"): a false premise, which the entry telling who condemned it corrects. Not Russia, which did
# welcome it, nor North Korea.
_CRITIC_APPROVED = re.compile(
    r"\bwhy (?:did|does|do|would|has|have|is|are|was|were) ((?:the )?(?:south korea|south koreans?|seoul|rok|sk"
    r"|\s*united states|us|america|americans|washington|the west"
    r"|western (?:nations|countries|allies|governments)|nato))\s+"
    r"(?:(?:welcom|support|endors|approv|back|like|prais|applaud|hail|cheer)(?:e|es|ed|s|ing)?"
    r"|(?:cool|fine|happy) with)"
    rf"(?= (?:of )?{_THE_DEPLOYMENT})"
)
# Russia said to have found fault with the North Koreans ("putin trash talked the nk troops?", "has the kremlin been
# critical of them?"): a false premise, which the entry telling how Russia reacted corrects.
_FAULT_FOUND = (
    r"(?:criticis|criticiz|critical of|trash talk|insult|complain|unhappy with|angry (?:with|at)|upset with"
    r"|mad (?:at|with)|disappointed (?:in|with)|reject|diss|mock|ignor|blame)"
)
_RUSSIA_CRITICISED = re.compile(
    r"(?:\bwhy (?:did|does|do|has|have|is|was|would) (?:the )?)?"  # why it did so: whether it did, first
    r"\b((?:putin|russia|russians|kremlin|moscow|gerasimov)(?:'s (?:leaders|officials|generals))?)"
    rf"((?: [\w']+){{0,3}}?) {_FAULT_FOUND}[a-z]*(?= {_THE_DEPLOYMENT})"
)
# What _RUSSIA_CRITICISED needs, found in one pass: the test is cheaper than the pattern.
_FAULT_HINT = re.compile(_FAULT_FOUND)
# A part of the dead counted ("of the 1000 dead, how many were officers?"): more precise than any entry's figure.
_PART_OF_THE_DEAD = re.compile(r"\bof (?:the|those) (?:[\d,]+|thousand|1k)(?: [a-z]+)? (?:dead|killed|fallen)\b")
# A first part of the time the article counts over ("how many died in the first month?"): more precise than its
# figure for three months. A figure checked against it ("5000 died in the first month, right?") is corrected by it.
_FIRST_PART_OF_THE_TIME = re.compile(
    r"\b(?:in|during|within|over) (?:the|their) (?:very )?first (?:days?|weeks?|months?|year|battles?|fight|assault)\b"
)
# "the us blames nk for what exactly?", "they signed what exactly": a closing "what exactly" asks what, with stress;
# "what exactly did they sign" and "where exactly" ask for more than the article may give.
_CLOSING_WHAT_EXACTLY = re.compile(
    r"\b(for|said|says|signed|confirmed|admitted|means|mean|claimed|promised|pledged|called|praised)"
    r" what (?:exactly|precisely)(?=\W*$)"
)
# "how many of them didn't make it", "never made it home": how many died (not "didn't make it official").
_DID_NOT_SURVIVE = re.compile(
    r"\b(?:did not|didnt|didn't|never) ma(?:ke|de) it(?: (?:back|home|out)(?: alive)?\b| alive\b|(?=\W*$))"
)
# The Korean People's Army is North Korea's whole army ("how big is the kpa"), unless its troops, units or contingent
# are meant: those are the ones sent ("kpa troops", "the kpa contingent").
_KPA = re.compile(r"\b(?:kpa|korean people'?s army)(?:'?s)?\b( (?:troops?|soldiers?|units?|contingent|forces|men)\b)?")
# When the asker heard or read a claim ("i heard on the wireless this morning that..."): no time the question asks about
# ("did they admit it this morning?" does).
_WHEN_HEARD = re.compile(
    r"\b((?:heard|read|saw|seen|listening|watching)\b[\w' ]{0,40}?) (?:this (?:morning|afternoon|evening)|earlier today"
    r"|today|tonight|last night)\b"
)
# Which resolutions were broken, by name or number ("which unsc resolutions exactly, 1718?"): the article names none.
_WHICH_RESOLUTIONS = re.compile(
    r"\bwhich (?:of the )?(?:specific |exact |particular )?(?:un |unsc |u\.n\. |united nations )?(?:security council )?"
    r"resolutions?\b|\bresolutions?\W+which ones?\b|\bresolution numbers?\b"
)
# Another memorial than the one planned ("is there also a monument in moscow?", "a second statue"): the article tells
# of one only ("is nk also building a monument?", "will there also be a monument for the fallen?" ask about that one).
_ANOTHER_MONUMENT = re.compile(
    r"\bthere(?:'ll|'d| will| would)? also (?:be )?(?:an? )?(?:monuments?|memorials?|statues?)\b(?=[\w ]{0,20} in \w)"
    r"|\b(?:another|a second|one more|other) (?:monuments?|memorials?|statues?)\b"
)
# How a source asked for after a claim ends: the test is cheaper than the pattern.
_SOURCE_ENDINGS = ("source", "sources", "sauce", "src", "pls", "plz", "please", "that", "it", "this")
# A later batch of troops ("another batch", "a second wave", "sending another 10,000"), which the article never counts.
_LATER_BATCH = re.compile(
    r"\b(?:another|second|third|next|additional|extra|further) (?:batch|wave|rotation|shipment)(?:es|s)?\b"
    r"|\bsen(?:d|ds|ding|t)(?: over)? another [\d,.]*\d(?: ?k\b)?"
)
# "i don't believe any of this - sources?": no claim checked, the article's sources asked for.
_DOUBTED = re.compile(
    r"\b(?:believe|fake|made up|propaganda|lies|bs|bullshit|nonsense|legit|cap|doubt|not buying|sus|s[ck]eptical)\b"
)
# What makes a message German, and its small words (lexicon.GERMAN_MARKERS, GERMAN_SMALL_WORDS).
_GERMAN_MARKER = re.compile(rf"\b(?:{'|'.join(sorted(GERMAN_MARKERS))})\b")
_GERMAN_SMALL_WORD = re.compile(rf"\b(?:{'|'.join(GERMAN_SMALL_WORDS)})\b")
# German "die" before a noun is "the"; English "die" ends a clause ("will more of them die if they stay?").
_GERMAN_DIE = re.compile(
    r"\bdie\b(?!\s*(?:[?!.,;:)]|$|(?:if|because|in|at|for|of|from|there|during|before|after|when|while|or|and|so"
    r"|too|soon|young|fighting|on|out|like|than|anyway|now|then|as|by|over|trying|defending)\b))(?=\s*([a-z]*))"
)
# "Was hat Russland davon?": what Russia gets from it, not what it has.
_WHAT_ONE_GETS = re.compile(r"\bwas (?:hat|haben) ([a-z]+(?: [a-z]+)?) (?:davon|von)\b")
# Malay and Indonesian "what for" opening a question ("buat apa korea utara hantar askar?") asks why; later in one
# ("berita ni pasal apa?", "buat apa di kursk") it asks what about, or what they do.
_WHAT_FOR = re.compile(r"^\W*(?:buat|pasal|untuk) apa\b")
# Portuguese "disse" (said), whose stem is the English slang "diss" (criticise).
_PORTUGUESE_SAID = re.compile(r"\bdisse(?:ram)?\b")
# Italian "ha" before a past participle ("putin ha ringraziato"): the auxiliary, asking nothing, unlike the "ha" of a
# name ("jeon ha gyu").
_ROMANCE_PERFECT = re.compile(r"\bha (?=[a-z]+(?:at|it|ut|ad|id|tt|ss)[oa]s?\b)")
# Italian elision ("l'impatto", "c'è", "dov'è", "un'escalation"): the article or pronoun asks nothing, "dov'" is where.
_ELIDED = re.compile(r"\b(?:l|c|un|all|dell|nell|sull|dall|quest|(dov))'(?=[aeiouh])")
# Spanish and Italian "un" before the story's nouns ("un tratado", "un trattato"): the article "a", not the UN.
_ROMANCE_ARTICLE = re.compile(
    r"\bun (?=(?:tratado|trattato|acuerdo|accordo|pacto|patto|monumento|homenaje|omaggio|impacto|impatto|ataque)\b)"
)
# "¿gana rusia la guerra?" asks who wins the war, not what Russia gains ("¿qué gana rusia en esta guerra?").
_WINS_THE_WAR = re.compile(r"(?<!\bque )\bgan(?:a|an|ar|ando|ara)\b(?=[\w ]{0,30}\bguerra\b)")
# "how much soldiers did nk send": people counted with "much", as some learners of English count them (not "how
# much money per soldier"); "how mny", typed short ("mny" alone may be money); and "how many" in other languages:
# "cuántos", "quantos", "ilan", "kitne", "wie viele", "hoeveel", "hvor mange", "hur många", "quanti", "posoi",
# "skilky" (Ukrainian), "duoshao" (pinyin), "berapa", "brp" and "jumlah" (Indonesian and Malay), "bao nhieu"
# (Vietnamese).
_COUNTED = re.compile(
    r"\bhow much(?= (?:(?:north )?korean? |nk |dprk )?(?:soldiers?|troops?|men|people|persons?|guys|personnel)\b)"
    r"|\bh(?:o)?w mny\b|\b(?:cu|qu)ant[oa]s\b|\bquant[ie]\b|\bilang?\b|\bkitne\b"
    r"|\bwie ?viele?\b|\bwv\b|\bhoeveel\b|\bhvor mange\b|\bhur manga\b|\bposoi\b|\bskilky\b|\bduoshao\b"
    r"|\bb(?:erapa|rp)(?: banyak| ramai| rmai)?\b|\bjumlah\b|\bbao nhieu\b"
)
# What _COUNTED needs, found in one pass: the test is cheaper than the pattern.
_COUNTED_HINT = re.compile(
    "how much|mny|uant|ilan|kitne|viel|wv|hoeveel|mang|posoi|skilky|duoshao|berapa|brp|jumlah|bao nhieu"
)
# "How did the soldiers get to russia" asks how they travelled, which no entry tells ("how" alone is any manner).
_HOW_THEY_TRAVELLED = re.compile(
    r"\bhow (?:did|do|does|were|was|will|are|is|would) ([\w' ]{1,40}?)"
    r" (?:get|got|travel|travelled|traveled|arrive|arrived|moved)"
    r"(?= (?:to|in|into|there|here|over)\b)(?! to (?:be|this|that|where|the point)\b)"
)
# "Zero impact" is none, no figure to check: "had zero effect, right?" asks about the effect.
_ZERO_OF = re.compile(
    r"\bzero (?=(?:say|training|effect|impact|difference|influence|chance|role|use|value|control|experience)\b)"
)
# "Kim's soldiers" (or "kim soldiers", as learners of English write it) are North Korea's, not troops a story about
# Kim himself might mention (his monument).
_KIMS_TROOPS = re.compile(
    r"\bkim(?:[ -]?j(?:o|u|eo)ng[ -]?e?un)?(?:'?s)?"
    r" (troops?|troupes?|soldiers?|men|army|forces|boys|guys|fighters|squads?|contingent|units?|personnel|infantry)\b"
)
_RIGHT_ASKED = re.compile(r",?\s*\bright\s*\?")
# Punctuation said aloud to a phone's voice typing: "did they sign a treaty question mark". A "period" only at the
# end, and not where it is a word ("over what time period").
_SPOKEN_PUNCTUATION = re.compile(
    r"\s+(?:(question mark)|(comma)|(exclamation (?:mark|point)))\b"
    r"|(?<!time)(?<!what)(?<!which)(?<!that)(?<!this)(?<!the)(?<!\ba)\s+(period|full stop)\s*$"
)
_WHEN_AFTER_A_BREAK = re.compile(r"[,;:.!?]\s*when\b")
# "my 10 year old asked me", "so a 9 year old would get it": a child, whose age is no count or time asked about.
# Not "his 19 year old soldiers" nor "a 20 year old treaty", where the age is asked about.
_CHILD_DOES = (
    "would could can will is was son daughter kid keeps asks asked wants wanted says said hears heard tells told"
)
_SOMEONES_AGE = re.compile(
    r"\b(?:my|our|a|an)\s+\d{1,2}[\s-]?(?:year|yr)s?[\s-]?olds?"
    rf"(?=\s*(?:[,.;:!?]|$)|\s+(?:{'|'.join(_CHILD_DOES.split())})\b)"
)
# "11,000", "11.000" and "11 000": groups of three digits after a group of one to three, so "in 2024 100
# died" keeps its two numbers.
_THOUSANDS_SEPARATED = re.compile(r"\b\d{1,3}(?:[,. ]\d{3})+\b")
_SUFFIXED_NUMBER = re.compile(r"\b(\d+(?:\.\d+)?)\s?([km])\b|\b(\d+\.\d+)\s(hundred|thousand|lakhs?|million|crores?)\b")
# The first number of a range the suffix ends: "11-12k", "11 to 12k".
_SUFFIXED_RANGE_START = re.compile(r"\b(\d+(?:\.\d+)?)(?=\s?(?:-|to|or|and)\s?\d+(?:\.\d+)?\s?([km])\b)")
# No count anyone asks about has more digits; Python refuses to turn more than 4,300 into a number at all.
MAX_NUMBER_DIGITS = 100
_WORD = re.compile(r"[a-z0-9_]+")
_SCALES = ("hundred", "thousand", "lakh", "lakhs", "million", "crore", "crores")
_NUMBER_WORDS = frozenset((*UNITS, *_SCALES))
# Letters NFD does not part from their accent: "døde" reads as "dode", "Łódź" as "Lodz".
_UNACCENTED = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ł": "l", "Ł": "L"}
    | {"đ": "d", "Đ": "D", "ð": "d", "þ": "th", "ı": "i"}
)
_TYPOGRAPHY = str.maketrans(
    dict.fromkeys("\u2018\u2019\u0060\u00b4", "'")
    | dict.fromkeys("\u201c\u201d", '"')
    | dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212", "-")
)
_ASCII_NOISE = re.compile(r"[\x00-\x1f\x7f_]")
_DIGIT = re.compile(r"\d")
_SEPARATORS = str.maketrans("", "", ",. ")
_CONTRACTION = re.compile("|".join(map(re.escape, CONTRACTIONS)))


def fold_typography(text: str, *, form: Literal["NFC", "NFKC"] = "NFKC") -> str:
    """Make curly quotes straight, dashes plain and all white space single spaces.

    `form` is the unicode normalisation first applied: NFKC, for matching, also reads fullwidth digits and "²" as
    plain digits; NFC only joins a letter and its accent typed apart, which are the same text ("verbatim").
    """
    # Typography is never ASCII: most texts skip the unicode steps (they are most of the cost of `clean`).
    if not text.isascii():
        text = unicodedata.normalize(form, text).translate(_TYPOGRAPHY)
    return " ".join(text.split())


def clean(text: str) -> str:
    """Strip markup, emoji and invisible characters; expand contractions; lower-case."""
    text = _MARKUP_OR_LINK.sub(" ", text)
    # Keep letters, digits, punctuation and spaces; "_" is ours (it joins compound tokens).
    if text.isascii():
        text = _ASCII_NOISE.sub(" ", text)
    else:
        # NFD parts a letter from its accent, which is dropped, not made a space: "cuántos" reads as "cuantos".
        text = "".join(
            ch if unicodedata.category(ch)[0] in "LNPZ" and ch != "_" else "" if unicodedata.combining(ch) else " "
            for ch in unicodedata.normalize("NFD", text)
        ).translate(_UNACCENTED)
    text = fold_typography(text)
    if "US" in text or "U.S" in text:  # what the pattern needs; the test is cheaper than the pattern
        text = _US_ABBREVIATION.sub(" united states ", text)
    text = text.casefold()
    # Each pattern only where the words it needs are: most texts have none of them.
    if "in " in text or text.endswith("in") or "in'" in text:
        text = _DROPPED_G.sub(r"\1ing", text)
    text = _asked_plainly(text)
    if "kpa" in text or "people's army" in text or "peoples army" in text:
        text = _KPA.sub(_kpa, text)
    if "army" in text or "military" in text or "armed forces" in text or ("how many" in text and " ha" in text):
        text = _WHOLE_ARMY.sub(_whole_army, text)
    text = _rewrite_phrasings(text)
    if text.startswith("y ") or " y " in text:  # what the pattern needs; "y " alone is in most texts
        text = _WHY_SPELLED_Y.sub("why ", text)
    if "'" in text or "cannot" in text:  # the only contraction without one; most texts have neither
        text = _CONTRACTION.sub(_expanded, text)
    if not _DIGIT.search(text):
        return text
    if "year" in text or "yr" in text:
        text = _SOMEONES_AGE.sub("someone", text)
    text = _THOUSANDS_SEPARATED.sub(_joined, text)
    return _SUFFIXED_NUMBER.sub(_scaled, _SUFFIXED_RANGE_START.sub(_scaled, text))


def _kpa(match: re.Match[str]) -> str:
    """Read the KPA as North Korea's army, or its troops as the North Korean troops."""
    return f"north korean{match[1]}" if match[1] else "north korean army"


def _whose(match: re.Match[str]) -> str:
    """Drop the Hinglish "ke" of "russia ke soldiers", and put a "kitne" after it first: "kitne russia soldiers"."""
    return f"{match[2]} {match[1]}" if match[2] else match[1]


def _without_the_askers_frame(text: str) -> str:
    """Drop what says who asks, not what: a letter's greeting and signature, "as an aussie," and "? my niece..."."""
    if "dear " in text[:12] or "good " in text[:12]:
        text = _LETTER_OPENING.sub("", text)
    if _SIGNING_HINT.search(text, len(text) - 40):
        text = _LETTER_CLOSING.sub("", text)
    introduced = _ASKER_INTRO.match(text)
    if introduced and not _ASKERS_SIDE.search(text, introduced.end()):
        text = text[introduced.end() :]
    if "? my " in text:
        text = _ABOUT_MY_PEOPLE.sub("", text)
    if "morning" in text or "afternoon" in text or "evening" in text or "today" in text or "night" in text:
        text = _WHEN_HEARD.sub(r"\1", text)
    return text


def _precision_asked(text: str) -> str:
    """Mark a part of what the article counts ("the first month") precise; a closing "for what exactly?" asks what."""
    if "of th" in text:
        text = _PART_OF_THE_DEAD.sub(r"\g<0> precisely", text)
    if "first" in text and not _DIGIT.search(text) and _NUMBER_WORDS.isdisjoint(text.split()):
        text = _FIRST_PART_OF_THE_TIME.sub(r"\g<0> precisely", text)
    if "what exactly" in text or "what precisely" in text:
        text = _CLOSING_WHAT_EXACTLY.sub(r"\1 what", text)
    if "monument" in text or "memorial" in text or "statue" in text:
        text = _ANOTHER_MONUMENT.sub(r"\g<0> precisely", text)
    if "resolution" in text:
        text = _WHICH_RESOLUTIONS.sub(r"\g<0> precisely", text)
    if "another" in text or "batch" in text or "wave" in text or "rotation" in text or "shipment" in text:
        text = _LATER_BATCH.sub(r"\g<0> precisely", text)
    return text


def _false_premise_checked(text: str) -> str:
    """Ask whether a critic approved or Russia found fault (the entries on who condemned and Russia's reaction say)."""
    if "why " in text:
        text = _CRITIC_APPROVED.sub(r"did \1 condemn", text)
    if ("putin" in text or "russ" in text or "kremlin" in text or "moscow" in text or "gerasimov" in text) and (
        _FAULT_HINT.search(text)
    ):
        text = _RUSSIA_CRITICISED.sub(r"\1\2 react to", text)
    return text


def _asked_plainly(text: str) -> str:
    """Rewrite what a question asks in the words the entries ask it with: "the actual number" is "how many"."""
    text = _german_read(text)
    if "only" in text:
        text = _ONLY_SO_FEW.sub("", text)
    if " ke " in text or " ka " in text:
        text = _HINDI_OF.sub(_whose, text)
    if " ya " in text and _HINGLISH.search(text):
        text = text.replace(" ya ", " or ")
    if "number" in text or "figure" in text or "count" in text or "total" in text:
        text = _TRUE_NUMBER.sub("how many", text)
    if ("wise" in text or "speaking" in text) and not _WISE_JUDGED.search(text):
        text = _AS_REGARDS.sub(lambda match: match[1] or match[2], text)
    text = _without_the_askers_frame(text)
    text = _precision_asked(_false_premise_checked(text))
    if "make it" in text or "made it" in text:
        text = _DID_NOT_SURVIVE.sub("died", text)
    if "article" in text or "piece" in text or "story" in text:
        text = _ARTICLE_AGREES.sub(" right?", text)
    if text.rstrip(" ?!.").endswith(_SOURCE_ENDINGS) and not _DOUBTED.search(text):
        text = _SOURCE_OF_THE_CLAIM.sub("?", text)
    if "attribut" in text or "whose words" in text or "who used" in text or "who coined" in text:
        text = _WHO_SAID.sub("who said", text)
    if "gan" in text and "guerra" in text:
        text = _WINS_THE_WAR.sub("win", text)
    text = _foreign_small_words_read(text)
    if _COUNTED_HINT.search(text):
        text = _COUNTED.sub("how many", text)
    return text


def _german_read(text: str) -> str:
    """Read a German message's small words in English: "wer hat die soldaten geschickt" asks who sent the soldiers.

    A word only German has is enough to tell; a word it shares with other languages counts half.
    """
    words = text.split()
    if "die" not in text and GERMAN_MARKERS.isdisjoint(words):
        return text  # the common case, found without the pattern
    found = set(_GERMAN_MARKER.findall(text))
    # Not in a word or two, such as a synonym in the knowledge file ("wird" as "will").
    markers = len(found) + (len(found & GERMAN_OWN_WORDS) if len(words) > 2 else 0)
    article = _GERMAN_DIE.search(text) if "die" in text else None
    if article:
        # One marker and "die" are enough already; only alone does "die" need telling what follows it.
        markers += 2 if not markers and _german_after_die(article[1]) else 1
    if markers < 2:
        return text
    if article:
        text = _GERMAN_DIE.sub("the", text)
    if "von" in text:
        text = _WHAT_ONE_GETS.sub(r"what does \1 get from", text)
    return _GERMAN_SMALL_WORD.sub(lambda match: GERMAN_SMALL_WORDS[match[0]], text)


def _german_after_die(following: str) -> bool:
    """Whether "die" before this word is German alone: a longer word English lacks ("die truppen").

    Fillers count as English ("die abeg", "die frfr") unless they are German's ("die überhaupt"), and so do "-ly" and
    "-ing" words, which German lacks. The common-word file is read last: the knowledge file's own texts with "die"
    ("die already", the synonyms "die dying") must not read it on every start.
    """
    if len(following) < 4 or following.endswith(("ly", "ing")):
        return False
    if following in STOPWORDS and following not in GERMAN_SMALL_WORDS:
        return False
    return following not in english_words()


def _foreign_small_words_read(text: str) -> str:
    """Read small words of Italian, Spanish, Portuguese and Malay as English does: "ha ringraziato", "buat apa"."""
    if " ha " in text:
        text = _ROMANCE_PERFECT.sub("", text)
    if " apa" in text:
        text = _WHAT_FOR.sub("why", text)
    if "disse" in text:
        text = _PORTUGUESE_SAID.sub("said", text)
    if "'" in text:
        text = _ELIDED.sub(lambda match: "dove " if match[1] else "", text)
    if "un " in text:
        text = _ROMANCE_ARTICLE.sub("", text)
    return text


def _significance(match: re.Match[str]) -> str:
    """Read "what does the confirmation mean" as asking its significance, "what does dprk mean" its definition."""
    subject = match[1]
    # A term ends the question, or is quoted: "what does 'hermit kingdom' mean, in plain words".
    after = match.string[match.end() :].lstrip(" \"'")
    rest = _AFTER_A_TERM.sub("", after, count=1).lstrip()
    term = subject.strip()
    defined = not rest or rest[0] in "?.!" or (term[:1] in ("'", '"') and term[-1:] in ("'", '"'))
    words = subject.split()
    if defined and _MEANT.isdisjoint(words) and not any(word.endswith("'s") for word in words):
        return f"{match[0].removesuffix('mean')}dictionary"  # not "definition", whose stem is "definitely"
    return f"what {subject}significance"


def _rewrite_phrasings(text: str) -> str:
    """Read phrasings as what they ask; each pattern only where the words it needs are (most texts have none)."""
    if "what" in text and (" get" in text or " win" in text or " walk" in text):
        # "what does russia get?", "what is kim getting for this": what they gain.
        text = _WHAT_THEY_WIN.sub(r"\1 gain ", _WHAT_THEY_GET.sub(r"\1 gain", text))
        text = _THEY_GET_WHAT.sub(r"\1gain what", text)
    if "using" in text or " use " in text or "gamit" in text or " usa" in text or "ed with" in text:
        # "what weapons are they using": their own arms, not the weapons supplied.
        text = _WEAPONS_USED.sub(r"\1 loadout", text)
    if "place" in text or "location" in text or "oblast" in text or "part of" in text:
        text = _WHAT_PLACE.sub("where", text)
    if "mean" in text and "what" in text:
        text = _WHAT_IT_MEANS.sub(_significance, text)
    if "how" in text and ("get" in text or "got" in text or "arriv" in text or "travel" in text or "mov" in text):
        text = _HOW_THEY_TRAVELLED.sub(r"how \1 transport", text)
    if "zero" in text:
        text = _ZERO_OF.sub("no ", text)
    if "kim" in text:
        text = _KIMS_TROOPS.sub(r"north korean \1", text)
    if "mark" in text or "comma" in text or "stop" in text or "period" in text:
        text = _SPOKEN_PUNCTUATION.sub(_punctuation_said, text)
    if "right" in text:
        # "they sent 100k right? that's what i read": a "right?" anywhere asks to confirm what came before it.
        text = _RIGHT_ASKED.sub(" ok?", text)
    if "when" in text:
        # "what's up, when did they sign it": a "when" after a break starts a question of its own.
        text = _WHEN_AFTER_A_BREAK.sub(" and when", text)
    return text


def _punctuation_said(match: re.Match[str]) -> str:
    """Return the mark a match of _SPOKEN_PUNCTUATION says, by its group: "question mark" is "?"."""
    return "?,!."[(match.lastindex or 1) - 1] + " "


def _whole_army(match: re.Match[str]) -> str:
    """Spell the army of a match as the whole army; add it to a match without one ("how many does nk have")."""
    text, armies = _ARMY_WORD.subn("whole army", match[0], count=1)
    return text if armies else f"{text} whole army"


def _expanded(match: re.Match[str]) -> str:
    """Expand a contraction; an ending only right after a letter: "'special forces'" quotes, it has no "'s"."""
    text, start, end = match.string, match.start(), match.end()
    if match[0][0] == "'" and not (
        start and text[start - 1].isalpha() and (end == len(text) or not text[end].isalpha())
    ):
        return match[0]
    return CONTRACTIONS[match[0]]


def _count_digits(value: int) -> str:
    """Spell a count in digits; one that would read as a year gets a leading 0 ("2,000 died" is no year)."""
    return f"0{value}" if _is_year(value) else str(value)


def _joined(match: re.Match[str]) -> str:
    """Spell "11,000", "11.000" or "11 000" as one count (only four digits can read as a year)."""
    digits = match[0].translate(_SEPARATORS)
    return _count_digits(int(digits)) if len(digits) == 4 else digits


def _scaled(match: re.Match[str]) -> str:
    """Spell "11k", "1.5m" or "1.2 million" in digits; a number too large for a float ("999…9k") stays as typed."""
    number, scale = (match[1], match[2]) if match[1] else (match[3], match[4])
    value = float(number) * MULTIPLIERS[scale]
    return _count_digits(round(value)) if math.isfinite(value) else match[0]


def read_numbers(words: Sequence[str]) -> list[str]:
    """Replace number words with digits: "eleven thousand", "a thousand", "12 thousand" -> 11000..."""
    if _NUMBER_WORDS.isdisjoint(words):
        return list(words)
    out: list[str] = []
    total = current = 0
    in_number = False
    for index, word in enumerate(words):
        next_word = words[index + 1] if index + 1 < len(words) else ""
        # "one" is usually a pronoun ("which one"); it is a number only before a scale word.
        if word in UNITS and (word != "one" or next_word in _SCALES):
            if in_number and not _adds_to(current, UNITS[word]):
                # "eleven twelve thousand" ("eleven-twelve") is a range, not 23 thousand.
                out.append(_count_digits(total + current))
                total = current = 0
            current += UNITS[word]
            in_number = True
            continue
        if word in _SCALES:
            if not in_number and out and (out[-1] == "a" or _is_short_number(out[-1])):
                current = 1 if out.pop() == "a" else int(words[index - 1])
                in_number = True
            # "hundred hundred hundred…" multiplies without end: past MAX_NUMBER_DIGITS the number stops.
            if in_number and len(str(total + current)) <= MAX_NUMBER_DIGITS:
                count = max(current, 1)
                current = count * MULTIPLIERS[word]
                if word != "hundred":
                    total, current = total + current, 0
                    _scale_range_start(out, count, MULTIPLIERS[word])
                continue
        if in_number:
            out.append(_count_digits(total + current))
            total = current = 0
            in_number = False
        out.append(word)
    if in_number:
        out.append(_count_digits(total + current))
    return out


def _adds_to(current: int, unit: int) -> bool:
    """Whether a number word continues the number before it: "twenty one", "a hundred and five", not "eleven twelve"."""
    return current % 100 == 0 or (current % 10 == 0 and current % 100 >= 20 and unit < 10)


_RANGE_WORDS = frozenset(("to", "or", "and"))


def _scale_range_start(out: list[str], count: int, multiplier: int) -> None:
    """Scale a smaller number that opens a range with `count`: "11 to 12 thousand" is 11000 to 12000."""
    start = len(out) - 2 if out and out[-1] in _RANGE_WORDS else len(out) - 1
    if start >= 0 and out[start].isdigit() and len(out[start]) <= 3 and int(out[start]) < count:
        out[start] = _count_digits(int(out[start]) * multiplier)


def _is_short_number(word: str) -> bool:
    """Whether `word` is digits few enough to read as a number ("12" in "12 thousand")."""
    return word.isdigit() and len(word) <= MAX_NUMBER_DIGITS


_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=65_536)  # a few thousand distinct words make up every text the bot reads
def stem(word: str) -> str:
    """Reduce a word to its Snowball stem so "deployed", "deploying" and "deployment" match."""
    if word.isdigit():
        return word
    return OWN_STEMS.get(word) or str(_STEMMER.stemWord(PAST_FORMS.get(word, word)))


@lru_cache(maxsize=65_536)  # the loader, the engine and repeated questions read the same texts
def raw_words(text: str) -> tuple[str, ...]:
    """Clean text and return its words as typed, numbers as digits."""
    return tuple(read_numbers(_WORD.findall(clean(text))))


@lru_cache(maxsize=65_536)  # the loader's cross-checks and the index read every phrasing
def words_of(text: str) -> tuple[str, ...]:
    """Clean text and return its stemmed words, numbers as digits (no typo fixing, no synonyms)."""
    return tuple(stem(word) for word in raw_words(text))


def compound_token(term: str) -> str:
    """Spell a (possibly multi-word) canonical term as one token: "north korea" -> "north_korea"."""
    return "_".join(words_of(term))


def lexicon_tokens(words: Iterable[str]) -> frozenset[str]:
    """Spell a word list the way `words_of` spells text ("united_states" -> "united_state")."""
    return frozenset(compound_token(word.replace("_", " ")) for word in words)


ACTORS = lexicon_tokens(ACTOR_WORDS)
PERSONS = lexicon_tokens(PERSON_WORDS)
WAR_PLACES = lexicon_tokens(WAR_PLACE_WORDS)
TIMES = lexicon_tokens(TIME_WORDS)
OPINIONS = lexicon_tokens(OPINION_WORDS)
SPECIFICS = lexicon_tokens(SPECIFIC_WORDS)
CHATTER = lexicon_tokens(CHATTER_WORDS)
FILLER = lexicon_tokens(STOPWORDS)
QUESTIONS = lexicon_tokens(QUESTION_WORDS)
_RAW_QUESTIONS = frozenset(QUESTION_WORDS)
# "sent troops to russia", "stationed in north korea", "is putin going to pyongyang": the actor after these
# two words is where someone goes, so "has russia sent troops to north korea" is not the story told the other
# way round.
MOVEMENTS = frozenset(
    words_of("troops sent send deployed stationed based moved went go goes going visit visiting dispatched shipped")
)
DESTINATION_MARKS = frozenset(words_of("to into in inside"))
# "who in russia says", "officials in seoul said": people of a place, who act for it; "in" makes no place of it.
_PEOPLE_IN = frozenset(words_of("who anyone someone anybody somebody people official officials"))
_IN = compound_token("in")
_ARTICLES = frozenset(words_of("the a an"))
SPEECH = frozenset(
    compound_token(word)
    for word in "say said says saying claim claims claimed report reports reported estimate estimates estimated "
    "confirmed confirm admit call calls called label labels labelled describe described condemned praised "
    "warn warned announce announced state stated accuse accused thank thanked pledged disputes insist insists "
    "react leak leaked reveal revealed expose exposed disclose disclosed".split()
)
ACCORDING = compound_token("according")
# Who says, gains or loses something, each kept apart: "what does russia get out of it" is not what North Korea
# gets, "how many troops has russia lost" is not how many North Koreans were killed, and "according to north
# korea, how many died" is not a figure North Korea gave because North Koreans died.
_YOU = compound_token("you")
_SAY = compound_token("say")
PRECISE = compound_token("precise")
_OK = compound_token("ok")
_CONFIRMING = frozenset(map(stem, ("right", "correct", "innit")))  # a closing "right?" and its kin
_ASKING = QUESTIONS | {"what", PRECISE}  # "what exactly" reads as "precise"
_THINKING = lexicon_tokens(["think", "thinks", "thought", "believe", "believes", "reckon", "reckons"])
# Losing people is losing them in battle: "how many soldiers did they lose" asks how many were killed, while
# "did russia lose kursk" or "who is losing" does not.
_LOSE = frozenset(words_of("lose loses losing lost"))
_PEOPLE_WORDS = "troops soldiers men fighters forces army personnel lives"
_PEOPLE = frozenset(words_of(_PEOPLE_WORDS))
_KILLED = compound_token("killed")
_LOOSE_PRECISION = lexicon_tokens(["exactly", "precisely", "specifically"])
_NARROWABLE = lexicon_tokens(["where", "when", "many"])
_GAIN = compound_token("gain")
_FOR = compound_token("for")
# "what advantages does the alliance give pyongyang": whom a gain is given to gains it ("give" reads as supplying),
# unless someone gains it already ("what does kim gain by giving putin troops").
_GIVING = frozenset(
    {compound_token("supplying"), *lexicon_tokens("give gives giving bring brings offer offers".split())}
)
_HIM = compound_token("him")
_WHEN = compound_token("when")
# Phrases read as several tokens: "what's in it for kim" gains, for Kim.
_SPLIT_PHRASES = {
    compound_token("in it for"): (_GAIN, _FOR),
    compound_token("when precisely"): (_WHEN, PRECISE),
}
# "russian troops", "russian losses", "putin's generals": a nationality or a leader that says whose people are meant.
_PEOPLE_OF = lexicon_tokens(f"{_PEOPLE_WORDS} killed generals commanders officers leaders".split())
MANY = compound_token("many")  # "how many" reads as this one token
ROLES = {"say": SPEECH, "gain": frozenset({_GAIN}), "lose": frozenset({_KILLED})}
# "the benefits of this partnership for kim": who gains may come this many words after the gain.
BENEFIT_REACH = 6
# Deeds the story has one side doing, kept apart by who does them: sending, supplying or supporting ("how many
# troops did ukraine send"), building ("will russia build a monument") and commanding ("who is the north korean
# commander"). A leader acts for the country.
DEEDS = {
    "send": frozenset({compound_token("send"), compound_token("supplying"), compound_token("support")}),
    "build": lexicon_tokens(["build", "built", "erect", "erected"]),
    "command": lexicon_tokens(["command", "commands", "commanded", "commander", "commanders"]),
}
# Every word that can make a claim or a deed: a text with none of them (most texts) has neither.
_CLAIM_WORDS = frozenset({ACCORDING, _GAIN}).union(*ROLES.values(), *DEEDS.values())
LEADER_OF = {
    compound_token(leader): compound_token(country) for leader, country in (("kim", "north korea"), ("putin", "russia"))
}
# "western intelligence reports say": the verb may come a few words after who speaks (or gains).
CLAIM_REACH = 3
_BE = frozenset(words_of("is are was were be been being"))
# "kim's troops got thanked": a passive made with "get", as with "be".
_PASSIVE = _BE | frozenset(words_of("get gets got gotten getting"))
_BY = compound_token("by")
_THE = compound_token("the")
_CONJUNCTIONS = frozenset(words_of("and or"))
# "the ukrainian military admitted" is Ukraine speaking.
COUNTRY_OF = {
    compound_token(people): compound_token(country)
    for people, country in (
        ("north korean", "north korea"),
        ("south korean", "south korea"),
        ("russian", "russia"),
        ("ukrainian", "ukraine"),
        ("american", "united states"),
    )
}
_RAW_LEXICON = frozenset(
    word
    for words in (STOPWORDS, QUESTION_WORDS, TIME_WORDS, OPINION_WORDS, ACTOR_WORDS, SPECIFIC_WORDS, UNITS, MULTIPLIERS)
    for term in words
    for word in term.split("_")
)


class Analyser:
    """Fixes typos and maps synonyms against one knowledge's words; built once per knowledge.

    `asked` are the words of the curated questions and phrasings: typos are fixed into these only.
    `known` are all other words the knowledge uses (answers, evidence): never "fixed", never targets,
    so "biased" does not become "based" because an evidence sentence says "based on".
    """

    def __init__(self, synonyms: Mapping[str, Iterable[str]], asked: Iterable[str], known: Iterable[str]) -> None:
        self._phrases: dict[tuple[str, ...], str] = {}
        for builtin, spellings in BUILTIN_PHRASES.items():
            for spelling in (builtin, *spellings):
                self._phrases[tuple(words_of(spelling))] = compound_token(builtin)
        # The story's synonyms win over the built-in phrases; a canonical term that is itself a
        # built-in phrase ("kim jong un") keeps the built-in token so both tables agree.
        for canonical, variants in synonyms.items():
            key = tuple(words_of(canonical))
            token = self._phrases.get(key) or compound_token(canonical)
            for variant in (canonical, *variants):
                if words_of(variant):
                    self._phrases[tuple(words_of(variant))] = token
        # Most words start no phrase: one lookup tells, before any slice of the words is tried.
        self._longest_from: dict[str, int] = {}
        for key in self._phrases:
            self._longest_from[key[0]] = max(len(key), self._longest_from.get(key[0], 0))
        # Typos are fixed on words as typed, before stemming, against every word we know as typed.
        phrase_words = {
            word
            for variants in (*BUILTIN_PHRASES.values(), *synonyms.values())
            for word in raw_words(" ".join(variants))
        }
        targets = set(asked) | phrase_words | _RAW_QUESTIONS
        self.vocabulary = frozenset(targets | set(known) | _RAW_LEXICON)
        self._targets_by_letter: dict[str, list[str]] = defaultdict(list)
        # Never "fix" a word into filler: "died" is not a typo of "did".
        for word in sorted(targets - STOPWORDS):
            if len(word) >= MIN_TYPO_LENGTH - 1:
                self._targets_by_letter[word[0]].append(word)
        self._typo_cache: dict[str, str] = {}
        # A message is read several times (its tokens, where troops go, its clauses' context): once suffices.
        self._sequence = lru_cache(maxsize=SEQUENCE_CACHE)(self._read_sequence)

    @cached_property
    def _stems_by_letter(self) -> dict[str, dict[str, str]]:
        """Return the typo targets' stems by first letter, made on the first typo that needs them.

        "comanding" is two edits from no asked word but one from the stem of "commanded".
        """
        stems: dict[str, dict[str, str]] = defaultdict(dict)
        for letter, words in self._targets_by_letter.items():
            for word in words:  # in order: of words with one stem, the first is the fix
                stems[letter].setdefault(stem(word), word)
        return stems

    def correct(self, word: str) -> str:
        """Return the known word `word` is a typo of, or `word` itself."""
        if word not in self.vocabulary and _STRETCHED.search(word):
            word = self._unstretched(word)
        if word in self.vocabulary or len(word) < MIN_TYPO_LENGTH or word.isdigit():
            return word
        cached = self._typo_cache.get(word)
        if cached is not None:
            return cached
        if word in english_words() or self._possessive_unmarked(word):
            return word
        fixed = _closest(word, self._targets_by_letter.get(word[0], []))
        if fixed is None:
            stems = self._stems_by_letter.get(word[0], {})
            fixed_stem = _closest(stem(word), list(stems))
            fixed = word if fixed_stem is None else stems[fixed_stem]
        if len(self._typo_cache) < 100_000:  # bounded: user text is unbounded
            self._typo_cache[word] = fixed
        return fixed

    def _possessive_unmarked(self, word: str) -> bool:
        """Whether `word` is a known or English word and an "s" ("japans", "kims"): stemming reads it, no typo."""
        return word[-1] == "s" and (word[:-1] in self.vocabulary or word[:-1] in english_words())

    def _unstretched(self, word: str) -> str:
        """Return a word typed with a letter held down ("soooo", "cooool") as written: the letter once or twice."""
        once, twice = _STRETCHED.sub(r"\1", word), _STRETCHED.sub(r"\1\1", word)
        return next((form for form in (once, twice) if self._is_word(form)), once)

    def _is_word(self, word: str) -> bool:
        return word in self.vocabulary or word in STOPWORDS or word in english_words()

    def read(self, text: str, *, fix_typos: bool = True) -> tuple[str, ...]:
        """Return every token of `text` in order, filler included: typos fixed, synonyms mapped."""
        return self._sequence(text, fix_typos)

    def tokens(self, text: str, *, fix_typos: bool = True) -> list[str]:
        """Return the meaningful tokens of `text`: typos fixed, synonyms mapped, filler dropped."""
        return meaningful(self._sequence(text, fix_typos))

    def destinations(self, text: str, *, fix_typos: bool = True) -> frozenset[str]:
        """Return the actors `text` sends or stations troops in ("sent troops to russia")."""
        return destinations_in(self._sequence(text, fix_typos))

    def claimants(self, text: str, *, fix_typos: bool = True) -> frozenset[str]:
        """Return who `text` has saying, gaining or losing something, as role:country ("say:russia")."""
        return claimants_in(self._sequence(text, fix_typos))

    def attributions(self, text: str, *, fix_typos: bool = True) -> frozenset[str]:
        """Return whom `text` attributes what it asks to ("according to russia" -> "say:russia")."""
        return attributions_in(self._sequence(text, fix_typos))

    def doers(self, text: str, *, fix_typos: bool = True) -> frozenset[str]:
        """Return who `text` has doing one of the DEEDS, as deed:country ("did ukraine send" -> "send:ukrain")."""
        return doers_in(self._sequence(text, fix_typos))

    def _read_sequence(self, text: str, fix_typos: bool) -> tuple[str, ...]:
        """Return every token of `text` in order, filler included: typos fixed, synonyms mapped."""
        if fix_typos:
            words = [stem(self.correct(word)) for word in _movements(raw_words(text))]
        else:
            words = list(words_of(text))
            if not _MOVING.isdisjoint(words):
                words = [stem(word) for word in _movements(raw_words(text))]
        out: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(self._longest_from.get(words[i], 0), len(words) - i), 0, -1):
                token = self._phrases.get(tuple(words[i : i + size]))
                if token is not None:
                    out += _SPLIT_PHRASES.get(token, (token,))
                    i += size
                    break
            else:
                out.append(words[i])
                i += 1
        return tuple(_read_usage(out))


def _read_usage(out: list[str]) -> list[str]:
    """Read the words of a phrase-mapped text as they are used: "right?" confirming, "think" reporting, and so on."""
    # A closing "right?" asks to confirm what came before ("syrskyi is the army chief right?"), no opinion.
    if out and out[-1] in _CONFIRMING:
        out[-1] = _OK
    # "What do experts think" asks what they say; only "do you think" asks the bot's opinion, and "I think",
    # unless the message asks something besides ("i think putin said something, what was it").
    if _YOU not in out and not _THINKING.isdisjoint(out):
        asks = not _ASKING.isdisjoint(out)
        out = [_SAY if token in _THINKING and (asks or not _mine(out, at)) else token for at, token in enumerate(out)]
    if not _PEOPLE.isdisjoint(out):
        out = [_KILLED if token in _LOSE else token for token in out]
    # "where is it being built exactly": the precision asked for may come later in the question, not before it
    # ("exactly, so which countries condemned it" agrees).
    if not _LOOSE_PRECISION.isdisjoint(out) and not _NARROWABLE.isdisjoint(out):
        asked = min(at for at, token in enumerate(out) if token in _NARROWABLE)
        out = [PRECISE if at > asked and token in _LOOSE_PRECISION else token for at, token in enumerate(out)]
    if _STYLE in out:
        # "nato-style tactics" are a kind of tactics, no word of NATO's: the entry's style may correct it.
        out = [token for token, then in itertools.zip_longest(out, out[1:]) if not (then == _STYLE and token in ACTORS)]
    if _WHEN in out and out[0] != _WHEN:
        out = _when_as_conjunction(out)
    return out


_NOBODY: frozenset[str] = frozenset()
_STYLE = compound_token("style")
# Words after which "when" starts a second question ("where are they and when did they arrive").
_JOINING = frozenset(words_of("and or but so then also since until till"))


def _when_as_conjunction(tokens: list[str]) -> list[str]:
    """Drop a "when" that joins a clause to a question already asked: "what did he say when he praised them"."""
    asked = next((at for at, token in enumerate(tokens) if token in _ASKING), len(tokens))
    return [token for at, token in enumerate(tokens) if token != _WHEN or at <= asked or tokens[at - 1] in _JOINING]


# A letter three times or more in a row: no English word has one ("soooo", "pleeease").
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_I = "i"


def _mine(tokens: Sequence[str], at: int) -> bool:
    """Whether the word at `at` follows "i": "i think they're brave" is the asker's opinion, not a claim asked about."""
    return at > 0 and tokens[at - 1] == _I


# "going to" a place is a movement ("is putin going to pyongyang"); going to do something is the future. Getting
# to a place is arriving ("how did the troops get to russia"), getting to do something ("did russia get to take
# kursk back", "what has seoul got to say") is not.
_SOMEWHERE = ACTOR_WORDS | frozenset("the a an north south this that there war front parade".split())
_GET = frozenset(("get", "got", "gets", "getting"))
_MOVING_WORDS = frozenset(("going", *_GET))
_MOVING = frozenset(map(stem, _MOVING_WORDS))


def _movements(words: tuple[str, ...]) -> tuple[str, ...]:
    """Read "going to" before anything but a place as "gonna", and getting to a place, or there, as arriving."""
    if _MOVING_WORDS.isdisjoint(words):
        return words
    out = list(words)
    for at in range(len(words) - 2, -1, -1):
        after = words[at + 2] if at + 2 < len(words) else ""
        if words[at] == "going" and words[at + 1] == "to" and after and after not in _SOMEWHERE:
            out[at : at + 2] = ["gonna"]
        elif words[at] in _GET and (
            (words[at + 1] == "there" or (words[at + 1] == "here" and not _just_joined(words, at)))
            or (words[at + 1] == "to" and after in _SOMEWHERE)
        ):
            out[at] = "arrive"
    return tuple(out)


def _just_joined(words: tuple[str, ...], at: int) -> bool:
    """Whether "got here" at `at` is the asker joining the chat ("just got here, what's this about")."""
    return at > 0 and words[at - 1] == "just"


def meaningful(sequence: Sequence[str]) -> list[str]:
    """Return the tokens of a read text that are not filler."""
    return [token for token in sequence if token not in FILLER]


def destinations_in(sequence: Sequence[str]) -> frozenset[str]:
    """Return the actors a read text sends or stations troops in ("sent troops to russia")."""
    if MOVEMENTS.isdisjoint(sequence):
        return _NOBODY
    words = _without_articles(sequence)  # "troops in the us"
    return frozenset(
        actor
        for moved, mark, actor in zip(words, words[1:], words[2:], strict=False)
        if moved in MOVEMENTS and mark in DESTINATION_MARKS and actor in ACTORS
    )


def _without_articles(sequence: Sequence[str]) -> list[str]:
    """Return a read text's tokens without "the", "a" and "an", which may come between a mark and its actor."""
    return [token for token in sequence if token not in _ARTICLES]


def _nobody_acts(sequence: Sequence[str]) -> bool:
    """Whether a read text has no claim or deed word, or no actor: most texts, read no further."""
    return _CLAIM_WORDS.isdisjoint(sequence) or ACTORS.isdisjoint(sequence)


# "what did syrskyi say", "what has the kremlin said", "what exactly did he say", "koo said what exactly": asking for
# someone's words, which an entry about who he is does not give, though it may quote him. "what is the rank of the
# officer quoted" asks a rank; "what does the article say", nobody's words.
_ASKS_WORDS = re.compile(
    rf"\b(?:what|(?<!when ){PRECISE}) (?:did|doe|do|has|have|had|will) (?:(?!articl\b)\S+ ){{0,8}}say\b"
    rf"|\bsay {PRECISE}$"
)
_ASKS_IDENTITY = re.compile(r"who (?:is|was|are|were) ")
WORDS_ASKED = "words_asked"  # the asking word of such a question, and of every entry but those about who someone is


def asks_for_words(sequence: Sequence[str]) -> bool:
    """Whether a read text asks what someone said."""
    if _SAY not in sequence or not _ASKS_WORDS.search(" ".join(sequence)):
        return False
    return any(role_of(claim) == _SAY for claim in claimants_in(sequence))


_WHICH = compound_token("which")
# "was it china that first reported it": a guess at who said something, checked.
_CLEFT = frozenset(words_of("was is were wasnt isnt werent"))
_IT = compound_token("it")
_RELATIVES = frozenset(words_of("that who"))
_GUESS_FILLER = frozenset(words_of("really actually the not"))
# Who acts for the actor guessed: "was it japanese intelligence that first reported it".
_AGENCIES = frozenset(words_of("intelligence intel spies spy agencies agency services media officials government"))
# Telling of the troops first, which the entry asked who first reported them corrects: "japan reported it first".
_FIRST_TOLD = compound_token("first")
_TELLING_FIRST = frozenset(map(compound_token, ("report", "identified", "spot")))
_TELLERS = ACTORS - {compound_token("north korea"), compound_token("north korean")}  # North Korea's are the told of


def actor_guessed(sequence: Sequence[str]) -> str | None:
    """Return the actor a read text guesses said something ("was it china that first reported it"), if any.

    Only a guess at who said something: the story has nobody else killing them or building a monument to guess at.
    """
    words = [word for word in sequence if word not in _GUESS_FILLER]
    for at, token in enumerate(words[:-3] if _IT in sequence else ()):
        # "was it china that", or said as a statement to check: "it was ukraine who leaked it first, right?"
        if (token in _CLEFT and words[at + 1] == _IT) or (token == _IT and words[at + 1] in _CLEFT):
            actor, *rest = words[at + 2 : at + 4 + CLAIM_REACH]
            if rest and rest[0] in _AGENCIES:
                rest = rest[1:]
            if actor in ACTORS and rest and rest[0] in _RELATIVES and not SPEECH.isdisjoint(rest[1 : 1 + CLAIM_REACH]):
                return actor
    return _first_teller_guessed(words) if _FIRST_TOLD in sequence else None


def _first_teller_guessed(sequence: Sequence[str]) -> str | None:
    """Return the actor a read text says told of the troops first ("china reported it first, yeah?"), if any."""
    words = [word for word in sequence if word not in _AGENCIES]
    for at, token in enumerate(words):
        # "japan reported it first", "japan was the first to report it"; not "nk forces were first identified".
        after = words[at + 1 : at + 2 + CLAIM_REACH]
        passive = bool(after) and after[0] in _BE and after[1:2] != [_FIRST_TOLD]
        if token in _TELLERS and not passive and not _TELLING_FIRST.isdisjoint(after):
            return token
    return None


def kinds_asked(sequence: Sequence[str]) -> frozenset[str]:
    """Return the kinds of thing a read text asks to pick with "which" ("which ministry" -> "ministri").

    The kind is the word right after "which", past the actors and numbers that narrow it ("which russian
    officials"); "which is it" or "which of them" names none.
    """
    if _WHICH not in sequence:
        return _NOBODY
    kinds = set()
    for at, token in enumerate(sequence):
        if token == _WHICH:
            after = (word for word in sequence[at + 1 :] if word not in ACTORS and not word.isdigit())
            kind = next(after, "")
            if kind and kind not in FILLER and kind not in QUESTIONS:
                kinds.add(kind)
    return frozenset(kinds)


# Counts from this up are figures a report gives ("50,000 troops"); smaller ones count things ("which two leaders").
MIN_FIGURE = 100


def is_count(token: str) -> bool:
    """Whether a token is a count: a number, but not a year (a count that looks like one is spelled "02000")."""
    return token.isdigit() and not (len(token) == 4 and _is_year(int(token)))


def _is_year(value: int) -> bool:
    """Whether a number is in the years a story could name."""
    return 1900 <= value <= 2099


def is_figure(token: str) -> bool:
    """Whether a token is a figure a report could give: a count of at least MIN_FIGURE."""
    return is_count(token) and int(token) >= MIN_FIGURE


def asks_identity(sequence: Sequence[str]) -> bool:
    """Whether a read text asks who someone is ("who is oleksandr syrskyi")."""
    return bool(_ASKS_IDENTITY.match(" ".join(sequence)))


def claimants_in(sequence: Sequence[str]) -> frozenset[str]:
    """Return who a read text has saying, gaining or losing something, as role:country ("say:russia")."""
    if _nobody_acts(sequence):
        return _NOBODY
    acting = _actors_before(sequence, ROLES, passive={"lose"})
    gaining = (("gain", actor) for actor in _beneficiaries(sequence))
    return _claims((*acting, *gaining)) | attributions_in(sequence)


def attributions_in(sequence: Sequence[str]) -> frozenset[str]:
    """Return whom a read text attributes what it asks to, as say:country ("according to russia" -> "say:russia").

    An article in between is skipped: "according to the north koreans".
    """
    words = _without_articles(sequence)
    return _claims(("say", actor) for mark, actor in itertools.pairwise(words) if mark == ACCORDING and actor in ACTORS)


def _claims(pairs: Iterable[tuple[str, str]]) -> frozenset[str]:
    return frozenset(f"{role}:{COUNTRY_OF.get(actor, actor)}" for role, actor in pairs)


def _beneficiaries(sequence: Sequence[str]) -> list[str]:
    """Return who a gain is for: "the benefits of this partnership for kim", "what gains does it give kim".

    "Him" is the last leader named before ("why would kim do it, what's in it for him").
    """
    found = []
    for at, token in enumerate(sequence):
        if token == _GAIN:
            window = sequence[at + 1 : at + 1 + BENEFIT_REACH]
            owned = not ACTORS.isdisjoint(sequence[max(at - CLAIM_REACH, 0) : at])
            marks = [place for place, word in enumerate(window) if word == _FOR or (word in _GIVING and not owned)]
            if marks:
                start = at + 2 + marks[0]
                after = sequence[start : start + CLAIM_REACH]
                if after and after[0] == _HIM:
                    after = [leader for leader in sequence[:at] if leader in LEADER_OF][-1:]
                found += [actor for actor in after if actor in ACTORS][:1]
    return found


def whose_people(sequence: Sequence[str]) -> frozenset[str]:
    """Return the words that say whose people a read text means ("russian troops", "putin's soldiers").

    A nationality or a leader before people or losses says it, and so does a nationality counted ("how many
    ukrainians").
    """
    pairs = list(itertools.pairwise(sequence))
    counted = {token for before, token in pairs if before == MANY and token in COUNTRY_OF}
    described = {token for token, then in pairs if (token in COUNTRY_OF or token in LEADER_OF) and then in _PEOPLE_OF}
    return frozenset(counted | described)


def doers_in(sequence: Sequence[str]) -> frozenset[str]:
    """Return who a read text has doing one of the DEEDS, as deed:country ("did ukraine send" -> "send:ukrain")."""
    if _nobody_acts(sequence):
        return _NOBODY
    return frozenset(f"{deed}:{country_of(actor)}" for deed, actor in _actors_before(sequence, DEEDS))


def country_of(actor: str) -> str:
    """Return the country a leader or a people acts for ("kim" and "north_korean" -> "north_korea"), or `actor`."""
    return LEADER_OF.get(actor, COUNTRY_OF.get(actor, actor))


def role_of(claim: str) -> str:
    """Return the role or deed of a claim ("send:ukrain" -> "send")."""
    return claim.partition(":")[0]


def actor_of(claim: str) -> str:
    """Return who plays the role of a claim ("say:western" -> "western")."""
    return claim.partition(":")[2]


def senders(doers: Iterable[str]) -> frozenset[str]:
    """Return the doers that send, supply or support something ("send:north_korea")."""
    return frozenset(doer for doer in doers if role_of(doer) == "send")


def _actors_before(
    sequence: Sequence[str], verbs_of: Mapping[str, frozenset[str]], *, passive: Set[str] = frozenset()
) -> list[tuple[str, str]]:
    """Return (role, actor) for each actor a few words before one of its role's verbs: who does it.

    An actor right after "in" or "to" is a place, not a doer, unless people come before ("who in russia says").
    A form of "be" or "get" between them makes the actor the one it is done to ("north koreans are estimated to have
    died"), which counts only for `passive` roles ("north korean soldiers were killed": North Korea loses them).
    """
    found: list[tuple[str, str]] = []
    roles = [(role, verbs) for role, verbs in verbs_of.items() if not verbs.isdisjoint(sequence)]
    if not roles:  # most texts: nobody does anything
        return found
    for at, actor in enumerate(sequence):
        if actor in ACTORS and (at == 0 or sequence[at - 1] not in DESTINATION_MARKS or _people_in(sequence, at - 1)):
            window = _own_words(sequence[at + 1 : at + 1 + CLAIM_REACH])
            for role, verbs in roles:
                verb_at = next((place for place, token in enumerate(window) if token in verbs), None)
                if verb_at is None:
                    continue
                # "were north korea's soldiers thanked by putin": done to them, by the actor "by" names.
                by_at = at + verb_at + 2
                agent = _agent_after(sequence, by_at) if window[verb_at + 1 : verb_at + 2] == (_BY,) else None
                if role in passive or (_PASSIVE.isdisjoint(window[:verb_at]) and not agent):
                    found.append((role, actor))
                elif agent:
                    found.append((role, agent))
    return found


def _agent_after(sequence: Sequence[str], by_at: int) -> str | None:
    """Return the actor the "by" at `by_at` names, past an article ("thanked by the kremlin"), if any."""
    agent = next((token for token in sequence[by_at + 1 : by_at + 3] if token != _THE), None)
    return agent if agent in ACTORS else None


def _people_in(sequence: Sequence[str], at: int) -> bool:
    """Whether the word at `at` is an "in" after people: "who in russia", "officials in seoul"."""
    return sequence[at] == _IN and at > 0 and sequence[at - 1] in _PEOPLE_IN


def _own_words(window: Sequence[str]) -> Sequence[str]:
    """Return the words after an actor that can be its deed: up to an "and" or "or" that another deed follows.

    "did putin thank north korea and promise...": the promise is Putin's. "russia and north korea said": both said.
    """
    for place, token in enumerate(window):
        if token in _CONJUNCTIONS and not (place + 1 < len(window) and window[place + 1] in ACTORS):
            return window[:place]
    return window


@cache  # read on the first word the knowledge does not know, not at start-up
def english_words() -> frozenset[str]:
    """Return the common English words of ENGLISH_WORDS_FILE."""
    lines = ENGLISH_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def _closest(word: str, targets: list[str]) -> str | None:
    """Return the target within a few edits of `word` (more for longer words), if any."""
    max_edits = MAX_EDITS_LONG if len(word) >= LONG_WORD_LENGTH else MAX_EDITS_SHORT
    matches = process.extract(word, targets, scorer=OSA.distance, score_cutoff=max_edits, limit=None)
    # Of equally close words, one with the same letters ("regoin" is "region" swapped, not "regain"), then the
    # longest: a letter left out ("putn") is likelier than one typed twice.
    letters = sorted(word)
    return (
        min(matches, key=lambda match: (match[1], sorted(match[0]) != letters, -len(match[0])))[0] if matches else None
    )
