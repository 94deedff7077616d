"""The back office's roles, as groups of permissions.

- Editors edit every piece of public content and read (and file) the messages, but cannot manage
  staff accounts or groups, nor delete messages.
- Secretariat admins can do all of that, manage staff accounts (never a superuser's), give them a
  role, lift login lock-outs and see the task queue's results (what failed to send). No role can
  change groups or permissions: only superusers can.

A data migration creates the groups; a post_migrate hook keeps their permissions complete when a
later migration adds a model. ``manage.py add_staff_member`` gives a person a role.
"""

import functools

from django.apps import apps

from .discovery import content_apps, project_apps

EDITORS = "Editors"
SECRETARIAT_ADMINS = "Secretariat admins"
ROLES = {
    "editor": EDITORS,
    "admin": SECRETARIAT_ADMINS,
}


def is_secretariat_admin(user):
    """Superusers and Secretariat admins: those who may take the site's structure apart (section
    pages), bring deleted items back and manage staff. An inactive account is neither."""
    return user.is_active and (user.is_superuser or user.groups.filter(name=SECRETARIAT_ADMINS).exists())


@functools.cache
def _editor_apps():
    """The content apps, and apps whose AppConfig says ``edited_by_editors = True`` (redirects).

    Asked once per permission while the roles are synced: computed once (the installed apps do not change)."""
    return {config.label for config in content_apps()} | {
        config.label for config in project_apps() if getattr(config, "edited_by_editors", False)
    }


def _editor_may(permission):
    app_label = permission.content_type.app_label
    model = permission.content_type.model
    action = permission.codename.split("_", 1)[0]
    if app_label == "admin":
        return action == "view"  # the history of each object
    if app_label not in _editor_apps():
        return False
    if _is_private_record(app_label, model):
        return action in {"view", "change"}  # messages are filed, never deleted
    return True


def _is_private_record(app_label, model_name):
    try:
        return getattr(apps.get_model(app_label, model_name), "private_record", False)
    except LookupError:
        return False  # a content type left by a model that no longer exists


# What Secretariat admins may do to staff management's models, by (app label, model). The groups are
# the roles, kept by code (sync_roles), and permissions are Django's: a role that could change either
# could grant itself anything, so both are only shown. Lifting a login lock-out is deleting its attempt.
STAFF_MANAGEMENT = {
    ("auth", "user"): {"add", "change", "delete", "view"},
    ("auth", "group"): {"view"},
    ("auth", "permission"): {"view"},
    ("axes", "accessattempt"): {"view", "delete"},
    # What the task queue ran, and what failed (e-mails, reminders): read only.
    ("django_tasks_database", "dbtaskresult"): {"view"},
}


def _admin_may(permission):
    if _editor_may(permission) or permission.content_type.app_label == "contact":
        return True
    action = permission.codename.split("_", 1)[0]
    key = (permission.content_type.app_label, permission.content_type.model)
    return action in STAFF_MANAGEMENT.get(key, ())


def sync_roles(group_model, permission_model):
    """Create the groups if needed and give them exactly their permissions. Takes the models so a
    data migration can pass its historical ones."""
    permissions = list(permission_model.objects.select_related("content_type"))
    for name, rule in ((EDITORS, _editor_may), (SECRETARIAT_ADMINS, _admin_may)):
        group, _created = group_model.objects.get_or_create(name=name)
        group.permissions.set([p for p in permissions if rule(p)])


def sync_roles_after_migrate(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission
    from django.db import connections

    # post_migrate is sent once per app, in INSTALLED_APPS order, each app's permissions made on its
    # turn: once, for the last app, is when every permission exists.
    if sender is not [config for config in apps.get_app_configs() if config.models_module is not None][-1]:
        return
    if Group._meta.db_table not in connections[using].introspection.table_names():
        return  # a partial migrate that has not reached auth yet
    if not Group.objects.using(using).filter(name__in=[EDITORS, SECRETARIAT_ADMINS]).exists():
        return  # the data migration has not run on this database (e.g. a partial migrate)
    sync_roles(Group, Permission)
