#!/usr/bin/python3
"""Checks a class list for the textbook benchmark independently of both solvers (BENCHMARKS.md).

Reads a Mosaic dataset, its sections config (min_size, section_rules, mean_within) and a placements.csv (student_id,
section_id; Mosaic's and textbook_pulp.py's format), and recomputes from the raw CSVs, with no solver code:
  - every hard rule: each student placed once, sizes within [min_size, capacity], each section rule's min / max /
    min_share / max_share, keep-apart and keep-together pairs, every section mean within mean_within of the grade's;
  - the two-sample Kolmogorov-Smirnov statistic of each section's scores against the whole grade's (the largest gap
    between the two empirical distribution functions), and the largest of them;
  - each section's score SD (population) and their spread (largest minus smallest).
Prints one JSON object; exits 1 if a hard rule is broken.

Usage: /usr/bin/python3 scripts/bench/textbook_check.py --data DIR --config FILE --placements FILE
           [--school ID --grade G --subject S]
"""
import argparse
import bisect
import csv
import json
import math
import os
import sys


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k.strip().lower(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def flag(v):
    return v.strip().lower() in ("1", "true", "yes", "y")


def gender(v):
    v = v.strip().lower()
    return {"f": "female", "m": "male"}.get(v, v)


def matches(student, attribute, value):
    raw, want = student.get(attribute, ""), str(value).strip().lower()
    if attribute == "gender":
        return gender(raw) == gender(want)
    if want in ("0", "1", "true", "false"):
        return flag(raw) == flag(want)
    return raw.lower() == want


def ks(sample, population):
    """Two-sample Kolmogorov-Smirnov statistic: the largest gap between the two empirical CDFs."""
    a, b = sorted(sample), sorted(population)
    d = 0.0
    for v in set(a) | set(b):
        fa = bisect.bisect_right(a, v) / len(a)
        fb = bisect.bisect_right(b, v) / len(b)
        d = max(d, abs(fa - fb))
    return d


def sd(xs):
    m = sum(xs) / len(xs)
    return math.sqrt(sum((x - m) ** 2 for x in xs) / len(xs))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--config", required=True)
    p.add_argument("--placements", required=True)
    p.add_argument("--school", default="textbook")
    p.add_argument("--grade", default="7")
    p.add_argument("--subject", default="math")
    a = p.parse_args()
    import yaml
    with open(a.config, encoding="utf-8") as f:
        cfg = yaml.safe_load(f) or {}
    students = {s["student_id"]: s for s in read_csv(os.path.join(a.data, "students.csv"))
                if s["school_id"] == a.school and s["grade"] == a.grade}
    score = {}
    for r in read_csv(os.path.join(a.data, "scores.csv")):
        if r["subject"].lower() == a.subject and r["student_id"] in students:
            score[r["student_id"]] = float(r["score"])
    sections = {r["section_id"]: int(r["capacity"]) for r in read_csv(os.path.join(a.data, "sections.csv"))
                if r["school_id"] == a.school and r["grade"] == a.grade and r["subject"].lower() == a.subject}
    broken = []
    placed = {}
    for r in read_csv(a.placements):
        if r["student_id"] in placed:
            broken.append("student %s placed twice" % r["student_id"])
        if r["section_id"] not in sections:
            broken.append("student %s in unknown section %s" % (r["student_id"], r["section_id"]))
        placed[r["student_id"]] = r["section_id"]
    for sid in students:
        if sid not in placed:
            broken.append("student %s not placed" % sid)
    members = {s: [i for i, sec in placed.items() if sec == s] for s in sections}
    min_size = int(cfg.get("min_size", 0))
    for s, ids in members.items():
        if not (min_size <= len(ids) <= sections[s]):
            broken.append("section %s has %d students, outside [%d, %d]" % (s, len(ids), min_size, sections[s]))
        for rule in cfg.get("section_rules") or []:
            c = sum(1 for i in ids if matches(students[i], rule["attribute"], rule["value"]))
            name = "%s=%s" % (rule["attribute"], rule["value"])
            if "min" in rule and c < rule["min"]:
                broken.append("section %s: %d %s, fewer than %s" % (s, c, name, rule["min"]))
            if "max" in rule and c > rule["max"]:
                broken.append("section %s: %d %s, more than %s" % (s, c, name, rule["max"]))
            if "min_share" in rule and c < rule["min_share"] * len(ids):
                broken.append("section %s: %d %s, under a share of %s" % (s, c, name, rule["min_share"]))
            if "max_share" in rule and c > rule["max_share"] * len(ids):
                broken.append("section %s: %d %s, over a share of %s" % (s, c, name, rule["max_share"]))
    for r in read_csv(os.path.join(a.data, "requests.csv")):
        x, y = placed.get(r["student_a"]), placed.get(r["student_b"])
        if x is None or y is None:
            continue
        if r["kind"] == "apart" and x == y:
            broken.append("keep-apart %s, %s both in %s" % (r["student_a"], r["student_b"], x))
        if r["kind"] == "together" and x != y:
            broken.append("keep-together %s, %s split" % (r["student_a"], r["student_b"]))
    grade_scores = [score[i] for i in students]
    grade_mean = sum(grade_scores) / len(grade_scores)
    stats = {}
    for s, ids in members.items():
        xs = [score[i] for i in ids]
        if not xs:
            continue
        mean = sum(xs) / len(xs)
        if cfg.get("mean_within") is not None and abs(mean - grade_mean) > float(cfg["mean_within"]) + 1e-9:
            broken.append("section %s mean %.3f is %.3f from the grade mean %.3f" % (s, mean, mean - grade_mean,
                                                                                     grade_mean))
        stats[s] = {"size": len(xs), "mean": round(mean, 3), "sd": round(sd(xs), 3), "ks": round(ks(xs, grade_scores), 4)}
    sds = [v["sd"] for v in stats.values()]
    result = {"students": len(students), "sections": len(sections), "hard_rules_broken": len(broken),
              "broken": broken[:20], "grade_mean": round(grade_mean, 3), "grade_sd": round(sd(grade_scores), 3),
              "ks_max": max(v["ks"] for v in stats.values()),
              "sd_min": min(sds), "sd_max": max(sds), "sd_spread": round(max(sds) - min(sds), 3),
              "mean_gap_max": round(max(abs(v["mean"] - grade_mean) for v in stats.values()), 3)}
    print(json.dumps(result))
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
