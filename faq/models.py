import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from oudersteunpunt import plainlanguage
from oudersteunpunt.richtext import RichTextField

from . import search

REVIEW_AFTER = datetime.timedelta(days=365)


MAX_SOURCES = 20


def parse_sources(text):
    """Lines of "title | url". Only http(s) addresses with a host: a javascript: or data: link never reaches a page."""
    links = []
    for line in (text or "").splitlines():
        title, bar, url = line.rpartition("|")
        title, url = " ".join(title.split()), url.strip()
        if not bar or not url or any(c.isspace() or ord(c) < 32 for c in url):
            continue
        parts = urlsplit(url)
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            continue
        links.append((title[:200] or parts.netloc, url[:500]))
        if len(links) == MAX_SOURCES:
            break
    return links


class Phase(models.Model):
    """Where a parent stands: from first worries to a child at home without school."""

    name = models.CharField(_("naam"), max_length=100)
    slug = models.SlugField(
        _("adres"), unique=True, help_text=_("Het laatste stuk van het webadres, bijv. eerste-zorgen.")
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0, help_text=_("Lager komt eerder."))
    description = models.CharField(_("korte beschrijving"), max_length=300)
    you_are_here_if = models.CharField(
        _("je bent hier waarschijnlijk als…"),
        max_length=300,
        help_text=_("Eén of twee zinnen waarin een ouder zich herkent."),
    )
    chooser_statement = models.CharField(
        _("zin voor 'waar sta je nu?'"),
        max_length=120,
        help_text=_("Kort, in de ik-vorm. Bijvoorbeeld: Ik maak me zorgen over mijn kind."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("fase")
        verbose_name_plural = _("fases")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("faq:phase", kwargs={"phase": self.slug})


class Theme(models.Model):
    """A group of questions inside a phase."""

    phase = models.ForeignKey(Phase, on_delete=models.CASCADE, related_name="themes", verbose_name=_("fase"))
    name = models.CharField(_("naam"), max_length=100)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["phase__order", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.phase})"


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def review_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(Q(last_reviewed__lt=today - REVIEW_AFTER) | Q(last_reviewed__isnull=True))


class Question(models.Model):
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="questions", verbose_name=_("fase"))
    theme = models.ForeignKey(
        Theme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="questions",
        verbose_name=_("thema"),
        help_text=_("Kies een thema van dezelfde fase."),
    )
    title = models.CharField(_("vraag"), max_length=200, help_text=_("Kort, zoals een ouder het zou vragen."))
    slug = models.SlugField(_("adres"), max_length=200, unique=True)
    answer = RichTextField(_("antwoord"))
    last_reviewed = models.DateField(
        _("laatst gecontroleerd op"),
        default=timezone.localdate,
        help_text=_("Zet hier de datum waarop iemand het antwoord heeft nagelezen."),
    )
    published = models.BooleanField(_("gepubliceerd"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("verwante vragen"))
    search_words = models.CharField(
        _("extra zoekwoorden"),
        max_length=300,
        blank=True,
        help_text=_(
            "Woorden waarmee ouders deze vraag zoeken maar die niet in de tekst staan, met komma's ertussen. "
            "Ze worden niet getoond."
        ),
    )
    sources = models.TextField(
        _("bronnen"),
        blank=True,
        help_text=_(
            "Eén bron per regel: titel | webadres, bijvoorbeeld: Passend onderwijs (Rijksoverheid) | "
            "https://www.rijksoverheid.nl/onderwerpen/passend-onderwijs. Alleen adressen die met https:// of http:// "
            "beginnen worden getoond."
        ),
    )
    helpful_yes = models.PositiveIntegerField(_("geholpen: ja"), default=0, editable=False)
    helpful_no = models.PositiveIntegerField(_("geholpen: nee"), default=0, editable=False)
    title_index = models.TextField(editable=False, default="")
    body_index = models.TextField(editable=False, default="")
    # Indexed: the search checks the latest change on every search.
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True, db_index=True)
    # The Taalhulp's score of the answer (0-100), kept so the list can show and filter it.
    plain_language_score = models.PositiveSmallIntegerField(_("leesbaarheid"), null=True, editable=False)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["phase__order", "theme__order", "order", "title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        self.title_index = search.index_text(self.title)
        self.body_index = search.index_text(self.answer)
        self.plain_language_score = plainlanguage.analyse(self.answer, jargon=Term.jargon()).score
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:question", kwargs={"phase": self.phase.slug, "question": self.slug})

    def source_links(self):
        """The sources as (title, url) pairs; a line without a web address of its own is left out."""
        return parse_sources(self.sources)

    @property
    def review_overdue(self):
        return self.last_reviewed is None or self.last_reviewed < timezone.localdate() - REVIEW_AFTER


class Term(models.Model):
    """A word from school jargon, explained in plain language."""

    term = models.CharField(_("begrip"), max_length=80, unique=True)
    slug = models.SlugField(_("anker"), max_length=80, unique=True)
    meaning = models.CharField(
        _("betekent"), max_length=120, blank=True, help_text=_("Bijv. de volledige naam: ontwikkelingsperspectief.")
    )
    explanation = models.TextField(_("uitleg"), help_text=_("Eén tot drie zinnen in gewone taal."))
    variants = models.CharField(
        _("andere vormen"),
        max_length=200,
        blank=True,
        help_text=_("Met komma's ertussen. Deze woorden worden in antwoorden ook uitgelegd, bijv. thuiszitten."),
    )
    search_index = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("begrip")
        verbose_name_plural = _("begrippen")
        ordering = ["term"]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.term)
        self.search_index = search.index_text(" ".join([self.term, self.meaning, self.variants, self.explanation]))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("faq:glossary") + f"#{self.slug}"

    @classmethod
    def jargon(cls):
        """The glossary as the Taalhulp reads it."""
        return [plainlanguage.Jargon(t.term, t.meaning, tuple(t.forms())) for t in cls.objects.all()]

    def forms(self):
        return [self.term, *(v.strip() for v in self.variants.split(",") if v.strip())]


