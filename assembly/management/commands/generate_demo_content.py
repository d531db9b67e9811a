"""Synthetic content in each content language, for load tests (`--news 10000`)."""

import random
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assembly import languages
from assembly.cache import EVERYTHING, invalidate
from assembly.models import Initiative, Institution, NewsItem, Region, Topic
from assembly.models.base import SLUG_MAX_LENGTH
from assembly.search import index_objects
from assembly.slugs import slugify_text

# Every demo record carries this title prefix and a seed_key starting with "demo-".
MARK = "[DEMO]"
KEY_PREFIX = "demo-"
BATCH = 1000

WORDS = {
    "kk": "бірлік келісім мәдениет жастар достық тіл өңір мереке кездесу форум жоба халық".split(),
    "ru": "единство согласие культура молодёжь дружба язык регион праздник встреча форум".split(),
    "en": "unity accord culture youth friendship language region festival meeting forum".split(),
}
# The site's own name, in nearly every item as on the real site: the slowest words to search.
SITE_NAME = {"kk": "қазақстан ассамблея", "ru": "казахстан ассамблея", "en": "kazakhstan assembly"}
for lang, name in SITE_NAME.items():
    WORDS[lang] += name.split()
HEADINGS = {
    "kk": ("Жаңалық", "Ұйым", "Жоба", "Тақырып"),
    "ru": ("Новость", "Организация", "Проект", "Тема"),
    "en": ("News item", "Institution", "Initiative", "Topic"),
}


def demo_languages():
    """The content languages there are demo words for; the others fall back as on the site."""
    return [lang for lang in languages.content_languages() if lang in WORDS]


class Sentences:
    """A fixed pool per language and length; random text per item would take most of the run."""

    def __init__(self, rng):
        self.rng = rng
        self.pools = {}

    def __call__(self, lang, words=12):
        pool = self.pools.get((lang, words))
        if pool is None:
            pool = self.pools[(lang, words)] = [self.make(lang, words) for _ in range(64)]
        return self.rng.choice(pool)

    def make(self, lang, words):
        text = " ".join(self.rng.choice(WORDS[lang]) for _ in range(words))
        return text[:1].upper() + text[1:] + "."


def field_defaults(model):
    # Passing every field spares Model.__init__ a get_default() per field and language.
    # Foreign keys and the untranslated originals of translated fields are set per item.
    names = {field.attname for field in model._meta.concrete_fields}
    source = languages.source_language()
    return {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if not field.primary_key
        and not field.is_relation
        and f"{field.attname}_{source}" not in names
    }


def demo_title(lang, kind, number):
    return f"{MARK} {HEADINGS[lang][kind]} {number}"


def demo_slug(title, lang, number):
    # Titles hold their number, so slugs are unique without asking the database.
    base = slugify_text(title, lang, max_length=SLUG_MAX_LENGTH - 12)
    return f"{base}-{number}" if not base.endswith(str(number)) else base


def translated(field, kind, number):
    values = {}
    for lang in demo_languages():
        title = demo_title(lang, kind, number)
        values[f"{field}_{lang}"] = title
        values[f"slug_{lang}"] = demo_slug(title, lang, number)
    return values


def analyze():
    # Fresh planner statistics. Without them, after a bulk load, both PostgreSQL and SQLite
    # pick plans that sort every news item for a page of twelve (docs/performance.md).
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        # VACUUM also marks pages all-visible, which lets counts use index-only scans.
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def next_number(model):
    return model._base_manager.filter(seed_key__startswith=KEY_PREFIX).count() + 1


