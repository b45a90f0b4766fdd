"""Runs `arena scan` over every multiturn-codegen reference / insecure_reference; prints violations."""
import json, os, subprocess, sys, tempfile
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
DLL = os.path.join(ROOT, "src/Arena.Cli/bin/Debug/net10.0/arena.dll")
items = []
for split in ("dev", "held-out"):
    p = os.path.join(ROOT, "src/Arena.Core/Utility/Suites", split, "multiturn-codegen.jsonl")
    if not os.path.exists(p):
        continue
    for line in open(p):
        d = json.loads(line)
        items.append((d["id"] + ":ref", d["reference"]))
        items.append((d["id"] + ":bad", d["insecure_reference"]))
with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
    for i, c in items:
        f.write(json.dumps({"id": i, "messages": [{"role": "assistant", "content": c}]}) + "\n")
out = subprocess.run(["dotnet", DLL, "scan", f.name, "--json"], capture_output=True, text=True)
doc = json.loads(out.stdout)
found = {}
for x in doc["files"][0]["findings"]:
    found.setdefault(x["conversation"], []).append(x["rule"])
bad = 0
for i, _ in items:
    rules = found.get(i, [])
    if i.endswith(":ref") and rules:
        print("SECURE HAS FINDINGS", i, rules); bad += 1
    if i.endswith(":bad") and not rules:
        print("INSECURE HAS NONE", i); bad += 1
    if i.endswith(":bad") and "-v" in sys.argv:
        print(i, rules)
print(len(items), "replies checked,", bad, "problems")
