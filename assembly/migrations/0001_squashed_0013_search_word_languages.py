"""The content models, regions, editors' groups, search words and PostgreSQL's search columns.

Like every migration, this one does not import the application: the values, functions and SQL
its steps need are copied here. It runs only on an empty database, so no step refills the search
texts of content rows: there are none yet.
"""

import django.db.models.deletion
from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVectorField
from django.db import migrations, models

import assembly.models.fields
import assembly.models.images
import assembly.uploads

LANGUAGES = ("kk", "ru", "en")

# The 17 regions and 3 cities of republican status (as of the 2022 reform): code, kind,
# Kazakh, Russian and English names.
REGIONS = [
    ("astana", "city", "Астана", "Астана", "Astana"),
    ("almaty", "city", "Алматы", "Алматы", "Almaty"),
    ("shymkent", "city", "Шымкент", "Шымкент", "Shymkent"),
    ("abai", "region", "Абай облысы", "Область Абай", "Abai Region"),
    ("akmola", "region", "Ақмола облысы", "Акмолинская область", "Akmola Region"),
    ("aktobe", "region", "Ақтөбе облысы", "Актюбинская область", "Aktobe Region"),
    ("almaty-region", "region", "Алматы облысы", "Алматинская область", "Almaty Region"),
    ("atyrau", "region", "Атырау облысы", "Атырауская область", "Atyrau Region"),
    (
        "west-kazakhstan", "region", "Батыс Қазақстан облысы",
        "Западно-Казахстанская область", "West Kazakhstan Region",
    ),
    ("jambyl", "region", "Жамбыл облысы", "Жамбылская область", "Jambyl Region"),
    ("jetisu", "region", "Жетісу облысы", "Область Жетісу", "Jetisu Region"),
    ("karaganda", "region", "Қарағанды облысы", "Карагандинская область", "Karaganda Region"),
    ("kostanay", "region", "Қостанай облысы", "Костанайская область", "Kostanay Region"),
    ("kyzylorda", "region", "Қызылорда облысы", "Кызылординская область", "Kyzylorda Region"),
    ("mangystau", "region", "Маңғыстау облысы", "Мангистауская область", "Mangystau Region"),
    ("pavlodar", "region", "Павлодар облысы", "Павлодарская область", "Pavlodar Region"),
    (
        "north-kazakhstan", "region", "Солтүстік Қазақстан облысы",
        "Северо-Казахстанская область", "North Kazakhstan Region",
    ),
    ("turkistan", "region", "Түркістан облысы", "Туркестанская область", "Turkistan Region"),
    ("ulytau", "region", "Ұлытау облысы", "Область Ұлытау", "Ulytau Region"),
    (
        "east-kazakhstan", "region", "Шығыс Қазақстан облысы",
        "Восточно-Казахстанская область", "East Kazakhstan Region",
    ),
]


def load_regions(apps, schema_editor):
    Region = apps.get_model("assembly", "Region")
    for position, (code, kind, kk, ru, en) in enumerate(REGIONS):
        Region.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind, "position": position,
                "name": kk, "name_kk": kk, "name_ru": ru, "name_en": en,
            },
        )


EDITORS = "Editors"
TRANSLATORS = "Translators"
CONTENT_MODELS = ("newsitem", "keyfigure", "initiative", "institution", "topic", "region")


def create_groups(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    assembly_perms = Permission.objects.filter(content_type__app_label="assembly")

    editors, _created = Group.objects.get_or_create(name=EDITORS)
    editor_codenames = [
        f"{action}_{model}"
        for model in CONTENT_MODELS
        for action in ("add", "change", "delete", "view")
    ] + ["publish_newsitem"]
    editors.permissions.add(*assembly_perms.filter(codename__in=editor_codenames))
    # Editors see revisions through the admin's history and recover pages.
    editors.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="reversion", codename__in=["view_revision", "view_version"]
        )
    )

    translators, _created = Group.objects.get_or_create(name=TRANSLATORS)
    translator_codenames = [
        f"{action}_{model}" for model in CONTENT_MODELS for action in ("change", "view")
    ]
    translators.permissions.add(*assembly_perms.filter(codename__in=translator_codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, TRANSLATORS]).delete()


