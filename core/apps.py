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
        from .translations import status as translation_status

        cache.connect_signals()
        # Files of deleted rows, and replaced files, leave storage once nothing refers to them.
        files.connect_signals()
        # The site's own models refuse invisible control characters in typed text (see core.text).
        text.guard_fields(project_apps())
        # Where each item's translations stand, kept on every save of a translated model, fixtures too.
        # modeltranslation, listed first, has registered every app's translation options by now.
        translation_status.connect_signals()
        # Without a sender: it must run after the last app's permissions exist.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="wego-roles")
