#!/usr/bin/env python3
"""Generates sample-data/: Bergen's EPHRT, 2018-T1 to 2020-T3.

Deterministic (fixed seed). The published figures (domain.md: Tables 5, 7, 9, 17, 18, 19,
Figure 5, new residents) are placed exactly; everything else is invented but plausible.
Run from the repository root: python3 scripts/generate_sample_data.py
"""
import os, random, datetime as dt

R = random.Random(2019)
NEEDS = random.Random(411)  # its own stream: the figures drawn before it stay as they were
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sample-data")

OLD = ["ph-arna-asane", "ph-bergenhus", "ph-fana-ytrebygda", "ph-fyllingsdalen", "ph-laksevag", "ph-arstad"]
NEW = ["ph-nord", "ph-sor", "ph-vest", "ph-sentrum"]
SUCC = {"ph-arna-asane": "ph-nord", "ph-fana-ytrebygda": "ph-sor", "ph-fyllingsdalen": "ph-vest",
        "ph-laksevag": "ph-vest", "ph-bergenhus": "ph-sentrum", "ph-arstad": "ph-sentrum"}
PREDS = {n: [o for o in OLD if SUCC[o] == n] for n in NEW}
TERTIALS = [(y, t) for y in (2018, 2019, 2020) for t in (1, 2, 3)]


def units_at(y, t):
    return OLD if y < 2020 else NEW


def tname(y, t):
    return f"{y}-T{t}"


def tend(y, t):
    m = t * 4
    nxt = dt.date(y + (m == 12), (m % 12) + 1, 1)
    return nxt - dt.timedelta(days=1)


