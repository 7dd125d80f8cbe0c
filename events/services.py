"""Everything in the agenda that writes more than one row or sends mail.

Capacity is decided while the event row is locked (``select_for_update`` on
PostgreSQL; on SQLite every write transaction starts IMMEDIATE and so holds the
database lock), so two people taking the last place at once never overbook.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from oudersteunpunt.mail import queue_mail

from .ical import signup_calendar
from .models import Event, Role, Signup


@dataclass
class SignupResult:
    signup: Signup
    # What the page says: for a second sign-up, what a newcomer would get now,
    # so the page never tells whether this address had signed up.
    shown_status: str = Signup.Status.CONFIRMED


def _taken(event, *, role=None):
    signups = Signup.objects.filter(event=event, status=Signup.Status.CONFIRMED)
    if role:
        signups = signups.filter(role=role)
    return signups.aggregate(total=Sum("people"))["total"] or 0


def _fits(event, *, people, role):
    if _taken(event) + people > event.capacity:
        return False
    if role == Role.PROFESSIONAL and event.max_professionals is not None:
        return _taken(event, role=Role.PROFESSIONAL) + people <= event.max_professionals
    return True


# Only people with a confirmed place get the online link, in the mail and in its calendar file.
WITH_ONLINE_LINK = {
    "events/email/confirmed",
    "events/email/moved_up",
    "events/email/reminder",
    "events/email/event_changed",
}
# The calendar file each mail carries for a confirmed participant: add or update, or remove.
CALENDAR_METHOD = {
    "events/email/confirmed": "REQUEST",
    "events/email/moved_up": "REQUEST",
    "events/email/event_changed": "REQUEST",
    "events/email/event_cancelled": "CANCEL",
}


def _mail(signup, template):
    confirmed = signup.status == Signup.Status.CONFIRMED
    attachments = ()
    if confirmed and template in CALENDAR_METHOD:
        ics = signup_calendar(signup, method=CALENDAR_METHOD[template])
        attachments = [("activiteit.ics", ics, "text/calendar")]
    online_url = signup.event.online_url if confirmed and template in WITH_ONLINE_LINK else ""
    queue_mail(
        template=template,
        to=[signup.email],
        context={"signup": signup, "event": signup.event, "online_url": online_url},
        language=signup.mail_language,
        attachments=attachments,
    )


@transaction.atomic
def signup_create(
    *, event: Event, name, email, phone="", role=Role.PARENT, people=1, remarks="", mail_language=""
) -> SignupResult:
    event = Event.objects.select_for_update().get(pk=event.pk)
    fits = _fits(event, people=people, role=role)
    # Nobody jumps the queue: while others wait, a newcomer waits too.
    if fits and Signup.objects.filter(event=event, status=Signup.Status.WAITING).exists():
        fits = False
    status = Signup.Status.CONFIRMED if fits else Signup.Status.WAITING
    existing = Signup.objects.active().filter(event=event, email__iexact=email).first()
    if existing:
        # Only the owner of the address learns that they were signed up already.
        _mail(existing, "events/email/already_signed_up")
        return SignupResult(existing, shown_status=status)
    signup = Signup.objects.create(
        event=event,
        name=name,
        email=email,
        phone=phone,
        role=role,
        people=people,
        remarks=remarks,
        consent=True,
        mail_language=mail_language or settings.LANGUAGE_CODE,
        status=status,
    )
    _mail(signup, "events/email/confirmed" if fits else "events/email/waiting")
    return SignupResult(signup, shown_status=status)


def _move_up(event):
    """Give freed places to the waiting list, in order, to everyone who fits."""
    moved = []
    for waiting in Signup.objects.filter(event=event, status=Signup.Status.WAITING).order_by("created_at", "pk"):
        if _fits(event, people=waiting.people, role=waiting.role):
            waiting.status = Signup.Status.CONFIRMED
            waiting.save(update_fields=["status"])
            _mail(waiting, "events/email/moved_up")
            moved.append(waiting)
    return moved


@transaction.atomic
def signup_cancel(*, token: str) -> Signup | None:
    """Cancel by the link in the mail. Returns None when the link was already used."""
    signup = Signup.objects.select_related("event").filter(token=token).first()
    if signup is None or signup.status == Signup.Status.CANCELLED:
        return None
    event = Event.objects.select_for_update().get(pk=signup.event_id)
    signup = Signup.objects.select_for_update().get(pk=signup.pk)
    if signup.status == Signup.Status.CANCELLED:
        return None
    was_confirmed = signup.status == Signup.Status.CONFIRMED
    signup.status = Signup.Status.CANCELLED
    signup.cancelled_at = timezone.now()
    signup.save(update_fields=["status", "cancelled_at"])
    if was_confirmed and event.ends_at > timezone.now() and not event.is_cancelled:
        _move_up(event)
    return signup


@transaction.atomic
def event_cancel(*, event: Event) -> int:
    """Call off an event and tell everyone who signed up or waits."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        return 0
    event.cancelled_at = timezone.now()
    # One more change for the calendars to follow; the row is locked, so the count only goes up.
    event.sequence += 1
    event.save(update_fields=["cancelled_at", "sequence", "updated_at"])
    signups = list(Signup.objects.active().filter(event=event).exclude(email=""))
    for signup in signups:
        signup.event = event  # the locked, current row: its sequence goes into the cancellation
        _mail(signup, "events/email/event_cancelled")
    return len(signups)


