from .admin import SearchAdminMixin
from .matching import matching
from .models import remember_search_words
from .text import Query, fold, normalize, search_fields_for

__all__ = [
    "Query",
    "SearchAdminMixin",
    "fold",
    "matching",
    "normalize",
    "remember_search_words",
    "search_fields_for",
]
