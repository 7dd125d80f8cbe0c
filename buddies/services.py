from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from oudersteunpunt.mail import queue_mail
from oudersteunpunt.models import SiteSettings
from oudersteunpunt.references import create_with_reference

from .matching import score_buddy
from .models import BuddyProfile, BuddyRequest, Evaluation, Language, Match, Municipality, SchoolType


class MatchError(Exception):
    """A step that cannot be taken now; the message is for the person who tried."""


@transaction.atomic
def buddy_request_create(
    *,
    name: str,
    child_age: int,
    hopes: str,
    contact_method: str = BuddyRequest.Method.EMAIL,
    email: str = "",
    phone: str = "",
    municipality: Municipality | None = None,
    school_type: SchoolType | None = None,
    language: Language | None = None,
    themes=(),
    mail_language: str = "",
) -> tuple[BuddyRequest, bool]:
    """Store a request; returns (buddy_request, already_there).

    A second request from an address with an open one stores nothing new; what the
    parent needs to know goes to that address by mail, never onto the page, so the
    form tells nobody whether an address asked for help before.
    """
    if email:
        existing = (
            BuddyRequest.objects.for_email(email).filter(closed_at__isnull=True, anonymised_at__isnull=True).first()
        )
        if existing:
            queue_mail(
                template="buddies/email/request_already_open", to=[existing.email], context={"request": existing}
            )
            return existing, True
    buddy_request = create_with_reference(
        BuddyRequest,
        "BUD",
        name=name,
        contact_method=contact_method,
        email=email,
        phone=phone,
        municipality=municipality,
        child_age=child_age,
        school_type=school_type,
        language=language,
        hopes=hopes,
        consent=True,
        mail_language=mail_language or settings.LANGUAGE_CODE,
    )
    buddy_request.themes.set(themes)
    if buddy_request.email:
        queue_mail(
            template="buddies/email/request_received",
            to=[buddy_request.email],
            context={"request": buddy_request},
            language=buddy_request.mail_language,
        )
    consulent = SiteSettings.load().consulent_email
    if consulent:
        queue_mail(template="buddies/email/notify_consulent", to=[consulent], context={"request": buddy_request})
    return buddy_request, False


def _lock_buddy(buddy_pk):
    return BuddyProfile.objects.select_for_update().get(pk=buddy_pk)


@transaction.atomic
def match_propose(*, buddy_request: BuddyRequest, buddy: BuddyProfile) -> Match:
    buddy = _lock_buddy(buddy.pk)
    if not buddy.active or not buddy.trained_on:
        raise MatchError(_("Deze buddy is gepauzeerd of nog niet getraind."))
    if not buddy.has_room():
        raise MatchError(_("Deze buddy heeft geen ruimte meer."))
    if Match.objects.filter(request=buddy_request, state__in=("proposed", "accepted", "active")).exists():
        raise MatchError(_("Voor deze aanvraag loopt al een voorstel of koppeling."))
    if Match.objects.filter(request=buddy_request, buddy=buddy).exists():
        raise MatchError(_("Deze buddy is al eerder gevraagd voor deze aanvraag."))
    suggestion = score_buddy(buddy, buddy_request, list(buddy_request.themes.all()))
    match = Match.objects.create(request=buddy_request, buddy=buddy, reasons=suggestion.reasons)
    queue_mail(template="buddies/email/proposal", to=[buddy.user.email], context={"match": match, "buddy": buddy})
    return match


def _own_match(match_pk, buddy):
    match = Match.objects.select_for_update().select_related("request", "buddy__user").filter(pk=match_pk).first()
    if match is None or match.buddy_id != buddy.pk:
        raise MatchError(_("Deze koppeling is niet van jou."))
    return match


def match_accept(*, match_pk: int, buddy: BuddyProfile) -> Match:
    """Only now do both sides get each other's contact details."""
    match, problem = _match_accept(match_pk=match_pk, buddy=buddy)
    if problem:
        # Raised after the commit, so the proposal really goes back to the consulent.
        raise MatchError(problem)
    return match


