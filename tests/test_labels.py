"""The label checker (milia_kit/labels.py) and its data (assets/label_words.yml, strings fragment).

1. A table of realistic baby-product ingredient lists, written for this test in the style of real labels
   (no brand names), each with exactly the words a parent should be shown and the claims on it.
2. What the parent typed comes back as typed; limits; empty and too-long input.
3. Hostile text never raises and never comes back as markup.
4. False positives the checker must not make.
5. The data: the EU 26, every name finds itself, sources and strings exist for every code.
"""
from __future__ import annotations

import dataclasses
import string
from pathlib import Path

import pytest
import yaml

from milia_kit import labels
from milia_kit.labels import CATEGORIES, CHECKED, CLAIMS, EMPTY, MAX_CHARS, MAX_TYPED_CHARS, TOO_LONG, check_label

ROOT = Path(__file__).resolve().parents[1]
STRINGS_FILE = ROOT / "assets" / "strings" / "en.yml"
SOURCES_FILE = ROOT / "assets" / "sources.yml"

F, A, E, P = "fragrance", "allergen", "essential_oil", "phthalate"
DEP, DBP, DMP, DEHP, BBP = ("Diethyl phthalate (DEP)", "Dibutyl phthalate (DBP)", "Dimethyl phthalate (DMP)",
                            "Diethylhexyl phthalate (DEHP)", "Benzyl butyl phthalate (BBP)")


def case(name, text, found=(), claims=(), may_contain=False):
    return pytest.param(text, set(found), set(claims), may_contain, id=name)


# --- 1. Realistic labels ------------------------------------------------------------------------------------

