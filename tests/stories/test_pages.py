"""The public pages of the stories, the parent's private page, and what the part offers the core."""

import pytest
from django.test import Client

from faq.models import Theme
from oudersteunpunt import registry
from oudersteunpunt.personal_data import personal_data_erase, personal_data_export
from stories.models import Story
from tests.factories import PhaseFactory, QuestionFactory, StaffFactory
from tests.stories.conftest import published_story

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def test_the_list_filters_by_phase_without_javascript(client, phase):
    other = PhaseFactory(name="Thuiszitten", slug="thuiszitten")
    published_story(phase, title="Verhaal over zorgen")
    published_story(other, title="Verhaal over thuis")
    hidden = published_story(phase, title="Nog niet akkoord")
    Story.objects.filter(pk=hidden.pk).update(state=Story.State.AWAITING_APPROVAL)
    everything = client.get("/verhalen/").content.decode()
    assert "Verhaal over zorgen" in everything and "Verhaal over thuis" in everything
    assert "Nog niet akkoord" not in everything
    assert 'href="/verhalen/fase/thuiszitten/"' in everything
    filtered = client.get("/verhalen/fase/thuiszitten/").content.decode()
    assert "Verhaal over thuis" in filtered and "Verhaal over zorgen" not in filtered
    assert 'href="/verhalen/fase/thuiszitten/" aria-current="page"' in filtered
    assert client.get("/verhalen/fase/bestaat-niet/").status_code == 404


def test_the_list_is_paginated_and_bounded(client, phase, django_assert_max_num_queries):
    for number in range(25):
        published_story(phase, title=f"Verhaal {number:02d}", happened="Lang verhaal. " * 200)
    with django_assert_max_num_queries(8):
        first = client.get("/verhalen/")
    assert first.content.decode().count('class="story-item"') == 10
    assert len(first.content) < 40_000
    third = client.get("/verhalen/?pagina=3").content.decode()
    assert third.count('class="story-item"') == 5
    assert client.get("/verhalen/?pagina=9").status_code == 404
    assert client.get("/verhalen/?pagina=x").status_code == 404


def test_a_story_page_shows_questions_on_its_themes(client, phase, theme, django_assert_max_num_queries):
    story = published_story(phase)
    story.themes.add(theme)
    QuestionFactory(phase=phase, theme=theme, title="Hoe praat ik met de juf?")
    QuestionFactory(phase=phase, title="Een vraag over iets anders")
    with django_assert_max_num_queries(8):
        content = client.get(story.get_absolute_url()).content.decode()
    assert "Samen naar de juf" in content and "Verteld door" in content and "Sanne" in content
    assert "Hoe praat ik met de juf?" in content and "Een vraag over iets anders" not in content


def test_the_home_page_leads_to_the_stories(client):
    content = client.get("/").content.decode()
    assert "Lees de verhalen" in content and 'href="/verhalen/"' in content


def test_an_anonymous_story_names_nobody(client, phase):
    story = published_story(phase, shown_name="", name="Sanne de Vries")
    content = client.get(story.get_absolute_url()).content.decode()
    assert "Verteld door een ouder" in content and "Sanne" not in content
    assert "sanne@example.org" not in content


def test_unpublished_stories_have_no_page(client, phase):
    story = published_story(phase)
    for state in (Story.State.NEW, Story.State.EDITING, Story.State.AWAITING_APPROVAL, Story.State.REJECTED):
        Story.objects.filter(pk=story.pk).update(state=state)
        assert client.get(story.get_absolute_url()).status_code == 404, state


def test_the_phase_page_shows_its_newest_stories_beside_the_questions(client, phase):
    QuestionFactory(phase=phase, title="Een vraag in deze fase")
    for number in range(4):
        published_story(phase, title=f"Fase-verhaal {number}")
    published_story(PhaseFactory(), title="Verhaal uit een andere fase")
    content = client.get(phase.get_absolute_url()).content.decode()
    assert "Verhalen van ouders in deze fase" in content
    assert content.index("Een vraag in deze fase") < content.index("Verhalen van ouders in deze fase")
    assert content.count('class="story-item"') == 3
    assert "Verhaal uit een andere fase" not in content
    assert f'href="/verhalen/fase/{phase.slug}/"' in content


def test_a_phase_without_stories_shows_no_block(client, phase):
    QuestionFactory(phase=phase)
    assert "Verhalen van ouders in deze fase" not in client.get(phase.get_absolute_url()).content.decode()


def test_the_phase_page_works_without_the_stories(client, phase, monkeypatch):
    """faq does not know the stories: with no block registered its page is the same as before."""
    published_story(phase)
    QuestionFactory(phase=phase, title="Een vraag in deze fase")
    monkeypatch.setattr(registry, "related_blocks", {})
    content = client.get(phase.get_absolute_url()).content.decode()
    assert "Een vraag in deze fase" in content and "Samen naar de juf" not in content


def test_related_blocks_come_in_order_and_only_with_something_to_show(monkeypatch, rf):
    monkeypatch.setattr(registry, "related_blocks", {})
    registry.register_related_block("phase", 20, "b.html", lambda request, obj: {"n": obj})
    registry.register_related_block("phase", 10, "a.html", lambda request, obj: {"n": obj})
    registry.register_related_block("phase", 5, "none.html", lambda request, obj: None)
    registry.register_related_block("question", 1, "elsewhere.html", lambda request, obj: {"n": obj})
    assert registry.related_blocks_for("phase", rf.get("/"), 7) == [("a.html", {"n": 7}), ("b.html", {"n": 7})]
    assert registry.related_blocks_for("nowhere", rf.get("/"), 7) == []


