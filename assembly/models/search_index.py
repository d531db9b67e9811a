"""The search index's tables: one entry per object and language, and the words typos are
corrected against.

They are content-layer tables like the others in this package; what fills and reads them is
``assembly.search`` (``index.py`` writes, ``matching.py`` reads), which imports this module and
is never imported by it.
"""

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# The longest word the vocabulary keeps; search text leaves longer words out of it.
MAX_WORD = 60


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


class SearchEntry(models.Model):
    """One object's normalized text in one language: what search matches and ranks on.

    Kept apart from the content tables, as Wagtail's index entries are: pages that show an
    object never read it, and only ``index_objects`` writes it.
    """

    # No index of its own: the unique constraint's index, led by object_id, serves lookups,
    # and an index led by the content type would draw PostgreSQL's planner away from the GIN
    # indexes (a content type holds most entries).
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    object_id = models.BigIntegerField()
    lang = models.CharField(_("language"), max_length=10)
    title = models.TextField(_("title"), blank=True, default="")
    body = models.TextField(_("body"), blank=True, default="")
    # PostgreSQL only, kept by a trigger (migration 0014_squashed_0023): the word vectors of
    # title and body (as typed, folded, and stemmed for languages PostgreSQL stems) and the
    # folded title.
    # Each vector has a GIN index, the folded title a trigram one. NULL on SQLite.
    vector_plain = SearchVectorField(null=True, editable=False)
    vector_folded = SearchVectorField(null=True, editable=False)
    vector_stems = SearchVectorField(null=True, editable=False)
    title_folded = models.TextField(blank=True, default="", editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["object_id", "content_type", "lang"], name="search_entry_unique"
            )
        ]

    def __str__(self):
        return self.title
