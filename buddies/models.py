import secrets
from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.models import ParentContact


class Choice(models.Model):
    """A short list the consulent keeps in the admin (themes, school types, places, languages)."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Theme(Choice):
    class Meta(Choice.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class SchoolType(Choice):
    class Meta(Choice.Meta):
        verbose_name = _("soort school")
        verbose_name_plural = _("soorten school")


class Municipality(Choice):
    class Meta(Choice.Meta):
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")


class Language(Choice):
    class Meta(Choice.Meta):
        verbose_name = _("taal")
        verbose_name_plural = _("talen")


class MeetingWay(models.TextChoices):
    PHONE = "phone", _("bellen")
    VIDEO = "video", _("videobellen")
    WALK = "walk", _("wandelen")
    CAFE = "cafe", _("koffie drinken")


OPEN_MATCH_STATES = ("proposed", "accepted", "active")
BUSY_MATCH_STATES = ("accepted", "active")


class BuddyProfileQuerySet(models.QuerySet):
    def available(self, today=None):
        """Trained, active buddies; whether they have room is checked per buddy."""
        today = today or timezone.localdate()
        return self.filter(active=True, trained_on__isnull=False, trained_on__lte=today)

    def with_load(self):
        return self.annotate(busy=models.Count("matches", filter=Q(matches__state__in=BUSY_MATCH_STATES)))


class BuddyProfile(models.Model):
    """A trained parent (ervaringsdeskundige ouder) who supports other parents."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="buddy_profile")
    first_name = models.CharField(_("voornaam (zien ouders)"), max_length=50)
    introduction = models.TextField(
        _("korte introductie"),
        max_length=800,
        blank=True,
        help_text=_("Een paar zinnen over jezelf, in je eigen woorden."),
    )
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("thema's die je kent"))
    school_types = models.ManyToManyField(SchoolType, blank=True, verbose_name=_("soorten school die je kent"))
    children_ages = models.CharField(_("leeftijden van je eigen kinderen"), max_length=50, blank=True)
    child_age_min = models.PositiveSmallIntegerField(_("kan steunen bij kinderen vanaf"), default=4)
    child_age_max = models.PositiveSmallIntegerField(_("tot en met"), default=18)
    municipalities = models.ManyToManyField(Municipality, blank=True, verbose_name=_("gemeenten die je kunt bereiken"))
    languages = models.ManyToManyField(Language, blank=True, verbose_name=_("talen die je spreekt"))
    meeting_ways = models.JSONField(_("hoe je graag afspreekt"), default=list, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("aantal ouders tegelijk"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    trained_on = models.DateField(_("training afgerond op"), null=True, blank=True)
    active = models.BooleanField(_("actief"), default=True, help_text=_("Zet uit om even te pauzeren."))
    show_on_site = models.BooleanField(_("voornaam en introductie op de website tonen"), default=False)

    objects = BuddyProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("buddy")
        verbose_name_plural = _("buddy's")
        ordering = ["first_name"]

    def __str__(self):
        return self.first_name

    def busy_count(self):
        return self.matches.filter(state__in=BUSY_MATCH_STATES).count()

    def has_room(self):
        return self.busy_count() < self.capacity


def new_token():
    return secrets.token_urlsafe(32)


def retention_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=30 * settings.BUDDY_RETENTION_MONTHS)


class BuddyRequestQuerySet(models.QuerySet):
    """Personal data of a buddy request: the fields ``anonymise`` empties, listed once."""

    PERSONAL_FIELDS = ("name", "email", "phone", "hopes")

    def for_email(self, email):
        return self.filter(email__iexact=email)

    def past_retention(self, now=None):
        """Older than ``BUDDY_RETENTION_MONTHS`` and without a match that runs or ended since."""
        cutoff = retention_cutoff(now)
        return (
            self.filter(created_at__lt=cutoff, anonymised_at__isnull=True)
            .exclude(matches__state__in=OPEN_MATCH_STATES)
            .exclude(matches__state="ended", matches__ended_at__gte=cutoff)
        )

    def names(self):
        return list(self.exclude(name="").values_list("name", flat=True))

    def anonymise(self, now=None):
        """The request is closed; the consulent's notes on its matches go too, and the admin's history."""
        from oudersteunpunt.personal_data import admin_log_forget

        now = now or timezone.now()
        admin_log_forget(self)
        Match.objects.filter(request__in=self).anonymise(now)
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""), anonymised_at=now, closed_at=now)


