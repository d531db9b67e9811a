"""Compressed HTML where no secret is in the page (BREACH), and media kept long by browsers."""

import gzip
from pathlib import Path

import pytest
from django.urls import reverse

from tests.factories import make_news_item

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_anonymous_reader_gets_public_page_compressed(client):
    make_news_item()
    response = client.get("/kk/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert "<html" in gzip.decompress(response.content).decode()


def test_cached_page_is_compressed_too(client):
    client.get("/ru/news/", **GZIP)
    response = client.get("/ru/news/", **GZIP)
    assert response["X-Page-Cache"] == "hit"
    assert response["Content-Encoding"] == "gzip"
    assert "<html" in gzip.decompress(response.content).decode()


def test_cached_page_is_sent_as_stored_the_same_page_either_way(client):
    """A hit is sent in the gzip it was stored in: the same page as the miss, for either reader."""
    miss = client.get("/kk/", **GZIP)
    hit = client.get("/kk/", **GZIP)
    plain = client.get("/kk/", HTTP_ACCEPT_ENCODING="identity")
    assert (miss["X-Page-Cache"], hit["X-Page-Cache"], plain["X-Page-Cache"]) == (
        "miss",
        "hit",
        "hit",
    )
    page = gzip.decompress(miss.content)
    assert gzip.decompress(hit.content) == page
    assert plain.content == page and not plain.has_header("Content-Encoding")
    assert hit["Content-Length"] == str(len(hit.content))
    assert "Accept-Encoding" in hit["Vary"]
    assert hit["ETag"].startswith('W/"')
    assert client.get("/kk/", HTTP_IF_NONE_MATCH=hit["ETag"], **GZIP).status_code == 304


def test_reader_who_does_not_accept_gzip_gets_plain_html(client):
    response = client.get("/kk/", HTTP_ACCEPT_ENCODING="identity")
    assert not response.has_header("Content-Encoding")
    assert "<html" in response.content.decode()


def test_signed_in_editor_gets_public_page_uncompressed(admin_client):
    response = admin_client.get("/kk/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_page_with_a_csrf_token_is_not_compressed(client):
    response = client.get(reverse("admin:login"), **GZIP)
    assert response.status_code == 200
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert not response.has_header("Content-Encoding")


def test_admin_is_never_compressed(admin_client):
    response = admin_client.get(reverse("admin:index"), **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_reader_with_a_session_cookie_gets_page_uncompressed(client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "whatever"
    response = client.get("/kk/", **GZIP)
    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_media_image_is_cached_by_browsers_for_a_year(client, settings):
    (Path(settings.MEDIA_ROOT) / "photo.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    response = client.get(f"{settings.MEDIA_URL}photo.webp", **GZIP)
    assert response.status_code == 200
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert "immutable" in cache_control
    max_age = next(int(part[8:]) for part in cache_control if part.startswith("max-age="))
    assert max_age >= 365 * 24 * 60 * 60
    assert not response.has_header("Content-Encoding")
