#!/usr/bin/env python3
"""Draws the evaluation sample: a stratified, reproducible set of offer ids.

Usage: python3 eval/sample_offers.py ../shared/data/francetravail/offers.jsonl > eval/sample.txt

Strata (each drawn with a fixed seed, without repetition):
- offers filed under the data ROME codes;
- offers whose title looks like a data job but are filed under other codes;
- IT and study offers (M18xx, M1403) that are mostly not data jobs;
- the general market;
- then, so every pattern is represented, at least two offers of every salary-label pattern and
  of every place pattern (country only, region only, department only, abroad, Corsica,
  overseas, arrondissements, swapped coordinates) and a few salaries stated only in comments.
Prints one line per offer: `<id>\t<stratum>`.
"""

import json
import random
import re
import sys

DATA_CODES = {"M1405", "M1419", "M1423", "M1414", "M1811", "M1851", "M1824", "M1872",
              "M1868", "M1894", "M1889", "M1873", "K2403", "H1215", "K1906"}
DATA_TITLE = re.compile(r"\b(data|donn[ée]es|bi\b|business intelligence|d[ée]cisionnel|machine learning|"
                        r"\bia\b|intelligence artificielle|statisti|analyst|power ?bi|big data|mlops|llm)", re.I)


def salary_pattern(offer):
    label = (offer.get("salaire") or {}).get("libelle")
    return re.sub(r"\d+", "N", label) if label else None


def place_pattern(offer):
    place = offer.get("lieuTravail") or {}
    label = place.get("libelle", "")
    commune = place.get("commune") or ""
    lat, lon = place.get("latitude"), place.get("longitude")
    if label.strip().lower() in ("france", "france entière"):
        return "country"
    if re.fullmatch(r"\d{2,3}", label.strip()):
        return "bare_department"
    if "(Dept.)" in label:
        return "department_only"
    if not re.match(r"^(\d{2,3}|2A|2B) - ", label):
        return "region_or_abroad:" + label
    prefix = label.split(" - ")[0]
    if prefix in ("2A", "2B") or prefix.startswith("97") or prefix.startswith("98"):
        return "prefix:" + prefix
    if commune[:3] in ("751", "693", "132") and commune not in ("75056", "69123", "13055"):
        return "arrondissement:" + commune[:3]
    if lat is not None and lon is not None and prefix.isdigit() and len(prefix) == 2:
        if not (41 <= lat <= 51.5 and -5.5 <= lon <= 10):
            return "bad_coordinates"
    if not commune:
        return "no_commune"
    return None


def main():
    offers = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    rng = random.Random(20261128)
    chosen = {}

    def take(pool, n, stratum):
        pool = [o for o in pool if o["id"] not in chosen]
        for offer in rng.sample(pool, min(n, len(pool))):
            chosen[offer["id"]] = stratum

    take([o for o in offers if o.get("romeCode") in DATA_CODES], 120, "data_rome")
    take([o for o in offers if o.get("romeCode") not in DATA_CODES and DATA_TITLE.search(o.get("intitule", ""))],
         70, "data_title_other_rome")
    take([o for o in offers if (o.get("romeCode") or "").startswith("M18") or o.get("romeCode") == "M1403"],
         70, "it_and_studies")
    take(offers, 100, "general")

    by_salary, by_place = {}, {}
    for offer in offers:
        if (p := salary_pattern(offer)):
            by_salary.setdefault(p, []).append(offer)
        if (p := place_pattern(offer)):
            by_place.setdefault(p.split(":")[0] if p.startswith("region_or_abroad") else p, []).append(offer)
    for pattern, pool in sorted(by_salary.items()):
        have = sum(1 for o in pool if o["id"] in chosen)
        take(pool, max(0, 2 - have), "salary:" + pattern)
    for pattern, pool in sorted(by_place.items()):
        have = sum(1 for o in pool if o["id"] in chosen)
        take(pool, max(0, 3 - have), "place:" + pattern)
    comment_only = [o for o in offers if not (o.get("salaire") or {}).get("libelle")
                    and re.search(r"\d\s?k\s?€|\d{2}\s?\d{3}\s?€", (o.get("salaire") or {}).get("commentaire") or "", re.I)]
    take(comment_only, 6, "salary:comment_only")
    in_description = [o for o in offers if not (o.get("salaire") or {}).get("libelle")
                      and re.search(r"\d{2}\s?k\s?€|\d{2}\s?\d{3}\s?€", o.get("description") or "", re.I)]
    take(in_description, 8, "salary:description_only")

    # Rare roles, so that every class of the role taxonomy has enough support for its F1.
    rare_codes = {"M1423", "M1868", "K1906", "M1414", "K2403", "M1889", "M1873", "H1215", "M1872", "M1894"}
    rare_title = re.compile(r"(?i)(architecte? (data|donn|big)|data architect|data steward|gouvernance|governance|mlops|"
                            r"machine learning|ml engineer|\bia\b|intelligence artificielle|\bllm|genai|data manager|"
                            r"chief data|head of data|responsable (data|des donn)|directeur data|statisticien|biostatist|"
                            r"statistician|analytics engineer|product owner data|data product|\bai engineer|computer vision|"
                            r"nlp|deep learning|dpo|protection des donn|master data|qualit[ée] des donn)")
    take([o for o in offers if o.get("romeCode") in rare_codes or rare_title.search(o.get("intitule", ""))],
         60, "rare_roles")

    for offer_id, stratum in chosen.items():
        print(f"{offer_id}\t{stratum}")


if __name__ == "__main__":
    main()
