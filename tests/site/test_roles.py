"""Back-office roles: editors edit content and read messages; only secretariat admins manage staff."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import EDITORS, SECRETARIAT_ADMINS
from offices.models import StaffContact

pytestmark = pytest.mark.django_db


def test_the_roles_exist_after_migrating():
    editors = Group.objects.get(name=EDITORS)
    codenames = set(editors.permissions.values_list("codename", flat=True))
    assert {"change_office", "add_staffcontact", "change_session", "view_contactmessage"} <= codenames
    assert "change_contactmessage" in codenames
    assert "delete_contactmessage" not in codenames
    assert not {"add_user", "change_user", "change_group"} & codenames
    admins = set(Group.objects.get(name=SECRETARIAT_ADMINS).permissions.values_list("codename", flat=True))
    assert {"add_user", "change_user", "view_group", "delete_contactmessage"} <= admins
    assert "change_group" not in admins  # the roles are kept by code, see tests/accounts


def test_an_editor_cannot_reach_user_management(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == 403
    assert editor_client.get("/admin/auth/group/").status_code == 403
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/auth/user/" not in index


def test_an_editor_can_edit_an_office(editor_client):
    contact = StaffContact.objects.select_related("office").first()
    office = contact.office
    response = editor_client.get(f"/admin/offices/office/{office.pk}/change/")
    assert response.status_code == 200
    assert editor_client.get("/admin/contact/contactmessage/").status_code == 200


def test_a_secretariat_admin_manages_staff(secretariat_admin_client):
    assert secretariat_admin_client.get("/admin/auth/user/").status_code == 200


def test_add_staff_member_gives_a_role(django_user_model, capsys):
    call_command("add_staff_member", "kim", "--role", "editor", "--email", "kim@example.org")
    user = django_user_model.objects.get(username="kim")
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [EDITORS]
    assert not user.has_usable_password()
    call_command("add_staff_member", "kim", "--role", "admin")
    user.refresh_from_db()
    assert list(user.groups.values_list("name", flat=True)) == [SECRETARIAT_ADMINS]
    assert "Updated kim" in capsys.readouterr().out