LABELS = [
    case("us-wash-fragrance",
         "Water, Cocamidopropyl Betaine, Sodium Cocoyl Isethionate, Glycerin, PEG-80 Sorbitan Laurate, Fragrance, "
         "Citric Acid, Sodium Benzoate, Potassium Sorbate.",
         [(F, "Fragrance")]),
    case("eu-shampoo-parfum-allergens",
         "Ingredients: Aqua, Coco-Glucoside, Glycerin, Sodium Lauroyl Sarcosinate, Parfum, Lactic Acid, "
         "Sodium Benzoate, Linalool, Limonene, Hexyl Cinnamal.",
         [(F, "Parfum"), (A, "Linalool"), (A, "Limonene"), (A, "Hexyl Cinnamal")]),
    case("fragrance-free-lotion-clean",
         "Fragrance-free. Ingredients: Water, Glycerin, Petrolatum, Dimethicone, Cetearyl Alcohol, Ceteareth-20, "
         "Phenoxyethanol, Ethylhexylglycerin.",
         claims=["fragrance_free"]),
    case("unscented-lotion-with-masking-fragrance",
         "Unscented baby lotion\nIngredients: Water, Mineral Oil, Glycerin, Stearic Acid, Glyceryl Stearate, "
         "Cetyl Alcohol, Masking Fragrance, Methylparaben, Propylparaben",
         [(F, "Fragrance")], ["unscented"]),
    case("fragrance-free-cream-with-lavender-oil",
         "FRAGRANCE FREE • Water • Butyrospermum Parkii (Shea) Butter • Helianthus Annuus (Sunflower) Seed Oil • "
         "Lavandula Angustifolia (Lavender) Oil • Chamomilla Recutita (Matricaria) Flower Extract • Tocopherol",
         [(E, "Lavender")], ["fragrance_free"]),
    case("us-diaper-cream-fragrance",
         "Active ingredient: Zinc Oxide 40%. Inactive ingredients: Cod Liver Oil, Fragrance, Lanolin, "
         "Methylparaben, Petrolatum, Talc.",
         [(F, "Fragrance")]),
    case("diaper-cream-clean",
         "Zinc Oxide (20%), Petrolatum, Mineral Oil, Microcrystalline Wax, Paraffin, Cetyl Alcohol, Bisabolol",
         []),
    case("wipes-with-fragrance",
         "Water, Propylene Glycol, Polysorbate 20, Sodium Citrate, Citric Acid, Aloe Barbadensis Leaf Juice, "
         "Tocopheryl Acetate, Sodium Benzoate, Fragrance",
         [(F, "Fragrance")]),
    case("water-wipes-made-without-fragrance",
         "Made without fragrance, parabens and alcohol.\nIngredients: Aqua (99.9%), Citrus Grandis (Grapefruit) "
         "Seed Extract",
         [], ["fragrance_free"]),
    case("massage-oil-essential-oils-footnote",
         "Prunus Amygdalus Dulcis (Sweet Almond) Oil, Simmondsia Chinensis (Jojoba) Seed Oil, Lavandula Angustifolia "
         "Oil, Citrus Aurantium Dulcis (Orange) Peel Oil, Anthemis Nobilis Flower Oil, Tocopherol, Linalool*, "
         "Limonene*, Geraniol*.\n*naturally occurring in essential oils",
         [(E, "Lavender"), (E, "Sweet orange"), (E, "Chamomile"), (A, "Linalool"), (A, "Limonene"),
          (A, "Geraniol"), (E, "Essential oil")]),
    case("es-bath-gel-perfume-lavanda",
         "Ingredientes: Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Glycerin, Perfume, Aceite esencial "
         "de lavanda, Citric Acid",
         [(F, "Perfume"), (E, "Lavender")]),
    case("es-sin-perfume-clean",
         "Sin perfume. Ingredientes: agua, glicerina, aceite de girasol, manteca de karité.",
         [], ["fragrance_free"]),
    case("es-hipoalergenico-fragancia",
         "Hipoalergénico. Ingredientes: Agua, Glicerina, Fragancia, Alcohol Bencílico, Linalol",
         [(F, "Fragancia"), (A, "Benzyl Alcohol"), (A, "Linalool")], ["hypoallergenic"]),
    case("mineral-sunscreen-clean",
         "Active Ingredients: Zinc Oxide 20%. Inactive Ingredients: Water, Caprylic/Capric Triglyceride, Glycerin, "
         "Polyglyceryl-3 Polyricinoleate, Sodium Chloride, Jojoba Esters, Phenoxyethanol",
         []),
    case("eu-sunscreen-parfum-allergens",
         "Aqua, Octocrylene, Butyl Methoxydibenzoylmethane, Glycerin, Alcohol Denat., Parfum, Benzyl Salicylate, "
         "Alpha-Isomethyl Ionone, Citronellol, Coumarin",
         [(F, "Parfum"), (A, "Benzyl Salicylate"), (A, "Alpha-Isomethyl Ionone"), (A, "Citronellol"),
          (A, "Coumarin")]),
    case("balm-rosehip-vanilla",
         "Petrolatum, Lanolin, Cera Alba (Beeswax), Calendula Officinalis Flower Extract, Rosa Canina Fruit Oil, "
         "Vanilla Planifolia Fruit Extract",
         [(E, "Vanilla")]),
    case("baby-cologne-phthalate-lilial",
         "Alcohol, Aqua, Parfum (Fragrance), Diethyl Phthalate, Benzyl Benzoate, Butylphenyl Methylpropional",
         [(F, "Parfum"), (P, DEP), (A, "Benzyl Benzoate"), (A, "Butylphenyl Methylpropional")]),
    case("bullets-newlines-mixed-case",
         "• AQUA\n• glycerin\n• pArFuM\n• lInAlOoL\n- Hydroxycitronellal\n* CITRAL\n– eugenol",
         [(F, "Parfum"), (A, "Linalool"), (A, "Hydroxycitronellal"), (A, "Citral"), (A, "Eugenol")]),
    case("may-contain-colours",
         "Water, Glycerin, Talc, Fragrance. May contain: CI 77891 (Titanium Dioxide), CI 77491 (Iron Oxides)",
         [(F, "Fragrance")], may_contain=True),
    case("plus-minus-colours",
         "Aqua, Paraffinum Liquidum, Cera Microcristallina, Parfum, [+/- CI 77491, CI 77492]",
         [(F, "Parfum")], may_contain=True),
    case("slash-separated-names",
         "Water/Aqua/Eau, Glycerin, Fragrance/Parfum, Limonene",
         [(F, "Fragrance"), (A, "Limonene")]),
    case("spacing-typos",
         "Water,Glycerin ,  Benzyl  Alcohol,Amyl cinnamal ,Hexyl  Cinnamal,Iso eugenol,Farnesol,"
         "Alpha Iso-methyl Ionone,BenzylBenzoate",
         [(A, "Benzyl Alcohol"), (A, "Amyl Cinnamal"), (A, "Hexyl Cinnamal"), (A, "Isoeugenol"), (A, "Farnesol"),
          (A, "Alpha-Isomethyl Ionone"), (A, "Benzyl Benzoate")]),
    case("cradle-cap-shampoo-tea-tree",
         "Aqua, Decyl Glucoside, Melaleuca Alternifolia (Tea Tree) Leaf Oil, Rosmarinus Officinalis (Rosemary) Leaf "
         "Extract, Eucalyptus Globulus Leaf Oil, Citric Acid",
         [(E, "Tea tree"), (E, "Eucalyptus")]),
    case("natural-wash-citrus-oils",
         "100% natural baby wash. Ingredients: Aqua, Lauryl Glucoside, Cananga Odorata Flower Oil, Citrus Limon "
         "(Lemon) Peel Oil, Citrus Aurantium Bergamia (Bergamot) Fruit Oil, Citral, Limonene",
         [(E, "Ylang-ylang"), (E, "Lemon"), (E, "Bergamot"), (A, "Citral"), (A, "Limonene")], ["natural"]),
    case("old-eu-cream-banned-allergens",
         "Hypoallergenic. Aqua, Paraffinum Liquidum, Glycerin, Parfum, Butylphenyl Methylpropional, Hydroxyisohexyl "
         "3-Cyclohexene Carboxaldehyde, Amylcinnamyl Alcohol, Anise Alcohol",
         [(F, "Parfum"), (A, "Butylphenyl Methylpropional"), (A, "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde"),
          (A, "Amylcinnamyl Alcohol"), (A, "Anise Alcohol")], ["hypoallergenic"]),
    case("mosses-and-cinnamates",
         "Alcohol Denat., Aqua, Parfum, Evernia Prunastri (Oakmoss) Extract, Evernia Furfuracea (Treemoss) Extract, "
         "Cinnamal, Cinnamyl Alcohol, Benzyl Cinnamate, Methyl 2-Octynoate",
         [(F, "Parfum"), (A, "Evernia Prunastri Extract"), (A, "Evernia Furfuracea Extract"), (A, "Cinnamal"),
          (A, "Cinnamyl Alcohol"), (A, "Benzyl Cinnamate"), (A, "Methyl 2-Octynoate")]),
    case("allergens-with-their-source-in-brackets",
         "Water, Glycerin, Linalool (from lavender oil), Geraniol (from geranium oil)",
         [(A, "Linalool"), (E, "Lavender"), (A, "Geraniol"), (E, "Geranium")]),
    case("rose-water-spray-and-rosehip",
         "Rosa Damascena Flower Water, Aloe Barbadensis Leaf Juice, Glycerin, Rose Hip Oil",
         [(E, "Rose")]),
    case("phthalate-free-balm-peppermint",
         "Phthalate-free, paraben-free. Ingredients: Olea Europaea (Olive) Fruit Oil, Cera Alba, Mentha Piperita "
         "(Peppermint) Oil, Eucalyptus Globulus Leaf Oil",
         [(E, "Peppermint"), (E, "Eucalyptus")]),
    case("es-latam-lotion-fragancias-oils-phthalate",
         "Ingredientes: agua, glicerina, aceite mineral, alcohol cetílico, fragancias, aceite esencial de manzanilla, "
         "aceite de árbol de té, ftalato de dietilo",
         [(F, "Fragancia"), (E, "Chamomile"), (E, "Tea tree"), (P, DEP)]),
    case("html-list-pasted",
         "<ul><li>Water</li><li>Fragrance</li><li>Linalool</li></ul>",
         [(F, "Fragrance"), (A, "Linalool")]),
    case("percentages-and-decimals",
         "Aqua 70.5%, Glycerin 5%, Parfum 0.5%, Limonene 0.01%",
         [(F, "Parfum"), (A, "Limonene")]),
    case("kids-lip-balm-claims-and-flavor",
         "Unscented & hypoallergenic lip balm: Petrolatum, Lanolin, Natural Flavor, Tocopherol",
         [(F, "Flavor")], ["unscented", "hypoallergenic", "natural"]),
    case("free-from-list-before-ingredients",
         "Free from parabens, sulfates, dyes and fragrance.\nIngredients: Aqua, Glycerin, Caprylyl Glycol",
         [], ["fragrance_free"]),
    case("baby-toothpaste-aroma",
         "Sorbitol, Aqua, Hydrated Silica, Glycerin, Xylitol, Aroma, Cellulose Gum, Sodium Benzoate",
         [(F, "Aroma")]),
    case("phthalates-by-name-and-abbreviation",
         "Diethylhexyl Phthalate (DEHP), DBP, Benzyl Butyl Phthalate, Dimethyl Phthalate",
         [(P, DEHP), (P, DBP), (P, BBP), (P, DMP)]),
    case("es-colonia-agua-de-azahar",
         "Alcohol, Aqua, Agua de azahar, Perfume, Citronellol, Geraniol",
         [(E, "Neroli (bitter orange)"), (F, "Perfume"), (A, "Citronellol"), (A, "Geraniol")]),
    case("essential-oil-blend-in-brackets",
         "Aqua, Glycerin, Organic Essential Oils (Lavandula Angustifolia Oil, Citrus Sinensis Peel Oil)",
         [(E, "Lavender"), (E, "Sweet orange")]),
    case("fragrance-free-formula-with-masking-fragrance",
         "Fragrance-free formula\nAqua, Glycerin, Cetearyl Alcohol, Fragrance (masking)",
         [(F, "Fragrance")], ["fragrance_free"]),
    case("fragrance-and-dye-free-claim-then-list",
         "Fragrance & Dye Free baby lotion. Water, Glycerin, Dimethicone, Benzyl Alcohol",
         [(A, "Benzyl Alcohol")], ["fragrance_free"]),
    case("es-sin-aroma-is-unscented",
         "Crema de pañal sin aroma. Ingredientes: óxido de zinc, vaselina, lanolina",
         [], ["unscented"]),
    case("flower-leaf-stem-oil-with-slashes",
         "Aqua; Glycerin; Lavandula Angustifolia (Lavender) Flower/Leaf/Stem Oil; Pelargonium Graveolens Flower Oil",
         [(E, "Lavender"), (E, "Geranium")]),
    case("no-added-fragrance-then-parfum-in-list",
         "No added fragrance*\n\nIngredients: Aqua, Glycerin, Parfum*\n*masking agent",
         [(F, "Parfum")], ["fragrance_free"]),
]


