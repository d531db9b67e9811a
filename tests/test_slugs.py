import re

import pytest

from assembly.slugs import (
    KAZAKH_TABLE,
    RUSSIAN_TABLE,
    slugify_text,
    transliterate,
    unique_slug,
)

# Written out by hand, not imported, so that a wrong table in the module fails here.
EXPECTED_KAZAKH = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "io",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "i",
    "к": "k",
    "қ": "q",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "h",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "і": "i",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

# ICAO Doc 9303.
EXPECTED_RUSSIAN = {
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

KAZAKH_TITLE = "Қазақстандықтардың 95% астамы елдегі этносаралық қатынастарды тұрақты деп санайды"
KAZAKH_SLUG = "qazaqstandyqtardyn-95-astamy-eldegi-etnosaralyq-qatynastardy-turaqty-dep-sanaidy"

SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _both_cases(table):
    return [*table.items(), *((letter.upper(), ascii_) for letter, ascii_ in table.items())]


def test_kazakh_table_has_all_42_letters_with_expected_ascii():
    assert len(EXPECTED_KAZAKH) == 42
    assert KAZAKH_TABLE == EXPECTED_KAZAKH


def test_russian_table_has_all_33_letters_in_icao_romanization():
    assert len(EXPECTED_RUSSIAN) == 33
    assert RUSSIAN_TABLE == EXPECTED_RUSSIAN


@pytest.mark.parametrize(("letter", "expected"), _both_cases(EXPECTED_KAZAKH))
def test_kazakh_letter_becomes_ascii(letter, expected):
    assert transliterate(letter, "kk") == expected


@pytest.mark.parametrize(("letter", "expected"), _both_cases(EXPECTED_RUSSIAN))
def test_russian_letter_becomes_ascii(letter, expected):
    assert transliterate(letter, "ru") == expected


def test_kazakh_and_russian_romanize_shared_letters_differently():
    assert slugify_text("Халық", "kk") == "halyq"
    assert slugify_text("Хабар", "ru") == "khabar"
    assert slugify_text("Жаңалықтар", "kk") == "janalyqtar"
    assert slugify_text("Жизнь", "ru") == "zhizn"


def test_kazakh_example_title_slug():
    assert slugify_text(KAZAKH_TITLE, "kk") == KAZAKH_SLUG


def test_russian_example_title_slug():
    assert slugify_text("Ассамблея народа Казахстана", "ru") == "assambleia-naroda-kazakhstana"


def test_russian_hard_sign_and_soft_sign_follow_icao():
    assert slugify_text("Объявление о съезде", "ru") == "obieiavlenie-o-sieezde"
    assert slugify_text("Общественное согласие", "ru") == "obshchestvennoe-soglasie"


def test_kazakh_loanword_letters_are_romanized():
    assert slugify_text("Цифрландыру орталығы", "kk") == "tsifrlandyru-ortalygy"
    assert slugify_text("Қазақстан халқы Ассамблеясы", "kk") == "qazaqstan-halqy-assambleiasy"


def test_kazakh_letters_inside_russian_text_are_romanized():
    assert slugify_text("Жамбыл Жабаев и «Қазақ елі»", "ru") == "zhambyl-zhabaev-i-qazaq-eli"


def test_kazakh_latin_2021_input_is_folded_with_digraphs():
    assert slugify_text("Şaruaşylyq İnstitutı Ūlttyq Çempionat", "kk") == (
        "sharuashylyq-instituti-ulttyq-chempionat"
    )


def test_english_accents_are_folded():
    assert slugify_text("Café Déjà Vu in Straße Ørsted", "en") == "cafe-deja-vu-in-strasse-orsted"


def test_english_apostrophes_do_not_split_words():
    assert slugify_text("People’s Assembly's Day", "en") == "peoples-assemblys-day"


def test_decomposed_cyrillic_is_normalized_before_lookup():
    assert transliterate("и\u0306", "kk") == "i"
    assert transliterate("е\u0308", "kk") == "io"
    assert transliterate("Е\u0308", "ru") == "e"


def test_language_code_with_region_uses_base_language():
    assert slugify_text("Халық", "kk-KZ") == "halyq"
    assert slugify_text("Хабар", "ru_RU") == "khabar"


def test_unknown_language_uses_generic_rules():
    assert slugify_text("Café Хабар", "de") == "cafe-khabar"


def test_digits_are_kept():
    assert slugify_text("2025 жылғы 1 наурыз", "kk") == "2025-jylgy-1-nauryz"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (KAZAKH_TITLE, "kk"),
        ("Ассамблея народа Казахстана!!!", "ru"),
        ("  --Hello,   World!--  ", "en"),
        ("Ёлка — «праздник» № 1 (2024)", "ru"),
        ("Әлем / Ғылым & Өнер + Ұлт × Үміт", "kk"),
        ("ＡＢＣ ① ﬁne", "en"),
        ("Ъ", "kk"),
        ("北京", "en"),
        ("...", "ru"),
    ],
)
def test_slug_is_lowercase_ascii_words_joined_by_single_hyphens(text, language):
    assert SLUG_PATTERN.fullmatch(slugify_text(text, language))


