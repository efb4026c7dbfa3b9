from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.utils import translation

from . import pagecache


def request_language(request) -> str:
    """The visitor's language: the one chosen with the language switch (its cookie), else Danish.

    The browser's Accept-Language is not asked (see DanishFirstLocaleMiddleware).
    """
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language if language in _SUPPORTED else settings.LANGUAGE_CODE


_SUPPORTED = {code for code, _name in settings.LANGUAGES}


class PageCacheMiddleware:
    """Serve a cached public page to an anonymous visitor before the rest of the middleware runs.

    A cached page still passed the whole stack (sessions, locale, CSRF, authentication, messages,
    allauth, URL resolving) to be answered from the cache; this answers it right after the security
    headers' middleware, as the stack answered it (README "Benchmarks", "The fast path"):

    - only a GET or HEAD without a session or flash-message cookie (``pagecache.anonymous_get``:
      nobody logged in), to an address this process has seen resolve to a ``cache_public_page``
      view with no other decorator around it, is looked up; anything else goes down the stack;
    - the key is the page cache's own (address with query string, language, shared version, read
      at most every ``PAGE_CACHE_VERSION_CHECK_SECONDS``), the language the one the locale
      middleware would choose (``request_language``), an entry valid by its clock only;
    - the response's headers are those the rest of the stack gave the page when it was stored
      (Content-Security-Policy, X-Frame-Options, Content-Language, Vary, ...); never from a page
      that set a cookie of its own or whose policy names a nonce (``pagecache.fast_path_learn``);
    - the visitor's CSRF token and cookie come from Django's own CsrfViewMiddleware and get_token,
      as on every page; the host is checked against ALLOWED_HOSTS as CommonMiddleware does.

    Everything above it (SecurityMiddleware's headers and HTTPS redirect, the NUL-byte check) runs
    for these answers too.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        if pagecache.anonymous_get(request) and pagecache.fast_path_known(request.path_info):
            response = self._cached(request)
            if response is not None:
                return response
        response = self.get_response(request)
        pagecache.fast_path_learn(request, response)
        return response

    def _cached(self, request):
        request.get_host()  # DisallowedHost (400) for a host not in ALLOWED_HOSTS, as CommonMiddleware
        key = pagecache.page_key(request, request_language(request))
        entry = pagecache.cached_entry(key) if key is not None else None
        if entry is None or "headers" not in entry:
            return None
        self.csrf.process_request(request)
        body = pagecache.entry_body(request, entry)
        response = HttpResponse(body)
        for name, value in entry["headers"].items():
            response.headers[name] = value
        response.headers["Content-Length"] = str(len(body))
        response.headers["X-Page-Cache"] = "hit"
        return self.csrf.process_response(request, response)


class DanishFirstLocaleMiddleware:
    """Activate Danish unless the visitor chose another language.

    Django's LocaleMiddleware would follow the browser's Accept-Language
    header; our users are Danish secretariats and members, so the portal
    speaks Danish until someone presses the language switch (which sets the
    language cookie through Django's set_language view).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = request_language(request)
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
