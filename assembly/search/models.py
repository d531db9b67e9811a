from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from .text import (
    HEAVY_FIELD_NAMES,
    MAX_WORD,
    SEARCH_FIELD_NAMES,
    SEARCH_LANGUAGES,
    search_fields_for,
    search_words,
    touches_searched_fields,
)

PUBLIC_CHECK_BATCH = 500


class SearchWord(models.Model):
    """The folded words of each language's search texts: what typos are corrected against.

    Per language, so that a Kazakh reader's typo is corrected to a word Kazakh pages hold.
    """

    lang = models.CharField(_("language"), max_length=2)
    word = models.CharField(_("word"), max_length=MAX_WORD)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["lang", "word"], name="search_word_lang_word_unique")
        ]

    def __str__(self):
        return self.word


def words_by_language(instances):
    """{(lang, word)} of the search texts of ``instances``, which must hold them filled."""
    return {
        (lang, word)
        for lang in SEARCH_LANGUAGES
        for word in search_words(getattr(instance, f"search_{lang}") for instance in instances)
    }


def remember_search_words(instances):
    """Adds the words of the public ones of ``instances`` to the vocabulary.

    Call it after a bulk_create too. Typos are corrected to these words, so a draft's or a
    scheduled item's words must not be among them: a suggestion would show them before their
    time. A scheduled item's words join when it is next saved after going live.
    """
    words = words_by_language(public_ones(instances))
    SearchWord.objects.bulk_create(
        [SearchWord(lang=lang, word=word) for lang, word in sorted(words)],
        ignore_conflicts=True,
        batch_size=500,
    )


def public_ones(instances):
    """Those of ``instances`` that their model's ``published()`` shows readers now."""
    by_model = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance)
    public = []
    for model, group in by_model.items():
        for start in range(0, len(group), PUBLIC_CHECK_BATCH):
            batch = group[start : start + PUBLIC_CHECK_BATCH]
            keys = set(
                model._default_manager.published()
                .filter(pk__in=[instance.pk for instance in batch])
                .values_list("pk", flat=True)
            )
            public.extend(instance for instance in batch if instance.pk in keys)
    return public


class SearchTextManager(models.Manager):
    """Leaves the search texts and vectors unloaded: long, and read only by search's SQL.

    Used with each model's queryset: ``SearchTextManager.from_queryset(NewsItemQuerySet)()``.
    """

    def get_queryset(self):
        return super().get_queryset().defer(*HEAVY_FIELD_NAMES)


class SearchTextModel(models.Model):
    """Keeps one normalized search text per language, which search matches and ranks on."""

    search_kk = models.TextField(_("search text (Kazakh)"), blank=True, default="", editable=False)
    search_ru = models.TextField(_("search text (Russian)"), blank=True, default="", editable=False)
    search_en = models.TextField(_("search text (English)"), blank=True, default="", editable=False)
    # PostgreSQL only: the word vectors of the search texts, kept by a trigger (migration 0011)
    # so that bulk writes fill them too. Search matches them through GIN indexes instead of
    # computing a vector per row. Always NULL on SQLite, which never reads them.
    vector_kk_plain = SearchVectorField(null=True, editable=False)
    vector_kk_folded = SearchVectorField(null=True, editable=False)
    vector_ru_plain = SearchVectorField(null=True, editable=False)
    vector_ru_folded = SearchVectorField(null=True, editable=False)
    vector_ru_stems = SearchVectorField(null=True, editable=False)
    vector_en_plain = SearchVectorField(null=True, editable=False)
    vector_en_folded = SearchVectorField(null=True, editable=False)
    vector_en_stems = SearchVectorField(null=True, editable=False)
    # PostgreSQL only: the title line of each search text, folded, kept by the same trigger
    # (migration 0012). Ranking checks the title here: short, and read with the row's keys.
    search_title_kk = models.TextField(blank=True, default="", editable=False)
    search_title_ru = models.TextField(blank=True, default="", editable=False)
    search_title_en = models.TextField(blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        changed = update_fields is None or touches_searched_fields(
            self._meta.model_name, update_fields
        )
        if changed:
            for name, value in search_fields_for(self).items():
                setattr(self, name, value)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *SEARCH_FIELD_NAMES}
        super().save(*args, **kwargs)
        if changed:
            remember_search_words([self])
