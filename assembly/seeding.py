"""Loads the Kazinform article of 19 December 2025 and the records it names."""

import json
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import transaction

from . import languages
from .hero_art import render_hero_png
from .models import Initiative, Institution, KeyFigure, NewsItem, Region, SeedRecord, Topic
from .models.counts import Qualifier
from .richtext import paragraphs_to_html

SEED_DIR = Path(__file__).resolve().parent / "seed"
ARTICLE_KEY = "kazinform-2025-12-19"
SOURCE_NAME = "Kazinform"
SOURCE_URL = "https://www.inform.kz/"
PUBLISHED_AT = datetime.combine(date(2025, 12, 19), time(12, 0), tzinfo=ZoneInfo("Asia/Almaty"))

# Typing slips in the original that the seed README allows an editor to split.
KAZAKH_FIXES = {
    "оқиғаларменғана": "оқиғалармен ғана",
    "өкілдерінбіріктіретін": "өкілдерін біріктіретін",
}

HERO_TEXT = {
    "hero_alt": {
        "kk": "Көк аспан аясындағы алтын күн және қол ұстасқан адамдардың шеңбері",
        "ru": "Золотое солнце на голубом небе и круг людей, взявшихся за руки",
        "en": "A golden sun on a sky-blue background and a circle of people holding hands",
    },
    "hero_caption": {
        "kk": "Бірлік пен келісім: Қазақстан халқы Ассамблеясының 30 жылдығы",
        "ru": "Единство и согласие: 30 лет Ассамблее народа Казахстана",
        "en": "Unity and accord: 30 years of the Assembly of People of Kazakhstan",
    },
    "hero_credit": {
        "kk": "Сурет: сайт редакциясы",
        "ru": "Иллюстрация: редакция сайта",
        "en": "Illustration: site editors",
    },
}


@dataclass
class ArticleText:
    headline: str
    dateline: str
    lead: str
    paragraphs: list[str]


