"""The normaliser: what people type becomes comparable tokens."""

from __future__ import annotations

import pytest

from bot.core.loader import load_knowledge
from bot.core.normalise import (
    Analyser,
    actor_guessed,
    clean,
    english_words,
    fold_typography,
    is_count,
    kinds_asked,
    raw_words,
    read_numbers,
    whose_people,
    words_of,
)
from tests.helpers import SHIPPED

ANALYSER = Analyser(
    {"north korea": ["dprk", "pyongyang", "nk"], "killed": ["dead", "died", "casualties"], "kim jong un": ["kju"]},
    ["north", "korea", "korean", "casualties", "troops", "kursk", "soldiers", "putin", "many"],
    ["based", "operate"],
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11,000-12,000", ["11000", "12000"]),
        ("eleven thousand troops", ["11000", "troop"]),
        ("one lakh troops", ["100000", "troop"]),  # Indian English: a lakh is 100,000
        ("1.5 lakh troops", ["150000", "troop"]),
        ("a dozen thousand troops", ["a", "12000", "troop"]),
        ("a thousand", ["1000"]),
        ("12 thousand", ["12000"]),
        ("11k and 1.5k", ["11000", "and", "1500"]),
        ("1.2 million and 2.5 thousand", ["1200000", "and", "2500"]),  # a decimal the scale word scales
        ("which one", ["which", "one"]),
        ("three months", ["3", "month"]),
        ("two hundred and five", ["200", "and", "5"]),
        # A space groups thousands too, after one to three digits only.
        ("1 000 killed, 11\u202f000 sent", ["1000", "kill", "11000", "send"]),
        ("in 2024 100 died", ["in", "2024", "100", "die"]),
        # A count in the years' range is spelled with a leading 0, so it is no year: "2,000 died", not "in 2000".
        ("2,000 died in 2024", ["02000", "die", "in", "2024"]),
        ("2k or two thousand", ["02000", "or", "02000"]),
        ("1,950 to 2,050", ["01950", "to", "02050"]),
        # A range the scale or suffix ends scales both its numbers, a smaller start only.
        ("eleven to twelve thousand", ["11000", "to", "12000"]),
        ("11\u201312 thousand", ["11000", "12000"]),
        ("between 11 and 12k", ["between", "11000", "and", "12000"]),
        ("11-12k", ["11000", "12000"]),
        ("eleven-twelve thousand", ["11000", "12000"]),  # a range, not 23 thousand
        ("ninety nine, three thousand two hundred", ["99", "3200"]),
        ("top 10 and a thousand", ["top", "10", "and", "1000"]),
    ],
)
def test_number_forms(text: str, expected: list[str]) -> None:
    assert list(words_of(text)) == expected