class MatchQuerySet(models.QuerySet):
    PERSONAL_FIELDS = ("notes", "end_reason", "decline_reason")

    def past_retention(self, now=None):
        """Ended or declined longer than ``BUDDY_RETENTION_MONTHS`` ago."""
        cutoff = retention_cutoff(now)
        ended = Q(state=Match.State.ENDED, ended_at__lt=cutoff)
        declined = Q(state=Match.State.DECLINED, decided_at__lt=cutoff)
        return self.filter(ended | declined, anonymised_at__isnull=True)

    def anonymise(self, now=None):
        from oudersteunpunt.personal_data import admin_log_forget

        admin_log_forget(self)
        return self.update(**dict.fromkeys(self.PERSONAL_FIELDS, ""), anonymised_at=now or timezone.now())


class BuddyRequest(ParentContact):
    # Empty when the parent lives elsewhere or does not know: the form offers that instead of forcing a guess.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("gemeente")
    )
    child_age = models.PositiveSmallIntegerField(
        _("leeftijd van je kind"), validators=[MinValueValidator(0), MaxValueValidator(25)]
    )
    school_type = models.ForeignKey(
        SchoolType, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("soort school")
    )
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("waar gaat het over?"))
    language = models.ForeignKey(
        Language, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("taal waarin je wilt praten")
    )
    hopes = models.TextField(_("wat hoop je van een buddy?"), max_length=2000)
    consent = models.BooleanField(_("toestemming"), default=False)
    created_at = models.DateTimeField(_("aangevraagd op"), default=timezone.now)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True, editable=False)

    objects = BuddyRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("buddy-aanvraag")
        verbose_name_plural = _("buddy-aanvragen")
        ordering = ["-created_at"]

    def first_name(self):
        return self.name.split(" ")[0] if self.name else ""

    def get_admin_url(self):
        return reverse("admin:buddies_buddyrequest_change", args=[self.pk])

    def state(self):
        """Where the request stands, from its matches."""
        if self.closed_at:
            return _("afgesloten")
        states = {match.state for match in self.matches.all()}  # uses prefetch_related("matches") when given
        for state, label in [
            ("active", _("loopt")),
            ("accepted", _("geaccepteerd")),
            ("proposed", _("voorgesteld")),
            ("ended", _("afgelopen")),
        ]:
            if state in states:
                return label
        return _("aangevraagd")


class Match(models.Model):
    class State(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ACCEPTED = "accepted", _("geaccepteerd")
        DECLINED = "declined", _("afgewezen")
        ACTIVE = "active", _("loopt")
        ENDED = "ended", _("afgelopen")

    request = models.ForeignKey(
        BuddyRequest, on_delete=models.CASCADE, related_name="matches", verbose_name=_("aanvraag")
    )
    buddy = models.ForeignKey(BuddyProfile, on_delete=models.PROTECT, related_name="matches", verbose_name=_("buddy"))
    state = models.CharField(_("stand"), max_length=20, choices=State.choices, default=State.PROPOSED, db_index=True)
    reasons = models.JSONField(_("waarom deze buddy"), default=list, blank=True)
    proposed_at = models.DateTimeField(_("voorgesteld op"), default=timezone.now)
    decided_at = models.DateTimeField(_("besluit buddy op"), null=True, blank=True)
    decline_reason = models.CharField(_("reden van afwijzen"), max_length=300, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    follow_up_1 = models.DateField(_("eerste opvolging"), null=True, blank=True)
    follow_up_2 = models.DateField(_("tweede opvolging"), null=True, blank=True)
    ended_at = models.DateTimeField(_("beëindigd op"), null=True, blank=True)
    end_reason = models.CharField(_("reden van stoppen"), max_length=300, blank=True)
    notes = models.TextField(_("notities van de consulent"), blank=True)
    evaluation_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = MatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("koppeling")
        verbose_name_plural = _("koppelingen")
        ordering = ["-proposed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "buddy"], condition=Q(state__in=OPEN_MATCH_STATES), name="one_open_match_per_pair"
            )
        ]

    def __str__(self):
        return f"{self.buddy} – {self.request}"

    def start(self, when=None):
        self.started_at = when or timezone.now()
        start = timezone.localtime(self.started_at).date()
        self.follow_up_1 = start + timedelta(weeks=4)
        self.follow_up_2 = start + timedelta(weeks=8)


class Evaluation(models.Model):
    """What a parent thought of the buddy contact. Stored without name or link to the person."""

    class Score(models.IntegerChoices):
        NOT = 1, _("niet")
        A_LITTLE = 2, _("een beetje")
        MUCH = 3, _("veel")

    helped = models.PositiveSmallIntegerField(_("heeft het contact je geholpen?"), choices=Score.choices)
    felt_heard = models.PositiveSmallIntegerField(_("voelde je je gehoord?"), choices=Score.choices)
    would_recommend = models.BooleanField(_("zou je een buddy aanraden aan een andere ouder?"))
    remarks = models.TextField(_("wil je nog iets kwijt?"), max_length=2000, blank=True)
    created_at = models.DateField(_("ingevuld in"), auto_now_add=True)

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_helped_display()} ({self.created_at})"
