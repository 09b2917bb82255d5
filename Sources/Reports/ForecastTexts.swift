import Model

/// The waitlist forecast's sentences (issue 25), on screen 3, in the reports and in `?`.
/// Figures come formatted (percentages as whole numbers, counts suppressed by the caller).
public enum ForecastTexts {
    public static let reportHeading = Sentence(nb: "Prognose: tid fra vedtak til tildelt bolig", en: "Forecast: time from the decision to a place")

    /// What the estimate is built on.
    public static func basis(cases: String, months: Int) -> Sentence {
        cases == "1" ? Sentence(nb: "1 sak med vedtak siste \(months) mnd", en: "1 case granted in the last \(months) months")
            : Sentence(nb: "\(cases) saker med vedtak siste \(months) mnd", en: "\(cases) cases granted in the last \(months) months")
    }

    /// The method, once per report.
    public static func method(months: Int, minimum: Int) -> Sentence {
        Sentence(nb: "Beregnet fra sakene med vedtak de siste \(months) månedene: andelen som har fått bolig etter så lang tid (Aalen–Johansen; å gå ut av listen uten bolig regnes som en konkurrerende utgang, saker som fortsatt venter teller med til i dag). I parentes: 95 % konfidensintervall. Under \(minimum) saker gis ingen prognose.",
                 en: "Estimated from the cases granted in the last \(months) months: the share with a place after so long (Aalen–Johansen; leaving the list without a place is a competing exit, cases still waiting count up to today). In brackets: the 95 % confidence interval. Below \(minimum) cases no forecast is given.")
    }

    public static func tooFew(cases: String, minimum: Int) -> Sentence {
        cases == "1" ? Sentence(nb: "Ingen prognose: 1 sak med vedtak i perioden, minst \(minimum) trengs.",
                                en: "No forecast: 1 case granted in the window, at least \(minimum) are needed.")
            : Sentence(nb: "Ingen prognose: \(cases) saker med vedtak i perioden, minst \(minimum) trengs.",
                       en: "No forecast: \(cases) cases granted in the window, at least \(minimum) are needed.")
    }

    public static func within(months: Int, _ chance: String) -> Sentence {
        Sentence(nb: "\(months) mnd \(chance)", en: "\(months) mo \(chance)")
    }

    public static let placeWithin = Sentence(nb: "Bolig innen", en: "A place within")

    public static func median(days: Int) -> Sentence {
        Sentence(nb: "Halvparten har fått bolig etter \(days) dager", en: "Half have a place after \(days) days")
    }

    public static func underHalf(days: Int) -> Sentence {
        Sentence(nb: "Under halvparten får bolig innen \(days) dager", en: "Under half get a place within \(days) days")
    }

    public static func leftWithout(_ p: String) -> Sentence {
        Sentence(nb: "ut uten bolig innen 12 mnd: \(p)", en: "left without a place within 12 months: \(p)")
    }

    public static func flow(grants: String, allocations: String, departures: String) -> Sentence {
        Sentence(nb: "Siste 12 mnd: \(grants) vedtak, \(allocations) tildelt, \(departures) ut uten bolig",
                 en: "Last 12 months: \(grants) granted, \(allocations) allocated, \(departures) left without a place")
    }

    public static func grows(_ perMonth: String) -> Sentence {
        Sentence(nb: "i dette tempoet vokser listen med \(perMonth) i måneden", en: "at this rate the list grows by \(perMonth) a month")
    }

    public static func empties(_ months: String) -> Sentence {
        Sentence(nb: "i dette tempoet er listen tømt om cirka \(months) mnd", en: "at this rate the list is emptied in about \(months) months")
    }

    public static let steady = Sentence(nb: "listen er like lang som for et år siden", en: "the list holds its length")

    public static func littleWarning(mean: String, expected: String) -> Sentence {
        Sentence(nb: "⚠ Datakvalitet: i snitt \(mean) på listen, men vedtak × tid på listen gir \(expected) (Littles lov): utganger er kanskje ikke registrert",
                 en: "⚠ Data quality: \(mean) on the list on average, but grants × time on the list gives \(expected) (Little's law): exits may not be registered")
    }

    public static func curveCaption(months: Int) -> Sentence {
        Sentence(nb: "Andel med bolig etter tid siden vedtak, 0–\(months) mnd", en: "Share with a place by time since the decision, 0–\(months) months")
    }

    public static func curveEnds(days: Int) -> Sentence {
        Sentence(nb: "dataene rekker \(days) dager", en: "the data reach \(days) days")
    }

    /// The panel's first line: `Prognose OMBPS3 · 20 saker med vedtak siste 24 mnd`.
    public static func panelTitle(_ category: String, basis: String) -> Sentence {
        Sentence(nb: "Prognose \(category) · \(basis)", en: "Forecast \(category) · \(basis)")
    }

    public static let monthsShort = Sentence(nb: "mnd", en: "mo")

    // The report table's columns.
    public static let colCases = Sentence(nb: "Saker", en: "Cases")
    public static func colWithin(_ months: Int) -> Sentence { Sentence(nb: "Innen \(months) mnd", en: "Within \(months) mo") }
    public static let colMedian = Sentence(nb: "Median", en: "Median")
    public static let colLeft = Sentence(nb: "Ut uten bolig 12 mnd", en: "Left, 12 mo")
    public static let colFlow = Sentence(nb: "Vedtak/tildelt 12 mnd", en: "Granted/allocated 12 mo")
    public static let colTrend = Sentence(nb: "Utvikling", en: "Trend")
    public static func days(_ n: Int) -> Sentence { Sentence(nb: "\(n) d", en: "\(n) d") }
    public static func over(_ n: Int) -> Sentence { Sentence(nb: "> \(n) d", en: "> \(n) d") }
}
