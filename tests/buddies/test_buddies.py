import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from buddies.matching import WEIGHTS, suggestions
from buddies.models import BuddyRequest, Evaluation, Language, Match, Municipality, Theme
from buddies.services import (
    MatchError,
    anonymise_buddy_data,
    buddy_account_create,
    match_accept,
    match_decline,
    match_end,
    match_propose,
    match_start,
)
from tests.factories import PASSWORD, BuddyProfileFactory, BuddyRequestFactory, StaffFactory, UserFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return Municipality.objects.create(name="Alkmaar"), Municipality.objects.create(name="Bergen")


def form_data(place, **extra):
    return {
        "name": "Linda de Boer",
        "contact_method": "email",
        "email": "linda@example.org",
        "phone": "",
        "municipality": place.pk,
        "child_age": "10",
        "school_type": "",
        "language": "",
        "hopes": "Iemand die luistert.",
        "consent": "on",
        **guard_fields(),
        **extra,
    }


class TestRequestForm:
    def test_parent_asks_for_a_buddy_without_account(self, client, places, site_settings, mailoutbox):
        theme = Theme.objects.create(name="autisme")
        response = client.post("/buddy/", form_data(places[0], themes=[theme.pk]))
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        request = BuddyRequest.objects.get()
        assert "Je krijgt een mail met je kenmerk" in page
        assert request.reference in mailoutbox[0].body
        assert list(request.themes.all()) == [theme]
        assert [m.to for m in mailoutbox] == [["linda@example.org"], ["consulent@example.org"]]
        assert "Iemand die luistert" not in mailoutbox[1].body

    def test_double_request_shows_nobody_that_the_address_asked_before(self, client, places, mailoutbox):
        """Issue 19.6: no 'already' and no reference on the page; the owner of the address gets a mail."""
        first = client.get(client.post("/buddy/", form_data(places[0])).url).content.decode()
        again = client.post("/buddy/", form_data(places[0], email="LINDA@example.org", name="Iemand anders"))
        page = client.get(again.url).content.decode()
        request = BuddyRequest.objects.get()
        assert page == first
        assert request.reference not in page and "al" + " aangevraagd" not in page
        assert [m.to for m in mailoutbox] == [["linda@example.org"], ["linda@example.org"]]
        assert request.reference in mailoutbox[1].subject and "loopt al" in mailoutbox[1].subject

    def test_a_request_without_address_shows_its_reference(self, client, places):
        response = client.post("/buddy/", form_data(places[0], contact_method="phone", email="", phone="0612345678"))
        assert BuddyRequest.objects.get().reference in client.get(response.url).content.decode()

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"name": ""}, "Vul je naam in."),
            ({"email": ""}, "Vul je e-mailadres in, dan kunnen we je mailen."),
            ({"child_age": "99"}, "Vul een leeftijd in van 0 tot en met 25 jaar."),
            ({"child_age": "tien"}, "Vul een leeftijd in met cijfers"),
            ({"municipality": "99999"}, "Kies een gemeente uit de lijst."),
            ({"hopes": ""}, "Vertel kort wat je hoopt"),
            ({"consent": ""}, "Zonder je toestemming"),
            ({"contact_method": "phone", "phone": ""}, "Vul je telefoonnummer in"),
        ],
    )
    def test_bad_input(self, client, places, changes, message):
        response = client.post("/buddy/", form_data(places[0], **changes))
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not BuddyRequest.objects.exists()

    def test_only_buddies_who_agreed_are_shown(self, client):
        BuddyProfileFactory(first_name="Zichtbaar", introduction="Ik help graag.", show_on_site=True)
        BuddyProfileFactory(first_name="Verborgen", introduction="Liever niet.", show_on_site=False)
        content = client.get("/buddy/").content.decode()
        assert "Zichtbaar" in content and "Verborgen" not in content


class TestMatching:
    def test_ranking_with_reasons(self, places):
        alkmaar, bergen = places
        autism = Theme.objects.create(name="autisme")
        turkish = Language.objects.create(name="Turks")
        best = BuddyProfileFactory(first_name="Best")
        best.municipalities.add(alkmaar)
        best.themes.add(autism)
        best.languages.add(turkish)
        other = BuddyProfileFactory(first_name="Other")
        other.municipalities.add(bergen)
        request = BuddyRequestFactory(municipality=alkmaar, language=turkish)
        request.themes.add(autism)
        ranked = suggestions(request)
        assert [s.buddy for s in ranked] == [best, other]
        assert (
            ranked[0].score == WEIGHTS["municipality"] + WEIGHTS["theme"] + WEIGHTS["language"] + WEIGHTS["child_age"]
        )
        assert "zelfde gemeente (Alkmaar)" in ranked[0].reasons
        assert "kent thema autisme" in ranked[0].reasons
        assert "spreekt Turks" in ranked[0].reasons

    def test_paused_untrained_and_full_buddies_are_never_suggested(self, places):
        BuddyProfileFactory(first_name="Pauze", active=False)
        BuddyProfileFactory(first_name="Ongetraind", trained_on=None)
        full = BuddyProfileFactory(first_name="Vol", capacity=1)
        Match.objects.create(request=BuddyRequestFactory(), buddy=full, state="active")
        ok = BuddyProfileFactory(first_name="Ok")
        assert [s.buddy for s in suggestions(BuddyRequestFactory())] == [ok]

    def test_no_buddy_fits(self, client):
        request = BuddyRequestFactory()
        assert suggestions(request) == []
        client.force_login(StaffFactory(role="consulent"))
        page = client.get(reverse("admin:buddies_buddyrequest_change", args=[request.pk]))
        assert "Er is nu geen buddy die past." in page.content.decode()


