"""The agenda as an Atom feed, for people who follow the site in a feed reader.

What is coming, at most ``FEED_MAX_EVENTS`` (the same bound as the calendar
feed). Like every public output it never carries the online meeting link: an
online event says "Online", the link goes only to people with a confirmed place.
"""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext

from oudersteunpunt.mail import mail_domain
from oudersteunpunt.models import SiteSettings

from .models import Event

FEED_MAX_EVENTS = 50


class EventAtomFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        # Passed to the methods below; the feed object itself is shared by every request.
        return SiteSettings.load().name or gettext("Oudersteunpunt")

    def title(self, site_name):
        return gettext("Agenda van %(name)s") % {"name": site_name}

    def subtitle(self):
        return gettext("Oudercafés, Passend-onderwijs-cafés en andere activiteiten die binnenkort zijn.")

    def link(self):
        return reverse("events:list")

    def author_name(self, site_name):
        return site_name

    def items(self):
        return Event.objects.published().upcoming().select_related("type")[:FEED_MAX_EVENTS]

    def item_title(self, item):
        if item.is_cancelled:
            return gettext("Gaat niet door: %(title)s") % {"title": item.title}
        return item.title

    def item_description(self, item):
        start, end = timezone.localtime(item.starts_at), timezone.localtime(item.ends_at)
        when = gettext("%(day)s, %(start)s–%(end)s uur") % {
            "day": formats.date_format(start, "l j F Y"),
            "start": start.strftime("%H.%M"),
            "end": end.strftime("%H.%M"),
        }
        lines = [item.type.name, when]
        place = ", ".join(part for part in [item.place_name, item.address] if part)
        if place:
            lines.append(place)
        if item.online_url:
            lines.append(gettext("Online"))  # never the link itself
        if item.theme:
            lines.append(item.theme)
        if item.is_cancelled:
            lines.append(gettext("Deze activiteit gaat niet door."))
        # Atom's summary is HTML here: one fact per line in a reader.
        return "<br>".join(escape(line) for line in lines)

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Stable when the title or address of the event changes (RFC 4151 tag URI).
        return f"tag:{mail_domain()},{item.created_at:%Y-%m-%d}:activiteit-{item.pk}"

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.type.name]
