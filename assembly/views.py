from django.db import connection
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.views.generic import DetailView, ListView, TemplateView

from .models import Initiative, Institution, KeyFigure, NewsItem, Region, Topic


def root_redirect(request):
    lang = translation.get_language_from_request(request, check_path=False)
    with translation.override(lang):
        return redirect(reverse("assembly:home"))


def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})


def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def get_by_translated_slug(queryset, slug):
    """Finds an object by the active language's slug, or by the Kazakh one it falls back to."""
    lang = translation.get_language()
    condition = Q(**{f"slug_{lang}": slug})
    if lang != "kk":
        condition |= Q(slug_kk=slug)
    obj = queryset.filter(condition).first()
    if obj is None:
        raise Http404
    return obj


class TranslatedSlugDetailView(DetailView):
    def get_object(self, queryset=None):
        return get_by_translated_slug(queryset or self.get_queryset(), self.kwargs["slug"])


class HomeView(TemplateView):
    template_name = "assembly/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        news = NewsItem.objects.published()
        lead = news.filter(featured=True).first() or news.first()
        context["lead_story"] = lead
        context["key_figures"] = (
            KeyFigure.objects.filter(news_item=lead)[:8] if lead else KeyFigure.objects.none()
        )
        context["latest_news"] = news.exclude(pk=getattr(lead, "pk", None))[:6]
        context["initiatives"] = Initiative.objects.published()[:6]
        context["institutions"] = Institution.objects.published()[:8]
        context["regions"] = Region.objects.annotate(
            institution_count=Count("institutions", filter=Q(institutions__is_published=True))
        )
        return context


class NewsListView(ListView):
    paginate_by = 12

    def get_queryset(self):
        return NewsItem.objects.published()


class NewsDetailView(TranslatedSlugDetailView):
    def get_queryset(self):
        return NewsItem.objects.published().prefetch_related(
            "topics", "initiatives", "institutions", "key_figures"
        )


class TopicDetailView(TranslatedSlugDetailView):
    model = Topic


class InitiativeListView(ListView):
    def get_queryset(self):
        return Initiative.objects.published().select_related("organizer")


class InitiativeDetailView(TranslatedSlugDetailView):
    def get_queryset(self):
        return Initiative.objects.published().select_related("organizer")


class InstitutionListView(ListView):
    def get_queryset(self):
        return Institution.objects.published().select_related("region", "parent")


class InstitutionDetailView(TranslatedSlugDetailView):
    def get_queryset(self):
        return Institution.objects.published().select_related("region", "parent")


class RegionDetailView(DetailView):
    model = Region
    slug_field = "code"
    slug_url_kwarg = "code"
