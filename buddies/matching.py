"""Which buddies fit a request, and why. The weights live here and nowhere else."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import BuddyProfile, BuddyRequest, Match

WEIGHTS = {
    "municipality": 3,
    "theme": 2,  # per shared theme
    "school_type": 2,
    "language": 3,  # only for a language other than Dutch
    "child_age": 1,
}
DEFAULT_LANGUAGE = "Nederlands"


@dataclass
class Suggestion:
    buddy: BuddyProfile
    score: int
    reasons: list[str] = field(default_factory=list)
    room: int = 0


def score_buddy(buddy: BuddyProfile, request: BuddyRequest, request_themes) -> Suggestion:
    suggestion = Suggestion(buddy=buddy, score=0)

    def add(weight, reason):
        suggestion.score += WEIGHTS[weight]
        suggestion.reasons.append(reason)

    if request.municipality_id in {m.pk for m in buddy.municipalities.all()}:
        add("municipality", _("zelfde gemeente (%(name)s)") % {"name": request.municipality})
    buddy_themes = {t.pk: t for t in buddy.themes.all()}
    for theme in request_themes:
        if theme.pk in buddy_themes:
            add("theme", _("kent thema %(name)s") % {"name": theme.name.lower()})
    if request.school_type_id and request.school_type_id in {s.pk for s in buddy.school_types.all()}:
        add("school_type", _("kent %(name)s") % {"name": request.school_type})
    if request.language_id and request.language.name != DEFAULT_LANGUAGE:
        if request.language_id in {lang.pk for lang in buddy.languages.all()}:
            add("language", _("spreekt %(name)s") % {"name": request.language})
    if buddy.child_age_min <= request.child_age <= buddy.child_age_max:
        add("child_age", _("ervaring met kinderen van deze leeftijd"))
    return suggestion


def suggestions(request: BuddyRequest, limit=10) -> list[Suggestion]:
    """Only trained, active buddies with room, who were not already asked for this request."""
    asked = Match.objects.filter(request=request).values("buddy_id")
    candidates = (
        BuddyProfile.objects.available()
        .with_load()
        .exclude(pk__in=asked)
        .prefetch_related("municipalities", "themes", "school_types", "languages")
    )
    request_themes = list(request.themes.all())
    result = []
    for buddy in candidates:
        if buddy.busy >= buddy.capacity:
            continue
        suggestion = score_buddy(buddy, request, request_themes)
        suggestion.room = buddy.capacity - buddy.busy
        result.append(suggestion)
    result.sort(key=lambda s: (-s.score, -s.room, s.buddy.first_name))
    return result[:limit]
