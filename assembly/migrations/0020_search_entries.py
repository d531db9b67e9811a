"""Search moves to its own table: one entry per object and language.

Fills the entries from the content tables' search texts, then drops those columns, their
trigger and indexes. Everything it needs is copied here, so later changes to search leave
it alone.
"""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
SEARCH_LANGUAGES = ("kk", "ru", "en")
TITLE_END = "\n"
BATCH = 500
OLD_VECTORS = [
    f"vector_{lang}_{kind}"
    for lang in SEARCH_LANGUAGES
    for kind in ("plain", "folded", "stems")
    if kind != "stems" or lang != "kk"
]
OLD_COLUMNS = [
    *(f"search_{lang}" for lang in SEARCH_LANGUAGES),
    *(f"search_title_{lang}" for lang in SEARCH_LANGUAGES),
    *OLD_VECTORS,
]

# The entries' word vectors and folded title, kept by a trigger so that every writer fills
# them. Stems only for the languages PostgreSQL stems; others keep NULL.
CREATE_ENTRY_FUNCTION = """
CREATE OR REPLACE FUNCTION assembly_search_entry() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    whole text := coalesce(NEW.title, '') || ' ' || coalesce(NEW.body, '');
BEGIN
    NEW.vector_plain := to_tsvector('simple'::regconfig, whole);
    NEW.vector_folded := to_tsvector(
        'simple'::regconfig, translate(whole, 'қғңәөұүһіё', 'кгнаоуухие')
    );
    NEW.vector_stems := CASE NEW.lang
        WHEN 'ru' THEN to_tsvector('russian'::regconfig, whole)
        WHEN 'en' THEN to_tsvector('english'::regconfig, whole)
    END;
    NEW.title_folded := translate(coalesce(NEW.title, ''), 'қғңәөұүһіё', 'кгнаоуухие');
    RETURN NEW;
END
$$
"""
ENTRY_TRIGGER = (
    "CREATE TRIGGER assembly_search_entry BEFORE INSERT OR UPDATE OF title, body, lang "
    "ON assembly_searchentry FOR EACH ROW EXECUTE FUNCTION assembly_search_entry()"
)
ENTRY_INDEXES = [
    "CREATE INDEX search_entry_plain ON assembly_searchentry USING gin (vector_plain)",
    "CREATE INDEX search_entry_folded ON assembly_searchentry USING gin (vector_folded)",
    "CREATE INDEX search_entry_stems ON assembly_searchentry USING gin (vector_stems)",
    "CREATE INDEX search_entry_title_trgm ON assembly_searchentry "
    "USING gin (title_folded gin_trgm_ops)",
]

# The content tables' trigger function as migration 0012 left it, for the way back.
OLD_FUNCTION = r"""
CREATE OR REPLACE FUNCTION assembly_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.vector_kk_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_kk, ''));
    NEW.vector_kk_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_kk, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_ru_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_ru, ''));
    NEW.vector_ru_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_ru, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_ru_stems := to_tsvector('russian'::regconfig, coalesce(NEW.search_ru, ''));
    NEW.vector_en_plain := to_tsvector('simple'::regconfig, coalesce(NEW.search_en, ''));
    NEW.vector_en_folded := to_tsvector('simple'::regconfig, translate(coalesce(NEW.search_en, ''), 'қғңәөұүһіё', 'кгнаоуухие'));
    NEW.vector_en_stems := to_tsvector('english'::regconfig, coalesce(NEW.search_en, ''));
    NEW.search_title_kk := translate(split_part(coalesce(NEW.search_kk, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    NEW.search_title_ru := translate(split_part(coalesce(NEW.search_ru, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    NEW.search_title_en := translate(split_part(coalesce(NEW.search_en, ''), chr(10), 1), 'қғңәөұүһіё', 'кгнаоуухие');
    RETURN NEW;
END
$$
"""


def add_entry_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_ENTRY_FUNCTION)
    schema_editor.execute(ENTRY_TRIGGER)
    for column in ("vector_plain", "vector_folded", "vector_stems"):
        # No statistics: for a word in most rows they make the planner read every row's
        # vector instead of the GIN index, several times slower.
        schema_editor.execute(
            f"ALTER TABLE assembly_searchentry ALTER COLUMN {column} SET STATISTICS 0"
        )
    for statement in ENTRY_INDEXES:
        schema_editor.execute(statement)


def remove_entry_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS assembly_search_entry ON assembly_searchentry")
    schema_editor.execute("DROP FUNCTION IF EXISTS assembly_search_entry()")