@pytest.mark.parametrize(
    ("token", "count"), [("2024", False), ("02000", True), ("1899", True), ("11000", True), ("k", False)]
)
def test_a_year_is_no_count(token: str, count: bool) -> None:
    assert is_count(token) is count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<@123> hi <@!45> <@&67> <#89> @everyone @here", "hi"),
        ("**bold** __under__ ~~strike~~ `code` ||spoiler||", "bold under strike code spoiler"),
        ("see https://example.com/x?y=1 now", "see now"),
        ("didn't can't won't they're", "did not can not will not they are"),
        ("they called it 'direct' 'special' 'motivated'", "they called it direct special motivated"),  # quotes
        ("Kim\u2019s \u201csoldiers\u201d", "kim soldiers"),
        ("thin\u200bwidth\u202eoverride", "thin width override"),
        ("emoji 🙏🔥 <:custom:123456>", "emoji"),
        ("THE U.S. SAID", "the united states said"),
        ("Y did they go, legal y/n", "why did they go legal y n"),  # "y" before a verb is "why"
        # An accent is dropped, typed on its letter or after it, and never splits the word.
        ("¿Muertos? où sont Zelens\u0301kyy", "muertos ou sont zelenskyy"),
    ],
)
def test_clean_keeps_only_the_words(text: str, expected: str) -> None:
    assert " ".join(raw_words(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Verbs typed without their final "g", which the typo fixer keeps as words of their own.
        ("wat putin sayin bout it", "wat putin saying bout it"),
        ("r they goin home", "r they going home"),
        ("whats putin doin'", "whats putin doing"),
        ("putin in kursk", "putin in kursk"),  # no verb
        ("are they killin it", "are they killin it"),  # doing well, not killing
        # People counted, however the count is typed.
        ("north korea how much soldier send russia", "north korea how many soldier send russia"),
        ("how much men does russia have", "how many men does russia have whole army"),  # before the whole army
        ("how much north korea soldier died", "how many north korea soldier died"),  # the country, not its people
        ("wie viele Soldaten", "how many soldaten"),  # "how many" in German, Dutch, Danish, Italian, Hindi
        ("hoeveel doden", "how many doden"),
        ("hvor mange soldater", "how many soldater"),
        ("quanti soldati", "how many soldati"),
        ("kitne jawan", "how many jawan"),
        ("berapa banyak tentara", "how many tentara"),  # Indonesian and Malay, and Vietnamese
        ("bao nhieu linh", "how many linh"),
        # A source asked for after a claim asks where the claim comes from: the claim's entry cites it.
        ("putin thanked them - source?", "putin thanked them?"),
        ("nk lost 10k soldiers, which media reported that?", "nk lost 10000 soldiers?"),
        ("sources?", "sources?"),  # the article's
        # Whether the article agrees with a claim, asked after it, checks the claim.
        ("i read nk sent 50k, article say the same?", "i read nk sent 50000 ok?"),
        ("legal or not, what does the article say", "legal or not, what does the article say"),
        ("russia get what from this deal", "russia gain what from this deal"),  # a learner's word order
        ("how many died? my niece needs it for her essay.", "how many died?"),  # who asks, not what is asked
        ("hi? my son wants to know who reported it", "hi? my son wants to know who reported it"),  # the question
        ("how many? my question is about the dead", "how many? my question is about the dead"),
        # Who the asker is, before the question.
        ("as an aussie, how many troops did nk send?", "how many troops did nk send?"),
        ("Filipino here, why did nk send troops?", "why did nk send troops?"),
        ("greetings from brazil! where are they fighting?", "where are they fighting?"),
        ("hi, i am from kenya. did russia praise them?", "did russia praise them?"),
        ("i'm from the philippines: what did seoul say?", "what did seoul say?"),
        ("as a whole", "as a whole"),
        # The KPA is North Korea's army; its troops are the North Korean troops.
        ("how big is the kpa?", "how big is the north korean whole army?"),
        ("the KPA's soldiers in kursk", "the north korean soldiers in kursk"),
        # A letter's greeting and signature ask nothing.
        ("Dear Bot, did North Korea admit it? Kind regards, Margaret", "did north korea admit it?"),
        ("Good afternoon. Who first reported it? Yours faithfully, E. Pritchard", "who first reported it?"),
        ("did putin thank them? many thanks!", "did putin thank them?"),
        ("did putin say thanks?", "did putin say thanks?"),  # a question about thanks, not a signature
        ("dear me, how many died?", "dear me, how many died?"),  # no letter
        ("They sent troops. Thanks, but why?", "they sent troops. thanks, but why?"),  # the question, no signature
        ("Good morning from Canada! Who condemned it?", "who condemned it?"),  # where the asker is, too
        # When the asker heard a claim is no time asked about; when something happened is.
        ("I heard on the radio this morning that nk admitted it", "i heard on the radio that nk admitted it"),
        ("did nk admit it this morning?", "did nk admit it this morning?"),
        ("did five thousand die in the first month?", "did five thousand die in the first month?"),  # a figure
        # A first part of the time the article counts over is more precise than its figure, unless a figure is checked.
        ("how many died in the first month?", "how many died in the first month precisely?"),
        ("5000 died in the first month, right?", "5000 died in the first month ok?"),
        # A closing "what exactly" asks what, with stress; before the question, more than the article may give.
        ("nk is to blame for what exactly?", "nk is to blame for what?"),
        ("what exactly did they sign?", "what exactly did they sign?"),
        ("the treaty commits russia to what exactly?", "the treaty commits russia to what exactly?"),  # a detail
        ("which un resolutions did nk break?", "which un resolutions precisely did nk break?"),  # which by name
        ("nk breaks un resolutions, which ones?", "nk breaks un resolutions, which ones precisely?"),
        ("does it break any un resolution no matter what", "does it break any un resolution no matter what"),
        # Another memorial than the one planned, somewhere else: the article tells of one.
        ("there'll also be a statue in moscow?", "there will also be a statue precisely in moscow?"),
        ("will there also be a monument for the fallen?", "will there also be a monument for the fallen?"),
        # Not making it is dying, at the end or with "home", "back" or "out"; not "didn't make it official".
        ("how many of them didnt make it", "how many of them died"),
        ("how many never made it home?", "how many died?"),
        ("nk didnt make it official for months", "nk didnt make it official for months"),
        ("how many didn't make it back alive", "how many died"),
        ("how many did not make it alive?", "how many died?"),
        # Why a critic approved asks whether it did: a false premise the entry on who condemned it corrects.
        ("why did seoul welcome the deployment?", "did seoul condemn the deployment?"),
        ("why does the US back nk sending troops", "did the  united states condemn nk sending troops"),
        ("why does russia support north korea", "why does russia support north korea"),  # Russia did welcome it
        ("why did north korea support russia", "why did north korea support russia"),
        ("why does south korea support ukraine?", "why does south korea support ukraine?"),  # not the deployment
        ("why did south korea praise the deployment", "did south korea condemn the deployment"),
        # Russia said to have found fault with the troops: how Russia reacted corrects it.
        ("why did putin trash talk the nk troops", "putin react to the nk troops"),
        ("has the kremlin been critical of them?", "has the kremlin been react to them?"),
        ("did putin criticise south korea", "did putin criticise south korea"),  # not the North Koreans
        ("why does russia blame ukraine for the war", "why does russia blame ukraine for the war"),
        ("did moscow reject ukraine's claim?", "did moscow reject ukraine claim?"),
        ("did they get what they wanted", "did they get what they wanted"),
        ("i don't believe any of this - sources?", "i do not believe any of this - sources?"),
        ("nk sent 50k troops, which outlet reported that?", "nk sent 50000 troops?"),
        ("where were they first identified by western sources", "where were they first identified by western sources"),
        ("hw mny troops", "how many troops"),
        ("is nk getting mny from russia", "is nk getting mny from russia"),  # "mny" alone may be money
        ("cuántos soldados", "how many soldados"),
        ("Hvor mange døde", "how many dode"),  # letters NFD leaves whole: ø, æ, ß, ł
        ("Łódź straße", "lodz strasse"),
        ("how much are the soldiers paid", "how much are the soldiers paid"),
        ("whats the actual number", "whats the how many"),  # the number asked for
        ('"certainly an illegal act" - attribution?', '"certainly an illegal act" - who said?'),  # who said a line
        ("whose words are those", "who said"),
        ("they only sent 12k?", "they sent 12000?"),  # "only" with a figure checked
        ("was it 3000 only?", "was it 3000?"),
        ("did only china condemn it", "did only china condemn it"),  # "only" that narrows
        ("the heroism line, who used it", "the heroism line, who said"),
        ("is that the real figure?", "is that the how many?"),
        # A later batch of troops is a part of what the article counts that it never gives.
        ("will nk send another batch?", "will nk send another batch precisely?"),
        ("a second wave of troops", "a second wave precisely of troops"),
        ("sending another 10,000 troops", "sending another 10000 precisely troops"),
        ("does russia gain another 11,000 men", "does russia gain another 11000 men"),
        ("a new wave of condemnation", "a new wave of condemnation"),
        ("how big is the contingent", "how big is the contingent"),
        # Italian "ha" before a past participle is the auxiliary; the "ha" of a name stays.
        ("putin ha ringraziato i soldati?", "putin ringraziato i soldati?"),
        ("chi ha detto che", "chi detto che"),
        ("what did jeon ha gyu say", "what did jeon ha gyu say"),
        # Italian elision and the Spanish and Italian article "un" before the story's nouns ask nothing.
        ("c'è un trattato?", "e trattato?"),
        ("dov'è il fronte?", "dove e il fronte?"),
        ("questo rischia un'escalation?", "questo rischia escalation?"),
        ("did the un also condemn it", "did the un also condemn it"),
        # "-wise" says what is asked about, and nothing more; "is it wise" asks an opinion.
        ("tactics-wise, what do they rely on?", "tactics, what do they rely on?"),
        ("how do they fight like strategy wise", "how do they fight like strategy"),
        ("is it wise to send troops", "is it wise to send troops"),
        ("was that wise of kim", "was that wise of kim"),
        ("how do they fight, tactically speaking?", "how do they fight, tactically?"),
        ("is sending troops wise for pyongyang?", "is sending troops wise for pyongyang?"),  # a judgement
        ("who is officially speaking for the ministry?", "who is officially speaking for the ministry?"),  # speaking
        ("has anyone been publicly speaking well of them?", "has anyone been publicly speaking well of them?"),
        # Two of German's own small words make a message German: "die" is then an article and "was" asks what.
        ("wo kämpfen die nordkoreaner eigentlich?", "where kampfen the nordkoreaner ?"),
        ("wie viele tote gibts bei den nordkoreanern", "how many tote is  the nordkoreanern"),
        ("welche waffen benutzen sie?", "which weapons loadout they?"),
        ("did many die in kursk and was it worth it?", "did many die in kursk and was it worth it?"),
        ("wo de shi bing die le ma", "wo de shi bing die le ma"),  # pinyin: "wo" (I), and "die" before a short word
        # A word only German has tells alone ("jetzt"), but not in a word or two, such as a synonym in the file.
        ("droht jetzt ne eskalation", "droht now ne eskalation"),
        ("wird", "wird"),
        # "die" before a word English lacks is German alone; an English "die" ends its clause or meets English words.
        ("bleiben die truppen in russland?", "bleiben the truppen in russland?"),
        ("they die horribly in kursk", "they die horribly in kursk"),
        ("kitne soldiers die abhi tak", "how many soldiers die abhi tak"),  # a filler after "die" is no German
        ("ich hab eine question: did many north koreans die?", "i have a question: did many north koreans die?"),
        ("was hat russland von der partnerschaft?", "what does russland get from the partnerschaft?"),
        # What something means is its significance.
        ("what does the confirmation actually mean?", "what the confirmation significance?"),
        ("what this announcement mean in practice", "what this announcement significance in practice"),
        ("what do you mean", "what do you mean"),  # what someone means by their words, not what a thing signifies
        ("so what i mean is", "so what i mean is"),
        ("what does the article mean when it says", "what does the article mean when it says"),
        ("what does nk confirming it mean", "what nk confirming it significance"),
        # A term to define, which no entry does: it ends the question, or is quoted.
        ("what does dprk mean?", "what does dprk dictionary?"),
        ("whats 'hermit kingdom' mean, in plain words", "whats 'hermit kingdom' dictionary, in plain words"),
        (
            "so what does pyongyang coming clean mean, are they allies",
            "so what pyongyang coming clean significance, are they allies",
        ),
        ("what does dprk even mean lol", "what does dprk even dictionary lol"),
        ('what does "heroism" mean here', 'what does "heroism" dictionary here'),
        ("what does their confirmation mean", "what their confirmation significance"),  # whose, so no term
        ("what does pyongyang's confirmation mean", "what pyongyang confirmation significance"),
    ],
)
def test_clean_reads_phrasings_as_what_they_ask(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("they have a treaty question mark what is it", "they have a treaty? what is it"),
        ("hey comma how many died exclamation point", "hey, how many died!"),
        ("were these special forces period", "were these special forces."),
        ("over what time period", "over what time period"),  # a word, not a full stop
        ("in that period", "in that period"),
        ("a full stop to the war?", "a full stop to the war?"),  # only at the end
    ],
)
def test_clean_reads_punctuation_said_to_voice_typing(text: str, expected: str) -> None:
    assert " ".join(clean(text).split()) == expected


