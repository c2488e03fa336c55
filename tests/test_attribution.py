"""Attribution on real sentences: every construction the module claims to handle.

The sentences are from the seed and from news style; each test names the
construction.  The gold-standard scores are in test_attribution_eval.py.  At
the end, sentences no article holds, built to make the rules work hard: the
work must grow in proportion to their length.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import time
from pathlib import Path

import pytest
from hostile_shapes import HOSTILE_SENTENCES

from analysis import attribution, corpus
from analysis.__main__ import main as cli
from analysis.actors import Gazetteer
from analysis.document import Document


def relations(text: str) -> list[attribution.Attribution]:
    return attribution.extract(Document("t", text))


def one(text: str) -> attribution.Attribution:
    found = relations(text)
    assert len(found) == 1, [(r.cue.text, r.rule) for r in found]
    return found[0]


@pytest.fixture(scope="module")
def seed() -> Document:
    return corpus.load_seed("us_iraq_troops_talks_ar")


def test_every_attribution_in_the_seed(seed):
    found = {
        (r.cue.text, r.sources[0].text if r.sources else None): r for r in attribution.extract(seed)
    }
    expected = {
        ("من المتوقع", None): ("indirect", "anonymous", "neutral"),
        ("طلب", "رئيس الوزراء العراقي محمد شياع السوداني"): ("indirect", "named_person", "neutral"),
        ("ورفض", "السكرتير الصحفي للقوات الجوية اللواء باتريك رايدر"): (
            "indirect",
            "named_person",
            "denial",
        ),
        ("اتفق", "السوداني"): ("mixed", "named_person", "neutral"),
        ("كرر", "رايدر"): ("direct", "named_person", "emphatic"),
        ("قال", "مسؤولون عراقيون"): ("indirect", "anonymous", "neutral"),
        ("وصفته", None): ("indirect", "collective", "neutral"),
        ("وتقول", "السلطات الصحية في غزة"): ("indirect", "institution", "neutral"),
        ("طالبت", None): ("indirect", "collective", "neutral"),
        ("نشرت", "صحيفة بوليتيكو"): ("indirect", "media", "neutral"),
        ("زعمت", "برقية لوزارة الخارجية"): ("indirect", "document", "distancing"),
    }
    for key, labels in expected.items():
        assert key in found, f"missing {key}; found {list(found)}"
        r = found[key]
        assert (r.quote_type, r.source_type, r.cue_class) == labels, key
    threats = [r for r in attribution.extract(seed) if r.cue.text == "التهديدات"]
    assert threats and threats[0].sources[0].text.startswith("مجموعة من الميليشيات العراقية")
    assert found[("وصفته", None)].referent.text == "الميليشيات المسلحة الإيرانية"
    assert found[("كرر", "رايدر")].contents[0].text.startswith("سيراجعان العوامل")
    assert found[("زعمت", "برقية لوزارة الخارجية")].contents[0].text == (
        "السوداني لا يريد أن تغادر القوات الأمريكية العراق"
    )


def test_scare_quote_is_not_a_quotation(seed):
    quotes = attribution.scare_quotes(seed)
    assert [q.text for q in quotes] == ['"طبيعية"']
    assert all(not any(c.text == "طبيعية" for c in r.contents) for r in attribution.extract(seed))


@pytest.mark.parametrize(
    ("text", "cue", "source", "content", "rule"),
    [
        # verb-initial, inflected, with attached و and a colon
        (
            "وقالت الوزارة في بيان إن المحادثات ستستأنف.",
            "وقالت",
            "الوزارة",
            "المحادثات ستستأنف",
            "verb_initial",
        ),
        ("فأكدوا: لن ننسحب من المدينة.", "فأكدوا", None, "لن ننسحب من المدينة", "implicit"),
        (
            "ويقول مسؤولون أمريكيون إن القوات باقية.",
            "ويقول",
            "مسؤولون أمريكيون",
            "القوات باقية",
            "verb_initial",
        ),
        # subject-initial
        (
            "وكانت الحكومة قد أعلنت أن الانتخابات ستجري في موعدها.",
            "أعلنت",
            "الحكومة",
            "الانتخابات ستجري في موعدها",
            "subject_initial",
        ),
        # post-posed after a direct quotation
        (
            '"لن نغادر العراق قبل انتهاء المهمة" قال المتحدث.',
            "قال",
            "المتحدث",
            "لن نغادر العراق قبل انتهاء المهمة",
            "postposed",
        ),
        # participles
        (
            "وأشاد الوزير بالاتفاق، مؤكدا أن التعاون سيستمر.",
            "مؤكدا",
            None,
            "التعاون سيستمر",
            "implicit",
        ),
        # prepositional sources
        (
            "قتل عشرة أشخاص، بحسب وكالة رويترز.",
            "بحسب",
            "وكالة رويترز",
            "قتل عشرة أشخاص",
            "prepositional",
        ),
        (
            "ووفقا لمصادر مطلعة، فإن الوفد سيصل غدا.",
            "ووفقا ل",
            "مصادر مطلعة",
            "الوفد سيصل غدا",
            "prepositional",
        ),
        (
            "وأصيب ثلاثة جنود، نقلا عن مصدر عسكري.",
            "نقلا عن",
            "مصدر عسكري",
            "وأصيب ثلاثة جنود",
            "prepositional",
        ),
        (
            "وصلت المساعدات إلى عدن على حد قوله.",
            "على حد قوله",
            None,
            "وصلت المساعدات إلى عدن",
            "implicit",
        ),
        # media relay
        (
            "وذكرت صحيفة الشرق الأوسط أن الوفد غادر صنعاء.",
            "وذكرت",
            "صحيفة الشرق الأوسط",
            "الوفد غادر صنعاء",
            "verb_initial",
        ),
        # agentless
        ("وقيل إن الرئيس سيزور المنطقة.", "وقيل", None, "الرئيس سيزور المنطقة", "agentless"),
        (
            "ويعتقد أن المسلحين فروا إلى الجبال.",
            "ويعتقد",
            None,
            "المسلحين فروا إلى الجبال",
            "agentless",
        ),
        # anonymous sources
        (
            "وقال مسؤول محلي فضل عدم الكشف عن اسمه إن الانفجار وقع فجرا.",
            "وقال",
            "مسؤول محلي فضل عدم الكشف عن اسمه",
            "الانفجار وقع فجرا",
            "verb_initial",
        ),
        # a linking preposition before the complementiser
        (
            "وأشار المرصد إلى أن عدد القتلى ارتفع.",
            "وأشار",
            "المرصد",
            "عدد القتلى ارتفع",
            "verb_initial",
        ),
        # demands, threats, refusals
        (
            "وطالبت المعارضة بإجراء انتخابات مبكرة.",
            "وطالبت",
            "المعارضة",
            "بإجراء انتخابات مبكرة",
            "verb_initial",
        ),
        (
            "ورفض المتحدث التعليق على التقارير.",
            "ورفض",
            "المتحدث",
            "التعليق على التقارير",
            "verb_initial",
        ),
    ],
)
def test_constructions(text, cue, source, content, rule):
    r = one(text)
    assert r.cue.text == cue
    assert (r.sources[0].text if r.sources else None) == source
    assert r.contents[0].text == content
    assert r.rule.split(":")[1] == rule
    assert r.rule.endswith(r.rule.split(":")[2])  # the cue entry that fired is named


def test_implicit_source_carries_its_referent():
    found = relations("وقال وزير الخارجية إن الحل سياسي. وأضاف أن الحوار سيبدأ قريبا.")
    assert [r.cue.text for r in found] == ["وقال", "وأضاف"]
    assert found[1].sources == () and found[1].referent.text == "وزير الخارجية"
    assert found[1].source_type == "named_person"


def test_nested_sources_both_count():
    found = relations("ونقلت وكالة رويترز عن مصدر قوله إن الهدنة انهارت.")
    by_cue = {r.cue.text: r for r in found}
    assert by_cue["ونقلت"].source_type == "media"
    assert by_cue["قوله"].sources[0].text == "مصدر"


def test_quotation_across_paragraphs():
    text = "وقال الوزير: «لن نقبل بذلك.\nوسنواصل العمل حتى النهاية»."
    r = one(text)
    assert r.quote_type == "direct"
    assert r.contents[0].text == "لن نقبل بذلك.\nوسنواصل العمل حتى النهاية"


def test_quotation_marks_pair_by_type_and_unclosed_ones_do_not_crash():
    assert relations("وقال الوزير: «لن نقبل") is not None
    r = one("قال المتحدث: “الاتفاق صامد” أمس.")
    assert r.quote_type == "direct" and r.contents[0].text == "الاتفاق صامد"


def test_reporting_words_that_are_not_reports():
    assert relations("وقع الحادث بين البلدين في الشرق.") == []
    assert relations("النظام رفض إيقاف إطلاق النار في المدينة.") == []
    assert relations("مما يهدد بانهيار الاتفاق.") == []


def test_source_types():
    types = {
        "قال الرئيس الإيراني حسن روحاني إن الاتفاق مهم.": "named_person",
        "وقالت مصادر مطلعة إن الوفد وصل.": "anonymous",
        "وقالت وزارة الخارجية إن الوفد وصل.": "institution",
        "وذكرت وكالة الأنباء الفرنسية أن الوفد وصل.": "media",
        "وذكر التقرير أن الوفد وصل.": "document",
        "وقال السكان إن القصف استمر.": "collective",
    }
    for text, kind in types.items():
        assert one(text).source_type == kind, text


def test_user_lexicon(tmp_path):
    path = tmp_path / "cues.yaml"
    path.write_text(
        "name: mine\nversion: 1\nprovenance: test\n"
        "cues:\n  - {id: hamasa, kind: verb, class: neutral, forms: [همس, همست]}\n",
        encoding="utf-8",
    )
    lexicon = attribution.CueLexicon.from_resource(path)
    found = attribution.extract(Document("t", "وهمست المصادر بأن الصفقة تمت."), lexicon=lexicon)
    assert [r.cue.text for r in found] == ["وهمست"] and lexicon.version == "1"


def test_table_and_citron_layout(seed):
    table = attribution.attributions(seed)
    assert list(table.columns) == attribution.COLUMNS
    assert len(table) == len(attribution.extract(seed))
    record = attribution.to_citron(seed)[0]
    assert set(record) >= {"cue", "sources", "contents", "doc_id", "quote_type", "rule"}
    assert set(record["cue"]) == {"start", "end", "text"}


def test_cli_jsonl_and_csv(tmp_path, capsys):
    records = [{"doc_id": "a", "text": "وقال الوزير إن الحل سياسي."}, {"doc_id": "b"}]
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    assert cli(["attributions", str(path)]) == 1  # record b has no text: an error, reported
    captured = capsys.readouterr()
    line = json.loads(captured.out.splitlines()[0])
    assert line["doc_id"] == "a" and line["cue"]["text"] == "وقال"
    assert "record 2" in captured.err or "in.jsonl:2" in captured.err
    out = tmp_path / "out.csv"
    cli(["attributions", str(path), "--format", "csv", "--out", str(out)])
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and "وقال".encode() in data


@pytest.mark.parametrize(
    ("text", "cue", "sources"),
    [
        # two coordinated actors are two sources
        (
            "وأكدت الوزارة وهيئة الأركان اليمنية في بيان أمس، بمناسبة تحرير قاعدة العند العسكرية"
            "، أن المليشيات الانقلابية باتت إلى تراجع وانحسار.",
            "وأكدت",
            ["الوزارة", "هيئة الأركان اليمنية"],
        ),
        # a name in quotation marks ends before the complementiser
        (
            "وذكرت قناة “العربية” أن العشرات من ميليشيات الحوثي وصالح فروا من القاعدة.",
            "وذكرت",
            ["قناة “العربية”"],
        ),
        # «في» before an occasion (a sermon) ends the source
        (
            "وقال خامنئي في خطبة بمناسبة عيد الفطر في طهران، أمس: «قلنا مرارًا إننا لا نتفاوض"
            " مع الولايات المتحدة بشأن الشؤون الإقليمية».",
            "وقال",
            ["خامنئي"],
        ),
        # «we said» inside the quotation: the speaker, not the adverb after it
        (
            "وقال خامنئي في خطبة بمناسبة عيد الفطر في طهران، أمس: «قلنا مرارًا إننا لا نتفاوض"
            " مع الولايات المتحدة بشأن الشؤون الإقليمية».",
            "قلنا",
            [],
        ),
        # a known person in construct after a title is not where the source ends
        (
            "أكد سفير خادم الحرمين الشريفين في مصر أحمد قطان، أنه لا يمكن لأحد أن يعكر صفو"
            " العلاقات بين المملكة ومصر.",
            "أكد",
            ["سفير خادم الحرمين الشريفين في مصر أحمد قطان"],
        ),
        # the Arabic semicolon ends a prepositional source
        (
            "شنت القوات الموالية للحكومة اليمنية هجوما واسعا لاستعادة قاعدة العند الجوية، وفق"
            " مصدر عسكري؛ قال أيضًا لوكالة الصحافة الفرنسية «بدأت معركة استعادة قاعدة العند».",
            "وفق",
            ["مصدر عسكري"],
        ),
        # a prepositional cue ends a source; refusing to disclose has no source of its own
        (
            "وذكرت وكالة أنباء الأناضول نقلاً عن مصادر أمنية مطلعة، رفضت الكشف عن هويتها، أن"
            " “قوات مكافحة الإرهاب داهمت عدة أماكن في المدينة”.",
            "وذكرت",
            ["وكالة أنباء الأناضول"],
        ),
        (
            "وذكرت وكالة أنباء الأناضول نقلاً عن مصادر أمنية مطلعة، رفضت الكشف عن هويتها، أن"
            " “قوات مكافحة الإرهاب داهمت عدة أماكن في المدينة”.",
            "رفضت",
            [],
        ),
        # after «بأنه» the verb's subject is the pronoun: the noun after it is the addressee
        (
            "وأوضح ياسين أنه التقى وزير الخارجية البريطاني، مشيرا بأنه طالب المسؤولين"
            " البريطانيين بضرورة النظر بجدية لمسألة أن يكون القرار الدولي نافذا.",
            "طالب",
            [],
        ),
        # a clause after the comma is not a name in apposition
        (
            "بحث الرئيس الأمريكي باراك أوباما ونظيره التركي رجب طيب أردوغان الحرب في سوريا"
            "، حسب ما أعلن البيت الأبيض، وجاء في بيان: أن الأمن في المنطقة يبقى أولوية.",
            "حسب ما أعلن",
            ["البيت الأبيض"],
        ),
        # an abbreviated title («د.») does not end the source
        (
            "من جهته ناشد الأمين العام لجامعة الدول العربية د.نبيل العربي المجتمع الدولي بضرورة"
            " التصدي لمثل هذه الممارسات.",
            "ناشد",
            ["الأمين العام لجامعة الدول العربية د.نبيل العربي"],
        ),
        # an adjective after a reporting noun is not its source
        (
            "وبيَّن الوزير السقا في بيان صحفي أصدره أمس الجمعة أن نتائج التشريح أظهرت وجود حروق.",
            "بيان",
            [],
        ),
        # a parenthesis right after the source belongs to it
        (
            "بدورها، قالت وزارة الدفاع الأمريكية (البنتاجون) في بيان أمس: إن العضو البارز"
            " بتنظيم القاعدة قتل في ضربة جوية أمريكية في سوريا.",
            "قالت",
            ["وزارة الدفاع الأمريكية (البنتاجون)"],
        ),
        # «وفقا لما قال»: one cue, then two coordinated sources
        (
            "وفي تطور آخر، واصلت المقاومة، تقدمها إلى المدينة الخضراء في شمال عدن، وفقا لما"
            " قال مسؤولون وشهود.",
            "وفقا لما قال",
            ["مسؤولون", "شهود"],
        ),
        # «في البيان» is where it was said
        (
            "وقالت وزارة الخزانة في البيان انه في بداية شهر اذار/مارس عمل وائل عبد الكريم"
            " مع شركة أخرى.",
            "وقالت",
            ["وزارة الخزانة"],
        ),
        # the people warned are not the source
        (
            "من جانب آخر، حذرت وزارة الأوقاف جميع المنتسبين إليها من استخدام دور العبادة"
            " استخداما سياسيا.",
            "حذرت",
            ["وزارة الأوقاف"],
        ),
        # the addressee of a demand or the accused ends the source; a title in
        # apposition and two names of one actor do not
        (
            "طالب البابا فرنسيس الأمم المتحدة أمس بأن تتخذ «موقفا في غاية الشدة» بشأن قضية"
            " تغير المناخ.",
            "طالب",
            ["البابا فرنسيس"],
        ),
        (
            "واتهم أبو مازن وزير الخارجية الأمريكي جون كيري بالتقصير فيما تعهد به من اتفاق"
            " بين الجانبين.",
            "واتهم",
            ["أبو مازن"],
        ),
        (
            "طالب وزير الأوقاف المصري الدكتور مختار جمعة بسرعة إدراج ما يسمى «جبهة علماء"
            " الأزهر» ضمن الكيانات الإرهابية.",
            "طالب",
            ["وزير الأوقاف المصري الدكتور مختار جمعة"],
        ),
        (
            "دعا الرئيس الفلسطيني محمود عباس أبو مازن إلى مراجعة شاملة للعلاقات مع إسرائيل.",
            "دعا",
            ["الرئيس الفلسطيني محمود عباس أبو مازن"],
        ),
        # nouns of office in construct; a name with the article after a comma
        (
            "دعا موسى أبو مرزوق نائب رئيس المكتب السياسي لحماس أمس السبت إلى تشكيل حكومة"
            " وحدة وطنية فلسطينية.",
            "دعا",
            ["موسى أبو مرزوق نائب رئيس المكتب السياسي لحماس"],
        ),
        (
            "وفي السياق ذاته قال المتحدث باسم العشائر المتصدية للتنظيم، محمد الشعباني"
            ' لـ"الوطن": إن القوات الأمنية في الأنبار فرضت سيطرتها على منطقتي الحامضية والبوعيثة.',
            "قال",
            ["المتحدث باسم العشائر المتصدية للتنظيم، محمد الشعباني"],
        ),
        (
            "وفي شأن آخر أعلن المكتب الإعلامي لرئيس مجلس الوزراء حيدر العبادي عودة ثمانية"
            " آلاف أسرة نازحة إلى مناطق سكنها في محافظة صلاح الدين.",
            "أعلن",
            ["المكتب الإعلامي لرئيس مجلس الوزراء حيدر العبادي"],
        ),
    ],
)
def test_source_edges(text, cue, sources):
    """Source spans on sentences of the gold's tuning articles (2015 SaudiNewsNet)."""
    found = [r for r in relations(text) if r.cue.text == cue]
    assert found, [(r.cue.text, r.rule) for r in relations(text)]
    assert [s.text for s in found[0].sources] == sources


