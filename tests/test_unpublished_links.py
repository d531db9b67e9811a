"""A hidden initiative or institution is named and linked nowhere on the public site."""

import pytest
from django.utils import translation

from assembly.models import Region
from tests.factories import make_initiative, make_institution, make_news_item

pytestmark = pytest.mark.django_db


def page(client, obj, lang="kk"):
    with translation.override(lang):
        url = obj.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def shown_and_hidden(make, **fields):
    shown = make(name_kk="Көрінетін атау", slug_kk="korinetin", **fields)
    hidden = make(name_kk="Жасырын атау", slug_kk="zhasyryn", is_published=False, **fields)
    return shown, hidden


def assert_only_shown(html):
    assert "Көрінетін атау" in html and "/korinetin/" in html
    assert "Жасырын атау" not in html and "/zhasyryn/" not in html


@pytest.mark.parametrize(
    ("relation", "make"),
    [("initiatives", make_initiative), ("institutions", make_institution)],
)
def test_article_mentions_only_published_objects(client, relation, make):
    item = make_news_item()
    getattr(item, relation).add(*shown_and_hidden(make))

    assert_only_shown(page(client, item))


def test_initiative_names_no_hidden_organizer(client):
    shown_organizer, hidden_organizer = shown_and_hidden(make_institution)
    with_shown = make_initiative(organizer=shown_organizer)
    with_hidden = make_initiative(organizer=hidden_organizer)

    assert "Көрінетін атау" in page(client, with_shown)
    html = page(client, with_hidden)
    assert "Жасырын атау" not in html and "/zhasyryn/" not in html


def test_institution_names_no_hidden_parent(client):
    shown_parent, hidden_parent = shown_and_hidden(make_institution)
    with_shown = make_institution(parent=shown_parent)
    with_hidden = make_institution(parent=hidden_parent)

    assert "Көрінетін атау" in page(client, with_shown)
    html = page(client, with_hidden)
    assert "Жасырын атау" not in html and "/zhasyryn/" not in html


def test_institution_lists_only_published_bodies_and_initiatives(client):
    institution = make_institution()
    shown_and_hidden(make_institution, parent=institution)
    make_initiative(name_kk="Ашық жоба", organizer=institution)
    make_initiative(name_kk="Жабық жоба", organizer=institution, is_published=False)

    html = page(client, institution)

    assert_only_shown(html)
    assert "Ашық жоба" in html and "Жабық жоба" not in html


def test_region_lists_only_published_institutions(client):
    region = Region.objects.get(code="atyrau")
    shown_and_hidden(make_institution, region=region)

    assert_only_shown(page(client, region))


def test_home_and_initiative_list_show_only_published_initiatives(client):
    shown_and_hidden(make_initiative)

    assert_only_shown(client.get("/kk/").content.decode())
    assert_only_shown(client.get("/kk/initiatives/").content.decode())
