from collections.abc import Sequence
from functools import cached_property

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max
from django.db.models.functions import Greatest
from django.urls import reverse

from . import languages
from .fragments import cached_fragment
from .models import Initiative, Institution, NewsItem, Region, Topic

# Pages that exist in every language and are not a model's detail page.
STATIC_ROUTES = (
    "assembly:home",
    "assembly:news_list",
    "assembly:initiative_list",
    "assembly:institution_list",
    "assembly:region_list",
    "assembly:about",
)


class LanguagePairs(Sequence):
    """A sitemap's (item, language) pairs, language after language, read a page at a time.

    Django's i18n sitemap builds every pair in memory on each request; this reads only the
    rows of the requested page, so a sitemap page costs the same few queries at any size.
    """

    def __init__(self, sitemap):
        self.sitemap = sitemap

    @cached_property
    def counts(self):
        # Counting reads every row; the index and each page ask for the same counts.
        name = type(self.sitemap).__name__
        return cached_fragment("sitemap-counts", [name], self.count_per_language)

    def count_per_language(self):
        languages = self.sitemap._languages()
        totals = self.sitemap.get_queryset().aggregate(
            **{lang: Count("pk", filter=self.sitemap.available_in(lang)) for lang in languages}
        )
        return [(lang, totals[lang]) for lang in languages]

    def __len__(self):
        return sum(count for _lang, count in self.counts)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            position = range(len(self))[index]
            return self[position : position + 1][0]
        start, stop, _step = index.indices(len(self))
        pairs = []
        offset = 0
        for lang, count in self.counts:
            low, high = max(start - offset, 0), min(stop - offset, count)
            if low < high:
                rows = self.sitemap.items().filter(self.sitemap.available_in(lang))[low:high]
                pairs.extend((row, lang) for row in rows)
            offset += count
        return pairs

    def __iter__(self):
        return iter(self[:])


class TranslatedSitemap(Sitemap):
    """An item is listed, and named as an alternate, only in the languages it exists in."""

    i18n = True
    alternates = True
    x_default = True
    # Columns that get_absolute_url(), lastmod and images read; the rest (long texts) stay out.
    load_fields = ("slug",)
    lastmod_expression = None
    image_field = None

    @property
    def limit(self):
        return settings.SITEMAP_LIMIT

    def get_queryset(self):
        raise NotImplementedError

    def available_in(self, lang):
        return languages.written_in(self.get_queryset().model, lang)

    def items(self):
        queryset = self.get_queryset().annotate(
            **{
                f"sitemap_in_{lang}": ExpressionWrapper(
                    self.available_in(lang), output_field=BooleanField()
                )
                for lang in self._languages()
            }
        )
        if self.lastmod_expression is not None:
            queryset = queryset.annotate(sitemap_lastmod=self.lastmod_expression)
        fields = [*self.load_fields, *filter(None, [self.image_field])]
        return queryset.only(*fields).order_by("pk")

    def _items(self):
        return LanguagePairs(self)

    def get_languages_for_item(self, item):
        return [lang for lang in self._languages() if getattr(item, f"sitemap_in_{lang}")]

    def lastmod(self, item):
        return getattr(item, "sitemap_lastmod", None)

    def get_latest_lastmod(self):
        if self.lastmod_expression is None:
            return None
        name = type(self).__name__
        return cached_fragment("sitemap-lastmod", [name], self.newest_lastmod)

    def newest_lastmod(self):
        return self.get_queryset().aggregate(latest=Max(self.lastmod_expression))["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        origin = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        for url in urls:
            item, _lang = url["item"]
            url["images"] = [absolute_url(origin, image) for image in self.image_urls(item)]
        return with_default_language_x_default(urls)

    def image_urls(self, item):
        image = getattr(item, self.image_field) if self.image_field else None
        return [image.url] if image else []


class NewsSitemap(TranslatedSitemap):
    image_field = "hero_image"
    # A scheduled item was last saved before it went live; it changed for readers then.
    lastmod_expression = Greatest(F("updated_at"), F("published_at"))

    def get_queryset(self):
        return NewsItem.objects.published()


class InitiativeSitemap(TranslatedSitemap):
    image_field = "image"
    lastmod_expression = F("updated_at")

    def get_queryset(self):
        return Initiative.objects.published()


class InstitutionSitemap(TranslatedSitemap):
    image_field = "image"
    lastmod_expression = F("updated_at")

    def get_queryset(self):
        return Institution.objects.published()


class TopicSitemap(TranslatedSitemap):
    def get_queryset(self):
        return Topic.objects.all()


class RegionSitemap(TranslatedSitemap):
    load_fields = ("code",)

    def get_queryset(self):
        return Region.objects.all()


class StaticPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def items(self):
        return STATIC_ROUTES

    def location(self, item):
        return reverse(item)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        return with_default_language_x_default(urls)


SITEMAPS = {
    "pages": StaticPagesSitemap,
    "news": NewsSitemap,
    "initiatives": InitiativeSitemap,
    "institutions": InstitutionSitemap,
    "topics": TopicSitemap,
    "regions": RegionSitemap,
}


def absolute_url(origin, url):
    # MEDIA_URL may already be absolute (a CDN); only site-relative URLs get the origin.
    return url if url.startswith(("http://", "https://")) else f"{origin}{url}"


def with_default_language_x_default(urls):
    """Points x-default at the source language's page, as the pages' own hreflang links do.

    Django points it at the unprefixed path, which here only redirects.
    """
    default = languages.source_language()
    for url in urls:
        locations = {alt["lang_code"]: alt["location"] for alt in url["alternates"]}
        for alternate in url["alternates"]:
            if alternate["lang_code"] == "x-default" and default in locations:
                alternate["location"] = locations[default]
    return urls
