from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .languages import admin_language
from .two_factor import pending_step


class TwoFactorMiddleware:
    """Sends a logged-in staff member who still owes a step of two-factor login to that step, from any
    page: a password alone opens neither the admin nor the previews of drafts. Logging out stays open.

    Goes after django-otp's OTPMiddleware, which tells the views whether this session gave a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)  # nobody logged in: leave the session unread
        step = pending_step(request)
        if step:
            step_url = reverse(step)
            if request.path not in (step_url, reverse("admin:logout")):
                return redirect(f"{step_url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class AdminLanguageMiddleware:
    """Every page under /admin/ (the login and two-factor pages too) in the language of the member of
    staff: their choice, else their browser's (see ``accounts.languages``).

    Django's LocaleMiddleware gives the admin English: /admin/ has no language prefix, and the public
    site's unprefixed pages are English. This middleware comes right after it and changes that for
    admin paths only, so public pages keep their prefixes and the page cache its keys. It reads the
    choice from the session (copied there at login), not from the account: no query, and so it needs
    no authentication before it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        translation.activate(admin_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # LocaleMiddleware names the active language in Content-Language on the way out.
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
