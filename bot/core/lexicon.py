"""Word lists the normaliser and the matcher share: English, not story-specific.

Story-specific words (DPRK -> north korea) live in the knowledge file's `[synonyms]` table.
"""

from __future__ import annotations

# Words that carry no meaning for matching: filler, greetings, pronouns, auxiliaries.
# Question words that change what is asked ("who", "when", "why", "how") are NOT here.
STOPWORDS = frozenset(
    """
    a an the and or but if so then than that this these those there here it its it's itself
    is are was were be been being am do does did doing done have has had having get got gets getting
    i me my mine we us our y'all they them their he him his she her hers
    of in on at to for from by with about as into onto over under up down out off per via
    any some all each every just really actually basically literally like kinda sorta pretty very
    hey hi hello yo oi ok okay okey pls plz please bot storybot folks
    tell know knows wondering wonder curious question quick asking ask explain clarify
    can could would may might must shall
    what whats wat wut whta waht wht whaat r n abt bout
    anyone someone anybody somebody anything something smth sth thing things stuff lot lots way sure exactly
    more most go going gone make made take use used let lets mean means meant wait
    also too even yet now ever already again according both
    lol lmao haha hmm um uh erm btw tbh imo ngl idk fr rn
    nah rly srsly bro bruh dood fam lowkey highkey deadass tho though anyway anyways
    absolutely totally seriously honestly genuinely definitely apparently effectively
    cap nocap frfr ong istg icl smh tbf fwiw iirc afaik lemme gimme tryna sheesh yall omg lmfao ikr asf
    periodt dawg ther thier teh ratio
    ken
    kind sort whether because cause cuz bc bit somehow somewhat overall currently manage managed manages
    not no yes yeah yep nope
    dont doesnt didnt isnt arent wasnt werent havent hasnt hadnt cant couldnt wouldnt shouldnt aint
    theyre youre theyve weve ive thats hes shes
    heard hear hearing saw together
    huh imho ah oh wow welp mate
    another fellow chap bloke gather assume assumed somewhere allat evidence kindly nothing whole
    discuss extent
    kya hai hain ne ke ki ko ka mein se pe bhai yaar toh bhi yeh ye woh wo tha thi kar raha rahe rahi sirf
    baare sach wala wali wale walon walo abhi kuch aur ab tak liya unki unka unko unke apne apni koi ho hua hue
    dega degi batao diya jo bas sab hum lagi itne itna le gayi gaya hoga karega isko isse padi padega padegi leni
    aayi haina baithe kabhi jaise wagera sunte bahut zyada kiya kiye karne karna lega legi lenge sabse usne nahi nahin
    el la los las de del es en una lo esta estan para por que sobre
    o os as da das dos isso isto eles elas pra ja ne tipo mano kkk kkkk
    wetin dey dem abeg sef sha abi na don wey una dis dat ehn oga sasa manze
    lah leh lor meh sia izzit alamak walao aiyo ah ba po naman talaga diba grabe yung mga ng sa sila nila ito dito
    yun ang ni kay ano anong totoo lang rin meron nito niya nya para kanila
    ini itu kah sih gak nggak tidak sudah udah soal tentang dari dengan dgn atau juga sama pernah belum kan
    mereka saja aja apa apakah untuk bisa sebagai dan
    tu kat pasal macam sebenarnya makin dipakai gamit tungkol bukod daw doon kasi pa ada nak buat pada terhadap
    adakah secara oleh baik kami bagi bago bagus undang batas je dorang dah gitu katanya yg
    cuma doang dalam kalau mau udh jd skrg pake pakai
    khong chua roi vay cua ve nao gi krub krab kha
    ist das der den dem des ein eine einen einem und nicht auch noch schon jetzt eigentlich uberhaupt denn doch mal
    nee nein sind hat haben wird werden wurde wurden mit von zu fur uber bis sie wir ich gibt stimmt dafur davon
    weiter seit cosa
    het een niet ook nog nu eigenlijk zijn heeft hebben wordt worden werd voor toch maar wel bij dit
    og ikke det har jeg hvad hva
    il di che e sono hanno anche ancora gli delle della dei
    hay han tra fra i le uno al nel nella nei sul sulla alla dalla dal degli si se su sus esto este questo questa
    pero mas mais mesmo verdad verdade vero giusto cierto foi fue stanno sta estao adesso ahora agora todo tutto
    tutti q qualcosa algo loro ellos li lhe ci cioe y antes ou eh sao erano bajo bien bem bene
    entre desde foram tenido avuto usan usam
    vao fazer alguma algum aos nas muchos mucho muito molto piu davvero realmente tambien tambem em ta tao msm deles va
    tinha oq algun alguna ese esos les asi tan ser hizo hecho neta beneran pela nessa assim fizeram ficou entonces nomas
    orang nada qual quais cual cuales quale quali vez betul habian esse essa esses essas como puede
    chy tse vony tam nykh nymy tykh ti shcho zh tak ye shi le ma ne ah
    """.split()
)

