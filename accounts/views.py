"""The steps of two-factor login, the page a locked-out login gets, and each person's language of the
back office."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.contrib import admin, messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.editing import zone_name

from . import languages
from .forms import AdminLanguageForm, DeviceCodeForm
from .models import StaffPreferences
from .two_factor import VERIFY, devices_of, set_pending_step, step_without_device, verified


def _next_url(request):
    """Where to go once the step is done: the page asked for, if it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, {request.get_host()}, require_https=request.is_secure()):
        return candidate
    return reverse("admin:index")


def _page(request, template, **context):
    return render(request, template, {**admin.site.each_context(request), "next": _next_url(request), **context})


def _qr_code_svg(device):
    """The device's otpauth:// address as an inline SVG QR code: drawn here, no request leaves the page."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=15)
    return mark_safe(image.to_string(encoding="unicode"))  # noqa: S308 (our own drawing of our own data)


def _grouped(secret):
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def two_factor(request):
    """Set up two-factor login (a QR code and the key, then the first code), or turn it off."""
    user = request.user
    device = devices_of(user).first()
    if device is not None and not user.is_verified():
        return redirect(VERIFY)  # its code first: it could turn the device off
    if device is not None:
        form = DeviceCodeForm(device, request.POST or None)
        if request.method == "POST" and form.is_valid():
            devices_of(user, confirmed=None).delete()
            set_pending_step(request, step_without_device(user))
            messages.success(request, _("Two-factor login is off for your account."))
            return redirect("accounts:two_factor")
        return _page(request, "accounts/two_factor_on.html", title=_("Two-factor login"), form=form, device=device)

    device = devices_of(user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Authenticator app"), confirmed=False
    )
    form = DeviceCodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = form.device
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        verified(request, device)  # the code just given verifies this session too
        messages.success(request, _("Two-factor login is on: from now on you will give a code after your password."))
        return redirect(_next_url(request))
    return _page(
        request,
        "accounts/two_factor_setup.html",
        title=_("Set up two-factor login"),
        form=form,
        qr_code=_qr_code_svg(device),
        secret=_grouped(b32encode(device.bin_key).decode()),
        required=step_without_device(user) is not None,
    )


def two_factor_verify(request):
    """The second step of logging in: the code from the account's device."""
    device = devices_of(request.user).first()
    if device is None or request.user.is_verified():
        # Nothing to give (the device was turned off meanwhile), or given already.
        set_pending_step(request, None if device else step_without_device(request.user))
        return redirect(_next_url(request))
    form = DeviceCodeForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified(request, form.device)
        return redirect(_next_url(request))
    return _page(request, "accounts/two_factor_verify.html", title=_("Two-factor login"), form=form)


def admin_language(request):
    """The language of the back office for the member of staff asking: any of them may choose their own,
    whatever their role, and only their own."""
    preferences = StaffPreferences.objects.filter(user=request.user).first() or StaffPreferences(user=request.user)
    form = AdminLanguageForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        # Not form.save(): two tabs saving a first choice at once would both insert the person's row.
        preferences, _created = StaffPreferences.objects.update_or_create(
            user=request.user, defaults={"admin_language": form.cleaned_data["admin_language"]}
        )
        languages.remember(request, preferences.admin_language)
        # The message is shown on the next page, in the language just chosen.
        translation.activate(languages.admin_language(request))
        messages.success(request, _("The back office now speaks your chosen language."))
        return redirect(_next_url(request))
    return _page(
        request, "accounts/admin_language.html", title=_("Language of the back office"), form=form, zone=zone_name()
    )


def locked_out(request, original_response=None, credentials=None):
    """What django-axes answers a login that is locked out (AXES_LOCKOUT_CALLABLE): when to try again,
    and whom to ask. 429, with Retry-After."""
    cool_off = get_cool_off(request)
    now = timezone.now()
    context = {
        **admin.site.each_context(request),
        "title": _("Too many failed logins"),
        "failure_limit": get_failure_limit(request, credentials),
        # A duration, not a clock time: staff log in from offices in many time zones.
        "wait": timeuntil(now + cool_off, now) if cool_off else None,
    }
    response = render(request, "accounts/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
