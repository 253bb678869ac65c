#!/usr/bin/python3
"""The peer model for the textbook class-assignment benchmark (BENCHMARKS.md, "sections: the textbook instance").

The course this benchmark is named after solves class assignment with PuLP and CBC. This script is that model, fed
from the same Mosaic dataset and sections config as `mosaic sections`, so the two can be timed side by side and both
class lists scored by `mosaic sections evaluate` and by scripts/bench/textbook_check.py.

Hard rules (all as linear constraints over x[i, s] = 1 when student i sits in section s):
  - every student in exactly one section; section sizes between min_size and the section's capacity;
  - section_rules: per section, the count of students whose column `attribute` equals `value` is at least `min` /
    at most `max`, or at least `min_share` / at most `max_share` of the section's size;
  - requests.csv: keep-apart pairs in different sections, keep-together pairs in the same one;
  - mean_within X: every section's mean score within X points of the grade mean,
    i.e. (mean - X) * size <= sum of scores <= (mean + X) * size.

Objective (--objective):
  - mosaic (default): Mosaic's objective at tracking dial 0 (docs/sections.md, SectionCost), term for term and with
    the same integer coefficients: score-band counts off their fair share, section score totals off the school's
    share by more than 10 % of the range, balanced attributes (gender: female; FRL, behavior, EL, IEP and each race
    when they vary), and sizes off their share. Every term is a distance outside an interval, so it is linear with
    one non-negative variable per count. Only dial 0 is modelled: the range term of other dials needs the least
    total range of any split, which this script does not compute.
  - textbook: the course's own linear objective: deal the students, sorted by score, round-robin into the sections
    and keep as many of them where they were dealt as the rules allow (maximise agreement).

Usage: /usr/bin/python3 scripts/bench/textbook_pulp.py --data DIR --school ID --grade G --subject S \
           [--config FILE] [--objective mosaic|textbook] [--time-limit SEC] [--threads N] --out DIR
Writes DIR/placements.csv (student_id, subject, section_id, reason: Mosaic's placements.csv columns) and
DIR/summary.json; prints one line with the status, objective and CBC's time. Needs Debian's python3-pulp and
coinor-cbc (and python3-yaml for a YAML config).
"""
import argparse
import csv
import json
import math
import os
import sys
import time

import pulp

K = 100_000_000
MAX_BANDS = 16
GRADES = {"PK": -1, "K": 0, "KG": 0}


def java_round(x):
    """Java's Math.round (half up), which Mosaic's coefficients use; Python's round() rounds half to even."""
    return math.floor(x + 0.5)


def grade_of(text):
    t = text.strip().upper()
    return GRADES[t] if t in GRADES else int(t)


