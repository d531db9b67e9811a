from django.db.models import Q

from .matching import matching
from .models import is_searchable
from .text import SEARCH_LANGUAGES, Query


class SearchAdminMixin:
    """Admin search with the readers' matching, in all three languages at once."""

    def get_search_results(self, request, queryset, search_term):
        model = queryset.model
        if not is_searchable(model):
            return super().get_search_results(request, queryset, search_term)
        query = Query(search_term)
        if not query:
            return queryset, False
        everything = model._base_manager.all()
        condition = Q()
        for lang in SEARCH_LANGUAGES:
            condition |= Q(pk__in=matching(everything, query, lang).values("pk"))
        return queryset.filter(condition), False
