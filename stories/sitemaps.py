from django.contrib.sitemaps import Sitemap
from django.db.models import Count

from faq.models import Phase
from oudersteunpunt.sitemaps import ITEMS_PER_SITEMAP_PAGE, LatestLastmodMixin, ListSitemap

from .models import Story


class StoryListSitemap(ListSitemap):
    """/verhalen/, the form, and every page of the stories of every phase that has some."""

    def lists(self):
        from .views import STORIES_PER_PAGE

        published = Story.objects.published()
        counts = dict(published.exclude(phase=None).order_by().values_list("phase_id").annotate(count=Count("id")))
        phases = Phase.objects.filter(pk__in=counts).only("slug")
        return [
            ("stories:list", None, published.count(), STORIES_PER_PAGE),
            ("stories:create", None, 0, 0),
            *(("stories:phase", {"phase": p.slug}, counts[p.pk], STORIES_PER_PAGE) for p in phases),
        ]


class StorySitemap(LatestLastmodMixin, Sitemap):
    limit = ITEMS_PER_SITEMAP_PAGE

    def items(self):
        return Story.objects.published().only("id", "updated_at").order_by("pk")

    def lastmod(self, story):
        return story.updated_at
