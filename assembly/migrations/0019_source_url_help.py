from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0018_second_factor"),
    ]

    operations = [
        migrations.AlterField(
            model_name="newsitem",
            name="source_url",
            field=models.URLField(
                blank=True,
                help_text=(
                    "The exact address of the agency's report. Readers get a link to the "
                    "original only with this address; the agency's home page is not linked as "
                    "the original."
                ),
                max_length=500,
                verbose_name="original URL",
            ),
        ),
    ]