def split(total, weights):
    """Integer split of total proportional to weights (largest remainder), exact sum."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    base = [int(x) for x in raw]
    rest = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - base[i], reverse=True)
    for i in order[:rest]:
        base[i] += 1
    return base


def write(name, header, rows, delim=";"):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(delim.join(header) + "\n")
        def field(v):
            # RFC 4180, as tertial's own writer: quoted when it holds the delimiter, a quote or a line break.
            t = "" if v is None else str(v)
            return '"' + t.replace('"', '""') + '"' if any(c in t for c in (delim, '"', "\n", "\r")) else t
        for r in rows:
            f.write(delim.join(field(v) for v in r) + "\n")


def num(v):
    if isinstance(v, float):
        s = f"{v:.1f}"
        return s.replace(".", ",")
    return v


# ---------------------------------------------------------------- units
UNITS = [
    ("ephrt", "Etat for psykisk helse og rustjenester", "", "etat", "", "", "", "Etaten"),
    ("ph-arna-asane", "Psykisk helse Arna/Åsane", "ephrt", "resultatenhet", "", "2020-02-29", "ph-nord", "Arna/Åsane"),
    ("ph-bergenhus", "Psykisk helse Bergenhus", "ephrt", "resultatenhet", "", "2020-02-29", "ph-sentrum", "Bergenhus"),
    ("ph-fana-ytrebygda", "Psykisk helse Fana/Ytrebygda", "ephrt", "resultatenhet", "", "2020-02-29", "ph-sor", "Fana/Ytrebygda"),
    ("ph-fyllingsdalen", "Psykisk helse Fyllingsdalen", "ephrt", "resultatenhet", "", "2020-02-29", "ph-vest", "Fyllingsdalen"),
    ("ph-laksevag", "Psykisk helse Laksevåg", "ephrt", "resultatenhet", "", "2020-02-29", "ph-vest", "Laksevåg"),
    ("ph-arstad", "Psykisk helse Årstad", "ephrt", "resultatenhet", "", "2020-02-29", "ph-sentrum", "Årstad"),
    ("ph-nord", "Bergen Nord", "ephrt", "byomrade", "2020-03-01", "", "", ""),
    ("ph-sor", "Bergen Sør", "ephrt", "byomrade", "2020-03-01", "", "", ""),
    ("ph-vest", "Bergen Vest", "ephrt", "byomrade", "2020-03-01", "", "", ""),
    ("ph-sentrum", "Bergen Sentrum", "ephrt", "byomrade", "2020-03-01", "", "", ""),
    ("ph-bosenter", "Behandling, bo- og ressursveiledning", "ephrt", "bosenter", "2020-03-01", "", "", "Bosentrene"),
    ("forvaltning", "Forvaltningsenhet for psykisk helse", "ephrt", "forvaltning", "", "", "", "Forvaltningen"),
]

# ---------------------------------------------------------------- published figures
# Table 18: staff with user experience (T1 2018 .. T3 2019); Fyllingsdalen T3 2019 stored as 0.
STAFF_UE = {
    "ph-bergenhus": [5, 2, 2, 1, 1, 1],
    "ph-fana-ytrebygda": [1, 2, 2, 2, 3, 3],
    "ph-fyllingsdalen": [12, 12, 12, 12, 12, 0],
    "ph-laksevag": [1, 6, 6, 7, 4, 5],
    "ph-arstad": [2, 0, 0, 0, 2, 2],
    "ph-arna-asane": [4, 4, 4, 4, 6, 6],
}
STAFF_UE_2020 = {"ph-nord": [6, 7, 7], "ph-sor": [3, 3, 4], "ph-vest": [17, 16, 17], "ph-sentrum": [3, 4, 5],
                 "ph-bosenter": [None, 2, 2]}
# Table 9: users in regular activity / users, T3 2019.
T9 = {"ph-bergenhus": (103, 306), "ph-fana-ytrebygda": (149, 270), "ph-fyllingsdalen": (40, 228),
      "ph-laksevag": (101, 233), "ph-arstad": (104, 259), "ph-arna-asane": (125, 307)}
# Table 5: PSS / PSYOPP users, 2019 (stored as the T3 2019 stock).
T5 = {"ph-bergenhus": (145, 121), "ph-fana-ytrebygda": (82, 123), "ph-fyllingsdalen": (86, 67),
      "ph-laksevag": (75, 79), "ph-arstad": (88, 132), "ph-arna-asane": (110, 134)}
# Table 19: children of users, 2019 T1..T3 totals.
T19 = {"due": [29, 23, 15], "held": [10, 1, 4], "noconsent": [12, 16, 11]}
# Table 17: IP, all units, 2019 T1..T3.
T17 = {(2019, 1): (184, 269, 174, 661), (2019, 2): (186, 286, 206, 669), (2019, 3): (180, 257, 196, 613)}

SIZE = {u: T9[u][1] for u in OLD}
SIZE.update({"ph-nord": 307, "ph-sor": 270, "ph-vest": 461, "ph-sentrum": 565})


def size(u, y, t):
    base = SIZE[u]
    drift = {2018: 0.96, 2019: 1.0, 2020: 1.03}[y] + (t - 2) * 0.01
    if (y, t) == (2019, 3):
        return base
    return int(round(base * drift + R.randint(-6, 6)))


# ---------------------------------------------------------------- indicators
INDICATORS = """# The scorecard (styringskort) of Etat for psykisk helse og rustjenester, Bergen.
# Names are the ones units see in Corporater; see sample-data/README.md for what is published.
indicators:
  # --- Brukere ---------------------------------------------------------------
  - id: service_users
    name: Brukere med tjenester
    perspective: Brukere
    category: e
    reported_by: [resultatenhet, byomrade]
  - id: activity_users
    per: service_users                # compared per 100 of this on screen 8 (Sammenlign)
    name: Brukere i fast aktivitet, arbeid eller skole
    perspective: Brukere
    category: b
    reported_by: [resultatenhet, byomrade]
  - id: activity_share
    name: Andel brukere i aktivitet, arbeid eller skole
    perspective: Brukere
    category: b
    source: formula
    formula: activity_users / service_users
    unit: percent
    direction: higher
    target: 50
    warn: 40
  - id: users_school_work
    per: service_users                # compared per 100 of this on screen 8 (Sammenlign)
    name: Brukere i skole eller arbeid
    perspective: Brukere
    category: e
    direction: higher
    reported_by: [resultatenhet, byomrade]
  - id: new_users
    name: Nye brukere
    perspective: Brukere
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade]
  - id: new_users_with_children
    name: Nye brukere med barn 0-18 år
    perspective: Brukere
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade]
  - id: children_conversation_due
    name: Barn som skal tilbys samtale
    perspective: Brukere
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade]
  - id: children_conversation_held
    name: Barnesamtaler gjennomført
    perspective: Brukere
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade]
  - id: children_no_consent
    name: Barnesamtaler ikke gjennomført (mangler samtykke)
    perspective: Brukere
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade]
  - id: children_conversation_rate
    name: Andel barn som har fått samtale
    perspective: Brukere
    category: e
    source: formula
    formula: children_conversation_held / children_conversation_due
    unit: percent
    direction: higher
    target: 90
    warn: 60
  - id: ip_target_group
    name: Brukere i målgruppen for IP
    perspective: Brukere
    category: b
    source: ip
    measure: target_group
  - id: ip_with_plan
    name: Brukere med individuell plan (IP)
    perspective: Brukere
    category: b
    source: ip
    measure: with_plan
    direction: higher
  - id: ip_group_without_plan
    per: ip_target_group                # compared per 100 of this on screen 8 (Sammenlign)
    name: Brukere med ansvarsgruppe uten IP
    perspective: Brukere
    category: b
    source: ip
    measure: group_without_plan
  - id: ip_declined
    name: Brukere som har takket nei til IP
    perspective: Brukere
    category: b
    source: ip
    measure: declined
  - id: ip_with_coordinator
    name: Brukere med koordinator
    perspective: Brukere
    category: e
    source: ip
    measure: with_coordinator
    direction: higher
  - id: ip_evaluation_overdue
    name: IP ikke evaluert siste 12 måneder
    perspective: Brukere
    category: e
    source: ip
    measure: evaluation_overdue
    direction: lower
  - id: ip_coverage
    name: IP-dekning i målgruppen
    perspective: Brukere
    category: b
    source: formula
    formula: ip_with_plan / ip_target_group
    unit: percent
    direction: higher
    target: 40
    warn: 25
  - id: ip_plan_or_group
    name: Brukere med IP og/eller ansvarsgruppe
    perspective: Brukere
    category: b
    source: ip
    measure: plan_or_group
    direction: higher
  - id: ip_plan_or_group_share
    name: Andel i målgruppen med IP og/eller ansvarsgruppe
    perspective: Brukere
    category: b
    source: formula
    formula: ip_plan_or_group / ip_target_group
    unit: percent
    direction: higher
    target: 95
    warn: 80
  - id: pss_users
    name: Brukere med psykisk helsearbeid i hjemmet (PSS)
    perspective: Brukere
    category: e
    reported_by: [resultatenhet, byomrade]
  - id: evening_weekend_needs
    per: service_users                # compared per 100 of this on screen 8 (Sammenlign)
    name: Brukere med behov for tjenester kveld, natt og helg
    description: Invented figures, shaped after the audit's finding (one district reported 6, others up to 100).
    perspective: Brukere
    category: e
    reported_by: [resultatenhet, byomrade]
  - id: psyopp_users
    name: Brukere med samtaleoppfølging (PSYOPP)
    perspective: Brukere
    category: e
    reported_by: [resultatenhet, byomrade]
  - id: user_satisfaction
    name: Brukertilfredshet
    perspective: Brukere
    category: e
    frequency: year
    unit: percent
    direction: higher
    over_units: mean
    target: 80
    warn: 70
    reported_by: [resultatenhet, byomrade]
  # --- Arbeidsprosesser --------------------------------------------------------
  - id: waitlist_total
    name: Søkere på venteliste, bolig
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: waiting
    frequency: month
    direction: lower
  - id: waitlist_ombps2
    name: Venteliste OMBPS2 (bolig tilknyttet boteam)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: waiting
    housing: OMBPS2
    frequency: month
    direction: lower
  - id: waitlist_ombps3
    name: Venteliste OMBPS3 (bofellesskap, dagbemanning)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: waiting
    housing: OMBPS3
    frequency: month
    direction: lower
  - id: waitlist_ombps4
    name: Venteliste OMBPS4 (bofellesskap, døgnbemanning)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: waiting
    housing: OMBPS4
    frequency: month
    direction: lower
  - id: waitlist_bosenter
    name: Venteliste bosenter (institusjon)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: waiting
    housing: BOSENTER
    frequency: month
    direction: lower
  - id: waitlist_discharge_ready
    name: Utskrivningsklare på venteliste
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: discharge_ready
    frequency: month
    direction: lower
  - id: waitlist_homeless
    name: Bostedsløse på venteliste
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: homeless
    frequency: month
    direction: lower
  - id: waitlist_median_wait
    name: Ventetid, median (dager)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: median_wait_days
    frequency: month
    unit: days
    direction: lower
    over_units: none
    target: 120
    warn: 180
  - id: waitlist_max_wait
    name: Lengste ventetid (dager)
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: max_wait_days
    frequency: month
    unit: days
    direction: lower
    over_units: none
  - id: waitlist_processing_breaches
    name: Søknader behandlet over 4 uker uten foreløpig svar
    perspective: Arbeidsprosesser
    category: e
    source: waitlist
    measure: processing_breaches
    over_time: sum
    direction: lower
    target: 0
    warn: 2
  - id: new_residents
    name: Nye beboere i tilrettelagte botilbud
    perspective: Arbeidsprosesser
    category: b
    source: waitlist
    measure: allocated
    housing: [OMBPS2, OMBPS3, OMBPS4]
    frequency: year
    over_time: sum
    direction: higher
  - id: incident_reports
    name: Meldte avvik (uønskede hendelser)
    perspective: Arbeidsprosesser
    category: e
    over_time: sum
    reported_by: [resultatenhet, byomrade, bosenter]
  # --- Medarbeidere ----------------------------------------------------------
  - id: staff_user_experience
    name: Ansatte med brukererfaring
    perspective: Medarbeidere
    category: e
    direction: higher
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: staff_external_supervision
    name: Ansatte i regelmessig ekstern veiledning
    perspective: Medarbeidere
    category: e
    direction: higher
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: staff_fte
    name: Årsverk
    perspective: Medarbeidere
    category: e
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: sick_leave
    name: Sykefravær
    perspective: Medarbeidere
    category: k
    frequency: month
    unit: percent
    direction: lower
    over_time: mean
    over_units: mean
    target: 7.5
    warn: 9
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: appraisal_due
    name: Ansatte (min. 40 % stilling) som skal ha medarbeidersamtale
    perspective: Medarbeidere
    category: e
    frequency: year
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: appraisal_held
    name: Gjennomførte medarbeidersamtaler
    perspective: Medarbeidere
    category: e
    frequency: year
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: appraisal_rate
    name: Andel med gjennomført medarbeidersamtale
    perspective: Medarbeidere
    category: e
    source: formula
    formula: appraisal_held / appraisal_due
    unit: percent
    direction: higher
    target: 90
    warn: 75
  - id: external_lectures
    name: Foredrag og undervisning utenfor etaten
    perspective: Medarbeidere
    category: e
    frequency: year
    reported_by: [resultatenhet, byomrade]
  # --- BrukerPlan (yearly mapping, brukerplan/YEAR.csv) ------------------------
  - id: bp_mapped
    name: "BrukerPlan: kartlagt"
    perspective: Brukere
    category: e
    source: brukerplan
    measure: mapped
  - id: bp_red_overall
    per: bp_mapped                      # compared per 100 of this on screen 8 (Sammenlign)
    name: "BrukerPlan: rød eller blodrød samlet"
    perspective: Brukere
    category: e
    source: brukerplan
    measure: red_overall
  - id: bp_red_share
    name: "BrukerPlan: andel rød eller blodrød samlet"
    perspective: Brukere
    category: e
    source: formula
    formula: bp_red_overall / bp_mapped
    unit: percent
  - id: bp_yellow_or_red
    name: "BrukerPlan: gul eller rød samlet"
    perspective: Brukere
    category: e
    source: brukerplan
    measure: yellow_or_red
  - id: bp_without_plan
    per: bp_yellow_or_red
    name: "BrukerPlan: gul/rød uten IP, annen plan eller ansvarsgruppe"
    perspective: Brukere
    category: e
    source: brukerplan
    measure: without_plan
    direction: lower
  - id: bp_without_plan_share
    name: "BrukerPlan: andel gul/rød uten plan"
    perspective: Brukere
    category: e
    source: formula
    formula: bp_without_plan / bp_yellow_or_red
    unit: percent
    direction: lower
  # --- Økonomi ---------------------------------------------------------------
  - id: budget_kr
    name: Budsjett i perioden
    perspective: Økonomi
    category: k
    unit: kr
    over_time: sum
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: spending_kr
    name: Regnskap i perioden
    perspective: Økonomi
    category: k
    unit: kr
    over_time: sum
    reported_by: [resultatenhet, byomrade, bosenter]
  - id: budget_usage
    name: Forbruk i prosent av budsjett
    perspective: Økonomi
    category: k
    source: formula
    formula: spending_kr / budget_kr
    unit: percent
    direction: lower
    target: 100
    warn: 103
