"""Alphabetical order in the page's language: one sort key per language.

Python's own string order puts Kazakh letters after я and Latin before Cyrillic; the
databases' collations differ (SQLite has none for these languages). Lists sorted for readers
go through ``sort_key`` so that Russian pages follow the Russian alphabet, Kazakh pages the
Kazakh one (ә after а, і after ы) and English pages the Latin one.
"""

import unicodedata

from django.utils import translation

ALPHABETS = {
    "kk": "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
    # ё sorts with е in Russian dictionaries; the spelling breaks ties.
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "en": "abcdefghijklmnopqrstuvwxyz",
}
# Letters outside the page's alphabet sort right after the letter they resemble.
NEAREST_LETTER = str.maketrans("ёәғқңөұүһі", "еагкноуухи")
# On Latin pages Cyrillic follows Latin; on Cyrillic pages Latin follows Cyrillic.
SCRIPT_ORDER = {
    "en": ("LATIN", "CYRILLIC"),
    "kk": ("CYRILLIC", "LATIN"),
    "ru": ("CYRILLIC", "LATIN"),
}
DEFAULT_ORDER = ("CYRILLIC", "LATIN")


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
    text = unicodedata.normalize("NFC", str(text or "")).casefold()
    primary = []
    for char in text:
        if char.isalpha():
            primary.append(_letter_rank(char, lang))
        elif char.isdigit():
            primary.append((0, int(unicodedata.digit(char, 0)), 0))
        else:
            # Spaces and punctuation sort before any letter: «Восточно-Казахстанская»
            # before «Восточный».
            primary.append((-1, 0, 0))
    return ([rank[:2] for rank in primary], [rank[2] for rank in primary], text)


def sorted_by_name(objects, lang=None, *, name=str):
    """``objects`` in alphabetical order of ``name(obj)`` for readers of ``lang``."""
    lang = lang or translation.get_language()
    return sorted(objects, key=lambda obj: sort_key(name(obj), lang))
