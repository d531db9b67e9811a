from .admin import SearchAdminMixin, indexed_fields
from .matching import matching
from .models import index_objects, remember_search_words
from .text import Query, fold, normalize

__all__ = [
    "Query",
    "SearchAdminMixin",
    "fold",
    "index_objects",
    "indexed_fields",
    "matching",
    "normalize",
    "remember_search_words",
]