"""

TARGETS = [
    ("staff_user_experience", "*", "", 9, 5),
    ("staff_external_supervision", "*", "", 20, 12),
    ("new_residents", "", "2018", 25, 18),
    ("new_residents", "", "2019", 20, 15),
    ("new_residents", "", "2020", 23, 17),
    ("waitlist_total", "", "", 25, 35),
    ("ip_coverage", "ph-vest", "2020-T1", 35, 25),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    write("units.csv", ["id", "name", "parent", "kind", "from", "to", "successor", "short"], UNITS)
    with open(os.path.join(OUT, "indicators.yaml"), "w", encoding="utf-8") as f:
        f.write(INDICATORS)
    write("targets.csv", ["indicator", "unit", "from", "target", "warn"], [(a, b, c, num(d), num(e)) for a, b, c, d, e in TARGETS])
    reports()
    waitlist()
    ip()
    brukerplan()


# ---------------------------------------------------------------- reports
MISSING = {("2020-T3", "ph-sentrum", "staff_external_supervision"), ("2020-T3", "ph-sentrum", "new_users_with_children"),
           ("2020-T3", "ph-bosenter", "incident_reports"), ("2020-T2", "ph-sor", "pss_users"),
           ("2020-T3", "ph-sor", "users_school_work")}
COMMENTS = {
    ("2019-T3", "ph-fyllingsdalen", "activity_users"): "Mange nye brukere høsten 2019; aktivitetstilbudet har ventetid.",
    ("2019-T3", "ph-arstad", "activity_users"): "Aktivitetssenteret var stengt i oktober (vannskade).",
    ("2019-T2", "ph-bergenhus", "staff_user_experience"): "Én erfaringskonsulent i permisjon.",
    ("2019-T3", "ph-laksevag", "children_conversation_held"): "Samtykke mangler i flere saker; tas opp i driftsoppfølging.",
    ("2020-T1", "ph-vest", "staff_user_experience"): "Første rapport etter sammenslåingen av Laksevåg og Fyllingsdalen.",
    ("2020-T3", "ph-nord", "users_school_work"): "Tallet kan ikke hentes ut av Profil denne perioden.",
}


def reports():
    by_file = {}
    for (y, t) in TERTIALS:
        per = tname(y, t)
        rows = by_file.setdefault(f"reports/{per}.csv", [])
        units = units_at(y, t)
        ti = TERTIALS.index((y, t))
        # users
        for u in units:
            n = size(u, y, t)
            if (y, t) == (2019, 3):
                act = T9[u][0]
            else:
                share = {2018: 0.49, 2019: 0.44 - 0.02 * (t - 1), 2020: 0.41 + 0.015 * t}[y]
                act = int(round(n * (share + R.uniform(-0.04, 0.04))))
            rows.append((per, u, "service_users", n))
            rows.append((per, u, "activity_users", act))
            sw = int(round(n * R.uniform(0.10, 0.15) * (0.8 if (y, t) == (2019, 3) else 1)))
            rows.append((per, u, "users_school_work", "" if (per, u) == ("2020-T3", "ph-nord") else sw))
            nu = R.randint(28, 55)
            rows.append((per, u, "new_users", nu))
            rows.append((per, u, "new_users_with_children", R.randint(4, max(5, nu // 4))))
            if y == 2019:
                w = [SIZE[x] for x in units]
                due = split(T19["due"][t - 1], w)[units.index(u)]
                held = split(T19["held"][t - 1], w)[units.index(u)]
                nc = split(T19["noconsent"][t - 1], w)[units.index(u)]
            else:
                due = R.randint(2, 7) * (2 if u in ("ph-vest", "ph-sentrum") else 1)
                held = R.randint(0, due // 2)
                nc = R.randint(0, due - held)
            rows.append((per, u, "children_conversation_due", due))
            rows.append((per, u, "children_conversation_held", held))
            rows.append((per, u, "children_no_consent", nc))
            if (y, t) == (2019, 3):
                pss, psy = T5[u]
            else:
                base = T5[u] if u in T5 else tuple(sum(T5[p][k] for p in PREDS[u]) for k in (0, 1))
                pss, psy = (int(round(b * R.uniform(0.9, 1.08))) for b in base)
            rows.append((per, u, "pss_users", pss))
            rows.append((per, u, "psyopp_users", psy))
        # staff and money: also the bosenter unit from 2020
        staff_units = units + (["ph-bosenter"] if y == 2020 else [])
        for u in staff_units:
            if y < 2020:
                sue = STAFF_UE[u][ti]
            else:
                sue = STAFF_UE_2020[u][t - 1]
            if sue is not None:
                rows.append((per, u, "staff_user_experience", sue))
            fte = (38 if u == "ph-bosenter" else int(SIZE[u] / 6.5))
            rows.append((per, u, "staff_fte", fte + R.randint(-2, 2)))
            rows.append((per, u, "staff_external_supervision", int(fte * R.uniform(0.35, 0.6))))
            rows.append((per, u, "incident_reports", R.randint(3, 25)))
            budget = fte * 230_000 + R.randint(-50, 50) * 1000
            spend = int(budget * R.uniform(0.96, 1.06))
            rows.append((per, u, "budget_kr", budget))
            rows.append((per, u, "spending_kr", spend))
        # a unit reconciling register figures it also counted by hand
        if (y, t) == (2020, 3):
            rows.append((per, "ph-vest", "ip_with_plan", 47))
        if (y, t) == (2019, 3):
            rows.append((per, "ph-arna-asane", "ip_target_group", 128))
        # Needs for evening, night and weekend services (invented): one district counts only
        # its 6 users with a decision for it, the others everyone who needs it (the audit's
        # "seks brukere" against "opptil 100"). Appended, so earlier lines keep their numbers.
        narrow = "ph-sentrum" if y == 2020 else "ph-bergenhus"
        for u in units:
            rows.append((per, u, "evening_weekend_needs", 6 if u == narrow else int(SIZE[u] * NEEDS.uniform(0.14, 0.30))))
    # yearly forms
    for y in (2018, 2019, 2020):
        rows = by_file.setdefault(f"reports/{y}-aarlig.csv", [])
        units = OLD if y < 2020 else NEW + ["ph-bosenter"]
        for u in units:
            fte = (38 if u == "ph-bosenter" else int(SIZE[u] / 6.5))
            due = fte + R.randint(0, 6)
            rows.append((str(y), u, "appraisal_due", due))
            rows.append((str(y), u, "appraisal_held", int(due * R.uniform(0.7, 0.97))))
            if u != "ph-bosenter":
                rows.append((str(y), u, "user_satisfaction", num(round(R.uniform(68, 88), 1))))
                rows.append((str(y), u, "external_lectures", R.randint(2, 14)))
    # monthly sick leave (one file per year)
    for y in (2018, 2019, 2020):
        rows = by_file.setdefault(f"reports/{y}-sykefravaer.csv", [])
        for m in range(1, 13):
            units = OLD if (y < 2020 or m <= 2) else NEW + ["ph-bosenter"]
            for u in units:
                rows.append((f"{y}-{m:02d}", u, "sick_leave", num(round(R.uniform(5.0, 11.5), 1))))
    for name, rows in by_file.items():
        out = []
        for r in rows:
            key = (r[0], r[1], r[2])
            if key in MISSING:
                continue
            out.append((r[0], r[1], r[2], num(r[3]) if isinstance(r[3], float) else r[3], COMMENTS.get(key, "")))
        write(name, ["period", "unit", "indicator", "value", "comment"], out)


# ---------------------------------------------------------------- waitlist
# Month-end waiting per category, Jan 2018 .. Dec 2020 (Figure 5: Jul-Dec 2019 within the
# published ranges; Table 7: Dec 2019 = 10/10/13/2; 36 waiting at 31 Dec 2018).
SERIES = {
    "OMBPS2": [7, 7, 8, 8, 9, 9, 8, 8, 7, 8, 8, 8, 7, 6, 6, 5, 4, 4, 3, 5, 7, 8, 9, 10, 10, 9, 9, 8, 8, 7, 7, 8, 8, 9, 9, 9],
    "OMBPS3": [9, 10, 10, 11, 10, 10, 9, 10, 11, 10, 10, 10, 11, 10, 10, 9, 9, 9, 8, 11, 15, 13, 12, 10, 10, 11, 11, 10, 10, 9, 9, 10, 11, 10, 10, 11],
    "OMBPS4": [14, 14, 15, 15, 16, 15, 15, 14, 15, 15, 15, 15, 15, 16, 15, 14, 14, 15, 14, 16, 15, 14, 13, 13, 13, 14, 14, 15, 14, 13, 13, 14, 14, 13, 13, 12],
    "BOSENTER": [2, 3, 3, 3, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 3, 3, 4, 3, 3, 2, 3, 2, 2, 3, 3, 3, 2, 2, 3, 3, 2, 2, 3, 3],
}
START = {"OMBPS2": 7, "OMBPS3": 9, "OMBPS4": 14, "BOSENTER": 2}
# Allocations (new residents) per year and category: OMBPS2-4 sum to 14 (2018), 17 (2019).
ALLOC = {2018: {"OMBPS2": 5, "OMBPS3": 4, "OMBPS4": 5, "BOSENTER": 5},
         2019: {"OMBPS2": 7, "OMBPS3": 5, "OMBPS4": 5, "BOSENTER": 6},
         2020: {"OMBPS2": 6, "OMBPS3": 6, "OMBPS4": 7, "BOSENTER": 6}}
TABLE7 = {  # living_now -> per category, waiting on 31 Dec 2019
    "bostedslos": {"OMBPS2": 0, "OMBPS3": 3, "OMBPS4": 1, "BOSENTER": 0},
    "annet_omsorgsniva": {"OMBPS2": 8, "OMBPS3": 6, "OMBPS4": 6, "BOSENTER": 0},
    "helse_bergen": {"OMBPS2": 2, "OMBPS3": 0, "OMBPS4": 4, "BOSENTER": 1},
    "dps": {"OMBPS2": 0, "OMBPS3": 1, "OMBPS4": 2, "BOSENTER": 1},
    "kjop_av_plass": {"OMBPS2": 0, "OMBPS3": 0, "OMBPS4": 0, "BOSENTER": 0},
}
LEFT_REASONS = ["Takket nei til tilbud", "Flyttet fra kommunen", "Behov endret", "Død"]


def month_days(y, m):
    nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - dt.date(y, m, 1)).days


def unit_for(day):
    w = [SIZE[u] for u in OLD]
    if day < dt.date(2020, 3, 1):
        return R.choices(OLD, weights=w)[0]
    return R.choices(NEW, weights=[SIZE[u] for u in NEW])[0]


def waitlist():
    cases = []
    counter = [0]

    def new_case(cat, granted):
        counter[0] += 1
        proc = R.choice([9, 14, 18, 21, 25, 27, 31, 35, 42, 49, 56, 63])
        received = granted - dt.timedelta(days=proc)
        interim = None
        if proc > 28 and R.random() < 0.3:
            interim = received + dt.timedelta(days=R.randint(10, 27))
        c = {"case": f"VL-{granted.year}-{counter[0]:04d}", "unit": unit_for(granted), "housing": cat,
             "received": received, "granted": granted, "interim": interim, "allocated": None, "left": None,
             "reason": "", "living": None, "dr": False}
        cases.append(c)
        return c

    for cat in SERIES:
        waiting = []
        for k in range(START[cat]):
            waiting.append(new_case(cat, dt.date(2017, 1, 1) + dt.timedelta(days=R.randint(0, 360))))
        prev = START[cat]
        for mi, target in enumerate(SERIES[cat]):
            y, m = 2018 + mi // 12, mi % 12 + 1
            # allocations this month: spread the year's allocations over months
            yearly = ALLOC[y][cat]
            months_with = sorted(random.Random(sum(map(ord, cat)) * 10000 + y).sample(range(1, 13), min(12, yearly)))
            alloc_n = 1 if m in months_with else 0
            alloc_n = min(alloc_n, prev)
            arrivals = target - prev + alloc_n
            left_n = 0
            if arrivals < 0:
                left_n = -arrivals
                arrivals = 0
            elif arrivals == 0 and prev > 3 and R.random() < 0.15:
                left_n, arrivals = 1, 1
            waiting.sort(key=lambda c: c["granted"])
            for k in range(alloc_n):
                c = waiting.pop(0 if R.random() < 0.7 else min(1, len(waiting) - 1))
                c["allocated"] = dt.date(y, m, R.randint(1, month_days(y, m)))
            for k in range(left_n):
                c = waiting.pop(R.randrange(len(waiting)))
                c["left"] = dt.date(y, m, R.randint(1, month_days(y, m)))
                c["reason"] = R.choice(LEFT_REASONS)
            for k in range(arrivals):
                waiting.append(new_case(cat, dt.date(y, m, R.randint(1, month_days(y, m)))))
            prev = target

    # living situation: Table 7 exactly for cases waiting on 31 Dec 2019
    d = dt.date(2019, 12, 31)
    def waiting_on(c, day):
        end = c["allocated"] or c["left"]
        return c["granted"] <= day and (end is None or end > day)
    for cat in SERIES:
        pool = [c for c in cases if c["housing"] == cat and waiting_on(c, d)]
        R.shuffle(pool)
        for living, per_cat in TABLE7.items():
            for _ in range(per_cat[cat]):
                pool.pop()["living"] = living
        assert not pool, (cat, len(pool))
    # 9 discharge-ready on 31 Dec 2019: every Helse Bergen applicant and two at a DPS
    dps = [c for c in cases if waiting_on(c, d) and c["living"] == "dps"]
    for c in cases:
        if waiting_on(c, d) and c["living"] == "helse_bergen":
            c["dr"] = True
    for c in sorted(dps, key=lambda c: c["case"])[:2]:
        c["dr"] = True
    for c in cases:
        if c["living"] is None:
            c["living"] = R.choices(["bostedslos", "annet_omsorgsniva", "helse_bergen", "dps", "kjop_av_plass", "annet"],
                                    weights=[10, 45, 15, 12, 5, 13])[0]
            c["dr"] = c["living"] in ("helse_bergen", "dps") and R.random() < 0.7
    # Apply is hand-written for new_residents check: allocations of OMBPS2-4 per year
    for y, want in ((2018, 14), (2019, 17)):
        got = sum(1 for c in cases if c["allocated"] and c["allocated"].year == y and c["housing"] != "BOSENTER")
        assert got == want, (y, got, want)
    cases.sort(key=lambda c: (c["granted"], c["case"]))
    f = lambda x: x.isoformat() if x else ""
    rows = [(c["case"], c["unit"], c["housing"], f(c["received"]), f(c["granted"]), f(c["interim"]), f(c["allocated"]),
             f(c["left"]), c["reason"], c["living"], "ja" if c["dr"] else "nei") for c in cases]
    write("waitlist.csv", ["case", "unit", "housing", "received", "granted", "interim_reply", "allocated", "left",
                           "left_reason", "living_now", "discharge_ready"], rows)


# ---------------------------------------------------------------- IP register
def ip():
    for (y, t) in TERTIALS:
        units = units_at(y, t) + (["ph-bosenter"] if y == 2020 else [])
        w = [SIZE.get(u, 60) for u in units]
        if (y, t) in T17:
            plan, gwp, dec, tg = T17[(y, t)]
        else:
            tg = int(640 * {2018: 0.97, 2020: 1.04}[y] + R.randint(-15, 15))
            plan = int(tg * R.uniform(0.26, 0.31))
            gwp = int(tg * R.uniform(0.38, 0.44))
            dec = int(tg * R.uniform(0.26, 0.31))
        tgs, plans, gwps, decs = split(tg, w), split(plan, w), split(gwp, w), split(dec, w)
        snap = tend(y, t)
        rows = []
        n = 0
        for k, u in enumerate(units):
            # declined users who have an ansvarsgruppe overlap with gwp as needed to fit the target group
            overlap = max(0, plans[k] + gwps[k] + decs[k] - tgs[k])
            overlap = min(gwps[k], overlap + R.randint(0, 3))
            rest = tgs[k] - plans[k] - gwps[k] - (decs[k] - overlap)
            assert rest >= 0, (u, y, t)
            users = []
            for i in range(plans[k]):
                r = R.random()
                if r < 0.2:
                    ev = snap - dt.timedelta(days=R.randint(380, 900))
                elif r < 0.27:
                    ev = None
                else:
                    ev = snap - dt.timedelta(days=R.randint(10, 360))
                users.append((True, True, R.random() < 0.6, False, R.random() < 0.92, ev))
            for i in range(gwps[k]):
                users.append((True, False, True, i < overlap, R.random() < 0.5, None))
            for i in range(decs[k] - overlap):
                users.append((True, False, False, True, R.random() < 0.2, None))
            for i in range(rest):
                users.append((True, False, False, False, R.random() < 0.1, None))
            for i in range(int(tgs[k] * 0.25)):
                users.append((False, False, R.random() < 0.1, False, False, None))
            R.shuffle(users)
            for (tgv, pl, gr, de, co, ev) in users:
                n += 1
                yn = lambda b: "ja" if b else "nei"
                rows.append((f"B{n:05d}", u, yn(tgv), yn(pl), yn(gr), yn(de), yn(co), ev.isoformat() if ev else ""))
        write(f"ip/{tname(y, t)}.csv", ["user", "unit", "target_group", "plan", "group", "declined", "coordinator", "evaluated"], rows)



# ---------------------------------------------------------------- BrukerPlan
# 2014: the city-wide figures of the BrukerPlan mapping of recipients with mental health
# problems (domain.md, seed 002 part B), reproduced exactly; the split over the six
# districts, the age bands, and the 2020 mapping are invented.
BP = random.Random(2014)  # its own stream: the files above stay as they were
BP_AREAS = ["finances", "mental_health", "physical_health", "housing", "social_skills", "network", "work_activity"]
# Green / yellow / red per area (work/activity is stated; the others are counts that round
# to the stated percentages of 1845).
BP_2014_AREAS = {"finances": (1218, 535, 92), "mental_health": (185, 1420, 240), "physical_health": (990, 750, 105),
                 "housing": (1568, 240, 37), "social_skills": (720, 996, 129), "network": (664, 1052, 129)}
# Work/activity (rows) by overall level (green, yellow, red, blood-red): the stated cross-table.
BP_2014_WORK = {"red": (0, 96, 336, 13), "yellow": (0, 570, 166, 1), "green": (79, 563, 21, 0)}
# With IP, another plan or an ansvarsgruppe, per overall level: 4 of 79 green (not stated;
# at most 10 can be, see sample-data/README.md), 846 of 1229, 357 of 523, 12 of 14.
BP_2014_ANY_PLAN = (4, 846, 357, 12)
# Age bands (sizes invented) and IP per band, so that IP is 15/18/11/10/4 % and 206 in all.
BP_2014_BANDS = [("18-25", 220, 33, 1), ("26-35", 350, 63, 10), ("36-45", 420, 47, 13), ("46-55", 450, 46, 14), ("56+", 405, 17, 20)]
BP_LEVELS = ["grønn", "gul", "rød", "blodrød"]


def bp_score(level):
    return {0: "1", 1: str(BP.randint(2, 4)), 2: "5"}[level]


def bp_areas(people, quotas):
    """Gives each area its exact green/yellow/red counts, the worse levels to those worse overall."""
    for area, (g, y, r) in quotas.items():
        order = sorted(range(len(people)), key=lambda k: people[k]["overall"] + BP.gauss(0, 0.9), reverse=True)
        for rank, k in enumerate(order):
            people[k][area] = 2 if rank < r else (1 if rank < r + y else 0)


def bp_write(year, people, units, weights):
    rows = []
    BP.shuffle(people)
    n = 0
    for p in people:
        n += 1
        u = BP.choices(units, weights)[0]
        yn = lambda b: "ja" if b else "nei"
        rows.append((f"K{year % 100:02d}{n:05d}", u, p["age"], p["gender"]) + tuple(bp_score(p[a]) for a in BP_AREAS)
                    + (BP_LEVELS[p["overall"]], yn(p["ip"]), yn(p["other"]), yn(p["group"]), yn(p["coord"]), yn(p["crisis"])))
    rows.sort(key=lambda r: (units.index(r[1]), r[0]))
    write(f"brukerplan/{year}.csv", ["user", "unit", "age_band", "gender"] + BP_AREAS
          + ["overall", "ip", "other_plan", "group", "coordinator_only", "short_term_crisis"], rows)


def bp_plans(people, any_plan, ip_total, other_total, group_total, overlap, bands):
    """Plans: exactly `any_plan[level]` per overall level have IP, another plan or a group;
    IP per age band as given; `overlap` IP holders also have a group."""
    holders = []
    for lvl in range(4):
        at = [p for p in people if p["overall"] == lvl]
        for p in BP.sample(at, any_plan[lvl]):
            p["plan"] = True
            holders.append(p)
    for band, _, ips, coords in bands:
        cand = [p for p in holders if p["age"] == band and not p["ip"]]
        for p in BP.sample(cand, ips):
            p["ip"] = True
        without = [p for p in people if p["age"] == band and not p["plan"]]
        for p in BP.sample(without, coords):
            p["coord"] = True
    rest = [p for p in holders if not p["ip"]]
    BP.shuffle(rest)
    primary_group = group_total - overlap
    assert len(rest) == other_total + primary_group, (len(rest), other_total, primary_group)
    for k, p in enumerate(rest):
        if k < other_total:
            p["other"] = True
        else:
            p["group"] = True
    for p in BP.sample([p for p in holders if p["ip"]], overlap):
        p["group"] = True


def brukerplan():
    people = []
    for work, counts in BP_2014_WORK.items():
        for lvl, c in enumerate(counts):
            for _ in range(c):
                people.append({"work_activity": {"green": 0, "yellow": 1, "red": 2}[work], "overall": lvl,
                               "ip": False, "other": False, "group": False, "coord": False, "plan": False, "crisis": False})
    assert len(people) == 1845
    ages = [band for band, size, _, _ in BP_2014_BANDS for _ in range(size)]
    BP.shuffle(ages)
    for p, a in zip(people, ages):
        p["age"] = a
    genders = ["mann"] * 838 + ["kvinne"] * 1007
    BP.shuffle(genders)
    for p, g in zip(people, genders):
        p["gender"] = g
    for p in BP.sample([p for p in people if p["overall"] <= 1], 90):
        p["crisis"] = True
    bp_plans(people, BP_2014_ANY_PLAN, 206, 629, 390, 6, BP_2014_BANDS)
    bp_areas(people, BP_2014_AREAS)
    bp_write(2014, people, OLD, [0.21, 0.17, 0.2, 0.12, 0.12, 0.18])

    # 2020 (invented): the four byområder and the bosenter unit, a somewhat larger mapping
    # with more IPs and fewer without any plan.
    people = []
    for _ in range(1912):
        o = BP.choices([0, 1, 2, 3], [0.045, 0.655, 0.285, 0.015])[0]
        work = {0: 0, 1: BP.choices([0, 1, 2], [0.46, 0.46, 0.08])[0], 2: BP.choices([0, 1, 2], [0.04, 0.32, 0.64])[0],
                3: BP.choices([1, 2], [0.1, 0.9])[0]}[o]
        people.append({"work_activity": work, "overall": o, "ip": False, "other": False, "group": False, "coord": False,
                       "plan": False, "crisis": BP.random() < 0.045 and o <= 1})
    for p in people:
        p["age"] = BP.choices(["18-25", "26-35", "36-45", "46-55", "56+"], [0.13, 0.2, 0.22, 0.24, 0.21])[0]
        p["gender"] = "mann" if BP.random() < 0.46 else "kvinne"
    counts = [sum(1 for p in people if p["overall"] == l) for l in range(4)]
    any_plan = (int(counts[0] * 0.05), int(counts[1] * 0.74), int(counts[2] * 0.75), counts[3] - 1)
    holders = sum(any_plan)
    ip_total = 0
    bands = []
    for band, share in [("18-25", 0.2), ("26-35", 0.22), ("36-45", 0.15), ("46-55", 0.13), ("56+", 0.07)]:
        n = sum(1 for p in people if p["age"] == band)
        bands.append((band, n, int(n * share), int(n * 0.03)))
        ip_total += int(n * share)
    group_total = int(holders * 0.3)
    bp_plans(people, any_plan, ip_total, holders - ip_total - (group_total - 10), group_total, 10, bands)
    total = len(people)
    quotas = {a: (round(total * g), round(total * y), total - round(total * g) - round(total * y))
              for a, (g, y) in {"finances": (0.65, 0.30), "mental_health": (0.11, 0.76), "physical_health": (0.53, 0.41),
                                "housing": (0.84, 0.14), "social_skills": (0.40, 0.53), "network": (0.37, 0.56)}.items()}
    bp_areas(people, quotas)
    bp_write(2020, people, NEW + ["ph-bosenter"], [0.25, 0.24, 0.2, 0.24, 0.07])


if __name__ == "__main__":
    main()
