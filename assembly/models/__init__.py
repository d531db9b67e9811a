# The search index's tables first: a backup dumps and restores the app's models in this order
# (assembly/operations/backups.py). Loading a content row writes its search entries and words;
# restored first, those rows are then updated in place, where rows loaded later would collide.
from .search_index import SearchEntry, SearchWord  # isort: skip

from .base import SeedRecord
from .figures import KeyFigure
from .initiatives import Initiative
from .institutions import Institution
from .news import NewsItem
from .places import Region
from .preferences import AdminPreference
from .redirects import SlugRedirect
from .security import RecoveryCode, RecoveryCodeDevice, SecurityEvent
from .topics import Topic
from .translations import TranslationSource

__all__ = [
    "AdminPreference",
    "Initiative",
    "Institution",
    "KeyFigure",
    "NewsItem",
    "RecoveryCode",
    "RecoveryCodeDevice",
    "Region",
    "SearchEntry",
    "SearchWord",
    "SecurityEvent",
    "SeedRecord",
    "SlugRedirect",
    "Topic",
    "TranslationSource",
]
