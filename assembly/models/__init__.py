from .base import SeedRecord
from .figures import KeyFigure
from .initiatives import Initiative
from .institutions import Institution
from .news import NewsItem
from .places import Region
from .preferences import AdminPreference
from .redirects import SlugRedirect
from .search_index import SearchEntry, SearchWord
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
