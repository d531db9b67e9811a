from django.db import migrations

SEARCH_LANGUAGES = ("kk", "ru", "en")
FTS_CONFIGS = {"ru": "russian", "en": "english"}
LOOKALIKE_FROM, LOOKALIKE_TO = "қғңәөұүһіё", "кгнаоуухие"
SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
# Trigram indexes on the long texts from an earlier 0007: too slow to query and to keep up.
DROPPED = [
    f"{prefix}_search_{lang}_{kind}"
    for prefix in SEARCHABLE.values()
    for lang in SEARCH_LANGUAGES
    for kind in ("trgm", "fts")
]

# plpgsql, so that it is never inlined and the planner believes its cost: computing a vector
# per row takes milliseconds, and only a high cost makes the planner use the GIN indexes.
CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION assembly_search_vector(config regconfig, body text, folded boolean)
RETURNS tsvector LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    IF folded THEN
        body := translate(body, '{LOOKALIKE_FROM}', '{LOOKALIKE_TO}');
    END IF;
    RETURN to_tsvector(config, body);
END
$$
"""
DROP_FUNCTION = "DROP FUNCTION IF EXISTS assembly_search_vector(regconfig, text, boolean)"


def search_indexes():
    """(model name, index name, config, folded): the expression indexes of this migration."""
    for model_name, prefix in SEARCHABLE.items():
        for lang in SEARCH_LANGUAGES:
            yield model_name, f"{prefix}_{lang}_folded", "simple", lang, True
            yield model_name, f"{prefix}_{lang}_plain", "simple", lang, False
            if lang in FTS_CONFIGS:
                yield model_name, f"{prefix}_{lang}_stems", FTS_CONFIGS[lang], lang, False


def add_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name in DROPPED:
        schema_editor.execute(f"DROP INDEX IF EXISTS {quote(name)}")
    schema_editor.execute(CREATE_FUNCTION)
    for model_name, name, config, lang, folded in search_indexes():
        table = quote(apps.get_model("assembly", model_name)._meta.db_table)
        vector = f"assembly_search_vector('{config}'::regconfig, search_{lang}, {folded})"
        schema_editor.execute(f"CREATE INDEX {quote(name)} ON {table} USING gin ({vector})")


def remove_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _model_name, name, *_rest in search_indexes():
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")
    schema_editor.execute(DROP_FUNCTION)


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0008_search_words"),
        ("assembly", "0009_performance_indexes"),
    ]

    operations = [
        migrations.RunPython(add_search_indexes, remove_search_indexes),
    ]
