"""The back office's language: each member of staff's choice, else their browser's.

The choice is stored in ``StaffPreferences`` and copied into the session when staff log in and when
they change it, so that an admin page costs no query to know its language. Another session of the same
person, open on another computer, follows a new choice from its next login.
"""

from django.utils import translation

from .models import StaffPreferences

# The session's copy of the account's choice; absent or empty: the browser decides.
SESSION_KEY = "accounts.admin_language"


def chosen_language(user):
    """The language ``user`` chose for the back office, or "" for none."""
    return StaffPreferences.objects.filter(user=user).values_list("admin_language", flat=True).first() or ""


def remember(request, language):
    """Keep ``language`` (the account's choice, "" for none) for the rest of this session."""
    if language:
        request.session[SESSION_KEY] = language
    else:
        request.session.pop(SESSION_KEY, None)


def remember_at_login(sender, request, user, **kwargs):
    """A user_logged_in receiver: the choice of the account that just logged in."""
    if user.is_staff and request is not None and hasattr(request, "session"):
        remember(request, chosen_language(user))


def admin_language(request):
    """The language of an admin page for ``request``: the choice kept in the session if it is still one of
    the site's languages, else the browser's (its language cookie, then Accept-Language), else English."""
    session = getattr(request, "session", None)
    chosen = session.get(SESSION_KEY) if session is not None else None
    if chosen:
        try:
            return translation.get_supported_language_variant(chosen)
        except LookupError:
            pass  # a language the site no longer offers
    return translation.get_language_from_request(request)
