from django.utils.functional import SimpleLazyObject

from .models import Secretariat


def secretariat(request):
    """The Secretariat's address for the footer of every page."""
    # Lazy: a page that never renders the footer makes no query for it.
    return {"secretariat": SimpleLazyObject(Secretariat.objects.current)}