def test_a_moved_story_leaves_the_old_phase_page_at_once(client, phase):
    story = published_story(phase)
    other = PhaseFactory()
    assert "Samen naar de juf" in client.get(phase.get_absolute_url()).content.decode()
    assert client.get(phase.get_absolute_url())["X-Page-Cache"] == "hit"
    story = Story.objects.get(pk=story.pk)
    story.phase = other
    story.save()
    assert "Samen naar de juf" not in client.get(phase.get_absolute_url()).content.decode()
    assert "Samen naar de juf" in client.get(other.get_absolute_url()).content.decode()


def test_a_new_story_leaves_the_cached_pages_alone(client, phase):
    QuestionFactory(phase=phase)
    for url in ("/verhalen/", phase.get_absolute_url(), "/agenda/"):
        client.get(url)
    Story.objects.create(happened="Nieuw", phase=phase, email="a@example.org", consent=True)
    for url in ("/verhalen/", phase.get_absolute_url(), "/agenda/"):
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_the_private_page_is_private(client, phase):
    story = published_story(phase)
    response = client.get(story.get_private_url())
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    assert "X-Page-Cache" not in client.get(story.get_private_url())
    assert "Disallow: /verhalen/mijn-verhaal/" in client.get("/robots.txt").content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/verhalen/mijn-verhaal/onbekend/",
        "/verhalen/mijn-verhaal/onbekend/intrekken/",
        "/verhalen/mijn-verhaal/" + "a" * 43 + "/",
        "/verhalen/mijn-verhaal/%00/",
        "/verhalen/mijn-verhaal/<script>/",
    ],
)
def test_an_unknown_or_invalid_token_is_not_found(client, phase, path):
    published_story(phase)
    assert client.get(path).status_code in (400, 404)
    assert client.post(path).status_code in (400, 404)


def test_approve_and_withdraw_need_a_post(client, phase):
    story = published_story(phase)
    assert client.get(f"{story.get_private_url()}akkoord/").status_code == 405
    assert client.post("/verhalen/mijn-verhaal/onbekend/akkoord/", {"versie": story.digest()}).status_code == 404
    assert Story.objects.get().state == Story.State.PUBLISHED


def test_withdrawing_twice_is_fine(client, phase):
    story = published_story(phase)
    client.post(f"{story.get_private_url()}intrekken/")
    response = client.post(f"{story.get_private_url()}intrekken/")
    assert response.status_code == 200 and "Je verhaal is ingetrokken" in response.content.decode()
    private = client.get(story.get_private_url()).content.decode()
    assert "Je hebt je verhaal ingetrokken" in private and "Trek mijn verhaal in" not in private


def test_personal_data_export_and_erase_cover_stories(phase):
    story = published_story(phase, original_happened="Zoals ik het stuurde.", email="Sanne@Example.org")
    other = published_story(phase, title="Van iemand anders", email="ander@example.org")
    exported = personal_data_export(email="sanne@example.org")["verhalen"]
    assert len(exported) == 1
    assert exported[0]["wat er gebeurde"] == "Zoals ik het stuurde." and exported[0]["naam"] == "Sanne de Vries"
    assert personal_data_erase(email="sanne@example.org")["verhalen"] == 1
    assert not Story.objects.filter(pk=story.pk).exists() and Story.objects.filter(pk=other.pk).exists()
    assert personal_data_export(email="sanne@example.org")["verhalen"] == []


def test_the_admin_start_page_counts_new_stories(client, phase):
    published_story(phase)
    for number in range(2):
        Story.objects.create(happened=f"Nieuw {number}", phase=phase, email="a@example.org", consent=True)
    client.force_login(StaffFactory(role="netwerkgroep"))
    content = client.get("/beheer/").content.decode()
    assert "Nieuwe verhalen van ouders" in content
    assert "/beheer/stories/story/?state__exact=new" in content
    listing = client.get("/beheer/stories/story/?state__exact=new")
    assert listing.status_code == 200 and "Nieuw 0" in listing.content.decode()
    assert client.get("/beheer/stories/story/add/").status_code == 403


def test_the_sitemap_lists_published_stories_only(client, phase):
    story = published_story(phase)
    hidden = published_story(phase, title="Niet online")
    Story.objects.filter(pk=hidden.pk).update(state=Story.State.NEW)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-verhalen.xml" in index
    stories = client.get("/sitemap-verhalen.xml").content.decode()
    assert story.get_absolute_url() in stories and hidden.get_absolute_url() not in stories
    assert f"/verhalen/fase/{phase.slug}/" in stories and "/verhalen/vertel/" in stories
    assert stories.count("<lastmod>") == 1, "only the story has a date"


def test_the_privacy_page_says_what_a_story_keeps(client):
    from tests.factories import PageFactory

    PageFactory(slug="privacy", title="Privacy", body="<p>Privacy.</p>")
    content = client.get("/privacy/").content.decode()
    assert "Verhaal van een ouder" in content and "30 dagen nadat je verhaal online kwam" in content


def test_the_english_site_translates_the_pages(phase):
    address = published_story(phase).get_absolute_url()
    english = Client()
    assert "Stories of parents" in english.get("/en/verhalen/").content.decode()
    assert "Tell your story" in english.get("/en/verhalen/vertel/").content.decode()
    content = english.get(f"/en{address}").content.decode()
    assert 'lang="nl"' in content and "What happened" in content


def test_the_demo_has_published_stories_in_different_phases(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("load_demo", stdout=StringIO())
    call_command("load_demo", stdout=StringIO())  # twice changes nothing
    published = Story.objects.published()
    assert published.count() == 3 and published.order_by().values("phase").distinct().count() == 3
    assert Story.objects.filter(state=Story.State.NEW).count() == 1
    for story in published:
        assert client.get(story.get_absolute_url()).status_code == 200
    assert Theme.objects.filter(pk__in=published.values("themes")).exists()
