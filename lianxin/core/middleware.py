import structlog


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