def test_clean_lower_cases_and_drops_invisible_characters() -> None:
    assert clean("A\u200bB\x00C") == "a b c"


def test_fold_typography() -> None:
    assert fold_typography("a\u2013b \u201cq\u201d  \n it\u2019s") == 'a-b "q" it\'s'


def test_read_numbers_leaves_other_words() -> None:
    assert read_numbers(["how", "many", "troops"]) == ["how", "many", "troops"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How many DPRK troops died?", ["how", "mani", "north_korea", "troop", "kill"]),
        ("hey bot so like how many nk soldiers", ["how", "mani", "north_korea", "soldier"]),
        ("nroth korea casulties", ["north_korea", "kill"]),
        ("what did kju say", ["kim", "say"]),
        ("Kim Jong Un", ["kim"]),
        ("did they die", ["kill"]),
        ("soon yoon", ["soon", "yoon"]),
        ("can you tell me about kursk", ["kursk"]),
        ("do you have putin's words", ["putin", "word"]),  # a request, not the bot's own view
        ("can you check if it is legal", ["legal"]),
        ("any sign they're leaving", ["leav"]),  # a hedge, not a treaty "signed"
        ("a beating in terms of casualties", ["beat", "kill"]),  # "terms" of no treaty
        ("is ukraine going to attack", ["ukrain", "will", "attack"]),  # going to do something: the future
        ("is putin going to pyongyang", ["putin", "north_korea"]),  # going somewhere: a movement
        ("arms in addition to troops", ["arm", "troop"]),
        ("do you think kursk", ["you", "think", "kursk"]),
        ("what do the experts think", ["expert", "say"]),  # their view, not the bot's opinion
        ("i think they are brave", ["think", "brave"]),  # the asker's own opinion, no claim asked about
        ("i think putin said something, what was it", ["say", "putin", "said"]),  # ... unless it asks besides
        ("were they sent by train", ["send", "transport"]),  # a way of travelling, no training
        ("what sort of units did kim send", ["what_kind", "unit", "kim", "send"]),  # asks for a type
        ("is there some kind of treaty", ["treati"]),  # a hedge
        ("who holds kursk right now", ["who", "hold", "kursk"]),  # no opinion ("right"), no time
        ("kim sent 11k, is that right", ["kim", "send", "11000"]),  # a tag asking to confirm, no opinion
        ("would it be fair to say kursk fell", ["kursk", "fell"]),  # a hedge, no opinion
        ("i heard kursk fell", ["kursk", "fell"]),  # hearsay frames the question
        ("tldr of this whole thing", ["tldr"]),
        ("the exact number of dead", ["precis", "kill"]),  # more precise than a figure "at least" some number
        ("how close are they these days", ["how", "close"]),
        ("whos gerasimov", ["who", "gerasimov"]),  # "who's" without its apostrophe, not "whose"
        ("by whom was it reported", ["who", "report"]),
        ("what has russia said lately", ["russia", "said"]),  # like "these days": no time asked
        ("shut up moron, why did kim send them in the first place", ["moron", "whi", "kim", "send"]),
        ("give me the quote", ["quot"]),  # a request, not something given
        ("lost their lives", ["kill", "life"]),  # the noun, not the verb of "where they live"
        ("forced to fight", ["compel", "fight"]),  # not "forces"
        ("what month was it", ["date"]),  # asks for a date
        ("which year was the summit", ["date", "summit"]),  # ... and so does a year asked for
        ("which month and year did putin thank them", ["date", "putin", "thank"]),
        ("years of sanctions", ["year", "sanction"]),  # a span, no date asked
        ("how old are they", ["age"]),  # an age, not how
        ("when did they get to kursk", ["when", "arriv", "kursk"]),  # arriving, no mere "get"
        ("how did they get to kursk", ["how", "transport", "kursk"]),  # how they travelled
        ("what has seoul got to say", ["seoul", "say"]),  # getting to do something is no arriving
        ("why did they need to send troops", ["whi", "send", "troop"]),  # needing to do is no gain
        ("hard to believe nk confirmed it", ["north_korea", "confirm"]),  # surprise, no claim
        ("effectively a war", ["war"]),  # filler, neither "effect" nor "effective"
        ("how big is the monument", ["size", "monument"]),  # a size, which few entries give
        ("what specific weapons", ["precis", "weapon"]),  # asks for more than "conventional weapons"
        ("where are they based exactly", ["where", "base", "precis"]),  # the precision may come last
        ("who exactly is gerasimov", ["who", "gerasimov"]),  # a person, no more precise than a name
        ("when exactly did he say it", ["when", "precis", "say"]),  # still a time, and more precise
        ("it's from ukraine's army, right? so propaganda", ["ukrain", "armi", "propaganda"]),  # a check, no opinion
        ("what weapons are they using", ["weapon", "loadout"]),  # their own arms
        ("do they use nato-style tactics", ["style", "tactic"]),  # a kind of tactics, no word of NATO's
        ("do the russians use their weapons", ["russian", "weapon"]),  # whoever uses them comes first
        ("exactly! so where are they", ["where"]),  # agreeing, before the question
        ("did russia manage to get kursk back", ["russia", "kursk", "back"]),  # "manage to" is filler
        ("how many men did they lose", ["how", "mani", "men", "kill"]),  # losing people in war
        ("did russia lose kursk", ["russia", "lose", "kursk"]),  # not people
        ("oh wow so kursk fell huh", ["kursk", "fell"]),  # interjections ask nothing
        ("did russia hold kursk in the end", ["russia", "hold", "kursk"]),  # an idiom, no end of anything
        ("theyre not denying it, doesnt that settle it", ["deni", "settl"]),  # contractions typed without "'"
        ("putin said smth about kursk", ["putin", "said", "kursk"]),  # "something"
        ("where were they found", ["where", "find"]),  # an irregular past read as its verb
        ("what effect did it have, how effective", ["effect", "how", "effectiv"]),  # two words, two stems
        ("who has given the news", ["who", "give", "news"]),
        ("who fought and who led", ["who", "fight", "who", "lead"]),
        ("my 10 year old asked how many were sent", ["how", "mani", "send"]),  # a child, no count or year
        ("fair to say nk gains a lot", ["north_korea", "gain"]),  # is it true, no opinion of what is fair
        ("would it be fair to tell my class they lost many", ["class", "lost", "mani"]),
        ("were 18 year olds sent", ["18", "year", "old", "send"]),  # an age asked about
        ("my 12 year old heard 11,000 went", ["11000", "went"]),
        ("who knows when they went", ["when", "went"]),  # nobody's knowledge asked about
        ("is kim sending his 19 year old soldiers", ["kim", "send", "19", "year", "old", "soldier"]),
        ("is the treaty a 20 year old agreement", ["treati", "20", "year", "old", "agreement"]),
        ("what's up, when did they sign it", ["when", "sign"]),  # a "when" after a break asks a time
        ("were they really helpful to russia", ["help", "russia"]),  # no thanks
        ("what did he say when he praised them", ["say", "prais"]),  # "when" joins a clause, asks no time
        ("where are they and when did they arrive", ["where", "when", "arriv"]),  # a second question
        ("they left, when was that", ["left", "when"]),  # the first question word
    ],
)
def test_analyser_tokens(text: str, expected: list[str]) -> None:
    assert ANALYSER.tokens(text) == expected


