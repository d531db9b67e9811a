import pytest
from django.utils import translation

from assembly.models import Institution, NewsItem, Region
from tests.factories import make_initiative, make_institution, make_news_item, make_topic
from tests.pages import fast_images, find, hreflangs, meta, parse, switcher_links  # noqa: F401

pytestmark = pytest.mark.usefixtures("fast_images")

LANGUAGES = ["kk", "ru", "en"]


def url_in(lang, obj):
    with translation.override(lang):
        return obj.get_absolute_url()


def absolute(path):
    return f"http://testserver{path}"


@pytest.fixture
def trilingual(db):
    return make_news_item(
        title_kk="Ассамблея жиыны",
        title_ru="Сессия Ассамблеи",
        lead_ru="Лид",
        body_ru="<p>Текст</p>",
        title_en="Assembly session",
        lead_en="Lead",
        body_en="<p>Text</p>",
    )


@pytest.fixture
def kazakh_only(db):
    return make_news_item(title_kk="Тек қазақша мақала", lead_kk="Қысқаша", body_kk="<p>Мәтін</p>")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_keeps_reader_on_same_article(client, trilingual, lang):
    links = switcher_links(client.get(url_in(lang, trilingual)))

    assert links == {code: url_in(code, trilingual) for code in [*LANGUAGES, "kk-latn"]}
    assert links["ru"] == "/ru/news/sessiia-assamblei/"
    assert links["kk-latn"] == f"/kk-latn/news/{trilingual.slug_kk}/"
    for code, link in links.items():
        response = client.get(link)
        assert response.status_code == 200
        title = "Assambleia jiyny" if code == "kk-latn" else getattr(trilingual, f"title_{code}")
        assert title in response.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_switcher_marks_the_current_language(client, trilingual, lang):
    page = parse(client.get(url_in(lang, trilingual)))

    [current] = find(page, "a", **{"aria-current": "page", "data-lang": lang})
    assert current["hreflang"] == lang


@pytest.mark.parametrize(
    "make",
    [
        lambda: make_topic(name_ru="Молодёжь", name_en="Youth"),
        lambda: make_initiative(name_ru="Школа лидерства", name_en="Leadership school"),
        lambda: make_institution(name_ru="Дом дружбы", name_en="Friendship House"),
    ],
    ids=["topic", "initiative", "institution"],
)
def test_switcher_follows_each_languages_slug(client, db, make):
    obj = make()

    links = switcher_links(client.get(url_in("kk", obj)))

    assert links["ru"] == url_in("ru", obj) and links["en"] == url_in("en", obj)
    assert len({links["kk"], links["ru"], links["en"]}) == 3
    assert all(client.get(link).status_code == 200 for link in links.values())


def test_switcher_on_a_list_keeps_the_filters(client, db):
    links = switcher_links(client.get("/kk/institutions/?kind=club&page=1"))

    assert links["ru"] == "/ru/institutions/?kind=club"
    assert links["en"] == "/en/institutions/?kind=club"


def test_switcher_on_home_links_each_home(client, db):
    assert switcher_links(client.get("/ru/")) == {
        "kk": "/kk/",
        "ru": "/ru/",
        "en": "/en/",
        "kk-latn": "/kk-latn/",
    }


def test_news_item_without_russian_slug_uses_the_kazakh_one_under_ru(client, kazakh_only):
    assert kazakh_only.slug_ru is None
    links = switcher_links(client.get(url_in("kk", kazakh_only)))

    assert links["ru"] == f"/ru/news/{kazakh_only.slug_kk}/"
    assert client.get(links["ru"]).status_code == 200


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_missing_translation_shows_notice_kazakh_text_and_noindex(client, kazakh_only, lang):
    response = client.get(url_in(lang, kazakh_only))
    html = response.content.decode()
    page = parse(response)

    assert response.status_code == 200
    assert meta(response, name="robots") == ["noindex"]
    assert 'class="notice"' in html
    assert find(page, "a", href=url_in("kk", kazakh_only), hreflang="kk")
    [header] = find(page, "header", **{"class": "article__header"})
    assert header["lang"] == "kk"
    assert "Тек қазақша мақала" in html
    assert find(page, "html", lang=lang)


def test_notice_is_written_in_the_pages_language(client, kazakh_only):
    english = client.get(url_in("en", kazakh_only)).content.decode()

    assert "has not been translated into this language" in english


