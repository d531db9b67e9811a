import io
import os

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image

from assembly.models import NewsItem
from assembly.uploads import ImageUploadValidator, validate_image_upload
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item
from tests.images import SVG, huge_png_header, image_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("image_format", "name"), [("JPEG", "photo.jpg"), ("PNG", "photo.png"), ("WEBP", "photo.webp")]
)
def test_jpeg_png_and_webp_are_accepted(image_format, name):
    validate_image_upload(upload(name, image_bytes(image_format)))


@pytest.mark.parametrize(
    ("content", "name"),
    [
        (SVG, "drawing.svg"),
        (SVG, "drawing.png"),
        (image_bytes("GIF", mode="P"), "animation.jpg"),
        (image_bytes("BMP"), "bitmap.png"),
        (image_bytes("TIFF"), "scan.webp"),
        (b"%PDF-1.4 not an image", "document.jpg"),
        (b"<html><script>alert(1)</script></html>", "page.png"),
    ],
)
def test_other_formats_are_rejected_whatever_their_name(content, name):
    with pytest.raises(ValidationError):
        validate_image_upload(upload(name, content))


def test_png_declaring_100_megapixels_is_rejected_before_decoding():
    content = huge_png_header(10_000, 10_000)
    assert len(content) < 20_000
    with pytest.raises(ValidationError) as error:
        validate_image_upload(upload("tiny.png", content))
    assert error.value.code == "image_too_many_pixels"


def test_file_over_the_size_limit_is_rejected():
    validator = ImageUploadValidator(max_bytes=1000)
    buffer = io.BytesIO()
    Image.frombytes("RGB", (100, 100), os.urandom(30_000)).save(buffer, format="PNG")
    big = buffer.getvalue()
    assert len(big) > 1000
    with pytest.raises(ValidationError) as error:
        validator(upload("big.png", big))
    assert error.value.code == "image_too_large"


def test_limits_are_20_megabytes_and_40_megapixels():
    assert validate_image_upload.max_bytes == 20 * 1024 * 1024
    assert validate_image_upload.max_pixels == 40_000_000


def _post_image(client, image):
    item = make_news_item(status="draft", published_at=None)
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    data = change_form_data(client.get(url), hero_image=image, hero_alt_kk="Сурет")
    return item, client.post(url, data)


def test_admin_stores_valid_upload_under_a_generated_name(admin_client):
    item, response = _post_image(admin_client, upload("Менің паспортым.png", image_bytes("PNG")))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.hero_image.name.startswith("newsitem/")
    assert "паспорт" not in item.hero_image.name
    assert item.hero_image.name.endswith(".png")


@pytest.mark.parametrize(
    "image",
    [
        upload("logo.svg", SVG, "image/svg+xml"),
        upload("logo.png", SVG, "image/png"),
        upload("huge.png", huge_png_header(), "image/png"),
    ],
    ids=["svg", "svg-renamed", "100-megapixels"],
)
def test_admin_rejects_bad_uploads_with_a_message(admin_client, image):
    item, response = _post_image(admin_client, image)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["hero_image"]
    item.refresh_from_db()
    assert not item.hero_image


def test_kazakh_alt_text_is_required_to_publish_an_image_item(admin_client):
    item = make_news_item(status="draft", published_at=None)
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    data = change_form_data(
        admin_client.get(url),
        hero_image=upload("p.png", image_bytes("PNG")),
        hero_alt_kk="",
        hero_alt_ru="Фото",
        status="published",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "hero_alt_kk" in response.context["adminform"].form.errors
    assert NewsItem.objects.get(pk=item.pk).status == "draft"


def test_alt_text_and_caption_are_per_language(admin_client):
    item = make_news_item(status="draft", published_at=None)
    url = reverse("admin:assembly_newsitem_change", args=(item.pk,))
    data = change_form_data(
        admin_client.get(url),
        hero_image=upload("p.png", image_bytes("PNG")),
        hero_alt_kk="Сурет",
        hero_alt_ru="Фото",
        hero_alt_en="Photo",
        hero_caption_kk="Түсініктеме",
        hero_caption_en="Caption",
        status="published",
    )
    assert admin_client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert (item.hero_alt_kk, item.hero_alt_ru, item.hero_alt_en) == ("Сурет", "Фото", "Photo")
    assert item.hero_caption_en == "Caption"
    assert item.status == "published"


@pytest.mark.parametrize("model_name", ["initiative", "institution"])
def test_shown_initiative_or_institution_image_needs_kazakh_alt(admin_client, model_name):
    from tests.factories import make_initiative, make_institution

    obj = {"initiative": make_initiative, "institution": make_institution}[model_name]()
    url = reverse(f"admin:assembly_{model_name}_change", args=(obj.pk,))
    page = admin_client.get(url)
    image = upload("p.png", image_bytes("PNG"))
    data = change_form_data(page, image=image, image_alt_kk="", is_published="on")
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "image_alt_kk" in response.context["adminform"].form.errors

    image = upload("p.png", image_bytes("PNG"))
    data = change_form_data(page, image=image, image_alt_kk="Сурет", is_published="on")
    assert admin_client.post(url, data).status_code == 302
    obj.refresh_from_db()
    assert obj.image.name.startswith(f"{model_name}/")
