"""Staff in the browser tests: an account with a role, and the admin's login form filled in."""

from django.contrib.auth.models import Group, Permission

from core.roles import sync_roles

PASSWORD = "a-long-test-password"


def staff_member(django_user_model, username, role=None, **fields):
    """A staff account; a superuser without ``role``, else a member of that role (core.roles)."""
    if role is None:
        return django_user_model.objects.create_superuser(username, f"{username}@example.org", PASSWORD, **fields)
    user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True, **fields)
    # Live-server tests empty the tables after each test, the roles' groups with them.
    sync_roles(Group, Permission)
    user.groups.add(Group.objects.get(name=role))
    return user


def log_in(page, site_url, username, path):
    """Open ``path`` of the admin, which asks for a login first, and log in as ``username``."""
    page.goto(site_url + path)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