def test_typos_are_never_fixed_into_filler_or_other_first_letters() -> None:
    assert ANALYSER.correct("died") == "died"
    assert ANALYSER.correct("soon") == "soon"
    assert ANALYSER.correct("pyongyan") == "pyongyang"
    assert ANALYSER.correct("war") == "war"
    assert ANALYSER.correct("biased") == "biased"  # "based" is only in evidence: never a target
    assert ANALYSER.correct("casulties") == "casualties"


def test_a_word_with_its_possessive_typed_without_the_apostrophe_is_no_typo() -> None:
    assert ANALYSER.correct("japans") == "japans"  # Japan's, not "jawans" (Hindi: soldiers)
    assert ANALYSER.tokens("japans reaction?")[0] == "japan"


def test_of_equally_close_words_a_typo_becomes_the_longest() -> None:
    analyser = Analyser({}, ["put", "putin"], [])
    assert analyser.correct("putn") == "putin"  # not "put": a letter left out


def test_of_equally_close_words_a_typo_becomes_one_with_its_letters() -> None:
    analyser = Analyser({}, ["regain", "region"], [])
    assert analyser.correct("regoin") == "region"  # two letters swapped, not one changed


def test_a_typo_in_another_form_of_a_word_is_fixed_by_its_stem() -> None:
    # "comanding" is three edits from "commanded" as typed, one from its stem.
    analyser = Analyser({}, ["commanded"], [])
    assert analyser.tokens("comanding") == analyser.tokens("commanded") == ["command"]


