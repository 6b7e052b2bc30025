from django.apps import AppConfig


class ShellConfig(AppConfig):
    """The top layer: dashboard, navigation context, demo loader and the commands that tie the apps together.

    Nothing below imports it (import-linter's layers contract); it may use every app's selectors and services.
    """

    name = "shouhu.shell"
    label = "shell"
    verbose_name = "外殼 Shell"
