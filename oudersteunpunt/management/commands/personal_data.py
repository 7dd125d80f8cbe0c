import json

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from oudersteunpunt.personal_data import personal_data_erase, personal_data_export


class Command(BaseCommand):
    help = "Laat zien (export) of wis (erase) alles wat de site over een e-mailadres bewaart."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")

    def handle(self, *args, action, email, **options):
        try:
            validate_email(email)
        except Exception as error:
            raise CommandError(f"Geen geldig e-mailadres: {email}") from error
        if action == "export":
            data = personal_data_export(email=email)
            self.stdout.write(json.dumps({"e-mail": email, **data}, ensure_ascii=False, indent=2, default=str))
            return
        counts = personal_data_erase(email=email)
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count} gewist of geanonimiseerd")
