"""What the tests share: paths, the sample translations and the sample articles briefed, a scripted
translator, ways to run the command line, a few days of news as ANT records, and the loader for
``scripts/``.  Test modules import from here and never from one
another; conftest.py builds its fixtures from it.  Not a test module (pytest collects ``test_*.py``).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
from email.utils import format_datetime
from pathlib import Path

from summarize.briefs import marks
from summarize.document import Article
from summarize.ingest.clean import clean
from summarize.ingest.sections import build_sections
from summarize.translate import Hypothesis

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"  # the sample corpus
SCRIPTS = ROOT / "scripts"
GOLDEN = ROOT / "tests" / "golden"


def load_script(name: str):
    """``scripts/<name>.py`` as a module (scripts/ is not a package): the one way tests load a script.
    Loaded once per process, as an import would be."""
    key = f"scripts_{name}"
    if key not in sys.modules:
        spec = importlib.util.spec_from_file_location(key, SCRIPTS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[key] = module  # before it runs: dataclasses and pickling look their module up
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[key]
            raise
    return sys.modules[key]


def examples(full: int) -> int:
    """``max_examples`` for a property test that runs ``full`` examples in CI: scaled by the hypothesis
    profile conftest.py loads ("ci": ``full``; "dev", the default: a tenth, at least 10)."""
    from hypothesis import settings

    return max(10, full * settings.default.max_examples // 100)


# Model inputs both backends are tested on: short, long, a question, numbers, an empty line.
TEXTS = [
    "قال الوزير إن الاجتماع سيناقش الخطوات المقبلة.",
    "ارتفعت أسعار النفط",
    "هل ستوافق الدول الأعضاء على الاتفاق؟",
    "قتل 12 شخصا وأصيب 40 آخرون في الحادث الذي وقع صباح اليوم في العاصمة.",
    "نعم",
    "بلغت قيمة الصادرات 2.5 مليار دولار العام الماضي، وفق التقرير.",
    "",
    "وأكد المتحدث أن المفاوضات ستستأنف.",
]


# -- the scripted translator ----------------------------------------------------------------


# A translator behind the real Translator interface that translates from a script (Arabic -> English)
# and records every call, so tests can check what the pipeline asked for and render golden briefs
# without a model.  Unscripted input gets a stable stand-in (with no digits, so it carries no numbers).

class ScriptedTranslator:
    name = "scripted"
    backend = "scripted"
    device = "cpu"
    beam = 4
    batch_size = 16
    identity = "scripted"

    def __init__(self, script: dict[str, str] | None = None,
                 nbest: dict[str, list[str]] | None = None):
        self.script = script or {}
        self.nbest = nbest or {}
        self.calls: list[list[str]] = []  # translate() calls
        self.nbest_calls: list[list[str]] = []  # hypotheses() calls

    def _one(self, text: str) -> str:
        return self.script.get(text, "[scripted stand-in]")

    def translate(self, texts):
        self.calls.append(list(texts))
        return [self._one(t) for t in texts]

    def hypotheses(self, texts, n, no_repeat_ngram_size=0):  # the script has no other search to give
        self.nbest_calls.append(list(texts))
        out = []
        for t in texts:
            options = self.nbest.get(t, [self._one(t)])[:n]
            out.append([Hypothesis(text, -float(i)) for i, text in enumerate(options)])
        return out

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1


# ``main`` with the scripted translator in place of the model loader, for a child process run from the
# repository root: ``[sys.executable, "-c", SCRIPTED_MAIN, *argv]``.
SCRIPTED_MAIN = ("import sys; sys.path.insert(0, 'tests'); from helpers import ScriptedTranslator\n"
                 "import summarize.translate.factory as f; f.open_translator = lambda **k: ScriptedTranslator()\n"
                 "from summarize.cli import main; sys.exit(main(sys.argv[1:]))\n")


# -- running the command line ---------------------------------------------------------------

def run_cli(argv: list[str], load) -> int:
    """Parse a command line as ``main`` does and run it through ``cli.execute`` with ``load`` as the
    model loader: the same code path as ``main`` but for which model is loaded."""
    from summarize.cli.run import build_parser, execute, options_from

    args = build_parser().parse_args(argv)
    return execute(options_from(args), load, quiet=args.quiet)


LOCK_HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold_lock(out: Path, seconds: float) -> subprocess.Popen:
    """A child process that holds ``out``'s run lock for ``seconds`` (it holds it when this returns)."""
    out.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", LOCK_HOLDER, str(out), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def corpus_of(folder: Path, count: int) -> Path:
    """``folder`` holding the first ``count`` articles of the sample corpus."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(CORPUS.glob("*.txt"))[:count]:
        shutil.copy(path, folder / path.name)
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` by name, with its bytes ({} when there is no folder)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


# -- the sample translations ----------------------------------------------------------------

# A human translation of article 004's headings and every sentence with a figure, as a good
# model would give it; s7 and s14 come out wrong (see NBEST).
S7 = ('وقال ماكورك إن التحالف الدولي الذي شن 14 ألف غارة خلال سنتين "يحقق نجاحات على الأرض"، لكنه '
      'أقر بأن "هناك الكثير من العمل" لتفكيك الشبكات الجهادية في العالم.')
S14 = ("في سوريا حيث أودت الحرب بحياة أكثر من 280 ألف شخص وشردت الملايين، أكد المرصد السوري لحقوق "
       "الإنسان، الثلاثاء، أن نحو 60 مدنياً بينهم أطفال قتلوا في غارات نفذها التحالف الدولي في بلدة "
       "الأتارب التي يسيطر عليها تنظيم الدولة الإسلامية في حلب.")
S7_GOOD = ('McGurk said the international coalition, which has carried out 14,000 air strikes in two '
           'years, is "making gains on the ground", but admitted that "there is a lot of work" to dismantle '
           'jihadist networks around the world.')
S7_WRONG = S7_GOOD.replace("14,000", "1,400")
S14_WRONG = ("In Syria, where the war has killed more than 28,000 people and displaced millions, the Syrian "
             "Observatory for Human Rights said on Tuesday that about 60 civilians, including children, were "
             "killed in coalition air strikes on the town of al-Atarib, held by the Islamic State group in Aleppo.")
NBEST = {S7: [S7_WRONG, S7_GOOD], S14: [S14_WRONG, S14_WRONG.replace("60 civilians", "16 civilians")]}
SCRIPT = {
    S7: S7_WRONG,
    S14: S14_WRONG,
    "بعد عامين من بدء غاراتها على تنظيم \"الدولة الإسلامية\" في سوريا والعراق، تجتمع في واشنطن، الأربعاء "
    "20 يوليو/تموز 2016، والخميس، الدول المشاركة في التحالف الدولي الذي تقوده الولايات المتحدة، بعد سلسلة "
    "اعتداءات تبناها التنظيم الجهادي في العالم في الفترة الأخيرة.":
        "Two years after it began its air strikes on the Islamic State group in Syria and Iraq, the countries "
        "of the US-led international coalition meet in Washington on Wednesday, July 20, 2016, and Thursday, "
        "after a series of attacks claimed by the jihadist group around the world.",
    "وعلى مدى يومين، سيستقبل وزير الخارجية جون كيري ووزير الدفاع أشتون كارتر نحو 40 من نظرائهما، بينهم "
    "الوزيران الفرنسيان جان مارك إيرولت وجان إيف لودريان.":
        "Over two days, Secretary of State John Kerry and Defense Secretary Ashton Carter will host about 40 "
        "of their counterparts, including French ministers Jean-Marc Ayrault and Jean-Yves Le Drian.",
    "ويعتزم التحالف الدولي البدء بسرعة بمعركة استعادة مدينة الموصل في شمال العراق بعد إخراج التنظيم من "
    "معقله في الفلوجة الواقعة على بعد نحو 70 كيلومتراً إلى الغرب من بغداد.":
        "The coalition intends to start quickly the battle to retake Mosul in northern Iraq, after driving the "
        "group out of its stronghold of Fallujah, about 70 kilometres west of Baghdad.",
    "وتعمل الولايات المتحدة وكندا واليابان وألمانيا وهولندا والكويت على جمع ملياري دولار من أجل العراق، وفق "
    "دبلوماسيين أميركيين.":
        "The United States, Canada, Japan, Germany, the Netherlands and Kuwait are working to raise $2 billion "
        "for Iraq, according to American diplomats.",
    "واستعادت القوات العراقية الفلوجة وتقدمت في وادي دجلة باتجاه الموصل وسيطرت على قاعدة القيارة القديمة على "
    "بعد نحو 60 كيلومتراً جنوب المدينة التي سيتم الانطلاق منها لمهاجمة الموصل، وفق العسكريين الأميركيين.":
        "Iraqi forces retook Fallujah, advanced in the Tigris valley towards Mosul and took the old Qayyarah "
        "base about 60 kilometres south of the city, from which Mosul will be attacked, according to the US "
        "military.",
    "وأعلنت واشنطن كذلك إرسال مئات من الجنود الإضافيين الى العراق لمساعدة الجيش العراقي في معركة استعادة "
    "الموصل ليرتفع عدد الجنود الأميركيين في العراق الى 4600.":
        "Washington also announced it would send hundreds more troops to Iraq to help the Iraqi army in the "
        "battle for Mosul, bringing the number of US troops in Iraq to 4,600.",
    'أميركا تجتمع بالتحالف الدولي لبحث هجمات "داعش" الأخيرة.. 14 ألف غارة أفقدته أراضيه ولم تفقده قوته':
        "America meets the international coalition to discuss the latest ISIS attacks.. 14,000 air strikes "
        "cost it its territory but not its strength",
    "الجهاديون لا يزالون قادرون على توجيه ضربات": "The jihadists are still able to strike",
    "مليارا دولار من أجل العراق": "Two billion dollars for Iraq",
    "وقال الدبلوماسي الأميركي: \"للأسف، أعتقد أننا سنشهد اعتداءات أخرى\".":
        'The American diplomat said: "Unfortunately, I think we will see more attacks."',
    "وخسر التنظيم في العراق قرابة 50%، وفي سوريا ما بين 20 و30% من الأراضي التي سيطر عليها في 2014، وفق واشنطن.":
        "The group has lost nearly 50% in Iraq, and between 20 and 30% in Syria, of the territory it "
        "controlled in 2014, according to Washington.",
}
PROVENANCE = marks.Provenance(model="scripted", backend="scripted", beam=4, device="cpu",
                               summary="auto", version="golden")


# -- number checks ----------------------------------------------------------------------------

# Arabic and English phrases with what ``numbers.check`` must find in them (status, source value,
# target value for each quantity not verified): test_numbers_match checks them, test_numbers_pairing
# draws real quantities from them.
CHECK_CASES = [
    # same value in any form (sample corpus sentences, gold English forms)
    ("14 ألف غارة خلال سنتين", "14,000 air strikes in two years", []),
    ("14 ألف غارة", "fourteen thousand raids", []),
    ("14 ألف غارة", "14 thousand raids", []),
    ("الأربعاء 20 يوليو/تموز 2016", "Wednesday, July 20, 2016", []),
    ("وخسر التنظيم في العراق قرابة 50%", "The group lost about half in Iraq", []),
    ("في أول اجتماع من نوعه", "in the first meeting of its kind", []),
    ("مليارا دولار من أجل العراق", "$2 billion for Iraq", []),
    ("بين خمسة وستة كيلومترات", "between 5 and 6 kilometers", []),
    ("يجتمع وزراء خارجية 68 دولة", "Foreign ministers of 68 countries meet", []),
    ("بنسبة 28. %", "by 28 per cent", []),
    ("في الستينيات", "in the sixties", []),
    ("منذ القرن التاسع عشر", "since the 1800s", []),
    ("في الساعة 2 مساءً", "at 2pm", []),
    ("وصلت سيارتا شرطة", "two police vans arrived", []),  # a dual stands for "two"
    # kinds a translator may swap: still verified
    ("نحو 40 من نظرائهما", "about 40 counterparts", []),
    ("على بعد 40 كيلومترا", "40 away", []),
    # real translation errors
    ("14 ألف غارة", "14 million raids", [("changed", 14000, 14000000)]),
    ("مليارا دولار", "$2 million", [("changed", 2000000000, 2000000)]),
    ("أكثر من 300 ألف تلميذ", "upwards of 30,000 pupils", [("changed", 300000, 30000)]),
    ("ستة أشهر", "seven months", [("changed", 6, 7)]),
    ("إرسال 560 جنديا إضافيا", "sending additional soldiers", [("missing", 560, None)]),
    ("إرسال جنود إضافيين", "sending 560 additional soldiers", [("extra", None, 560)]),
    ("الرابع من نوعه", "the fifth of its kind", [("changed", 4, 5)]),
    ("في أول اجتماع", "at the second meeting", [("changed", 1, 2)]),
    ("خلال عام واحد", "within two years", [("changed", 1, 2)]),
    # what never fails a check
    ("أوقعت مئات القتلى", "killed dozens", []),
    ("للمرة الأولى", "never before", []),
    ("أولاً بالتصرف", "Next, by acting", []),
]


def dense_mean_linkage(n, scores, cut, apart, missing):
    """``clustering.merge_by_mean`` the slow way, the reference its tests compare with: every merge
    recomputes every pair of groups' mean (``missing``: what a pair not scored counts; None: nothing),
    never across a pair of ``apart``; the groups as sorted lists of items."""
    groups = {i: [i] for i in range(n)}
    while True:
        best = None
        for a in groups:
            for b in groups:
                if a >= b or any((min(x, y), max(x, y)) in apart for x in groups[a] for y in groups[b]):
                    continue
                pairs = [(min(x, y), max(x, y)) for x in groups[a] for y in groups[b]]
                known = [scores[p] for p in pairs if p in scores]
                if not known:
                    continue
                mean = sum(known) / len(known) if missing is None else \
                    (sum(known) + missing * (len(pairs) - len(known))) / len(pairs)
                if mean >= cut and (best is None or mean > best[0] + 1e-12):
                    best = (mean, a, b)
        if best is None:
            return sorted(sorted(g) for g in groups.values())
        _, a, b = best
        groups[a] = groups[a] + groups.pop(b)


def sectioned(raw: str) -> Article:
    """``raw`` cleaned and cut into sections as ``pipeline.prepare`` does, without its refusal of a text
    that cleaning leaves empty (the property tests feed it anything)."""
    return build_sections(clean(Article(stem="f", source=Path("f.txt"), raw=raw)))


def briefed(paths: list[Path], translator) -> list:
    """The articles of ``paths`` read, translated by ``translator``, checked and summarized, as a run
    does.  The pipeline is imported here, not with this module: conftest.py imports it at every start."""
    from summarize.numbers.verify import verify_articles
    from summarize.pipeline import prepare_article
    from summarize.summary.select import summarize
    from summarize.translate.stage import translate_articles

    articles = [prepare_article(p) for p in paths]
    translate_articles(articles, translator, progress=False)
    verify_articles(articles, translator)
    for a in articles:
        summarize(a)
    return articles


def sample_briefed(translator) -> list:
    """The sample corpus ``briefed``, each article's source given as ``corpus/NAME`` (as a run from the
    checkout names it)."""
    articles = briefed(sorted(CORPUS.glob("*.txt")), translator)
    for a in articles:
        a.source = Path("corpus") / a.source.name
    return articles


# Two events followed over three days, and one that is not followed (each day's football).
QUAKE = ("زلزال كرمان", ("ضرب زلزال عنيف إقليم كرمان جنوب شرق إيران فجر اليوم وأدى إلى مقتل {n} شخصا "
         "وإصابة المئات بجروح، بحسب ما أعلنت هيئة الهلال الأحمر الإيرانية في كرمان. "
         "وقالت السلطات إن فرق الإنقاذ تواصل البحث عن ناجين تحت أنقاض المنازل المدمرة في قرى كرمان الجبلية. "
         "وبلغت قوة الزلزال ست درجات على مقياس ريختر وشعر به سكان مدينة بم وزرند."))
VOTE = ("البرلمان الكيني", ("صوت البرلمان الكيني على قانون جديد للضرائب على الوقود بعد جلسة صاخبة في نيروبي "
        "شارك فيها {n} نائبا، وانتقدت المعارضة الكينية القانون الذي يرفع أسعار الوقود في كينيا. "
        "وقال رئيس البرلمان إن التصويت جرى وفق الدستور الكيني رغم احتجاجات النواب في نيروبي. "
        "وتظاهر مئات السائقين أمام مبنى البرلمان في نيروبي رفضا للضرائب الجديدة."))
FOOTBALL = [("فاز فريق الأهلي على الزمالك بهدفين نظيفين في مباراة القمة بالدوري المصري لكرة القدم مساء السبت. "
            "وسجل المهاجم هدفي اللقاء في الشوط الثاني أمام جماهير غفيرة في استاد القاهرة."),
            ("تعادل برشلونة مع ريال مدريد في الكلاسيكو الإسباني بثلاثة أهداف لكل منهما على ملعب كامب نو. "
            "وأحرز ميسي هدفين للفريق الكتالوني بينما سجل رونالدو هدف التعادل للفريق الملكي."),
            ("خسر منتخب السنغال أمام بولندا في افتتاح مبارياته بكأس العالم لكرة اليد في موسكو. "
            "وقال المدرب إن لاعبيه قدموا أداء جيدا رغم الهزيمة أمام الفريق البولندي القوي.")]


def record(number: int, day: str, title: str, text: str, outlet: str = "BBC") -> str:
    """An ANT record of ``day`` (ISO), as the corpus ships them."""
    when = dt.datetime.fromisoformat(day).replace(hour=10, minute=number % 60)
    return (f"<DOC>\n<DOCNO>{outlet[:2].upper()}-middleEast-{number}-{day.replace('-', '')}</DOCNO>\n"
            f"<URL>http://example.com/{number}</URL>\n<SRC>{outlet}</SRC>\n<CAT>middleEast</CAT>\n"
            f"<TITLE>{title}</TITLE>\n<TIME>{format_datetime(when)} GMT</TIME>\n<AUTHOR></AUTHOR>\n"
            f"<ABSTRACT></ABSTRACT>\n<TEXT>\n{text}\n</TEXT>\n</DOC>\n")


def write_day(folder: Path, day: int) -> Path:
    """Day ``day`` (1-3) of April 2018: the quake's toll rises 40, 70, 95; the vote (days 1, 2); football."""
    date = f"2018-04-{8 + day:02d}"
    folder.mkdir(parents=True, exist_ok=True)
    tolls = {1: 40, 2: 70, 3: 95}
    items = [(QUAKE[0] + f": {tolls[day]} قتيلا", QUAKE[1].format(n=tolls[day]))]
    if day < 3:
        items.append((VOTE[0] + " يصوت على قانون الوقود", VOTE[1].format(n=200 + day)))
    items.append(("مباراة اليوم", FOOTBALL[day - 1]))
    for k, (title, text) in enumerate(items, 1):
        name = f"BB-middleEast-{day * 10 + k}-{date.replace('-', '')}.txt"
        (folder / name).write_text(record(day * 10 + k, date, title, text), encoding="utf-8")
    return folder