@pytest.mark.parametrize("text, found, claims, may_contain", LABELS)
def test_realistic_label(text, found, claims, may_contain):
    report = check_label(text)
    assert report.status == CHECKED
    assert {(f.category, f.term) for f in report.findings} == found
    assert set(report.claims) == claims
    assert report.may_contain is may_contain
    assert len(report.findings) == len(found), "each name is reported once"


def test_the_table_is_big_enough():
    assert len(LABELS) >= 30


def test_findings_come_in_label_order_and_group_by_category():
    report = check_label("Aqua, Linalool, Parfum, Lavandula Angustifolia Oil, Limonene")
    assert [f.term for f in report.findings] == ["Linalool", "Parfum", "Lavender", "Limonene"]
    groups = report.by_category()
    assert list(groups) == [F, A, E]
    assert [f.term for f in groups[A]] == ["Linalool", "Limonene"]


# --- 2. What comes back ------------------------------------------------------------------------------------

def test_matched_text_is_the_ingredient_as_typed():
    report = check_label("Aqua, Parfum (Fragrance), Linalool (from lavender oil).")
    typed = {f.term: f.matched_text for f in report.findings}
    assert typed == {"Parfum": "Parfum (Fragrance)", "Linalool": "Linalool (from lavender oil)",
                     "Lavender": "Linalool (from lavender oil)"}