def test_asides_and_states_are_not_reports():
    """«دون أن يذكر عددهم» is the article's aside and «تحت تهديد» a state, not
    reports (sentences of the gold's tuning articles)."""
    text = (
        "وأضاف أن المقاومة أسرت العديد من الحوثيين، دون أن يذكر عددهم، مشيرا إلى أن"
        " الإعلام الحوثي يكذب. وهم تحت تهديد ونيران المليشيات الطائفية."
    )
    cues = [r.cue.text for r in relations(text)]
    assert "يذكر" not in cues and "تهديد" not in cues
    assert "وأضاف" in cues and "مشيرا" in cues


def test_a_surname_alone_is_a_named_person():
    r = one("وقال المساري إن الحوثيين يتراجعون في محافظة البيضاء.")
    assert (r.sources[0].text, r.source_type) == ("المساري", "named_person")


def test_quoted_words_make_a_content_mixed_but_names_do_not():
    """From the gold's tuning articles: a word the source is quoted as using
    («قريبا») makes the content mixed; a name in quotation marks after a
    naming noun («تنظيم «داعش»») does not."""
    mixed = one(
        "أعلن وزير الخارجية التركي مولود تشاوش اوغلو أن بلاده ستبدأ «قريبا» بمحاربة تنظيم"
        " «داعش» الارهابي في شمال سوريا."
    )
    assert mixed.quote_type == "mixed"
    named = one(
        "أعلن وزير الخارجية التركي مولود تشاوش اوغلو أن بلاده ستبدأ بمحاربة تنظيم «داعش»"
        " الارهابي في شمال سوريا."
    )
    assert named.quote_type == "indirect"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        (
            "وكانوا يتعاملون معهم بشكل غير معلن، وسيتم التعامل معهم على حسب تورطهم في"
            " الاتصالات وإفشاء الأسرار.",
            "حسب",
        ),
        (
            "وتشمل اصلاحات العبادي تحويل الفائض إلى وزارتي الدفاع والداخلية حسب التبعية"
            " لتدريبهم وتأهيلهم.",
            "حسب",
        ),
        (
            "تزامنا مع وصول وزير الدفاع الأميركي آشتون كارتر، أمس إلى بغداد في زيارة غير"
            " معلنة للقاء مسؤولين عراقيين.",
            "معلنة",
        ),
    ],
)
def test_words_that_are_not_cues_here(text, word):
    """«على حسب» and «حسب التبعية» (depending on), «زيارة غير معلنة» (an
    unannounced visit): sentences of the gold's tuning articles."""
    assert word not in [r.cue.text for r in relations(text)]


