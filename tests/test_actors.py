"""Actor mentions, naming choices and descriptors (analysis.actors)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import actors, corpus, paths
from analysis.corpus import ReportRow, iter_load
from analysis.document import Document


@pytest.fixture(scope="module")
def seed():
    doc = corpus.load_seed("us_iraq_troops_talks_ar")
    return doc, *actors.mentions_and_descriptors(doc)


def rows_for(table, column, text):
    return table[table[column] == text]


def test_seed_militias_are_named_and_described(seed):
    _doc, mentions, descriptors = seed
    (backed,) = rows_for(mentions, "text", "للميليشيات المدعومة من إيران").itertuples()
    assert backed.actor_id == "iran_aligned_militias"
    assert (backed.naming_text, backed.naming, backed.naming_class) == (
        "للميليشيات", "ميليشيات", "militia",
    )  # fmt: skip
    assert backed.connotation == "pejorative"
    described = rows_for(descriptors, "mention_start", backed.start)
    assert described[["text", "kind", "patron_id"]].values.tolist() == [
        ["المدعومة من إيران", "affiliation", "iran_government"]
    ]
    (factions,) = rows_for(mentions, "text", "الفصائل المدعومة من إيران").itertuples()
    assert (factions.actor_id, factions.naming_class) == ("iran_aligned_militias", "faction")
    armed = rows_for(descriptors, "mention_text", "الميليشيات المسلحة الإيرانية")
    assert armed["text"].tolist() == ["المسلحة", "الإيرانية"]
    assert set(armed["kind"]) == {"adjective"}
    iraqi = rows_for(descriptors, "mention_text", "الميليشيات العراقية")
    assert iraqi["text"].tolist() == ["العراقية", "المتحالفة مع إيران"]
    # «والميليشيات التابعة لها»: named, described, its patron a pronoun
    (linked,) = rows_for(mentions, "text", "والميليشيات").itertuples()
    assert pd.isna(linked.actor_id) and linked.naming_class == "militia"
    assert rows_for(descriptors, "mention_start", linked.start)["text"].tolist() == ["التابعة لها"]


def test_seed_spans_and_rules(seed):
    doc, mentions, descriptors = seed
    version = actors.default_gazetteer().version
    for row in mentions.itertuples():
        assert doc.text[row.start : row.end] == row.text
        assert row.rule.startswith("actor:") and row.rule.endswith(f"@actors{version}")
        if row.naming_class != "name":
            assert doc.text[row.naming_start : row.naming_end] == row.naming_text
            assert row.start <= row.naming_start < row.naming_end <= row.end
    for row in descriptors.itertuples():
        assert doc.text[row.start : row.end] == row.text
        assert row.start >= row.mention_start
        assert row.rule in (
            f"descriptor:adjective@actors{version}",
            f"descriptor:affiliation@actors{version}",
        )
    # the Pentagon spokesman and the Iraqi prime minister are there by name
    assert {"patrick_ryder", "mohammed_shia_al_sudani", "gaza_health_authorities"} <= set(
        mentions["actor_id"].dropna()
    )


def test_a_naming_noun_before_a_listed_name_is_its_naming():
    mentions, descriptors = actors.mentions_and_descriptors(
        Document("d", "هاجمت عصابات الحوثي الانقلابية مدينة تعز.")
    )
    (row,) = mentions.itertuples()
    assert (row.text, row.actor_id, row.naming_class) == ("عصابات الحوثي", "houthis", "gangs")
    assert descriptors["text"].tolist() == ["الانقلابية"]


def test_a_patron_resolves_a_bare_naming_noun():
    texts = {
        "a": "وقصفت الميليشيات الموالية لإيران القاعدة.",
        "b": "وقالت المقاومة المدعومة من إيران إنها سترد.",
        "c": "وتبنت فصائل مسلحة موالية لإيران الهجوم.",
    }
    found = {k: actors.mentions(Document(k, t)) for k, t in texts.items()}
    for key, table in found.items():
        named = table[table["naming_class"] != "name"].iloc[0]
        assert named["actor_id"] == "iran_aligned_militias", key
        assert named["rule"].startswith("actor:naming-noun+patron:iran_government"), key
    indefinite = actors.descriptors(Document("c", texts["c"]))
    assert indefinite["text"].tolist() == ["مسلحة", "موالية لإيران"]


def test_objects_and_time_words_are_not_descriptors():
    texts = [
        "وبدأت إدارة بايدن المفاوضات مع وفد عراقي.",
        "وهددت الميليشيات العراقية الشهر الماضي بمواصلة الهجمات.",
        "وقالت الفصائل، المدعومة من إيران، إنها سترد.",
    ]
    for text in texts:
        table = actors.descriptors(Document("d", text))
        assert table["text"].tolist() in ([], ["العراقية"]), text


def test_naming_choices_across_documents():
    docs = [
        Document(
            "a", "وقصفت الميليشيات الموالية لإيران القاعدة. وردت الميليشيات المدعومة من إيران."
        ),
        Document("b", "وقالت الفصائل المدعومة من إيران إنها سترد."),
        Document("c", "وقالت المقاومة المدعومة من إيران إنها سترد."),
    ]
    table = actors.naming_choices(pd.concat([actors.mentions(d) for d in docs]))
    aligned = table[table["actor_id"] == "iran_aligned_militias"].set_index("naming_class")
    assert aligned["mentions"].to_dict() == {"militia": 2, "faction": 1, "resistance": 1}
    assert aligned["documents"].to_dict() == {"militia": 1, "faction": 1, "resistance": 1}
    assert aligned["share"].sum() == pytest.approx(1.0)
    assert list(table.columns) == actors.NAMING_COLUMNS


def test_empty_document():
    mentions, descriptors = actors.mentions_and_descriptors(Document("e", ""))
    assert list(mentions.columns) == actors.MENTION_COLUMNS and mentions.empty
    assert list(descriptors.columns) == actors.DESCRIPTOR_COLUMNS and descriptors.empty
    assert actors.naming_choices(mentions).empty


SAUDI = paths.shared_data_dir() / "saudinewsnet" / "saudinewsnet.jsonl.gz"


@pytest.mark.skipif(not SAUDI.exists(), reason=f"{SAUDI} is absent (../shared/data)")
def test_houthis_are_named_in_more_than_one_way_in_saudi_news():
    """The framing measure on real news: Saudi outlets name the Houthis by
    name and as a militia."""
    docs = []
    for item in iter_load(SAUDI):
        if not isinstance(item, ReportRow) and "الحوثي" in item.text:
            docs.append(item)
        if len(docs) == 150:
            break
    table = actors.naming_choices(pd.concat([actors.mentions(d) for d in docs]))
    houthis = table[table["actor_id"] == "houthis"]
    assert {"name", "militia"} <= set(houthis["naming_class"])
    assert houthis["documents"].max() >= 10


def test_cli_actors_and_descriptors(tmp_path, capsys):
    from analysis.__main__ import main as cli

    path = tmp_path / "in.jsonl"
    record = {"doc_id": "a", "text": "وقصفت الميليشيات الموالية لإيران القاعدة."}
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    assert cli(["actors", str(path)]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [(r["text"], r["actor_id"], r["naming_class"]) for r in rows] == [
        ("الميليشيات", "iran_aligned_militias", "militia"),
        ("لإيران", "iran_government", "name"),
    ]
    assert "2 actor mentions; load report: 1 loaded; documents analysed: 1" in captured.err
    out = tmp_path / "d.csv"
    assert cli(["actors", "--descriptors", str(path), "--format", "csv", "--out", str(out)]) == 0
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert list(table.columns) == actors.DESCRIPTOR_COLUMNS
    assert table["text"].tolist() == ["الموالية لإيران"]


def test_review_cases_of_names_media_and_affiliations():
    # the outer naming noun names the actor: «مقاتلي حركة حماس»
    (row,) = actors.mentions(Document("d", "وقتل مقاتلي حركة حماس.")).itertuples()
    assert (row.text, row.actor_id, row.naming_text) == ("مقاتلي حركة حماس", "hamas", "مقاتلي")
    # an ordinary word that is also an outlet's name is not the outlet
    assert actors.mentions(Document("d", "زار المدينة المنورة.")).empty
    press = actors.mentions(Document("d", "ونشرت صحيفة المدينة تقريرا."))
    assert press["actor_id"].tolist() == ["al_madina"]
    # a place named after someone, in every user of the shared gazetteer
    assert actors.default_gazetteer().find("في قاعدة عين الأسد الجوية") == []
    # only ties of support make a patron: against Iran is not Iran-aligned
    mentions, found = actors.mentions_and_descriptors(
        Document("d", "وقالت الفصائل المناهضة لإيران إنها سترد.")
    )
    factions = mentions[mentions["naming_class"] == "faction"]
    assert factions["actor_id"].isna().all() and len(factions) == 1
    assert found[["text", "kind"]].values.tolist() == [["المناهضة", "adjective"]]
    # gender agreement: «المشارك» belongs to «وفد», not to «المملكة»
    assert actors.descriptors(Document("d", "وصل وفد المملكة المشارك في الاجتماع.")).empty
    # an everyday sense of «حركة» is no actor
    assert actors.mentions(Document("d", "وتشهد الحركة المرورية ازدحاما.")).empty


def test_labels_table_counts_namings_and_descriptors():
    doc = Document("d", "وقصفت الميليشيات الموالية لإيران القاعدة. وهددت الميليشيات المسلحة بالرد.")
    table = actors.labels_table(*actors.mentions_and_descriptors(doc))
    assert list(table.columns) == actors.LABEL_COLUMNS
    rows = {(r.actor_id, r.role, r.term): r.mentions for r in table.itertuples()}
    assert rows == {
        ("iran_aligned_militias", "naming", "ميليشيات"): 1,
        ("iran_aligned_militias", "affiliation", "الموالية لإيران"): 1,
        ("unresolved", "naming", "ميليشيات"): 1,
        ("unresolved", "adjective", "المسلحة"): 1,
    }


def test_other_kingdoms_and_people_take_no_saudi_or_adjective():
    gazetteer = actors.default_gazetteer()
    assert gazetteer.find("وصل وزير خارجية المملكة المتحدة") == []
    assert [m.actor.id for m in gazetteer.find("وأعلنت المملكة العربية السعودية")] == [
        "saudi_government"
    ]
    assert [m.actor.id for m in gazetteer.find("وأكدت المملكة أنها")] == ["saudi_government"]
    assert gazetteer.find("زار بالمملكة الأردنية الهاشمية") == []
    assert gazetteer.find("وقالت وزارة الداخلية الكويتية") == []
    saudi = gazetteer.find("وقالت وزارة الداخلية السعودية")
    assert saudi[0].span.text == "وزارة الداخلية"
    assert {m.actor.id for m in saudi} == {"saudi_government"}
    # a definite word after a person's name is the verb's object
    assert actors.descriptors(Document("d", "وجدد العبادي التأكيد على موقفه.")).empty
    # an outlet's name with a preposition attached is still the place
    assert actors.mentions(Document("d", "وصل بالمدينة المنورة.")).empty