def test_matched_text_is_trimmed_of_bullets_prefixes_and_footnote_marks():
    report = check_label("  •   Limonene*  \nMay contain fragrance\n(Linalool)")
    assert [f.matched_text for f in report.findings] == ["Limonene", "fragrance", "Linalool"]
    assert report.may_contain


def test_note_keys_say_what_each_word_is():
    notes = {f.term: f.note_key for f in check_label(
        "Parfum, Benzyl Alcohol, Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde, Citral, Diethyl Phthalate, DBP, "
        "Vanilla Planifolia Fruit Extract").findings}
    assert notes == {"Parfum": "fragrance_word_eu", "Benzyl Alcohol": "eu_allergen_preservative",
                     "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde": "eu_allergen_banned", "Citral": "eu_allergen",
                     DEP: "phthalate_dep", DBP: "phthalate_eu_banned", "Vanilla": "botanical_scent"}


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\u00a0\u200b\u2060\ufeff", "<br><p></p>", ",;,;. •", None])
def test_nothing_to_check_gets_the_hint(text):
    assert check_label(text) == labels.LabelReport(EMPTY)


def test_the_length_limit_is_5000_characters():
    assert MAX_CHARS == 5000
    at_limit = ("Aqua, " * 1000)[:MAX_CHARS - len("Fragrance")] + "Fragrance"
    assert len(at_limit) == MAX_CHARS
    report = check_label(at_limit)
    assert report.status == CHECKED and [f.term for f in report.findings] == ["Fragrance"]
    over = check_label(at_limit + "x")
    assert over == labels.LabelReport(TOO_LONG) and not over.findings


