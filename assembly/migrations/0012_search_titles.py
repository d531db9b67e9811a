from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import migrations, models
from django.db.models import F

SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
SEARCH_LANGUAGES = ("kk", "ru", "en")
LOOKALIKE_FROM, LOOKALIKE_TO = "қғңәөұүһіё", "кгнаоуухие"
TITLE_END = "\n"
FTS_CONFIGS = {"ru": "russian", "en": "english"}
# 0011's word vectors, copied: this trigger function extends 0011's.
VECTOR_KINDS = [
    (lang, kind)
    for lang in SEARCH_LANGUAGES
    for kind in ("plain", "folded", "stems")
    if kind != "stems" or lang in FTS_CONFIGS
]


def vector_sql(lang, kind):
    body = f"coalesce(NEW.search_{lang}, '')"
    if kind == "folded":
        body = f"translate({body}, '{LOOKALIKE_FROM}', '{LOOKALIKE_TO}')"
    config = FTS_CONFIGS[lang] if kind == "stems" else "simple"
    return f"to_tsvector('{config}'::regconfig, {body})"


VECTOR_ASSIGNMENTS = "\n".join(
    f"    NEW.vector_{lang}_{kind} := {vector_sql(lang, kind)};" for lang, kind in VECTOR_KINDS
)
# 0011's trigger function, which comes back on the way down.
EARLIER_FUNCTION = f"""
CREATE OR REPLACE FUNCTION assembly_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{VECTOR_ASSIGNMENTS}
    RETURN NEW;
END
$$
"""


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
{VECTOR_ASSIGNMENTS}
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
    schema_editor.execute(EARLIER_FUNCTION)


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
