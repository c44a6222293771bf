"""The clinic's settings (assets/clinic.yml, milia_kit/clinic.py): good settings load; every missing or wrong
field stops the guide with a message that names it."""
from __future__ import annotations

import pytest
import yaml

from milia_kit import clinic
from milia_kit.clinic import Clinic, ClinicSettingsError

GOOD = {"clinic_name": "Northside Family Clinic", "phone": "+1 (555) 123-4567 ext 12",
        "guide_address": "https://clinic.example.org/milia/", "moisturiser_step": True}


def settings(**changes) -> dict:
    data = dict(GOOD)
    for key, value in changes.items():
        if value is ...:
            data.pop(key)
        else:
            data[key] = value
    return data


def fails(data, field):
    with pytest.raises(ClinicSettingsError) as error:
        clinic.parse(data)
    assert error.value.field == field
    assert repr(field) in str(error.value), "the message names the field"
    return error.value


def test_the_shipped_settings_load_and_are_the_documented_example():
    shipped = clinic.load()
    assert shipped == Clinic(name="Your clinic", phone="000-000-0000", guide_address="http://127.0.0.1:8866/",
                             moisturiser_step=False)
    assert shipped.phone_is_placeholder
    text = clinic.default_path().read_text(encoding="utf-8")
    assert "REPLACE" in text, "the placeholder phone is clearly marked to replace"


def test_load_is_cached():
    assert clinic.load() is clinic.load()


def test_good_settings():
    got = clinic.parse(GOOD)
    assert got == Clinic("Northside Family Clinic", "+1 (555) 123-4567 ext 12", "https://clinic.example.org/milia/", True)
    assert not got.phone_is_placeholder


def test_the_moisturiser_step_defaults_to_off():
    assert clinic.parse(settings(moisturiser_step=...)).moisturiser_step is False
    assert clinic.parse(settings(moisturiser_step=None)).moisturiser_step is False


@pytest.mark.parametrize("field", clinic.REQUIRED)
@pytest.mark.parametrize("value", [..., None, "", "   "], ids=["absent", "null", "empty", "spaces"])
def test_each_missing_field_is_named(field, value):
    fails(settings(**{field: value}), field)


@pytest.mark.parametrize("field, value", [
    ("clinic_name", 123),
    ("clinic_name", "x" * (clinic.NAME_MAX + 1)),
    ("clinic_name", "Clinic\u202eevil"),
    ("clinic_name", ["a", "list"]),
    ("phone", 5551234567),
    ("phone", "call us"),
    ("phone", "12"),
    ("phone", "1" * (clinic.PHONE_MAX + 1)),
    ("phone", "555-1234<script>"),
    ("guide_address", "127.0.0.1:8866"),
    ("guide_address", "ftp://clinic.example.org/"),
    ("guide_address", "javascript:alert(1)"),
    ("guide_address", "http://"),
    ("guide_address", "http://clinic example.org/"),
    ("guide_address", 'http://clinic.example.org/"><script>'),
    ("guide_address", "https://clinic.example.org/" + "a" * clinic.ADDRESS_MAX),
    ("moisturiser_step", "maybe"),
    ("moisturiser_step", 1),
], ids=lambda v: str(v)[:24])
def test_each_malformed_field_is_named(field, value):
    fails(settings(**{field: value}), field)


def test_an_unknown_setting_is_named_so_a_typo_is_caught():
    fails(settings(moisturizer_step=True), "moisturizer_step")


def test_a_bare_number_phone_gets_a_hint_about_quotes():
    assert "quotes" in str(fails(settings(phone=5551234567), "phone"))


@pytest.mark.parametrize("text, hint", [
    ("- just\n- a list\n", "name: value"),
    ("clinic_name: [unclosed\n", "not valid YAML"),
    ("", "name: value"),
])
def test_a_malformed_file_gets_a_clear_message(tmp_path, text, hint):
    path = tmp_path / "clinic.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ClinicSettingsError, match=hint) as error:
        clinic.load(path)
    assert str(path) in str(error.value)


def test_a_missing_file_names_the_file(tmp_path):
    path = tmp_path / "nowhere" / "clinic.yml"
    with pytest.raises(ClinicSettingsError, match="missing") as error:
        clinic.load(path)
    assert str(path) in str(error.value)


def test_a_file_with_one_bad_field_names_it(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text(yaml.safe_dump(settings(guide_address="www.example.org")), encoding="utf-8")
    with pytest.raises(ClinicSettingsError) as error:
        clinic.load(path)
    assert error.value.field == "guide_address" and "guide_address" in str(error.value)


def test_yaml_yes_and_no_are_read_as_true_and_false(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text("clinic_name: A\nphone: '555 1234'\nguide_address: https://a.example/\nmoisturiser_step: yes\n",
                    encoding="utf-8")
    assert clinic.load(path).moisturiser_step is True


def test_white_space_in_text_settings_is_tidied():
    got = clinic.parse(settings(clinic_name="  Northside \n Clinic  "))
    assert got.name == "Northside Clinic"


@pytest.mark.parametrize("phone, placeholder", [("000-000-0000", True), ("(000) 000", True), ("555-0000", False)])
def test_only_an_all_zero_phone_is_a_placeholder(phone, placeholder):
    assert clinic.parse(settings(phone=phone)).phone_is_placeholder is placeholder
