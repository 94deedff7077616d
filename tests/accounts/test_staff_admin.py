"""Who may change whom: a Secretariat admin manages staff accounts but can never make anyone (itself
included) a superuser, grant permissions outside the roles, or touch a superuser's account."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.roles import EDITORS, SECRETARIAT_ADMINS
from tests.support.html import elements

pytestmark = pytest.mark.django_db

User = get_user_model()


def change_url(user):
    return f"/admin/auth/user/{user.pk}/change/"


def user_form(user, **changes):
    """What the admin's change form of ``user`` sends back, with ``changes``."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def secretariat_admin(secretariat_admin_client):
    return secretariat_admin_client, User.objects.get(username="role-secretariat-admin")


@pytest.fixture
def root(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "root-password")


def test_a_secretariat_admin_cannot_make_itself_superuser(secretariat_admin):
    client, me = secretariat_admin
    form = client.get(change_url(me)).content.decode()
    assert not elements(form, "input", name="is_superuser")
    assert not elements(form, "select", name="user_permissions")
    every_permission = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    data = user_form(me, first_name="Changed", is_superuser="on", user_permissions=every_permission)
    assert client.post(change_url(me), data).status_code == 302
    me.refresh_from_db()
    assert me.first_name == "Changed", "the form was saved"
    assert not me.is_superuser
    assert not me.user_permissions.exists()


def test_a_secretariat_admin_cannot_grant_permissions_to_someone_else(secretariat_admin, django_user_model):
    client, _me = secretariat_admin
    kim = django_user_model.objects.create_user("kim", is_staff=True)
    permission = Permission.objects.get(codename="change_group")
    data = user_form(kim, is_superuser="on", user_permissions=[str(permission.pk)])
    assert client.post(change_url(kim), data).status_code == 302
    kim.refresh_from_db()
    assert not kim.is_superuser
    assert not kim.user_permissions.exists()


def test_a_secretariat_admin_is_offered_only_the_roles(secretariat_admin, django_user_model):
    client, _me = secretariat_admin
    Group.objects.create(name="Auditors")
    kim = django_user_model.objects.create_user("kim", is_staff=True)
    response = client.get(change_url(kim))
    offered = set(response.context["adminform"].form.fields["groups"].queryset.values_list("name", flat=True))
    assert offered == {EDITORS, SECRETARIAT_ADMINS}
    auditors = Group.objects.get(name="Auditors")
    assert client.post(change_url(kim), user_form(kim, groups=[str(auditors.pk)])).status_code == 200  # refused
    assert not kim.groups.exists()
    editors = Group.objects.get(name=EDITORS)
    assert client.post(change_url(kim), user_form(kim, groups=[str(editors.pk)])).status_code == 302
    assert list(kim.groups.values_list("name", flat=True)) == [EDITORS]


def test_a_group_a_superuser_gave_survives_a_secretariat_admins_edit(secretariat_admin, django_user_model):
    client, _me = secretariat_admin
    kim = django_user_model.objects.create_user("kim", is_staff=True)
    kim.groups.add(Group.objects.create(name="Auditors"))
    editors = Group.objects.get(name=EDITORS)
    assert client.post(change_url(kim), user_form(kim, groups=[str(editors.pk)])).status_code == 302
    assert set(kim.groups.values_list("name", flat=True)) == {"Auditors", EDITORS}


def test_a_superusers_account_is_out_of_a_secretariat_admins_reach(secretariat_admin, root):
    client, _me = secretariat_admin
    assert "root" not in client.get("/admin/auth/user/").content.decode()
    response = client.get(change_url(root))
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.post(change_url(root), user_form(root, is_active="")).status_code == 302
    root.refresh_from_db()
    assert root.is_active and root.is_superuser
    # The password form: refused, and the password stays.
    password_url = f"/admin/auth/user/{root.pk}/password/"
    assert client.get(password_url).status_code == 404
    client.post(password_url, {"password1": "Taken-over-1", "password2": "Taken-over-1", "set_usable_password": "true"})
    root.refresh_from_db()
    assert root.check_password("root-password")
    # Nor deleted, by its page or by the list's action.
    assert client.post(f"/admin/auth/user/{root.pk}/delete/", {"post": "yes"}).status_code == 302
    client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"})
    assert User.objects.filter(pk=root.pk).exists()


def test_a_secretariat_admin_still_manages_other_staff(secretariat_admin, django_user_model):
    client, _me = secretariat_admin
    kim = django_user_model.objects.create_user("kim", password="old", is_staff=True)
    assert client.get(change_url(kim)).status_code == 200
    password_url = f"/admin/auth/user/{kim.pk}/password/"
    assert client.get(password_url).status_code == 200
    data = {"password1": "A-new-passphrase-7", "password2": "A-new-passphrase-7", "set_usable_password": "true"}
    assert client.post(password_url, data).status_code == 302
    kim.refresh_from_db()
    assert kim.check_password("A-new-passphrase-7")
    response = client.post("/admin/auth/user/add/", {"username": "lee", "usable_password": "false"})
    assert response.status_code == 302
    assert User.objects.filter(username="lee", is_superuser=False).exists()


def test_a_superuser_keeps_every_field_and_power(superuser_client, django_user_model):
    kim = django_user_model.objects.create_user("kim", is_staff=True)
    form = superuser_client.get(change_url(kim)).content.decode()
    assert elements(form, "input", name="is_superuser")
    assert elements(form, "select", name="user_permissions")
    auditors = Group.objects.create(name="Auditors")
    permission = Permission.objects.get(codename="change_group")
    data = user_form(kim, is_superuser="on", user_permissions=[str(permission.pk)], groups=[str(auditors.pk)])
    assert superuser_client.post(change_url(kim), data).status_code == 302
    kim.refresh_from_db()
    assert kim.is_superuser
    assert list(kim.user_permissions.all()) == [permission]
    assert list(kim.groups.all()) == [auditors]


def test_the_roles_cannot_change_groups_or_permissions():
    for role in (EDITORS, SECRETARIAT_ADMINS):
        codenames = set(Group.objects.get(name=role).permissions.values_list("codename", flat=True))
        for model in ("group", "permission"):
            assert not {f"add_{model}", f"change_{model}", f"delete_{model}"} & codenames, role
    admins = set(Group.objects.get(name=SECRETARIAT_ADMINS).permissions.values_list("codename", flat=True))
    assert {"view_group", "add_user", "change_user", "delete_user", "view_user"} <= admins
    assert {"view_accessattempt", "delete_accessattempt"} <= admins


def test_a_secretariat_admin_may_look_at_the_roles_but_not_change_them(secretariat_admin):
    client, _me = secretariat_admin
    editors = Group.objects.get(name=EDITORS)
    url = f"/admin/auth/group/{editors.pk}/change/"
    assert client.get(url).status_code == 200
    before = set(editors.permissions.all())
    every_permission = [str(pk) for pk in Permission.objects.values_list("pk", flat=True)]
    client.post(url, {"name": EDITORS, "permissions": every_permission})
    assert set(editors.permissions.all()) == before
    assert client.get("/admin/auth/group/add/").status_code == 403