def test_according_to_her_and_but_he_considered():
    said = relations(
        "ويأتي هذا فيما أمطرت فصائل معارضة أربع بلدات شيعية محاصرة بالقذائف الصاروخية،"
        " ردا، حسب قولها، على تعرض بلدة الزبداني لهجوم القوات النظامية."
    )
    assert [r.cue.text for r in said] == ["حسب قولها"]
    considered = one(
        'لكنه اعتبر ان "ايران مسلحة نوويا تمثل خطرا اكبر على اسرائيل والولايات المتحدة والعالم".'
    )
    assert considered.sources == ()


@pytest.mark.parametrize(
    ("text", "cue", "sources", "source_type"),
    [
        # a feminine title is a title
        ("وحسب المتحدثة باسم الوزارة فإن الهجوم فشل.", "وحسب", ["المتحدثة باسم الوزارة"], None),
        (
            "وقالت وزيرة الخارجية ووزيرة الدفاع إن الجلسة تأجلت.",
            "وقالت",
            ["وزيرة الخارجية", "وزيرة الدفاع"],
            "named_person",
        ),
        # only the preposition «لـ» before a quotation makes it an outlet's name
        ('وعن إسرائيل "لن نسمح لها بمواصلة العدوان علينا"، قال الرئيس.', "قال", ["الرئيس"], None),
        # a person after a country name is not in construct
        (
            "وأعلن رئيس وزراء إسرائيل بنيامين نتنياهو تمديد الحظر.",
            "وأعلن",
            ["رئيس وزراء إسرائيل بنيامين نتنياهو"],
            "named_person",
        ),
        # «على حسب ما ذكرت» is a report
        (
            "على حسب ما ذكرت وكالة الأنباء الرسمية فإن الوفد وصل إلى الرياض.",
            "على حسب ما ذكرت",
            ["وكالة الأنباء الرسمية"],
            "media",
        ),
        # a body named by one word
        ("وقال البرلمان إن الجلسة تأجلت.", "وقال", ["البرلمان"], "institution"),
        # «في مؤتمر صحفي» and a parenthesis with a preposition are not the source
        ("وقال الوزير في مؤتمر صحفي إن الجلسة تأجلت.", "وقال", ["الوزير"], None),
        ("وقال الوزير (في تصريح خاص) إن الجلسة تأجلت.", "وقال", ["الوزير"], None),
        # addressees: a head word after a definite adjective, a common noun after a name
        ("وطالبت الحكومة اليمنية لجنة العقوبات بالتحرك.", "وطالبت", ["الحكومة اليمنية"], None),
        (
            "ودعا الرئيس محمود عباس المجتمع الدولي إلى التحرك.",
            "ودعا",
            ["الرئيس محمود عباس"],
            None,
        ),
    ],
)
def test_review_cases(text, cue, sources, source_type):
    """Cases a code review of the source rules raised (constructed sentences)."""
    found = [r for r in relations(text) if r.cue.text == cue]
    assert found, [(r.cue.text, r.rule) for r in relations(text)]
    assert [s.text for s in found[0].sources] == sources
    if source_type:
        assert found[0].source_type == source_type


