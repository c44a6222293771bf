"""The clinic's settings (assets/clinic.yml): its name, phone, the guide's address and one care choice.

`load()` reads and checks the file once per process. Anything missing or wrong raises `ClinicSettingsError`
naming the field (its `.field`), so a clinic that mistypes a setting learns which one when the guide
starts, instead of a parent getting a handout with a wrong number or a QR code that goes nowhere.

Fields (all required except `moisturiser_step`; no other keys are allowed, so a typo is caught):
- clinic_name: 1 to 80 characters of text.
- phone: digits, spaces and + - ( ) . /, with an optional extension ("ext 12", "x12"); at least 3 digits,
  at most 30 characters. All zeros ("000-000-0000", the shipped example) is a placeholder: handouts then
  say "Questions? Call your baby's clinic." with no number (`Clinic.phone_is_placeholder`).
- guide_address: an http:// or https:// address with a host, at most 80 characters (parents may have to
  type it from the sheet; a longer one did not fit beside the QR code on the Spanish handout); the handout's QR
  code points to it. An address only this computer or the clinic's own network can open (127.0.0.1,
  localhost, ::1, 192.168.x.x, a one-word server name, the shipped example) prints no QR code and no
  address: the handout tells the parent to ask the clinic for it (`Clinic.has_public_address`).
- moisturiser_step: true or false (default false). True adds the article's moisturiser step to the
  handout's home care, framed as the clinic's choice (fragrance-free, on dry skin, never on the bumps).

The limits are the longest values that still print every handout and clinician sheet, in every language, on
their pages (tests/test_handout.py builds them all at once); a longer value is refused, naming the limit.

No widgets and no heavy imports here.
"""
from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from . import yamlfile

from . import paths

FIELDS = ("clinic_name", "phone", "guide_address", "moisturiser_step")
REQUIRED = ("clinic_name", "phone", "guide_address")
NAME_MAX = 80
PHONE_MAX = 30
ADDRESS_MAX = 80  # was 200: the longest that still prints on the handouts' front page (see the docstring)
PHONE = re.compile(r"^\+?[0-9()./ -]+(?:\s*(?:ext\.?|x)\s*[0-9]{1,6})?$", re.IGNORECASE)


class ClinicSettingsError(ValueError):
    """assets/clinic.yml is missing, unreadable, or has a missing or wrong field (named in `.field`)."""

    def __init__(self, message: str, field: str | None = None, path: Path | None = None):
        self.field = field
        self.path = path
        where = f"{path}: " if path else ""
        named = f"setting {field!r}: " if field else ""
        super().__init__(f"{where}{named}{message}")


PLACEHOLDER_NAME = "Your clinic"  # the name assets/clinic.yml ships with


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    guide_address: str
    moisturiser_step: bool = False

    @property
    def name_is_placeholder(self) -> bool:
        """The shipped example name ("Your clinic"): handouts say "your baby's clinic" in their own language."""
        return self.name.strip().casefold() == PLACEHOLDER_NAME.casefold()

    @property
    def phone_is_placeholder(self) -> bool:
        """The shipped example number (all zeros): handouts say to call the clinic, with no number."""
        return set(re.sub(r"\D", "", self.phone)) <= {"0"}

    @property
    def has_public_address(self) -> bool:
        """Whether a parent at home could open guide_address: not this computer (127.0.0.1, localhost, ::1, the
        shipped example) nor a private network (10.x, 192.168.x, fe80::, a one-word or .local name). Without
        one, a QR code and a printed address would lead nowhere, so handouts print neither."""
        return _public_host(urlsplit(self.guide_address).hostname or "")


# Names that only a private network resolves: mDNS (.local), RFC 6761 (.localhost), RFC 8375 (.home.arpa),
# ICANN's private-use .internal, and the .lan / .localdomain that home routers and Linux set up.
PRIVATE_SUFFIXES = (".localhost", ".local", ".home.arpa", ".internal", ".lan", ".localdomain")


