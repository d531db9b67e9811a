from datetime import timedelta
from itertools import count

from django.utils import timezone

from assembly.models import Initiative, Institution, KeyFigure, NewsItem, Topic

_sequence = count(1)


def make_news_item(**fields):
    number = next(_sequence)
    defaults = {
        "title_kk": f"Жаңалық {number}",
        "lead_kk": f"Жаңалықтың қысқаша мазмұны {number}",
        "body_kk": f"<p>Мәтін {number}</p>",
        "status": NewsItem.Status.PUBLISHED,
        "published_at": timezone.now() - timedelta(hours=number),
    }
    defaults.update(fields)
    item = NewsItem(**defaults)
    item.save()
    return item


def make_institution(**fields):
    number = next(_sequence)
    defaults = {
        "name_kk": f"Достық үйі {number}",
        "kind": Institution.Kind.FRIENDSHIP_HOUSE,
        "level": Institution.Level.REGIONAL,
    }
    defaults.update(fields)
    institution = Institution(**defaults)
    institution.save()
    return institution


def make_initiative(**fields):
    number = next(_sequence)
    defaults = {"name_kk": f"Жоба {number}", "kind": Initiative.Kind.YOUTH}
    defaults.update(fields)
    initiative = Initiative(**defaults)
    initiative.save()
    return initiative


def make_topic(**fields):
    number = next(_sequence)
    defaults = {"name_kk": f"Тақырып {number}"}
    defaults.update(fields)
    topic = Topic(**defaults)
    topic.save()
    return topic


def make_key_figure(news_item, **fields):
    defaults = {"value": 95, "label_kk": "азамат", "qualifier": KeyFigure.Qualifier.MORE_THAN}
    defaults.update(fields)
    return KeyFigure.objects.create(news_item=news_item, **defaults)
