from pathlib import Path

import polib
from django.conf import settings
from django.utils import translation


def test_the_chinese_catalogue_has_no_untranslated_or_fuzzy_entries():
    catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "locale/zh_Hans/LC_MESSAGES/django.po"))

    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []
    assert len(catalogue.translated_entries()) > 50


def test_the_platform_speaks_chinese_by_default():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai"
    with translation.override(settings.LANGUAGE_CODE):
        assert translation.gettext("Workbench") == "工作台"