@transaction.atomic
def event_announce_new_time(*, event: Event) -> int:
    """Tell everyone who signed up that the time changed; call after saving the new time.

    Confirmed people get an updated appointment for their calendar (same UID,
    higher SEQUENCE), which moves the one they added from the confirmation.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled or event.ends_at < timezone.now():
        return 0
    event.sequence += 1
    event.save(update_fields=["sequence", "updated_at"])
    signups = list(Signup.objects.active().filter(event=event).exclude(email=""))
    for signup in signups:
        signup.event = event
        _mail(signup, "events/email/event_changed")
    return len(signups)


def send_event_reminders(*, now=None) -> int:
    """Remind confirmed people of tomorrow's events. Safe to run every hour."""
    now = now or timezone.now()
    due = Signup.objects.filter(
        status=Signup.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        purged_at__isnull=True,
        event__cancelled_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + timedelta(hours=24),
    ).select_related("event")
    sent = 0
    for signup in due:
        with transaction.atomic():
            # Claiming the row first means two overlapping runs never both send.
            claimed = Signup.objects.filter(pk=signup.pk, reminder_sent_at__isnull=True).update(reminder_sent_at=now)
            if claimed:
                _mail(signup, "events/email/reminder")
                sent += 1
    return sent


@transaction.atomic
def purge_event_signups(*, now=None) -> int:
    """Remove personal data some days after an event; the rows, and so the counts, stay."""
    return Signup.objects.past_retention(now).anonymise(now)


COPIED_FIELDS = [
    "type",
    "title",
    "theme",
    "place_name",
    "address",
    "online_url",
    "description",
    "audience",
    "capacity",
    "max_professionals",
]


@transaction.atomic
def event_copy(*, event: Event, starts_at, ends_at) -> Event:
    """A new event like ``event`` on another date: same type, place and texts, no sign-ups.

    It starts unpublished, so the volunteer looks it over before parents see it.
    """
    from django.utils.text import slugify

    base = slugify(f"{event.title} {timezone.localtime(starts_at):%Y-%m-%d}")[:140]
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    deadline = event.signup_deadline + (starts_at - event.starts_at) if event.signup_deadline else None
    copy = Event(
        **{name: getattr(event, name) for name in COPIED_FIELDS},
        slug=slug,
        starts_at=starts_at,
        ends_at=ends_at,
        signup_deadline=deadline,
        published=False,
    )
    copy.full_clean()
    copy.save()
    return copy