def test_a_letter_held_down_is_read_once_or_twice_as_the_word_has_it() -> None:
    assert ANALYSER.correct("soooo") == "so"
    assert ANALYSER.correct("cooool") == "cool"  # "col" is no word
    assert ANALYSER.correct("trooops") == "troops"
    assert ANALYSER.tokens("sooooo is it official") == ANALYSER.tokens("is it official")


def test_word_order_and_case_do_not_matter() -> None:
    assert sorted(ANALYSER.tokens("Troops NK how many")) == sorted(ANALYSER.tokens("how many nk troops"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("russia sent troops to north korea", {"north_korea"}),
        ("nk soldiers stationed in the field", set()),  # not an actor
        ("russian soldiers based in pyongyang", {"north_korea"}),
        ("how did russia react to pyongyang", set()),  # nothing moves
        ("is putin going to pyongyang again", {"north_korea"}),  # a visit goes somewhere too
    ],
)
def test_destinations_are_where_troops_go(text: str, expected: set[str]) -> None:
    analyser = Analyser({"north korea": ["pyongyang", "nk"], "troops": ["soldiers"]}, [], [])
    assert analyser.destinations(text) == expected


def test_common_english_words_are_never_typos() -> None:
    analyser = Analyser({}, ["admit", "mod", "casualties"], [])
    assert analyser.correct("admin") == "admin"  # one edit from "admit", but a word people mean
    assert analyser.correct("mode") == "mode"
    assert analyser.correct("casulties") == "casualties"
    assert {"admin", "mode", "government"} <= english_words()
    assert all(word.isalpha() and word.islower() for word in english_words())


