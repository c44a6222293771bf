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


# The longest value each setting accepts (its limit exactly): tests/test_handout.py prints them all at once.
AT_THE_LIMIT = {
    "clinic_name": ("NAME_MAX", "W" * clinic.NAME_MAX),
    "phone": ("PHONE_MAX", "+44 (555) 123-4567 ext. 123456"),
    "guide_address": ("ADDRESS_MAX", "https://guide.example.org/" + "m" * (clinic.ADDRESS_MAX - 26)),
}


@pytest.mark.parametrize("field", AT_THE_LIMIT)
def test_a_setting_at_its_limit_is_accepted_and_one_character_more_is_refused_naming_the_limit(field):
    name, value = AT_THE_LIMIT[field]
    limit = getattr(clinic, name)
    assert len(value) == limit
    clinic.parse(settings(**{field: value}))
    longer = value.replace("4567", "45678") if field == "phone" else value + "m"
    error = fails(settings(**{field: longer}), field)
    assert f"at most {limit} are allowed" in str(error) and f"is {limit + 1} characters long" in str(error)


@pytest.mark.parametrize("address", [
    "http://127.0.0.1:8866/", "http://localhost:8866/", "http://LOCALHOST./", "http://[::1]:8866/",
    "http://127.1:8866/", "http://2130706433/", "http://0.0.0.0:8866/", "http://192.168.1.20:8866/",
    "http://10.0.0.5/", "http://172.16.4.2/guide", "http://169.254.10.1/", "http://100.64.0.9/", "http://[fe80::1]/",
    "http://[fd12:3456::1]/", "http://[::ffff:127.0.0.1]/", "http://guide-server:8866/", "http://guide.local/",
    "http://guide.localhost/", "http://guide.home.arpa/", "http://milia.clinic.internal/", "http://pc.lan/",
])
def test_an_address_a_parent_cannot_open_from_home_is_not_public(address):
    assert clinic.parse(settings(guide_address=address)).has_public_address is False


@pytest.mark.parametrize("address", [
    "https://clinic.example.org/milia/", "https://milia.maplestreetpeds.example/", "http://8.8.8.8:8866/",
    "https://[2606:4700:4700::1111]/", "https://hub.clinic.org/user/guide/voila/render/guide.ipynb?lang=es",
])
def test_an_address_anyone_can_open_is_public(address):
    assert clinic.parse(settings(guide_address=address)).has_public_address is True


def test_the_shipped_example_address_is_not_public():
    assert clinic.load().has_public_address is False
