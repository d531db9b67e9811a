from .admin import SearchAdminMixin, indexed_fields
from .index import index_objects, remember_search_words
from .matching import matching
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