@pytest.mark.parametrize("letter", list(EXPECTED_KAZAKH))
def test_kazakh_slug_is_never_empty_for_a_single_letter(letter):
    assert slugify_text(letter.upper(), "kk") != ""


@pytest.mark.parametrize("text", ["Ъ", "ЬЪ", "ь ъ"])
def test_cyrillic_signs_alone_fall_back_to_item(text):
    assert slugify_text(text, "kk") == "item"
    assert slugify_text(text, "ru") != ""


@pytest.mark.parametrize("text", ["北京", "ქართული", "مرحبا", "!!!", "\u200b"])
def test_text_in_unsupported_script_falls_back_to_item(text):
    assert slugify_text(text, "kk") == "item"


@pytest.mark.parametrize("text", ["", " ", "\t\n ", "\u00a0"])
def test_blank_text_gives_empty_slug(text):
    assert slugify_text(text, "kk") == ""


@pytest.mark.parametrize("max_length", range(1, 100))
def test_slug_never_exceeds_max_length(max_length):
    slug = slugify_text(KAZAKH_TITLE, "kk", max_length=max_length)
    assert 0 < len(slug) <= max_length
    assert SLUG_PATTERN.fullmatch(slug)


def test_default_max_length_is_80():
    assert len(slugify_text("слово " * 40, "kk")) <= 80


def test_long_title_is_cut_on_a_word_boundary():
    assert slugify_text(KAZAKH_TITLE, "kk", max_length=40) == "qazaqstandyqtardyn-95-astamy-eldegi"
    assert slugify_text("alpha beta gamma", "en", max_length=10) == "alpha-beta"
    assert slugify_text("alpha beta gamma", "en", max_length=14) == "alpha-beta"


def test_single_long_word_is_cut_hard():
    assert slugify_text("а" * 100, "kk", max_length=30) == "a" * 30


def test_fallback_respects_tiny_max_length():
    assert slugify_text("北京", "en", max_length=2) == "it"


@pytest.mark.parametrize("max_length", [0, -1])
def test_non_positive_max_length_is_rejected(max_length):
    with pytest.raises(ValueError):
        slugify_text("Халық", "kk", max_length=max_length)


def test_unique_slug_returns_base_when_free():
    assert unique_slug("halyq", lambda slug: False) == "halyq"


def test_unique_slug_adds_numeric_suffix_from_two():
    taken = {"halyq", "halyq-2"}
    assert unique_slug("halyq", taken.__contains__) == "halyq-3"


def test_unique_slug_checks_candidates_in_order():
    asked = []

    def exists(slug):
        asked.append(slug)
        return len(asked) < 4

    assert unique_slug("news", exists) == "news-4"
    assert asked == ["news", "news-2", "news-3", "news-4"]


def test_unique_slug_shortens_base_so_suffix_fits():
    taken = {KAZAKH_SLUG}
    slug = unique_slug(KAZAKH_SLUG, taken.__contains__, max_length=80)
    assert slug == "qazaqstandyqtardyn-95-astamy-eldegi-etnosaralyq-qatynastardy-turaqty-dep-2"
    assert len(slug) <= 80


def test_unique_slug_never_exceeds_max_length_with_long_suffixes():
    base = "a" * 20
    taken = {base} | {f"{base[: 20 - len(str(n)) - 1]}-{n}" for n in range(2, 150)}
    slug = unique_slug(base, taken.__contains__, max_length=20)
    assert slug == "a" * 16 + "-150"


def test_unique_slug_truncates_overlong_base():
    assert unique_slug("alpha-beta-gamma", lambda slug: False, max_length=12) == "alpha-beta"


def test_unique_slug_rejects_empty_base():
    with pytest.raises(ValueError):
        unique_slug("", lambda slug: False)
