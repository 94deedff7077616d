from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts


class SiteCSPMiddleware(CSPMiddleware):
    """The site's strict policy everywhere; the admin also allows its own style attributes."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {**(parts.update or {}), "style-src": [UNSAFE_INLINE]}
        return parts
