"""What the clusters part registers from AppConfig.ready()."""


def ready() -> None:
    return None
