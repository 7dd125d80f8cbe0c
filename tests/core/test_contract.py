"""The core names no part: everything a part offers comes through its contributions module.

Apart from ``INSTALLED_APPS`` in settings.py, no file in oudersteunpunt/ and no
template outside the parts' own folders (and their admin folders) refers to a part by its module, URL
namespace, admin address or template folder. So taking a part out of
``INSTALLED_APPS`` leaves the core working (``.ci/parts-out`` proves that).
"""

import re
from pathlib import Path

import pytest

from oudersteunpunt import registry

ROOT = Path(__file__).resolve().parents[2]
PARTS = ("faq", "events", "buddies", "stories", "contact")
P = "|".join(PARTS)
NAMING = re.compile(
    rf"""(?x)
    \b(?:from|import)\s+(?:{P})\b          # a Python import
    | ["'](?:{P})[.:]                      # a module ("faq.urls") or URL name ("faq:index")
    | \badmin:(?:{P})_                     # an admin address of a part's model
    | ["'](?:{P})/                         # a template of the part
    | \b(?:{P})\.apps\b                    # an app config
    """
)


def core_files():
    for path in sorted((ROOT / "oudersteunpunt").rglob("*.py")):
        if path.name != "settings.py" and "migrations" not in path.parts:
            yield path
    for path in sorted((ROOT / "templates").rglob("*")):
        folders = path.relative_to(ROOT / "templates").parts
        # A part's own templates, and its admin templates, may name it.
        owned = folders[0] in PARTS or (folders[0] == "admin" and len(folders) > 2 and folders[1] in PARTS)
        if path.is_file() and not owned:
            yield path


def test_the_pattern_finds_a_part_named_in_the_old_ways():
    for line in (
        "{% url 'faq:index' as faq_url %}",
        'path("", include("buddies.urls")),',
        "from events.models import Event",
        'reverse("admin:contact_contactrequest_changelist")',
        '{% include "buddies/home_card.html" %}',
    ):
        assert NAMING.search(line), line
    for line in ("Een buddy is een ouder", "neem contact met ons op", "de agenda"):
        assert not NAMING.search(line), line


def test_no_core_file_names_a_part():
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in core_files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if NAMING.search(line)
    ]
    assert found == []


def test_settings_name_the_parts_only_in_installed_apps():
    text = (ROOT / "oudersteunpunt" / "settings.py").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if NAMING.search(line)]


@pytest.mark.parametrize("part", PARTS)
def test_each_part_registers_in_one_line(part):
    ready = (ROOT / part / "apps.py").read_text(encoding="utf-8").split("def ready(self):", 1)[1]
    statements = [line.strip() for line in ready.splitlines() if line.strip()]
    assert statements == ["from . import contributions", "contributions.register()"]


def test_every_part_offers_its_addresses_and_menu_entry():
    assert registry.url_modules == [f"{part}.urls" for part in PARTS]
    # The stories have no menu entry of their own (the phone header holds four): the home page and
    # the phase pages lead to them.
    assert [entry.url_name.split(":")[0] for entry in registry.menu_entries] == [p for p in PARTS if p != "stories"]


@pytest.mark.django_db
def test_a_part_adds_a_link_to_the_footer(client):
    footer = client.get("/").content.decode().split('class="site-footer"')[1]
    assert '<a href="/doe-mee/">Doe mee</a>' in footer
    assert '<a href="/verhalen/">Verhalen van ouders</a>' in footer
    footer = client.get("/en/").content.decode().split('class="site-footer"')[1]
    assert '<a href="/en/doe-mee/">' in footer
