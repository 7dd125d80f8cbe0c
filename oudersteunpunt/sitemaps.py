from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Page


class StaticSitemap(Sitemap):
    i18n = False

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at
