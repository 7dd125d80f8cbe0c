import pytest
from django.utils import timezone

from stories.models import Story
from tests.factories import PhaseFactory, StaffFactory, ThemeFactory
from tests.helpers import guard_fields


def story_form(chosen, **overrides):
    """What a parent's browser sends from /verhalen/vertel/."""
    return {
        "happened": "Mijn zoon wilde niet meer naar school.\n\nElke ochtend had hij buikpijn.",
        "helped": "Een gesprek met de juf.",
        "proud": "Dat we het samen deden.",
        "phase": chosen.pk,
        "name_shown": "first_name",
        "name": "Sanne de Vries",
        "email": "sanne@example.org",
        "consent": "on",
        **guard_fields(),
        **overrides,
    }


def published_story(phase, title="Samen naar de juf", **fields):
    """A story as it is once the parent approved it."""
    story = Story(
        phase=phase,
        title=title,
        happened=fields.pop("happened", "Het ging niet goed op school."),
        helped=fields.pop("helped", "Praten hielp."),
        proud=fields.pop("proud", "Op mijn dochter."),
        shown_name=fields.pop("shown_name", "Sanne"),
        name=fields.pop("name", "Sanne de Vries"),
        email=fields.pop("email", "sanne@example.org"),
        consent=True,
        state=Story.State.PUBLISHED,
        published_at=fields.pop("published_at", timezone.now()),
        **fields,
    )
    story.clean_texts()
    story.approved_digest = story.digest()
    story.save()
    return story


@pytest.fixture
def phase(db):
    return PhaseFactory(name="Eerste zorgen", slug="eerste-zorgen")


@pytest.fixture
def theme(phase):
    return ThemeFactory(phase=phase, name="Jij als ouder")


@pytest.fixture
def netwerkgroep(db):
    return StaffFactory(role="netwerkgroep", email="lid@example.org")
