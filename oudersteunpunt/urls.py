from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from . import registry, sitemaps, views

handler403 = "oudersteunpunt.views.error_403"
handler404 = "oudersteunpunt.views.error_404"
handler500 = "oudersteunpunt.views.error_500"


def all_sitemaps():
    return {"site": sitemaps.StaticSitemap, "pages": sitemaps.PageSitemap, **registry.sitemaps}


urlpatterns = [
    path("health/", views.health, name="health"),
    # Uploaded page images are few and small; a proxy in front may serve /media/ itself instead.
    re_path(r"^media/(?P<path>.+)$", views.media, name="media"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    # An index of sections, each in pages: no sitemap response grows with the content.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": all_sitemaps(), "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemaps.section, {"sitemaps": all_sitemaps()}, name="sitemap-section"),
]

urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("beheer/", admin.site.urls),
    path("account/", include("allauth.urls")),
    # Each part names its own Dutch addresses and registers its URL module (registry.register_urls).
    *(path("", include(module)) for module in registry.url_modules),
    path("<slug:slug>/", views.page_detail, name="page"),
    prefix_default_language=False,
)
