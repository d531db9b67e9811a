"""ASCII slugs for kk/ru/en titles.

Django's slugify() drops every non-ASCII letter, so a Kazakh or Russian title becomes "".
Cyrillic is therefore romanized per language first (tables in docs/slugs.md):

* kk: the 2021 Kazakh Latin alphabet, folded to ASCII (ş -> sh, ä -> a, ...);
* ru: ICAO Doc 9303, the scheme of Russian international passports;
* en (and any other code): Latin kept, accents folded; stray Cyrillic gets the ru scheme.
"""

import re
import unicodedata
from collections.abc import Callable
from itertools import count

FALLBACK_SLUG = "item"

# Cyrillic -> 2021 Kazakh Latin alphabet (31 letters: A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö
# P Q R S Ş T U Ū Ü V Y Z), lowercase. Lowercase İ is "i" and lowercase I is "ı".
# The 2021 alphabet has no Ç; Ч, used only in loanwords, is written with the digraph "ch".
KAZAKH_LATIN_2021: dict[str, str] = {
    "а": "a",
    "ә": "ä",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "ğ",
    "д": "d",
    "е": "e",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "ñ",
    "о": "o",
    "ө": "ö",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "ū",
    "ү": "ü",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ч": "ch",
    "ш": "ş",
    "ы": "y",
    "і": "ı",
}

# ş and ç become digraphs rather than bare s/c so that "şaruaşylyq" reads "sharuashylyq".
KAZAKH_LATIN_TO_ASCII: dict[str, str] = {
    "ä": "a",
    "ğ": "g",
    "ı": "i",
    "ñ": "n",
    "ö": "o",
    "ş": "sh",
    "ū": "u",
    "ü": "u",
    "ç": "ch",
}

# Letters Kazakh takes from Russian, found only in loanwords spelled the Russian way; the 2021
# alphabet gives them no letter. Ю/Я follow the usual Kazakh Latin spelling (iu/ia).
_KAZAKH_BORROWED: dict[str, str] = {
    "ё": "io",
    "ц": "ts",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}


def _fold_kazakh_latin(latin: str) -> str:
    return "".join(KAZAKH_LATIN_TO_ASCII.get(char, char) for char in latin)


KAZAKH_TABLE: dict[str, str] = {
    **{cyrillic: _fold_kazakh_latin(latin) for cyrillic, latin in KAZAKH_LATIN_2021.items()},
    **_KAZAKH_BORROWED,
}

# ICAO Doc 9303 (7th ed., part 3), used in Russian international passports since 2014.
RUSSIAN_TABLE: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# Latin letters that NFKD cannot reduce to ASCII (they carry no separable accent).
_LATIN_EXTRAS: dict[str, str] = {
    "ı": "i",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "þ": "th",
    "ł": "l",
    "ŋ": "n",
}

# Apostrophes vanish instead of splitting a word: "People's" -> "peoples".
_APOSTROPHES: dict[str, str] = dict.fromkeys("'‘’ʼ`´", "")

_KAZAKH_ONLY_LETTERS = "әғқңөұүһі"

_LOOKUPS: dict[str, dict[str, str]] = {
    "kk": {**_APOSTROPHES, **_LATIN_EXTRAS, **KAZAKH_LATIN_TO_ASCII, **KAZAKH_TABLE},
    "ru": {
        **_APOSTROPHES,
        **_LATIN_EXTRAS,
        **{letter: KAZAKH_TABLE[letter] for letter in _KAZAKH_ONLY_LETTERS},
        **RUSSIAN_TABLE,
    },
}
_DEFAULT_LOOKUP = _LOOKUPS["ru"]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _lookup_for(language: str) -> dict[str, str]:
    primary = language.lower().replace("_", "-").split("-", 1)[0]
    return _LOOKUPS.get(primary, _DEFAULT_LOOKUP)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _char_to_ascii(char: str, lookup: dict[str, str]) -> str:
    if char in lookup:
        return lookup[char]
    stripped = _strip_marks(char)
    if stripped == char:
        return char
    return "".join(lookup.get(part, part) for part in stripped)


def transliterate(text: str, language: str) -> str:
    """Romanize `text` for `language` ("kk", "ru", "en"; region suffixes are ignored).

    The result is lowercase; characters of unsupported scripts are passed through.
    """
    lookup = _lookup_for(language)
    # NFC first so that a decomposed "и" + breve is still found as "й".
    text = unicodedata.normalize("NFC", text).lower()
    return "".join(_char_to_ascii(char, lookup) for char in text)


def _check_max_length(max_length: int) -> None:
    if max_length < 1:
        raise ValueError(f"max_length must be positive, got {max_length}")


def _truncate(slug: str, max_length: int) -> str:
    if len(slug) <= max_length:
        return slug
    # Look one character past the limit: a hyphen there means the cut falls between words.
    boundary = slug.rfind("-", 0, max_length + 1)
    # Cut on a word boundary unless that would throw away more than half of the room.
    if boundary >= max_length // 2 and boundary > 0:
        return slug[:boundary].rstrip("-")
    return slug[:max_length].rstrip("-")


def slugify_text(text: str, language: str, max_length: int = 80) -> str:
    """ASCII slug of `text`: [a-z0-9] words joined by single hyphens, at most `max_length`.

    Returns "" only for blank text; text with nothing romanizable gives "item".
    """
    _check_max_length(max_length)
    if not text.strip():
        return ""
    slug = _NON_ALNUM.sub("-", transliterate(text, language).lower()).strip("-")
    return _truncate(slug, max_length) or FALLBACK_SLUG[:max_length]


def unique_slug(base: str, exists: Callable[[str], bool], max_length: int = 80) -> str:
    """First of base, base-2, base-3, ... for which `exists` is false.

    `base` is shortened (on a word boundary where possible) so that the suffix fits.
    """
    _check_max_length(max_length)
    if not base.strip("-"):
        raise ValueError("base slug must not be empty")
    candidate = _truncate(base, max_length)
    if not exists(candidate):
        return candidate
    for number in count(2):
        suffix = f"-{number}"
        if len(suffix) >= max_length:
            raise ValueError(f"no free slug for {base!r} within {max_length} characters")
        candidate = _truncate(base, max_length - len(suffix)) + suffix
        if not exists(candidate):
            return candidate
    raise AssertionError("unreachable")
