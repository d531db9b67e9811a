from datetime import date
from urllib.parse import quote, urlencode

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, MonthArchiveView, TemplateView
from django.views.generic.dates import YearArchiveView

from assembly import images, languages, structured_data
from assembly.addresses import cached_reverse
from assembly.cache import tag
from assembly.collation import sorted_by_name
from assembly.fragments import cached_fragment
from assembly.mentions import mentions_of
from assembly.models import Initiative, Institution, KeyFigure, NewsItem, Region, Topic

from .base import PageMixin, TranslatedSlugDetailView, home_crumb, language_context
from .counts import (
    RememberedCountMixin,
    RememberedCountPaginator,
    month_archives,
    public_news,
    regions_in_order,
    regions_with_counts,
)
from .filters import InitiativeFilterForm, InstitutionFilterForm, NewsFilterForm

HOME_LATEST_COUNT = 6
RELATED_NEWS_COUNT = 4
MENTIONS_COUNT = 10


def links_to_public(model, field):
    """Whether the ``model`` row that ``field`` points to is one readers may see (published())."""
    return Exists(model.objects.published().filter(pk=OuterRef(field)))


def news_crumb():
    return (_("News"), cached_reverse("assembly:news_list"))


def paginated_news(request, news, count_key):
    """Context for one page of ``news``, numbered like the news list (?page=)."""
    paginator = RememberedCountPaginator(news, settings.NEWS_PER_PAGE, count_key=count_key)
    page = paginator.get_page(request.GET.get("page"))
    return {"page_obj": page, "news": page.object_list, "is_paginated": page.has_other_pages()}


def grouped_by_kind(objects, kinds):
    """[(kind label, objects of that kind in alphabetical order)] in the order of ``kinds``."""
    by_kind = {}
    for obj in objects:
        by_kind.setdefault(obj.kind, []).append(obj)
    return [
        (label, sorted_by_name(by_kind[value]))
        for value, label in kinds.choices
        if value in by_kind
    ]


def hero_url(item):
    rendered = images.responsive_image(item.hero_image)
    return rendered.fallback.url if rendered else None


