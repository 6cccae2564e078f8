from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    name = "lianxin.open311"
    label = "open311"
    verbose_name = _("Open311 and external systems")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.cases.intake import external_system_resolver_register
        from lianxin.open311.models import ApiKey, ExternalSystem
        from lianxin.open311.selectors import account_external_system

        # The intake guard bounds a system's service account to its key's area and the public categories.
        external_system_resolver_register(account_external_system)

        # Who may place cases from outside, and their credentials: issued and revoked in the admin or with
        # manage.py open311_key, each change in the audit chain (never the key's hash).
        audit_register(ExternalSystem, permission=True)
        audit_register(ApiKey, exclude=("key_hash", "last_used_at", "last_used_ip"), permission=True)
