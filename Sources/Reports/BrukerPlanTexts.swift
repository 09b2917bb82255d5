import Model

/// The catalogue of BrukerPlan's sentences, on its screen and in the report. Counts come
/// formatted (the screen's and the report's formatter each suppress small counts their own
/// way); years and names as they are.
public enum BrukerPlanTexts {
    /// The screen's title: `BrukerPlan · Bergen Vest · kartlegging 2014 · 1 912 kartlagt`.
    public static func title(unit: String, year: Int, mapped: String) -> Sentence {
        Sentence(nb: "BrukerPlan · \(unit) · kartlegging \(year) · \(mapped) kartlagt", en: "BrukerPlan · \(unit) · mapping \(year) · \(mapped) mapped")
    }

    public static func noneMapped(year: Int, unit: String) -> Sentence {
        Sentence(nb: "Ingen kartlagte i \(year) for \(unit) (y: et annet kartleggingsår)", en: "Nobody mapped in \(year) for \(unit) (y: another mapping year)")
    }

    /// A row's counts per level; blood-red only for the overall level, and those not mapped on
    /// an area when there are any.
    public static func counts(green: String, yellow: String, red: String, bloodRed: String?, total: String, notMapped: Int) -> Sentence {
        let nbBlood = bloodRed.map { " · blodrød \($0)" } ?? "", enBlood = bloodRed.map { " · blood-red \($0)" } ?? ""
        let nbOut = notMapped > 0 ? " (ikke kartlagt på området: \(notMapped))" : "", enOut = notMapped > 0 ? " (not mapped on the area: \(notMapped))" : ""
        return Sentence(nb: "Grønn \(green) · gul \(yellow) · rød \(red)\(nbBlood) av \(total) kartlagt\(nbOut)",
                        en: "Green \(green) · yellow \(yellow) · red \(red)\(enBlood) of \(total) mapped\(enOut)")
    }

    /// The etat's shares in the same year, under a unit's row.
    public static func etatShares(year: Int, _ row: BrukerPlanRow) -> Sentence {
        Sentence(nb: "Etaten \(year): \(L10n(.nb).levelShares(row))", en: "The etat \(year): \(L10n(.en).levelShares(row))")
    }

    /// The shares of the previous mapping, under a row.
    public static func previousShares(year: Int, _ row: BrukerPlanRow) -> Sentence {
        Sentence(nb: "Kartlegging \(year): \(L10n(.nb).levelShares(row))", en: "Mapping \(year): \(L10n(.en).levelShares(row))")
    }

    public static func withoutPlan(_ without: String, of total: String, share: String, bloodRedWithout: String) -> Sentence {
        Sentence(nb: "Gul eller rød samlet uten IP, annen plan eller ansvarsgruppe: \(without) av \(total) (\(share)) · blodrød uten plan: \(bloodRedWithout)",
                 en: "Yellow or red overall with neither IP, other plan nor responsibility group: \(without) of \(total) (\(share)) · blood-red without a plan: \(bloodRedWithout)")
    }

    public static func plans(ip: String, otherPlans: String, group: String, coordinatorOnly: String, crisis: String, men: String, women: String) -> Sentence {
        Sentence(nb: "IP \(ip) · andre planer \(otherPlans) · ansvarsgruppe \(group) · kun koordinator \(coordinatorOnly) · kortvarig krise \(crisis) · menn \(men), kvinner \(women)",
                 en: "IP \(ip) · other plans \(otherPlans) · responsibility group \(group) · coordinator only \(coordinatorOnly) · short-term crisis \(crisis) · men \(men), women \(women)")
    }

    public static func unitsTitle(year: Int, unit: String) -> Sentence {
        Sentence(nb: "BrukerPlan \(year) · \(unit): flest uten plan først", en: "BrukerPlan \(year) · \(unit): most without a plan first")
    }

    /// The report section's first paragraph.
    public static func reportIntro(year: Int, unit: String, mapped: String) -> Sentence {
        Sentence(nb: "Kartleggingen \(year) for \(unit): \(mapped) tjenestemottakere. Samlet funksjonsnivå er BrukerPlans indeks; områdene er skåret 1–5 (1 grønn, 2–4 gul, 5 rød).",
                 en: "The \(year) mapping for \(unit): \(mapped) recipients. The overall level is BrukerPlan's index; the areas are scored 1–5 (1 green, 2–4 yellow, 5 red).")
    }

    public static func reportPrevious(year: Int) -> Sentence {
        Sentence(nb: "Forrige kartlegging: \(year).", en: "Previous mapping: \(year).")
    }
}
