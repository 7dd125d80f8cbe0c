"""The stories of parents on a phone: the list, a story, the phase page, the form and its errors, the private page."""

import pytest

from stories.models import Story
from tests.browser.conftest import assert_accessible, screenshot
from tests.browser.test_forms_errors import assert_error_state
from tests.browser.test_site import demo  # noqa: F401 - fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_story_pages_are_accessible_on_a_phone(page, demo):  # noqa: F811
    page.goto("/verhalen/")
    assert page.locator(".story-item").count() == 3
    assert_accessible(page)
    screenshot(page, "stories-list")

    page.locator(".filter-list a").nth(1).click()
    page.wait_for_selector('.filter-list a[aria-current="page"]')
    assert page.locator(".story-item").count() == 1
    page.locator(".story-item a").first.click()
    page.wait_for_selector("article.story")
    assert page.locator("article.story h2").first.inner_text() == "Wat er gebeurde"
    assert_accessible(page)
    screenshot(page, "stories-detail")

    phase = Story.objects.published().select_related("phase").first().phase
    page.goto(phase.get_absolute_url())
    assert page.locator(".related-stories .story-item").count() == 1
    assert_accessible(page)
    screenshot(page, "stories-phase")


def test_story_form_and_its_errors_are_accessible(page, demo):  # noqa: F811
    page.goto("/verhalen/vertel/")
    assert_accessible(page)
    page.fill("#id_happened", "Mijn dochter wilde niet meer naar school.")
    page.get_by_role("button", name="Verstuur mijn verhaal").click()
    assert_error_state(page, typed={"#id_happened": "Mijn dochter wilde niet meer naar school."})
    screenshot(page, "stories-form-errors")

    page.select_option("#id_phase", index=1)
    page.fill("#id_name", "Sanne de Vries")
    page.fill("#id_email", "sanne@example.org")
    page.check("#id_consent")
    page.get_by_role("button", name="Verstuur mijn verhaal").click()
    page.wait_for_selector("text=Je verhaal is verstuurd")
    story = Story.objects.get(email="sanne@example.org")
    assert story.happened == "Mijn dochter wilde niet meer naar school."

    # The parent's own page, with the edited version to approve.
    story.title = "Niet meer naar school"
    story.state = Story.State.AWAITING_APPROVAL
    story.save()
    page.goto(story.get_private_url())
    assert_accessible(page)
    screenshot(page, "stories-private")
    page.get_by_role("button", name="Ja, zet mijn verhaal zo op de website").click()
    page.wait_for_selector("text=Je verhaal staat nu op de website")
    assert Story.objects.get(pk=story.pk).state == Story.State.PUBLISHED


def test_netwerkgroep_moderates_a_story_in_the_admin(page, demo):  # noqa: F811
    from tests.browser.test_admin_netwerkgroep import log_in

    log_in(page)
    page.get_by_role("link", name="Nieuwe verhalen van ouders").click()
    page.locator("#result_list tbody th a").first.click()
    page.wait_for_selector("#story-state")
    assert_accessible(page)
    screenshot(page, "stories-admin")
    page.fill("#id_title", "Een nieuwe school voor Daan")
    page.get_by_role("button", name="Opslaan en opnieuw bewerken").click()
    page.get_by_role("button", name="Stuur naar de ouder voor akkoord").click()
    page.wait_for_selector("text=De ouder krijgt een mail met een link naar de bewerkte versie.")
    story = Story.objects.get(title="Een nieuwe school voor Daan")
    assert story.state == Story.State.AWAITING_APPROVAL
