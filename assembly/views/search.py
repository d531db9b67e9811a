from dataclasses import dataclass, field

from django import forms
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Case, Count, FloatField, IntegerField, Value, When, Window
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from assembly import languages
from assembly.models import Initiative, Institution, NewsItem, Region, Topic
from assembly.search.matching import (
    EXACT_WORDS,
    IN_TITLE,
    LOOKALIKE,
    corrected,
    found_in,
    matching,
)
from assembly.search.snippets import highlight, snippet
from assembly.search.text import Query, display_query, fold, normalize, other_layout, plain_text
from assembly.widgets import Select

from .filters import NewsFilterForm, filter_news

PER_PAGE = 10
OVERVIEW_SIZE = 5
# Pages past this are answered as Paginator does, after a count (OFFSET stays small).
MAX_PAGE = 10_000


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    recency: str
    # Filters that apply to this type; with any other filter chosen, it has no results.
    filtered_by = frozenset({"region"})
    # Whose search entries it is found in (None: found otherwise).
    model = None

    def queryset(self, lang):
        raise NotImplementedError

    def visible(self, lang, filters):
        """What readers of ``lang`` may find of this type under ``filters``, or None."""
        if set(filters) - self.filtered_by:
            return None
        visible = self.queryset(lang)
        return self.narrowed(visible, filters) if filters else visible

    def narrowed(self, queryset, filters):
        raise NotImplementedError

    def find(self, visible, query, lang):
        return matching(visible, query, lang)

    def text(self, obj):
        raise NotImplementedError

    def date(self, obj):
        return None


class NewsResults(ResultType):
    model = NewsItem
    filtered_by = frozenset({"topic", "region", "from", "to"})

    def queryset(self, lang):
        return NewsItem.objects.published().translated_into(lang)

    def narrowed(self, queryset, filters):
        return filter_news(queryset, filters)

    def text(self, obj):
        return f"{obj.lead} {plain_text(obj.body, html=True)}"

    def date(self, obj):
        return obj.published_at


class InitiativeResults(ResultType):
    model = Initiative

    def queryset(self, lang):
        return Initiative.objects.published()

    def narrowed(self, queryset, filters):
        return queryset.filter(organizer__region=filters["region"])

    def text(self, obj):
        return f"{obj.summary} {obj.description}"


class InstitutionResults(ResultType):
    model = Institution

    def queryset(self, lang):
        return Institution.objects.published().select_related("region")

    def narrowed(self, queryset, filters):
        return queryset.filter(region=filters["region"])

    def text(self, obj):
        return obj.description or obj.address


class RegionResults(ResultType):
    """The 20 regions, found by their name in any language; matched here, not in SQL."""

    def visible(self, lang, filters):
        if set(filters) - self.filtered_by:
            return None
        regions = Region.objects.all()
        return regions.filter(pk=filters["region"].pk) if filters else regions

    def find(self, visible, query, lang):
        ranks = {}
        for region in visible:
            names = [
                getattr(region, f"name_{code}", "") or "" for code in languages.content_languages()
            ]
            words = fold(normalize(" ".join(names))).split()
            if all(
                any(w.startswith(t) for w in words for t in group) for group in query.match_terms
            ):
                own = normalize(region.name).split()
                exact = all(any(w.startswith(t) for w in own) for t in query.terms)
                ranks[region.pk] = (EXACT_WORDS if exact else LOOKALIKE) + IN_TITLE
        rank = Case(
            *(When(pk=pk, then=Value(value)) for pk, value in ranks.items()),
            default=Value(0.0),
            output_field=FloatField(),
        )
        return visible.filter(pk__in=list(ranks)).annotate(rank=rank)

    def text(self, obj):
        return obj.get_kind_display().capitalize()


# The only result types and orderings a request can choose from.
RESULT_TYPES = {
    result_type.key: result_type
    for result_type in (
        NewsResults("news", _("News"), "-published_at"),
        InitiativeResults("initiatives", _("Initiatives"), "-created_at"),
        InstitutionResults("institutions", _("Institutions"), "-created_at"),
        RegionResults("regions", _("Regions"), "position"),
    )
}