def _public_host(host: str) -> bool:
    host = host.rstrip(".").lower()
    try:
        return ipaddress.ip_address(host).is_global
    except ValueError:
        pass
    labels = host.split(".")
    if labels[-1].isdigit() or labels[-1].startswith("0x"):
        # no top-level domain is numeric: browsers read "127.1" or "2130706433" as an IPv4 address, so do the same
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host)).is_global
        except OSError:
            return False
    # a one-word name ("localhost", "guide-server") is looked up on the clinic's own network only
    return len(labels) > 1 and not ("." + host).endswith(PRIVATE_SUFFIXES)


def default_path() -> Path:
    return paths.ASSETS / "clinic.yml"


@lru_cache(maxsize=None)
def load(path: Path | None = None) -> Clinic:
    """The clinic's settings, read and checked once per process (per path)."""
    path = Path(path) if path else default_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ClinicSettingsError("the settings file is missing; copy the example from the guide's "
                                  "assets/clinic.yml", path=path) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ClinicSettingsError(f"the settings file cannot be read ({error})", path=path) from None
    try:
        data = yamlfile.parse(text)
    except yamlfile.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" near line {mark.line + 1}" if mark else ""
        raise ClinicSettingsError(f"the settings file is not valid YAML{where}", path=path) from None
    return parse(data, path)


def parse(data, path: Path | None = None) -> Clinic:
    """Check a settings mapping (as read from YAML) and return the clinic's settings."""
    if not isinstance(data, dict):
        raise ClinicSettingsError("the settings file must be a list of `name: value` lines", path=path)
    for key in data:
        if key not in FIELDS:
            raise ClinicSettingsError(f"unknown setting; the settings are {', '.join(FIELDS)}", field=str(key), path=path)
    for key in REQUIRED:
        if key not in data or data[key] is None or (isinstance(data[key], str) and not data[key].strip()):
            raise ClinicSettingsError("is missing or empty", field=key, path=path)
    return Clinic(
        name=_name(data["clinic_name"], path),
        phone=_phone(data["phone"], path),
        guide_address=_address(data["guide_address"], path),
        moisturiser_step=_flag(data.get("moisturiser_step", False), path),
    )


def _text(value, field: str, limit: int, path) -> str:
    if not isinstance(value, str):
        raise ClinicSettingsError(f"must be text in quotes, not {type(value).__name__}", field=field, path=path)
    text = " ".join(value.split())
    if any(unicodedata.category(c) in ("Cc", "Cf", "Co", "Cn", "Cs") for c in text):
        raise ClinicSettingsError("has control or invisible characters", field=field, path=path)
    if len(text) > limit:
        raise ClinicSettingsError(f"is {len(text)} characters long; at most {limit} are allowed", field=field, path=path)
    return text


def _name(value, path) -> str:
    return _text(value, "clinic_name", NAME_MAX, path)


def _phone(value, path) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        raise ClinicSettingsError('must be in quotes, for example "555-123-4567" (YAML reads bare digits as a '
                                  "number and drops leading zeros)", field="phone", path=path)
    phone = _text(value, "phone", PHONE_MAX, path)
    if not PHONE.match(phone) or len(re.sub(r"\D", "", phone)) < 3:
        raise ClinicSettingsError(f"{phone!r} does not look like a phone number (digits, spaces and + - ( ) . / "
                                  'only, with an optional "ext 12")', field="phone", path=path)
    return phone


def _address(value, path) -> str:
    address = _text(value, "guide_address", ADDRESS_MAX, path)
    parts = urlsplit(address)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in address:
        raise ClinicSettingsError(f"{address!r} must be a web address starting with http:// or https://",
                                  field="guide_address", path=path)
    if any(c in address for c in "<>\"'`\\"):
        raise ClinicSettingsError(f"{address!r} has characters that do not belong in a web address",
                                  field="guide_address", path=path)
    return address


def _flag(value, path) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ClinicSettingsError(f"must be true or false, not {value!r}", field="moisturiser_step", path=path)
    return value