def test_reading_the_shipped_synonyms_leaves_the_common_words_unread() -> None:
    """Every start builds the analyser: the file of common words waits for a question's unknown word."""
    english_words.cache_clear()
    Analyser(load_knowledge(SHIPPED).data.synonyms, [], [])
    assert english_words.cache_info().misses == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("what did russia say about it", {"say:russia"}),
        ("western intelligence reports say 1,000 died", {"say:western"}),  # the verb a few words on
        ("has the ukrainian military admitted it", {"say:ukrain"}),  # a people speaks for its country
        ("according to seoul, how many died", {"say:south_korea"}),
        ("how many troops did russia receive", set()),  # nobody speaks
        ("what does russia get out of it", {"gain:russia"}),  # who gains is kept apart
        ("what are the benefits of this partnership for kim", {"gain:kim"}),  # who the gain is for
        ("why does russia need their troops", {"gain:russia"}),  # who needs them gains them
        ("what's in it for kim", {"gain:kim"}),  # the "for" of the idiom says who gains
        ("what gains does the treaty give russia", {"gain:russia"}),  # whom a gain is given to gains it
        ("what does russia gain by giving kim weapons", {"gain:russia"}),  # unless someone gains it already
        ("how many troops has russia lost", {"lose:russia"}),  # and who loses
        ("north korean soldiers were killed", {"lose:north_korea"}),
        ("how many north koreans are estimated to have died", set()),  # estimated by others
        ("nk troops in russia confirmed?", set()),  # a place does not speak
        ("who in russia says so", {"say:russia"}),  # but people of a place speak for it
        ("officials in seoul said", {"say:south_korea"}),
        ("did putin thank north korea and praise them", {"say:putin"}),  # the praise is Putin's too
        ("what did russia and north korea say", {"say:russia", "say:north_korea"}),  # both say it
        ("how did russia react", {"say:russia"}),  # reacting is speaking
        ("were north korea's soldiers thanked by putin", {"say:putin"}),  # a passive: "by" names who did it
        ("did russia get thanked by north korea", {"say:north_korea"}),  # a passive made with "get"
        ("did kim's troops get thanked", set()),  # the troops are thanked, by nobody named
    ],
)
def test_claimants_are_who_says_so(text: str, expected: set[str]) -> None:
    analyser = Analyser({"south korea": ["seoul"], "confirmed": ["admitted"], "treaty": ["accord"]}, [], [])
    assert analyser.claimants(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many troops did ukraine send", {"send:ukrain"}),
        ("did kim send more soldiers", {"send:north_korea"}),  # a leader acts for the country
        ("what weapons is north korea supplying", {"send:north_korea"}),
        ("will russia build a monument", {"build:russia"}),
        ("how many troops were sent", set()),
    ],
)
def test_doers_are_who_does_the_storys_deeds(text: str, expected: set[str]) -> None:
    assert ANALYSER.doers(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how many russian soldiers died", {"russian"}),
        ("what about ukrainian casualties", {"ukrainian"}),
        ("who commands them, russian generals?", {"russian"}),
        ("are they fighting alongside the russians", set()),  # the country, not whose people
        ("is syrskyi ukrainian or russian", set()),
    ],
)
def test_whose_people_a_nationality_means(text: str, expected: set[str]) -> None:
    assert whose_people(ANALYSER.read(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("which ministry does he speak for", {"ministri"}),
        ("which russian officials praised them", {"offici"}),  # past the actor that narrows the kind
        ("which 3 months were the deaths in", {"month"}),
        ("which is it, kursk or kherson", set()),  # no kind named
        ("what did they say", set()),
    ],
)
def test_the_kind_of_thing_which_asks_for(text: str, expected: set[str]) -> None:
    assert kinds_asked(ANALYSER.read(text)) == expected


