# Every model of the app, imported here: other apps import from lianxin.education.models.
