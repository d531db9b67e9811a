import mimetypes
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404
from django.templatetags.static import static
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import NewsItem, Region, Topic
from .views.base import get_by_translated_slug

FEED_LENGTH = 30
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
# The words a browser shows above a feed (static/feeds/feed.xsl reads them from here, so the
# stylesheet needs no text of its own).
SITE_NS = "https://assembly.kz/ns/feed"
STYLESHEET = "feeds/feed.xsl"
STYLESHEET_CSS = "feeds/feed.css"


@dataclass
class FeedScope:
    """What one request's feed holds: every news item, or one topic's or region's."""

    request: object
    topic: Topic | None = None
    region: Region | None = None


class RssWithContent(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 carrying the full article in content:encoded beside the lead."""

    # Browsers show application/rss+xml as raw text; as XML they apply feed.xsl. Feed
    # readers read either.
    content_type = "application/xml; charset=utf-8"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS, "xmlns:site": SITE_NS}

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for name in ("about", "feeds_page", "feeds_page_label", "open_label", "css"):
            if self.feed.get(name):
                handler.addQuickElement(f"site:{name}", str(self.feed[name]))

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomWithContent(feedgenerator.Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class NewsFeed(Feed):
    """The latest published news in the language of the URL, never with a fallback text."""

    feed_type = RssWithContent
    title = _("News of the Assembly of People of Kazakhstan")
    description = _("The latest news of the Assembly of People of Kazakhstan.")
    author_name = settings.SITE_NAME
    item_guid_is_permalink = False

    def get_object(self, request):
        # Feed instances are shared between requests, so request data travels in `obj`.
        return FeedScope(request)

    def link(self, scope):
        return reverse("assembly:news_list")

    def stylesheets(self, scope):
        return [feedgenerator.Stylesheet(static(STYLESHEET), mimetype="text/xsl")]

    def feed_extra_kwargs(self, scope):
        return {
            "about": gettext(
                "This is a news feed. Copy its address into a feed reader (such as Feedly, "
                "Inoreader or NetNewsWire) to get every new item as it is published."
            ),
            "feeds_page": scope.request.build_absolute_uri(reverse("assembly:feeds")),
            "feeds_page_label": gettext("More about feeds"),
            "open_label": gettext("Read on the site"),
            "css": static(STYLESHEET_CSS),
        }

    def news(self, scope):
        return NewsItem.objects.published()

    def items(self, scope):
        lang = translation.get_language()
        items = list(
            self.news(scope)
            .translated_into(lang)
            .prefetch_related("topics")
            .order_by("-published_at", "-id")[:FEED_LENGTH]
        )
        authority = tag_authority(scope.request)
        for item in items:
            # Stable across slug changes, and distinct per language version of the item.
            item.feed_guid = f"tag:{authority},{item.created_at:%Y-%m-%d}:news/{item.pk}/{lang}"
            item.feed_enclosure = hero_enclosure(item, scope.request)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS and Atom summaries are HTML; the lead is plain text.
        return escape(item.lead)

    def item_extra_kwargs(self, item):
        return {"content": item.body}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_guid(self, item):
        return item.feed_guid

    def item_author_name(self, item):
        return item.source_name or None

    def item_enclosures(self, item):
        return [item.feed_enclosure] if item.feed_enclosure else []

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class NewsAtomFeed(NewsFeed):
    feed_type = AtomWithContent
    subtitle = NewsFeed.description

    def stylesheets(self, scope):
        return None

    def feed_extra_kwargs(self, scope):
        return {}


class TopicNewsFeed(NewsFeed):
    """The latest news on one topic (RSS)."""

    def get_object(self, request, slug):
        return FeedScope(request, topic=get_by_translated_slug(Topic.objects.all(), slug))

    def title(self, scope):
        return gettext("News on the topic “%(topic)s”") % {"topic": scope.topic.name}

    def description(self, scope):
        return gettext("News on the topic “%(topic)s”.") % {"topic": scope.topic.name}

    def link(self, scope):
        return scope.topic.get_absolute_url()

    def news(self, scope):
        tagged = NewsItem.topics.through.objects.filter(topic=scope.topic)
        return NewsItem.objects.published().filter(pk__in=tagged.values("newsitem"))


class RegionNewsFeed(NewsFeed):
    """The latest news from one region (RSS): its main region or a region it mentions."""

    def get_object(self, request, code):
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise Http404
        return FeedScope(request, region=region)

    def title(self, scope):
        return gettext("News from the region: %(region)s") % {"region": scope.region.name}

    def description(self, scope):
        return gettext("News of the Assembly from the region: %(region)s.") % {
            "region": scope.region.name
        }

    def link(self, scope):
        return scope.region.get_absolute_url()

    def news(self, scope):
        region = scope.region
        mentioned = NewsItem.regions.through.objects.filter(region=region)
        return NewsItem.objects.published().filter(
            Q(region=region) | Q(pk__in=mentioned.values("newsitem"))
        )


def tag_authority(request):
    # A tag URI names a bare host: no port (RFC 4151).
    return urlsplit(f"//{request.get_host()}").hostname or "localhost"


def hero_enclosure(item, request):
    if not item.hero_image:
        return None
    try:
        length = item.hero_image.size
    except OSError:
        # A file lost from storage must not take the whole feed down.
        return None
    mime_type = mimetypes.guess_type(item.hero_image.name)[0] or "application/octet-stream"
    return feedgenerator.Enclosure(
        url=request.build_absolute_uri(item.hero_image.url),
        length=str(length),
        mime_type=mime_type,
    )
