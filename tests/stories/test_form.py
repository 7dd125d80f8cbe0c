"""The send form: clean text, clear errors next to the fields, what was typed kept, never a 500."""

import pytest
from django.utils.html import escape

from stories.models import Story, plain_text
from tests.stories.conftest import story_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def test_the_form_page_says_how_it_goes(client, phase, theme):
    content = client.get("/verhalen/vertel/").content.decode()
    assert "Pas als jij akkoord geeft, komt je verhaal op de website." in content
    assert 'name="started"' in content and 'name="website"' in content
    assert "Jij als ouder" in content and "Eerste zorgen" in content


def test_script_and_event_handlers_are_stored_clean(client, phase):
    dirty = (
        "Hallo <script>alert('x')</script>daar.\n\n<img src=x onerror=alert(1)>"
        '<a href="javascript:alert(1)" onclick="steal()">klik</a> 3 < 5 & meer'
    )
    response = client.post(
        "/verhalen/vertel/",
        story_form(phase, happened=dirty, helped="<b onmouseover=x>vet</b>", proud="<style>*{}</style>"),
    )
    assert response.status_code == 302
    story = Story.objects.get()
    for value in (story.happened, story.original_happened, story.helped, story.original_helped, story.proud):
        assert "<" not in value.replace("3 < 5", ""), value
        for bad in ("script", "onerror", "onclick", "javascript", "onmouseover", "alert(1)"):
            assert bad not in value, (bad, value)
    assert story.happened == "Hallo daar.\n\nklik 3 < 5 & meer"
    assert story.helped == "vet" and story.proud == ""


def test_plain_text_keeps_paragraphs_and_is_escaped_on_the_page(client, phase):
    from tests.stories.conftest import published_story

    story = published_story(phase, happened="Eerste alinea, 3 < 5 & meer.\n\nTweede alinea.")
    content = client.get(story.get_absolute_url()).content.decode()
    assert "<p>Eerste alinea, 3 &lt; 5 &amp; meer.</p>" in content
    assert "<p>Tweede alinea.</p>" in content


def test_text_saved_outside_a_form_is_cleaned_too(phase):
    from tests.stories.conftest import published_story

    story = published_story(phase, title="<i>Titel</i>", happened='<svg onload="x()">Tekst</svg>')
    story.refresh_from_db()
    assert story.title == "Titel" and story.happened == "Tekst"
    assert plain_text("a\r\nb") == "a\nb"


def test_an_empty_form_gives_each_error_next_to_its_field(client, phase):
    response = client.post("/verhalen/vertel/", {"name_shown": "first_name"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Er is iets niet goed ingevuld" in content and "<title>Fout:" in content
    for message in (
        "Vertel wat er gebeurde. Een paar zinnen is genoeg.",
        "Kies de fase waar je verhaal het best bij past.",
        "Vul je e-mailadres in. Dan kun je de bewerkte versie lezen voordat die online komt.",
        "Zonder je toestemming kunnen we je verhaal niet bewaren.",
    ):
        assert content.count(escape(message)) == 2, message  # in the summary and next to the field
    for field in ("happened", "phase", "email", "consent"):
        assert f'id="id_{field}_error"' in content, field
    assert not Story.objects.exists()


def test_bad_input_keeps_what_was_typed(client, phase):
    data = story_form(phase, email="geen-adres", name="", themes=["999999"])
    response = client.post("/verhalen/vertel/", data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Elke ochtend had hij buikpijn." in content and "Een gesprek met de juf." in content
    assert escape("Vul je naam in, of kies 'Geen naam (anoniem)'.") in content
    assert "Vul een geldig e-mailadres in" in content
    assert "Kies alleen onderwerpen uit de lijst." in content
    assert not Story.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("happened", "tekst\x00met een nul"),
        ("name", "Sanne\x00"),
        ("phase", "abc"),
        ("phase", "999999"),
        ("name_shown", "iedereen"),
        ("happened", "x" * 3001),
        ("email", "a@" + "b" * 300 + ".nl"),
        ("consent", "off"),
    ],
)
def test_odd_values_get_an_error_not_a_500(client, phase, field, value):
    response = client.post("/verhalen/vertel/", story_form(phase, **{field: value}))
    assert response.status_code in (200, 400)
    assert not Story.objects.exists()


def test_anonymous_needs_no_name_and_shows_none(client, phase):
    response = client.post("/verhalen/vertel/", story_form(phase, name="", name_shown="anonymous"))
    assert response.status_code == 302
    assert Story.objects.get().shown_name == ""


def test_initials_are_shown_as_initials(client, phase):
    client.post("/verhalen/vertel/", story_form(phase, name="Sanne de Vries", name_shown="initials"))
    assert Story.objects.get().shown_name == "S.d.V."


def test_the_rate_limit_keeps_what_was_typed(client, phase, settings):
    settings.OSP_FORM_RATE_LIMIT = "1/h"
    assert client.post("/verhalen/vertel/", story_form(phase)).status_code == 302
    response = client.post("/verhalen/vertel/", story_form(phase, happened="Mijn tweede verhaal."))
    assert response.status_code == 429
    content = response.content.decode()
    assert "kort na elkaar veel berichten verstuurd" in content and "Mijn tweede verhaal." in content
    assert Story.objects.count() == 1


def test_the_spam_guard_refuses_a_filled_honeypot(client, phase):
    response = client.post("/verhalen/vertel/", story_form(phase, website="http://spam.example"))
    assert response.status_code == 200
    assert not Story.objects.exists()


def test_the_thanks_page_needs_a_sent_story(client):
    response = client.get("/verhalen/vertel/verstuurd/")
    assert response.status_code == 302 and response.url == "/verhalen/vertel/"
