"""The W3C Nu Html Checker (vnu) on every public page and every kind of mail.

Runs where Java and vnu.jar are present (``make vnu`` installs the jar in .tools/);
elsewhere it is skipped. ``VNU_OUT`` keeps the checked files for a person to look at.
"""

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from tests.core.mail_kinds import produce_every_mail_kind

pytestmark = pytest.mark.django_db

VNU_JAR = Path(os.environ.get("VNU_JAR", Path(settings.BASE_DIR) / ".tools/node_modules/vnu-jar/build/dist/vnu.jar"))

# Pages not (yet) in the sitemap, and pages that only exist in some states.
EXTRA_PAGES = [
    "/",
    "/contact/",
    "/buddy/",
    "/vragen/",
    "/agenda/",
    "/begrippen/",
    "/zoeken/?q=school",
    "/account/login/",
]
EXTRA_PAGES += ["/niet-hier/"]


def private_link_pages():
    """The pages a parent opens from a mail: a cancel link, an evaluation link, the page of their story."""
    from buddies.models import Match
    from events.models import Signup
    from stories.models import Story

    signup = Signup.objects.filter(event__cancelled_at__isnull=True).first()
    match = Match.objects.filter(state=Match.State.ENDED).first()
    pages = [reverse("events:cancel", args=[signup.token])] if signup else []
    pages += [reverse("buddies:evaluation", args=[match.evaluation_token])] if match else []
    return pages + [reverse("stories:private", args=[story.token]) for story in Story.objects.all()[:1]]


def sitemap_addresses(client, path):
    """The addresses in a sitemap (or its index), each as path and query."""
    found = []
    for loc in [e for e in ET.fromstring(client.get(path).content).iter() if e.tag.endswith("loc")]:
        address = urlsplit(loc.text)
        found.append(address.path + (f"?{address.query}" if address.query else ""))
    return found


def public_pages(client):
    # The sitemap is an index of sections: every page of every section, not the sections' XML.
    sections = sitemap_addresses(client, "/sitemap.xml")
    found = [page for section in sections for page in sitemap_addresses(client, section)]
    paths = dict.fromkeys(found + EXTRA_PAGES + private_link_pages())
    return list(dict.fromkeys([*paths, *(f"/en{path}" for path in paths)]))


def save(folder, name, html):
    path = folder / name
    path.write_text(html, encoding="utf-8")
    return path


@pytest.mark.skipif(not (shutil.which("java") and VNU_JAR.exists()), reason="needs Java and vnu.jar (make vnu)")
def test_vnu_finds_no_errors_in_pages_and_mails(client, monkeypatch, tmp_path, settings):
    settings.PAGE_CACHE_SECONDS = 0
    with open(tmp_path / "demo.log", "w") as log:
        call_command("load_demo", stdout=log)
    folder = Path(os.environ.get("VNU_OUT") or tmp_path / "html")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)

    files = []
    for path in public_pages(client):
        response = client.get(path)
        assert response.status_code in (200, 404), path
        files.append(
            save(folder, "page" + path.replace("/", "_").replace("?", "_") + ".html", response.content.decode())
        )
    for template, (_subject, _text, html) in produce_every_mail_kind(monkeypatch).items():
        files.append(save(folder, "mail_" + template.replace("/", "_") + ".html", html))

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--skip-non-html", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    (folder / "vnu.json").write_text(json.dumps(messages, indent=1, ensure_ascii=False), encoding="utf-8")
    errors = [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] == "error" or m.get("subType") == "fatal"
    ]
    summary = f"{len(files)} files, {len(errors)} errors, {len(messages) - len(errors)} warnings or info"
    (folder / "summary.txt").write_text(summary + "\n", encoding="utf-8")
    assert errors == [], summary
