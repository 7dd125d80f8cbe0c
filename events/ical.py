"""iCalendar for the agenda: stable UIDs, times in UTC, never personal data in public.

Times are written in UTC (``DTSTART:20270523T173000Z``) instead of local time
with a VTIMEZONE: a VTIMEZONE built from zoneinfo lists every transition in one
RDATE line, and calendars built on Mozilla's ical.js read only the first date,
so summer events showed an hour late. UTC needs no time zone rules at all;
every calendar shows it in its own zone.

The public feed and the per-event file never carry the online meeting link:
that goes only to confirmed participants, in the file attached to their mail
(``signup_calendar``).
"""

from datetime import UTC
from email.utils import parseaddr

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

PRODID = "-//Oudersteunpunt//Agenda//NL"


def event_uid(event):
    host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "oudersteunpunt"
    return f"activiteit-{event.pk}@{host}"


def _calendar(method=None):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    calendar.add("x-wr-calname", "Oudersteunpunt")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _item(event, *, online_url=""):
    page = settings.SITE_URL + event.get_absolute_url()
    item = CalendarEvent()
    item.add("uid", event_uid(event))
    item.add("sequence", event.sequence)
    item.add("summary", event.title)
    item.add("dtstamp", event.updated_at.astimezone(UTC))
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    location = [part for part in [event.place_name, event.address] if part]
    if event.online_url:
        location.append(online_url or gettext("Online"))
    if location:
        item.add("location", ", ".join(location))
    item.add("url", page)
    description = [event.type.name]
    if event.theme:
        description.append(event.theme)
    if online_url:
        description.append(gettext("Online meedoen: %(url)s") % {"url": online_url})
    elif event.online_url:
        description.append(gettext("Online. De link krijg je in de bevestiging."))
    description.append(page)
    item.add("description", "\n".join(description))
    item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return item


def event_calendar(events) -> bytes:
    """The public feed and the per-event file: anyone may read these."""
    calendar = _calendar()
    for event in events:
        calendar.add_component(_item(event))
    return calendar.to_ical()


def _address(email, name):
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["cn"] = vText(name)
    return address


def signup_calendar(signup, *, method="REQUEST") -> bytes:
    """The file attached to one participant's mail.

    ``REQUEST`` adds or updates the appointment, ``CANCEL`` removes it; calendars
    match them by UID and apply the one with the highest SEQUENCE, which is why
    an event counts its changes. The participant is named as attendee (only in
    their own file), which mail calendars need to apply a cancellation; RSVP is
    off so nobody is asked to accept again.
    """
    event = signup.event
    online_url = event.online_url if method == "REQUEST" else ""
    item = _item(event, online_url=online_url)
    if method == "CANCEL":
        item["status"] = "CANCELLED"
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    item.add("organizer", _address(organizer_email, organizer_name or "Oudersteunpunt"))
    attendee = _address(signup.email, signup.name)
    attendee.params["role"] = "REQ-PARTICIPANT"
    attendee.params["partstat"] = "ACCEPTED"
    attendee.params["rsvp"] = "FALSE"
    item.add("attendee", attendee)
    calendar = _calendar(method)
    calendar.add_component(item)
    return calendar.to_ical()
