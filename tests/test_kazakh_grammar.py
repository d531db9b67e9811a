"""«95%-дан астам»: Kazakh puts "more than" after the number, with the ablative suffix."""

import re

import pytest

from assembly.kazakh import ablative_suffix, more_than, number_last_word


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        # Each phrase as the Kazinform article writes it.
        (95, "%", "95%-дан астам"),
        (100, "этнос", "100-ден астам этнос"),
        (3, "миллион адам", "3 миллионнан астам адам"),
        (1000, "этномәдени бірлестік", "1000-нан астам этномәдени бірлестік"),
        (50, "мың адам", "50 мыңнан астам адам"),
        (10, "мың жас", "10 мыңнан астам жас"),
        (50, "этникалық газет", "50-ден астам этникалық газет"),
        (170, "ансамбль", "170-тен астам ансамбль"),
        # Abbreviations take a hyphen.
        (3, "млн адам", "3 млн-нан астам адам"),
    ],
)
def test_more_than_reads_as_the_article_writes_it(value, unit, expected):
    head, suffix, tail = more_than(value, unit)
    number = f"{value}{head}" if head == "%" else f"{value} {head}" if head else str(value)
    assert " ".join(filter(None, [number + suffix, "астам", tail])) == expected


@pytest.mark.parametrize(
    ("value", "word", "suffix"),
    [
        (1, "бір", "ден"),
        (2, "екі", "ден"),
        (3, "үш", "тен"),
        (4, "төрт", "тен"),
        (5, "бес", "тен"),
        (6, "алты", "дан"),
        (7, "жеті", "ден"),
        (8, "сегіз", "ден"),
        (9, "тоғыз", "дан"),
        (10, "он", "нан"),
        (20, "жиырма", "дан"),
        (30, "отыз", "дан"),
        (40, "қырық", "тан"),
        (50, "елу", "ден"),
        (60, "алпыс", "тан"),
        (70, "жетпіс", "тен"),
        (80, "сексен", "нен"),
        (90, "тоқсан", "нан"),
        (100, "жүз", "ден"),
        (1500, "жүз", "ден"),
        (2000, "мың", "нан"),
        (250_000, "мың", "нан"),
        (3_000_000, "миллион", "нан"),
        (2_000_000_000, "миллиард", "тан"),
        ("2.5", "бес", "тен"),
        (0, "нөл", "ден"),
    ],
)
def test_the_suffix_follows_the_last_word_read_aloud(value, word, suffix):
    assert number_last_word(value) == word
    assert ablative_suffix(word) == suffix


def test_key_figures_on_the_kazakh_home_page_say_astam_after_the_number(client, seeded):
    html = client.get("/kk/").content.decode()
    text = re.sub(r"<[^>]+>", "", html)

    assert "95%-дан астам" in text
    assert "100-ден астам этнос" in text
    assert "кемінде" not in text


@pytest.mark.parametrize(("lang", "phrase"), [("ru", "более 95%"), ("en", "more than 95%")])
def test_other_languages_keep_more_than_before_the_number(client, seeded, lang, phrase):
    html = client.get(f"/{lang}/").content.decode()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))

    assert phrase in text