def test_according_to_is_not_the_treaty_accord() -> None:
    analyser = Analyser({"treaty": ["accord"]}, [], [])
    assert analyser.tokens("according to kursk") == ["kursk"]
    assert analyser.tokens("the accord") == ["treati"]


@pytest.mark.parametrize("text", ["9" * 5000 + " thousand", "one " + "hundred " * 2200, "a " + "hundred " * 2200])
def test_a_number_too_long_for_int_is_read_without_a_crash(text: str) -> None:
    # int() and str() refuse more than 4,300 digits (ValueError), which the analyser met reading these.
    assert raw_words(text)
    assert Analyser({}, ["troops"], []).tokens(text)


@pytest.mark.parametrize(
    ("text", "guessed"),
    [
        ("was it china that first reported it", "china"),
        ("is it really the us who said so", "unit_state"),
        ("was it reported by china", None),  # no guess at who
        ("is it true that china sent troops", None),
        ("it was china who first said so, right?", "china"),  # the guess told, to be checked
        ("wasnt it japanese intelligence that reported it", "japanes"),  # the actor's agency
        ("was it china that sent troops", None),  # a guess at no one who said anything
        ("china reported it first, yeah?", "china"),  # who told of the troops first, stated to be checked
        ("japan was the first to report it", "japan"),
        ("i think the us reported it first", "unit_state"),
        ("nk troops were first reported in kursk", None),  # North Korea's troops are what was told of
        ("they were first reported by japan", None),  # no guess: who reported them is asked after
    ],
)
def test_a_guess_at_who_said_it(text: str, guessed: str | None) -> None:
    analyser = Analyser({"united states": ["us"]}, [], [])
    assert actor_guessed(analyser.read(text)) == guessed
