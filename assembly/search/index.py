"""Keeps the search index current: one writer for it (``index_objects``), the handlers that
call it on save and delete, and the vocabulary of public words.

The tables are ``assembly.models.SearchEntry`` and ``SearchWord``; the models never import
this package, and the app config connects the handlers.
"""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save

from assembly import languages
from assembly.models import SearchEntry, SearchWord

from .text import search_text, search_words, touches_searched_fields

PUBLIC_CHECK_BATCH = 500
INDEX_BATCH = 500


def is_searchable(model):
    return model._meta.app_label == "assembly" and bool(languages.searched_fields(model))


def entries_of(model, lang):
    """The search entries of ``model``'s objects in ``lang``."""
    content_type = ContentType.objects.get_for_model(model)
    return SearchEntry.objects.filter(content_type=content_type, lang=lang)


def index_objects(instances, *, using="default"):
    """Writes the search entries of ``instances`` and adds their public words to the vocabulary.

    The one writer of the search index: the save handler calls it for one object, and bulk
    writers (``bulk_create``, ``update``) call it with what they wrote. Objects of models that
    are not searched are left out.
    """
    instances = [instance for instance in instances if is_searchable(type(instance))]
    entries = []
    for instance in instances:
        content_type = ContentType.objects.db_manager(using).get_for_model(type(instance))
        for lang in languages.content_languages():
            title, body = search_text(instance, lang)
            entries.append(
                SearchEntry(
                    content_type=content_type,
                    object_id=instance.pk,
                    lang=lang,
                    title=title,
                    body=body,
                )
            )
    SearchEntry.objects.using(using).bulk_create(
        entries,
        batch_size=INDEX_BATCH,
        update_conflicts=True,
        unique_fields=["content_type", "object_id", "lang"],
        update_fields=["title", "body"],
    )
    remember_search_words(instances, using=using)


def unindex_object(instance, *, using="default"):
    content_type = ContentType.objects.db_manager(using).get_for_model(type(instance))
    SearchEntry.objects.using(using).filter(
        content_type=content_type, object_id=instance.pk
    ).delete()


def words_by_language(instances):
    """{(lang, word)} of the search texts of ``instances``."""
    return {
        (lang, word)
        for lang in languages.content_languages()
        for word in search_words(" ".join(search_text(instance, lang)) for instance in instances)
    }


def remember_search_words(instances, *, using="default"):
    """Adds the words of the public ones of ``instances`` to the vocabulary.

    Typos are corrected to these words, so a draft's or a scheduled item's words must not be
    among them: a suggestion would show them before their time. A scheduled item's words join
    when it is next saved after going live, or at ``rebuild_search_words``.
    """
    words = words_by_language(public_ones(instances, using=using))
    SearchWord.objects.using(using).bulk_create(
        [SearchWord(lang=lang, word=word) for lang, word in sorted(words)],
        ignore_conflicts=True,
        batch_size=500,
    )


def public_ones(instances, *, using="default"):
    """Those of ``instances`` that their model's ``published()`` shows readers now."""
    by_model = {}
    for instance in instances:
        by_model.setdefault(type(instance), []).append(instance)
    public = []
    for model, group in by_model.items():
        for start in range(0, len(group), PUBLIC_CHECK_BATCH):
            batch = group[start : start + PUBLIC_CHECK_BATCH]
            keys = set(
                model._default_manager.db_manager(using)
                .published()
                .filter(pk__in=[instance.pk for instance in batch])
                .values_list("pk", flat=True)
            )
            public.extend(instance for instance in batch if instance.pk in keys)
    return public


def reindex_saved(sender, instance, update_fields=None, using="default", **kwargs):
    if update_fields is None or touches_searched_fields(sender, update_fields):
        index_objects([instance], using=using)
    else:
        # Publishing saves the status alone: the text is unchanged, but may now be public.
        remember_search_words([instance], using=using)


def unindex_deleted(sender, instance, using="default", **kwargs):
    unindex_object(instance, using=using)


def connect_signals():
    """Keeps the search entries of every searchable model current; called by the app config."""
    for model in apps.get_app_config("assembly").get_models():
        if is_searchable(model):
            post_save.connect(reindex_saved, sender=model, dispatch_uid="search-save")
            post_delete.connect(unindex_deleted, sender=model, dispatch_uid="search-delete")
