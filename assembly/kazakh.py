"""Kazakh grammar the templates need: the ablative case after a number.

"More than 95%" is «95%-дан астам» in Kazakh: the number takes the ablative suffix and
«астам» (the qualifier's translation) follows. The suffix agrees with the last word read
aloud (per cent is «пайыз», 2000 is «екі мың»): its last vowel picks a or е, its last
sound picks д, т or н.
"""

from decimal import Decimal

BACK_VOWELS = set("аоұыя")
FRONT_VOWELS = set("әөүіеэю")
NASALS = set("мнң")
VOICELESS = set("бвгдкқпстфхцчшщ")  # -тан after these; б, в, г, д are devoiced at the end

# The last word read aloud for each digit and ten; for round numbers, the last group's
# word: 1500 is «бір мың бес жүз», 2000 «екі мың», 3 000 000 «үш миллион».
UNITS = ("нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз")
TENS = (None, "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан")
GROUPS = ((10**3, "жүз"), (10**6, "мың"), (10**9, "миллион"))
# Units read as part of the number: the suffix follows them, not the number.
# (word read aloud, whether it is written short and so takes a hyphen)
NUMBER_UNITS = {
    "%": ("пайыз", True),
    "мың": ("мың", False),
    "млн": ("миллион", True),
    "миллион": ("миллион", False),
    "млрд": ("миллиард", True),
    "миллиард": ("миллиард", False),
}


def ablative_suffix(word):
    """-дан/-ден, -тан/-тен or -нан/-нен for ``word`` (Cyrillic)."""
    letters = [letter for letter in word.lower() if letter.isalpha()]
    vowels = [letter for letter in letters if letter in BACK_VOWELS | FRONT_VOWELS | {"и", "у"}]
    back = bool(vowels) and (vowels[-1] in BACK_VOWELS or _back_word(vowels))
    last = letters[-1] if letters else ""
    if last in NASALS:
        consonant = "н"
    elif last in VOICELESS:
        consonant = "т"
    else:
        consonant = "д"
    return f"{consonant}{'а' if back else 'е'}н"


def _back_word(vowels):
    # и and у take the harmony of the word's other vowels.
    harmonic = [vowel for vowel in vowels if vowel not in {"и", "у"}]
    return bool(harmonic) and harmonic[-1] in BACK_VOWELS


def number_last_word(value):
    """The last word of ``value`` read aloud in Kazakh: 2000 -> мың, 2.5 -> бес."""
    number = Decimal(str(value)).normalize()
    _sign, digits, exponent = number.as_tuple()
    if exponent < 0:  # the fraction is read last: «екі бүтін оннан бес»
        return UNITS[digits[-1]]
    whole = abs(int(number))
    if whole == 0 or whole % 10:
        return UNITS[whole % 10]
    if whole % 100:
        return TENS[whole % 100 // 10]
    for group, word in GROUPS:
        if whole % group:
            return word
    return "миллиард"


def more_than(value, unit=""):
    """ "More than ``value`` ``unit``" in three parts: (head, suffix, tail).

    The head is the part of the unit read with the number, the suffix its ablative, the
    tail the rest of the unit; «астам» goes between suffix and tail, as in the article:
    «95%-дан астам», «100-ден астам этнос», «10 мыңнан астам іс-шара», «3 млн-нан астам адам».
    """
    first, _space, rest = unit.partition(" ")
    if first in NUMBER_UNITS:
        word, short = NUMBER_UNITS[first]
        return first, f"{'-' if short else ''}{ablative_suffix(word)}", rest
    return "", f"-{ablative_suffix(number_last_word(value))}", unit
