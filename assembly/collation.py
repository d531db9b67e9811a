"""Alphabetical order in the page's language: one sort key per language.

Python's own string order puts Kazakh letters after я and Latin before Cyrillic; the
databases' collations differ (SQLite has none for these languages). Lists sorted for readers
go through ``sort_key`` so that Russian pages follow the Russian alphabet, Kazakh pages the
Kazakh one (ә after а, і after ы) and English pages the Latin one.
"""

import unicodedata

from django.utils import translation

from assembly.latin import LATIN_READING, to_latin

ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    # ё sorts with е in Russian dictionaries; the spelling breaks ties.
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
    # Kazakh's Latin reading sorts its (transliterated) names in the 2021 alphabet's order, with
    # the c, w and x of foreign names where English has them.
    LATIN_READING: "aäbcdefgğhıijklmnñoöpqrsştuūüvwxyz",
}
# The alphabet's capitals: I is the capital of ı, İ of i.
KAZAKH_LATIN_LOWER = str.maketrans({"I": "ı", "İ": "i"})
# Letters outside the page's alphabet sort right after the letter they resemble.
NEAREST_LETTER = str.maketrans("ёәғқңөұүһі", "еагкноуухи")
# On Latin pages Cyrillic follows Latin; on Cyrillic pages Latin follows Cyrillic.
SCRIPT_ORDER = {
    "en": ("LATIN", "CYRILLIC"),
    "kk": ("CYRILLIC", "LATIN"),
    LATIN_READING: ("LATIN", "CYRILLIC"),
    "ru": ("CYRILLIC", "LATIN"),
}
DEFAULT_ORDER = ("CYRILLIC", "LATIN")
# Each alphabet's letters with their keys, looked up once: most letters of a name are here.
ALPHABET_RANKS = {
    lang: {char: ((1, position), 0) for position, char in enumerate(alphabet)}
    for lang, alphabet in ALPHABETS.items()
}


def _letter_rank(char, lang):
    """(script group, position, variant) for a lowercased letter."""
    scripts = SCRIPT_ORDER.get(lang, DEFAULT_ORDER)
    alphabet = ALPHABETS.get(lang, ALPHABETS["kk"])
    if char in alphabet:
        return (1, alphabet.index(char), 0)
    base = unicodedata.normalize("NFD", char)[0].translate(NEAREST_LETTER)
    name = unicodedata.name(char, "")
    script = next((s for s in scripts if name.startswith(s)), None)
    if script is None:
        return (1 + len(scripts), ord(char), 0)
    other = ALPHABETS["en"] if script == "LATIN" else ALPHABETS["kk"]
    own = alphabet if script == scripts[0] else other
    group = 1 + scripts.index(script)
    if base in own:
        return (group, own.index(base), 1 + ord(char))
    return (group, len(own) + ord(char), 0)


def sort_key(text, lang=None):
    """A key that orders ``text`` alphabetically for readers of ``lang`` (default: active)."""
    lang = lang or translation.get_language()
    ranks = ALPHABET_RANKS.get(lang, ALPHABET_RANKS["kk"])
    text = unicodedata.normalize("NFC", str(text or ""))
    if lang == LATIN_READING:
        text = to_latin(text).translate(KAZAKH_LATIN_LOWER)
    text = text.casefold()
    keys = [ranks.get(char) or _char_key(char, lang) for char in text]
    return ([key[0] for key in keys], [key[1] for key in keys], text)


def _char_key(char, lang):
    """((primary), variant) of a character outside the page's alphabet."""
    if char.isalpha():
        group, position, variant = _letter_rank(char, lang)
        return (group, position), variant
    if char.isdigit():
        return (0, int(unicodedata.digit(char, 0))), 0
    # Spaces and punctuation sort before any letter: «Восточно-Казахстанская» before
    # «Восточный».
    return (-1, 0), 0


def sorted_by_name(objects, lang=None, *, name=str):
    """``objects`` in alphabetical order of ``name(obj)`` for readers of ``lang``."""
    lang = lang or translation.get_language()
    return sorted(objects, key=lambda obj: sort_key(name(obj), lang))
