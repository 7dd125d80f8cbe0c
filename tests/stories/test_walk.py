"""A story from the parent's form to the site and off it again (issue 17, "Done when")."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from stories.models import Story
from tests.stories.conftest import published_story, story_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

PRIVATE_LINK = re.compile(r"https?://\S+/verhalen/mijn-verhaal/[\w-]+/")


def cache_state(client, url):
    return client.get(url)["X-Page-Cache"]


def test_send_moderate_edit_approve_publish_withdraw_and_forget(client, phase, theme, netwerkgroep, mailoutbox):
    # The parent sends a story.
    response = client.post("/verhalen/vertel/", story_form(phase, themes=[theme.pk]))
    assert response.status_code == 302 and response.url == "/verhalen/vertel/verstuurd/"
    assert "sanne@example.org" in client.get(response.url).content.decode()
    story = Story.objects.get()
    assert story.state == Story.State.NEW and story.shown_name == "Sanne" and list(story.themes.all()) == [theme]
    receipt, notice = mailoutbox
    assert receipt.to == ["sanne@example.org"]
    private_url = PRIVATE_LINK.search(receipt.body).group(0)
    assert story.token in private_url and len(story.token) >= 40
    assert notice.to == ["lid@example.org"] and "buikpijn" not in notice.body, "only that there is one"

    # Nothing public yet; the parent's own page says it is being read.
    visitor = Client()
    for url in ["/verhalen/", phase.get_absolute_url(), f"/verhalen/{story.pk}/"]:
        assert "buikpijn" not in visitor.get(url).content.decode()
    assert "De netwerkgroep leest je verhaal" in client.get(private_url).content.decode()

    # The netwerkgroep takes it up, shortens it and anonymises the name, then asks the parent.
    staff = Client()
    staff.force_login(netwerkgroep)
    change_url = f"/beheer/stories/story/{story.pk}/change/"
    assert "Neem in bewerking" in staff.get(change_url).content.decode()
    assert staff.post(f"/beheer/stories/story/{story.pk}/stap/bewerken/").status_code == 302
    response = staff.post(
        change_url,
        {
            "title": "Buikpijn voor school",
            "happened": "Mijn kind had elke ochtend buikpijn.",
            "helped": "Een gesprek met de juf.",
            "proud": "Dat we het samen deden.",
            "shown_name": "S.",
            "phase": phase.pk,
            "themes": [theme.pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    story.refresh_from_db()
    assert story.state == Story.State.EDITING and story.original_happened.startswith("Mijn zoon wilde")
    assert staff.post(f"/beheer/stories/story/{story.pk}/stap/akkoord-vragen/").status_code == 302
    story.refresh_from_db()
    assert story.state == Story.State.AWAITING_APPROVAL
    ask = mailoutbox[-1]
    assert ask.to == ["sanne@example.org"] and PRIVATE_LINK.search(ask.body).group(0) == private_url
    assert "buikpijn" not in visitor.get("/verhalen/").content.decode().lower()

    # The parent reads the edited version and approves exactly that.
    page = client.get(private_url).content.decode()
    assert "Buikpijn voor school" in page and "Mijn kind had elke ochtend buikpijn." in page
    assert f'value="{story.digest()}"' in page
    response = client.post(f"{private_url}akkoord/", {"versie": story.digest()})
    assert response.status_code == 200 and "staat nu op de website" in response.content.decode()
    story.refresh_from_db()
    assert story.state == Story.State.PUBLISHED and story.approved_digest == story.digest()
    assert mailoutbox[-1].subject.startswith("Je verhaal staat op de website")

    # Published: on /verhalen/, its phase's story list, the phase page beside the questions, its own page.
    public = ["/verhalen/", f"/verhalen/fase/{phase.slug}/", phase.get_absolute_url(), story.get_absolute_url()]
    for url in public:
        content = visitor.get(url).content.decode()
        assert "Buikpijn voor school" in content, url
        assert "Sanne" not in content, url
    for url in public:
        assert cache_state(visitor, url) == "hit", url

    # Withdrawn through the private link: gone from every page at once, cached copies included.
    confirm = client.get(f"{private_url}intrekken/")
    assert "Wil je je verhaal intrekken?" in confirm.content.decode()
    assert Story.objects.get().state == Story.State.PUBLISHED, "a GET only asks"
    response = client.post(f"{private_url}intrekken/")
    assert "Je verhaal is ingetrokken" in response.content.decode()
    for url in public[:3]:
        response = visitor.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Buikpijn voor school" not in response.content.decode(), url
    assert visitor.get(story.get_absolute_url()).status_code == 404
    story.refresh_from_db()
    assert story.state == Story.State.WITHDRAWN and story.withdrawn_at
    assert story.happened == story.original_happened == story.title == ""
    assert not Version.objects.get_for_object(story).exists()
    assert story.email == "sanne@example.org", "the address stays until the retention time"

    # The retention command removes the parent's address and name after the set time, not before.
    call_command("anonymise_stories", stdout=StringIO())
    assert Story.objects.get().email == "sanne@example.org"
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        out = StringIO()
        call_command("anonymise_stories", stdout=out)
    assert out.getvalue().startswith("1 ")
    story.refresh_from_db()
    assert story.email == "" and story.name == "" and story.anonymised_at


def test_retention_keeps_a_published_story_but_not_who_sent_it(phase):
    story = published_story(phase, original_happened="Zoals gestuurd.")
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        call_command("anonymise_stories", stdout=StringIO())
    story.refresh_from_db()
    assert story.state == Story.State.PUBLISHED and story.title == "Samen naar de juf" and story.shown_name == "Sanne"
    assert story.email == story.name == story.original_happened == ""


def test_retention_removes_the_text_of_a_declined_story(phase):
    story = published_story(phase)
    Story.objects.filter(pk=story.pk).update(state=Story.State.REJECTED, rejected_at=timezone.now())
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        call_command("anonymise_stories", stdout=StringIO())
    story.refresh_from_db()
    assert story.email == story.title == story.happened == ""


def test_editing_after_approval_takes_it_off_the_site_until_the_parent_approves_again(
    client, phase, netwerkgroep, mailoutbox
):
    story = published_story(phase)
    assert "Samen naar de juf" in client.get("/verhalen/").content.decode()
    staff = Client()
    staff.force_login(netwerkgroep)
    response = staff.post(
        f"/beheer/stories/story/{story.pk}/change/",
        {
            "title": "Samen naar de juf",
            "happened": "Een andere tekst dan de ouder goedkeurde.",
            "helped": story.helped,
            "proud": story.proud,
            "shown_name": story.shown_name,
            "phase": phase.pk,
        },
        follow=True,
    )
    assert "Stuur het opnieuw naar de ouder voor akkoord" in response.content.decode()
    story.refresh_from_db()
    assert story.state == Story.State.EDITING
    assert "Samen naar de juf" not in client.get("/verhalen/").content.decode()
    assert client.get(story.get_absolute_url()).status_code == 404


def test_the_parent_approves_only_the_version_they_saw(client, phase):
    story = published_story(phase)
    story.state = Story.State.AWAITING_APPROVAL
    story.approved_digest = ""
    story.save()
    seen = story.digest()
    story.happened = "Net nog veranderd door de netwerkgroep."
    story.save()
    response = client.post(f"{story.get_private_url()}akkoord/", {"versie": seen})
    assert response.status_code == 409
    content = response.content.decode()
    assert "De tekst is net nog veranderd" in content and "Net nog veranderd door de netwerkgroep." in content
    assert Story.objects.get().state == Story.State.AWAITING_APPROVAL


def test_a_story_waiting_for_nothing_cannot_be_approved(client, phase):
    story = published_story(phase)
    story.state = Story.State.NEW
    story.save()
    response = client.post(f"{story.get_private_url()}akkoord/", {"versie": story.digest()})
    assert response.status_code == 409
    assert Story.objects.get().state == Story.State.NEW


def test_declining_tells_the_parent_kindly(phase, netwerkgroep, mailoutbox):
    story = published_story(phase)
    Story.objects.filter(pk=story.pk).update(state=Story.State.NEW)
    staff = Client()
    staff.force_login(netwerkgroep)
    response = staff.post(f"/beheer/stories/story/{story.pk}/stap/afwijzen/", follow=True)
    assert "afgewezen" in response.content.decode()
    assert Story.objects.get().state == Story.State.REJECTED
    assert mailoutbox[-1].to == ["sanne@example.org"] and "niet op de website" in mailoutbox[-1].body
    # A step that no longer fits says so, and changes nothing.
    response = staff.post(f"/beheer/stories/story/{story.pk}/stap/akkoord-vragen/", follow=True)
    assert "Dat kan niet meer" in response.content.decode()
    assert Story.objects.get().state == Story.State.REJECTED
