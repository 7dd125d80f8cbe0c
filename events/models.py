import secrets
from datetime import timedelta
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.richtext import RichTextField
from oudersteunpunt.validators import phone_validator


class Audience(models.TextChoices):
    PARENTS = "parents", _("ouders")
    PROFESSIONALS = "professionals", _("professionals")
    BOTH = "both", _("ouders en professionals")


class Role(models.TextChoices):
    PARENT = "parent", _("ouder")
    PROFESSIONAL = "professional", _("professional")


class EventType(models.Model):
    """A kind of activity: Oudercafé, Passend-onderwijs-café, dialoogsessie, …"""

    name = models.CharField(_("naam"), max_length=80)
    slug = models.SlugField(_("adres"), unique=True)
    description = models.TextField(_("beschrijving"), help_text=_("Wat gebeurt er, in een paar zinnen."))
    for_whom = models.CharField(
        _("voor wie"), max_length=200, help_text=_("Bijvoorbeeld: ouders van kinderen op de basisschool.")
    )
    frequency = models.CharField(
        _("hoe vaak"), max_length=120, blank=True, help_text=_("Bijvoorbeeld: vier keer per jaar.")
    )
    audience = models.CharField(
        _("voor ouders of professionals"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PARENTS,
        help_text=_("Activiteiten alleen voor professionals krijgen dat label in de agenda."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("soort activiteit")
        verbose_name_plural = _("soorten activiteiten")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("events:type", kwargs={"slug": self.slug})


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")

    def with_counts(self):
        confirmed = Q(signups__status=Signup.Status.CONFIRMED)
        return self.annotate(
            confirmed_people=Coalesce(Sum("signups__people", filter=confirmed), 0),
            confirmed_professionals=Coalesce(
                Sum("signups__people", filter=confirmed & Q(signups__role=Role.PROFESSIONAL)), 0
            ),
            waiting_count=Count("signups", filter=Q(signups__status=Signup.Status.WAITING)),
        )


def counted(events):
    """``events`` as a list, each with the totals ``with_counts()`` gives, for a page of events.

    One small query grouped by event, status and role instead of a join with a GROUP BY
    over every column of the event and its type: Django needs milliseconds to write that
    SQL, SQLite well under one to run it.
    """
    events = list(events)
    totals = {event.pk: {"confirmed_people": 0, "confirmed_professionals": 0, "waiting_count": 0} for event in events}
    rows = (
        Signup.objects.filter(event_id__in=list(totals))
        .exclude(status=Signup.Status.CANCELLED)
        .values_list("event_id", "status", "role")
        .annotate(people=Sum("people"), count=Count("id"))
        .order_by()
    )
    for event_id, status, role, people, count in rows:
        total = totals[event_id]
        if status == Signup.Status.CONFIRMED:
            total["confirmed_people"] += people
            if role == Role.PROFESSIONAL:
                total["confirmed_professionals"] += people
        elif status == Signup.Status.WAITING:
            total["waiting_count"] += count
    for event in events:
        event.__dict__.update(totals[event.pk])
    return events


class Event(models.Model):
    type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events", verbose_name=_("soort"))
    title = models.CharField(_("titel"), max_length=150)
    slug = models.SlugField(_("adres"), max_length=150, unique=True)
    theme = models.CharField(_("thema"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("begint om"))
    ends_at = models.DateTimeField(_("eindigt om"))
    place_name = models.CharField(
        _("plaats"), max_length=150, blank=True, help_text=_("Bijvoorbeeld: Bibliotheek Centrum, zaal 2.")
    )
    address = models.CharField(_("adres van de plaats"), max_length=200, blank=True)
    online_url = models.URLField(
        _("online link"), blank=True, help_text=_("Alleen als de bijeenkomst (ook) online is.")
    )
    description = RichTextField(_("beschrijving"), blank=True)
    audience = models.CharField(_("voor wie"), max_length=20, choices=Audience.choices, default=Audience.PARENTS)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)], default=15)
    max_professionals = models.PositiveIntegerField(
        _("maximaal aantal professionals"),
        null=True,
        blank=True,
        help_text=_("Laat leeg als er geen grens is. Zo blijven ouders in de meerderheid."),
    )
    signup_deadline = models.DateTimeField(
        _("aanmelden kan tot"),
        null=True,
        blank=True,
        help_text=_("Laat leeg om aanmelden tot het begin toe te staan."),
    )
    published = models.BooleanField(_("gepubliceerd"), default=True)
    cancelled_at = models.DateTimeField(_("afgelast op"), null=True, blank=True, editable=False)
    # Counts the changes participants were told about; calendars apply the
    # invitation or cancellation with the highest number (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")
        ordering = ["starts_at"]

    def __str__(self):
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y})"

    def get_absolute_url(self):
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Het einde moet na het begin liggen.")
        if self.signup_deadline and self.starts_at and self.signup_deadline > self.starts_at:
            errors["signup_deadline"] = _("Aanmelden moet sluiten voordat de activiteit begint.")
        if self.signup_deadline and self._state.adding and self.signup_deadline < timezone.now():
            errors["signup_deadline"] = _("Deze datum ligt in het verleden.")
        if self.max_professionals is not None and self.capacity and self.max_professionals > self.capacity:
            errors["max_professionals"] = _("Dit kan niet meer zijn dan het aantal plaatsen.")
        if self.audience == Audience.PARENTS and self.max_professionals:
            errors["max_professionals"] = _("Deze activiteit is alleen voor ouders.")
        if not self.place_name and not self.online_url:
            errors["place_name"] = _("Vul een plaats in, een online link, of allebei.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_cancelled(self):
        return self.cancelled_at is not None

    @property
    def closes_at(self):
        return self.signup_deadline or self.starts_at

    def signup_closed_reason(self, now=None):
        """Why the form is closed, in words for a parent; None when it is open."""
        now = now or timezone.now()
        if self.is_cancelled:
            return _("Deze activiteit gaat niet door. Aanmelden kan niet meer.")
        if self.ends_at < now:
            return _("Deze activiteit is al geweest.")
        if self.closes_at < now:
            return _("Aanmelden is gesloten. Neem contact met ons op als je toch wilt komen.")
        return None

    def places_left(self):
        """Needs ``with_counts()``."""
        return max(self.capacity - self.confirmed_people, 0)

    @property
    def map_url(self):
        if not self.address:
            return ""
        return f"https://www.openstreetmap.org/search?query={quote(self.address)}"


def new_token():
    return secrets.token_urlsafe(32)


class SignupQuerySet(models.QuerySet):
    """Personal data of a sign-up: the fields ``anonymise`` empties, listed once."""

    PERSONAL_FIELDS = ("name", "email", "phone", "remarks")

    def active(self):
        return self.exclude(status=Signup.Status.CANCELLED)

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def past_retention(self, now=None):
        """Some days after the event (``EVENT_SIGNUP_RETENTION_DAYS``); counts stay, people go."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.EVENT_SIGNUP_RETENTION_DAYS)
        return self.filter(event__ends_at__lt=cutoff, purged_at__isnull=True).filter(~Q(name="") | ~Q(email=""))

    def names(self):
        return list(self.exclude(name="").values_list("name", flat=True))

    def anonymise(self, now=None):
        from oudersteunpunt.personal_data import admin_log_forget

        admin_log_forget(self)
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""), purged_at=now or timezone.now())


class Signup(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("aangemeld")
        WAITING = "waiting", _("wachtlijst")
        CANCELLED = "cancelled", _("afgemeld")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="signups", verbose_name=_("activiteit"))
    name = models.CharField(_("naam"), max_length=100)
    email = models.EmailField(_("e-mailadres"), max_length=200)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True, validators=[phone_validator])
    role = models.CharField(_("ik kom als"), max_length=20, choices=Role.choices, default=Role.PARENT)
    people = models.PositiveSmallIntegerField(_("aantal personen"), choices=[(1, "1"), (2, "2")], default=1)
    remarks = models.TextField(_("wat heb je nodig om te kunnen komen?"), max_length=1000, blank=True)
    consent = models.BooleanField(_("toestemming"), default=False)
    mail_language = models.CharField(
        _("taal van de mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.CONFIRMED)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    purged_at = models.DateTimeField(_("gegevens gewist op"), null=True, blank=True, editable=False)

    objects = SignupQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~Q(status="cancelled") & ~Q(email=""),
                name="one_active_signup_per_address",
            )
        ]

    def __str__(self):
        return self.name or str(_("(gewist)"))

    def get_cancel_url(self):
        return reverse("events:cancel", kwargs={"token": self.token})


# An address that is not confirmed within this many days is forgotten (``purge_event_subscriptions``).
SUBSCRIPTION_CONFIRM_DAYS = 7


class SubscriptionQuerySet(models.QuerySet):
    """Mail about new events: only an address, removed as a whole row when it goes."""

    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def past_retention(self, now=None):
        """Never confirmed, and asked longer ago than ``SUBSCRIPTION_CONFIRM_DAYS``."""
        cutoff = (now or timezone.now()) - timedelta(days=SUBSCRIPTION_CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=True, requested_at__lt=cutoff)

    def stale_requests(self, now=None):
        """Confirmed, with a change of choice that was not confirmed in time."""
        cutoff = (now or timezone.now()) - timedelta(days=SUBSCRIPTION_CONFIRM_DAYS)
        return self.filter(confirmed_at__isnull=False, requested_at__lt=cutoff)

    def forget(self):
        """Delete the rows (and their choice of types) and what the admin's history says of them."""
        from oudersteunpunt.personal_data import admin_log_forget

        admin_log_forget(self)
        _total, per_model = self.delete()
        return per_model.get(self.model._meta.label, 0)


class Subscription(models.Model):
    """Someone who wants a mail when a new event of the chosen types is published.

    Double opt-in: a request stores the wanted types in ``pending_type_ids`` and mails
    a link with ``confirm_token``; only that link makes them the choice (``types``).
    So nobody can subscribe or change the choice of someone else's address.
    ``token`` is the address's own unsubscribe link, the same in every mail.
    """

    email = models.EmailField(_("e-mailadres"), max_length=200, unique=True)
    types = models.ManyToManyField(
        EventType, blank=True, related_name="subscriptions", verbose_name=_("soorten activiteiten")
    )
    pending_type_ids = models.JSONField(default=list, blank=True, editable=False)
    confirm_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    requested_at = models.DateTimeField(_("gevraagd op"), null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True, editable=False)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    mail_language = models.CharField(
        _("taal van de mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail bij nieuwe activiteiten")
        verbose_name_plural = _("mail bij nieuwe activiteiten")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def pending_types(self):
        return EventType.objects.filter(pk__in=self.pending_type_ids)

    def get_confirm_url(self):
        return reverse("events:subscription_confirm", kwargs={"token": self.confirm_token})

    def get_unsubscribe_url(self):
        return reverse("events:unsubscribe", kwargs={"token": self.token})


class EventAnnouncement(models.Model):
    """The one time subscribers were told about an event: a row per event, so never twice.

    A table of its own rather than a field on ``Event``: an admin form saved at the
    same moment writes every field of the event, and would write an empty one back.
    The primary key makes a second insert fail, on any server.
    """

    event = models.OneToOneField(Event, on_delete=models.CASCADE, primary_key=True, related_name="announcement")
    announced_at = models.DateTimeField(_("gemaild op"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("aantal mails"), default=0)

    class Meta:
        verbose_name = _("mail over een nieuwe activiteit")
        verbose_name_plural = _("mails over nieuwe activiteiten")

    def __str__(self):
        return str(self.event)
