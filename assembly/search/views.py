from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Case, Count, IntegerField, Value, When, Window
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from assembly.models import Initiative, Institution, NewsItem, Topic

from .matching import corrected, matching
from .snippets import highlight, snippet
from .text import HEAVY_FIELD_NAMES, Query, display_query, plain_text

PER_PAGE = 10
OVERVIEW_SIZE = 5
# Pages past this are answered as Paginator does, after a count (OFFSET stays small).
MAX_PAGE = 10_000


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
                correction = corrected(query, translation.get_language())
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
        # On PostgreSQL the matches are a set of keys (see matching), and what readers may
        # see, its recency and keys come from partial indexes without reading the rows.
        found = matching(visible, query, lang).order_by("-rank", result_type.recency, "-pk")
        group = ResultGroup(result_type.key, result_type.label, 0)
        if chosen not in (None, result_type.key):
            group.count = found.count()
            return group
        # Ranked on keys alone, counted in the same pass; only the rows shown are then read.
        if chosen:
            keys = self.page_keys(found, group)
        else:
            keys, group.count = counted_keys(found, 0, OVERVIEW_SIZE)
        if not keys:
            return group
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

    def page_keys(self, found, group):
        """The keys of the requested page of ``found``; sets ``group.count`` and ``page_obj``.

        Pages as Paginator.get_page() does: a page that is no number is the first, one out
        of range the last. A page in range costs one query, which counts the matches too.
        """
        requested = self.request.GET.get("page", "1")
        paginator = Paginator(found.values_list("pk", flat=True), PER_PAGE)
        keys, number = [], None
        if requested.isascii() and requested.isdigit() and 1 <= int(requested) <= MAX_PAGE:
            number = int(requested)
            keys, paginator.count = counted_keys(found, (number - 1) * PER_PAGE, PER_PAGE)
        if not keys:
            # No match, or a page that is no number or out of range: count, then as Django.
            paginator.count = found.count()
            if paginator.count:
                number = _page_number(requested, paginator)
                keys, _count = counted_keys(found, (number - 1) * PER_PAGE, PER_PAGE)
        group.count = paginator.count
        if keys:
            group.page_obj = Page(keys, number, paginator)
        return keys

    def suggestions(self):
        return {
            "suggested_topics": suggested_topics(translation.get_language()),
            "popular_institutions": Institution.objects.published()
            .annotate(news_count=Count("news_items"))
            .order_by("-news_count", "name")[:6],
        }


def suggested_topics(lang, size=8):
    """The topics with the most news a topic page shows in ``lang``: published, translated.

    Counted on the narrow link table first (the visible keys come from a partial index),
    then only the topics found are read; grouping the joined topic rows took four times as
    long on 10,000 news items.
    """
    shown = NewsItem.objects.published().translated_into(lang).order_by().values("pk")
    counts = dict(
        Topic.news_items.through.objects.filter(newsitem__in=shown)
        .order_by()
        .values_list("topic")
        .annotate(Count("pk"))
    )
    if not counts:
        return Topic.objects.none()
    news_count = Case(
        *(When(pk=pk, then=Value(count)) for pk, count in counts.items()),
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        Topic.objects.filter(pk__in=list(counts))
        .annotate(news_count=news_count)
        .order_by("-news_count", "name")[:size]
    )


def counted_keys(found, offset, limit):
    """(keys of ``found[offset:offset + limit]``, how many ``found`` holds) in one query.

    The count rides on the ranking pass, which reads every match anyway; with no key
    returned it is unknown, and reported as 0.
    """
    rows = list(
        found.annotate(matches=Window(Count("pk"))).values_list("pk", "matches")[
            offset : offset + limit
        ]
    )
    return [key for key, _count in rows], rows[0][1] if rows else 0


def _page_number(number, paginator):
    """As Paginator.get_page(): the first page for a non-number, the last for one too far."""
    try:
        return paginator.validate_number(number)
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages
