from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import feeds, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("language/<str:code>/", views.switch_language, name="switch_language"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("tin-tuc/rss.xml", feeds.rss_feed, name="news_rss"),
    path("tin-tuc/atom.xml", feeds.atom_feed, name="news_atom"),
]

if settings.BENCHMARK_VIEWS:
    urlpatterns += [path("bench/minimal", views.bench_minimal, name="bench_minimal")]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    path("", include("lms.urls")),
    path("", include("courses.urls")),
    path("", include(wagtail_urls)),
]
