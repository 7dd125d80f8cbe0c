import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.models import ContactNote, ContactRequest, Topic, working_days_between
from contact.services import anonymise_contact_requests, contact_request_create
from events.models import Signup
from tests.factories import QuestionFactory, SignupFactory, StaffFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {
        "name": "Sanne de Vries",
        "contact_method": "email",
        "email": "sanne@example.org",
        "phone": "",
        "good_times": "",
        "may_leave_message": "on",
        "message": "Mijn zoon zit thuis. Wie kan helpen?",
        "consent": "on",
        **guard_fields(),
        **extra,
    }


class TestForm:
    def test_parent_sends_request_and_sees_reference(self, client, site_settings, mailoutbox):
        response = client.post("/contact/", form_data())
        assert response.status_code == 302
        page = client.get(response.url).content.decode()
        request = ContactRequest.objects.get()
        assert request.reference == f"OSP-{timezone.localdate().year}-0001"
        assert request.reference in page
        assert "5 werkdagen" in page
        to_parent, to_consulent = mailoutbox
        assert to_parent.to == ["sanne@example.org"] and request.reference in to_parent.body
        assert to_consulent.to == ["consulent@example.org"]
        assert "Mijn zoon zit thuis" not in to_consulent.body + to_consulent.subject
        assert request.get_admin_url() in to_consulent.body

    def test_references_count_up(self):
        first = contact_request_create(name="A", email="a@example.org", message="x")
        second = contact_request_create(name="B", email="b@example.org", message="y")
        assert int(second.reference[-4:]) == int(first.reference[-4:]) + 1

    def test_question_from_faq_is_filled_in(self, client):
        question = QuestionFactory(slug="wat-is-een-opp", title="Wat is een OPP?")
        page = client.get("/contact/?vraag=wat-is-een-opp").content.decode()
        assert "Je vraag gaat over: <strong>Wat is een OPP?</strong>" in page
        client.post("/contact/", form_data(vraag="wat-is-een-opp"))
        request = ContactRequest.objects.get()
        assert request.about_question == question
        assert request.phase == question.phase

    def test_unknown_question_is_ignored(self, client):
        assert client.get("/contact/?vraag=" + "x" * 500).status_code == 200
        assert client.get("/contact/?vraag=bestaat-niet").status_code == 200

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"name": ""}, "Vul je naam in."),
            ({"email": ""}, "Vul je e-mailadres in, dan kunnen we je mailen."),
            ({"contact_method": "phone", "phone": ""}, "Vul je telefoonnummer in, dan kunnen we je bellen."),
            ({"contact_method": "phone", "phone": "abc"}, "Vul een telefoonnummer in"),
            ({"email": "sanne@"}, "Vul een geldig e-mailadres in"),
            ({"message": ""}, "Schrijf je vraag op"),
            ({"message": "x" * 4001}, "Schrijf maximaal 4000 tekens."),
            ({"consent": ""}, "Zonder je toestemming"),
            ({"phase": "999999"}, "Selecteer een geldige keuze"),
            ({"contact_method": "duif"}, "Selecteer een geldige keuze"),
        ],
    )
    def test_bad_input_is_explained_and_kept(self, client, changes, message):
        response = client.post("/contact/", form_data(**changes))
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content
        if "name" not in changes:
            assert 'value="Sanne de Vries"' in content
        assert not ContactRequest.objects.exists()

    def test_spam_and_flood(self, client, settings):
        client.post("/contact/", form_data(website="http://spam.example"))
        assert not ContactRequest.objects.exists()
        settings.OSP_FORM_RATE_LIMIT = "2/h"
        client.post("/contact/", form_data())
        assert client.post("/contact/", form_data()).status_code == 429

    def test_csrf_is_required(self):
        assert Client(enforce_csrf_checks=True).post("/contact/", form_data()).status_code == 403

    def test_mail_server_down_keeps_the_request(self, client, settings):
        settings.EMAIL_BACKEND = "tests.helpers.FailingEmailBackend"
        assert client.post("/contact/", form_data()).status_code == 302
        assert ContactRequest.objects.count() == 1


