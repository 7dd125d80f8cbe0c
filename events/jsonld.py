"""An event as schema.org ``Event`` for search engines and link previews.

Public like the page itself: the online meeting link is never in it. An event
that is (also) online gets a ``VirtualLocation`` whose address is the event's
own page, where a parent signs up to receive the link.
"""

from django.utils import timezone

from oudersteunpunt import sharing
from oudersteunpunt.models import SiteSettings

SCHEMA = "https://schema.org/"


def attendance_mode(event):
    if event.place_name and event.online_url:
        return SCHEMA + "MixedEventAttendanceMode"
    if event.online_url:
        return SCHEMA + "OnlineEventAttendanceMode"
    return SCHEMA + "OfflineEventAttendanceMode"


def locations(event, page_url):
    found = []
    if event.place_name:
        # One line as the volunteers write it ("Lindelaan 12, Alkmaar"); schema.org accepts text.
        found.append({"@type": "Place", "name": event.place_name, "address": event.address or event.place_name})
    if event.online_url:
        found.append({"@type": "VirtualLocation", "url": page_url})
    return found[0] if len(found) == 1 else found


def event_jsonld(request, event):
    """Needs an event with ``with_counts()`` (for the places left) and its type."""
    site = SiteSettings.load()
    page_url = request.build_absolute_uri(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": page_url,
        "startDate": timezone.localtime(event.starts_at).isoformat(),
        "endDate": timezone.localtime(event.ends_at).isoformat(),
        "eventStatus": SCHEMA + ("EventCancelled" if event.is_cancelled else "EventScheduled"),
        "eventAttendanceMode": attendance_mode(event),
        "location": locations(event, page_url),
        "organizer": sharing.organization(request, site),
        "description": sharing.plain_text(event.description) or event.type.description,
        "image": [sharing.image(request, site)["url"]],
        "inLanguage": "nl",
        "isAccessibleForFree": True,
    }
    if not event.is_cancelled:
        # Coming is free; a full event still takes sign-ups, for its waiting list.
        data["offers"] = {
            "@type": "Offer",
            "price": 0,
            "priceCurrency": "EUR",
            "url": page_url,
            "availability": SCHEMA + ("InStock" if event.places_left() else "SoldOut"),
            "validFrom": timezone.localtime(event.created_at).isoformat(),
        }
    return data