class TestTransitions:
    def test_propose_accept_start_end_with_mails(self, mailoutbox):
        buddy = BuddyProfileFactory()
        request = BuddyRequestFactory(email="linda@example.org", phone="0612345678")
        match = match_propose(buddy_request=request, buddy=buddy)
        assert match.state == "proposed"
        assert mailoutbox[-1].to == [buddy.user.email]
        assert "linda@example.org" not in mailoutbox[-1].body  # no contact details before consent
        mailoutbox.clear()
        match = match_accept(match_pk=match.pk, buddy=buddy)
        assert match.state == "accepted"
        to = sorted(m.to[0] for m in mailoutbox)
        assert to == sorted([buddy.user.email, "linda@example.org"])
        buddy_mail = next(m for m in mailoutbox if m.to == [buddy.user.email])
        assert "linda@example.org" in buddy_mail.body
        match = match_start(match_pk=match.pk, buddy=buddy)
        assert match.state == "active"
        assert match.follow_up_1 == timezone.localdate() + datetime.timedelta(weeks=4)
        assert match.follow_up_2 == timezone.localdate() + datetime.timedelta(weeks=8)
        mailoutbox.clear()
        with pytest.raises(MatchError):
            match_end(match=match, reason="  ")
        match = match_end(match=match, reason="Het gaat goed")
        assert match.state == "ended"
        assert match.evaluation_token in mailoutbox[0].body

    def test_decline_goes_back_to_the_consulent_with_next_suggestions(self, site_settings, mailoutbox):
        first, second = BuddyProfileFactory(), BuddyProfileFactory()
        request = BuddyRequestFactory()
        match = match_propose(buddy_request=request, buddy=first)
        match_decline(match_pk=match.pk, buddy=first, reason="Te druk")
        assert Match.objects.get(pk=match.pk).state == "declined"
        assert mailoutbox[-1].to == ["consulent@example.org"]
        assert [s.buddy for s in suggestions(request)] == [second]

    def test_buddy_full_between_proposal_and_acceptance(self, site_settings):
        buddy = BuddyProfileFactory(capacity=1)
        first = match_propose(buddy_request=BuddyRequestFactory(), buddy=buddy)
        second = Match.objects.create(request=BuddyRequestFactory(), buddy=buddy)  # proposed while there was room
        match_accept(match_pk=first.pk, buddy=buddy)
        with pytest.raises(MatchError, match="maximale aantal"):
            match_accept(match_pk=second.pk, buddy=buddy)
        assert Match.objects.get(pk=second.pk).state == "declined"
        assert buddy.busy_count() == 1

    def test_cannot_propose_twice_or_to_full_buddy(self):
        buddy = BuddyProfileFactory(capacity=1)
        request = BuddyRequestFactory()
        match_propose(buddy_request=request, buddy=buddy)
        with pytest.raises(MatchError):
            match_propose(buddy_request=request, buddy=BuddyProfileFactory())
        Match.objects.create(request=BuddyRequestFactory(), buddy=buddy, state="active")
        with pytest.raises(MatchError, match="geen ruimte"):
            match_propose(buddy_request=BuddyRequestFactory(), buddy=buddy)

    def test_decisions_are_final(self):
        buddy = BuddyProfileFactory(capacity=2)
        match = match_propose(buddy_request=BuddyRequestFactory(), buddy=buddy)
        match_decline(match_pk=match.pk, buddy=buddy)
        with pytest.raises(MatchError):
            match_accept(match_pk=match.pk, buddy=buddy)

    def test_consulent_proposes_in_admin(self, client, mailoutbox):
        buddy = BuddyProfileFactory(first_name="Bram")
        request = BuddyRequestFactory()
        client.force_login(StaffFactory(role="consulent"))
        page = client.get(reverse("admin:buddies_buddyrequest_change", args=[request.pk])).content.decode()
        assert "Bram" in page and "Stel voor" in page
        url = reverse("admin:buddies_buddyrequest_propose", args=[request.pk, buddy.pk])
        assert client.get(url).status_code == 405
        client.post(url)
        assert Match.objects.get().buddy == buddy
        client.post(url)
        assert Match.objects.count() == 1