def test_word_sets_are_in_the_folded_form_they_are_compared_with():
    """Every constant word set of the rules is compared with folded words
    (`analysis.text.fold`; ta marbuta too for the sets matched that way), so
    an entry written otherwise could never match."""
    from analysis.text import fold

    plain = [
        "CHANNELS", "SOURCE_STOPS", "COMPLEMENTISERS", "SOURCE_ENDS", "FIRST_PERSON_SINGULAR",
        "EXISTENTIALS", "NOUN_ADJECTIVES", "DISCOURSE_OPENERS", "AUXILIARIES", "NEGATIONS",
        "CLAUSE_OPENERS", "ENVOY_TITLES", "ADDRESSEES", "HONORIFICS", "BACKGROUND", "NOT_AFTER",
        "LINKING_PREPOSITIONS", "RELATIVE_PRONOUNS", "PRONOUN_COMPLEMENTISERS", "DEGREE_WORDS",
    ]  # fmt: skip
    marbuta = ["NAMING_NOUNS", "ADDRESSEE_HEADS", "ROLE_NOUNS"]
    for name in plain:
        words = getattr(attribution, name)
        assert {w for w in words if fold(w) != w} == set(), name
    for name in marbuta:
        words = getattr(attribution, name)
        assert {w for w in words if fold(w, ta_marbuta=True) != w} == set(), name


