import hashlib
import html
import json
import secrets
from datetime import timedelta

import nh3
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def plain_text(value):
    """A parent's words as plain text: every tag and event handler gone, the line breaks kept.

    nh3 (the sanitiser of the rich text) drops the tags, and the content of <script>
    and <style> with them; its output is HTML, so it is turned back into text once.
    An ``&`` is escaped first, so "&lt;" typed as such stays that text. Cleaned until
    nothing changes, so cleaning again (every save) never changes a stored text.
    The page escapes the text again when it shows it.
    """
    value = (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    for _round in range(5):
        cleaned = html.unescape(nh3.clean(value.replace("&", "&amp;"), tags=set())).strip()
        if cleaned == value:
            break
        value = cleaned
    return value


class PlainTextField(models.TextField):
    """Text cleaned on every save (like ``RichTextField``), also when it is not saved through a form."""

    def pre_save(self, model_instance, add):
        value = plain_text(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value


def new_token():
    return secrets.token_urlsafe(32)


def shown_name_for(name, name_shown):
    """The name under a story: the first name, the initials (S.d.V.) or nothing (anonymous)."""
    words = (name or "").split()
    if not words or name_shown == Story.NameShown.ANONYMOUS:
        return ""
    if name_shown == Story.NameShown.INITIALS:
        return "".join(f"{word[0]}." for word in words)
    return words[0]


class StoryQuerySet(models.QuerySet):
    """Personal data of a story: the fields ``anonymise`` empties, listed once."""

    # What says who sent it: gone after the retention time, whatever the state.
    ORIGINAL_FIELDS = ("original_happened", "original_helped", "original_proud")
    PERSONAL_FIELDS = ("name", "email", *ORIGINAL_FIELDS)
    # The texts themselves: kept only while they are (or may be) published.
    TEXT_FIELDS = ("title", "happened", "helped", "proud", "shown_name")

    def published(self):
        return self.filter(state=Story.State.PUBLISHED)

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def past_retention(self, now=None):
        """Published, withdrawn or declined longer ago than ``STORY_EMAIL_RETENTION_DAYS``."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.STORY_EMAIL_RETENTION_DAYS)
        state = Story.State
        return self.filter(
            Q(state=state.PUBLISHED, published_at__lt=cutoff)
            | Q(state=state.WITHDRAWN, withdrawn_at__lt=cutoff)
            | Q(state=state.REJECTED, rejected_at__lt=cutoff)
        ).filter(anonymised_at__isnull=True)

    def names(self):
        return list(self.exclude(name="").values_list("name", flat=True))

    def forget_history(self):
        """The admin's history keeps texts (django-reversion) and titles (the log): forget both."""
        from reversion.models import Version

        from oudersteunpunt.personal_data import admin_log_forget

        admin_log_forget(self)
        pks = [str(pk) for pk in self.values_list("pk", flat=True)]
        Version.objects.get_for_model(self.model).filter(object_id__in=pks).delete()

    def anonymise(self, now=None):
        """Who sent it goes; a story that is not online loses its texts too."""
        self.forget_history()
        self.exclude(state=Story.State.PUBLISHED).update(**dict.fromkeys(self.TEXT_FIELDS, ""))
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""), anonymised_at=now or timezone.now())

    def erase(self):
        """Everything of these stories, for a parent who asks to be forgotten."""
        self.forget_history()
        return self.delete()[0]


