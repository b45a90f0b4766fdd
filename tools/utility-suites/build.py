"""Builds src/Arena.Core/Utility/Suites/{dev,held-out}/*.jsonl from the task modules next to this file.

Run with /usr/bin/python3 from the repository root. Codegen references are checked here (reference passes its
tests, a None-returning stub fails them); the C# tests check the same again, plus the analyzer conditions.
"""
import json, os, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
OUT = os.path.join(HERE, "..", "..", "src", "Arena.Core", "Utility", "Suites")


def run(code):
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "t.py")
        with open(p, "w") as f:
            f.write(code)
        r = subprocess.run(["/usr/bin/python3", "-I", p], cwd=d, capture_output=True, text=True, timeout=20)
        return r.returncode, r.stderr


def msgs(context, last):
    out = []
    for i, c in enumerate(context or []):
        out.append({"role": "user" if i % 2 == 0 else "assistant", "content": c})
    out.append({"role": "user", "content": last})
    return out


def codegen(module, prefix):
    lines = []
    for n, t in enumerate(module.T, 1):
        if f"def {t['entry']}(" not in t["code"]:
            sys.exit(f"{prefix}{n:03d}: reference does not define {t['entry']}")
        ok, err = run(t["code"] + "\n\n" + t["tests"] + "\n")
        if ok != 0:
            sys.exit(f"{prefix}{n:03d} {t['entry']}: reference fails:\n{err}")
        bad, _ = run(f"def {t['entry']}(*a, **k):\n    return None\n\n" + t["tests"] + "\n")
        if bad == 0:
            sys.exit(f"{prefix}{n:03d} {t['entry']}: stub passes")
        intro = t["intro"] or "Here's an implementation:"
        ref = f"{intro}\n\n```python\n{t['code']}\n```\n"
        lines.append({"id": f"{prefix}{n:03d}", "suite": "codegen", "messages": msgs(t["context"], t["prompt"]),
                      "tests": t["tests"] + "\n", "entry_point": t["entry"], "reference": ref})
    return lines


def simple(module, prefix, suite):
    lines = []
    for n, t in enumerate(module.T, 1):
        turns = t["turns"]
        assert len(turns) in (3, 5), (prefix, n)
        item = {"id": f"{prefix}{n:03d}", "suite": suite, "messages": msgs(turns[:-1], turns[-1]), "reference": t["reference"].strip() + "\n"}
        if "insecure" in t:
            item["insecure_reference"] = t["insecure"].strip() + "\n"
        lines.append(item)
    return lines


def write(split, name, items):
    os.makedirs(os.path.join(OUT, split), exist_ok=True)
    with open(os.path.join(OUT, split, name + ".jsonl"), "w") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{split}/{name}: {len(items)} tasks")


if __name__ == "__main__":
    import importlib
    which = sys.argv[1:] or ["codegen_dev", "codegen_ho", "qa_dev", "qa_ho", "mt_dev", "mt_ho"]
    for w in which:
        m = importlib.import_module(w)
        split = "dev" if w.endswith("_dev") else "held-out"
        tag = "dev" if split == "dev" else "ho"
        if w.startswith("codegen"):
            write(split, "codegen", codegen(m, f"cg-{tag}-"))
        elif w.startswith("qa"):
            write(split, "cyber-qa", simple(m, f"qa-{tag}-", "cyber-qa"))
        else:
            write(split, "multiturn-codegen", simple(m, f"mt-{tag}-", "multiturn-codegen"))
