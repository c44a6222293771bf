"""Sources: unique ids, complete entries, and every id the strings name exists."""
import pytest

from milia_kit import sources, strings
from milia_kit.strings import flatten


def test_every_source_has_all_fields():
    listed = sources.load()
    assert len(listed) >= 10 and listed.reviewed
    for s in listed:
        assert s.id and s.title and s.publisher and s.address and s.read


def test_an_unknown_id_is_a_clear_error():
    with pytest.raises(KeyError, match="no-such-source"):
        sources.load()["no-such-source"]


@pytest.mark.parametrize("lang", strings.available_languages())
def test_every_source_id_named_in_the_strings_exists(lang):
    named = set()
    for key, value in flatten(strings.load(lang).tree).items():
        if key.endswith("sources") and isinstance(value, list):
            named |= set(value)
    _collect_block_sources(strings.load(lang).tree, named)
    unknown = named - set(sources.load().by_id)
    assert not unknown


def _collect_block_sources(node, found):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sources" and isinstance(value, list):
                found |= set(value)
            else:
                _collect_block_sources(value, found)
    elif isinstance(node, list):
        for item in node:
            _collect_block_sources(item, found)


# Copies and mirrors the guide once cited instead of the publisher (issue 13): a parent who opens a source must
# land on the publisher's own page.
NOT_THE_PUBLISHER = ("docslib.org", "dev2.statpearls.com", "ourlittleplace.com", "finebestproducts.com",
                     "bannerhealth.com", "advocaremarltonpeds.com", "sgs.com", "staywellsolutionsonline.com/Bedside",
                     "shared/seed", "scribd.com", "studylib.net")


def test_every_source_a_parent_can_open_is_the_publishers_own_https_address():
    for source in sources.load():
        assert source.address.startswith("https://"), source.id
        assert not any(copy in source.address for copy in NOT_THE_PUBLISHER), (source.id, source.address)
        assert source.name.strip() and len(source.name) <= 60, source.id


def test_the_milia_pages_of_the_big_publishers_are_among_the_sources():
    addresses = {source.address for source in sources.load()}
    assert "https://www.dermnetnz.org/topics/milium" in addresses
    assert {"mayo-milia", "medlineplus-milia", "clevelandclinic-milia"} <= set(sources.load().by_id)
