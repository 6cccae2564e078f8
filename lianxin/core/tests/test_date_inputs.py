"""Date fields show their date: <input type="date"> takes only ISO dates, whatever the locale writes."""

import datetime

from django import forms
from django.utils import timezone, translation


class _Form(forms.Form):
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))


def test_a_proposed_date_is_rendered_in_iso_for_the_date_picker():
    with translation.override("zh-hans"):
        html = str(_Form(initial={"on": datetime.date(2026, 12, 3)})["on"])

    assert 'value="2026-12-03"' in html


def test_the_slash_form_is_still_accepted():
    with translation.override("zh-hans"):
        for text in ("2026-12-03", "2026/12/03"):
            form = _Form({"on": text})
            assert form.is_valid(), text
            assert form.cleaned_data["on"] == datetime.date(2026, 12, 3)


def test_the_activity_form_proposes_today_in_iso(client_as, world):
    from lianxin.areas.models import Place

    place = Place.objects.get(name="县电子商务公共服务中心")
    html = client_as("county_admin").get(f"/areas/places/{place.pk}/").content.decode()

    assert f'name="held_on" value="{timezone.localdate().isoformat()}"' in html
