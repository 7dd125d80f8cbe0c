import re

import pytest
from django import forms
from django.http import HttpResponse
from django.test import RequestFactory
from django.views import View

from oudersteunpunt.spam import GuardedFormMixin, is_rate_limited, parse_rate, rate_limited

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


def shown(form):
    return HttpResponse(f"{' '.join(form.non_field_errors())} | {form['name'].value()}")


@rate_limited("example", "1/h")
def example_view(request, show_form=True):
    if not show_form:  # like an event that is over: no form, nothing to count
        return HttpResponse("gesloten")
    form = ExampleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return HttpResponse("opgeslagen", status=201)
    return shown(form)


@rate_limited("example-class", "1/h")
class ExampleView(View):
    def post(self, request):
        form = ExampleForm(request.POST)
        if form.is_valid():
            return HttpResponse("opgeslagen", status=201)
        return shown(form)


def post(address, **data):
    return RequestFactory().post("/", submitted(**data), REMOTE_ADDR=address)


@pytest.mark.parametrize("view", [example_view, ExampleView.as_view()])
def test_rate_limited_view_keeps_what_was_typed_and_answers_429(view):
    assert view(post("10.0.1.1")).status_code == 201
    response = view(post("10.0.1.1", name="Fatima Yilmaz"))
    assert response.status_code == 429
    assert re.search(r"Over \d+ minuu?t(en)? kun je dit formulier weer versturen", response.content.decode())
    assert response.content.decode().endswith("| Fatima Yilmaz")
    assert view(post("10.0.1.2")).status_code == 201  # another address has its own count


def test_rate_limited_counts_a_post_once_and_only_when_its_form_is_checked():
    for _ in range(3):
        assert example_view(post("10.0.2.1"), show_form=False).content == b"gesloten"
        assert example_view(RequestFactory().get("/", REMOTE_ADDR="10.0.2.1")).status_code == 200
    assert example_view(post("10.0.2.1")).status_code == 201
    assert example_view(post("10.0.2.1")).status_code == 429


def test_a_form_outside_a_rate_limited_view_is_not_limited():
    for _ in range(3):
        assert ExampleForm(submitted()).is_valid()


@pytest.mark.django_db
def test_load_demo_twice_changes_nothing():
    from django.apps import apps
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()}
    call_command("load_demo", stdout=open("/dev/null", "w"))
    assert counts == {m._meta.label: m.objects.count() for m in apps.get_models()}
    assert counts["auth.User"] >= 4
