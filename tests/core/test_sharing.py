"""Links that share well: Open Graph and Twitter card tags and a canonical address on every public page.

A parent who pastes a link in a WhatsApp group or a class app sees the page's
own title, a short description and the site's picture.
"""

import json
import re
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from oudersteunpunt.models import SiteSettings
from tests.core.test_vnu import public_pages
from tests.factories import EventFactory, PhaseFactory, QuestionFactory, StaffFactory

pytestmark = pytest.mark.django_db

DEFAULT_DESCRIPTION = "Steun en informatie voor ouders van een kind dat extra ondersteuning nodig heeft op school."


class Head(HTMLParser):
    """The meta tags (by property or name), the canonical link and the JSON-LD of a page."""

    def __init__(self, html):
        super().__init__()
        self.meta, self.canonical, self.jsonld, self._in_jsonld = {}, [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (key := attrs.get("property") or attrs.get("name")):
            self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs["href"])
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data):
        if self._in_jsonld:
            self.jsonld[-1] += data

    def one(self, key):
        values = self.meta.get(key, [])
        assert len(values) == 1, (key, values)
        return values[0]


def head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return Head(response.content.decode())


def image_file(width, height, kind="PNG", name="delen.png"):
    buffer = BytesIO()
    Image.new("RGB", (width, height), "#1d5c63").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def test_every_public_page_shares_its_title_description_address_and_picture(client, settings, tmp_path):
    settings.PAGE_CACHE_SECONDS = 0
    with open(tmp_path / "demo.log", "w") as log:
        call_command("load_demo", stdout=log)
    site = SiteSettings.load()
    checked = []
    for path in public_pages(client):
        response = client.get(path)
        if response.status_code == 404:  # the checker's own missing page: nothing to share
            assert 'rel="canonical"' not in response.content.decode()
            continue
        assert response.status_code == 200, path
        page = Head(response.content.decode())
        title, description = page.one("og:title"), page.one("og:description")
        assert title.strip() and description.strip(), path
        assert " ".join(page.one("description").split()) == description, path
        # The page's own absolute address: language prefix kept, search words and tracking left out.
        [canonical] = page.canonical
        expected = "http://testserver" + path.split("?")[0]
        if "pagina=" in path:
            expected += "?" + path.split("?")[1]
        assert canonical == expected, path
        assert page.one("og:url") == canonical, path
        assert re.fullmatch(r"http://testserver/static/img/delen\.png", page.one("og:image")), path
        assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
        assert page.one("og:image:alt").strip()
        assert page.one("og:site_name") == site.name
        assert page.one("og:locale") == ("en_GB" if path.startswith("/en/") else "nl_NL"), path
        assert page.one("twitter:card") == "summary_large_image"
        assert page.one("og:type") in ("website", "article")
        indexable = "noindex" not in (page.meta.get("robots") or [""])[0]
        if indexable and path not in ("/", "/en/") and not path.startswith("/en/"):
            # Parts fill the description block: no public page falls back to the site's general line.
            assert description != DEFAULT_DESCRIPTION, path
        for data in page.jsonld:
            json.loads(data)
        checked.append(path)
    kinds = {path.strip("/").split("/")[0] for path in checked}
    assert len(checked) > 50 and {"en", "vragen", "agenda", "buddy", "contact", "privacy"} <= kinds, kinds


def test_the_canonical_address_keeps_the_language_and_the_page_of_a_list(client):
    EventFactory()
    assert head(client, "/agenda/?utm_source=whatsapp").canonical == ["http://testserver/agenda/"]
    assert head(client, "/en/agenda/").canonical == ["http://testserver/en/agenda/"]
    assert head(client, "/zoeken/?q=school").canonical == ["http://testserver/zoeken/"]
    phase = PhaseFactory()
    for number in range(31):
        QuestionFactory(phase=phase, slug=f"vraag-{number}")
    page_two = head(client, phase.get_absolute_url() + "?pagina=2&utm_medium=app")
    assert page_two.canonical == [f"http://testserver{phase.get_absolute_url()}?pagina=2"]
    assert page_two.one("og:url") == page_two.canonical[0]
    assert head(client, phase.get_absolute_url() + "?pagina=1").canonical == [
        f"http://testserver{phase.get_absolute_url()}"
    ]