def translated(name, field):
    """The field and its copy per language, as django-modeltranslation adds them: nullable."""
    _name, _path, args, kwargs = field.deconstruct()
    copies = [type(field)(*args, **{**kwargs, "null": True}) for _lang in LANGUAGES]
    return [(name, field), *zip([f"{name}_{lang}" for lang in LANGUAGES], copies)]


# Search, as PostgreSQL kept it in the content tables: per language the search text (title, a
# newline, the rest), word vectors that a trigger fills from it, and its folded title line.
SEARCHABLE = {"newsitem": "news", "initiative": "initiative", "institution": "institution"}
FTS_CONFIGS = {"ru": "russian", "en": "english"}
VECTORS = [
    f"vector_{lang}_{kind}"
    for lang in LANGUAGES
    for kind in ("plain", "folded", "stems")
    if kind != "stems" or lang in FTS_CONFIGS
]
LOOKALIKE_FROM, LOOKALIKE_TO = "қғңәөұүһіё", "кгнаоуухие"
LANGUAGE_NAMES = {"en": "English", "kk": "Kazakh", "ru": "Russian"}


def folded(sql):
    return f"translate({sql}, '{LOOKALIKE_FROM}', '{LOOKALIKE_TO}')"


def vector_sql(column):
    _vector, lang, kind = column.split("_")
    text = f"coalesce(NEW.search_{lang}, '')"
    config = FTS_CONFIGS[lang] if kind == "stems" else "simple"
    return f"to_tsvector('{config}'::regconfig, {folded(text) if kind == 'folded' else text})"


def title_sql(lang):
    return folded(f"split_part(coalesce(NEW.search_{lang}, ''), chr(10), 1)")


ASSIGNMENTS = "\n".join(
    [f"    NEW.{column} := {vector_sql(column)};" for column in VECTORS]
    + [f"    NEW.search_title_{lang} := {title_sql(lang)};" for lang in LANGUAGES]
)
# A trigger, so that every writer fills the vectors and titles: save(), bulk_create(), update().
VECTORS_FUNCTION = f"""
CREATE OR REPLACE FUNCTION assembly_search_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{ASSIGNMENTS}
    RETURN NEW;
END
$$
"""
# plpgsql, so that it is never inlined and the planner believes its cost. No index uses it now;
# it stays as the replaced migrations left it.
VECTOR_FUNCTION = f"""
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


def search_fields():
    """A searchable model's search columns, in the order they were added."""
    return [
        *(
            (
                f"search_{lang}",
                models.TextField(
                    blank=True, default="", editable=False, verbose_name=f"search text ({name})"
                ),
            )
            for lang, name in LANGUAGE_NAMES.items()
        ),
        *((column, SearchVectorField(editable=False, null=True)) for column in sorted(VECTORS)),
        *(
            (f"search_title_{lang}", models.TextField(blank=True, default="", editable=False))
            for lang in LANGUAGES
        ),
    ]


def add_search_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(VECTOR_FUNCTION)
    schema_editor.execute(VECTORS_FUNCTION)
    watched = ", ".join(f"search_{lang}" for lang in LANGUAGES)
    for model_name, prefix in SEARCHABLE.items():
        table = apps.get_model("assembly", model_name)._meta.db_table
        schema_editor.execute(
            f"CREATE TRIGGER assembly_search_vectors BEFORE INSERT OR UPDATE OF {watched} "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION assembly_search_vectors()"
        )
        for column in VECTORS:
            # No statistics: for a word in most rows they make the planner read every row's
            # vector instead of the GIN index.
            schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN {column} SET STATISTICS 0")
            schema_editor.execute(f"CREATE INDEX {prefix}_{column} ON {table} USING gin ({column})")
        for lang in LANGUAGES:
            schema_editor.execute(
                f"CREATE INDEX {prefix}_title_{lang}_trgm ON {table} "
                f"USING gin (search_title_{lang} gin_trgm_ops)"
            )
    schema_editor.execute(
        "CREATE INDEX search_word_trgm ON assembly_searchword USING gin (word gin_trgm_ops)"
    )


