from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils import translation


class DanishFirstLocaleMiddleware:
    """Activate Danish unless the visitor chose another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language
    header; our users are Danish secretariats and members, so the portal
    speaks Danish until someone presses the language switch (which sets the
    language cookie through Django's set_language view).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported:
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class NulByteMiddleware:
    """Answer 400 to a NUL byte in the address, the query string or a cookie.

    PostgreSQL refuses NUL in text, so a NUL that reached a query would be a
    server error; no page or link of the portal ever sends one. Form fields
    refuse NUL in posted values themselves, with a message next to the field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        texts = [request.path_info]
        for key, values in request.GET.lists():
            texts += [key, *values]
        for key, value in request.COOKIES.items():
            texts += [key, value]
        if any("\x00" in text for text in texts):
            raise BadRequest("NUL byte in the address, query string or a cookie")
        return self.get_response(request)
