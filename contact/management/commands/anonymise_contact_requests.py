from django.conf import settings
from django.core.management.base import BaseCommand

from contact.services import anonymise_contact_requests


class Command(BaseCommand):
    help = "Maakt afgeronde vragen aan de consulent anoniem na het ingestelde aantal maanden."

    def handle(self, *args, **options):
        count = anonymise_contact_requests()
        self.stdout.write(
            f"{count} vragen geanonimiseerd (afgerond langer dan {settings.CONTACT_RETENTION_MONTHS} maanden geleden)."
        )
