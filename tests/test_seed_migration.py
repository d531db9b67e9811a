"""The migration's seed step corrects databases seeded from the earlier records, and only what
is unedited.

The database is seeded, then put back to what the earlier seed stored (the "seeded" side of
each change the migration lists); the step's function then runs on it.
"""

import ast
import functools
import hashlib
import importlib
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from assembly.models import Initiative, Institution, KeyFigure, NewsItem, Region, SlugRedirect
from tests.test_migrations_stand_alone import FIELD_REFERENCE_MODULES

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("assembly.migrations.0014_squashed_0023_admin_language_choices")
MODELS = {"institution": Institution, "initiative": Initiative, "keyfigure": KeyFigure}


def seeded_row(model_name, key):
    # Without modeltranslation's rewriting, "name" is the untranslated column, not name_<lang>.
    return MODELS[model_name].objects.rewrite(False).filter(seed_key=key)


@pytest.fixture
def earlier_seed(seeded):
    """The database as the seed loader of the earlier main left it."""
    for (model_name, key), changes in MIGRATION.SEED_CHANGES.items():
        values = {}
        for field, (seeded_value, _corrected) in changes.items():
            if field == "parent":
                values["parent"] = Institution.objects.get(seed_key=seeded_value)
                continue
            values[field] = seeded_value
            if field.endswith("_kk"):
                values[field[:-3]] = seeded_value
        seeded_row(model_name, key).update(**values)
    for (_model, key), slugs in MIGRATION.SLUG_CHANGES.items():
        values = {f"slug_{lang}": old for lang, (old, _new) in slugs.items()}
        if "kk" in slugs:
            values["slug"] = slugs["kk"][0]
        seeded_row("institution", key).update(**values)
    item = NewsItem.objects.filter(seed_key=MIGRATION.ARTICLE_KEY)
    texts = item.values(*MIGRATION.ARTICLE_CHANGES).get()
    for field, (_hash, wordings) in MIGRATION.ARTICLE_CHANGES.items():
        for earlier, corrected in wordings:
            texts[field] = texts[field].replace(corrected, earlier)
    item.update(**texts)
    Region.objects.filter(code="abai").update(name_ru="Абайская область")
    return texts


def stored(obj, field):
    if field == "parent":
        return obj.parent.seed_key if obj.parent else None
    return getattr(obj, field)


@functools.cache
def models_before_the_migration():
    """The models as the seed step sees them: after the migration's steps before it."""
    state = MigrationLoader(connection).project_state(MIGRATION.Migration.dependencies[0])
    for operation in MIGRATION.Migration.operations:
        if getattr(operation, "code", None) is MIGRATION.correct_seed_facts:
            return state.apps
        operation.state_forwards("assembly", state)
    raise AssertionError("the migration has no seed step")


def run_migration():
    MIGRATION.correct_seed_facts(models_before_the_migration(), None)


def test_the_earlier_article_text_is_recognised_as_seeded(earlier_seed):
    for field, (seeded_hash, _wordings) in MIGRATION.ARTICLE_CHANGES.items():
        assert hashlib.sha256(earlier_seed[field].encode()).hexdigest() == seeded_hash, field


def test_migration_corrects_a_database_seeded_from_the_earlier_records(client, earlier_seed):
    run_migration()

    for (model_name, key), changes in MIGRATION.SEED_CHANGES.items():
        obj = seeded_row(model_name, key).get()
        for field, (_seeded, corrected) in changes.items():
            stored = (
                obj.parent.seed_key if field == "parent" and obj.parent else getattr(obj, field)
            )
            assert stored == corrected, (key, field)
    item = NewsItem.objects.get(seed_key=MIGRATION.ARTICLE_KEY)
    assert "2025 sociological survey" in item.lead_en
    assert "области Абай началось строительство" in item.body_ru
    assert "Assembly Jastary" not in item.body_en
    assert Region.objects.get(code="abai").name_ru == "Область Абай"
    ethnocultural = Institution.objects.get(seed_key="ethnocultural-associations")
    assert "более 1000" in client.get(f"/ru/institutions/{ethnocultural.slug_ru}/").content.decode()


