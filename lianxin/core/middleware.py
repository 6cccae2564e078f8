import structlog
from django.utils.cache import add_never_cache_headers


class RequestIdHeaderMiddleware:
    """Echo the request id that django-structlog bound for this request in the X-Request-ID header.

    Operators match a user's complaint ("the page said error …") to the log lines of that request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        request_id = structlog.contextvars.get_contextvars().get("request_id")
        if request_id:
            response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Every dynamic answer that does not set its own caching is kept by no browser and no proxy.

    A page shows masked (and, once revealed, full) personal data to whoever is signed in; on a shared desk
    the back button or the browser cache must not show it to the next person, nor a proxy keep it. Answers
    that choose otherwise (a photo, a cached figure) set Cache-Control themselves; static files are served
    by WhiteNoise before this runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response
