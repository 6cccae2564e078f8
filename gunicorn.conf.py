"""gunicorn's settings for Lianxin (read from the working directory by default).

gunicorn logs through the project's logfmt formatter; no access log, since every request is already logged
once by django-structlog with its request id, user and status.
"""

import os

bind = os.environ.get("BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_WORKERS", "2"))
graceful_timeout = 5
accesslog = None
# Should a deployment turn the access log on (--access-logfile): the path alone, never the query string,
# which may carry an Open311 api_key or a name searched for (docs/security.md, "日志").
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(L)s "%({x-request-id}o)s"'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "logfmt": {
            "format": "timestamp=%(asctime)s level=%(levelname)s event=%(message)r logger=%(name)s",
            "datefmt": "%Y-%m-%dT%H:%M:%S%z",
        }
    },
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "logfmt", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
