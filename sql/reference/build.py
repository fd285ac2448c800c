#!/usr/bin/env python3
"""Generate the reference-data SQL files of the portal.

    python3 sql/reference/build.py DATA_DIR [--out DIR] [--no-verify]

DATA_DIR holds the four source CSV files described in SOURCES.md (next to
this script): country_codes_datahub.csv, unsd_m49_en.csv,
un_regional_groups_openclimatedata.csv and owid_political_regime_row.csv.
The mandate list is read from mandates.csv next to this script (written by
hand).  The .sql files are written next to this script unless --out is
given.  Only the Python 3 standard library is used.

The output is deterministic: running the script twice on the same inputs
gives byte-identical files, so `git diff` shows exactly what a change of
source or of this script did.  Every .sql file is a set of idempotent
upserts (INSERT ... ON CONFLICT ... DO UPDATE ... WHERE the row differs):
loading a file twice changes nothing.

By default the script refuses to run if an input file's SHA-256 differs
from the one recorded in SOURCES.md (EXPECTED_SHA256 below): a new
snapshot must be reviewed, then its hash recorded here and in SOURCES.md.
"""

import argparse
import csv
import hashlib
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

LANGS = ["ar", "en", "es", "fr", "ru", "zh"]          # the six UN languages

EXPECTED_SHA256 = {
    "country_codes_datahub.csv":
        "67b009b529330b0a6043551189f43faa785c9c3cc0011ad2bdb4eac876356c43",
    "owid_political_regime_row.csv":
        "44c34f2e2fb7dcbe0eb685018692fedaf82b0ba2505b34614f2ab0a1c1b34f81",
    "un_regional_groups_openclimatedata.csv":
        "913a43a56fa266ace93a6d51e905be3242475bbc257e86a028b38e6c0bcf7567",
    "unsd_m49_en.csv":
        "776e41d57d6e57be6aa179c1e89fa76b94ca4fe91c2beec02d8ecc88207051ea",
}

# The date the hand-written mandate list (mandates.csv) reflects.
MANDATES_AS_OF = "2024-06-30"

REGIME_FIRST_YEAR = 1945
REGIME_LAST_YEAR = 2021

# ---------------------------------------------------------------- languages

LANGUAGES = [  # code, sort, autonym, right-to-left
    ("ar", 1, "العربية", True),
    ("zh", 2, "中文", False),
    ("en", 3, "English", False),
    ("fr", 4, "Français", False),
    ("ru", 5, "Русский", False),
    ("es", 6, "Español", False),
]

# ----------------------------------------------------------- regional groups

# Source "Region" value -> our code.
GROUP_OF_SOURCE = {
    "African Group": "african",
    "Asia-Pacific Group": "asia_pacific",
    "Eastern European Group": "eastern_european",
    "GRULAC": "grulac",
    "WEOG": "weog",
}

# code, sort, names.  English as on the UN DGACM page "United Nations
# Regional Groups of Member States"; other languages written by hand in the
# same style (see SOURCES.md).
REGIONAL_GROUPS = [
    ("african", 1, {
        "en": "African States",
        "fr": "États d'Afrique",
        "es": "Estados de África",
        "ru": "Государства Африки",
        "zh": "非洲国家",
        "ar": "الدول الأفريقية"}),
    ("asia_pacific", 2, {
        "en": "Asia-Pacific States",
        "fr": "États d'Asie et du Pacifique",
        "es": "Estados de Asia y el Pacífico",
        "ru": "Государства Азиатско-Тихоокеанского региона",
        "zh": "亚洲-太平洋国家",
        "ar": "دول آسيا والمحيط الهادئ"}),
    ("eastern_european", 3, {
        "en": "Eastern European States",
        "fr": "États d'Europe orientale",
        "es": "Estados de Europa Oriental",
        "ru": "Государства Восточной Европы",
        "zh": "东欧国家",
        "ar": "دول أوروبا الشرقية"}),
    ("grulac", 4, {
        "en": "Latin American and Caribbean States",
        "fr": "États d'Amérique latine et des Caraïbes",
        "es": "Estados de América Latina y el Caribe",
        "ru": "Государства Латинской Америки и Карибского бассейна",
        "zh": "拉丁美洲和加勒比国家",
        "ar": "دول أمريكا اللاتينية ومنطقة البحر الكاريبي"}),
    ("weog", 5, {
        "en": "Western European and other States",
        "fr": "États d'Europe occidentale et autres États",
        "es": "Estados de Europa Occidental y otros Estados",
        "ru": "Государства Западной Европы и другие государства",
        "zh": "西欧和其他国家",
        "ar": "دول أوروبا الغربية ودول أخرى"}),
]

