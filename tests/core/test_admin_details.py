import pytest

from contact.models import ContactRequest
from tests.factories import BuddyRequestFactory, QuestionFactory, SignupFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]


def test_contact_requests_show_names_and_links_to_call_or_mail(client):
    consulent = StaffFactory(role="consulent", username="cons42", first_name="Fatima", last_name="El Amrani")
    request = ContactRequest.objects.create(
        reference="OSP-9",
        name="Petra",
        email="petra@example.org",
        phone="06 12345678",
        message="Vraag",
        consent=True,
        assigned_to=consulent,
    )
    client.force_login(consulent)
    listing = client.get("/beheer/contact/contactrequest/").content.decode()
    assert "Fatima El Amrani" in listing and "cons42" not in listing
    assert 'href="mailto:petra@example.org"' in listing and 'href="tel:0612345678"' in listing
    detail = client.get(f"/beheer/contact/contactrequest/{request.pk}/change/").content.decode()
    assert 'href="tel:0612345678"' in detail and 'href="mailto:petra@example.org"' in detail
    assert ">Fatima El Amrani</option>" in detail  # the "behandeld door" choice


def test_signups_and_buddy_requests_link_phone_and_mail(client):
    client.force_login(StaffFactory(role="beheerder"))
    SignupFactory(email="a@example.org", phone="0612 345 678")
    BuddyRequestFactory(email="b@example.org", phone="+31 6 1234 5678")
    signups = client.get("/beheer/events/signup/").content.decode()
    assert 'href="mailto:a@example.org"' in signups and 'href="tel:0612345678"' in signups
    requests = client.get("/beheer/buddies/buddyrequest/").content.decode()
    assert 'href="tel:+31612345678"' in requests


def test_slug_says_it_is_the_web_address_and_the_editor_speaks_dutch(client):
    client.force_login(StaffFactory(role="netwerkgroep"))
    question = QuestionFactory()
    page = client.get(f"/beheer/faq/question/{question.pk}/change/").content.decode()
    assert "Webadres (slug)" in page
    assert "js/editor-nl.js" in page
    event_page = client.get("/beheer/events/event/add/").content.decode()
    assert "Webadres (slug)" in event_page and "Adres van de plaats" in event_page
    assert "Link wijzigen" in client.get("/beheer/jsi18n/").content.decode()


def test_second_factors_are_listed_in_dutch_by_name_without_their_secret(client):
    from allauth.mfa.models import Authenticator

    from tests.factories import TOTP_SECRET

    beheerder = StaffFactory(role="beheerder", first_name="Anne", last_name="de Vries")
    client.force_login(beheerder)
    listing = client.get("/beheer/mfa/authenticator/").content.decode()
    assert "Anne de Vries" in listing and "Ingesteld op" in listing and "Created at" not in listing
    totp = Authenticator.objects.get(user=beheerder)
    detail = client.get(f"/beheer/mfa/authenticator/{totp.pk}/change/").content.decode()
    assert TOTP_SECRET not in detail and "Data" not in detail