def read_article(lang):
    lines = (SEED_DIR / f"article.{lang}.txt").read_text(encoding="utf-8").splitlines()
    lines = [line for line in lines if line.strip()]
    headline = re.sub(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", "", lines[0]).strip()
    dateline_part, lead = lines[1].split(" – ", 1)
    city = dateline_part.split(".", 1)[0].strip().title()
    paragraphs = [line.strip() for line in lines[2:]]
    if lang == "kk":
        paragraphs = [fix_typing_slips(p) for p in paragraphs]
    return ArticleText(headline, city, lead.strip(), paragraphs)


def fix_typing_slips(text):
    for wrong, right in KAZAKH_FIXES.items():
        text = text.replace(wrong, right)
    return text


def read_records():
    return json.loads((SEED_DIR / "records.json").read_text(encoding="utf-8"))


def translated(field, values):
    return {f"{field}_{lang}": values.get(lang, "") for lang in languages.content_languages()}


def article_languages():
    """The content languages the seed article is written in (seed/article.<lang>.txt)."""
    codes = languages.content_languages()
    return [lang for lang in codes if (SEED_DIR / f"article.{lang}.txt").exists()]


@dataclass
class SeedReport:
    created: dict

    def add(self, label, was_created):
        if was_created:
            self.created[label] = self.created.get(label, 0) + 1


@transaction.atomic
def load_seed_content():
    """Creates what is missing; never changes a record that already exists."""
    records = read_records()
    report = SeedReport(created={})
    regions = {region.code: region for region in Region.objects.all()}
    topics = load_topics(records["topics"], report)
    institutions = load_institutions(records["institutions"], regions, report)
    initiatives = load_initiatives(records["initiatives"], institutions, report)
    article, article_created = load_article(report)
    link_article(
        article,
        records["news_item"],
        topics,
        regions,
        institutions,
        initiatives,
        fresh=article_created,
    )
    load_key_figures(records["key_figures"], article, institutions, initiatives, report)
    return report


def get_or_create_seeded(model, key, defaults, report, label):
    """Creates a record the first time its key is seen; afterwards returns what is left of it.

    The ledger remembers every key ever loaded, so an editor's deletion is not undone either.
    """
    ledger_key = f"{model._meta.model_name}:{key}"
    if SeedRecord.objects.filter(key=ledger_key).exists():
        return model.objects.filter(seed_key=key).first(), False
    obj = model(seed_key=key, **defaults)
    obj.save()
    SeedRecord.objects.create(key=ledger_key)
    report.add(label, True)
    obj._seed_created = True
    return obj, True


def load_topics(rows, report):
    topics = {}
    for row in rows:
        topics[row["key"]], _ = get_or_create_seeded(
            Topic, row["key"], translated("name", row["name"]), report, "topics"
        )
    return topics


def institution_defaults(row, regions):
    defaults = {
        **translated("name", row["name"]),
        **translated("description", row["description"]),
        "kind": row["kind"],
        "level": row["level"],
        "region": regions.get(row.get("region")),
        "status": row.get("status") or Institution.Status.OPERATING,
    }
    for field in ("construction_since", "founded_year"):
        defaults[field] = row.get(field)
    for name in ("units", "members", "experts", "ensembles", "publication_languages"):
        defaults.update(count_defaults(row, name))
    return defaults


def count_defaults(row, name):
    """``<name>_count`` and how exact the article gives it (``<name>_qualifier``)."""
    return {
        f"{name}_count": row.get(f"{name}_count"),
        f"{name}_qualifier": row.get(f"{name}_qualifier") or Qualifier.EXACT,
    }


def load_institutions(rows, regions, report):
    institutions = {}
    for row in rows:
        institutions[row["key"]], _ = get_or_create_seeded(
            Institution, row["key"], institution_defaults(row, regions), report, "institutions"
        )
    for row in rows:
        obj = institutions[row["key"]]
        parent = institutions.get(row.get("parent"))
        if obj is not None and getattr(obj, "_seed_created", False) and parent is not None:
            obj.parent = parent
            obj.save(update_fields=["parent"])
    return institutions


def load_initiatives(rows, institutions, report):
    initiatives = {}
    for row in rows:
        defaults = {
            **translated("name", row["name"]),
            **translated("summary", row["summary"]),
            **translated("description", row["description"]),
            "kind": row["kind"],
            "organizer": institutions.get(row.get("organizer")),
            "start_year": row.get("start_year"),
            **count_defaults(row, "participants"),
            "status": row.get("status") or Initiative.Status.ACTIVE,
        }
        initiatives[row["key"]], _ = get_or_create_seeded(
            Initiative, row["key"], defaults, report, "initiatives"
        )
    return initiatives


def article_defaults():
    texts = {lang: read_article(lang) for lang in article_languages()}
    defaults = {
        "status": NewsItem.Status.PUBLISHED,
        "published_at": PUBLISHED_AT,
        "featured": True,
        "source_name": SOURCE_NAME,
        "source_url": SOURCE_URL,
        "source_date": PUBLISHED_AT.date(),
    }
    for lang, text in texts.items():
        defaults[f"title_{lang}"] = text.headline
        defaults[f"lead_{lang}"] = text.lead
        defaults[f"body_{lang}"] = paragraphs_to_html(text.paragraphs)
        defaults[f"dateline_{lang}"] = text.dateline
    for field, values in HERO_TEXT.items():
        defaults.update(translated(field, values))
    return defaults


def load_article(report):
    article, created = get_or_create_seeded(
        NewsItem, ARTICLE_KEY, article_defaults(), report, "news items"
    )
    if created:
        article.hero_image.save(f"{ARTICLE_KEY}.png", render_hero_png(), save=True)
    return article, created


def link_article(article, links, topics, regions, institutions, initiatives, *, fresh):
    """Links the article to what it names; on a re-run only records new in this run."""

    if article is None:
        return

    def wanted(mapping, keys):
        objs = [mapping[key] for key in keys if mapping.get(key) is not None]
        return [obj for obj in objs if fresh or getattr(obj, "_seed_created", False)]

    article.topics.add(*wanted(topics, links["topics"]))
    article.institutions.add(*wanted(institutions, links["institutions"]))
    article.initiatives.add(*wanted(initiatives, links["initiatives"]))
    if fresh:
        article.regions.add(*[regions[code] for code in links["regions"] if code in regions])


def load_key_figures(rows, article, institutions, initiatives, report):
    if article is None:
        return
    for position, row in enumerate(rows):
        defaults = {
            "news_item": article,
            "position": position,
            "value": Decimal(str(row["value"])),
            "qualifier": row.get("qualifier") or Qualifier.EXACT,
            "year": row.get("year"),
            "institution": institutions.get(row.get("institution")),
            "initiative": initiatives.get(row.get("initiative")),
            **translated("unit", row["unit"]),
            **translated("label", row["label"]),
        }
        get_or_create_seeded(KeyFigure, row["key"], defaults, report, "key figures")