# Türkiye is listed twice in the source (Asia-Pacific and WEOG).  The UN
# DGACM page says it participates fully in both groups but is considered a
# member of WEOG only for electoral purposes: WEOG is its primary group here.
PRIMARY_GROUP_OVERRIDE = {"TUR": "weog"}

OBSERVERS = {"VAT", "PSE"}   # non-member observer States (no regional group)

GROUP_NOTES = {
    "TUR": "Participates fully in both the Western European and other States "
           "Group and the Asia-Pacific States Group; for electoral purposes it "
           "is considered a member of the Western European and other States "
           "Group only (UN DGACM). Primary group here: WEOG; also: Asia-Pacific.",
    "USA": "Not a member of any regional group; attends meetings of the "
           "Western European and other States Group as an observer and is "
           "considered a member of that group for electoral purposes (UN DGACM).",
    "ISR": "Member of the Western European and other States Group (in New "
           "York since 2000, on a temporary basis renewed since; in Geneva, "
           "where the Human Rights Council sits, since 2014).",
    "KIR": "Member of the Asia-Pacific States Group. Kiribati was long outside "
           "every regional group and joined the Asia-Pacific Group later.",
    "VAT": "Non-member observer State: not a member of any regional group "
           "(the groups are groupings of Member States for electoral purposes).",
    "PSE": "Non-member observer State: no regional group recorded here, so "
           "that group counts are those of the UN's electoral groups of Member "
           "States. In practice the State of Palestine participates as a "
           "member in the Asia-Pacific States Group.",
}

# ------------------------------------------------------------- state names

NAME_COLUMNS = {  # lang -> (UNTERM column word, M49 official-name column)
    "ar": "Arabic", "en": "English", "es": "Spanish",
    "fr": "French", "ru": "Russian", "zh": "Chinese",
}

# The snapshot of the country-codes dataset has no UNTERM names for Côte
# d'Ivoire and Türkiye (its official_name_en for CIV even reads "Ivory
# Coast").  These are written by hand following UNTERM (see SOURCES.md).
# lang -> (short name as UNTERM writes it, formal name)
NAME_OVERRIDES = {
    "CIV": {
        "en": ("Côte d'Ivoire", "the Republic of Côte d'Ivoire"),
        "fr": ("Côte d'Ivoire (la)", "la République de Côte d'Ivoire"),
        "es": ("Côte d'Ivoire", "la República de Côte d'Ivoire"),
        "ru": ("Кот-д'Ивуар", "Республика Кот-д'Ивуар"),
        "zh": ("科特迪瓦", "科特迪瓦共和国"),
        "ar": ("كوت ديفوار", "جمهورية كوت ديفوار"),
    },
    "TUR": {
        "en": ("Türkiye", "the Republic of Türkiye"),
        "fr": ("Türkiye (la)", "la République de Türkiye"),
        "es": ("Türkiye", "la República de Türkiye"),
        "ru": ("Турция", "Турецкая Республика"),
        "zh": ("土耳其", "土耳其共和国"),
        "ar": ("تركيا", "جمهورية تركيا"),
    },
}

# UNTERM short names end with the article in parentheses, "Netherlands
# (the)", "Afghanistan (l')", "Afganistán (el)": dropped for display.
ARTICLE_RE = re.compile(r"\s*\((?:the|l'|l’|le|la|les|el|los|las)\)$")
ASTERISK_RE = re.compile(r"\s*\*$")   # UNTERM marks non-members with " *"

# ----------------------------------------------------------------- helpers


