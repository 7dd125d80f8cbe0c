from django.contrib.sitemaps import Sitemap

from oudersteunpunt.sitemaps import ITEMS_PER_SITEMAP_PAGE, LatestLastmodMixin, ListSitemap

from .models import Event, EventType


class EventSitemap(LatestLastmodMixin, Sitemap):
    limit = ITEMS_PER_SITEMAP_PAGE

    def items(self):
        # A called-off event keeps its page for those who signed up, but is no longer worth finding.
        return Event.objects.published().upcoming().filter(cancelled_at__isnull=True).only("slug", "updated_at")

    def lastmod(self, event):
        return event.updated_at


class EventTypeSitemap(Sitemap):
    def items(self):
        return EventType.objects.only("slug")


class EventListSitemap(ListSitemap):
    def lists(self):
        from .views import EVENTS_PER_PAGE

        return [
            ("events:list", None, Event.objects.published().upcoming().count(), EVENTS_PER_PAGE),
            ("events:archive", None, Event.objects.published().past().count(), EVENTS_PER_PAGE),
            ("events:subscribe", None, 0, 0),
        ]
