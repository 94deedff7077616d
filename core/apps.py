from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Mechanisms every app shares: publishing, rich text, images, uploads, page metadata, the page
    cache, roles and the admin's bases. It imports no other app of the project."""

    name = "core"
    verbose_name = "Core"  # no models: never shown

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, checks, files, roles, text  # noqa: F401  (checks registers itself)
        from .discovery import project_apps

        cache.connect_signals()
        # Files of deleted rows, and replaced files, leave storage once nothing refers to them.
        files.connect_signals()
        # The site's own models refuse invisible control characters in typed text (see core.text).
        text.guard_fields(project_apps())
        # Without a sender: it must run after the last app's permissions exist.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="wego-roles")
