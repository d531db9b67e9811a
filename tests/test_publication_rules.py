"""One set of publication rules (workflow.publication_problems): the publish action and the
change forms refuse the same things with the same words."""

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from assembly import workflow
from assembly.models import NewsItem
from tests.admin_helpers import change_form_data
from tests.factories import make_institution, make_news_item
from tests.images import png_file

pytestmark = pytest.mark.django_db


def item_with_image_and_no_alt():
    item = make_news_item(status="draft", published_at=None)
    item.hero_image.save("hero.png", png_file(), save=True)
    return item


def error_messages(response):
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


def test_publish_action_and_change_form_give_the_same_reason(admin_client):
    item = item_with_image_and_no_alt()

    action = admin_client.post(
        reverse("admin:assembly_newsitem_changelist"),
        {"action": "publish_now", helpers.ACTION_CHECKBOX_NAME: [item.pk]},
        follow=True,
    )
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    form = admin_client.post(url, change_form_data(admin_client.get(url), status="published"))

    [refusal] = error_messages(action)
    [field_error] = form.context["adminform"].form.errors["hero_alt_kk"]
    assert field_error in refusal
    item.refresh_from_db()
    assert item.status == NewsItem.Status.DRAFT


def test_alt_text_about_to_be_saved_satisfies_the_rule():
    item = item_with_image_and_no_alt()

    assert [field for field, _message in workflow.publication_problems(item)] == ["hero_alt_kk"]
    assert workflow.publication_problems(item, {"hero_alt_kk": "Форумға қатысушылар"}) == []


def test_alt_text_of_only_spaces_counts_as_missing():
    item = item_with_image_and_no_alt()
    item.hero_alt_kk = "   "

    assert [field for field, _message in workflow.publication_problems(item)] == ["hero_alt_kk"]


def test_a_cleared_image_needs_no_alt_text():
    item = item_with_image_and_no_alt()

    assert workflow.publication_problems(item, {"hero_image": False}) == []


def test_institution_rules_are_the_same_rules():
    institution = make_institution()
    institution.image.save("p.png", png_file(), save=False)

    assert [f for f, _m in workflow.publication_problems(institution)] == ["image_alt_kk"]
    institution.image_alt_kk = "Достық үйі"
    assert workflow.publication_problems(institution) == []