def read_csv(path):
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        return [{k.strip().lower(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def flag(v):
    return v.strip().lower() in ("1", "true", "yes", "y")


def gender_code(v):
    v = v.strip().lower()
    return {"f": "female", "m": "male", "x": "other", "u": "unspecified", "": "unspecified"}.get(v, v)


def read_config(path):
    if path is None:
        return {}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".json"):
        return json.loads(text)
    import yaml  # Debian: python3-yaml
    return yaml.safe_load(text) or {}


def value_matches(student, attribute, value):
    """Whether the student's column `attribute` holds `value` (flags compare as 0/1, gender by its code)."""
    raw = student.get(attribute, "")
    want = str(value).strip().lower()
    if attribute == "gender":
        return gender_code(raw) == gender_code(want)
    if want in ("0", "1", "true", "false", "yes", "no"):
        return flag(raw) == flag(want)
    return raw.strip().lower() == want


def load(args):
    cfg = read_config(args.config)
    grade = grade_of(args.grade)
    subject = args.subject.lower()
    students = [s for s in read_csv(os.path.join(args.data, "students.csv"))
                if s["school_id"] == args.school and grade_of(s["grade"]) == grade]
    # The latest annual score of the subject (Mosaic's Dataset.latestScores: overall scores only, the latest year,
    # the annual score over a term's within a year).
    best = {}
    for r in read_csv(os.path.join(args.data, "scores.csv")):
        if r["subject"].lower() != subject or r.get("strand", ""):
            continue
        prev = best.get(r["student_id"])
        year = int(r["year"])
        if prev is None or year > prev[0] or (year == prev[0] and not r.get("term", "")):
            best[r["student_id"]] = (year, float(r["score"]))
    scores = []
    for s in students:
        if s["student_id"] not in best:
            sys.exit("student %s has no %s score" % (s["student_id"], subject))
        scores.append(best[s["student_id"]][1])
    sections = [r for r in read_csv(os.path.join(args.data, "sections.csv"))
                if r["school_id"] == args.school and grade_of(r["grade"]) == grade and r["subject"].lower() == subject]
    if not sections:
        sys.exit("sections.csv has no %s sections for school %s, grade %s" % (subject, args.school, args.grade))
    index = {s["student_id"]: i for i, s in enumerate(students)}
    apart, together = [], []
    for r in read_csv(os.path.join(args.data, "requests.csv")):
        a, b = index.get(r["student_a"]), index.get(r["student_b"])
        if a is not None and b is not None:
            (apart if r["kind"].lower() == "apart" else together).append((a, b))
    return cfg, students, scores, sections, apart, together


def bands_of(score, bands):
    """Quantile bands by score rank, ties sharing a band (SectionCost.bands; Java's sort is stable too)."""
    n = len(score)
    order = sorted(range(n), key=lambda i: score[i])
    band = [0] * n
    k = 0
    while k < n:
        j = k
        while j + 1 < n and score[order[j + 1]] == score[order[k]]:
            j += 1
        b = min(bands - 1, k * bands // n)
        for q in range(k, j + 1):
            band[order[q]] = b
        k = j + 1
    return band


def out_var(prob, name, expr, lo, hi, terms, coef):
    """A variable for out(expr; [lo, hi]) = how far expr lies outside the interval, added to the objective."""
    if coef == 0:
        return
    u = pulp.LpVariable(name, lowBound=0)
    prob += u >= expr - hi
    prob += u >= lo - expr
    terms.append(coef * u)


def mosaic_objective(prob, x, cfg, students, scores, sections):
    """Mosaic's objective at dial 0, term by term as SectionCost states it (same integer coefficients)."""
    n, m = len(students), len(sections)
    weights = {"gender": 1, "frl": 1, "race": 1, "ell": 1, "iep": 1, "behavior": 1, "size": 1}
    weights.update(cfg.get("weights") or {})
    rules = cfg.get("rules") or {}
    tenths = [java_round(s * 10) for s in scores]
    rng = max(1, max(tenths) - min(tenths))
    bands = max(4, min(MAX_BANDS, n // max(1, m)))
    band = bands_of(tenths, bands)
    per_band = [band.count(b) for b in range(bands)]
    cap = [int(s["capacity"]) for s in sections]
    total_cap = sum(cap)
    band_coef = max(1, java_round(K * 1.0 / (2.0 * n)))
    mean_coef = max(1, java_round(K * 1.0 / (2.0 * n * rng)))
    size_coef = java_round(K * 0.05 * weights["size"] / n)
    total_score = sum(tenths)
    terms = []
    for s in range(m):
        for b in range(bands):
            if per_band[b] == 0:
                continue
            share = per_band[b] * cap[s] / total_cap
            out_var(prob, "band_%d_%d" % (s, b), pulp.lpSum(x[i][s] for i in range(n) if band[i] == b),
                    math.floor(share), math.ceil(share), terms, band_coef)
        target = total_score * cap[s] / total_cap
        tol = 0.10 * rng * cap[s]
        out_var(prob, "mean_%d" % s, pulp.lpSum(tenths[i] * x[i][s] for i in range(n)),
                math.floor(target - tol), math.ceil(target + tol), terms, mean_coef)
        share = n * cap[s] / total_cap
        out_var(prob, "size_%d" % s, pulp.lpSum(x[i][s] for i in range(n)), math.floor(share), math.ceil(share),
                terms, size_coef)
    # Balanced attributes, as SectionCost lists them; EL and IEP only when their clustering rule is off (it is on by
    # default, and then active whenever a section is certified / co-taught: PlacementRules.ellActive, iepActive).
    candidates = [("gender:female", weights["gender"], lambda st: gender_code(st.get("gender", "")) == "female"),
                  ("frl", weights["frl"], lambda st: flag(st.get("frl", ""))),
                  ("behavior", weights["behavior"], lambda st: flag(st.get("behavior", "")))]
    any_cert = any(flag(s.get("ell_certified", "")) for s in sections)
    any_cot = any(flag(s.get("co_taught", "")) for s in sections)
    if not (rules.get("cluster_ell", True) and any_cert):
        candidates.append(("ell", weights["ell"], lambda st: flag(st.get("ell", ""))))
    if not (rules.get("cluster_iep", True) and any_cot):
        candidates.append(("iep", weights["iep"], lambda st: flag(st.get("iep", ""))))
    for race in sorted({st.get("race", "") for st in students}):
        candidates.append(("race:" + race, weights["race"], lambda st, r=race: st.get("race", "") == r))
    for name, w, has in candidates:
        coef = java_round(K * w * 0.25 / n)
        members = [i for i, st in enumerate(students) if has(st)]
        if coef <= 0 or not members or len(members) == n:
            continue
        for s in range(m):
            share = len(members) * cap[s] / total_cap
            out_var(prob, "attr_%s_%d" % (name.replace(":", "_"), s), pulp.lpSum(x[i][s] for i in members),
                    math.floor(share), math.ceil(share), terms, coef)
    prob += pulp.lpSum(terms)


def textbook_objective(prob, x, scores, m):
    """The course's objective: stay as close as possible to a round-robin deal by score (maximise agreement)."""
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    dealt = {i: k % m for k, i in enumerate(order)}
    prob += -pulp.lpSum(x[i][dealt[i]] for i in range(len(scores)))


def solve(args):
    t0 = time.perf_counter()
    cfg, students, scores, sections, apart, together = load(args)
    n, m = len(students), len(sections)
    prob = pulp.LpProblem("textbook_classes", pulp.LpMinimize)
    x = [[pulp.LpVariable("x_%d_%d" % (i, s), cat="Binary") for s in range(m)] for i in range(n)]
    for i in range(n):
        prob += pulp.lpSum(x[i]) == 1
    min_size = int(cfg.get("min_size", max(1, n // m - 3)))
    size = [pulp.lpSum(x[i][s] for i in range(n)) for s in range(m)]
    for s, sec in enumerate(sections):
        cap = int(sec["capacity"])
        prob += size[s] <= cap
        prob += size[s] >= min(min_size, cap)
    for rule in cfg.get("section_rules") or []:
        members = [i for i, st in enumerate(students) if value_matches(st, rule["attribute"], rule["value"])]
        for s in range(m):
            count = pulp.lpSum(x[i][s] for i in members)
            if "min" in rule:
                prob += count >= rule["min"]
            if "max" in rule:
                prob += count <= rule["max"]
            if "min_share" in rule:
                prob += count >= rule["min_share"] * size[s]
            if "max_share" in rule:
                prob += count <= rule["max_share"] * size[s]
    for a, b in apart:
        for s in range(m):
            prob += x[a][s] + x[b][s] <= 1
    for a, b in together:
        for s in range(m):
            prob += x[a][s] == x[b][s]
    if cfg.get("mean_within") is not None:
        tol = float(cfg["mean_within"])
        mean = sum(scores) / n
        for s in range(m):
            total = pulp.lpSum(scores[i] * x[i][s] for i in range(n))
            prob += total <= (mean + tol) * size[s]
            prob += total >= (mean - tol) * size[s]
    if args.objective == "mosaic":
        mosaic_objective(prob, x, cfg, students, scores, sections)
    else:
        textbook_objective(prob, x, scores, m)
    built = time.perf_counter()
    solver = pulp.COIN_CMD(path="/usr/bin/cbc", msg=args.verbose, timeLimit=args.time_limit, threads=args.threads,
                           timeMode=args.time_mode,
                           options=["randomSeed %d" % args.seed] if args.seed is not None else [])
    prob.solve(solver)
    solved = time.perf_counter()
    status = pulp.LpStatus[prob.status]
    # Stopped by the time limit with a solution, CBC's status is "Not Solved" and PuLP's sol_status says feasible.
    feasible = status == "Optimal" or prob.sol_status == pulp.LpSolutionIntegerFeasible
    placed = [next((s for s in range(m) if (x[i][s].value() or 0) > 0.5), None) for i in range(n)]
    if not feasible or any(p is None for p in placed):
        print("CBC found no class assignment (status %s) in %.2f s; model %.2f s" % (status, solved - built,
                                                                                   built - t0))
        return 1
    objective = pulp.value(prob.objective)
    # CBC proves optimality only when it stops before the time limit with status Optimal.
    # (With --time-mode cpu the wall clock overstates CBC's time; a proof is then read from CBC's status alone.)
    proven = status == "Optimal" and (args.time_limit is None or args.time_mode == "cpu"
                                      or solved - built < args.time_limit)
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "placements.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["student_id", "subject", "section_id", "reason"])
        for i, st in enumerate(students):
            w.writerow([st["student_id"], args.subject.lower(), sections[placed[i]]["section_id"],
                        "CBC (%s objective), score %g" % (args.objective, scores[i])])
    summary = {"status": "OPTIMAL" if proven else "FEASIBLE" if feasible else status.upper(),
               "objective_kind": args.objective, "objective": objective, "students": n, "sections": m,
               "model_seconds": round(built - t0, 3), "cbc_seconds": round(solved - built, 3)}
    with open(os.path.join(args.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, indent=2)
    print("CBC %s, %s objective %s, %d students in %d sections; model %.2f s, CBC %.2f s"
          % (summary["status"], args.objective, objective if objective is None else round(objective), n, m,
             built - t0, solved - built))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", required=True)
    p.add_argument("--school", required=True)
    p.add_argument("--grade", required=True)
    p.add_argument("--subject", required=True)
    p.add_argument("--config")
    p.add_argument("--objective", choices=["mosaic", "textbook"], default="mosaic")
    p.add_argument("--time-limit", type=float, default=None, help="CBC's time limit in seconds (default: none)")
    p.add_argument("--time-mode", choices=["elapsed", "cpu"], default="elapsed",
                   help="what --time-limit counts: wall-clock seconds, or CBC's CPU seconds (for a shared machine)")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=None, help="CBC's random seed")
    p.add_argument("--verbose", action="store_true", help="show CBC's log")
    p.add_argument("--out", required=True)
    return solve(p.parse_args())


if __name__ == "__main__":
    sys.exit(main())
