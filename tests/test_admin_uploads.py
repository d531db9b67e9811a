import io
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from assembly.models import NewsItem
from assembly.uploads import ImageUploadValidator, validate_image_upload, without_metadata
from tests.admin_helpers import (
    change_form_data,
    fast_password_hashing,  # noqa: F401 (autouse fixture)
)
from tests.factories import make_news_item
from tests.images import GPS_IFD, SVG, huge_png_header, image_bytes, jpeg_with_gps, upload

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


def test_stored_original_has_no_gps_or_camera_data_and_is_upright(admin_client):
    item, response = _post_image(admin_client, upload("IMG_0001.jpg", jpeg_with_gps()))
    assert response.status_code == 302
    item.refresh_from_db()
    with item.hero_image.open("rb") as stored:
        content = stored.read()
    assert b"Phone 12 Pro" not in content
    assert b"PhoneMaker" not in content
    with Image.open(io.BytesIO(content)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert not dict(exif)
        assert "comment" not in image.info
        # The phone held the camera upright: the stored picture is tall, red on top.
        assert image.size == (20, 40)
        red, _, blue = image.convert("RGB").getpixel((10, 5))
        assert red > 200 and blue < 60


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", ".png"), ("WEBP", ".webp")])
def test_png_and_webp_originals_lose_their_exif_too(image_format, extension):
    with Image.open(io.BytesIO(jpeg_with_gps())) as photo:
        buffer = io.BytesIO()
        photo.save(buffer, format=image_format, exif=photo.getexif())
    cleaned, stored_extension = without_metadata(upload(f"photo{extension}", buffer.getvalue()))
    assert stored_extension == extension
    with Image.open(cleaned) as image:
        assert not dict(image.getexif())
        assert image.size == (20, 40)


@pytest.mark.parametrize("name", ["scan.pdf", "figure.eps", "icon.xbm"])
def test_stored_extension_comes_from_the_format_not_the_clients_name(admin_client, name):
    item, response = _post_image(admin_client, upload(name, image_bytes("PNG")))
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.hero_image.name.endswith(".png")
    response = admin_client.get(item.hero_image.url)
    assert response["Content-Type"] == "image/png"


def _media_files():
    from django.conf import settings

    return sorted(str(path) for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


def test_first_reader_request_makes_no_renditions(admin_client, client):
    big = upload("photo.jpg", image_bytes("JPEG", size=(1000, 600)))
    item, response = _post_image(admin_client, big)
    assert response.status_code == 302
    item.refresh_from_db()
    item.status = NewsItem.Status.PUBLISHED
    item.published_at = timezone.now()
    item.save()
    before = _media_files()
    page = client.get(item.get_absolute_url())
    assert page.status_code == 200
    assert _media_files() == before
    html = page.content.decode()
    assert 'type="image/webp"' in html
    assert ".webp 480w" in html and ".webp 800w" in html


def test_image_stored_before_renditions_on_save_is_shown_after_make_renditions(client):
    name = default_storage.save("newsitem/old.jpg", upload("old.jpg", image_bytes("JPEG")))
    item = make_news_item()
    NewsItem.objects.filter(pk=item.pk).update(hero_image=name)
    assert "<picture>" not in client.get(item.get_absolute_url()).content.decode()
    call_command("make_renditions", stdout=io.StringIO())
    assert "<picture>" in client.get(item.get_absolute_url()).content.decode()


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