def test_old_addresses_of_renamed_records_lead_to_the_new_ones(client, earlier_seed):
    run_migration()

    response = client.get("/en/institutions/new-friendship-house-in-abai-region/")

    assert response.status_code == 301
    assert response["Location"].endswith("/en/institutions/new-facilities-in-abai-region/")
    assert SlugRedirect.objects.filter(old_slug="qyzylorda-oblysyndagy-jana-dostyq-uii").exists()


def test_migration_leaves_a_record_an_editor_changed_and_says_so(earlier_seed, capsys, caplog):
    Institution.objects.filter(seed_key="friendship-house-abai").update(
        name_en="Abai Friendship House, as the editor knows it"
    )

    run_migration()

    abai = Institution.objects.get(seed_key="friendship-house-abai")
    assert abai.name_en == "Abai Friendship House, as the editor knows it"
    assert abai.kind == Institution.Kind.FRIENDSHIP_HOUSE  # the whole record is left
    assert abai.slug_en == "new-friendship-house-in-abai-region"
    atyrau = Institution.objects.get(seed_key="friendship-house-atyrau")
    assert atyrau.name_en == "New facilities in Atyrau Region"
    assert "institution friendship-house-abai (name_en)" in capsys.readouterr().out
    assert "friendship-house-abai" in caplog.text
    assert "friendship-house-atyrau" not in caplog.text


def test_migration_leaves_an_edited_article_text_and_region_name(earlier_seed, capsys):
    item = NewsItem.objects.filter(seed_key=MIGRATION.ARTICLE_KEY)
    edited = earlier_seed["body_ru"] + "<p>Дополнение редактора.</p>"
    item.update(body_ru=edited)
    Region.objects.filter(code="abai").update(name_ru="Абай (правка редактора)")

    run_migration()

    assert item.get().body_ru == edited
    assert "2025 sociological survey" in item.get().lead_en
    assert Region.objects.get(code="abai").name_ru == "Абай (правка редактора)"
    out = capsys.readouterr().out
    assert f"newsitem {MIGRATION.ARTICLE_KEY} (body_ru)" in out
    assert "region abai (name_ru)" in out


def test_a_count_an_editor_changed_keeps_its_number_and_qualifier(earlier_seed):
    Institution.objects.filter(seed_key="journalists-club").update(members_count=520)

    run_migration()

    club = Institution.objects.get(seed_key="journalists-club")
    assert (club.members_count, club.members_qualifier) == (520, "exact")


def test_migrating_twice_changes_nothing_more(earlier_seed, capsys):
    run_migration()
    capsys.readouterr()

    run_migration()

    assert capsys.readouterr().out == ""
    assert SlugRedirect.objects.filter(old_slug="new-facilities-in-abai-region").count() == 0


def test_a_fresh_database_gets_the_corrected_values_from_the_seed(seeded, capsys):
    run_migration()

    assert capsys.readouterr().out == ""
    for (model_name, key), changes in MIGRATION.SEED_CHANGES.items():
        obj = seeded_row(model_name, key).get()
        for field, (_seeded, corrected) in changes.items():
            stored = (
                obj.parent.seed_key if field == "parent" and obj.parent else getattr(obj, field)
            )
            assert stored == corrected, (key, field)
    for (_model, key), slugs in MIGRATION.SLUG_CHANGES.items():
        obj = Institution.objects.get(seed_key=key)
        assert {lang: getattr(obj, f"slug_{lang}") for lang in slugs} == {
            lang: new for lang, (_old, new) in slugs.items()
        }


def test_the_migration_does_not_import_the_application():
    tree = ast.parse(Path(MIGRATION.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module or "")

    # Beside the field definitions' references, as Django writes them.
    others = {name.split(".")[0] for name in imported - FIELD_REFERENCE_MODULES}
    assert others == {"django", "hashlib", "logging"}
