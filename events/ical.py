"""iCalendar for the agenda: stable UIDs, Europe/Amsterdam, never personal data."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//Oudersteunpunt//Agenda//NL"


def event_uid(event):
    host = settings.SITE_URL.split("://", 1)[-1].split("/")[0].split(":")[0] or "oudersteunpunt"
    return f"activiteit-{event.pk}@{host}"


def event_calendar(events) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Oudersteunpunt")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        item = CalendarEvent()
        item.add("uid", event_uid(event))
        item.add("summary", event.title)
        item.add("dtstamp", event.updated_at)
        item.add("dtstart", timezone.localtime(event.starts_at))
        item.add("dtend", timezone.localtime(event.ends_at))
        location = ", ".join(part for part in [event.place_name, event.address] if part)
        if location:
            item.add("location", location)
        url = event.online_url or settings.SITE_URL + event.get_absolute_url()
        item.add("url", url)
        description = [event.type.name]
        if event.theme:
            description.append(event.theme)
        if event.online_url:
            description.append(event.online_url)
        description.append(settings.SITE_URL + event.get_absolute_url())
        item.add("description", "\n".join(description))
        item.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
