"""What the pool part registers from AppConfig.ready()."""


def ready() -> None:
    return None
