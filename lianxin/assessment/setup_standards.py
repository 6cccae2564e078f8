"""What the standards part registers from AppConfig.ready(): its capabilities, navigation, the workbench panel
and audit."""


def ready() -> None:
    from lianxin.assessment import standards_navigation, standards_rights
    from lianxin.assessment.models import STANDARDS_AUDITED
    from lianxin.audit.registry import audit_register

    standards_rights.capabilities_register()
    standards_navigation.register()
    from lianxin.areas.sections import area_section_register
    from lianxin.assessment.standards_sections import area_honours_section

    area_section_register(area_honours_section, name="assessment.honours")
    for model in STANDARDS_AUDITED:
        audit_register(model, repr=False)
