"""A story's way from the parent's form to the site and, if the parent wants, off it again."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from oudersteunpunt.mail import queue_mail
from oudersteunpunt.roles import NETWERKGROEP

from .models import Story, StoryQuerySet, shown_name_for


class StoryError(Exception):
    """A step that cannot be taken now; the message says why, for the admin or the parent."""


def netwerkgroep_addresses():
    users = get_user_model().objects.filter(groups__name=NETWERKGROEP, is_active=True).exclude(email="")
    return sorted(set(users.values_list("email", flat=True)))


@transaction.atomic
def story_create(
    *,
    happened: str,
    helped: str,
    proud: str,
    phase,
    themes,
    name: str,
    name_shown: str,
    email: str,
    mail_language: str,
) -> Story:
    """Store the story as sent, confirm to the parent with the private link, tell the netwerkgroep."""
    story = Story.objects.create(
        original_happened=happened,
        original_helped=helped,
        original_proud=proud,
        happened=happened,
        helped=helped,
        proud=proud,
        phase=phase,
        name=name,
        name_shown=name_shown,
        shown_name=shown_name_for(name, name_shown),
        email=email,
        mail_language=mail_language,
        consent=True,
    )
    story.themes.set(themes)
    queue_mail(template="stories/email/received", to=[email], context={"story": story}, language=mail_language)
    # Only that there is a new story, never its content: the admin shows it after logging in.
    for address in netwerkgroep_addresses():
        queue_mail(template="stories/email/notify_netwerkgroep", to=[address], context={"story": story})
    return story


def _transition(story, allowed, state, **fields):
    if story.state not in allowed:
        raise StoryError(
            _("Dat kan niet meer: het verhaal staat nu op '%(state)s'.") % {"state": story.get_state_display()}
        )
    story.state = state
    for name, value in fields.items():
        setattr(story, name, value)
    story.save()
    return story


@transaction.atomic
def story_start_editing(*, story: Story) -> Story:
    """The netwerkgroep works on it (also: takes a published story off the site to change it)."""
    state = Story.State
    return _transition(story, (state.NEW, state.AWAITING_APPROVAL, state.PUBLISHED), state.EDITING)


@transaction.atomic
def story_request_approval(*, story: Story) -> Story:
    """Send the edited version to the parent, who approves exactly this text before it goes online."""
    state = Story.State
    if not story.email:
        raise StoryError(_("Het e-mailadres van de ouder is al gewist. Zonder akkoord kan het verhaal niet online."))
    if not (story.title and story.happened):
        raise StoryError(_("Geef het verhaal een titel en een tekst bij 'wat er gebeurde'."))
    story = _transition(
        story,
        (state.NEW, state.EDITING, state.AWAITING_APPROVAL),
        state.AWAITING_APPROVAL,
        approval_requested_at=timezone.now(),
    )
    queue_mail(
        template="stories/email/approval_requested",
        to=[story.email],
        context={"story": story},
        language=story.mail_language,
    )
    return story


@transaction.atomic
def story_reject(*, story: Story) -> Story:
    """Not on the site. The parent hears so, kindly."""
    state = Story.State
    story = _transition(
        story, (state.NEW, state.EDITING, state.AWAITING_APPROVAL), state.REJECTED, rejected_at=timezone.now()
    )
    if story.email:
        queue_mail(
            template="stories/email/rejected", to=[story.email], context={"story": story}, language=story.mail_language
        )
    return story


@transaction.atomic
def story_approve(*, token: str, digest: str) -> Story:
    """The parent approves the version they saw; if it changed since, they must look again."""
    story = Story.objects.select_for_update().get(token=token)
    if story.state != Story.State.AWAITING_APPROVAL:
        raise StoryError(_("Dit verhaal wacht niet op je akkoord."))
    if digest != story.digest():
        raise StoryError(_("De tekst is net nog veranderd. Lees hem nog een keer en geef dan je akkoord."))
    now = timezone.now()
    story.approved_digest = digest
    story.approved_at = now
    story.published_at = now
    story.state = Story.State.PUBLISHED
    story.save()
    queue_mail(
        template="stories/email/published", to=[story.email], context={"story": story}, language=story.mail_language
    )
    return story


@transaction.atomic
def story_withdraw(*, token: str) -> Story:
    """Off the site at once, and its texts and their history gone; who sent it goes after the retention time."""
    story = Story.objects.select_for_update().get(token=token)
    if story.state == Story.State.WITHDRAWN:
        return story
    Story.objects.filter(pk=story.pk).forget_history()
    story.state = Story.State.WITHDRAWN
    story.withdrawn_at = timezone.now()
    for name in (*StoryQuerySet.TEXT_FIELDS, *StoryQuerySet.ORIGINAL_FIELDS):
        setattr(story, name, "")
    story.save()
    return story


@transaction.atomic
def anonymise_stories(now=None) -> int:
    """Some time after publication, withdrawal or rejection: the parent's address and name go."""
    return Story.objects.past_retention(now).anonymise(now)
