# Originals are stored without metadata and their renditions made on save (issue 17).

import assembly.models.fields
import assembly.models.images
import assembly.uploads
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0013_search_word_languages"),
    ]

    operations = [
        migrations.AlterField(
            model_name="initiative",
            name="image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="institution",
            name="image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="image",
            ),
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="hero_image",
            field=assembly.models.fields.CleanImageField(
                blank=True,
                help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.",
                upload_to=assembly.models.images.image_upload_to,
                validators=[assembly.uploads.ImageUploadValidator()],
                verbose_name="main image",
            ),
        ),
    ]