# ------------------------------------------------------------ hostile sentences

PACKAGE = str(Path(attribution.__file__).parent)


def work(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """What extracting the relations of *text* costs, counted, not timed: the
    calls of the kit's functions (cProfile counts every call, and every step
    of a generator), and the characters folded or searched for actors."""
    doc = Document("hostile", text)
    _ = doc.sentences, doc.tokens  # the text's structure is not attribution's work
    read = 0
    fold, find = attribution.fold, Gazetteer.find

    def counted_fold(text: str, **options: bool) -> str:
        nonlocal read
        read += len(text)
        return fold(text, **options)

    def counted_find(self: Gazetteer, text: str):
        nonlocal read
        read += len(text)
        return find(self, text)

    with monkeypatch.context() as patch:
        patch.setattr(attribution, "fold", counted_fold)
        patch.setattr(Gazetteer, "find", counted_find)
        profile = cProfile.Profile()
        profile.runcall(attribution.extract, doc)
    stats = pstats.Stats(profile).stats  # (file, line, name): (primitive, all calls, ...)
    calls = sum(counts[1] for (path, _, _), counts in stats.items() if path.startswith(PACKAGE))
    return calls, read


@pytest.mark.parametrize("shape", HOSTILE_SENTENCES)
def test_work_grows_in_proportion_to_a_hostile_sentence(shape, monkeypatch):
    """Four times the sentence, at most five times the calls and the characters
    read (sixteen times if the work grew with the square of its length)."""
    short = work(HOSTILE_SENTENCES[shape](100), monkeypatch)
    long = work(HOSTILE_SENTENCES[shape](400), monkeypatch)
    assert long[0] <= 5 * short[0], f"calls: {short[0]} for 100 times, {long[0]} for 400"
    assert long[1] <= 5 * short[1], f"characters: {short[1]} for 100 times, {long[1]} for 400"


def test_the_hostile_sentence_reported_does_not_hang():
    """A guard against a hang, not a speed goal: the sentence the review sent,
    ten thousand times over (70 KB), took minutes; it must take less than two.
    Its relations still have their offsets."""
    text = HOSTILE_SENTENCES["guillemets"](10_000)
    started = time.monotonic()
    found = attribution.extract(Document("hostile", text))
    assert time.monotonic() - started < 120
    assert len(found) > 9_000
    assert all(text[r.cue.start : r.cue.end] == r.cue.text == "قال" for r in found)


@pytest.mark.parametrize("n", [1, 3, 1_000])
def test_doubled_marks_make_one_scare_quote(n):
    """«"طبيعية"» is one scare quote, the inner one; so marks nested a thousand
    deep round one word are one, not a thousand spans each holding the rest."""
    text = "وصف العلاقة بأنها " + "«" * n + "طبيعية" + "»" * n + " فقط."
    found = attribution.scare_quotes(Document("x", text))
    assert [s.text for s in found] == ["«طبيعية»"]
    mixed = attribution.scare_quotes(Document("y", 'علاقة «"طبيعية"» و«خاصة»'))
    assert [s.text for s in mixed] == ['"طبيعية"', "«خاصة»"]
