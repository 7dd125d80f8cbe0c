from django.db.models import Count, Q
from django.utils import timezone

from oudersteunpunt.sitemaps import ListSitemap, RowSitemap

from .models import Event, EventType


class EventSitemap(RowSitemap):
    url_name = "events:detail"
    url_fields = {"slug": "slug"}

    def queryset(self):
        # A called-off event keeps its page for those who signed up, but is no longer worth finding.
        return Event.objects.published().upcoming().filter(cancelled_at__isnull=True)


class EventTypeSitemap(RowSitemap):
    url_name = "events:type"
    url_fields = {"slug": "slug"}
    lastmod_field = None

    def queryset(self):
        return EventType.objects.all()


class EventListSitemap(ListSitemap):
    def lists(self):
        from .views import EVENTS_PER_PAGE

        # Both counts in one query.
        now = timezone.now()
        counts = Event.objects.published().aggregate(
            upcoming=Count("pk", filter=Q(ends_at__gte=now)), past=Count("pk", filter=Q(ends_at__lt=now))
        )
        return [
            ("events:list", None, counts["upcoming"], EVENTS_PER_PAGE),
            ("events:archive", None, counts["past"], EVENTS_PER_PAGE),
            ("events:subscribe", None, 0, 0),
        ]