def fill_entries(apps, schema_editor):
    """One entry per object and language, from the content tables' search texts."""
    alias = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    SearchEntry = apps.get_model("assembly", "SearchEntry")
    for model_name in SEARCHABLE:
        model = apps.get_model("assembly", model_name)
        content_type, _created = ContentType.objects.using(alias).get_or_create(
            app_label="assembly", model=model_name
        )
        columns = [f"search_{lang}" for lang in SEARCH_LANGUAGES]
        rows = model._base_manager.using(alias).order_by("pk").values_list("pk", *columns)
        entries = []
        for pk, *texts in rows.iterator(chunk_size=BATCH):
            for lang, text in zip(SEARCH_LANGUAGES, texts, strict=True):
                title, _end, body = (text or "").partition(TITLE_END)
                entries.append(
                    SearchEntry(
                        content_type=content_type, object_id=pk, lang=lang, title=title, body=body
                    )
                )
            if len(entries) >= BATCH:
                SearchEntry.objects.using(alias).bulk_create(entries)
                entries = []
        SearchEntry.objects.using(alias).bulk_create(entries)


def fill_columns(apps, schema_editor):
    """Back: the content tables' search texts from the entries."""
    alias = schema_editor.connection.alias
    SearchEntry = apps.get_model("assembly", "SearchEntry")
    for model_name in SEARCHABLE:
        model = apps.get_model("assembly", model_name)
        texts = {}
        entries = SearchEntry.objects.using(alias).filter(
            content_type__app_label="assembly", content_type__model=model_name
        )
        for object_id, lang, title, body in entries.values_list(
            "object_id", "lang", "title", "body"
        ).iterator(chunk_size=BATCH):
            if lang in SEARCH_LANGUAGES:
                texts.setdefault(object_id, {})[f"search_{lang}"] = f"{title}{TITLE_END}{body}"
        rows = list(model._base_manager.using(alias).filter(pk__in=list(texts)))
        for row in rows:
            for name, value in texts[row.pk].items():
                setattr(row, name, value)
        model._base_manager.using(alias).bulk_update(
            rows, [f"search_{lang}" for lang in SEARCH_LANGUAGES], batch_size=BATCH
        )


def drop_old_sql(apps, schema_editor):
    # The indexes on the old columns go with them.
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name in SEARCHABLE:
        table = schema_editor.quote_name(apps.get_model("assembly", model_name)._meta.db_table)
        schema_editor.execute(f"DROP TRIGGER IF EXISTS assembly_search_vectors ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS assembly_search_vectors()")


def restore_old_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    schema_editor.execute(OLD_FUNCTION)
    watched = ", ".join(f"search_{lang}" for lang in SEARCH_LANGUAGES)
    for model_name, prefix in SEARCHABLE.items():
        table = quote(apps.get_model("assembly", model_name)._meta.db_table)
        schema_editor.execute(
            f"CREATE TRIGGER assembly_search_vectors BEFORE INSERT OR UPDATE OF {watched} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION assembly_search_vectors()"
        )
        for column in OLD_VECTORS:
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 0")
            schema_editor.execute(
                f"CREATE INDEX {quote(f'{prefix}_{column}')} ON {table} USING gin ({column})"
            )
        for lang in SEARCH_LANGUAGES:
            name = quote(f"{prefix}_title_{lang}_trgm")
            schema_editor.execute(
                f"CREATE INDEX {name} ON {table} USING gin (search_title_{lang} gin_trgm_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0019_source_url_help"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("object_id", models.BigIntegerField()),
                ("lang", models.CharField(max_length=10, verbose_name="language")),
                ("title", models.TextField(blank=True, default="", verbose_name="title")),
                ("body", models.TextField(blank=True, default="", verbose_name="body")),
                (
                    "vector_plain",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "vector_folded",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                (
                    "vector_stems",
                    django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
                ),
                ("title_folded", models.TextField(blank=True, default="", editable=False)),
                (
                    "content_type",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="contenttypes.contenttype",
                    ),
                ),
            ],
            options={
                "verbose_name": "search entry",
                "verbose_name_plural": "search entries",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("object_id", "content_type", "lang"), name="search_entry_unique"
                    )
                ],
            },
        ),
        migrations.RunPython(add_entry_sql, remove_entry_sql),
        migrations.RunPython(fill_entries, fill_columns),
        migrations.RunPython(drop_old_sql, restore_old_sql),
        *(
            migrations.RemoveField(model_name=model_name, name=column)
            for model_name in SEARCHABLE
            for column in OLD_COLUMNS
        ),
    ]
