import Model


/// Every user-facing word of reports and the dashboard, in both languages.
public struct L10n: Sendable {
    public let lang: Lang
    public init(_ lang: Lang) { self.lang = lang }

    /// The catalogue of the domain's enums (status, origin, housing, …) writes its pairs
    /// through this, as every catalogue does (`Sentence`).
    fileprivate func t(_ nb: String, _ en: String) -> String { Sentence(nb: nb, en: en).text(lang) }

    public func status(_ s: Status) -> String {
        switch s {
        case .green: t("grønn", "green")
        case .yellow: t("gul", "yellow")
        case .red: t("rød", "red")
        case .missing: t("mangler", "missing")
        case .none: t("–", "–")
        }
    }

    /// Symbol and word, or nothing for a value without a status.
    public func statusText(_ s: Status, unicode: Bool = true) -> String {
        s == .none ? "" : L10n.symbol(s, unicode: unicode) + " " + status(s)
    }

    /// A symbol for each status, so colour is never the only signal.
    public static func symbol(_ s: Status, unicode: Bool = true) -> String {
        switch s {
        case .green: unicode ? "●" : "+"
        case .yellow: unicode ? "▲" : "o" // "!" is the data-quality mark
        case .red: unicode ? "✖" : "x"
        case .missing: unicode ? "?" : "?"
        case .none: unicode ? "·" : "."
        }
    }

    /// A share as people read it: `98,9 %` (one decimal, the language's decimal mark; never
    /// 100,0 % for less than all, see `Format.plain`).
    public func percent(_ v: Double) -> String { Format.plain(v, .percent, decimalComma: lang == .nb) + " %" }


    /// A date as people write it: `31.12.2019` in bokmål, `2019-12-31` in English.
    public func date(_ d: Day) -> String { lang == .nb ? d.norwegian : d.description }

    public func period(_ p: Period) -> String {
        switch p.kind {
        case .tertial: return "T\(p.index) \(p.year)"
        case .year: return "\(p.year)"
        case .month:
            let nb = ["jan", "feb", "mar", "apr", "mai", "jun", "jul", "aug", "sep", "okt", "nov", "des"]
            let en = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\((lang == .nb ? nb : en)[p.index - 1]) \(p.year)"
        }
    }

    public func periodLong(_ p: Period) -> String {
        switch p.kind {
        case .tertial: return t("\(p.index). tertial \(p.year)", "\(["1st", "2nd", "3rd"][p.index - 1]) tertial \(p.year)")
        default: return period(p)
        }
    }

    public func origin(_ o: ValueOrigin) -> String {
        switch o {
        case .reported: t("rapportert", "reported")
        case .register: t("beregnet fra register", "computed from register")
        case .formula: t("beregnet (formel)", "computed (formula)")
        case .dividedByZero: t("delt på 0", "divided by 0")
        case .operandsIncomplete: t("ikke vist: teller eller nevner mangler enheter", "not shown: numerator or denominator lacks units")
        case .aggregated: t("summert fra enhetene", "aggregated from units")
        case .carried: t("fra forgjengerenhetene", "carried from predecessors")
        case .overTime: t("samlet over perioden", "aggregated over the period")
        case .none: t("ingen verdi", "no value")
        }
    }

    public func housing(_ h: Housing) -> String {
        switch h {
        case .ombps2: "OMBPS2"
        case .ombps3: "OMBPS3"
        case .ombps4: "OMBPS4"
        case .bosenter: t("Bosenter", "Bosenter")
        }
    }

    public func housingDescription(_ h: Housing) -> String {
        switch h {
        case .ombps2: t("bolig tilknyttet boteam", "flat linked to a housing team")
        case .ombps3: t("bofellesskap, dagbemanning", "shared housing, day staff")
        case .ombps4: t("bofellesskap, døgnbemanning", "shared housing, 24-hour staff")
        case .bosenter: t("institusjon", "institution")
        }
    }