def test_long_ingredients_are_cut_with_an_ellipsis():
    long_name = "Fragrance " + "very " * 40 + "long"
    (finding,) = check_label(long_name).findings
    assert len(finding.matched_text) == MAX_TYPED_CHARS and finding.matched_text.endswith("…")


def test_a_report_cannot_be_changed():
    report = check_label("Fragrance")
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.status = EMPTY  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.findings[0].term = "x"  # type: ignore[misc]


def test_only_strings_are_checked():
    with pytest.raises(TypeError):
        check_label(["Fragrance"])  # type: ignore[arg-type]


def test_spanish_names_and_sources_for_the_view():
    lavender, dep = check_label("Lavandula Angustifolia Oil, Diethyl Phthalate").findings
    assert labels.term_name(lavender, "es") == "Lavanda" and labels.term_name(lavender, "en") == "Lavender"
    assert labels.term_name(dep, "es") == "Ftalato de dietilo (DEP)"
    (linalool,) = check_label("Linalool").findings
    assert labels.term_name(linalool, "es") == "Linalool"  # INCI names are the same in every language
    assert labels.term_sources(dep) == ("fda-phthalates",)


# --- 3. Hostile text ------------------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert('Fragrance')</script>",
    "<img src=x onerror=alert(1)>Fragrance",
    "<svg onload=alert(1)><text>Parfum</text></svg>",
    "javascript:alert(document.cookie)//Fragrance",
    "&lt;script&gt;alert(1)&lt;/script&gt; Fragrance",
    "Lin\u202ealool, \u202eecnargarF, \u2066Parfum\u2069",
    "Fragrance 👶🧴✨, 💩💩💩",
    "L\u0301\u0302\u0303i\u0304\u0305n\u0306alool" + "\u0300" * 500,
    "Frag\x00rance\x07, Lina\x1blool\x7f",
    "," * 4999,
    "(" * 4999,
    ")" * 4999,
    "[+/-" * 1000,
    "<" * 2500 + ">" * 2500,
    "<a " + "x" * 4990 + ">",
    "\ufdfa" * MAX_CHARS,  # one character that NFKC turns into 18
    "\ud800\udfff Fragrance",  # lone surrogates
    "lavender " * 555,
    "no " * 1666,
    "a" * MAX_CHARS,
    "Fragrance\r\nParfum\rAroma\u2028Flavor\x85Perfume",
    "&#x202e;Fragrance&#x200b;, &#0;Linalool&#7;, &#x1F476; Parfum &#99999999;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_never_raises_and_comes_back_as_bounded_plain_text(text):
    report = check_label(text)
    assert report.status in (CHECKED, EMPTY, TOO_LONG)
    for finding in report.findings:
        typed = finding.matched_text
        assert 0 < len(typed) <= MAX_TYPED_CHARS
        assert "<script" not in typed.lower() and "<svg" not in typed.lower() and "<img" not in typed.lower()
        assert all(c.isprintable() for c in typed), repr(typed)  # no control, bidi or zero-width characters