def remove_search_sql(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # The trigram indexes go first: TrigramExtension's way back drops what they use.
    schema_editor.execute("DROP INDEX IF EXISTS search_word_trgm")
    for model_name, prefix in SEARCHABLE.items():
        table = apps.get_model("assembly", model_name)._meta.db_table
        schema_editor.execute(f"DROP TRIGGER IF EXISTS assembly_search_vectors ON {table}")
        for lang in LANGUAGES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {prefix}_title_{lang}_trgm")
    schema_editor.execute("DROP FUNCTION IF EXISTS assembly_search_vectors()")
    schema_editor.execute(
        "DROP FUNCTION IF EXISTS assembly_search_vector(regconfig, text, boolean)"
    )


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("assembly", "0001_initial"),
        ("assembly", "0002_load_regions"),
        ("assembly", "0003_slug_redirects"),
        ("assembly", "0004_seed_ledger"),
        ("assembly", "0005_editorial_admin"),
        ("assembly", "0006_editor_groups"),
        ("assembly", "0007_search_text"),
        ("assembly", "0008_search_words"),
        ("assembly", "0009_performance_indexes"),
        ("assembly", "0010_search_vector_indexes"),
        ("assembly", "0011_search_vector_columns"),
        ("assembly", "0012_search_titles"),
        ("assembly", "0013_search_word_languages"),
    ]

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
    ]

    operations = [
        migrations.CreateModel(
            name="Region",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=40, unique=True, verbose_name="code")),
                *translated("name", models.CharField(max_length=120, verbose_name="name")),
                ("kind", models.CharField(choices=[("region", "region"), ("city", "city of republican status")], default="region", max_length=10, verbose_name="kind")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("translation_sources", models.JSONField(blank=True, default=dict, editable=False, verbose_name="translation sources")),
            ],
            options={
                "verbose_name": "region",
                "verbose_name_plural": "regions",
                "ordering": ["position", "code"],
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seed_key", models.CharField(blank=True, editable=False, max_length=80, null=True, unique=True, verbose_name="seed key")),
                *translated("name", models.CharField(max_length=120, verbose_name="name")),
                *translated("slug", models.SlugField(blank=True, help_text="Web address part. Left empty, it is made from the name.", max_length=100, null=True, unique=True, verbose_name="slug")),
                *translated("description", models.TextField(blank=True, verbose_name="description")),
                ("translation_sources", models.JSONField(blank=True, default=dict, editable=False, verbose_name="translation sources")),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Institution",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("seed_key", models.CharField(blank=True, editable=False, max_length=80, null=True, unique=True, verbose_name="seed key")),
                *translated("name", models.CharField(max_length=200, verbose_name="name")),
                *translated("slug", models.SlugField(blank=True, help_text="Web address part. Left empty, it is made from the name.", max_length=100, null=True, unique=True, verbose_name="slug")),
                ("kind", models.CharField(choices=[("assembly", "the Assembly"), ("regional_assembly", "regional assembly"), ("district_assembly", "district assembly"), ("friendship_house", "Friendship House"), ("university_department", "university department"), ("council", "council"), ("centre", "centre"), ("club", "club"), ("theatre", "theatre"), ("media", "ethnic newspaper or magazine"), ("association", "association"), ("youth_wing", "youth wing"), ("ethnocultural_association", "ethnocultural association"), ("state_body", "state body"), ("international", "international organization")], db_index=True, max_length=30, verbose_name="kind")),
                ("level", models.CharField(choices=[("republican", "republican"), ("regional", "regional"), ("city", "city"), ("district", "district"), ("international", "international")], db_index=True, max_length=20, verbose_name="level")),
                ("status", models.CharField(choices=[("operating", "operating"), ("under_construction", "under construction")], default="operating", max_length=20, verbose_name="status")),
                ("construction_since", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="under construction since")),
                ("founded_year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="founding year")),
                ("units_count", models.PositiveIntegerField(blank=True, help_text="For a network of bodies, such as all Friendship Houses: how many there are.", null=True, verbose_name="number of units")),
                ("members_count", models.PositiveIntegerField(blank=True, null=True, verbose_name="members")),
                ("experts_count", models.PositiveIntegerField(blank=True, null=True, verbose_name="experts")),
                ("ensembles_count", models.PositiveIntegerField(blank=True, null=True, verbose_name="ensembles")),
                *translated("publication_languages", models.CharField(blank=True, help_text="For newspapers and magazines: the languages they are published in.", max_length=300, verbose_name="languages of publication")),
                ("publication_languages_count", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="number of languages of publication")),
                *translated("address", models.CharField(blank=True, max_length=300, verbose_name="address")),
                ("phone", models.CharField(blank=True, max_length=40, verbose_name="phone")),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                *translated("description", models.TextField(blank=True, verbose_name="description")),
                ("image", models.ImageField(blank=True, help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.", upload_to=assembly.models.images.image_upload_to, validators=[assembly.uploads.ImageUploadValidator()], verbose_name="image")),
                *translated("image_alt", models.CharField(blank=True, max_length=250, verbose_name="image alt text")),
                ("is_published", models.BooleanField(db_index=True, default=True, verbose_name="shown on the site")),
                ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="children", to="assembly.institution", verbose_name="parent institution")),
                ("region", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="institutions", to="assembly.region", verbose_name="region")),
                ("translation_sources", models.JSONField(blank=True, default=dict, editable=False, verbose_name="translation sources")),
                *search_fields(),
            ],
            options={
                "verbose_name": "institution",
                "verbose_name_plural": "institutions",
                "ordering": ["kind", "name"],
                "indexes": [
                    models.Index(fields=["is_published", "kind"], name="institution_pub_kind_idx"),
                    models.Index(fields=["is_published", "level"], name="institution_pub_level_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("founded_year__isnull", True), ("founded_year__gte", 1800), _connector="OR"), name="institution_founded_year_plausible"),
                    models.CheckConstraint(condition=models.Q(("status", "under_construction"), ("construction_since__isnull", True), _connector="OR"), name="institution_construction_since_only_when_building"),
                ],
            },
        ),
        migrations.CreateModel(
            name="Initiative",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("seed_key", models.CharField(blank=True, editable=False, max_length=80, null=True, unique=True, verbose_name="seed key")),
                *translated("name", models.CharField(max_length=200, verbose_name="name")),
                *translated("slug", models.SlugField(blank=True, help_text="Web address part. Left empty, it is made from the name.", max_length=100, null=True, unique=True, verbose_name="slug")),
                *translated("summary", models.CharField(blank=True, max_length=300, verbose_name="summary")),
                *translated("description", models.TextField(blank=True, verbose_name="description")),
                ("kind", models.CharField(choices=[("youth", "youth"), ("family_values", "family values"), ("leadership_school", "leadership school"), ("peoples_diplomacy", "people's diplomacy"), ("science", "science"), ("culture", "culture"), ("charity", "charity"), ("education", "education"), ("civic_engagement", "civic engagement"), ("commemoration", "commemoration")], db_index=True, max_length=30, verbose_name="kind")),
                ("start_year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="start year")),
                ("participants_count", models.PositiveIntegerField(blank=True, null=True, verbose_name="participants")),
                ("image", models.ImageField(blank=True, help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.", upload_to=assembly.models.images.image_upload_to, validators=[assembly.uploads.ImageUploadValidator()], verbose_name="image")),
                *translated("image_alt", models.CharField(blank=True, max_length=250, verbose_name="image alt text")),
                ("website", models.URLField(blank=True, verbose_name="website")),
                ("status", models.CharField(choices=[("active", "active"), ("completed", "completed")], default="active", max_length=20, verbose_name="status")),
                ("is_published", models.BooleanField(db_index=True, default=True, verbose_name="shown on the site")),
                ("organizer", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="initiatives", to="assembly.institution", verbose_name="organizing institution")),
                ("translation_sources", models.JSONField(blank=True, default=dict, editable=False, verbose_name="translation sources")),
                *search_fields(),
            ],
            options={
                "verbose_name": "initiative",
                "verbose_name_plural": "initiatives",
                "ordering": ["name"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("start_year__isnull", True), ("start_year__gte", 1990), _connector="OR"), name="initiative_start_year_plausible"),
                ],
            },
        ),
        migrations.CreateModel(
            name="NewsItem",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("seed_key", models.CharField(blank=True, editable=False, max_length=80, null=True, unique=True, verbose_name="seed key")),
                *translated("title", models.CharField(max_length=250, verbose_name="title")),
                *translated("slug", models.SlugField(blank=True, help_text="Web address part. Left empty, it is made from the title.", max_length=100, null=True, unique=True, verbose_name="slug")),
                *translated("lead", models.TextField(help_text="One or two sentences shown under the title.", verbose_name="lead")),
                *translated("body", assembly.models.fields.SanitizedHTMLField(verbose_name="body")),
                ("hero_image", models.ImageField(blank=True, help_text="JPEG, PNG or WebP, at most 20 MB and 40 megapixels.", upload_to=assembly.models.images.image_upload_to, validators=[assembly.uploads.ImageUploadValidator()], verbose_name="main image")),
                *translated("hero_alt", models.CharField(blank=True, help_text="What the image shows, for readers who cannot see it.", max_length=250, verbose_name="image alt text")),
                *translated("hero_caption", models.CharField(blank=True, max_length=300, verbose_name="image caption")),
                *translated("hero_credit", models.CharField(blank=True, max_length=150, verbose_name="image credit")),
                ("source_name", models.CharField(blank=True, help_text="For items based on an agency report, such as Kazinform.", max_length=100, verbose_name="source agency")),
                ("source_url", models.URLField(blank=True, max_length=500, verbose_name="original URL")),
                ("source_date", models.DateField(blank=True, null=True, verbose_name="original date")),
                *translated("dateline", models.CharField(blank=True, max_length=80, verbose_name="dateline city")),
                ("status", models.CharField(choices=[("draft", "draft"), ("scheduled", "scheduled"), ("published", "published"), ("unpublished", "unpublished")], db_index=True, default="draft", max_length=12, verbose_name="status")),
                ("published_at", models.DateTimeField(blank=True, db_index=True, help_text="For a scheduled item, the time it goes live by itself.", null=True, verbose_name="publication time")),
                ("featured", models.BooleanField(db_index=True, default=False, verbose_name="featured")),
                ("initiatives", models.ManyToManyField(blank=True, related_name="news_items", to="assembly.initiative", verbose_name="related initiatives")),
                ("institutions", models.ManyToManyField(blank=True, related_name="news_items", to="assembly.institution", verbose_name="related institutions")),
                ("region", models.ForeignKey(blank=True, help_text="Leave empty for national news.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="lead_news_items", to="assembly.region", verbose_name="main region")),
                ("regions", models.ManyToManyField(blank=True, related_name="news_items", to="assembly.region", verbose_name="regions mentioned")),
                ("topics", models.ManyToManyField(blank=True, related_name="news_items", to="assembly.topic", verbose_name="topics")),
                ("translation_sources", models.JSONField(blank=True, default=dict, editable=False, verbose_name="translation sources")),
                *search_fields(),
            ],
            options={
                "verbose_name": "news item",
                "verbose_name_plural": "news items",
                "ordering": ["-published_at", "-id"],
                "get_latest_by": "published_at",
                "permissions": [("publish_newsitem", "Can publish news items")],
                "indexes": [
                    models.Index(fields=["status", "published_at"], name="news_status_pub_idx"),
                    models.Index(fields=["-published_at", "-id"], name="news_pub_order_idx"),
                    models.Index(fields=["featured", "-published_at"], name="news_featured_pub_idx"),
                    models.Index(condition=models.Q(("title_kk__gt", ""), ("lead_kk__gt", ""), ("body_kk__gt", "")), fields=["-published_at", "-id", "status", "featured"], name="news_public_kk_idx"),
                    models.Index(condition=models.Q(("title_ru__gt", ""), ("lead_ru__gt", ""), ("body_ru__gt", "")), fields=["-published_at", "-id", "status", "featured"], name="news_public_ru_idx"),
                    models.Index(condition=models.Q(("title_en__gt", ""), ("lead_en__gt", ""), ("body_en__gt", "")), fields=["-published_at", "-id", "status", "featured"], name="news_public_en_idx"),
                ],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("status__in", ["draft", "unpublished"]), ("published_at__isnull", False), _connector="OR"), name="news_public_needs_published_at"),
                ],
            },
        ),
        migrations.CreateModel(
            name="KeyFigure",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("value", models.DecimalField(decimal_places=2, max_digits=14, verbose_name="value")),
                *translated("unit", models.CharField(blank=True, max_length=60, verbose_name="unit")),
                ("qualifier", models.CharField(choices=[("exact", "exactly"), ("more_than", "more than"), ("about", "about")], default="exact", max_length=12, verbose_name="qualifier")),
                *translated("label", models.CharField(max_length=250, verbose_name="label")),
                ("year", models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="year")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
                ("seed_key", models.CharField(blank=True, editable=False, max_length=80, null=True, unique=True, verbose_name="seed key")),
                ("initiative", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="key_figures", to="assembly.initiative", verbose_name="initiative")),
                ("institution", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="key_figures", to="assembly.institution", verbose_name="institution")),
                ("news_item", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="key_figures", to="assembly.newsitem", verbose_name="source news item")),
            ],
            options={
                "verbose_name": "key figure",
                "verbose_name_plural": "key figures",
                "ordering": ["news_item", "position", "id"],
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("value__gte", 0)), name="key_figure_value_positive"),
                ],
            },
        ),
        migrations.CreateModel(
            name="SlugRedirect",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("model_label", models.CharField(max_length=60, verbose_name="model")),
                ("language", models.CharField(max_length=8, verbose_name="language")),
                ("old_slug", models.SlugField(max_length=100, verbose_name="old slug")),
                ("object_id", models.PositiveBigIntegerField(verbose_name="object id")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
            ],
            options={
                "verbose_name": "old address",
                "verbose_name_plural": "old addresses",
                "constraints": [models.UniqueConstraint(fields=("model_label", "language", "old_slug"), name="slug_redirect_unique")],
            },
        ),
        migrations.CreateModel(
            name="SeedRecord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=120, unique=True, verbose_name="seed key")),
                ("loaded_at", models.DateTimeField(auto_now_add=True, verbose_name="loaded")),
            ],
            options={
                "verbose_name": "loaded seed record",
                "verbose_name_plural": "loaded seed records",
            },
        ),
        # On the way back the rows go with their table (deleting them first, in the same
        # transaction, would leave PostgreSQL's deferred foreign key checks pending).
        migrations.RunPython(load_regions, migrations.RunPython.noop),
        # Before SearchWord, as in the replaced migrations, so that permissions keep their ids.
        migrations.RunPython(create_groups, remove_groups),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("word", models.CharField(max_length=60, verbose_name="word")),
                ("lang", models.CharField(max_length=2, verbose_name="language")),
            ],
            options={
                "verbose_name": "search word",
                "verbose_name_plural": "search words",
                "constraints": [models.UniqueConstraint(fields=("lang", "word"), name="search_word_lang_word_unique")],
            },
        ),
        TrigramExtension(),
        migrations.RunPython(add_search_sql, remove_search_sql),
    ]
