from django.urls import path

from . import views
from .feeds import NewsAtomFeed, NewsFeed, RegionNewsFeed, TopicNewsFeed
from .views.search import SearchView

app_name = "assembly"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("news/", views.NewsListView.as_view(), name="news_list"),
    path("feeds/news.rss", NewsFeed(), name="news_feed_rss"),
    path("feeds/news.atom", NewsAtomFeed(), name="news_feed_atom"),
    path("feeds/", views.FeedsView.as_view(), name="feeds"),
    path("feeds/topics/<slug:slug>.rss", TopicNewsFeed(), name="topic_feed"),
    path("feeds/regions/<slug:code>.rss", RegionNewsFeed(), name="region_feed"),
    path("news/<int:year>/", views.NewsYearArchiveView.as_view(), name="news_year"),
    path(
        "news/<int:year>/<int:month>/",
        views.NewsMonthArchiveView.as_view(),
        name="news_month",
    ),
    path("news/<slug:slug>/", views.NewsDetailView.as_view(), name="news_detail"),
    path("topics/", views.TopicListView.as_view(), name="topic_list"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic_detail"),
    path("initiatives/", views.InitiativeListView.as_view(), name="initiative_list"),
    path(
        "initiatives/<slug:slug>/",
        views.InitiativeDetailView.as_view(),
        name="initiative_detail",
    ),
    path("institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path(
        "institutions/<slug:slug>/",
        views.InstitutionDetailView.as_view(),
        name="institution_detail",
    ),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
    path("regions/<slug:code>/", views.RegionDetailView.as_view(), name="region_detail"),
    path("search/", SearchView.as_view(), name="search"),
    path("about/", views.AboutView.as_view(), name="about"),
]
