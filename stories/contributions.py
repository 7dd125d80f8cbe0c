"""Everything the stories part offers the core, registered in one place (see oudersteunpunt/registry.py)."""

from django.apps import apps

PHASE_STORIES = 3


def story_pages(story):
    """The pages that show a story: a change renews these and leaves every other page in the cache."""
    from django.urls import reverse

    if story.published_at is None and story.state != story.State.PUBLISHED:
        return []  # never on the site: a new story changes no public page
    paths = [reverse("home"), reverse("stories:list"), reverse("stories:detail", kwargs={"pk": story.pk})]
    Phase = apps.get_model("faq", "Phase")
    phase_ids = {story.phase_id, getattr(story, "_loaded_phase_id", None)} - {None}
    for slug in Phase.objects.filter(pk__in=phase_ids).values_list("slug", flat=True):
        paths += [reverse("stories:phase", kwargs={"phase": slug}), reverse("faq:phase", kwargs={"phase": slug})]
    return paths


def phase_block_context(request, phase):
    """The newest stories of a phase, beside its questions."""
    from oudersteunpunt.fragments import part_data

    from .views import published_stories

    # Read once per version of the stories and of this page (a story published, moved or withdrawn
    # renews the phase pages it is on), like the questions beside it.
    stories = part_data(
        ["verhalen"],
        f"phase-stories:{phase.pk}",
        lambda: list(published_stories().filter(phase=phase)[: PHASE_STORIES + 1]),
        paths=[request.path],
    )
    if not stories:
        return None
    return {"stories": stories[:PHASE_STORIES], "more": len(stories) > PHASE_STORIES, "phase": phase}


def admin_todos(request):
    from django.db.models import Count
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from oudersteunpunt.registry import AdminTodo

    from .models import Story

    if not request.user.has_perm("stories.view_story"):
        return []
    url = reverse("admin:stories_story_changelist")
    counts = dict(Story.objects.order_by().values_list("state").annotate(count=Count("id")))
    return [
        AdminTodo(
            _("Nieuwe verhalen van ouders"), f"{url}?state__exact={Story.State.NEW}", counts.get(Story.State.NEW, 0)
        ),
        AdminTodo(
            _("Verhalen die wachten op akkoord van de ouder"),
            f"{url}?state__exact={Story.State.AWAITING_APPROVAL}",
            counts.get(Story.State.AWAITING_APPROVAL, 0),
            needs_action=False,
        ),
    ]


def export_personal_data(email):
    from .models import Story

    return [
        {
            "titel": story.title,
            "wat er gebeurde": story.original_happened,
            "wat hielp": story.original_helped,
            "waar je trots op bent": story.original_proud,
            "bewerkte versie": "\n\n".join(filter(None, [story.happened, story.helped, story.proud])),
            "naam": story.name,
            "naam bij het verhaal": story.shown_name,
            "e-mail": story.email,
            "fase": story.phase.name if story.phase else "",
            "stand": story.state,
            "binnengekomen": story.created_at.isoformat(),
            "gepubliceerd_op": story.published_at.isoformat() if story.published_at else "",
        }
        for story in Story.objects.for_email(email).select_related("phase")
    ]


def erase_personal_data(email):
    from .models import Story

    return Story.objects.for_email(email).erase()


def personal_names(email):
    from .models import Story

    return Story.objects.for_email(email).names()


def privacy_facts():
    from django.conf import settings
    from django.utils.translation import gettext as _
    from django.utils.translation import ngettext

    from oudersteunpunt.privacy import DataFacts

    from .forms import StoryForm

    days = settings.STORY_EMAIL_RETENTION_DAYS
    return [
        DataFacts(
            order=45,
            title=_("Verhaal van een ouder"),
            form=StoryForm,
            purpose=_(
                "Zodat de netwerkgroep je verhaal kan lezen en bewerken, en jij de bewerkte versie kunt goedkeuren "
                "voordat die op de website komt. Je e-mailadres en je volledige naam komen nooit op de website."
            ),
            retention=ngettext(
                "%(days)s dag nadat je verhaal online kwam, of nadat je het introk, wissen we je naam en "
                "e-mailadres. Trek je je verhaal in, dan halen we het meteen van de website en wissen we de tekst.",
                "%(days)s dagen nadat je verhaal online kwam, of nadat je het introk, wissen we je naam en "
                "e-mailadres. Trek je je verhaal in, dan halen we het meteen van de website en wissen we de tekst.",
                days,
            )
            % {"days": days},
        )
    ]


def register():
    from django.utils.translation import gettext_lazy as _

    from oudersteunpunt import registry

    from . import demo
    from .sitemaps import StorySitemap

    story = apps.get_model("stories", "Story")
    registry.register_urls("stories.urls")
    # No entry in the main menu: on a phone the header holds four on one line (tests/browser/test_layout.py).
    # Parents reach the stories from the home page, the footer and the phase pages, beside the questions.
    registry.register_footer_link(20, _("Verhalen van ouders"), "stories:list")
    registry.register_cache_dependency(
        "verhalen",
        # A renamed phase or theme shows on the stories' pages too.
        models=[story, apps.get_model("faq", "Phase"), apps.get_model("faq", "Theme")],
        prefixes=("/verhalen/",),
        narrow={story: story_pages},
    )
    registry.register_home_card(35, "stories/home_card.html")
    registry.register_related_block("phase", 10, "stories/phase_block.html", phase_block_context)
    registry.register_demo_loader(50, "stories", demo.load)
    registry.register_admin_todos(35, admin_todos)
    registry.register_sitemap("verhalen", StorySitemap)
    registry.register_robots_disallow("verhalen/mijn-verhaal/")
    registry.register_personal_data_facts(privacy_facts)
    registry.register_personal_data(
        "verhalen", export=export_personal_data, erase=erase_personal_data, names=personal_names
    )
