"""The rich-text sanitizer keeps what an editor wrote: links as written, Word's lists as lists."""

import pytest

from assembly.richtext import sanitize_html

NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    "href",
    [
        "https://www.gov.kz/",
        "http://gov.kz",
        "https://www.gov.kz/memleket/entities/assembly?lang=kk#news",
        "HTTPS://Example.KZ/Path%20With%20Spaces",
        "mailto:info@assembly.kz",
        "tel:+77172000000",
    ],
)
def test_link_is_kept_exactly_as_written(href):
    html = sanitize_html(f'<p><a href="{href}">gov.kz</a></p>')
    assert f'href="{href}"' in html


@pytest.mark.parametrize(
    "href",
    [
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "data:text/html,<script>1</script>",
        "vbscript:x",
    ],
)
def test_unsafe_link_scheme_is_removed(href):
    html = sanitize_html(f'<p><a href="{href}">link</a></p>')
    assert "href" not in html
    assert "link" in html


def test_word_bullet_paragraphs_become_a_list():
    pasted = (
        "<p>Форумға қатысқандар:</p>"
        f'<p class="MsoListParagraphCxSpFirst"><span>·<span>{NBSP * 7} </span></span>жастар</p>'
        f"<p>·{NBSP * 5} ардагерлер</p>"
        f"<p>·&nbsp;&nbsp;&nbsp; этномәдени <b>бірлестіктер</b></p>"
        "<p>Форум Астанада өтті.</p>"
    )
    assert sanitize_html(pasted) == (
        "<p>Форумға қатысқандар:</p>"
        "<ul><li>жастар</li><li>ардагерлер</li><li>этномәдени <b>бірлестіктер</b></li></ul>"
        "<p>Форум Астанада өтті.</p>"
    )


def test_word_numbered_paragraphs_become_an_ordered_list():
    pasted = f"<p>1.{NBSP * 4}Бірінші</p><p>2.{NBSP * 4}Екінші</p>"
    assert sanitize_html(pasted) == "<ol><li>Бірінші</li><li>Екінші</li></ol>"


def test_word_numbered_list_keeps_its_first_number():
    pasted = f"<p>3){NBSP}Үшінші</p><p>4){NBSP}Төртінші</p>"
    assert sanitize_html(pasted) == '<ol start="3"><li>Үшінші</li><li>Төртінші</li></ol>'


def test_bullets_then_numbers_are_two_lists():
    pasted = f"<p>·{NBSP}a</p><p>1.{NBSP}b</p>"
    assert sanitize_html(pasted) == "<ul><li>a</li></ul><ol><li>b</li></ol>"


@pytest.mark.parametrize(
    "paragraph",
    [
        "<p>1. Сөйлем нөмірмен басталады, бірақ тізім емес.</p>",
        "<p>· ортадағы нүкте, қарапайым бос орынмен</p>",
        "<p>2025 жылы форум өтті.</p>",
        "<p>o'clock</p>",
    ],
)
def test_ordinary_paragraphs_are_not_lists(paragraph):
    assert sanitize_html(paragraph) == paragraph


def test_cleaning_twice_changes_nothing():
    once = sanitize_html(f"<p>·{NBSP * 3}a</p><p>·{NBSP * 3}b</p><p>text</p>")
    assert sanitize_html(once) == once
