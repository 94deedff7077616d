"""The login throttle's place among the authentication backends."""

from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, first in AUTHENTICATION_BACKENDS: a locked-out account or address is refused
    before its password is even tried.

    Every login the site offers (the admin's form) authenticates with its request, and axes counts by
    it. ``authenticate()`` without one (the test client's ``login()``, a shell) is no login from the web:
    axes would raise, so this passes it on to the next backend unthrottled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