def test_words_inside_html_still_count():
    assert {f.term for f in check_label(HOSTILE[1]).findings} == {"Fragrance"}
    assert {f.term for f in check_label(HOSTILE[2]).findings} == {"Parfum"}
    assert {f.term for f in check_label(HOSTILE[5]).findings} == {"Linalool", "Parfum"}


def test_ten_thousand_commas_are_refused_politely():
    assert check_label("," * 10_000) == labels.LabelReport(TOO_LONG)


def test_invisible_and_accented_characters_do_not_hide_a_word():
    report = check_label("Lina\u200blool, ＦＲＡＧＲＡＮＣＥ, Li\u0301monene, alcohol bencı\u0301lico, Ｐａｒｆｕｍ")
    assert {f.term for f in report.findings} == {"Linalool", "Fragrance", "Limonene", "Benzyl Alcohol", "Parfum"}
    assert {f.matched_text for f in report.findings} >= {"Linalool", "FRAGRANCE", "Parfum"}


# --- 4. False positives ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Phenoxyethanol", "Glycerin", "Aromatic", "Aromatherapy", "Pentylene Glycol", "Citric Acid", "Sodium Citrate",
    "Cetearyl Alcohol", "Rosa Canina Fruit Oil", "Rose Hip Oil", "Aceite de rosa mosqueta",
    "Helianthus Annuus (Sunflower) Seed Oil", "Prunus Amygdalus Dulcis (Sweet Almond) Oil",
    "Chamomilla Recutita (Matricaria) Flower Extract", "Rosmarinus Officinalis Leaf Extract", "Lavender",
    "CI 15510 (Orange 4)", "Citrus Limon Fruit Extract", "Syzygium Aromaticum Flower Extract", "Depends",
    "Dimethicone", "Methylparaben", "Cinnamomum Zeylanicum Bark Extract", "Essentially", "Perfumed",
    "Free of fragrance", "No fragrance", "Without perfume", "Sin perfume", "Sin fragancia", "Fragrance-free",
    "Fragrance free", "fragrancefree", "Perfume-free", "0% fragrance", "Phthalate-free", "Free of phthalates",
    "No essential oils", "Chamomile extract and sunflower oil", "Aceite de girasol", "Citronellyl Methylcrotonate",
])
def test_not_a_finding(text):
    assert check_label(text).findings == ()


