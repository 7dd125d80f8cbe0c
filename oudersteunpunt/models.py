import functools
import hashlib
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .images import fit_share_image, shrink, validate_image, validate_share_image
from .richtext import RichTextField
from .validators import phone_validator


class ParentContact(models.Model):
    """Who asked, with a short reference, and how they want to be reached.

    Shared by the requests to the consulent and for a buddy: both are personal
    data that the parts anonymise after a while.
    """

    class Method(models.TextChoices):
        PHONE = "phone", _("bellen")
        EMAIL = "email", _("mailen")

    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=100)
    contact_method = models.CharField(
        _("hoe wil je contact?"), max_length=10, choices=Method.choices, default=Method.EMAIL
    )
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(_("e-mailadres"), max_length=200, blank=True)
    mail_language = models.CharField(
        _("taal van de mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("De taal van de website toen de ouder het formulier stuurde."),
    )

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.reference} {self.name}".strip()


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)


class Page(models.Model):
    """A page with fixed address whose text the netwerkgroep writes in the admin."""

    SLUGS = {
        "over-ons": _("Over ons"),
        "visie": _("Onze visie"),
        "disclaimer": _("Disclaimer"),
        "privacy": _("Privacy"),
        "toegankelijkheid": _("Toegankelijkheid"),
    }

    title = models.CharField(_("titel"), max_length=120)
    slug = models.SlugField(
        _("adres"),
        unique=True,
        choices=list(SLUGS.items()),
        help_text=_("Het adres van de pagina op de website. Elke pagina heeft een vast adres."),
    )
    intro = models.CharField(
        _("korte inleiding"),
        max_length=300,
        blank=True,
        help_text=_("Eén of twee zinnen bovenaan de pagina en in zoekmachines."),
    )
    body = RichTextField(_("tekst"), blank=True)
    image = models.ImageField(
        _("afbeelding"),
        upload_to="pagina/",
        blank=True,
        validators=[validate_image],
        help_text=_("Mag leeg blijven. JPG, PNG of WebP tot 5 MB; we maken hem zelf kleiner."),
    )
    image_alt = models.CharField(
        _("wat staat er op de afbeelding?"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie de afbeelding niet kan zien. Verplicht als er een afbeelding is."),
    )
    published = models.BooleanField(
        _("gepubliceerd"), default=True, help_text=_("Alleen gepubliceerde pagina's zijn te zien.")
    )
    updated_at = models.DateTimeField(_("laatst bijgewerkt"), auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        verbose_name = _("pagina")
        verbose_name_plural = _("pagina's")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        new_image = bool(self.image) and not self.image._committed
        super().save(*args, **kwargs)
        if new_image:
            shrink(self.image)
            super().save(update_fields=["image"])

    def get_absolute_url(self):
        return reverse("page", kwargs={"slug": self.slug})

    def clean(self):
        if self.image and not self.image_alt.strip():
            raise ValidationError({"image_alt": _("Beschrijf kort wat er op de afbeelding staat.")})


class SiteSettings(models.Model):
    """Who runs the site and how parents reach it: one row, edited in the admin.

    Everything that names the organisation (header, footer, mails, the privacy
    and accessibility pages, structured data) reads it from here, so another
    samenwerkingsverband can take the software into use without editing templates.
    """

    CACHE_KEY = "site-settings"

    class AccessibilityStatus(models.TextChoices):
        # The three statuses of the Dutch model statement (modelverklaring toegankelijkheid).
        COMPLIES = "voldoet", _("voldoet")
        PARTIAL = "gedeeltelijk", _("voldoet gedeeltelijk")
        NOT = "niet", _("voldoet niet")

    name = models.CharField(
        _("naam van het Oudersteunpunt"),
        max_length=120,
        default="Oudersteunpunt",
        help_text=_("Zo heet het steunpunt op de website en in de mails."),
    )
    partnership_name = models.CharField(
        _("naam van het samenwerkingsverband"),
        max_length=200,
        blank=True,
        help_text=_("Het samenwerkingsverband passend onderwijs dat het Oudersteunpunt mogelijk maakt."),
    )
    address = models.TextField(
        _("adres"), max_length=300, blank=True, help_text=_("Straat en huisnummer, postcode en plaats.")
    )
    kvk_number = models.CharField(
        _("KvK-nummer"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Een KvK-nummer heeft 8 cijfers, zonder spaties."))],
    )
    municipalities = models.TextField(
        _("gemeenten in de regio"), max_length=1000, blank=True, help_text=_("Eén gemeente per regel.")
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="logo/",
        blank=True,
        validators=[validate_image],
        help_text=_("Mag leeg blijven. JPG, PNG of WebP, het liefst vierkant."),
    )
    share_image = models.ImageField(
        _("afbeelding bij gedeelde links"),
        upload_to="delen/",
        blank=True,
        width_field="share_image_width",
        height_field="share_image_height",
        validators=[validate_image, validate_share_image],
        help_text=_(
            "Deze afbeelding zie je als iemand een link naar de website deelt, bijvoorbeeld in WhatsApp."
            " We snijden hem bij tot 1200 bij 630 pixels. Mag leeg blijven."
        ),
    )
    share_image_alt = models.CharField(
        _("wat staat er op die afbeelding?"),
        max_length=200,
        blank=True,
        help_text=_("Voor wie de afbeelding niet kan zien. Verplicht als er een afbeelding is."),
    )
    share_image_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    share_image_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    consulent_name = models.CharField(_("naam van de consulent"), max_length=120, blank=True)
    consulent_title = models.CharField(
        _("functie van de consulent"),
        max_length=120,
        blank=True,
        help_text=_("Bijvoorbeeld: consulent passend onderwijs."),
    )
    phone = models.CharField(
        _("telefoonnummer"), max_length=40, blank=True, help_text=_("Zoals ouders het moeten intoetsen.")
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    opening_hours = models.CharField(
        _("bereikbaar"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: maandag, dinsdag en donderdag van 9.00 tot 15.00 uur."),
    )
    consulent_email = models.EmailField(
        _("e-mailadres voor meldingen"),
        blank=True,
        help_text=_("Hier komt een melding als er een nieuwe vraag of aanvraag binnenkomt (zonder inhoud)."),
    )

    accessibility_status = models.CharField(
        _("toegankelijkheid: status"),
        max_length=20,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.PARTIAL,
        help_text=_("Voldoet de website aan WCAG 2.1 niveau AA? 'Voldoet' mag pas na een volledig onderzoek."),
    )
    accessibility_date = models.DateField(_("toegankelijkheid: datum van de verklaring"), null=True, blank=True)
    accessibility_checks = models.TextField(
        _("toegankelijkheid: hoe is het onderzocht?"),
        blank=True,
        help_text=_("Welke controles, wanneer, en wat eruit kwam. Eén controle per regel."),
    )
    accessibility_problems = models.TextField(
        _("toegankelijkheid: bekende problemen"),
        blank=True,
        help_text=_("Wat nog niet goed werkt, en wanneer het opgelost is. Eén probleem per regel."),
    )

    class Meta:
        verbose_name = _("contactgegevens")
        verbose_name_plural = _("contactgegevens")
        permissions = [("view_overview", _("Kan het overzicht 'waar vragen ouders naar?' zien"))]

    def __str__(self):
        return str(_("Contactgegevens"))

    def save(self, *args, **kwargs):
        self.pk = 1
        new_logo = bool(self.logo) and not self.logo._committed
        new_share_image = bool(self.share_image) and not self.share_image._committed
        super().save(*args, **kwargs)
        if new_logo:
            shrink(self.logo)
            super().save(update_fields=["logo"])
        if new_share_image:
            fit_share_image(self.share_image)  # sets the width and height fields to the new size
            super().save(update_fields=["share_image", "share_image_width", "share_image_height"])
        cache.delete(self.cache_key())

    def clean(self):
        if self.share_image and not self.share_image_alt.strip():
            raise ValidationError({"share_image_alt": _("Beschrijf kort wat er op de afbeelding staat.")})

    def municipality_list(self):
        return [line.strip() for line in self.municipalities.splitlines() if line.strip()]

    def accessibility_check_list(self):
        return [line.strip() for line in self.accessibility_checks.splitlines() if line.strip()]

    def accessibility_problem_list(self):
        return [line.strip() for line in self.accessibility_problems.splitlines() if line.strip()]

    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @classmethod
    @functools.cache  # the fields are fixed once the models are loaded: not worked out per request
    def cache_key(cls):
        # With the fields in it: a copy kept before a migration added a field (pickled without it)
        # is never read by the new code, which would fetch the missing field from a row that may
        # not exist (a new database beside an old cache).
        fields = ",".join(field.attname for field in cls._meta.concrete_fields)
        return f"{cls.CACHE_KEY}:{hashlib.sha256(fields.encode()).hexdigest()[:12]}"

    @classmethod
    def load(cls):
        return cls.read().value

    @classmethod
    def read(cls):
        """The settings and a key that changes with them (for pieces of pages that show them).

        In this process's memory per version of the "site" part (read with the request's other
        versions, one round trip), which saving the settings renews on every server; below that
        one copy in the shared cache, so a new process does not need the database. The one
        instance is shared by this process's requests: never change it (``row()`` to edit).
        """
        from .fragments import read

        return read(["site"], cls.cache_key(), cls._load_shared, seconds=300)

    @classmethod
    def row(cls):
        """The settings from the database, to change and save (``load()`` gives the shared copy)."""
        return cls.objects.get_or_create(pk=1)[0]

    @classmethod
    def _load_shared(cls):
        value = cache.get(cls.cache_key())
        if value is None:
            value = cls.row()
            cache.set(cls.cache_key(), value, 3600)
        return value


class QueuedMailQuerySet(models.QuerySet):
    """Where the outbox keeps personal data (recipient, text, attachments) and how it goes."""

    WIPED_FIELDS = {
        "to": [],
        "subject": "",
        "body": "",
        "html": "",
        "attachments": [],
        "headers": {},
        "last_error": "",
    }

    def pending(self, now=None):
        """Waiting to be sent, and not waiting for a retry (``claimed_until``) or given up on."""
        now = now or timezone.now()
        return self.filter(
            sent_at__isnull=True, wiped_at__isnull=True, attempts__lt=settings.OSP_MAIL_MAX_ATTEMPTS
        ).filter(models.Q(claimed_until__isnull=True) | models.Q(claimed_until__lt=now))

    def past_retention(self, now=None):
        """Sent (or given up on) longer ago than ``MAIL_RETENTION_DAYS``."""
        cutoff = (now or timezone.now()) - timedelta(days=settings.MAIL_RETENTION_DAYS)
        given_up = models.Q(sent_at__isnull=True, attempts__gte=settings.OSP_MAIL_MAX_ATTEMPTS, created_at__lt=cutoff)
        return self.filter(models.Q(sent_at__lt=cutoff) | given_up, wiped_at__isnull=True)

    def about(self, email, names=()):
        """Mails to this address, or that mention it or one of these full names."""
        to_text = Cast("to", models.TextField())
        query = models.Q(to_text__icontains=email)
        for text in {email, *(n for n in names if n)}:
            query |= (
                models.Q(subject__icontains=text) | models.Q(body__icontains=text) | models.Q(html__icontains=text)
            )
        return self.annotate(to_text=to_text).filter(query, wiped_at__isnull=True)

    def for_export(self):
        return [
            {"aan": mail.to, "onderwerp": mail.subject, "tekst": mail.body, "aangemaakt": mail.created_at.isoformat()}
            for mail in self
        ]

    def wipe(self, now=None):
        """Keep that a mail was sent and when; forget to whom and what. Unsent ones are never sent."""
        from .personal_data import admin_log_forget

        admin_log_forget(self)
        return self.update(**self.WIPED_FIELDS, wiped_at=now or timezone.now())


class QueuedMail(models.Model):
    """A mail that is stored before it is sent, so a failing mail server loses nothing."""

    to = models.JSONField(_("aan"))
    subject = models.CharField(_("onderwerp"), max_length=255)
    body = models.TextField(_("tekst"))
    html = models.TextField(_("html"), blank=True)
    attachments = models.JSONField(_("bijlagen"), default=list, blank=True)
    # Extra mail headers, e.g. List-Unsubscribe (RFC 2369/8058) for mail someone subscribed to.
    headers = models.JSONField(_("extra kopregels"), default=dict, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    sent_at = models.DateTimeField(_("verstuurd"), null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    claimed_until = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("laatste fout"), blank=True)
    wiped_at = models.DateTimeField(_("inhoud gewist"), null=True, blank=True, editable=False)

    objects = QueuedMailQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitgaande mail")
        verbose_name_plural = _("uitgaande mails")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject

    @property
    def is_sent(self):
        return self.sent_at is not None


class SpentFormStart(models.Model):
    """A start time of a public form that was used: each is accepted once (``spam``).

    Only a hash of the signed value, no personal data; rows go after a day.
    """

    digest = models.CharField(max_length=64, unique=True)
    spent_at = models.DateTimeField(db_index=True)

    def __str__(self):
        return self.digest
