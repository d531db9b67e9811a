"""The 2021 Latin alphabet read off Kazakh Cyrillic (assembly/latin.py, docs/kazakh-latin.md)."""

import pytest

from assembly.latin import feed_to_latin, html_to_latin, to_latin

# Every letter of the Kazakh Cyrillic alphabet, small and capital, as docs/kazakh-latin.md
# gives it: (Cyrillic, Latin small, Latin capital).
ALPHABET = [
    ("а", "a", "A"),
    ("ә", "ä", "Ä"),
    ("б", "b", "B"),
    ("в", "v", "V"),
    ("г", "g", "G"),
    ("ғ", "ğ", "Ğ"),
    ("д", "d", "D"),
    ("е", "e", "E"),
    ("ё", "io", "İo"),
    ("ж", "j", "J"),
    ("з", "z", "Z"),
    ("и", "i", "İ"),
    ("й", "i", "İ"),
    ("к", "k", "K"),
    ("қ", "q", "Q"),
    ("л", "l", "L"),
    ("м", "m", "M"),
    ("н", "n", "N"),
    ("ң", "ñ", "Ñ"),
    ("о", "o", "O"),
    ("ө", "ö", "Ö"),
    ("п", "p", "P"),
    ("р", "r", "R"),
    ("с", "s", "S"),
    ("т", "t", "T"),
    ("у", "u", "U"),
    ("ұ", "ū", "Ū"),
    ("ү", "ü", "Ü"),
    ("ф", "f", "F"),
    ("х", "h", "H"),
    ("һ", "h", "H"),
    ("ц", "ts", "Ts"),
    ("ч", "ch", "Ch"),
    ("ш", "ş", "Ş"),
    ("щ", "şş", "Şş"),
    ("ъ", "", ""),
    ("ы", "y", "Y"),
    ("і", "ı", "I"),
    ("ь", "", ""),
    ("э", "e", "E"),
    ("ю", "iu", "İu"),
    ("я", "ia", "İa"),
]


def test_alphabet_covers_all_42_letters():
    assert len({cyrillic for cyrillic, _small, _capital in ALPHABET}) == 42


@pytest.mark.parametrize(("cyrillic", "small", "capital"), ALPHABET)
def test_every_letter_small_capital_and_in_a_word_of_capitals(cyrillic, small, capital):
    assert to_latin(cyrillic) == small
    assert to_latin(cyrillic.upper()) == capital
    # The capital of i is İ, of ı I. In a word of capitals every Latin letter is one: «АЩА» -> AŞŞA.
    assert to_latin(f"А{cyrillic.upper()}А") == f"A{capital.upper()}A"


def test_the_issues_examples_letter_for_letter():
    cyrillic = "Қазақстандықтардың 95% астамы елдегі этносаралық қатынастарды тұрақты деп санайды"
    latin = "Qazaqstandyqtardyñ 95% astamy eldegı etnosaralyq qatynastardy tūraqty dep sanaidy"
    assert to_latin(cyrillic) == latin
    assert to_latin("19 желтоқсан 2025 ж.") == "19 jeltoqsan 2025 j."


def test_capitals_follow_the_source():
    assert to_latin("ҚХА") == "QHA"
    assert to_latin("Қазақстан халқы Ассамблеясы (ҚХА)") == "Qazaqstan halqy Assambleiasy (QHA)"
    assert to_latin("Шымкент") == "Şymkent"
    assert to_latin("ШЫМКЕНТ") == "ŞYMKENT"
    assert to_latin("Ірі Ішкі") == "Irı Işkı"
    assert to_latin("ИТ") == "İT"


def test_latin_text_addresses_and_emails_stay_as_they_are():
    assert to_latin("Kazinform, UNESCO, COVID-19") == "Kazinform, UNESCO, COVID-19"
    assert to_latin("жазыңыз: хат@ақорда.kz") == "jazyñyz: хат@ақорда.kz"
    assert to_latin("сайт https://қазақ.kz/жаңалық") == "sait https://қазақ.kz/жаңалық"


def test_html_markup_and_attributes_are_kept_but_alt_and_title_are_read():
    html = (
        '<p class="тақырып" data-x="қ" title="Бас бет"><img src="/media/қ.jpg" alt="Сурет">'
        'Сәлем, <a href="/kk/жаңалықтар/">әлем</a>&nbsp;&amp; <br>достар</p>'
    )
    assert html_to_latin(html) == (
        '<p class="тақырып" data-x="қ" title="Bas bet"><img src="/media/қ.jpg" alt="Suret">'
        'Sälem, <a href="/kk/жаңалықтар/">älem</a>&nbsp;&amp; <br>dostar</p>'
    )


def test_html_other_languages_and_code_are_left_alone():
    html = (
        '<p>Бүгін <span lang="ru">в Астане</span> <code>қ = 1</code> <pre>қ</pre>'
        "<script>const қ = 1;</script><style>.қ{}</style><textarea>мәтін</textarea> кеш</p>"
    )
    assert html_to_latin(html) == (
        '<p>Bügın <span lang="ru">в Астане</span> <code>қ = 1</code> <pre>қ</pre>'
        "<script>const қ = 1;</script><style>.қ{}</style><textarea>мәтін</textarea> keş</p>"
    )