@pytest.mark.parametrize("text, claim", [
    ("Fragrance-free", "fragrance_free"), ("free of fragrance", "fragrance_free"), ("No fragrance", "fragrance_free"),
    ("sin perfume", "fragrance_free"), ("Sin fragancia", "fragrance_free"), ("libre de fragancias", "fragrance_free"),
    ("Unscented", "unscented"), ("sin olor", "unscented"), ("Hypo-allergenic", "hypoallergenic"),
    ("hipoalergénico", "hypoallergenic"), ("All natural", "natural"), ("Free of dyes, fragrance", "fragrance_free"),
])
def test_claims_are_claims_not_findings(text, claim):
    report = check_label(text)
    assert report.findings == () and report.claims == (claim,)


def test_a_claim_does_not_hide_fragrance_later_in_the_list():
    report = check_label("Unscented. Free of dyes: Aqua, Glycerin, Fragrance")
    assert [f.term for f in report.findings] == ["Fragrance"] and report.claims == ("unscented",)


# --- 5. The data -------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def data():
    return labels.label_words()


@pytest.fixture(scope="module")
def words():
    return yaml.safe_load(STRINGS_FILE.read_text(encoding="utf-8"))["labels"]


EU_26 = [
    "Alpha-Isomethyl Ionone", "Amyl Cinnamal", "Amylcinnamyl Alcohol", "Anise Alcohol", "Benzyl Alcohol",
    "Benzyl Benzoate", "Benzyl Cinnamate", "Benzyl Salicylate", "Butylphenyl Methylpropional", "Cinnamal",
    "Cinnamyl Alcohol", "Citral", "Citronellol", "Coumarin", "Eugenol", "Farnesol", "Geraniol", "Hexyl Cinnamal",
    "Hydroxycitronellal", "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde", "Isoeugenol", "Limonene", "Linalool",
    "Methyl 2-Octynoate", "Evernia Prunastri Extract", "Evernia Furfuracea Extract",
]


def test_the_eu_26_allergens_are_all_there_and_the_two_banned_ones_are_marked(data):
    assert [e["name"] for e in data["allergen"]] == EU_26
    banned = {e["name"] for e in data["allergen"] if e["note"] == "eu_allergen_banned"}
    assert banned == {"Butylphenyl Methylpropional", "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde"}
    assert {f.term for f in check_label("Lilial, Lyral, HICC, oak moss, tree moss").findings} == {
        "Butylphenyl Methylpropional", "Hydroxyisohexyl 3-Cyclohexene Carboxaldehyde", "Evernia Prunastri Extract",
        "Evernia Furfuracea Extract"}


def test_the_required_words_are_there(data):
    fragrance = {w for e in data["fragrance"] for w in [e["name"], *e["also"]]}
    assert {"Fragrance", "Parfum", "Perfume", "Aroma", "Flavor", "flavour", "Fragancia"} <= fragrance
    oils = {e["name"] for e in data["essential_oil"]}
    assert {"Essential oil", "Lavender", "Chamomile", "Tea tree", "Eucalyptus", "Rose", "Sweet orange", "Lemon",
            "Bergamot", "Peppermint", "Ylang-ylang", "Rosemary", "Geranium", "Sandalwood"} <= oils
    assert {e["name"] for e in data["phthalate"]} == {"Phthalate", DEP, DBP, DMP, DEHP, BBP}


def _examples(phrase: str) -> list[str]:
    """A phrase as a label might print it: a `*` gap filled with nothing and with one word."""
    return [" ".join(phrase.replace("*", "").split()), phrase.replace("*", "Peel")]


def _all_terms(data):
    for category in CATEGORIES:
        names_count = category in data["matching"]["match_names"]
        for entry in data[category]:
            for phrase in ([entry["name"]] if names_count else []) + entry["also"]:
                yield category, entry["name"], phrase


@pytest.mark.parametrize("category, name, phrase", list(_all_terms(labels.label_words())),
                         ids=lambda v: str(v))