def test_home_shares_the_name_of_the_organisation_and_a_question_is_an_article(client, site_settings):
    site_settings.name = "Oudersteunpunt Noordkust"
    site_settings.save()
    home = head(client, "/")
    assert home.one("og:title") == "Oudersteunpunt Noordkust"
    assert home.one("og:type") == "website"
    question = QuestionFactory(title="Wat is een OPP?")
    page = head(client, question.get_absolute_url())
    assert page.one("og:type") == "article"
    assert page.one("og:title") == "Wat is een OPP?"
    assert page.one("og:site_name") == "Oudersteunpunt Noordkust"
    english = head(client, "/en" + question.get_absolute_url())
    assert english.one("og:locale") == "en_GB" and english.one("og:locale:alternate") == "nl_NL"


def test_quotes_and_tags_in_a_title_stay_inside_their_attribute(client):
    question = QuestionFactory(title='Wat als school "nee" zegt? </script><script>alert(1)</script> & dan?')
    html = client.get(question.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    page = Head(html)
    assert page.one("og:title") == question.title
    [data] = page.jsonld
    assert json.loads(data)["@graph"][0]["mainEntity"][0]["name"] == question.title
    assert "alert" not in "".join(v for k, vs in page.meta.items() if k != "og:title" for v in vs if v)


def test_an_error_page_has_no_address_to_share(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "og:url" not in response.content.decode() and 'rel="canonical"' not in response.content.decode()


class TestShareImage:
    def test_an_uploaded_picture_is_cropped_to_the_preview_size_and_shared(self, client, site_settings):
        site_settings.share_image = image_file(1600, 1200)
        site_settings.share_image_alt = "Ouders aan tafel in het Oudercafé"
        site_settings.full_clean()
        site_settings.save()
        site = SiteSettings.load()
        assert (site.share_image_width, site.share_image_height) == (1200, 630)
        assert site.share_image.name.endswith(".jpg")
        with Image.open(site.share_image.path) as image:
            assert (image.size, image.format) == ((1200, 630), "JPEG")
        page = head(client, "/agenda/")
        assert page.one("og:image") == f"http://testserver{site.share_image.url}"
        assert page.one("og:image:alt") == "Ouders aan tafel in het Oudercafé"
        assert (page.one("og:image:width"), page.one("og:image:height")) == ("1200", "630")
        # Only the cropped picture is kept.
        assert [file.name for file in Path(site.share_image.path).parent.iterdir()] == [
            Path(site.share_image.path).name
        ]

    def test_a_transparent_picture_gets_the_warm_white_background(self, site_settings):
        buffer = BytesIO()
        Image.new("RGBA", (1200, 630), (0, 0, 0, 0)).save(buffer, "PNG")
        site_settings.share_image = SimpleUploadedFile("leeg.png", buffer.getvalue(), content_type="image/png")
        site_settings.share_image_alt = "Het logo"
        site_settings.save()
        with Image.open(SiteSettings.load().share_image.path) as image:
            assert image.convert("RGB").getpixel((5, 5))[0] > 240  # warm white, not black

    def test_too_small_or_without_a_description_is_refused(self, site_settings):
        site_settings.share_image = image_file(400, 300)
        site_settings.share_image_alt = "Iets"
        with pytest.raises(ValidationError) as error:
            site_settings.full_clean()
        assert "te klein" in str(error.value.message_dict["share_image"])
        site_settings.share_image = image_file(1200, 630)
        site_settings.share_image_alt = " "
        with pytest.raises(ValidationError) as error:
            site_settings.full_clean()
        assert "share_image_alt" in error.value.message_dict

    def test_the_admin_says_what_is_wrong_and_keeps_the_rest(self, client, site_settings):
        client.force_login(StaffFactory(role="beheerder"))
        url = "/beheer/oudersteunpunt/sitesettings/1/change/"
        form = client.get(url).context["adminform"].form
        data = {name: value for name, value in form.initial.items() if value is not None and name != "logo"}
        data.update(
            accessibility_date="",
            name="Oudersteunpunt Noordkust",
            share_image=image_file(300, 200),
            share_image_alt="Ouders",
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert "Deze afbeelding is te klein. Kies er een van minstens 600 bij 315 pixels." in response.content.decode()
        assert 'value="Oudersteunpunt Noordkust"' in response.content.decode()
        assert not SiteSettings.objects.get().share_image
