from collections import Counter
from functools import cached_property

from django.urls import reverse

from oudersteunpunt.sitemaps import ITEMS_PER_SITEMAP_PAGE, ListSitemap

from .models import Story


class StorySitemap(ListSitemap):
    """/verhalen/ with its pages, the form, the stories of each phase and every story: one query for all.

    One section, not two, and no separate query for the newest change: the sitemap
    index asks every section for its size and date, and must stay a few queries.
    """

    limit = ITEMS_PER_SITEMAP_PAGE

    @cached_property
    def rows(self):
        return list(Story.objects.published().order_by("pk").values_list("pk", "updated_at", "phase__slug"))

    def lists(self):
        from .views import STORIES_PER_PAGE

        per_phase = sorted(Counter(slug for _pk, _updated, slug in self.rows if slug).items())
        return [
            ("stories:list", None, len(self.rows), STORIES_PER_PAGE),
            ("stories:create", None, 0, 0),
            *(("stories:phase", {"phase": slug}, count, STORIES_PER_PAGE) for slug, count in per_phase),
        ]

    def items(self):
        lists = [(address, None) for address in super().items()]
        return lists + [(reverse("stories:detail", kwargs={"pk": pk}), updated) for pk, updated, _slug in self.rows]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        return max((updated for _pk, updated, _slug in self.rows), default=None)
