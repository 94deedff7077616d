from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

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
