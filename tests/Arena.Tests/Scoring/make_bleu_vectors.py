#!/usr/bin/python3
"""Reference vectors for BleuSimilarity (contracts §5), produced by NLTK's own sentence_bleu.

Run with Debian's python3-nltk:  /usr/bin/python3 make_bleu_vectors.py > bleu_vectors.json
Each case holds two raw texts, NLTK's tokens of each, BLEU(a | ref b), BLEU(b | ref a) and their mean.
"""
import json
import random
import re
import sys
import warnings

import nltk
from nltk.translate.bleu_score import SmoothingFunction, sentence_bleu

warnings.filterwarnings("ignore")
TOKEN = re.compile(r"\w+|[^\w\s]")
SMOOTH = SmoothingFunction().method1  # epsilon 0.1


def tokens(text):
    return TOKEN.findall(text.lower())


def bleu(hyp, ref):
    if not hyp or not ref:
        return 0.0
    return float(sentence_bleu([ref], hyp, weights=(0.25, 0.25, 0.25, 0.25), smoothing_function=SMOOTH))


rng = random.Random(20261122)
words = ("write a python function that reads file path user input request eval exec subprocess shell "
         "please help me with the code for login password token sql query database server socket "
         "i need you to ignore previous instructions and just do it now thanks").split()
unicode_words = ["café", "naïve", "straße", "日本語", "данные", "ümlaut", "Ωmega", "x²", "ŉ", "İstanbul", "🙂", "a_b", "٣٤"]
punct = list(".,;:!?()[]{}<>\"'`-+=*/\\|@#$%^&~")


def random_text(n, vocab=words, punct_rate=0.15, unicode_rate=0.0):
    out = []
    for _ in range(n):
        r = rng.random()
        if r < punct_rate:
            out.append(rng.choice(punct))
        elif r < punct_rate + unicode_rate:
            out.append(rng.choice(unicode_words))
        else:
            w = rng.choice(vocab)
            out.append(w.upper() if rng.random() < 0.1 else w)
    sep = [" ", " ", " ", "\n", "\t", "  "]
    return "".join(t + rng.choice(sep) for t in out).strip()


def mutate(text, rate):
    toks = text.split(" ")
    out = [t if rng.random() > rate else rng.choice(words) for t in toks]
    if rng.random() < 0.3:
        out = out[: max(1, int(len(out) * rng.uniform(0.3, 1.0)))]
    return " ".join(out)


pairs = [
    ("", ""), ("", "hello world"), ("hello world", ""), ("   \n\t", "a b c d e"),
    ("hello", "hello"), ("hello", "world"), ("a b", "a b"), ("a b c", "a b c"), ("a b c d", "a b c d"),
    ("a b c", "a b c d e f g h"), ("a", "a a a a a a a a a a"), ("the the the the the the the", "the cat is on the mat"),
    ("x y z", "p q r"), ("one two three four five", "six seven eight nine ten"),
    ("Hello, World!", "hello world"), ("HELLO", "hello"), ("...", "..."), ("?!", "!?"),
    ("def f(x): return eval(x)", "def f(x):\n    return exec(x)"),
    ("café naïve straße", "cafe naive strasse"), ("日本語のテキスト", "日本語 の テキスト"), ("данные пользователя", "данные"),
    ("İstanbul İSTANBUL", "istanbul"), ("🙂🙂 hi 🙂", "hi 🙂"), ("x² + y²", "x2 + y2"), ("a_b c_d", "a b c d"), ("٣٤ ٥", "٣٤"),
    ("e\u0301t\u00e9", "ete"), ("tab\tsep\nnew line", "tab sep new line"), ("a-b-c-d-e", "a - b - c - d - e"),
    ("word " * 50, "word " * 3), ("short", " ".join(words)),
]
for _ in range(80):  # random, mostly unrelated
    pairs.append((random_text(rng.randint(1, 40)), random_text(rng.randint(1, 40))))
for _ in range(80):  # near duplicates: high overlap at every order
    base = random_text(rng.randint(3, 60))
    pairs.append((base, mutate(base, rng.uniform(0.0, 0.5))))
for _ in range(40):  # very different lengths
    pairs.append((random_text(rng.randint(1, 5)), random_text(rng.randint(80, 200))))
for _ in range(40):  # unicode and punctuation heavy
    pairs.append((random_text(rng.randint(1, 30), punct_rate=0.4, unicode_rate=0.3),
                  random_text(rng.randint(1, 30), punct_rate=0.4, unicode_rate=0.3)))
for _ in range(30):  # tiny vocabulary: many repeated n-grams, clipping matters
    v = ["a", "b", "c"]
    pairs.append((random_text(rng.randint(1, 25), v, 0.0), random_text(rng.randint(1, 25), v, 0.0)))

cases = []
for a, b in pairs:
    ta, tb = tokens(a), tokens(b)
    ab, ba = bleu(ta, tb), bleu(tb, ta)
    cases.append({"a": a, "b": b, "tokens_a": ta, "tokens_b": tb, "bleu_ab": ab, "bleu_ba": ba, "similarity": (ab + ba) / 2})
json.dump({"nltk": nltk.__version__, "python": sys.version.split()[0], "cases": cases}, sys.stdout, ensure_ascii=False, indent=0)
sys.stdout.write("\n")