class Command(BaseCommand):
    help = _("Creates synthetic, clearly marked content for load tests (not for real sites).")

    def add_arguments(self, parser):
        parser.add_argument("--news", type=int, default=0)
        parser.add_argument("--institutions", type=int, default=0)
        parser.add_argument("--initiatives", type=int, default=0)
        parser.add_argument("--topics", type=int, default=12)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--clear", action="store_true", help=_("Remove demo content first."))

    def handle(self, *args, **options):
        started = time.monotonic()
        rng = random.Random(options["seed"])
        self.sentence = Sentences(rng)
        with transaction.atomic():
            if options["clear"]:
                self.clear()
            topics = self.make_topics(options["topics"] if options["news"] else 0)
            regions = list(Region.objects.all())
            institutions = self.make_institutions(rng, options["institutions"], regions)
            self.make_initiatives(rng, options["initiatives"], institutions)
            self.make_news(rng, options["news"], topics, regions)
        analyze()
        invalidate({EVERYTHING})
        self.stdout.write(
            _("Demo content ready in %(seconds).1f s.") % {"seconds": time.monotonic() - started}
        )

    def clear(self):
        for model in (NewsItem, Initiative, Institution, Topic):
            deleted, _rows = model._base_manager.filter(seed_key__startswith=KEY_PREFIX).delete()
            self.stdout.write(f"{model._meta.label}: -{deleted}")

    def make_topics(self, count):
        existing = list(Topic._base_manager.filter(seed_key__startswith=KEY_PREFIX))
        first = len(existing) + 1
        new = [
            Topic(seed_key=f"{KEY_PREFIX}topic-{n}", **translated("name", 3, n))
            for n in range(first, first + max(0, count - len(existing)))
        ]
        self.bulk(Topic, new)
        return existing + new if count else existing

    def make_institutions(self, rng, count, regions):
        kinds = [value for value, _label in Institution.Kind.choices]
        levels = [value for value, _label in Institution.Level.choices]
        return self.make(
            Institution,
            "institution",
            count,
            lambda n: dict(
                kind=rng.choice(kinds),
                level=rng.choice(levels),
                region=rng.choice(regions) if regions else None,
                founded_year=rng.randint(1995, 2025),
                **translated("name", 1, n),
            ),
            lambda lang: {"description": self.sentence(lang, 30)},
        )

    def make_initiatives(self, rng, count, institutions):
        kinds = [value for value, _label in Initiative.Kind.choices]
        self.make(
            Initiative,
            "initiative",
            count,
            lambda n: dict(
                kind=rng.choice(kinds),
                organizer=rng.choice(institutions) if institutions else None,
                start_year=rng.randint(1995, 2025),
                **translated("name", 2, n),
            ),
            lambda lang: {
                "summary": self.sentence(lang, 10),
                "description": self.sentence(lang, 40),
            },
        )

    def make_news(self, rng, count, topics, regions):
        now = timezone.now()
        objs = self.make(
            NewsItem,
            "news",
            count,
            lambda n: dict(
                status=NewsItem.Status.PUBLISHED,
                # Spread over about three years, newest first by number.
                published_at=now - timedelta(hours=2 * n, minutes=rng.randint(0, 100)),
                featured=n % 50 == 1,
                region=rng.choice(regions) if regions and n % 3 else None,
                **translated("title", 0, n),
            ),
            lambda lang: {
                "lead": self.sentence(lang, 16),
                "body": "".join(f"<p>{self.sentence(lang, 40)}</p>" for _ in range(5)),
                "dateline": HEADINGS[lang][0].split()[0],
            },
        )
        self.link(NewsItem.topics.through, "topic", objs, topics, rng, 2)
        self.link(NewsItem.regions.through, "region", objs, regions, rng, 2)

    def make(self, model, name, count, values, texts):
        """``count`` demo records of ``model``, numbered on from the last: ``values(n)`` gives
        the n-th record's fields, ``texts(lang)`` its generated text in a language, by field."""
        first = next_number(model)
        defaults = field_defaults(model)
        objs = []
        for n in range(first, first + count):
            obj = model(**defaults | {"seed_key": f"{KEY_PREFIX}{name}-{n}"} | values(n))
            for lang in demo_languages():
                for field, text in texts(lang).items():
                    setattr(obj, f"{field}_{lang}", text)
            objs.append(obj)
        self.bulk(model, objs)
        return objs

    def link(self, through, target, items, choices, rng, most):
        if not choices:
            return
        rows = []
        for item in items:
            for choice in rng.sample(choices, min(most, len(choices), rng.randint(1, most))):
                rows.append(through(**{"newsitem_id": item.pk, f"{target}_id": choice.pk}))
        through.objects.bulk_create(rows, batch_size=BATCH)

    def bulk(self, model, objs):
        created = model._base_manager.bulk_create(objs, batch_size=BATCH)
        # SQLite and PostgreSQL return primary keys from bulk_create; links need them.
        if created and created[0].pk is None:
            keys = [obj.seed_key for obj in objs]
            pks = dict(model._base_manager.filter(seed_key__in=keys).values_list("seed_key", "pk"))
            for obj in objs:
                obj.pk = pks[obj.seed_key]
        index_objects(objs)
        self.stdout.write(f"{model._meta.label}: +{len(objs)}")
