from django.apps import AppConfig


class PluginAppConfig(AppConfig):
    name = "tests.plugin_app"
    label = "plugin_app"

    def ready(self):
        from tests.plugin_app import listeners

        listeners.register()