def die(msg):
    sys.exit("build.py: " + msg)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def clean(s):
    """Trim, collapse runs of white space (one UNTERM name has two spaces)."""
    return re.sub(r"\s+", " ", s).strip()


def q(v):
    """A SQL literal: standard string (standard_conforming_strings on)."""
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    s = str(v)
    if "\0" in s:
        die("NUL character in data: %r" % s)
    return "'" + s.replace("'", "''") + "'"


def upsert(table, cols, keys, rows):
    """INSERT ... VALUES ... ON CONFLICT (keys) DO UPDATE only when different."""
    other = [c for c in cols if c not in keys]
    out = ["INSERT INTO %s (%s) VALUES" % (table, ", ".join(cols))]
    out.append(",\n".join("(" + ", ".join(q(v) for v in r) + ")" for r in rows))
    out.append("ON CONFLICT (%s) DO UPDATE SET" % ", ".join(keys))
    out.append(",\n".join("    %s = EXCLUDED.%s" % (c, c) for c in other))
    if len(other) == 1:
        out.append("WHERE %s.%s IS DISTINCT FROM EXCLUDED.%s;"
                   % (table, other[0], other[0]))
    else:
        out.append("WHERE (%s) IS DISTINCT FROM (%s);" % (
            ", ".join("%s.%s" % (table, c) for c in other),
            ", ".join("EXCLUDED.%s" % c for c in other)))
    return "\n".join(out) + "\n"


def header(name, what):
    return ("-- %s: %s\n"
            "-- GENERATED by sql/reference/build.py from the sources listed in\n"
            "-- sql/reference/SOURCES.md. Do not edit by hand: edit the generator\n"
            "-- or its inputs and regenerate. Idempotent: loading twice changes "
            "nothing.\n\n"
            "SET client_encoding = 'UTF8';\n\n" % (name, what))


