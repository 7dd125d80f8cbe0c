from django.conf import settings
from django.core.management.base import BaseCommand

from oudersteunpunt.mail import queued_mail_purge


class Command(BaseCommand):
    help = "Wist ontvanger, tekst en bijlagen van verstuurde mails, een aantal dagen na het versturen."

    def handle(self, *args, **options):
        count = queued_mail_purge()
        self.stdout.write(f"{count} mails gewist (verstuurd langer dan {settings.MAIL_RETENTION_DAYS} dagen geleden).")
