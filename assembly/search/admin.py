from django.db.models import Q

from assembly import languages

from .matching import matching
from .text import Query


def indexed_fields(model):
    """The columns the search entries of ``model`` are made of: its searched fields in every
    content language (empty for a model search does not index)."""
    return tuple(
        f"{field}_{lang}"
        for field in languages.searched_fields(model)
        for lang in languages.content_languages()
    )


class SearchAdminMixin:
    """Admin search over the fields ``search_fields`` lists.

    When they are the fields the model's search entries hold (``indexed_fields(Model)``),
    the entries are searched with the readers' matching: any case, Kazakh letters and their
    Russian look-alikes, every language at once. Any other list is searched by Django's own
    lookups in just those fields.
    """

    def get_search_results(self, request, queryset, search_term):
        model = queryset.model
        indexed = indexed_fields(model)
        if not indexed or set(self.get_search_fields(request)) != set(indexed):
            return super().get_search_results(request, queryset, search_term)
        query = Query(search_term)
        if not query:
            return queryset, False
        everything = model._base_manager.all()
        condition = Q()
        for lang in languages.content_languages():
            condition |= Q(pk__in=matching(everything, query, lang).values("pk"))
        return queryset.filter(condition), False
