import math

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Page

# Each sitemap page stays small enough to build quickly; the index lists the pages.
ITEMS_PER_SITEMAP_PAGE = 1000


class StaticSitemap(Sitemap):
    i18n = False

    def items(self):
        return ["home"]

    def location(self, item):
        return reverse(item)


class LatestLastmodMixin:
    """The index asks each section for its newest change: one query, not every item loaded."""

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ListSitemap(Sitemap):
    """The list pages of a part, each page of a paginated list included.

    ``lists()`` returns ``(url name, kwargs, number of items, items per page)``
    for every list (the last two 0 for a page without pages); a part's
    sitemaps.py subclasses this.
    """

    def lists(self):
        return []

    def items(self):
        addresses = []
        for name, kwargs, count, per_page in self.lists():
            url = reverse(name, kwargs=kwargs)
            addresses.append(url)
            pages = math.ceil(count / per_page) if per_page else 1
            addresses += [f"{url}?pagina={number}" for number in range(2, pages + 1)]
        return addresses

    def location(self, item):
        return item


class PageSitemap(LatestLastmodMixin, Sitemap):
    limit = ITEMS_PER_SITEMAP_PAGE

    def items(self):
        return Page.objects.published().order_by("slug")

    def lastmod(self, page):
        return page.updated_at
