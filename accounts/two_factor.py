"""Two-factor login for the back office: a TOTP device (an authenticator app) per staff account.

Anyone on the staff may set one up; from then on a password alone no longer opens the admin, the code
from the app does. With ``ADMIN_REQUIRE_2FA`` on, superusers and Secretariat admins, who can change
staff accounts, must set one up before they use the admin at all.

What a session still owes is decided once, when the password is accepted, and kept in the session
until the code is given: a request costs no query to know it.
"""

from django.conf import settings
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.roles import is_secretariat_admin

# The session's pending step: the URL name of the page it must go through first.
PENDING = "accounts.two_factor_pending"
VERIFY = "accounts:two_factor_verify"
SET_UP = "accounts:two_factor"


def required_for(user):
    """Whether ``ADMIN_REQUIRE_2FA`` makes ``user`` set up a device: the accounts that can change others."""
    return is_secretariat_admin(user)


def devices_of(user, confirmed=True):
    """The account's devices: confirmed ones are in use, an unconfirmed one awaits its first code."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed)


def step_without_device(user):
    """What an account with no device in use owes: setting one up, when that is required."""
    return SET_UP if settings.ADMIN_REQUIRE_2FA and required_for(user) else None


def note_pending_step(sender, request, user, **kwargs):
    """On every login (a user_logged_in receiver): the code of the account's device, or setting one up."""
    if not user.is_staff or request is None or not hasattr(request, "session"):
        return
    step = VERIFY if devices_of(user).exists() else step_without_device(user)
    set_pending_step(request, step)


def set_pending_step(request, step):
    if step:
        request.session[PENDING] = step
    else:
        request.session.pop(PENDING, None)


def pending_step(request):
    return request.session.get(PENDING)


def verified(request, device):
    """The code of ``device`` was given: this session is verified and owes nothing more."""
    otp_login(request, device)
    set_pending_step(request, None)
