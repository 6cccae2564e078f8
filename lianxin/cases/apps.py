from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "lianxin.cases"
    label = "cases"
    verbose_name = _("Cases")

    def ready(self):
        from lianxin.audit.registry import audit_register
        from lianxin.cases import navigation, workbench
        from lianxin.cases.figures import rollup_apply
        from lianxin.cases.listeners import step_listener_register
        from lianxin.cases.models import CalendarDay, CasePhoto, Category, DevolvedMatter, Visit
        from lianxin.cases.rights import rights_register
        from lianxin.cases.services.photos import FOLDER, photo_visible
        from lianxin.core.uploads import upload_access_register

        rights_register()
        navigation.register()
        workbench.register()
        # The roll-up is the first listener of every step: the figures move in the step's own transaction.
        step_listener_register(rollup_apply, order=10, name="cases.rollup")
        upload_access_register(FOLDER, photo_visible)
        # Configuration and the records kept beside the trail. Cases and their events are audited by the
        # event writers (one record per step, carrying the step), not by row signals: the case row is
        # derived from its events, and intake writes them in bulk.
        for model in (Category, DevolvedMatter, CalendarDay):
            audit_register(model)
        audit_register(Visit, repr=False)
        audit_register(CasePhoto, repr=False)
