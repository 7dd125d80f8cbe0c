import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.models import ParentContact


class Topic(models.Model):
    """What a question is about, in words parents use. Used for the overview, never for persons."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("onderwerp")
        verbose_name_plural = _("onderwerpen")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


def working_days_between(start: datetime.date, end: datetime.date) -> int:
    """Monday to Friday after ``start`` up to and including ``end``."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + datetime.timedelta(days=offset)).weekday() < 5:
            count += 1
    return count


class ContactRequestQuerySet(models.QuerySet):
    """Personal data of a request: the fields ``anonymise`` empties, listed once."""

    PERSONAL_FIELDS = ("name", "phone", "email", "good_times", "message")

    def open(self):
        return self.exclude(status=ContactRequest.Status.CLOSED)

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def past_retention(self, now=None):
        """Closed longer ago than ``CONTACT_RETENTION_MONTHS``."""
        cutoff = (now or timezone.now()) - datetime.timedelta(days=30 * settings.CONTACT_RETENTION_MONTHS)
        return self.filter(status=ContactRequest.Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True)

    def names(self):
        return list(self.exclude(name="").values_list("name", flat=True))

    def anonymise(self, now=None):
        """The consulent's notes about the person go too, and the admin's history of it."""
        from oudersteunpunt.personal_data import admin_log_forget

        admin_log_forget(self)
        ContactNote.objects.filter(request__in=self).update(text="")
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""), anonymised_at=now or timezone.now())


class ContactRequest(ParentContact):
    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        IN_PROGRESS = "in_progress", _("in behandeling")
        WAITING = "waiting", _("wacht op ouder")
        CLOSED = "closed", _("afgerond")

    good_times = models.CharField(_("wanneer kunnen we je het best bellen?"), max_length=200, blank=True)
    may_leave_message = models.BooleanField(_("we mogen een bericht inspreken of een mail sturen"), default=True)
    phase = models.ForeignKey(
        "faq.Phase", on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("fase"), related_name="+"
    )
    topic = models.ForeignKey(Topic, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("onderwerp"))
    about_question = models.ForeignKey(
        "faq.Question",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("naar aanleiding van"),
        related_name="+",
    )
    message = models.TextField(_("je vraag"), max_length=4000)
    consent = models.BooleanField(_("toestemming"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("wie pakt het op"),
        limit_choices_to={"is_staff": True},
        related_name="+",
    )
    created_at = models.DateTimeField(_("binnengekomen"), default=timezone.now, db_index=True)
    closed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True, editable=False)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag aan de consulent")
        verbose_name_plural = _("vragen aan de consulent")
        ordering = ["-created_at"]

    def save(self, *args, **kwargs):
        if self.status == self.Status.CLOSED and not self.closed_at:
            self.closed_at = timezone.now()
        elif self.status != self.Status.CLOSED:
            self.closed_at = None
        super().save(*args, **kwargs)

    def get_admin_url(self):
        return reverse("admin:contact_contactrequest_change", args=[self.pk])

    def working_days_open(self, today=None):
        end = self.closed_at or timezone.now()
        return working_days_between(
            timezone.localtime(self.created_at).date(), today or timezone.localtime(end).date()
        )

    def is_overdue(self, today=None):
        return (
            self.status == self.Status.NEW
            and self.working_days_open(today) > settings.OSP_RESPONSE_TARGET_WORKING_DAYS
        )


class ContactNote(models.Model):
    """An internal note of the consulent. Never shown to the parent."""

    request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False, verbose_name=_("door")
    )
    text = models.TextField(_("notitie"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:50]
