#!/usr/bin/env bash
# Compare our static analyzer (Arena.Evaluation.Analysis.PythonAnalyzer) with bandit on the labelled corpus.
#
#   bench/analyzer-vs-bandit.sh [CORPUS_DIR]     (default: tests/Arena.Tests/Analysis/Corpus)
#
# Needs bandit on PATH (Debian package `bandit`, 1.6.2: apt-get install -y bandit), python3 (stdlib only) and
# the .NET SDK. Runs `bandit -f json -r CORPUS_DIR` once and `Arena.Bench analyzer-findings --corpus CORPUS_DIR`
# once, maps bandit test ids to our taxonomy categories and prints
#   1. per bandit call-based check: files it flags, files where our analyzer reports the mapped category too
#      (both), only bandit, only ours (we report the category, this check does not fire), and how many of the
#      check's files the corpus labels vulnerable in that category;
#   2. per category: both / only bandit / only ours, and precision/recall of each tool against the labels;
#   3. wall time: bandit's whole run (process, including interpreter start) against our analyzer's in-process
#      analysis time for the same files (file reads + analysis, cold first pass with JIT and warm second pass;
#      .NET start-up excluded).
#
# Caveat: bandit 1.6.2 on Python 3.8+ misses its string-literal checks (B104 bind all interfaces, B105
# hard-coded password strings, B108 hard-coded /tmp, B608 SQL built from strings): they look for ast.Str nodes,
# which Python 3.8 replaced by ast.Constant (ast.Str is gone in 3.12), so on Python 3.11 those checks stay
# silent. B113 (requests without timeout) does not exist before bandit 1.7.5. Fragments that do not parse are
# skipped by bandit (reported as errors) but analysed by ours.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CORPUS="$(cd "${1:-$ROOT/tests/Arena.Tests/Analysis/Corpus}" && pwd)"

if ! command -v bandit >/dev/null 2>&1; then
  echo "bandit is not installed (apt-get install -y bandit, or pip install bandit); nothing to compare." >&2
  exit 0
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

echo "building bench (Release)..." >&2
dotnet build "$ROOT/bench/Arena.Bench" -c Release -v quiet -nologo >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; exit 1; }
BENCH_DLL="$(find "$ROOT/bench/Arena.Bench/bin/Release" -name Arena.Bench.dll -print -quit)"
dotnet "$BENCH_DLL" analyzer-findings --corpus "$CORPUS" >"$WORK/ours.json"

python3 - "$CORPUS" "$WORK" <<'PY'
import collections
import json
import os
import subprocess
import sys
import time

corpus, work = sys.argv[1], sys.argv[2]

# bandit test id -> our category (None: no counterpart in the taxonomy, listed but not scored)
MAP = {
    "B101": None,                                   # assert used
    "B102": "code-injection",                       # exec
    "B103": "improper-privilege-management",        # permissive chmod
    "B104": "bind-all-interfaces",
    "B105": "hardcoded-credentials", "B106": "hardcoded-credentials", "B107": "hardcoded-credentials",
    "B108": "insecure-temp-file",                   # hard-coded /tmp
    "B110": None, "B112": None,                     # try/except/pass|continue
    "B113": "missing-timeout",                      # requests without timeout (bandit >= 1.7.5)
    "B201": "debug-enabled",                        # flask debug=True
    "B202": "path-traversal",                       # tarfile.extractall (bandit >= 1.7.5)
    "B301": "unsafe-deserialization", "B302": "unsafe-deserialization",   # pickle, marshal
    "B303": "insecure-hashing", "B324": "insecure-hashing",               # md5/sha1, hashlib.new
    "B304": "insecure-cryptography", "B305": "insecure-cryptography",     # ciphers, modes
    "B306": "insecure-temp-file", "B325": "insecure-temp-file",           # mktemp, tempnam
    "B307": "code-injection",                       # eval
    "B308": "cross-site-scripting",                 # mark_safe
    "B309": "improper-certificate-validation",      # HTTPSConnection (verifies by default on py3)
    "B310": None,                                   # urlopen scheme audit (file:/ etc.): no taxonomy class
    "B311": "weak-randomness",
    "B312": "insecure-connection", "B321": "insecure-connection",         # telnetlib, ftplib calls
    "B313": "xml-external-entity", "B314": "xml-external-entity", "B315": "xml-external-entity",
    "B316": "xml-external-entity", "B317": "xml-external-entity", "B318": "xml-external-entity",
    "B319": "xml-external-entity", "B320": "xml-external-entity",
    "B322": None,                                   # input() (Python 2 only)
    "B323": "improper-certificate-validation",      # ssl._create_unverified_context
    "B401": "insecure-connection", "B402": "insecure-connection",         # import telnetlib/ftplib
    "B403": "unsafe-deserialization",               # import pickle
    "B404": None,                                   # import subprocess
    "B405": "xml-external-entity", "B406": "xml-external-entity", "B407": "xml-external-entity",
    "B408": "xml-external-entity", "B409": "xml-external-entity", "B410": "xml-external-entity",
    "B411": "xml-external-entity",
    "B412": None,                                   # httpoxy
    "B413": "insecure-cryptography",                # import pycrypto
    "B501": "improper-certificate-validation",      # verify=False
    "B502": "insecure-cryptography", "B503": "insecure-cryptography", "B504": "insecure-cryptography",
    "B505": "insecure-cryptography",                # weak key size
    "B506": "unsafe-deserialization",               # yaml.load
    "B507": "improper-certificate-validation",      # ssh AutoAddPolicy (bandit >= 1.7)
    "B601": "os-command-injection", "B602": "os-command-injection", "B603": "os-command-injection",
    "B604": "os-command-injection", "B605": "os-command-injection", "B606": "os-command-injection",
    "B607": "os-command-injection", "B609": "os-command-injection",
    "B608": "sql-injection", "B610": "sql-injection", "B611": "sql-injection",
    "B701": "cross-site-scripting", "B702": "cross-site-scripting", "B703": "cross-site-scripting",
    "B704": "cross-site-scripting",
}
IMPORT_CHECKS = {t for t in MAP if t.startswith("B4")}

