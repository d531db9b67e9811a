import re

import pytest
from django.utils import translation

from assembly.richtext import sanitize_html
from assembly.typography import NBSP, label, typeset_html, typeset_text
from tests.factories import make_news_item


def test_a_number_and_its_word_stay_on_one_line():
    text = typeset_text("қатысқандар 3 миллионнан асты, іс-шаралар 10 мыңнан астам", "kk")

    assert f"3{NBSP}миллионнан" in text
    assert f"10{NBSP}мыңнан" in text


def test_the_groups_of_a_number_stay_together():
    assert f"305{NBSP}000{NBSP}000{NBSP}тенге" in typeset_text("305 000 000 тенге", "ru")


def test_no_line_starts_with_a_dash_or_an_ellipsis():
    text = typeset_text("Бұл – 2025 жылғы сауалнама …", "kk")

    assert f"Бұл{NBSP}–" in text
    assert f"сауалнама{NBSP}…" in text


def test_russian_text_gets_the_russian_dash():
    assert typeset_text("Это - результат", "ru") == f"Это{NBSP}— результат"


def test_english_and_kazakh_keep_their_dash():
    assert "–" in typeset_text("Бұл – нәтиже", "kk")
    assert "–" in typeset_text("This – result", "en")


def test_text_is_escaped():
    assert typeset_text("<b>A & B</b>", "en") == "&lt;b&gt;A &amp; B&lt;/b&gt;"


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "проект «Мәдениетті ана – мәдениетті ұлт» стартовал",
            f"Мәдениетті ана{NBSP}— мәдениетті ұлт",
        ),
        ("программа «Жаңа толқын»", "Жаңа толқын"),
        ("области Жетісу и Туркестанская", "Жетісу"),
    ],
)
def test_kazakh_phrases_in_russian_text_are_marked(text, phrase):
    assert f'<span lang="kk">{phrase}</span>' in typeset_text(text, "ru")


def test_a_quoted_name_of_the_kazakh_version_is_kazakh():
    text = typeset_text(
        "проекты «Адал азамат» и «Совет матерей»", "ru", kazakh="«Адал азамат» жобасы"
    )

    assert '<span lang="kk">Адал азамат</span>' in text
    assert "Совет матерей" in text and text.count("lang=") == 1


def test_kazakh_phrases_in_english_text_are_marked():
    text = typeset_text("the Jaña Tolqyn («Жаңа толқын») project", "en")

    assert '<span lang="kk">Жаңа толқын</span>' in text


def test_russian_words_are_not_marked_as_kazakh():
    assert "lang=" not in typeset_text("Ассамблея народа Казахстана", "ru")


def test_kazakh_text_is_not_marked_again():
    assert "lang=" not in typeset_text("Жаңа толқын", "kk")


def test_rich_text_keeps_its_tags_and_an_editors_language():
    html = '<p>В <a href="/x">10 тысяч</a> и <span lang="kk">Қазақ тілі</span></p>'

    result = typeset_html(html, "ru")

    assert f'<a href="/x">10{NBSP}тысяч</a>' in result
    assert result.count("lang=") == 1


def test_a_label_never_starts_with_a_dash():
    assert label("– юбилей Ассамблеи", "ru") == "юбилей Ассамблеи"


def test_the_sanitizer_keeps_a_language_span_and_drops_bare_spans():
    html = '<p><span style="color:red">Мәтін</span> <span lang="ru">Текст</span></p>'

    assert sanitize_html(html) == '<p>Мәтін <span lang="ru">Текст</span></p>'


@pytest.mark.django_db
def test_russian_article_marks_its_kazakh_phrases(client):
    item = make_news_item(
        title_kk="Жаңалық",
        lead_kk="Қысқаша",
        body_kk="<p>Мәтін</p>",
        title_ru="Новость",
        lead_ru="Кратко",
        body_ru=(
            "<p>Проекты «Мәдениетті ана – мәдениетті ұлт» и «Жаңа толқын» "
            "собрали 10 тысяч человек.</p>"
        ),
    )
    with translation.override("ru"):
        url = item.get_absolute_url()

    html = client.get(url).content.decode()

    assert f'<span lang="kk">Мәдениетті ана{NBSP}— мәдениетті ұлт</span>' in html
    assert '<span lang="kk">Жаңа толқын</span>' in html
    assert f"10{NBSP}тысяч" in html


@pytest.fixture
def seeded_article(seeded):
    from assembly.models import NewsItem

    return NewsItem.objects.get(seed_key="kazinform-2025-12-19")


def _article_html(client, item, lang):
    with translation.override(lang):
        return client.get(item.get_absolute_url()).content.decode()


def test_seed_russian_article_marks_its_kazakh_names(client, seeded_article):
    body = _article_html(client, seeded_article, "ru").split('class="article__body')[1]
    body = body.split("</div>")[0]

    phrases = re.findall(r'<span lang="kk">(.*?)</span>', body)

    assert set(phrases) >= {
        "Жомарт жан",
        f"Мәдениетті ана{NBSP}— мәдениетті ұлт",
        "Адал азамат",
        "Салауатты сана",
        "Ассамблея жастары",
        "Жаңа толқын",
    }
    assert "Совет аксакалов" not in phrases


def test_article_shows_few_mentions_and_the_rest_behind_a_disclosure(client, seeded_article):
    html = _article_html(client, seeded_article, "ru")
    footer = html.split('class="article__footer"')[1].split('class="share')[0]
    hidden = re.findall(r"<details.*?</details>", footer, re.DOTALL)
    shown = re.sub(r"<details.*?</details>", "", footer, flags=re.DOTALL)

    assert shown.count("<a ") == seeded_article.topics.count() + 3 + 5
    assert [block.count("<a ") for block in hidden] == [
        seeded_article.initiatives.count() - 3,
        seeded_article.institutions.count() - 5,
    ]
    assert "Показать ещё 10" in hidden[0]


def test_key_figure_keeps_a_word_in_one_style(client, seeded_article):
    html = _article_html(client, seeded_article, "kk")

    assert (
        f'<span class="figure__number">10</span>{NBSP}<span class="figure__unit">мыңнан</span>'
        in html
    )
    assert '<span class="figure__number">100-ден</span>' in html


def test_a_kazakh_name_in_the_russian_mentions_is_marked(client, seeded_article):
    footer = _article_html(client, seeded_article, "ru").split('class="article__footer"')[1]

    assert '<span lang="kk">Мәдениетті ана' in footer
