from io import StringIO

from django.core.management import call_command

from assembly.models import Institution, NewsItem


def demo(**options):
    call_command("generate_demo_content", stdout=StringIO(), **options)


def test_demo_news_is_marked_in_every_language(db):
    demo(news=5)

    items = NewsItem.objects.filter(seed_key__startswith="demo-")
    assert items.count() == 5
    for item in items:
        for lang in ("kk", "ru", "en"):
            assert getattr(item, f"title_{lang}").startswith("[DEMO]")
            assert getattr(item, f"slug_{lang}")
        assert item.topics.exists()


def test_demo_news_is_public_and_reachable(client, db):
    demo(news=3)
    item = NewsItem.objects.published().filter(seed_key__startswith="demo-").first()

    assert client.get(item.get_absolute_url()).status_code == 200


def test_second_run_adds_items_with_new_slugs(db):
    demo(news=3, institutions=2)
    demo(news=3, institutions=2)

    assert NewsItem.objects.filter(seed_key__startswith="demo-").count() == 6
    assert Institution.objects.filter(seed_key__startswith="demo-").count() == 4


def test_clear_removes_only_demo_content(db):
    from tests.factories import make_news_item

    real = make_news_item(title_kk="Нақты жаңалық")
    demo(news=4)
    demo(clear=True)

    assert list(NewsItem.objects.all()) == [real]


def test_words_of_public_demo_news_are_in_the_search_vocabulary(db):
    from assembly.models import SearchWord

    demo(news=3)
    assert SearchWord.objects.filter(lang="kk", word="demo").exists()
