import pytest
from django.urls import reverse

from assembly.models import NewsItem
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)

pytestmark = pytest.mark.django_db

ADD_URL = "admin:assembly_newsitem_add"


def _add_with_body(client, body, lang="kk"):
    url = reverse(ADD_URL)
    data = change_form_data(
        client.get(url),
        title_kk="Қауіпсіз мәтін",
        lead_kk="Қысқаша",
        body_kk="<p>Мәтін</p>",
    )
    data[f"body_{lang}"] = body
    response = client.post(url, data)
    assert response.status_code == 302, response.status_code
    return NewsItem.objects.get(title_kk="Қауіпсіз мәтін")


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<p>Hi</p><script>alert(1)</script>", ["<script", "alert(1)"]),
        ('<p><a href="javascript:alert(1)">link</a></p>', ["javascript:"]),
        ('<p><a href="jav&#x09;ascript:alert(1)">tab</a></p>', ["ascript:", "alert"]),
        ('<p><a href="&#106;avascript:alert(1)">entity</a></p>', ["avascript", "alert"]),
        ('<p><a href="JaVaScRiPt:alert(1)">case</a></p>', ["alert"]),
        ('<p><img src="x" onerror="alert(1)"></p>', ["onerror", "<img"]),
        ('<p onclick="alert(1)">click</p>', ["onclick"]),
        ('<iframe srcdoc="<script>alert(1)</script>"></iframe><p>after</p>', ["iframe", "srcdoc"]),
        ("<svg><script>alert(1)</script></svg>", ["<svg", "<script"]),
        ('<p style="background:url(javascript:alert(1))">styled</p>', ["style=", "javascript"]),
        ('<form action="https://evil.example"><input name="x"></form>', ["<form", "<input"]),
    ],
)
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_admin_stores_clean_html_whatever_is_posted(admin_client, payload, forbidden, lang):
    # Some text beside the payload: a body with nothing readable left is refused as empty.
    item = _add_with_body(admin_client, payload + "<p>мәтін</p>", lang=lang)
    stored = getattr(item, f"body_{lang}").lower()
    for fragment in forbidden:
        assert fragment.lower() not in stored


def test_allowed_formatting_survives(admin_client):
    body = (
        "<h2>Тарау</h2><p><strong>Қалың</strong> <em>көлбеу</em> "
        '<a href="https://example.kz/">сілтеме</a></p><ul><li>бір</li></ul>'
    )
    item = _add_with_body(admin_client, body)
    assert "<h2>Тарау</h2>" in item.body_kk
    assert "<strong>Қалың</strong>" in item.body_kk
    assert 'href="https://example.kz/"' in item.body_kk
    assert 'rel="noopener noreferrer"' in item.body_kk


@pytest.mark.parametrize("tags", ["<div><b><i>", "<ul><li>", "<b>", "<blockquote>"])
def test_ten_thousand_unclosed_nesting_tags_are_refused_quickly(admin_client, tags):
    url = reverse(ADD_URL)
    data = change_form_data(
        admin_client.get(url), title_kk="Терең", lead_kk="Қысқаша", body_kk=tags * 10_000 + "x"
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "body_kk" in response.context["adminform"].form.errors
    assert not NewsItem.objects.filter(title_kk="Терең").exists()


@pytest.mark.parametrize("tags", ["<p>", "<li>"])
def test_ten_thousand_unclosed_flat_tags_are_stored_clean(admin_client, tags):
    payload = (tags + "мәтін") * 10_000 + "<script>alert(1)</script>"
    item = _add_with_body(admin_client, payload)
    assert "<script" not in item.body_kk
    assert "мәтін" in item.body_kk


def test_sanitizer_copes_with_ten_thousand_unclosed_tags():
    from assembly.richtext import sanitize_html

    cleaned = sanitize_html("<b><i><u>" * 10_000 + "<script>alert(1)</script>text")
    assert "<script" not in cleaned
    assert "text" in cleaned


def test_empty_editor_paragraph_is_no_translation(admin_client):
    item = _add_with_body(admin_client, "<p></p>", lang="ru")
    assert item.body_ru in ("", None)
    assert item not in NewsItem.objects.translated_into("ru")
