# Partial indexes with the whole "written in" condition (models/lookups.py), and no index on
# published_at alone: SQLite then answers list counts from the partial index alone.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0014_squashed_0023_admin_language_choices"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="newsitem",
            name="news_public_kk_idx",
        ),
        migrations.RemoveIndex(
            model_name="newsitem",
            name="news_public_ru_idx",
        ),
        migrations.RemoveIndex(
            model_name="newsitem",
            name="news_public_en_idx",
        ),
        migrations.AlterField(
            model_name="newsitem",
            name="published_at",
            field=models.DateTimeField(
                blank=True,
                help_text="For a scheduled item, the time it goes live by itself.",
                null=True,
                verbose_name="publication time",
            ),
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                condition=models.Q(
                    ("title_kk__filled", True), ("lead_kk__filled", True), ("body_kk__filled", True)
                ),
                fields=["-published_at", "-id", "status", "featured"],
                name="news_public_kk_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                condition=models.Q(
                    ("title_ru__filled", True), ("lead_ru__filled", True), ("body_ru__filled", True)
                ),
                fields=["-published_at", "-id", "status", "featured"],
                name="news_public_ru_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="newsitem",
            index=models.Index(
                condition=models.Q(
                    ("title_en__filled", True), ("lead_en__filled", True), ("body_en__filled", True)
                ),
                fields=["-published_at", "-id", "status", "featured"],
                name="news_public_en_idx",
            ),
        ),
    ]
