from django.core.management.base import BaseCommand

from oudersteunpunt.mail import send_queued_mail


class Command(BaseCommand):
    help = "Verstuurt mails die nog niet verstuurd konden worden. Draai elke paar minuten via cron."

    def handle(self, *args, **options):
        sent, failed = send_queued_mail()
        self.stdout.write(f"{sent} verstuurd, {failed} nog niet gelukt.")
