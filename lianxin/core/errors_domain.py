"""The one error type services raise: a Chinese message a person can act on, turned into a 4xx by views."""


class DomainError(Exception):
    def __init__(self, message: str, *, code: str = "invalid", field: str | None = None):
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
