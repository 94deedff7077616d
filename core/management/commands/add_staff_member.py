from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import BaseCommand, CommandError

from core.roles import ROLES


class Command(BaseCommand):
    help = "Give a staff account a back-office role (editor or admin), creating the account if needed."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", choices=sorted(ROLES), default="editor")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, role, email, **options):
        try:
            group = Group.objects.get(name=ROLES[role])
        except Group.DoesNotExist:
            raise CommandError("The roles do not exist yet: run `manage.py migrate` first.") from None
        user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
        user.is_staff = True
        if created:
            user.set_unusable_password()
        user.save()
        user.groups.remove(*Group.objects.filter(name__in=ROLES.values()).exclude(pk=group.pk))
        user.groups.add(group)
        verb = "Created" if created else "Updated"
        self.stdout.write(f"{verb} {username}: {group.name}.")
        if created:
            self.stdout.write(f"Set a password with: manage.py changepassword {username}")