class TestPortal:
    def login(self, client, buddy):
        client.force_login(buddy.user)

    def test_buddy_sees_only_own_proposals_and_accepts(self, client, mailoutbox):
        mine, other = BuddyProfileFactory(), BuddyProfileFactory()
        my_match = match_propose(buddy_request=BuddyRequestFactory(name="Linda Mijn"), buddy=mine)
        other_match = match_propose(buddy_request=BuddyRequestFactory(name="Karin Ander"), buddy=other)
        BuddyRequestFactory(name="Niet Voorgesteld")
        self.login(client, mine)
        page = client.get("/buddy/mijn/").content.decode()
        assert "Linda" in page
        assert "Karin" not in page and "Niet Voorgesteld" not in page
        response = client.post(reverse("buddies:match_accept", args=[other_match.pk]), follow=True)
        assert "niet van jou" in response.content.decode()
        assert Match.objects.get(pk=other_match.pk).state == "proposed"
        client.post(reverse("buddies:match_accept", args=[my_match.pk]))
        assert Match.objects.get(pk=my_match.pk).state == "accepted"

    def test_buddy_pauses_edits_profile_and_ends_a_match(self, client):
        buddy = BuddyProfileFactory()
        self.login(client, buddy)
        client.post("/buddy/mijn/pauze/", {"active": "0"})
        buddy.refresh_from_db()
        assert not buddy.active
        response = client.post("/buddy/mijn/profiel/", {"first_name": "Bram", "capacity": "0"})
        assert "Kies minstens 1." in response.content.decode()
        client.post("/buddy/mijn/profiel/", {"first_name": "Bram", "capacity": "2", "meeting_ways": ["walk"]})
        buddy.refresh_from_db()
        assert (buddy.first_name, buddy.capacity, buddy.meeting_ways) == ("Bram", 2, ["walk"])
        match = Match.objects.create(request=BuddyRequestFactory(), buddy=buddy, state="active")
        response = client.post(reverse("buddies:match_end", args=[match.pk]), {"reason": ""}, follow=True)
        assert "Schrijf kort op waarom" in response.content.decode()
        client.post(reverse("buddies:match_end", args=[match.pk]), {"reason": "Gaat goed"})
        assert Match.objects.get(pk=match.pk).state == "ended"

    def test_portal_needs_login_and_a_profile(self, client):
        assert client.get("/buddy/mijn/").url.startswith("/account/login/")
        client.force_login(UserFactory())
        assert client.get("/buddy/mijn/").status_code == 403

    def test_buddy_logs_in_with_email(self, client):
        buddy = BuddyProfileFactory()
        response = client.post("/account/login/?next=/buddy/mijn/", {"login": buddy.user.email, "password": PASSWORD})
        assert response.url == "/buddy/mijn/"
        assert client.get("/buddy/mijn/").status_code == 200

    def test_unknown_action_is_not_an_address(self, client):
        buddy = BuddyProfileFactory()
        match = match_propose(buddy_request=BuddyRequestFactory(), buddy=buddy)
        self.login(client, buddy)
        assert client.post(f"/buddy/mijn/koppeling/{match.pk}/iets/").status_code == 404

    @pytest.mark.parametrize("action", ["match_accept", "match_decline", "match_start", "match_end"])
    def test_each_action_is_a_post_of_its_own_on_the_buddys_own_match(self, client, action):
        buddy, other = BuddyProfileFactory(), BuddyProfileFactory()
        state = "proposed" if action in ("match_accept", "match_decline") else "accepted"
        theirs = Match.objects.create(request=BuddyRequestFactory(), buddy=other, state=state)
        self.login(client, buddy)
        assert client.get(reverse(f"buddies:{action}", args=[theirs.pk])).status_code == 405
        response = client.post(reverse(f"buddies:{action}", args=[theirs.pk]), {"reason": "Past niet"}, follow=True)
        assert "niet van jou" in response.content.decode()
        theirs.refresh_from_db()
        assert theirs.state == state

    def test_buddy_declines_starts_and_the_consulent_hears_of_a_decline(self, client, mailoutbox, site_settings):
        buddy = BuddyProfileFactory()
        declined = match_propose(buddy_request=BuddyRequestFactory(), buddy=buddy)
        accepted = Match.objects.create(request=BuddyRequestFactory(), buddy=buddy, state="accepted")
        self.login(client, buddy)
        response = client.post(reverse("buddies:match_decline", args=[declined.pk]), {"reason": "Te ver weg"})
        assert response.url == reverse("buddies:portal")
        declined.refresh_from_db()
        assert (declined.state, declined.decline_reason) == ("declined", "Te ver weg")
        assert mailoutbox[-1].to == ["consulent@example.org"]
        response = client.post(reverse("buddies:match_start", args=[accepted.pk]), follow=True)
        assert "jullie hebben kennisgemaakt" in response.content.decode()
        assert Match.objects.get(pk=accepted.pk).state == "active"


