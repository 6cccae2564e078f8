from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    name = "lianxin.volunteering"
    label = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.volunteering import (
            figures,
            import_specs,
            models,
            navigation,
            permissions,
            wishes,
            workbench,
        )
        from lianxin.volunteering.activity_figures import register as activities_register

        permissions.roles_register()
        navigation.register()
        workbench.register()
        wishes.register()
        activities_register()
        figures.register()
        import_specs.register()
        # Every row here is a record people rely on (who registered, who was approved, who answered a
        # call-out): each create and change is an audit record in the writing service's transaction. Rows
        # naming a person are not shown by name in the record's object column.
        for model in models.AUDITED:
            audit_register(model, repr=False)