class SearchFilterForm(NewsFilterForm):
    """The news filters, and the type of result."""

    def __init__(self, data=None):
        super().__init__(data)
        self.fields["type"] = forms.ChoiceField(
            label=_("Result type"),
            required=False,
            choices=[("", _("All types")), *((k, t.label) for k, t in RESULT_TYPES.items())],
            widget=Select,
            error_messages={"invalid_choice": _("Unknown value, ignored.")},
        )
        self.order_fields(["type"])


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
    # What the page depends on (assembly/cache.py): the words, type, page and news filters.
    page_parameters = ("q", "type", "page", "topic", "region", "from", "to")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        raw = self.request.GET.get("q", "")
        query = Query(raw)
        filter_form = SearchFilterForm(self.request.GET)
        filters = filter_form.values()
        chosen = filters.pop("type", None)
        search_query = display_query(raw)
        context.update(
            page_title=_("Search: %(query)s") % {"query": search_query}
            if search_query
            else _("Search"),
            meta_description=_("Search news, initiatives, institutions and regions."),
            noindex=True,
            search_query=search_query,
            box_query=search_query,
            query=query,
            filter_form=filter_form,
            is_filtered=bool(filters),
            chosen_type=chosen,
            groups=[],
            total=0,
        )
        if query:
            lang = languages.content_language_of(translation.get_language())
            # One queryset a type for every query tried: the regions, matched in Python, are
            # read once.
            visible = [(kind, kind.visible(lang, filters)) for kind in RESULT_TYPES.values()]
            groups = self.groups(query, chosen, visible, lang)
            if not any(group.count for group in groups):
                # Nothing found: the other keyboard layout, or a typo; say what was searched.
                for kind, other in self.other_queries(raw, query):
                    other_groups = self.groups(other, chosen, visible, lang)
                    if any(group.count for group in other_groups):
                        groups = other_groups
                        context.update(searched_instead=kind, box_query=other.text)
                        context["corrected_query"] = other.text
                        break
            context["total"] = sum(group.count for group in groups)
            context["type_counts"] = groups
            context["groups"] = [
                group for group in groups if group.hits and chosen in (None, group.key)
            ]
        if not context["total"]:
            context.update(self.suggestions())
        return context

    def other_queries(self, raw, query):
        """(why, query) to try when ``query`` finds nothing, tried in this order."""
        lang = languages.content_language_of(translation.get_language())
        retyped = Query(other_layout(raw, lang))
        if retyped and retyped.terms != query.terms:
            yield "layout", retyped
        correction = corrected(query, lang)
        if correction:
            yield "typo", correction
        if retyped and retyped.terms != query.terms:
            correction = corrected(retyped, lang)
            if correction:
                yield "layout", correction

    def groups(self, query, chosen, visible, lang):
        """A group per result type; only the types with a matching search entry are read."""
        searched = [kind.model for kind, shown in visible if kind.model and shown is not None]
        found = found_in(searched, query, lang) if searched else set()
        return [
            self.group(kind, shown, query, chosen, lang)
            if shown is not None and (kind.model is None or kind.model in found)
            else ResultGroup(kind.key, kind.label, 0)
            for kind, shown in visible
        ]

    def group(self, result_type, visible, query, chosen, lang):
        group = ResultGroup(result_type.key, result_type.label, 0)
        # On PostgreSQL the matches are a set of keys (see matching), and what readers may
        # see, its recency and keys come from partial indexes without reading the rows.
        found = result_type.find(visible, query, lang)
        found = found.order_by("-rank", result_type.recency, "-pk")
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
            "suggested_topics": suggested_topics(
                languages.content_language_of(translation.get_language())
            ),
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
    # The rank is selected so that the ordering names it instead of compiling it again.
    rows = list(
        found.annotate(matches=Window(Count("pk"))).values_list("pk", "matches", "rank")[
            offset : offset + limit
        ]
    )
    return [key for key, _count, _rank in rows], rows[0][1] if rows else 0


def _page_number(number, paginator):
    """As Paginator.get_page(): the first page for a non-number, the last for one too far."""
    try:
        return paginator.validate_number(number)
    except PageNotAnInteger:
        return 1
    except EmptyPage:
        return paginator.num_pages