class Story(models.Model):
    """A parent's own story: sent by the parent, edited by the netwerkgroep, approved by the parent."""

    class State(models.TextChoices):
        NEW = "new", _("nieuw")
        EDITING = "editing", _("in bewerking")
        AWAITING_APPROVAL = "awaiting_approval", _("klaar voor akkoord")
        PUBLISHED = "published", _("gepubliceerd")
        REJECTED = "rejected", _("afgewezen")
        WITHDRAWN = "withdrawn", _("ingetrokken")

    class NameShown(models.TextChoices):
        FIRST_NAME = "first_name", _("Mijn voornaam")
        INITIALS = "initials", _("Mijn voorletters")
        ANONYMOUS = "anonymous", _("Geen naam (anoniem)")

    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.NEW, db_index=True)
    phase = models.ForeignKey(
        "faq.Phase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("fase"),
        related_name="+",
    )
    themes = models.ManyToManyField("faq.Theme", blank=True, verbose_name=_("thema's"), related_name="+")

    # As the parent sent it: what the netwerkgroep starts from, never shown on the site.
    original_happened = PlainTextField(_("wat er gebeurde (zoals gestuurd)"), blank=True)
    original_helped = PlainTextField(_("wat hielp (zoals gestuurd)"), blank=True)
    original_proud = PlainTextField(_("waar de ouder trots op is (zoals gestuurd)"), blank=True)

    # The version on the site, once the parent has approved exactly this text.
    title = models.CharField(_("titel"), max_length=120, blank=True)
    happened = PlainTextField(_("wat er gebeurde"), blank=True)
    helped = PlainTextField(_("wat hielp"), blank=True)
    proud = PlainTextField(_("waar ik trots op ben"), blank=True)
    shown_name = models.CharField(
        _("naam bij het verhaal"),
        max_length=100,
        blank=True,
        help_text=_("Leeg: het verhaal staat er zonder naam (van 'een ouder')."),
    )

    name = models.CharField(_("naam van de ouder"), max_length=100, blank=True)
    name_shown = models.CharField(
        _("gekozen naam bij het verhaal"), max_length=20, choices=NameShown.choices, default=NameShown.FIRST_NAME
    )
    email = models.EmailField(_("e-mailadres"), max_length=200, blank=True)
    mail_language = models.CharField(
        _("taal van de mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    consent = models.BooleanField(_("toestemming"), default=False)

    # The private link of the parent: preview, approve, withdraw.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    approved_digest = models.CharField(max_length=64, blank=True, editable=False)

    created_at = models.DateTimeField(_("binnengekomen"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    approval_requested_at = models.DateTimeField(_("naar de ouder gestuurd op"), null=True, blank=True, editable=False)
    approved_at = models.DateTimeField(_("akkoord van de ouder op"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True, editable=False)
    rejected_at = models.DateTimeField(_("afgewezen op"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("gegevens van de ouder gewist op"), null=True, blank=True, editable=False)

    objects = StoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("verhaal")
        verbose_name_plural = _("verhalen")
        ordering = ["-published_at", "-created_at"]
        indexes = [models.Index(fields=["state", "phase", "-published_at"], name="story_published_phase")]

    def __str__(self):
        return self.title or (self.happened or self.original_happened)[:60] or str(_("Verhaal zonder titel"))

    def save(self, *args, **kwargs):
        self.clean_texts()  # the digest is of the text as stored
        if self.state == self.State.PUBLISHED and self.digest() != self.approved_digest:
            # Changed after the parent's approval: off the site until the parent approves again.
            self.state = self.State.EDITING
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "state", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("stories:detail", kwargs={"pk": self.pk})

    def get_private_url(self):
        return reverse("stories:private", kwargs={"token": self.token})

    def get_admin_url(self):
        return reverse("admin:stories_story_change", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        story = super().from_db(db, field_names, values)
        # The phase it had when loaded: a story that moves renews the old phase's page too.
        story._loaded_phase_id = story.__dict__.get("phase_id")
        return story

    def clean_texts(self):
        """The public texts as they will be stored (``save`` does this too)."""
        for name in ("happened", "helped", "proud"):
            setattr(self, name, plain_text(getattr(self, name)))
        self.title = " ".join(plain_text(self.title).split())
        self.shown_name = " ".join(plain_text(self.shown_name).split())

    def digest(self):
        """A fingerprint of exactly what the site shows: the parent approves this, and only this."""
        text = json.dumps([self.title, self.happened, self.helped, self.proud, self.shown_name])
        return hashlib.sha256(text.encode()).hexdigest()

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED
