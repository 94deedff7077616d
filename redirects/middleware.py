from django.db.models import F
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.encoding import iri_to_uri

from . import paths
from .models import Redirect

# Browsers keep a permanent redirect for as long as they are told: a day, so that a mistaken one
# that staff correct or delete stops being followed.
REDIRECT_MAX_AGE = 60 * 60 * 24


class RedirectFallbackMiddleware:
    """Answer a request the site would answer with 404 with its redirect, if staff or a change of
    address made one. Below the locale and common middleware, so it sees the view's 404 before they
    turn it into their own redirects; any other response passes on after one status check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        redirect, carried = Redirect.objects.catching(paths.of_request(request))
        if redirect is None:
            return response
        Redirect.objects.filter(pk=redirect.pk).update(hits=F("hits") + 1, last_hit_at=timezone.now())
        location = iri_to_uri(paths.destination(redirect.new_path, carried))
        answer = (HttpResponsePermanentRedirect if redirect.is_permanent else HttpResponseRedirect)(location)
        patch_cache_control(answer, max_age=REDIRECT_MAX_AGE)
        return answer
