"""Reading YAML: the fast C parser where PyYAML has it, with the safe loader's rules either way."""
import pytest
import yaml

from milia_kit import yamlfile
from milia_kit.paths import ROOT


def test_the_c_parser_is_used_when_pyyaml_has_it():
    assert yaml.__with_libyaml__ and yamlfile.SAFE_LOADER is yaml.CSafeLoader


@pytest.mark.parametrize("name", ["strings/en.yml", "strings/es.yml", "sources.yml", "clinic.yml", "quiz.yml",
                                  "lookalikes.yml", "label_words.yml"])
def test_it_reads_every_file_exactly_as_the_safe_loader_does(name):
    text = (ROOT / "assets" / name).read_text(encoding="utf-8")
    assert yamlfile.parse(text) == yaml.safe_load(text)


def test_python_objects_are_refused():
    with pytest.raises(yamlfile.YAMLError):
        yamlfile.parse("!!python/object/apply:os.system ['true']")
