"""The case pages in the shell's navigation, each shown to the users whose posts need it."""


def register() -> None:
    """Called from CasesConfig.ready(); the pages register here as they are added."""