class TestInbox:
    def test_consulent_finds_changes_and_notes(self, client):
        consulent = StaffFactory(role="consulent")
        request = contact_request_create(name="Sanne", email="s@example.org", message="Hulp nodig")
        client.force_login(consulent)
        listing = client.get("/beheer/contact/contactrequest/?q=" + request.reference)
        assert request.reference in listing.content.decode()
        url = reverse("admin:contact_contactrequest_change", args=[request.pk])
        assert "Hulp nodig" in client.get(url).content.decode()
        response = client.post(
            url,
            {
                "status": "in_progress",
                "assigned_to": consulent.pk,
                "phase": "",
                "topic": "",
                "notes-TOTAL_FORMS": "1",
                "notes-INITIAL_FORMS": "0",
                "notes-0-text": "Gebeld en afspraak gemaakt.",
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        request.refresh_from_db()
        assert request.status == "in_progress" and request.assigned_to == consulent
        note = ContactNote.objects.get()
        assert note.author == consulent
        history = client.get(reverse("admin:contact_contactrequest_history", args=[request.pk]))
        assert history.status_code == 200 and "Status" in history.content.decode()

    @pytest.mark.parametrize("role", ["netwerkgroep"])
    def test_netwerkgroep_never_sees_requests(self, client, role):
        request = contact_request_create(name="Sanne", email="s@example.org", message="Privé")
        client.force_login(StaffFactory(role=role))
        assert client.get("/beheer/contact/contactrequest/").status_code == 403
        assert client.get(reverse("admin:contact_contactrequest_change", args=[request.pk])).status_code in (302, 403)
        assert "Privé" not in client.get("/beheer/").content.decode()

    def test_overdue_requests_are_highlighted(self, client):
        old = contact_request_create(name="Oud", email="o@example.org", message="x")
        ContactRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=14))
        client.force_login(StaffFactory(role="consulent"))
        assert 'class="overdue"' in client.get("/beheer/contact/contactrequest/").content.decode()

    def test_working_days(self):
        friday = datetime.date(2026, 11, 20)
        assert working_days_between(friday, friday + datetime.timedelta(days=3)) == 1  # to monday
        assert working_days_between(friday, friday + datetime.timedelta(days=14)) == 10
        assert working_days_between(friday, friday) == 0


class TestOverview:
    def test_counts_per_topic_phase_month_and_csv(self, client):
        topic = Topic.objects.create(name="Thuiszitten")
        contact_request_create(name="A", email="a@example.org", message="x", topic=topic)
        contact_request_create(name="B", email="b@example.org", message="y")
        client.force_login(StaffFactory(role="netwerkgroep"))
        page = client.get("/beheer/overzicht/")
        content = page.content.decode()
        assert page.status_code == 200
        assert "Thuiszitten" in content and "<svg" in content
        assert "a@example.org" not in content and ">A<" not in content
        assert client.get("/beheer/overzicht/?per=kwartaal").status_code == 200
        csv = client.get("/beheer/overzicht/?formaat=csv").content.decode("utf-8-sig")
        assert "Thuiszitten" in csv and "a@example.org" not in csv

    def test_overview_needs_permission(self, client):
        user = StaffFactory()
        client.force_login(user)
        assert client.get("/beheer/overzicht/").status_code == 403


class TestPrivacy:
    def test_closed_requests_are_anonymised_after_the_period(self):
        old = contact_request_create(name="Oud", email="oud@example.org", message="Geheim", phone="0612345678")
        ContactNote.objects.create(request=old, text="Notitie met naam")
        ContactRequest.objects.filter(pk=old.pk).update(
            status="closed", closed_at=timezone.now() - datetime.timedelta(days=400)
        )
        recent = contact_request_create(name="Nieuw", email="nieuw@example.org", message="Nog open")
        call_command("anonymise_contact_requests", stdout=StringIO())
        old.refresh_from_db()
        recent.refresh_from_db()
        assert (old.name, old.email, old.phone, old.message) == ("", "", "", "")
        assert old.reference and old.anonymised_at
        assert ContactNote.objects.get().text == ""
        assert recent.name == "Nieuw"
        assert anonymise_contact_requests() == 0

    def test_export_and_erase_cover_every_part(self):
        contact_request_create(name="Sanne", email="sanne@example.org", message="Mijn vraag")
        SignupFactory(email="sanne@example.org", name="Sanne")
        SignupFactory(email="ander@example.org", name="Ander")
        out = StringIO()
        call_command("personal_data", "export", "SANNE@example.org", stdout=out)
        data = json.loads(out.getvalue())
        assert data["vragen aan de consulent"][0]["vraag"] == "Mijn vraag"
        assert data["aanmeldingen"][0]["naam"] == "Sanne"
        call_command("personal_data", "erase", "sanne@example.org", stdout=StringIO())
        assert not ContactRequest.objects.filter(email="sanne@example.org").exists()
        assert not Signup.objects.filter(email="sanne@example.org").exists()
        assert Signup.objects.filter(email="ander@example.org").exists()
        out = StringIO()
        call_command("personal_data", "export", "sanne@example.org", stdout=out)
        assert all(rows == [] for key, rows in json.loads(out.getvalue()).items() if key != "e-mail")

    def test_bad_email_is_refused(self):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError):
            call_command("personal_data", "export", "geen-adres")


def test_the_question_from_faq_is_looked_up_once(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    QuestionFactory(slug="wat-is-een-opp")
    with CaptureQueriesContext(connection) as queries:
        client.get("/contact/?vraag=wat-is-een-opp")
    assert sum('FROM "faq_question"' in q["sql"] for q in queries.captured_queries) == 1


def test_anonymous_post_to_the_portal_goes_to_login(client):
    response = client.get(reverse("buddies:pause"))
    assert response.status_code == 302 and "/account/login/" in response.url