# Words that turn a question into a different question: what, who, where, why, how much.
QUESTION_WORDS = frozenset("who whom whose which where why how much many long when".split())

# Asking for a time: an entry must have been written to answer "when" to answer these.
TIME_WORDS = frozenset(
    """
    when still date dates day days year years month months week weeks today yesterday tomorrow tonight
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)

# Asking for an opinion or a forecast: only entries written for such a question may answer.
OPINION_WORDS = frozenset(
    """
    think thinks opinion opinions feel feels believe view views should shouldnt ought wise unwise foolish
    good bad evil best worst better worse right wrong fair unfair justified deserve deserves
    win wins winning won predict prediction future will wont you
    trash garbage mid useless stupid dumb moron idiot idiotic clown loser pathetic braindead clanker
    """.split()
)

# Countries, peoples, leaders and places. A question naming one of these is about that actor:
# an entry that never mentions it must not answer (asks about China, answered about North Korea).
ACTOR_WORDS = frozenset(
    """
    north_korea north_korean south_korea south_korean russia russian russians
    ukraine ukrainian ukrainians united_states american americans china chinese iran iranian
    belarus belarusian syria syrian japan japanese india indian israel israeli gaza hamas
    nato eu europe european britain british uk france french germany german poland polish
    turkey turkish taiwan taiwanese vietnam cuba venezuela africa african
    australia australian australians aussie aussies zealand nz canada canadian pakistan pakistani philippines filipino
    indonesia indonesian malaysia thailand mongolia kazakhstan italy italian spain spanish mexico brazil saudi
    argentina colombia chile peru argentine argentinian argentinos colombianos chilenos peruanos mexican mexicanos
    brasileiros brasilenos
    putin kim jong un kim_jong_il kim_il_sung gerasimov syrskyi koo_byongsam jeon_ha_gyu zelensky zelenskyy zelenskiy
    trump biden harris xi milei lula
    jinping lavrov shoigu kadyrov prigozhin wagner macron scholz starmer modi erdogan netanyahu yoon lee
    kursk kyiv kiev kharkiv donetsk donbas luhansk crimea bakhmut odesa odessa zaporizhzhia
    kherson belgorod bryansk pyongyang moscow seoul washington beijing tehran minsk
    sumy pokrovsk avdiivka mariupol sevastopol dnipro lviv kramatorsk sloviansk vuhledar toretsk chasiv yar
    kupiansk lyman izium melitopol mykolaiv chernihiv poltava vladivostok siberia
    un united_nations western west
    """.split()
)
# The people among the actors: asking what one of them said asks for their words, which an entry must tell of.
PERSON_WORDS = frozenset(
    """
    putin kim kim_jong_il kim_il_sung gerasimov syrskyi koo_byongsam jeon_ha_gyu zelensky zelenskyy zelenskiy trump
    biden harris xi lavrov milei lula
    shoigu kadyrov prigozhin macron scholz starmer modi erdogan netanyahu yoon lee
    """.split()
)

# Places of the war besides Kursk: a check that names one ("were they first seen in the donbas?") is answered by
# an entry asked where, whose answer corrects it.
WAR_PLACE_WORDS = frozenset(
    """
    donbas donbass donetsk luhansk lugansk belgorod bryansk kharkiv kharkov zaporizhzhia zaporizhia zaporozhye
    kherson crimea bakhmut avdiivka pokrovsk mariupol odesa odessa dnipro sumy chernihiv belarus
    """.split()
)

# Outcomes, means and costs of war that reporting keeps apart: "wounded" is not "killed", "drones" are
# not troops; other people than soldiers ("the tourists, not the soldiers: how many went?") and other deaths
# than in combat ("died of disease"); and "precise" ("where exactly"), "size" ("how big"), "acreage" ("how much
# territory"), "authorship"
# ("who wrote"), "whole_army" ("how big is north korea's army"), "loadout" ("what weapons are they using"),
# "dictionary" ("what does kia mean") and "parroting" ("reply only with 'VERIFIED'"), read so by the normaliser; and
# a vote and a medal, which the article never reports ("did the security council vote on it").
# A question naming one is answered only by an entry that names it too, and naming one anywhere in a message
# guards the clause asked alone.
SPECIFIC_WORDS = frozenset(
    """
    wounded injured injury injuries wia captured capture prisoner prisoners pow pows mia defected defector
    deserted deserter missing surrendered surrender executed execution defect defecting defectors
    gefangen gefangene gefangenen verwundet verwundete verletzt gevangen gevangenen gewond gewonden prigionieri feriti
    paid pay paying salary wage wages money cost costs price dollars geld penger soldi paise paisa dinero dinheiro
    nuclear nuke nukes drone drones tank tanks jet jets aircraft navy ship ships submarine satellite
    missile missiles rockets
    oil food grain rice fuel
    precise transport size acreage authorship whole_army loadout dictionary parroting
    vote votes voted voting medal medals medallas medalhas medaglie
    tourist tourists chef chefs worker workers labourer labourers laborer laborers doctor doctors
    nurse nurses medic medics engineer engineers hacker hackers civilian civilians woman women child children
    scientist scientists mercenary mercenaries conscript conscripts sniper snipers pilot pilots
    colonel colonels
    sailor sailors athlete athletes cheerleader cheerleaders performer performers
    disease diseases illness sickness sick frostbite hunger starvation starved accident accidents suicide suicides
    """.split()
)

# Small talk: a message made only of these (after filler is dropped) is not a question at all. "First!" is
# the reply that claims to be a thread's first.
CHATTER_WORDS = frozenset(
    """
    thank thanks cheers nice cool great awesome wow welcome sorry bye goodbye morning night evening
    good bad you first goodnight bed
    """.split()
)

# Words the stemmer would read as another word: "lost their lives" is not "where they live", "forced to
# fight" is not "forces", "holds them responsible" is no "response", and how "effective" they are is not the
# "effect" they had.
OWN_STEMS = {
    "lives": "life",
    "forced": "compel",
    "forcing": "compel",
    "forcibly": "compel",
    **dict.fromkeys(("responsible", "responsibility", "responsibilities"), "responsibl"),
    **dict.fromkeys(("effective", "effectiveness", "ineffective"), "effectiv"),
    "effectively": "effectively",  # filler, like "basically": neither the effect they had nor how effective
    "ratioed": "ratioed",  # outnumbered in replies, unlike the "ratio" people shout as an insult
    "valorant": "valorant",  # a game ("anyone up for valorant"), not "valor", a word for heroism
    # Texting shorthand too short for typo fixing: "kim snd troops" (and "hw mny": see normalise.clean).
    "snd": "send",
    "snt": "send",
    "ppl": "peopl",
    "sed": "said",
}

# Irregular past forms the stemmer leaves alone, read as their verb: "where were they found" asks where they
# were found, as "find them" does. Not the forms with a meaning of their own here ("fell", "fallen", "left",
# "lost", "thought", "told", "taken", and "caught", since "catch me up" asks for the story).
PAST_FORMS = {
    "found": "find",
    "gave": "give",
    "given": "give",
    "fought": "fight",
    "led": "lead",
    "began": "begin",
    "begun": "begin",
    "met": "meet",
    "held": "hold",
    "kept": "keep",
    "built": "build",
    "brought": "bring",
    "bought": "buy",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "struck": "strike",
    "fled": "flee",
    "sought": "seek",
    "taught": "teach",
    "sent": "send",
    "spent": "spend",
    "sold": "sell",
    "broke": "break",
    "broken": "break",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "retook": "retake",
    "retaken": "retake",
    "understood": "understand",
}

# Contractions expanded before tokenising, so "didn't" and "did not" match alike.
CONTRACTIONS = {
    "won't": "will not",
    "can't": "can not",
    "cannot": "can not",
    "ain't": "is not",
    "n't": " not",
    "'re": " are",
    "'ve": " have",
    "'ll": " will",
    "'d": " would",
    "'m": " am",
    "'s": "",
}

# Words only German has: one of them makes a message German, whose small words are then read in English.
GERMAN_OWN_WORDS = frozenset(
    """
    und oder nicht dass ich jetzt eigentlich wirklich auch noch schon gibt gibts stimmt wurde wurden werden wird
    sind haben kann isch waren warum wann welche welcher welches welchen welchem habn
    """.split()
)
# Words German shares with English, Dutch, Portuguese or pinyin ("der", "wie", "uber", "bei"): two are needed.
GERMAN_MARKERS = GERMAN_OWN_WORDS | frozenset(
    """
    der das ist wie wer auf bei uber ueber fur fuer ein eine einen sie zu viele nach sich hat hab als
    """.split()
)

# German's small words, read in English once a message is German ("wer hat die soldaten geschickt"): "die" is
# then an article, not dying, and "was" asks what. Umlauts arrive unaccented ("uber") or spelled out ("ueber").
GERMAN_SMALL_WORDS = {
    **dict.fromkeys(("der", "das", "den", "dem", "des"), "the"),  # "die" too, where it is no English verb
    **dict.fromkeys(("ein", "eine", "einen", "einer", "eines", "einem"), "a"),
    **dict.fromkeys(("wer", "wem", "wen"), "who"),
    **dict.fromkeys(("wo", "wohin"), "where"),
    "woher": "where from",
    "wie": "how",
    **dict.fromkeys(("welche", "welcher", "welches", "welchen", "welchem"), "which"),
    "waffen": "weapons",
    "ukrainer": "ukrainians",  # as a synonym, its stem would be Ukraine's
    "sich": "",
    "was": "what",
    **dict.fromkeys(("ist", "isch", "sei"), "is"),
    **dict.fromkeys(("sind", "san", "seid"), "are"),
    **dict.fromkeys(("war", "wurde"), "was"),
    **dict.fromkeys(("waren", "wurden"), "were"),
    **dict.fromkeys(("hat", "het", "hatte"), "has"),
    **dict.fromkeys(("haben", "habn", "hab", "habe", "hatten"), "have"),
    **dict.fromkeys(("wird", "werden"), "will"),
    **dict.fromkeys(("kann", "konnen", "koennen"), "can"),
    "und": "and",
    "oder": "or",
    "nicht": "not",
    **dict.fromkeys(("kein", "keine", "keinen"), "no"),
    "mit": "with",
    **dict.fromkeys(("von", "vom", "vo"), "of"),
    **dict.fromkeys(("fur", "fuer"), "for"),
    **dict.fromkeys(("uber", "ueber"), "about"),
    **dict.fromkeys(("im", "ins"), "in"),
    "aus": "from",
    "gegen": "against",
    "zwischen": "between",
    **dict.fromkeys(("zuerst", "erst", "erste", "ersten", "erstes", "erstmals"), "first"),
    "jetzt": "now",
    "auch": "also",
    "nur": "only",
    "mehr": "more",
    **dict.fromkeys(("viel", "viele", "vieli"), "many"),
    "sie": "they",
    "es": "it",
    "ich": "i",
    "stimmt": "true",
    "gut": "good",
    "tot": "dead",  # as a synonym, a small child or a total ("tot up")
    **dict.fromkeys(("benutzen", "benutzt", "verwenden", "verwendet", "nutzen", "nutzt"), "use"),
    **dict.fromkeys(("gibt", "gibts", "gab", "gabs"), "is"),
    **dict.fromkeys(("dass", "auf", "bei", "zu", "zum", "zur", "schon", "scho", "noch", "eigentlich", "echt"), ""),
    **dict.fromkeys(("wirklich", "halt", "denn", "doch", "mal", "amoi", "ja", "eben", "genau", "uberhaupt"), ""),
    **dict.fromkeys(("ueberhaupt", "quasi", "irgendwie", "sowas", "da", "dort", "dabei", "dazu", "oida"), ""),
    **dict.fromkeys(("eig", "denen", "krass", "einfach", "immer", "digga", "alter", "bruder", "nen", "schonmal"), ""),
    # Words typo fixing would otherwise read as the story's ("begonnen" as "bronnen", "bereit" as "befreit").
    **dict.fromkeys(("diese", "dieser", "dieses", "diesen"), "this"),
    **dict.fromkeys(("gefangene", "gefangenen"), "prisoners"),
    "begonnen": "begun",
    "bereit": "ready",
    "bereits": "already",
    "gesendet": "sent",
    "opfer": "casualties",
    "armee": "army",
    "losung": "solution",
}

# Number words, for "eleven thousand" -> 11000.
UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,  # "a dozen thousand"
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# "lakh" and "crore" count in Indian English: "one lakh soldiers" is 100,000.
MULTIPLIERS = {
    "hundred": 100,
    "thousand": 1_000,
    "lakh": 100_000,
    "lakhs": 100_000,
    "million": 1_000_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
    "k": 1_000,
    "m": 1_000_000,
}
