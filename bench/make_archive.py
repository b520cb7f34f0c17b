#!/usr/bin/env python3
"""Generates a synthetic archive of N documents for the scan benchmark.

Every document is a variant of a corpus source (corpus/src/*.doc.md): the
kommun name and years are changed so that each file has distinct content,
about 70 % are written as PDF and 30 % as DOCX, and a few long budgets of
300+ pages are made by repeating a budget's sections. Deterministic for a
given N. Usage: bench/make_archive.py N OUT_DIR
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "scripts", "docgen"))
import docgen  # noqa: E402

KOMMUNER = ["Norrby", "Åsvik", "Tallmo", "Björkfors", "Sjöhamn", "Granvik", "Ekeryd", "Västmo"]


def variant(text, i):
    rnd = random.Random(i)
    name = f"{rnd.choice(['Öster', 'Väster', 'Norr', 'Söder', 'Mellan'])}{rnd.choice(['by', 'vik', 'ås', 'fors', 'hamn', 'mo'])}{i}"
    for k in KOMMUNER:
        text = text.replace(k, name)
    shift = rnd.randint(-3, 3)
    text = re.sub(r"\b(202[0-9])\b", lambda m: str(int(m.group(1)) + shift), text)
    return re.sub(r"^id: .*$", f"id: bench-{i:05d}", text, count=1, flags=re.M)


def long_budget(text, i, copies):
    head, sep, body = text.partition("\n---\n")
    parts = [head + sep]
    for c in range(copies):
        parts.append(re.sub(r"^(#+) (\d+)", lambda m: f"{m.group(1)} {int(m.group(2)) + 100 * c}", body, flags=re.M))
        parts.append("\n{pagebreak}\n")
    return variant("".join(parts), i)


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    srcs = sorted(os.path.join(ROOT, "corpus", "src", f) for f in os.listdir(os.path.join(ROOT, "corpus", "src")))
    texts = [open(s, encoding="utf-8").read() for s in srcs]
    budgets = [t for s, t in zip(srcs, texts) if "mal-och-budget" in s]
    n_long = max(2, n // 400)
    for i in range(n):
        if i < n_long:
            text = long_budget(budgets[i % len(budgets)], i, 24)
        else:
            text = variant(texts[i % len(texts)], i)
        doc = docgen.parse_source(text)
        sub = os.path.join(out, f"{i % 20:02d}")
        os.makedirs(sub, exist_ok=True)
        if i < n_long or i % 10 < 7:
            docgen.write_pdf(doc, os.path.join(sub, f"dok-{i:05d}.pdf"))
        else:
            docgen.write_docx(doc, os.path.join(sub, f"dok-{i:05d}.docx"))


if __name__ == "__main__":
    main()
