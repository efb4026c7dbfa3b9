from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send a Content Security Policy: scripts and styles only from our own origin.

    No page of the portal uses inline scripts; inline style attributes are
    allowed because the Django admin and Bootstrap components set them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