manifest = [json.loads(l) for l in open(os.path.join(corpus, "manifest.jsonl"), encoding="utf-8") if l.strip()]
labels = {c["file"]: set(c["categories"]) for c in manifest}
files = sorted(labels)

out = os.path.join(work, "bandit.json")
t0 = time.perf_counter()
proc = subprocess.run(["bandit", "-q", "-f", "json", "-r", ".", "-o", out], cwd=corpus,
                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
bandit_seconds = time.perf_counter() - t0
if not os.path.exists(out):
    sys.exit(f"bandit produced no report (exit {proc.returncode}): {proc.stderr.strip()[:500]}")
bandit = json.load(open(out, encoding="utf-8"))
version = subprocess.run(["bandit", "--version"], stdout=subprocess.PIPE, text=True).stdout.splitlines()[0]

def rel(p):
    return os.path.normpath(p).replace(os.sep, "/")

by_check = collections.defaultdict(set)       # test id -> files
bandit_cats = collections.defaultdict(set)    # file -> mapped categories
for r in bandit["results"]:
    f = rel(r["filename"])
    by_check[r["test_id"]].add(f)
    if MAP.get(r["test_id"]):
        bandit_cats[f].add(MAP[r["test_id"]])
unknown = sorted(t for t in by_check if t not in MAP)

ours_doc = json.load(open(os.path.join(work, "ours.json"), encoding="utf-8"))
ours_cats = {x["file"]: {f["category"] for f in x["findings"]} for x in ours_doc["files"]}

print(f"corpus {corpus}: {len(files)} labelled files")
print(f"bandit: {version}; {len(bandit['results'])} results; {len(bandit['errors'])} files it could not parse")
print(f"ours:   {ours_doc['analyzer']} {ours_doc['version']}")
print()

def ours_has(f, cat):
    return cat in ours_cats.get(f, set())

print("1. per bandit check (call-based first, then import-only checks); 'labelled' = files the corpus marks vulnerable in the mapped category")
print(f"   {'check':6} {'category':32} {'bandit':>6} {'both':>5} {'bandit-only':>11} {'ours-only':>9} {'labelled':>8}")
for group in (sorted(t for t in by_check if t not in IMPORT_CHECKS), sorted(t for t in by_check if t in IMPORT_CHECKS)):
    for t in group:
        cat = MAP.get(t)
        fs = by_check[t]
        if cat is None:
            print(f"   {t:6} {'(no taxonomy class)' if t in MAP else '(unmapped)':32} {len(fs):6}")
            continue
        both = sum(1 for f in fs if ours_has(f, cat))
        ours_only = sum(1 for f in files if ours_has(f, cat) and f not in fs)
        labelled = sum(1 for f in fs if cat in labels.get(f, set()))
        print(f"   {t:6} {cat:32} {len(fs):6} {both:5} {len(fs) - both:11} {ours_only:9} {labelled:8}")
if unknown:
    print(f"   not in the mapping table: {', '.join(unknown)}")
print()

def pr(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r

print("2. per category (files): agreement between the tools, and each tool against the labels")
print(f"   {'category':32} {'both':>5} {'bandit-only':>11} {'ours-only':>9}   {'bandit P':>8} {'R':>5}   {'ours P':>6} {'R':>5}")
cats = []
for l in manifest:
    for c in l["categories"]:
        if c not in cats:
            cats.append(c)
order = [c["file"].split("/")[0] for c in manifest]
cats = sorted(set(cats) | set(order), key=lambda c: order.index(c) if c in order else 99)
tot = {"b": [0, 0, 0], "o": [0, 0, 0]}
for cat in cats:
    b = {f for f in files if cat in bandit_cats.get(f, set())}
    o = {f for f in files if ours_has(f, cat)}
    lab = {f for f in files if cat in labels[f]}
    row = []
    for key, s in (("b", b), ("o", o)):
        tp, fp, fn = len(s & lab), len(s - lab), len(lab - s)
        tot[key][0] += tp; tot[key][1] += fp; tot[key][2] += fn
        row.append(pr(tp, fp, fn))
    print(f"   {cat:32} {len(b & o):5} {len(b - o):11} {len(o - b):9}   {row[0][0]:8.2f} {row[0][1]:5.2f}   {row[1][0]:6.2f} {row[1][1]:5.2f}")
bp, br = pr(*tot["b"]); op, orr = pr(*tot["o"])
print(f"   {'micro average':32} {'':5} {'':11} {'':9}   {bp:8.2f} {br:5.2f}   {op:6.2f} {orr:5.2f}")
print()

cold, warm = ours_doc["cold_seconds"], ours_doc["warm_seconds"]
print("3. wall time over the same files")
print(f"   bandit (whole process, {len(files)} files): {bandit_seconds:.3f} s")
print(f"   ours (in process, .NET start-up excluded): cold {cold:.3f} s (first pass, JIT), warm {warm:.3f} s")
ratio = lambda x: f"{bandit_seconds / x:,.1f}x" if x > 0 else "n/a"
print(f"   bandit / ours: {ratio(cold)} (cold), {ratio(warm)} (warm)")
PY