def test_html_kazakh_lang_becomes_kk_latn_and_the_link_to_the_cyrillic_page_stays():
    html = (
        '<html lang="kk"><head><meta name="description" content="Ассамблея">'
        '<meta property="og:url" content="https://x.kz/kk/қ/"></head>'
        '<body><a href="/kk/" hreflang="kk" lang="kk">Қазақша</a></body></html>'
    )
    assert html_to_latin(html) == (
        '<html lang="kk-Latn"><head><meta name="description" content="Assambleia">'
        '<meta property="og:url" content="https://x.kz/kk/қ/"></head>'
        '<body><a href="/kk/" hreflang="kk" lang="kk">Қазақша</a></body></html>'
    )


def test_html_json_ld_strings_are_read_but_addresses_kept():
    html = (
        '<script type="application/ld+json">'
        '{"headline": "Жаңалық", "inLanguage": "kk", "url": "https://x.kz/kk/жаңалық/"}</script>'
    )
    assert html_to_latin(html) == (
        '<script type="application/ld+json">'
        '{"headline": "Jañalyq", "inLanguage": "kk-Latn", "url": "https://x.kz/kk/жаңалық/"}'
        "</script>"
    )


def test_feed_text_is_read_and_links_dates_and_markup_kept():
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<?xml-stylesheet href="/static/feeds/feed.xsl" type="text/xsl"?>'
        '<rss version="2.0"><channel><title>Жаңалықтар</title>'
        "<link>https://x.kz/kk-latn/жаңалықтар/</link>"
        '<item><title>Тұрақты</title><description>&lt;p&gt;Қ &lt;span lang="ru"&gt;Д&lt;/span&gt;'
        "&lt;/p&gt;</description><guid>https://x.kz/kk-latn/қ/</guid></item></channel></rss>"
    ).encode()
    out = feed_to_latin(xml).decode()
    assert '<?xml-stylesheet href="/static/feeds/feed.xsl" type="text/xsl"?>' in out
    assert "<title>Jañalyqtar</title>" in out
    assert "<link>https://x.kz/kk-latn/жаңалықтар/</link>" in out
    assert "<title>Tūraqty</title>" in out
    assert '&lt;p&gt;Q &lt;span lang="ru"&gt;Д&lt;/span&gt;&lt;/p&gt;' in out
    assert "<guid>https://x.kz/kk-latn/қ/</guid>" in out


def test_html_angle_brackets_inside_attribute_values_stay_in_their_tag():
    html = '<p data-x="<қ>">Сәлем <b>әлем</b></p>' + "<a title='Бас > бет'>қ</a>"
    assert html_to_latin(html) == (
        '<p data-x="<қ>">Sälem <b>älem</b></p><a title="Bas &gt; bet">q</a>'
    )


def test_html_comments_scripts_and_styles_are_kept_whatever_they_hold():
    html = (
        "<!-- түсінік <p>қ</p> -->Қ"
        '<script>if (a < b) { x = "<p>қ</p>"; }</script>қ'
        '<style>p > a::after { content: "қ" }</style>қ'
        '<script type="application/ld+json">{"name": "Қ</p>"}</script>'
    )
    assert html_to_latin(html) == (
        "<!-- түсінік <p>қ</p> -->Q"
        '<script>if (a < b) { x = "<p>қ</p>"; }</script>q'
        '<style>p > a::after { content: "қ" }</style>q'
        '<script type="application/ld+json">{"name": "Q<\\/p>"}</script>'
    )


def test_html_nested_languages_each_element_in_its_own_script():
    html = (
        '<div lang="ru">Д <span lang="kk">Қ</span> Д <span>Д</span> Д</div>Қ'
        # An end tag closes what was left open inside its element.
        '<div lang="ru"><b>Д</div>Қ</b>Қ'
        '<pre>қ <span lang="kk">қ</span> қ</pre>қ'
    )
    latin = html_to_latin(html)
    assert '<div lang="ru">Д <span lang=' in latin
    assert '>Q</span> Д <span>Д</span> Д</div>Q<div lang="ru"><b>Д</div>Q</b>Q<pre>қ ' in latin
    assert ">q</span> қ</pre>q" in latin


def test_html_character_references_stay_and_end_an_address():
    html = "<p>Сәлем&nbsp;әлем &amp; достар &#1179; &copy; сайт&nbsp;https://қазақ.kz/жаңалық</p>"
    assert html_to_latin(html) == (
        "<p>Sälem&nbsp;älem &amp; dostar &#1179; &copy; sait&nbsp;https://қазақ.kz/жаңалық</p>"
    )


def test_html_blocks_are_read_in_the_elements_open_around_them():
    block = "<p>Қазақ</p>\n\n"
    assert html_to_latin(block + "<p>Қ</p>") == "<p>Qazaq</p>\n\n<p>Q</p>"
    # The same block inside an element in Russian stays Cyrillic.
    assert html_to_latin('<div lang="ru">\n\n' + block + "</div>\n\nҚ") == (
        '<div lang="ru">\n\n' + block + "</div>\n\nQ"
    )


def test_html_markup_that_spans_a_blank_line_is_read_whole():
    html = (
        '<a title="Бас\n\nбет" href="/қ\n\n">Бас\n\nбет</a>\n\n'
        "<!-- қ\n\n<p>қ</p>\n\n -->қ\n\n"
        '<script>\n\nx = "<p>қ";\n\n</script>\n\nқ\n\n'
        "<pre>\n\nқ\n\n</pre>\n\nқ"
    )
    assert html_to_latin(html) == (
        '<a title="Bas\n\nbet" href="/қ\n\n">Bas\n\nbet</a>\n\n'
        "<!-- қ\n\n<p>қ</p>\n\n -->q\n\n"
        '<script>\n\nx = "<p>қ";\n\n</script>\n\nq\n\n'
        "<pre>\n\nқ\n\n</pre>\n\nq"
    )
