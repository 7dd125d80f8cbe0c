import pytest
from django import forms
from django.test import RequestFactory

from oudersteunpunt.spam import GuardedFormMixin, is_rate_limited, parse_rate

# A start time is accepted once: the guard remembers spent ones in the database.
pytestmark = pytest.mark.django_db


class ExampleForm(GuardedFormMixin):
    name = forms.CharField()


def submitted(**data):
    started = ExampleForm().initial["started"]
    return {"name": "Sanne", "website": "", "started": started, **data}


def test_a_person_gets_through():
    assert ExampleForm(submitted()).is_valid()


def test_honeypot_blocks_bots():
    form = ExampleForm(submitted(website="http://spam.example"))
    assert not form.is_valid()
    assert form.has_error("__all__", "honeypot")


def test_too_fast_is_refused_and_keeps_what_was_typed(settings):
    settings.OSP_FORM_MIN_SECONDS = 5
    form = ExampleForm(submitted(name="Sanne de Vries"))
    assert not form.is_valid()
    assert form.has_error("__all__", "too_fast")
    assert 'value="Sanne de Vries"' in str(form["name"])


def test_forged_start_time_is_refused():
    form = ExampleForm(submitted(started="12345"))
    assert not form.is_valid()
    assert form.has_error("__all__", "expired")


def test_reshown_form_gets_a_fresh_start_time():
    form = ExampleForm(submitted(started="rommel"))
    form.is_valid()
    assert "rommel" not in str(form["started"])


def test_a_start_time_is_accepted_once():
    data = submitted()
    assert ExampleForm(data).is_valid()
    replay = ExampleForm(data)
    assert not replay.is_valid()
    assert replay.has_error("__all__", "replayed")


def test_every_form_gets_its_own_start_time():
    assert ExampleForm().initial["started"] != ExampleForm().initial["started"]


def test_an_incomplete_form_does_not_spend_its_start_time():
    data = submitted(name="")
    assert not ExampleForm(data).is_valid()
    assert ExampleForm({**data, "name": "Sanne"}).is_valid()


def test_parse_rate():
    assert parse_rate("10/h") == (10, 3600)
    assert parse_rate("5/15m") == (5, 900)


def test_rate_limit_per_address():
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.1")
    other = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2")
    results = [is_rate_limited(request, "test", "3/h") for _ in range(4)]
    assert results == [False, False, False, True]
    assert is_rate_limited(other, "test", "3/h") is False
    assert is_rate_limited(request, "other-form", "3/h") is False


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    from django.apps import apps
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts == {m._meta.label: m.objects.count() for m in apps.get_models()}
    assert counts["auth.User"] >= 4
