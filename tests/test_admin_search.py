"""Admin search searches the fields its ``search_fields`` lists, and no others."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from assembly.models import NewsItem
from assembly.search import SearchAdminMixin, indexed_fields
from tests.factories import make_news_item

pytestmark = pytest.mark.django_db


def changelist(client, model_name, q):
    response = client.get(reverse(f"admin:assembly_{model_name}_changelist"), {"q": q})
    assert response.status_code == 200
    return response.context["cl"]


def test_news_search_lists_every_field_it_searches(admin_client):
    item = make_news_item(body_kk="<p>Жастар форумы Ақтөбеде өтті</p>")
    make_news_item(title_kk="Басқа жаңалық")

    cl = changelist(admin_client, "newsitem", "актобеде")

    # Found by a word of its body, with Russian look-alike letters for the Kazakh ones.
    assert list(cl.result_list) == [item]
    assert {"title_kk", "lead_ru", "body_kk", "dateline_en"} <= set(cl.search_fields)
    assert set(cl.search_fields) == set(indexed_fields(NewsItem))


class TitleSearch(SearchAdminMixin, admin.ModelAdmin):
    search_fields = ("title_kk", "title_ru", "title_en")


def search_titles(admin_user, term):
    request = RequestFactory().get("/")
    request.user = admin_user
    model_admin = TitleSearch(NewsItem, admin.site)
    found, _duplicates = model_admin.get_search_results(request, NewsItem.objects.all(), term)
    return list(found)


def test_an_admin_listing_other_fields_searches_only_those(admin_user):
    item = make_news_item(title_kk="Достық үйі", body_kk="<p>Форум өтті</p>")

    assert search_titles(admin_user, "Достық") == [item]
    assert search_titles(admin_user, "Форум") == []


def test_region_search_finds_a_region_by_its_code(admin_client):
    cl = changelist(admin_client, "region", "atyrau")

    assert [region.code for region in cl.result_list] == ["atyrau"]