class HomeView(PageMixin, TemplateView):
    template_name = "assembly/home.html"
    meta_description = _(
        "News, initiatives and institutions of the Assembly of People of Kazakhstan "
        "in Kazakh, Russian and English."
    )

    def get_structured_data(self):
        return [structured_data.organization(self.request)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        news = public_news()
        lead = news.filter(featured=True).first() or news.first()
        context.update(
            lead_story=lead,
            key_figures=(
                KeyFigure.objects.filter(news_item=lead)[:8] if lead else KeyFigure.objects.none()
            ),
            latest_news=news.exclude(pk=getattr(lead, "pk", None))[:HOME_LATEST_COUNT],
            initiatives=Initiative.objects.published()[:6],
            institution_kinds=institution_kinds(),
            regions=regions_with_counts(),
            og_image=hero_url(lead) if lead else None,
        )
        return context


def institution_kinds():
    labels = dict(Institution.Kind.choices)
    rows = (
        Institution.objects.published()
        .order_by()
        .values("kind")
        .annotate(count=Count("pk"))
        .order_by("kind")
    )
    return [
        {"kind": row["kind"], "label": labels.get(row["kind"], row["kind"]), **row} for row in rows
    ]


# The query parameters a page depends on (assembly/cache.py keys pages on these alone): the
# page number, and on news lists NewsFilterForm's fields.
NEWS_LIST_PARAMETERS = ("page", "topic", "region", "from", "to")


class NewsArchiveMixin(RememberedCountMixin, PageMixin):
    """What the news list and its year and month archives share: public news in the page's
    language, NEWS_PER_PAGE a page with a remembered total, and the months aside."""

    template_name = "assembly/newsitem_archive.html"
    page_parameters = ("page",)
    date_field = "published_at"

    def get_paginate_by(self, queryset):
        return settings.NEWS_PER_PAGE

    def get_queryset(self):
        return public_news()

    def get_breadcrumbs(self):
        return [home_crumb(), news_crumb()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["archive_months"] = month_archives()
        return context


class NewsListView(NewsArchiveMixin, ListView):
    template_name = "assembly/newsitem_list.html"
    page_parameters = NEWS_LIST_PARAMETERS
    page_title = _("News")
    meta_description = _("The latest news of the Assembly of People of Kazakhstan.")

    def get_queryset(self):
        self.filter_form = NewsFilterForm(self.request.GET)
        return self.filter_form.filter_news(super().get_queryset())

    def get_count_key(self):
        return [*super().get_count_key(), *self.filter_form.count_key()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(filter_form=self.filter_form, is_filtered=bool(self.filter_form.values()))
        return context


class NewsYearArchiveView(NewsArchiveMixin, YearArchiveView):
    make_object_list = True

    def get_page_title(self):
        return gettext("News of %(year)s") % {"year": self.get_year()}

    def get_breadcrumbs(self):
        year = int(self.get_year())
        year_url = reverse("assembly:news_year", kwargs={"year": year})
        return [*super().get_breadcrumbs(), (str(year), year_url)]


class NewsMonthArchiveView(NewsArchiveMixin, MonthArchiveView):
    month_format = "%m"

    def get_page_title(self):
        month = date(int(self.get_year()), int(self.get_month()), 1)
        return date_format(month, "YEAR_MONTH_FORMAT")

    def get_breadcrumbs(self):
        year, month = int(self.get_year()), int(self.get_month())
        year_url = reverse("assembly:news_year", kwargs={"year": year})
        month_url = reverse("assembly:news_month", kwargs={"year": year, "month": month})
        return [
            *super().get_breadcrumbs(),
            (str(year), year_url),
            (self.get_page_title(), month_url),
        ]


class NewsDetailView(TranslatedSlugDetailView):
    template_name = "assembly/newsitem_detail.html"

    def get_queryset(self):
        # Not limited to the active language: a missing translation shows the Kazakh text.
        return NewsItem.objects.published()

    def find_object(self, slug):
        # Remembered like the article's HTML under the item's tag, which any edit, unpublishing
        # or deletion renews. Going live by schedule needs no edit, so it is checked each time.
        def find():
            item = super(NewsDetailView, self).find_object(slug)
            tag(f"newsitem:{item.pk}")
            return item

        item = cached_fragment("news-item", [translation.get_language(), slug], find)
        if not item.is_public:
            raise Http404
        return item

    def get_cache_tags(self):
        # The item and what it mentions (assembly/mentions.py); related news may lag by the
        # fragment's timeout.
        return [f"newsitem:{self.object.pk}"]

    def get_meta_description(self):
        return self.object.lead

    def get_breadcrumbs(self):
        return [home_crumb(), news_crumb(), (self.object.title, self.object.get_absolute_url())]

    def get_structured_data(self):
        return [
            structured_data.news_article(
                self.request,
                self.object,
                language=self.content_language(),
                image_url=self.hero_url,
            )
        ]

    def content_language(self):
        lang = translation.get_language()
        return lang if languages.is_written_in(self.object, lang) else languages.source_language()

    def get_context_data(self, **kwargs):
        item = self.object
        self.hero_url = hero_url(item)
        context = super().get_context_data(**kwargs)
        context.update(
            og_image=self.hero_url,
            og_type="article",
        )
        context["article_html"] = self.article_html(context)
        return context

    def article_html(self, context):
        """The article with its mentions and related news: the same for every reader."""
        request = self.request
        # Keyed by everything its links are made of: the share links hold the address, and
        # every link holds the script prefix.
        return cached_fragment(
            "article",
            [
                translation.get_language(),
                self.object.pk,
                request.scheme,
                request.get_host(),
                get_script_prefix(),
            ],
            tags=[f"newsitem:{self.object.pk}"],
            render=lambda: render_to_string(
                "includes/article.html", self.article_context(context), request
            ),
        )

    def article_context(self, context):
        return {
            **context,
            "mentions": mentions_of(self.object),
            "related_news": list(self.find_related_news()),
            "key_figures": list(self.object.key_figures.all()),
            "share_links": share_links(self.request, self.object),
        }

    def find_related_news(self):
        item = self.object
        topic_ids = item.topics.values("pk")
        institution_ids = item.institutions.values("pk")
        # Subqueries, not joins: no DISTINCT over every related item's rows. (EXISTS would
        # scan all news when few items are related: docs/performance.md.)
        by_topic = NewsItem.topics.through.objects.filter(topic__in=topic_ids)
        by_institution = NewsItem.institutions.through.objects.filter(
            institution__in=institution_ids
        )
        return (
            public_news()
            .exclude(pk=item.pk)
            .filter(
                Q(pk__in=by_topic.values("newsitem")) | Q(pk__in=by_institution.values("newsitem"))
            )[:RELATED_NEWS_COUNT]
        )


def share_links(request, item):
    url = request.build_absolute_uri(item.get_absolute_url())
    title = item.title
    return [
        {
            "name": "Telegram",
            "url": "https://t.me/share/url?" + urlencode({"url": url, "text": title}),
        },
        {"name": "WhatsApp", "url": "https://wa.me/?" + urlencode({"text": f"{title} {url}"})},
        {
            "name": "Facebook",
            "url": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "name": "X",
            "url": "https://x.com/intent/post?" + urlencode({"url": url, "text": title}),
        },
        {
            "name": "VK",
            "url": "https://vk.com/share.php?" + urlencode({"url": url, "title": title}),
        },
        {
            "name": gettext("Email"),
            "url": f"mailto:?subject={quote(title)}&body={quote(url)}",
        },
    ]


class TopicDetailView(TranslatedSlugDetailView):
    template_name = "assembly/topic_detail.html"
    page_parameters = ("page",)

    def get_queryset(self):
        return Topic.objects.all()

    def get_meta_description(self):
        return self.object.description or gettext("News on the topic “%(topic)s”.") % {
            "topic": self.object.name
        }

    def get_breadcrumbs(self):
        return [home_crumb(), news_crumb(), (self.object.name, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        news = public_news().filter(topics=self.object)
        context.update(paginated_news(self.request, news, ["topic", self.object.pk]))
        return context


class TopicListView(PageMixin, TemplateView):
    template_name = "assembly/topic_list.html"
    page_title = _("Topics")
    meta_description = _("The topics of the news of the Assembly of People of Kazakhstan.")

    def get_breadcrumbs(self):
        return [home_crumb(), news_crumb(), (_("Topics"), cached_reverse("assembly:topic_list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tagged = NewsItem.topics.through.objects.filter(newsitem__in=public_news())
        counts = dict(tagged.order_by().values_list("topic").annotate(n=Count("pk")))
        topics = [topic for topic in Topic.objects.all() if topic.slug]
        for topic in topics:
            topic.news_count = counts.get(topic.pk, 0)
        context["topics"] = sorted_by_name(topics)
        return context


class InitiativeListView(PageMixin, ListView):
    template_name = "assembly/initiative_list.html"
    page_parameters = tuple(InitiativeFilterForm.base_fields)
    page_title = _("Initiatives")
    meta_description = _("Projects and programmes of the Assembly of People of Kazakhstan.")

    def get_queryset(self):
        self.filter_form = InitiativeFilterForm(self.request.GET or None)
        return Initiative.objects.published().filter(**self.filter_form.filters())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            filter_form=self.filter_form,
            is_filtered=bool(self.filter_form.filters()),
            groups=grouped_by_kind(context["object_list"], Initiative.Kind),
        )
        return context

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Initiatives"), reverse("assembly:initiative_list"))]


class InitiativeDetailView(TranslatedSlugDetailView):
    template_name = "assembly/initiative_detail.html"

    def get_queryset(self):
        return (
            Initiative.objects.published()
            .select_related("organizer")
            .annotate(organizer_is_public=links_to_public(Institution, "organizer"))
        )

    def get_meta_description(self):
        return self.object.summary or self.object.description[:200]

    def get_breadcrumbs(self):
        return [
            home_crumb(),
            (_("Initiatives"), reverse("assembly:initiative_list")),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            organizer=self.object.organizer if self.object.organizer_is_public else None,
            key_figures=self.object.key_figures.filter(news_item__in=NewsItem.objects.published()),
            news=public_news().filter(initiatives=self.object)[:MENTIONS_COUNT],
        )
        return context


class InstitutionListView(PageMixin, ListView):
    template_name = "assembly/institution_list.html"
    page_parameters = tuple(InstitutionFilterForm.base_fields)
    page_title = _("Institutions")
    meta_description = _(
        "Bodies of the Assembly of People of Kazakhstan: regional assemblies, Friendship "
        "Houses, councils, centres and associations."
    )

    def get_queryset(self):
        self.filter_form = InstitutionFilterForm(self.request.GET or None)
        return (
            Institution.objects.published()
            .filter(**self.filter_form.filters())
            .select_related("region")
            # What the list shows, and no long text: a field read beyond these costs a query
            # per institution, which tests/test_queries.py notices.
            .only("name", "slug", "kind", "level", "region__name", "region__code")
        )

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Institutions"), reverse("assembly:institution_list"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institutions = list(context["object_list"])
        context.update(
            filter_form=self.filter_form,
            is_filtered=bool(self.filter_form.filters()),
            total=len(institutions),
            groups=grouped_by_kind(institutions, Institution.Kind),
        )
        return context


class InstitutionDetailView(TranslatedSlugDetailView):
    template_name = "assembly/institution_detail.html"
    page_parameters = ("page",)

    def get_queryset(self):
        return (
            Institution.objects.published()
            .select_related("region", "parent")
            .annotate(parent_is_public=links_to_public(Institution, "parent"))
        )

    def get_meta_description(self):
        return self.object.description[:200]

    def get_breadcrumbs(self):
        return [
            home_crumb(),
            (_("Institutions"), reverse("assembly:institution_list")),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        institution = self.object
        context.update(
            parent=institution.parent if institution.parent_is_public else None,
            children=Institution.objects.published().filter(parent=institution),
            initiatives=Initiative.objects.published().filter(organizer=institution),
            key_figures=institution.key_figures.filter(news_item__in=NewsItem.objects.published()),
        )
        news = public_news().filter(institutions=institution)
        context.update(paginated_news(self.request, news, ["institution", institution.pk]))
        return context


class RegionListView(PageMixin, ListView):
    template_name = "assembly/region_list.html"
    page_title = _("Regions")
    meta_description = _(
        "Institutions and news of the Assembly of People of Kazakhstan in the regions and "
        "cities of republican status."
    )

    def get_queryset(self):
        return regions_with_counts()

    def get_breadcrumbs(self):
        return [home_crumb(), (_("Regions"), reverse("assembly:region_list"))]


class RegionDetailView(PageMixin, DetailView):
    template_name = "assembly/region_detail.html"
    page_parameters = ("page",)
    slug_field = "code"
    slug_url_kwarg = "code"

    def get_queryset(self):
        return Region.objects.all()

    def get_page_title(self):
        return self.object.name

    def get_meta_description(self):
        return gettext("Institutions and news of the Assembly in %(region)s.") % {
            "region": self.object.name
        }

    def get_breadcrumbs(self):
        return [
            home_crumb(),
            (_("Regions"), reverse("assembly:region_list")),
            (self.object.name, self.object.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = self.object
        institutions = sorted_by_name(Institution.objects.published().filter(region=region))
        mentioned = NewsItem.regions.through.objects.filter(region=region)
        news = public_news().filter(Q(region=region) | Q(pk__in=mentioned.values("newsitem")))
        context.update(paginated_news(self.request, news, ["region", region.pk]))
        context.update(
            regional_assembly=next(
                (i for i in institutions if i.kind == Institution.Kind.REGIONAL_ASSEMBLY), None
            ),
            institutions=institutions,
            **language_context(region),
        )
        return context


class FeedsView(PageMixin, TemplateView):
    """How to subscribe, and every feed the site offers in the page's language."""

    template_name = "assembly/feeds.html"
    page_title = _("News feeds")
    meta_description = _("Follow the news of the Assembly in a feed reader: RSS and Atom feeds.")

    def get_breadcrumbs(self):
        return [home_crumb(), (_("News feeds"), cached_reverse("assembly:feeds"))]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            topics=sorted_by_name(topic for topic in Topic.objects.all() if topic.slug),
            regions=regions_in_order(),
        )
        return context


class AboutView(PageMixin, TemplateView):
    template_name = "assembly/about.html"
    page_title = _("About the Assembly")

    def assembly(self):
        if not hasattr(self, "_assembly"):
            self._assembly = (
                Institution.objects.published()
                .filter(kind=Institution.Kind.ASSEMBLY)
                .order_by("pk")
                .first()
            )
        return self._assembly

    def get_meta_description(self):
        assembly = self.assembly()
        return assembly.description[:200] if assembly else ""

    def get_breadcrumbs(self):
        return [home_crumb(), (_("About the Assembly"), reverse("assembly:about"))]

    def get_structured_data(self):
        return [structured_data.organization(self.request)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assembly = self.assembly()
        published = NewsItem.objects.published()
        context.update(
            assembly=assembly,
            key_figures=KeyFigure.objects.filter(news_item__in=published).select_related(
                "news_item"
            )[:12],
            bodies=(
                Institution.objects.published().filter(parent=assembly).select_related("region")
                if assembly
                else Institution.objects.none()
            ),
            initiatives=(
                Initiative.objects.published().filter(organizer=assembly)
                if assembly
                else Initiative.objects.none()
            ),
            source_story=published.filter(key_figures__isnull=False).distinct().first(),
        )
        return context