class MissedSearchQuerySet(models.QuerySet):
    """Search words may hold a name: found by the words of a name, and kept for a while only."""

    def mentioning(self, names):
        found = []
        for name in names:
            name_words = search.normalised_words(name).split()
            if not name_words:
                continue
            candidates = self.filter(*(models.Q(words__contains=word) for word in name_words))
            found += [row.pk for row in candidates if set(name_words) <= set(row.words.split())]
        return self.filter(pk__in=found)

    def past_retention(self, now=None):
        cutoff = (now or timezone.now()) - datetime.timedelta(days=30 * settings.MISSED_SEARCH_RETENTION_MONTHS)
        return self.filter(last_seen__lt=cutoff)


class Synonym(models.Model):
    """What parents type, and the words the content uses for it. Kept by the netwerkgroep."""

    phrase = models.CharField(
        _("woord of zin van ouders"),
        max_length=100,
        unique=True,
        help_text=_("Zoals een ouder het typt, bijv. rugzakje, speciale school of complaint."),
    )
    expansions = models.CharField(
        _("zoek ook naar"),
        max_length=300,
        help_text=_("Woorden uit de vragen en antwoorden, met komma's ertussen. Bijv. arrangement, extra hulp."),
    )
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("synoniem")
        verbose_name_plural = _("synoniemen")
        ordering = ["phrase"]

    def __str__(self):
        return f"{self.phrase} → {self.expansions}"

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.split()).lower()
        super().save(*args, **kwargs)


class MissedSearch(models.Model):
    """Words parents searched for without finding anything. Never who searched."""

    words = models.CharField(_("zoekwoorden"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("aantal keer"), default=1)
    first_seen = models.DateTimeField(_("eerste keer"), auto_now_add=True)
    last_seen = models.DateTimeField(_("laatste keer"), auto_now=True)

    objects = MissedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("zoekopdracht zonder resultaat")
        verbose_name_plural = _("zoekopdrachten zonder resultaat")
        ordering = ["-count", "-last_seen"]

    def __str__(self):
        return self.words


class HelpfulVote(models.Model):
    """One anonymous answer to "heeft dit geholpen?", kept for the overview per month."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="votes")
    helpful = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("antwoord op 'heeft dit geholpen?'")
        verbose_name_plural = _("antwoorden op 'heeft dit geholpen?'")

    def __str__(self):
        return f"{self.question_id}: {'ja' if self.helpful else 'nee'}"