def test_partly_translated_article_shows_all_its_text_in_kazakh(client, db):
    item = make_news_item(title_kk="Қазақша тақырып", title_en="English title only")

    html = client.get(url_in("en", item)).content.decode()

    assert "Қазақша тақырып" in html
    assert meta(client.get(url_in("en", item)), name="robots") == ["noindex"]


def test_translated_article_is_indexable(client, trilingual):
    assert meta(client.get(url_in("en", trilingual)), name="robots") == []


def test_institution_without_english_name_falls_back_with_notice(client, db):
    institution = make_institution(name_kk="Тек қазақша ұйым")

    response = client.get(url_in("en", institution))

    assert response.status_code == 200
    assert meta(response, name="robots") == ["noindex"]
    assert "Тек қазақша ұйым" in response.content.decode()


def test_region_without_english_name_falls_back_with_notice_as_other_pages_do(client, db):
    region = Region.objects.get(code="atyrau")
    region.name_en = ""
    region.save()

    english = client.get(url_in("en", region))
    russian = client.get(url_in("ru", region))

    assert english.status_code == 200
    assert meta(english, name="robots") == ["noindex"]
    assert 'class="notice"' in english.content.decode()
    assert find(parse(english), "a", href=url_in("kk", region), hreflang="kk")
    assert meta(russian, name="robots") == []
    assert 'class="notice"' not in russian.content.decode()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_hreflang_lists_every_existing_language_and_x_default(client, trilingual, lang):
    alternates = hreflangs(client.get(url_in(lang, trilingual)))

    assert alternates == {
        "kk": absolute(url_in("kk", trilingual)),
        "ru": absolute(url_in("ru", trilingual)),
        "en": absolute(url_in("en", trilingual)),
        "kk-Latn": absolute(url_in("kk-latn", trilingual)),
        "x-default": absolute(url_in("kk", trilingual)),
    }


def test_hreflang_is_reciprocal(client, db):
    item = make_news_item(title_en="Two languages", lead_en="L", body_en="<p>B</p>")
    pages = {lang: hreflangs(client.get(url_in(lang, item))) for lang in ("kk", "en")}

    assert pages["kk"] == pages["en"]
    for lang, alternates in pages.items():
        assert alternates[lang] == absolute(url_in(lang, item))
        for other_url in alternates.values():
            path = other_url.removeprefix("http://testserver")
            assert hreflangs(client.get(path)) == alternates


def test_hreflang_leaves_out_missing_languages(client, kazakh_only):
    for lang in LANGUAGES:
        alternates = hreflangs(client.get(url_in(lang, kazakh_only)))
        assert set(alternates) == {"kk", "kk-Latn", "x-default"}


def test_og_locale_alternates_name_only_existing_languages(client, db):
    item = make_news_item(title_ru="Только по-русски", lead_ru="Л", body_ru="<p>Т</p>")

    response = client.get(url_in("kk", item))

    assert meta(response, property="og:locale") == ["kk_KZ"]
    assert meta(response, property="og:locale:alternate") == ["ru_RU"]


def test_kazakh_slug_under_another_language_redirects_to_its_own_slug(client, trilingual):
    response = client.get(f"/en/news/{trilingual.slug_kk}/")

    assert response.status_code == 301
    assert response["Location"] == url_in("en", trilingual)


def test_old_slug_redirect_lands_in_the_same_language(client, trilingual):
    old = url_in("ru", trilingual)
    trilingual.slug_ru = "novyi-adres"
    trilingual.save()

    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == "/ru/news/novyi-adres/"


@pytest.mark.parametrize(("accept", "expected"), [("ru", "/ru/"), ("en-GB,en;q=0.8", "/en/")])
def test_root_goes_to_the_readers_language(client, db, accept, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_root_defaults_to_kazakh(client, db):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/kk/"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lists_only_show_news_written_in_their_language(client, kazakh_only, trilingual, lang):
    html = client.get(f"/{lang}/news/").content.decode()

    assert getattr(trilingual, f"title_{lang}") in html
    assert ("Тек қазақша мақала" in html) == (lang == "kk")


def test_region_without_translation_is_still_shown(client, db):
    from assembly.models import Region

    region = Region.objects.create(code="test-region", name_kk="Сынақ облысы")

    response = client.get(url_in("en", region))

    assert response.status_code == 200
    assert meta(response, name="robots") == ["noindex"]


def test_models_used_here_are_registered_for_translation():
    assert hasattr(NewsItem, "title_en") and hasattr(Institution, "name_ru")
