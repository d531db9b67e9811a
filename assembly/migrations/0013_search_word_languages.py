from django.db import migrations, models

SEARCHABLE = ("newsitem", "initiative", "institution")
SEARCH_LANGUAGES = ("kk", "ru", "en")
# The vocabulary's words as they were defined when this migration was written (copied, so
# that later changes to search leave history alone).
LOOKALIKES = str.maketrans("қғңәөұүһіё", "кгнаоуухие")
MIN_WORD, MAX_WORD = 3, 60


def fold(text):
    lowered = text.lower()
    if len(lowered) != len(text) or "Σ" in text:
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(LOOKALIKES)


def search_words(texts):
    words = set()
    for text in texts:
        words.update(fold(text).split())
    return {w for w in words if MIN_WORD <= len(w) <= MAX_WORD and not w.isdigit()}


def words_per_language(apps, schema_editor):
    """The vocabulary again, per language: the words of each language's search texts."""
    alias = schema_editor.connection.alias
    SearchWord = apps.get_model("assembly", "SearchWord")
    SearchWord.objects.using(alias).all().delete()
    for lang in SEARCH_LANGUAGES:
        words = set()
        for model_name in SEARCHABLE:
            model = apps.get_model("assembly", model_name)
            texts = model._base_manager.using(alias).values_list(f"search_{lang}", flat=True)
            words |= search_words(texts.iterator(chunk_size=500))
        SearchWord.objects.using(alias).bulk_create(
            [SearchWord(lang=lang, word=word) for word in sorted(words)], batch_size=500
        )


def one_word_once(apps, schema_editor):
    # Back to one shared vocabulary: keep each word once.
    SearchWord = apps.get_model("assembly", "SearchWord")
    words = SearchWord.objects.using(schema_editor.connection.alias)
    seen, duplicates = set(), []
    for pk, word in words.order_by("pk").values_list("pk", "word").iterator():
        if word in seen:
            duplicates.append(pk)
        seen.add(word)
    words.filter(pk__in=duplicates).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assembly", "0012_search_titles"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchword",
            name="lang",
            field=models.CharField(default="kk", max_length=2, verbose_name="language"),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="searchword",
            name="word",
            field=models.CharField(max_length=MAX_WORD, verbose_name="word"),
        ),
        migrations.RunPython(words_per_language, one_word_once),
        migrations.AddConstraint(
            model_name="searchword",
            constraint=models.UniqueConstraint(
                fields=("lang", "word"), name="search_word_lang_word_unique"
            ),
        ),
    ]
