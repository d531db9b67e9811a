import mimetypes
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import feedgenerator, translation
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from .models import NewsItem

FEED_LENGTH = 30
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"


class RssWithContent(feedgenerator.Rss201rev2Feed):
    """RSS 2.0 carrying the full article in content:encoded beside the lead."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": CONTENT_NS}

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
        return request

    def link(self):
        return reverse("assembly:news_list")

    def items(self, request):
        lang = translation.get_language()
        items = list(
            NewsItem.objects.published()
            .translated_into(lang)
            .prefetch_related("topics")
            .order_by("-published_at", "-id")[:FEED_LENGTH]
        )
        authority = tag_authority(request)
        for item in items:
            # Stable across slug changes, and distinct per language version of the item.
            item.feed_guid = f"tag:{authority},{item.created_at:%Y-%m-%d}:news/{item.pk}/{lang}"
            item.feed_enclosure = hero_enclosure(item, request)
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
