from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from assembly.models import Initiative, Institution, NewsItem, Topic

from .matching import corrected, matching
from .snippets import highlight, snippet
from .text import HEAVY_FIELD_NAMES, Query, display_query, plain_text

PER_PAGE = 10
OVERVIEW_SIZE = 5


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    recency: str

    def queryset(self, lang):
        raise NotImplementedError

    def text(self, obj):
        raise NotImplementedError

    def date(self, obj):
        return None


class NewsResults(ResultType):
    def queryset(self, lang):
        return NewsItem.objects.published().translated_into(lang)

    def text(self, obj):
        return f"{obj.lead} {plain_text(obj.body, html=True)}"

    def date(self, obj):
        return obj.published_at


class InitiativeResults(ResultType):
    def queryset(self, lang):
        return Initiative.objects.published()

    def text(self, obj):
        return f"{obj.summary} {obj.description}"


class InstitutionResults(ResultType):
    def queryset(self, lang):
        return Institution.objects.published().select_related("region")

    def text(self, obj):
        return obj.description or obj.address


# The only result types and orderings a request can choose from.
RESULT_TYPES = {
    result_type.key: result_type
    for result_type in (
        NewsResults("news", _("News"), "-published_at"),
        InitiativeResults("initiatives", _("Initiatives"), "-created_at"),
        InstitutionResults("institutions", _("Institutions"), "-created_at"),
    )
}


@dataclass
class Hit:
    obj: object
    title: str
    snippet: str
    date: object = None


@dataclass
class ResultGroup:
    key: str
    label: str
    count: int
    hits: list = field(default_factory=list)
    page_obj: object = None


class SearchView(TemplateView):
    template_name = "assembly/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = Query(raw)
        chosen = self.request.GET.get("type")
        chosen = chosen if chosen in RESULT_TYPES else None
        search_query = display_query(raw)
        context.update(
            page_title=_("Search: %(query)s") % {"query": search_query}
            if search_query
            else _("Search"),
            noindex=True,
            search_query=search_query,
            query=query,
            chosen_type=chosen,
            groups=[],
            total=0,
        )
        if query:
            groups = self.groups(query, chosen)
            if not any(group.count for group in groups):
                # Nothing found: maybe a typo; search the closest known words instead.
                correction = corrected(query)
                if correction:
                    groups = self.groups(correction, chosen)
                    context["corrected_query"] = correction.text
            context["total"] = sum(group.count for group in groups)
            context["type_counts"] = groups
            context["groups"] = [
                group for group in groups if group.hits and chosen in (None, group.key)
            ]
        if not context["total"]:
            context.update(self.suggestions())
        return context

    def groups(self, query, chosen):
        return [self.group(kind, query, chosen) for kind in RESULT_TYPES.values()]

    def group(self, result_type, query, chosen):
        lang = translation.get_language()
        visible = result_type.queryset(lang).defer(*HEAVY_FIELD_NAMES)
        # Visibility as a semi-join on keys, which PostgreSQL answers from partial indexes;
        # as a filter on the matching rows it read the long texts of each of them.
        candidates = visible.model._base_manager.filter(pk__in=visible.order_by().values("pk"))
        found = matching(candidates, query, lang).order_by("-rank", result_type.recency, "-pk")
        group = ResultGroup(result_type.key, result_type.label, found.count())
        if not group.count or chosen not in (None, result_type.key):
            return group
        # Ranked on keys alone; only the rows shown are then read.
        keys = found.values_list("pk", flat=True)
        if chosen:
            group.page_obj = Paginator(keys, PER_PAGE).get_page(self.request.GET.get("page"))
            keys = group.page_obj.object_list
        else:
            keys = keys[:OVERVIEW_SIZE]
        keys = list(keys)
        rows = visible.in_bulk(keys)
        objects = [rows[key] for key in keys if key in rows]
        group.hits = [
            Hit(
                obj=obj,
                title=highlight(str(obj), query),
                snippet=snippet(result_type.text(obj), query),
                date=result_type.date(obj),
            )
            for obj in objects
        ]
        return group

    def suggestions(self):
        published = Q(news_items__in=NewsItem.objects.published())
        return {
            "suggested_topics": Topic.objects.annotate(
                news_count=Count("news_items", filter=published)
            )
            .filter(news_count__gt=0)
            .order_by("-news_count", "name")[:8],
            "popular_institutions": Institution.objects.published()
            .annotate(news_count=Count("news_items"))
            .order_by("-news_count", "name")[:6],
        }
