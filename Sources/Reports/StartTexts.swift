import Model

/// The catalogue of opening a data directory at a period and a unit: what the dashboard
/// and the command line both say when they cannot start there (issue 22: whole sentences,
/// typed arguments).
public enum StartTexts {
    /// The tree or the catalogue is broken, so nothing can be computed.
    public static func nothingComputable(_ directory: String) -> Sentence {
        Sentence(nb: "\(directory): enhetene (units.csv) eller katalogen (indicators.yaml) har feil, så ingen tall kan regnes ut; rett dem (se `tertial check \(directory)`) og start igjen",
                 en: "\(directory): the units (units.csv) or the catalogue (indicators.yaml) have errors, so no figure can be computed; fix them (see `tertial check \(directory)`) and start again")
    }

    public static func noPeriods(_ directory: String) -> Sentence {
        Sentence(nb: "\(directory) har ingen perioder ennå: ingen tall er rapportert, og ingen venteliste eller IP-uttrekk",
                 en: "\(directory) has no periods yet: nothing is reported, and there is no waitlist or IP snapshot")
    }

    /// A unit asked for that the tree does not have, with the ids it does have.
    public static func unknownUnit(_ id: String, known: [String]) -> Sentence {
        let list = known.joined(separator: ", ")
        return Sentence(nb: "ukjent enhet «\(id)»; enhetene er: \(list)", en: "unknown unit \"\(id)\"; units are: \(list)")
    }

    /// A period asked for outside the span of the data.
    public static func periodOutside(_ asked: String, from: Day, to: Day) -> Sentence {
        Sentence(nb: "\(asked) ligger utenfor dataene (\(from.norwegian) til \(to.norwegian))",
                 en: "\(asked) is outside the data (\(from) to \(to))")
    }
}