@transaction.atomic
def _match_accept(*, match_pk, buddy):
    buddy = _lock_buddy(buddy.pk)
    match = _own_match(match_pk, buddy)
    if match.state != Match.State.PROPOSED:
        raise MatchError(_("Over dit voorstel is al besloten."))
    if not buddy.has_room():
        match.state = Match.State.DECLINED
        match.decline_reason = _("Buddy had geen ruimte meer bij het accepteren.")
        match.decided_at = timezone.now()
        match.save()
        _notify_consulent_declined(match)
        return match, _("Je begeleidt al het maximale aantal ouders. Het voorstel gaat terug naar de consulent.")
    match.state = Match.State.ACCEPTED
    match.decided_at = timezone.now()
    match.save()
    context = {"match": match, "buddy": buddy, "request": match.request}
    queue_mail(template="buddies/email/introduction_buddy", to=[buddy.user.email], context=context)
    if match.request.email:
        queue_mail(
            template="buddies/email/introduction_parent",
            to=[match.request.email],
            context=context,
            language=match.request.mail_language,
        )
    return match, None


def _notify_consulent_declined(match):
    consulent = SiteSettings.load().consulent_email
    if consulent:
        queue_mail(template="buddies/email/declined", to=[consulent], context={"match": match})


@transaction.atomic
def match_decline(*, match_pk: int, buddy: BuddyProfile, reason: str = "") -> Match:
    match = _own_match(match_pk, buddy)
    if match.state != Match.State.PROPOSED:
        raise MatchError(_("Over dit voorstel is al besloten."))
    match.state = Match.State.DECLINED
    match.decline_reason = reason[:300]
    match.decided_at = timezone.now()
    match.save()
    _notify_consulent_declined(match)
    return match


@transaction.atomic
def match_start(*, match_pk: int, buddy: BuddyProfile) -> Match:
    match = _own_match(match_pk, buddy)
    if match.state != Match.State.ACCEPTED:
        raise MatchError(_("Deze koppeling kan nu niet starten."))
    match.state = Match.State.ACTIVE
    match.start()
    match.save()
    return match


@transaction.atomic
def match_end(*, match: Match, reason: str) -> Match:
    """End a match (buddy or consulent) and ask the parent, without a name, how it went."""
    match = Match.objects.select_for_update().select_related("request").get(pk=match.pk)
    if match.state not in (Match.State.ACCEPTED, Match.State.ACTIVE):
        raise MatchError(_("Deze koppeling loopt niet."))
    if not reason.strip():
        raise MatchError(_("Schrijf kort op waarom de koppeling stopt."))
    match.state = Match.State.ENDED
    match.ended_at = timezone.now()
    match.end_reason = reason.strip()[:300]
    match.save()
    if match.request.email:
        queue_mail(
            template="buddies/email/evaluation",
            to=[match.request.email],
            context={"match": match},
            language=match.request.mail_language,
        )
    return match


@transaction.atomic
def evaluation_submit(
    *, token: str, helped: int, felt_heard: int, would_recommend: bool, remarks: str = ""
) -> Evaluation | None:
    """Single use: the link stops working once the form is sent."""
    claimed = Match.objects.filter(evaluation_token=token, state=Match.State.ENDED).update(
        evaluation_token=f"used-{timezone.now().timestamp()}-{token[:8]}"
    )
    if not claimed:
        return None
    return Evaluation.objects.create(
        helped=helped, felt_heard=felt_heard, would_recommend=would_recommend, remarks=remarks
    )


def buddy_invite(*, user) -> None:
    """Mail a new buddy or staff member a link to choose a password."""
    EmailAddress.objects.get_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    path = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    queue_mail(
        template="buddies/email/invitation", to=[user.email], context={"user": user, "url": settings.SITE_URL + path}
    )


@transaction.atomic
def buddy_account_create(*, email: str, first_name: str):
    """An account without a password; the invitation mail lets the buddy choose one."""
    user = get_user_model().objects.create(username=email.lower(), email=email.lower(), first_name=first_name)
    user.set_unusable_password()
    user.save()
    buddy_invite(user=user)
    return user


@transaction.atomic
def anonymise_buddy_data(*, now=None) -> int:
    """Ended matches and requests that never led to one lose who they were about."""
    now = now or timezone.now()
    Match.objects.past_retention(now).anonymise(now)
    return BuddyRequest.objects.filter(pk__in=BuddyRequest.objects.past_retention(now)).anonymise(now)