def write(outdir, name, text):
    path = os.path.join(outdir, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    size = os.path.getsize(path)
    if size > 1_500_000:
        die("%s is %d bytes, over the 1.5 MB limit" % (name, size))
    print("wrote %s (%d bytes)" % (path, size))


# -------------------------------------------------------------------- build


def load_states(data):
    groups = read_csv(os.path.join(data, "un_regional_groups_openclimatedata.csv"))
    codes = read_csv(os.path.join(data, "country_codes_datahub.csv"))
    m49 = read_csv(os.path.join(data, "unsd_m49_en.csv"))
    by_iso3 = {r["ISO3166-1-Alpha-3"]: r for r in codes}
    m49_by_iso3 = {r["ISO-alpha3 Code"]: r for r in m49 if r["ISO-alpha3 Code"]}

    group_of = {}
    for r in groups:
        iso3, g = r["Code"], GROUP_OF_SOURCE.get(r["Region"])
        if g is None:
            die("unknown region %r for %s" % (r["Region"], iso3))
        if iso3 in group_of and group_of[iso3] != g:
            if iso3 not in PRIMARY_GROUP_OVERRIDE:
                die("%s is in two groups and has no primary-group choice" % iso3)
            group_of[iso3] = PRIMARY_GROUP_OVERRIDE[iso3]
        else:
            group_of.setdefault(iso3, g)
    members = sorted(group_of)
    if len(members) != 193:
        die("expected 193 member states, got %d" % len(members))

    states, names = [], []
    for iso3 in sorted(set(members) | OBSERVERS):
        r = by_iso3.get(iso3)
        if r is None:
            die("%s missing from country_codes_datahub.csv" % iso3)
        u = m49_by_iso3.get(iso3)
        if u is None:
            die("%s missing from unsd_m49_en.csv" % iso3)
        row = {
            "iso3": iso3,
            "iso2": r["ISO3166-1-Alpha-2"],
            "m49": int(r["M49"]),
            "region": r["Region Name"],
            "subregion": r["Sub-region Name"],
            "intermediate": r["Intermediate Region Name"] or None,
            "ldc": r["Least Developed Countries (LDC)"] == "x",
            "lldc": r["Land Locked Developing Countries (LLDC)"] == "x",
            "sids": r["Small Island Developing States (SIDS)"] == "x",
        }
        # Cross-check with the raw UNSD export.
        raw = (int(u["M49 Code"]), u["ISO-alpha2 Code"], u["Region Name"],
               u["Sub-region Name"], u["Intermediate Region Name"] or None,
               u["Least Developed Countries (LDC)"] == "x",
               u["Land Locked Developing Countries (LLDC)"] == "x",
               u["Small Island Developing States (SIDS)"] == "x")
        ours = (row["m49"], row["iso2"], row["region"], row["subregion"],
                row["intermediate"], row["ldc"], row["lldc"], row["sids"])
        if raw != ours:
            die("%s: country-codes %r differs from UNSD M49 %r" % (iso3, ours, raw))
        if not re.fullmatch(r"[A-Z]{2}", row["iso2"]):
            die("%s: bad alpha-2 %r" % (iso3, row["iso2"]))
        row["status"] = "observer" if iso3 in OBSERVERS else "member"
        row["group"] = None if iso3 in OBSERVERS else group_of[iso3]
        row["note"] = GROUP_NOTES.get(iso3)
        states.append(row)

        for lang in LANGS:
            word = NAME_COLUMNS[lang]
            if iso3 in NAME_OVERRIDES:
                short, formal = NAME_OVERRIDES[iso3][lang]
            else:
                short = r["UNTERM %s Short" % word]
                formal = r["UNTERM %s Formal" % word]
            short = clean(ASTERISK_RE.sub("", clean(short)))
            formal = clean(ASTERISK_RE.sub("", clean(formal)))
            display = clean(ARTICLE_RE.sub("", short))
            if not (short and formal and display):
                die("%s/%s: empty UNTERM name" % (iso3, lang))
            names.append((iso3, lang, display, formal, short))
    if len(states) != 195:
        die("expected 195 states, got %d" % len(states))
    for k in ("iso2", "m49"):
        if len({s[k] for s in states}) != len(states):
            die("duplicate %s" % k)
    return states, names


def load_regimes(data, iso3s):
    rows = read_csv(os.path.join(data, "owid_political_regime_row.csv"))
    if not rows or list(rows[0].keys()) != ["Entity", "Code", "Year",
                                            "regime_row_owid"]:
        die("owid_political_regime_row.csv: unexpected header")
    out = {}
    for r in rows:
        iso3 = r["Code"]
        # OWID's "Palestine" (code PSE) is V-Dem's British Mandate of
        # Palestine, 1918-1948: not the State of Palestine.  V-Dem's
        # "Palestine/West Bank" and "Palestine/Gaza" carry no code and are
        # not mapped either.  See SOURCES.md.
        if iso3 not in iso3s or iso3 == "PSE":
            continue
        year = int(r["Year"])
        if not REGIME_FIRST_YEAR <= year <= REGIME_LAST_YEAR:
            continue
        v = int(r["regime_row_owid"])
        if v not in (0, 1, 2, 3):
            die("bad regime %r for %s %d" % (v, iso3, year))
        if (iso3, year) in out:
            die("duplicate regime row %s %d" % (iso3, year))
        out[(iso3, year)] = v
    return [(k[0], k[1], out[k]) for k in sorted(out)]


def load_mandates(iso3s):
    path = os.path.join(HERE, "mandates.csv")
    rows = read_csv(path)
    want = ["slug", "kind", "established", "country_iso3", "short_name",
            "name_en", "name_fr", "name_es", "name_ru", "name_zh", "name_ar"]
    if not rows or list(rows[0].keys()) != want:
        die("mandates.csv: header must be " + ",".join(want))
    mandates, names, seen = [], [], set()
    for r in rows:
        slug = r["slug"]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug in seen:
            die("mandates.csv: bad or duplicate slug %r" % slug)
        seen.add(slug)
        kind, iso3 = r["kind"], r["country_iso3"] or None
        if kind not in ("thematic", "country"):
            die("mandates.csv: %s: bad kind %r" % (slug, kind))
        if (kind == "country") != (iso3 is not None):
            die("mandates.csv: %s: country mandates, and only they, have a State"
                % slug)
        if iso3 is not None and iso3 not in iso3s:
            die("mandates.csv: %s: unknown State %r" % (slug, iso3))
        en = r["name_en"]
        for prefix, holder in (("Special Rapporteur ", "special_rapporteur"),
                               ("Independent Expert ", "independent_expert"),
                               ("Working Group ", "working_group"),
                               ("Designated Expert ", "designated_expert")):
            if en.startswith(prefix):
                break
        else:
            die("mandates.csv: %s: cannot tell the holder from %r" % (slug, en))
        year = int(r["established"])
        if not 1945 <= year <= 2100:
            die("mandates.csv: %s: bad year" % slug)
        short = clean(r["short_name"])
        if not short:
            die("mandates.csv: %s: empty short name" % slug)
        mandates.append((slug, kind, holder, year, iso3, short, True))
        for lang in LANGS:
            name = clean(r["name_" + lang])
            if not name:
                die("mandates.csv: %s: empty %s name" % (slug, lang))
            names.append((slug, lang, name))
    return mandates, names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", help="directory holding the source CSV files")
    ap.add_argument("--out", default=HERE, help="where to write the .sql files")
    ap.add_argument("--no-verify", action="store_true",
                    help="do not check the inputs' SHA-256")
    a = ap.parse_args()

    digests = {}
    for name, want in sorted(EXPECTED_SHA256.items()):
        path = os.path.join(a.data, name)
        if not os.path.exists(path):
            die("missing input %s" % path)
        digests[name] = sha256(path)
        if digests[name] != want and not a.no_verify:
            die("%s has SHA-256 %s, expected %s (review the new snapshot, then "
                "update EXPECTED_SHA256 and SOURCES.md)" % (name, digests[name], want))

    states, state_names = load_states(a.data)
    iso3s = {s["iso3"] for s in states}
    regimes = load_regimes(a.data, iso3s)
    covered = {r[0] for r in regimes}
    mandates, mandate_names = load_mandates(iso3s)

    # 00 languages
    write(a.out, "00_languages.sql",
          header("00_languages.sql", "the six official UN languages")
          + upsert("languages", ["code", "sort", "autonym", "rtl"], ["code"],
                   LANGUAGES))

    # 10 regional groups
    text = header("10_regional_groups.sql",
                  "UN regional groups of Member States and their names")
    text += upsert("regional_groups", ["code", "sort"], ["code"],
                   [(c, s) for c, s, _ in REGIONAL_GROUPS])
    text += "\n" + upsert(
        "regional_group_names", ["code", "lang", "name"], ["code", "lang"],
        [(c, l, n[l]) for c, _, n in REGIONAL_GROUPS for l in LANGS])
    write(a.out, "10_regional_groups.sql", text)

    # 20 states
    text = header("20_states.sql",
                  "the 193 UN Member States and the 2 observer States, "
                  "with UNTERM names")
    text += upsert(
        "states",
        ["iso3", "iso2", "m49", "status", "regional_group",
         "regional_group_note", "m49_region", "m49_subregion",
         "m49_intermediate_region", "ldc", "lldc", "sids", "rotw_covered"],
        ["iso3"],
        [(s["iso3"], s["iso2"], s["m49"], s["status"], s["group"], s["note"],
          s["region"], s["subregion"], s["intermediate"], s["ldc"], s["lldc"],
          s["sids"], s["iso3"] in covered) for s in states])
    text += "\n" + upsert(
        "state_names",
        ["iso3", "lang", "short_name", "formal_name", "short_name_unterm"],
        ["iso3", "lang"], state_names)
    write(a.out, "20_states.sql", text)

    # 30 regimes: upsert, then remove any row no longer in the source, in
    # one statement (data-modifying CTE).
    text = header("30_regimes.sql",
                  "Regimes of the World (V-Dem v12, via Our World in Data), "
                  "%d-%d" % (REGIME_FIRST_YEAR, REGIME_LAST_YEAR))
    text += ("-- Attribution: Our World in Data, based on V-Dem (v12) and "
             "Lührmann, Tannenberg & Lindberg\n-- (2018) \"Regimes of the "
             "World (RoW)\". 0 closed autocracy, 1 electoral autocracy,\n"
             "-- 2 electoral democracy, 3 liberal democracy.\n\n")
    text += "WITH v (iso3, year, regime) AS (VALUES\n"
    text += ",\n".join("(%s, %d, %d)" % (q(i), y, r) for i, y, r in regimes)
    text += ("\n), up AS (\n"
             "  INSERT INTO regimes (iso3, year, regime)\n"
             "  SELECT iso3, year, regime FROM v\n"
             "  ON CONFLICT (iso3, year) DO UPDATE SET regime = EXCLUDED.regime\n"
             "  WHERE regimes.regime IS DISTINCT FROM EXCLUDED.regime\n"
             "  RETURNING 1\n)\n"
             "DELETE FROM regimes r\n"
             "WHERE NOT EXISTS (SELECT 1 FROM v WHERE v.iso3 = r.iso3 "
             "AND v.year = r.year);\n")
    write(a.out, "30_regimes.sql", text)

    # 40 mandates
    text = header("40_mandates.sql",
                  "Special Procedures mandates of the Human Rights Council "
                  "as of %s (from mandates.csv)" % MANDATES_AS_OF)
    text += upsert("mandates",
                   ["slug", "kind", "holder", "established", "country_iso3",
                    "short_name", "active"], ["slug"], mandates)
    text += "\n" + upsert("mandate_names", ["slug", "lang", "name"],
                          ["slug", "lang"], mandate_names)
    text += ("\n-- A mandate no longer in mandates.csv has ended: it is kept "
             "(communications\n-- refer to it) but marked inactive.\n"
             "UPDATE mandates SET active = false\nWHERE active AND slug NOT IN (\n")
    text += ",\n".join("    " + q(m[0]) for m in mandates) + ");\n"
    write(a.out, "40_mandates.sql", text)

    # 90 meta
    n_th = sum(1 for m in mandates if m[1] == "thematic")
    meta = [
        ("mandates_as_of", MANDATES_AS_OF),
        ("mandates_count", "%d thematic, %d country" % (n_th, len(mandates) - n_th)),
        ("mandates_source",
         "Hand-compiled list of the Special Procedures of the Human Rights "
         "Council (OHCHR lists of thematic and country mandates and Council "
         "resolutions), names in six languages; see sql/reference/SOURCES.md "
         "for uncertain entries."),
        ("states_source",
         "datasets/country-codes @ caa72d1e0e5af8876c170bb36a9e4d64a01bba88 "
         "(ODC PDDL): UNTERM names, M49; cross-checked with the UNSD M49 export"),
        ("regional_groups_source",
         "openclimatedata/countrygroups @ 4a913b2cef9d8e7ba6d23c69b73d203587d85236 "
         "(CC0), after UN DGACM; Türkiye primary group WEOG; observers: none"),
        ("regimes_source",
         "Our World in Data, political-regime (regime_row_owid), based on "
         "V-Dem v12 and Lührmann, Tannenberg & Lindberg (2018), Regimes of the "
         "World (RoW), Politics and Governance 6(1); OWID data CC BY 4.0"),
        ("regimes_years", "%d-%d" % (REGIME_FIRST_YEAR, REGIME_LAST_YEAR)),
        ("regimes_scale", "0 closed autocracy, 1 electoral autocracy, "
                          "2 electoral democracy, 3 liberal democracy"),
        ("regimes_not_covered", " ".join(sorted(iso3s - covered))),
    ]
    for name in sorted(digests):
        meta.append(("input_sha256:" + name, digests[name]))
    write(a.out, "90_meta.sql",
          header("90_meta.sql", "provenance of the reference data")
          + upsert("reference_meta", ["key", "value"], ["key"], meta))

    print("states %d (observers %d), names %d, regimes %d rows for %d states, "
          "mandates %d (%d thematic), mandate names %d"
          % (len(states), len(OBSERVERS), len(state_names), len(regimes),
             len(covered), len(mandates), n_th, len(mandate_names)))


if __name__ == "__main__":
    main()
