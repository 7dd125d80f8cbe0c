"""Everything in the agenda that writes more than one row or sends mail.

Capacity is decided while the event row is locked (``select_for_update`` on
PostgreSQL; on SQLite every write transaction starts IMMEDIATE and so holds the
database lock), so two people taking the last place at once never overbook.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation

from oudersteunpunt.mail import mail_language as language_of_mail
from oudersteunpunt.mail import queue_mail

from .ical import signup_calendar
from .models import (
    SUBSCRIPTION_CONFIRM_DAYS,
    Event,
    EventAnnouncement,
    EventType,
    Role,
    Signup,
    Subscription,
    new_token,
)


@dataclass
class SignupResult:
    signup: Signup
    # What the page says: for a second sign-up, what a newcomer would get now,
    # so the page never tells whether this address had signed up.
    shown_status: str = Signup.Status.CONFIRMED


def _counts(event, *, email=None):
    """Everything a decision needs, in one query over the event's sign-ups: the places taken
    (by everyone and by professionals), how many wait, and the active sign-up of ``email``."""
    confirmed = Q(status=Signup.Status.CONFIRMED)
    aggregates = {
        "taken": Coalesce(Sum("people", filter=confirmed), 0),
        "professionals": Coalesce(Sum("people", filter=confirmed & Q(role=Role.PROFESSIONAL)), 0),
        "waiting": Count("pk", filter=Q(status=Signup.Status.WAITING)),
    }
    if email is not None:
        aggregates["existing"] = Min("pk", filter=Q(email__iexact=email) & ~Q(status=Signup.Status.CANCELLED))
    return Signup.objects.filter(event=event).aggregate(**aggregates)


def _fits(event, *, people, role, counts=None):
    counts = counts or _counts(event)
    if counts["taken"] + people > event.capacity:
        return False
    if role == Role.PROFESSIONAL and event.max_professionals is not None:
        return counts["professionals"] + people <= event.max_professionals
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
    # With its type, which the mail names (only the event row is locked).
    event = Event.objects.select_for_update(of=("self",)).select_related("type").get(pk=event.pk)
    counts = _counts(event, email=email)
    # Nobody jumps the queue: while others wait, a newcomer waits too.
    fits = _fits(event, people=people, role=role, counts=counts) and not counts["waiting"]
    status = Signup.Status.CONFIRMED if fits else Signup.Status.WAITING
    if counts["existing"]:
        existing = Signup.objects.get(pk=counts["existing"])
        existing.event = event
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


# "Houd me op de hoogte": mail about new events to those who asked for it.


def _unsubscribe_headers(subscription):
    """RFC 2369 and RFC 8058: a mail program offers "unsubscribe", one POST to this address does it.

    The address follows the language of the mails, like every link in them.
    """
    with translation.override(language_of_mail(subscription.mail_language)):
        url = settings.SITE_URL + subscription.get_unsubscribe_url()
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def _subscription_mail(subscription, template, **context):
    queue_mail(
        template=template,
        to=[subscription.email],
        context={"subscription": subscription, **context},
        language=subscription.mail_language,
        headers=_unsubscribe_headers(subscription),
    )


@transaction.atomic
def subscription_request(*, email: str, types, mail_language="") -> Subscription:
    """Ask for mail about new events of ``types``: nothing changes until the link in the mail is used.

    The same for a known and an unknown address, so the page after it tells nobody
    whether this address was on the list; only its owner reads the mail.
    """
    email = email.strip().lower()
    subscription, _created = Subscription.objects.get_or_create(email=email)
    subscription = Subscription.objects.select_for_update().get(pk=subscription.pk)
    subscription.pending_type_ids = sorted(t.pk for t in types)
    subscription.confirm_token = new_token()
    subscription.requested_at = timezone.now()
    if not subscription.is_confirmed:
        subscription.mail_language = mail_language or settings.LANGUAGE_CODE
    subscription.save()
    _subscription_mail(
        subscription,
        "events/email/subscription_confirm",
        types=list(subscription.pending_types()),
        confirm_days=SUBSCRIPTION_CONFIRM_DAYS,
    )
    return subscription


@transaction.atomic
def subscription_confirm(*, confirm_token: str) -> Subscription | None:
    """Make the asked-for types the choice; None when the link is unknown or was used already."""
    subscription = Subscription.objects.select_for_update().filter(confirm_token=confirm_token).first()
    if subscription is None:
        return None
    subscription.types.set(EventType.objects.filter(pk__in=subscription.pending_type_ids))
    subscription.confirmed_at = subscription.confirmed_at or timezone.now()
    subscription.pending_type_ids = []
    subscription.confirm_token = None
    subscription.requested_at = None
    subscription.save()
    return subscription


@transaction.atomic
def subscription_cancel(*, token: str) -> bool:
    """Unsubscribe: the address is deleted at once. False when it was not (or no longer) there."""
    return Subscription.objects.filter(token=token).forget() > 0


@transaction.atomic
def subscription_purge(now=None) -> int:
    """Forget addresses that were never confirmed, and changes of choice that were not confirmed in time."""
    Subscription.objects.stale_requests(now).update(pending_type_ids=[], confirm_token=None, requested_at=None)
    return Subscription.objects.past_retention(now).forget()


def event_announce_to_subscribers(*, event: Event) -> int:
    """Mail everyone who asked for news of this type, once: the first time it is published, coming and on.

    Called after every save in the admin; returns how many mails were queued.
    The announcement row is claimed first, in the same transaction as the mails:
    a second save, or another server saving at the same moment, finds it taken
    (the primary key refuses a second row), and a rollback takes both away.
    """
    with transaction.atomic():
        event = Event.objects.select_related("type").get(pk=event.pk)
        if not event.published or event.is_cancelled or event.starts_at <= timezone.now():
            return 0
        announcement, created = EventAnnouncement.objects.get_or_create(event=event)
        if not created:
            return 0
        subscriptions = list(Subscription.objects.confirmed().filter(types=event.type_id))
        for subscription in subscriptions:
            # Never the online link: that goes only to people with a confirmed place.
            _subscription_mail(subscription, "events/email/new_event", event=event, online_url="")
        announcement.recipients = len(subscriptions)
        announcement.save(update_fields=["recipients"])
    return len(subscriptions)
