"""Who is asking: the client's address as the site's own reverse proxies saw it.

One rule for every limit that counts by address: the message desk's rate limit and the admin's
login throttle.
"""

import ipaddress

from django.conf import settings


def client_address(request):
    """The visitor's address: REMOTE_ADDR, or the X-Forwarded-For entry our own proxies added.

    Only the entries appended by the ``TRUSTED_PROXY_COUNT`` proxies in front of the site are trusted;
    anything to their left was written by the client and could be anything.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:100]
    return request.META.get("REMOTE_ADDR", "")[:100]


def client_ip(request):
    """:func:`client_address` as an IP address, for a column that stores one, or None.

    With a proxy count higher than the proxies really in front of the site, the entry taken is the
    client's own text; then REMOTE_ADDR is the best address there is.
    """
    for candidate in (client_address(request), request.META.get("REMOTE_ADDR", "")):
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
