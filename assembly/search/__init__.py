from .admin import SearchAdminMixin
from .matching import matching
from .models import index_objects, remember_search_words
from .text import Query, fold, normalize

__all__ = [
    "Query",
    "SearchAdminMixin",
    "fold",
    "index_objects",
    "matching",
    "normalize",
    "remember_search_words",
]