class TestEvaluation:
    def test_single_use_and_without_name(self, client):
        match = Match.objects.create(request=BuddyRequestFactory(), buddy=BuddyProfileFactory(), state="ended")
        url = reverse("buddies:evaluation", args=[match.evaluation_token])
        response = client.post(url, {"helped": "3", "felt_heard": "2"})
        assert "Kies ja of nee." in response.content.decode()
        client.post(url, {"helped": "3", "felt_heard": "2", "would_recommend": "1", "remarks": "Fijn!"})
        evaluation = Evaluation.objects.get()
        assert evaluation.would_recommend is True
        assert not hasattr(evaluation, "match") and not hasattr(evaluation, "request")
        assert client.get(url).status_code == 404


class TestPermissionsAndPrivacy:
    @pytest.mark.parametrize("model", ["buddyprofile", "buddyrequest", "match", "evaluation"])
    def test_netwerkgroep_does_not_see_buddy_data(self, client, model):
        client.force_login(StaffFactory(role="netwerkgroep"))
        assert client.get(f"/beheer/buddies/{model}/").status_code == 403

    @pytest.mark.parametrize("model", ["buddyprofile", "buddyrequest", "match", "evaluation"])
    def test_consulent_does(self, client, model):
        client.force_login(StaffFactory(role="consulent"))
        assert client.get(f"/beheer/buddies/{model}/").status_code == 200

    def test_consulent_creates_a_buddy_who_gets_an_invitation(self, client, mailoutbox):
        municipality = Municipality.objects.create(name="Alkmaar")
        client.force_login(StaffFactory(role="consulent"))
        response = client.post(
            "/beheer/buddies/buddyprofile/add/",
            {
                "email": "nieuw@example.org",
                "first_name": "Nieuw",
                "capacity": "1",
                "active": "on",
                "child_age_min": "4",
                "child_age_max": "18",
                "municipalities": [municipality.pk],
                "trained_on": "01-10-2026",
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert mailoutbox[-1].to == ["nieuw@example.org"]
        assert "/account/password/reset/key/" in mailoutbox[-1].body

    def test_anonymise_after_the_period(self):
        old = BuddyRequestFactory(name="Oud Ouder", created_at=timezone.now() - datetime.timedelta(days=500))
        Match.objects.create(
            request=old,
            buddy=BuddyProfileFactory(),
            state="ended",
            ended_at=timezone.now() - datetime.timedelta(days=400),
            end_reason="Klaar",
            notes="Notitie",
        )
        never = BuddyRequestFactory(name="Nooit Gekoppeld", created_at=timezone.now() - datetime.timedelta(days=500))
        running = BuddyRequestFactory(name="Loopt Nog", created_at=timezone.now() - datetime.timedelta(days=500))
        Match.objects.create(request=running, buddy=BuddyProfileFactory(), state="active")
        call_command("anonymise_buddy_data", stdout=StringIO())
        for request in (old, never):
            request.refresh_from_db()
            assert (request.name, request.email, request.hopes) == ("", "", "")
        running.refresh_from_db()
        assert running.name == "Loopt Nog"
        assert Match.objects.get(request=old).notes == ""
        assert anonymise_buddy_data() == 0

    def test_personal_data_export_includes_buddy_requests(self):
        import json

        BuddyRequestFactory(email="linda@example.org", hopes="Mijn wens")
        out = StringIO()
        call_command("personal_data", "export", "linda@example.org", stdout=out)
        assert json.loads(out.getvalue())["buddy-aanvragen"][0]["wens"] == "Mijn wens"
        call_command("personal_data", "erase", "linda@example.org", stdout=StringIO())
        assert not BuddyRequest.objects.filter(hopes="Mijn wens").exists()


def test_buddy_account_create_service(mailoutbox):
    user = buddy_account_create(email="Piet@Example.org", first_name="Piet")
    assert user.email == "piet@example.org"
    assert not user.has_usable_password()
    assert mailoutbox[-1].to == ["piet@example.org"]


def test_request_list_needs_few_queries(client, django_assert_max_num_queries):
    client.force_login(StaffFactory(role="consulent"))
    buddy = BuddyProfileFactory(capacity=5)
    for _ in range(30):
        Match.objects.create(request=BuddyRequestFactory(), buddy=buddy, state="active")
    with django_assert_max_num_queries(20):  # the admin's own queries; no query per row
        response = client.get("/beheer/buddies/buddyrequest/")
    assert response.status_code == 200 and "loopt" in response.content.decode()
