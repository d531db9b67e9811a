import importlib

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations, models
from django.db.models import F

from assembly.search.text import LOOKALIKE_FROM, LOOKALIKE_TO, SEARCH_LANGUAGES, TITLE_END

SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
# 0011's trigger function, which this one extends and which comes back on the way down.
EARLIER = importlib.import_module("assembly.migrations.0011_search_vector_columns")


def title_sql(lang, row):
    """The title line of ``row``'s search text in ``lang``, folded: what ranking checks."""
    line = f"split_part(coalesce({row}.search_{lang}, ''), chr({ord(TITLE_END)}), 1)"
    return f"translate({line}, '{LOOKALIKE_FROM}', '{LOOKALIKE_TO}')"


TITLE_ASSIGNMENTS = "\n".join(
    f"    NEW.search_title_{lang} := {title_sql(lang, 'NEW')};" for lang in SEARCH_LANGUAGES
)
# The same trigger fills the titles, so every writer keeps them: save(), bulk_create(), update().
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION assembly_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{EARLIER.ASSIGNMENTS}
{TITLE_ASSIGNMENTS}
    RETURN NEW;
END
$$
"""


def title_indexes():
    # Trigram indexes: ranking asks which titles contain the query (LIKE '%…%').
    for model_name, prefix in SEARCHABLE.items():
        for lang in SEARCH_LANGUAGES:
            column = OpClass(F(f"search_title_{lang}"), name="gin_trgm_ops")
            yield model_name, GinIndex(column, name=f"{prefix}_title_{lang}_trgm")


def add_titles(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION)
    assignments = ", ".join(
        f"search_title_{lang} = {title_sql(lang, 'item')}" for lang in SEARCH_LANGUAGES
    )
    for model_name in SEARCHABLE:
        table = schema_editor.quote_name(apps.get_model("assembly", model_name)._meta.db_table)
        # Sets the titles only, so the trigger (on the search texts) leaves the vectors be.
        schema_editor.execute(f"UPDATE {table} AS item SET {assignments}")
    for model_name, index in title_indexes():
        schema_editor.add_index(apps.get_model("assembly", model_name), index)


def remove_titles(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, index in title_indexes():
        schema_editor.remove_index(apps.get_model("assembly", model_name), index)
    schema_editor.execute(EARLIER.CREATE_FUNCTION)


def title_field():
    return models.TextField(blank=True, default="", editable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0011_search_vector_columns"),
    ]

    operations = [
        *(
            migrations.AddField(
                model_name=model_name, name=f"search_title_{lang}", field=title_field()
            )
            for model_name in SEARCHABLE
            for lang in SEARCH_LANGUAGES
        ),
        migrations.RunPython(add_titles, remove_titles),
    ]
