from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Mechanisms every app shares: publishing, rich text, images, uploads, page metadata, the page
    cache, roles and the admin's bases. It imports no other app of the project."""

    name = "core"
    verbose_name = "Core"  # no models: never shown

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import cache, roles

        cache.connect_signals()
        # Without a sender: it must run after the last app's permissions exist.
        post_migrate.connect(roles.sync_roles_after_migrate, dispatch_uid="wego-roles")
