from django.conf import settings
from django.core.management.base import BaseCommand

from buddies.services import anonymise_buddy_data


class Command(BaseCommand):
    help = "Maakt afgelopen koppelingen en oude buddy-aanvragen anoniem na het ingestelde aantal maanden."

    def handle(self, *args, **options):
        count = anonymise_buddy_data()
        self.stdout.write(f"{count} aanvragen geanonimiseerd (ouder dan {settings.BUDDY_RETENTION_MONTHS} maanden).")