def test_every_name_in_the_data_finds_itself(category, name, phrase):
    for text in _examples(phrase):
        report = check_label(f"Aqua, {text}, Glycerin")
        assert (category, name) in {(f.category, f.term) for f in report.findings}, text


@pytest.mark.parametrize("code, phrase", [(c["code"], p) for c in labels.label_words()["claims"] for p in c["also"]])
def test_every_claim_in_the_data_finds_itself(code, phrase):
    report = check_label(phrase)
    assert code in report.claims and report.findings == ()


def test_counts(data):
    counts = {c: len(data[c]) for c in CATEGORIES}
    assert counts[A] == 26 and counts[F] >= 6 and counts[E] >= 25 and counts[P] == 6


def test_every_source_id_is_one_of_the_guides_sources_with_an_address(data):
    defined = {s["id"]: s for s in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
    used = {i for c in CATEGORIES for e in data[c] for i in e["sources"]}
    used |= {i for c in data["claims"] for i in c["sources"]}
    assert used and used <= set(defined), used - set(defined)
    assert all(defined[i]["address"].startswith("https://") for i in used)
    assert "sources" not in data  # one list of sources: assets/sources.yml


def test_every_code_the_module_returns_has_words(data, words):
    assert set(words["category_title"]) == set(words["category_explain"]) == set(CATEGORIES)
    assert set(words["claims_explain"]) == set(CLAIMS)
    notes = {e["note"] for c in CATEGORIES for e in data[c]}
    assert notes == set(words["note_explain"])
    for key in ("input_label", "placeholder", "check_button", "hint_empty", "too_long", "none_found",
                "found_pattern", "may_contain", "results_title", "claims_title"):
        assert key in words, key


def test_placeholders_are_the_ones_the_view_fills(words):
    def names(text):
        return {field for _, field, _, _ in string.Formatter().parse(text) if field}

    assert names(words["too_long"]) == {"limit"}
    assert names(words["found_pattern"]) == {"term", "typed"}
    assert words["found_pattern"].format(term="Linalool", typed="linalool*") == "Linalool (you typed: linalool*)"


def test_every_explanation_names_known_sources(data, words):
    known = {s["id"] for s in yaml.safe_load(SOURCES_FILE.read_text(encoding="utf-8"))["sources"]}
    explained = [*words["category_explain"].values(), *words["note_explain"].values(),
                 *words["claims_explain"].values(), words["none_found"]]
    for item in explained:
        assert item["text"].strip() and item["sources"], item
        assert set(item["sources"]) <= known, item


def test_the_words_never_say_disrupts_hormones(words):
    text = yaml.safe_dump(words).lower()
    assert "hormone" not in text and "disrupt" not in text
    assert words["category_explain"]["phthalate"]["text"] == (
        "Some fragrances have contained chemicals called phthalates, and labels don't have to list them. "
        "Choosing fragrance-free products is a simple way to avoid them and to lower the chance of skin allergy.")


def test_the_module_holds_no_widgets_and_loads_the_data_once():
    source = Path(labels.__file__).read_text(encoding="utf-8")
    assert "ipywidgets" not in source and "numpy" not in source
    assert labels._lexicon() is labels._lexicon()


def test_bad_data_is_refused_at_load(data):
    """A YAML `no` read as False, an unknown source or a name given to two entries stops the guide at start."""
    broken = yaml.safe_load(yaml.safe_dump(data))
    broken["matching"]["negation_before"].append(False)
    with pytest.raises(ValueError, match="negation_before"):
        labels._Lexicon(broken)
    broken = yaml.safe_load(yaml.safe_dump(data))
    broken["allergen"][0]["sources"] = ["nowhere"]
    with pytest.raises(ValueError, match="source"):
        labels._Lexicon(broken)
    broken = yaml.safe_load(yaml.safe_dump(data))
    broken["allergen"][1]["also"].append("Linalool")
    with pytest.raises(ValueError, match="names both"):
        labels._Lexicon(broken)
