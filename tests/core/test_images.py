import os
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from oudersteunpunt.models import Page
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def image_file(width, height, kind="JPEG", name="foto.jpg"):
    buffer = BytesIO()
    Image.new("RGB" if kind == "JPEG" else "1", (width, height), "white").save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{kind.lower()}")


def noise_png():
    """A real image of more than 5 MB: random pixels do not compress."""
    buffer = BytesIO()
    Image.frombytes("RGB", (1500, 1300), os.urandom(1500 * 1300 * 3)).save(buffer, "PNG")
    assert buffer.tell() > 5 * 1024 * 1024
    return SimpleUploadedFile("groot.png", buffer.getvalue(), content_type="image/png")


def post_page(client, image, alt="Ouders aan tafel in het Oudercafé"):
    client.force_login(StaffFactory(role="netwerkgroep"))
    return client.post(
        "/beheer/oudersteunpunt/page/add/",
        {
            "title": "Over ons",
            "slug": "over-ons",
            "intro": "",
            "body": "<p>Tekst</p>",
            "image": image,
            "image_alt": alt,
            "published": "on",
        },
    )


def test_a_photo_is_resized_on_upload(client):
    response = post_page(client, image_file(3200, 2000))
    assert response.status_code == 302
    page = Page.objects.get()
    assert (page.image.width, page.image.height) == (1600, 1000)
    shown = client.get("/over-ons/")
    assert 'alt="Ouders aan tafel in het Oudercafé"' in shown.content.decode()
    assert client.get(page.image.url).status_code == 200


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("foto.jpg", b"dit is geen afbeelding", content_type="image/jpeg"),
            "Upload een geldige afbeelding",
        ),
        (noise_png(), "te groot"),
        (image_file(9000, 9000, kind="PNG", name="bom.png"), "te veel pixels"),
    ],
)
def test_bad_uploads_are_refused_cleanly(client, upload, message):
    response = post_page(client, upload)
    assert response.status_code == 200
    errors = str(response.context["adminform"].form.errors["image"])
    assert message in errors
    assert not Page.objects.exists()


def test_an_image_needs_a_description(client):
    response = post_page(client, image_file(800, 600), alt="")
    assert "Beschrijf kort wat er op de afbeelding staat." in str(response.context["adminform"].form.errors)