    public func living(_ l: LivingNow?) -> String {
        guard let l else { return t("ikke oppgitt", "not recorded") }
        switch l {
        case .bostedslos: return t("Bostedsløs", "Homeless")
        case .annetOmsorgsniva: return t("Annet omsorgsnivå", "Other care level")
        case .helseBergen: return "Helse Bergen"
        case .dps: return "DPS"
        case .kjopAvPlass: return t("Kjøp av plass", "Bought place")
        case .annet: return t("Annet", "Other")
        }
    }

    public func perspective(_ p: Perspective) -> String {
        switch p {
        case .users: t("Brukere", "Users")
        case .workProcesses: t("Arbeidsprosesser", "Work processes")
        case .staff: t("Medarbeidere", "Staff")
        case .finance: t("Økonomi", "Finance")
        case .other(let word): word
        }
    }

    /// A data-quality warning as a sentence.
    /// A data-quality warning in words. A case's pseudonymous id is named only `withCases`
    /// (`--with-cases`, and the dashboard); otherwise "a case" (the warning's source line
    /// still locates it in waitlist.csv for whoever keeps that file).
    public func quality(_ w: QualityWarning, snapshot: Snapshot, unicode: Bool = true, withCases: Bool = false) -> String {
        let f = Format(lang: lang)
        let unit = snapshot.tree.units[w.unit].name
        let ind = w.indicator.map { snapshot.indicators[$0] }
        let vu = ind?.unit ?? .count
        switch w.kind {
        case let .totalDiffers(reported, computed):
            return t("\(unit) rapporterte totalen \(f.value(reported, vu)), men enhetene summerer til \(f.value(computed, vu))",
                     "\(unit) reported a total of \(f.value(reported, vu)), but its units add up to \(f.value(computed, vu))")
        case let .outlier(rate, peers):
            let perName = ind?.per.flatMap { snapshot.dataset.indicatorIndex[$0] }.map { snapshot.indicators[$0].name.lowercased() } ?? ""
            let r = Format.plain(rate, .percent, decimalComma: lang == .nb), m = Format.plain(peers, .percent, decimalComma: lang == .nb)
            return t("\(unit): uteligger – \(r) per 100 \(perName) mot median \(m) hos de andre enhetene; er tallet talt likt?",
                     "\(unit): outlier – \(r) per 100 \(perName) against a median of \(m) at the other units; is it counted the same way?")
        case let .dropToZero(typical):
            return t("\(unit): verdien falt til 0 fra en stabil serie (typisk \(f.value(typical, vu))) – trolig registreringsfeil",
                     "\(unit): the value dropped to 0 from a stable series (typically \(f.value(typical, vu))) – probably a data-entry error")
        case let .reportedDiffers(reported, computed):
            return t("\(unit) rapporterte \(f.value(reported, vu)), men registeret gir \(f.value(computed, vu))",
                     "\(unit) reported \(f.value(reported, vu)), but the register gives \(f.value(computed, vu))")
        case .outsideActiveDates:
            return t("\(unit) har rapportert for en periode der enheten ikke var aktiv",
                     "\(unit) reported for a period in which the unit was not active")
        case let .builtOnSuspect(id):
            let name = snapshot.tree[id]?.name ?? id
            return t("\(unit): totalen bygger på en mistenkelig 0 fra \(name)",
                     "\(unit): the total is built on a suspect 0 from \(name)")
        case let .grantedBeforeReceived(id):
            let (nbCase, enCase) = withCases ? ("Sak \(id)", "Case \(id)") : ("En sak", "A case")
            return t("\(nbCase): vedtak før søknaden ble mottatt", "\(enCase): decided before the application was received")
        case let .exitBeforeGranted(id):
            let (nbCase, enCase) = withCases ? ("Sak \(id)", "Case \(id)") : ("En sak", "A case")
            return t("\(nbCase): tildelt eller avsluttet før vedtak", "\(enCase): allocated or closed before it was granted")
        case let .processingBreach(id, days):
            let (nbCase, enCase) = withCases ? ("Sak \(id)", "Case \(id)") : ("En sak", "A case")
            return t("\(nbCase): behandlet på \(days) dager uten foreløpig svar (over 4 uker)",
                     "\(enCase): processed in \(days) days without an interim reply (over 4 weeks)")
        }
    }
}
