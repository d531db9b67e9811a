from .figures import KeyFigure
from .initiatives import Initiative
from .institutions import Institution
from .news import NewsItem
from .places import Region
from .topics import Topic

__all__ = ["Initiative", "Institution", "KeyFigure", "NewsItem", "Region", "Topic"]
