import Foundation

/// Every problem the loader can report, keyed by meaning, with its text in English and
/// bokmål (`{1}`, `{2}` … are the values of the diagnostic). `check` prints English; the
/// dashboard shows the user's language (`L10n.diagnostic`), so a Norwegian screen never
/// shows an English sentence. The compiler holds the two languages together.
public enum Problem: String, CaseIterable, Sendable {
    case dataDirectoryMissing
    case staleTemporary, expectNoTemporary
    case yamlAliasRefused, expectNoAliases
    case fileTooLarge, expectSmallerFile
    case fileNameNotUTF8, expectUTF8Names, folderRemoved, notAFolder, expectFolder, notRegularFile, expectRegularFile
    case treeTooDeep
    case expectShallowTree
    case yearOutside
    case expectYearsWithin
    case expectDataDirectory
    case fileMissing
    case expectFileIn
    case fileNotRead
    case expectKnownFiles
    case cannotReadBecause
    case expectReadable
    case notUTF8
    case expectCatalogueUTF8
    case fileNameNotPeriod
    case expectIPFileName
    case definedTwice
    case expectUniqueUnitIDs
    case noRoot
    case manyRoots
    case expectOneRoot
    case notAUnitInUnits
    case expectOtherUnit
    case expectSuccessor
    case chainCycle
    case expectNoCycles
    case reportedByMatchesNothing
    case expectKindOrUnit
    case notInCatalogue
    case expectIndicatorID
    case notInUnits
    case expectTargetUnit
    case expectUnitID
    case wrongPeriodKind
    case expectPeriodSuchAs
    case wordMonth
    case wordTertial
    case wordYear
    case reportedTwice
    case expectOneValue
    case yamlUnreadable
    case expectYAML
    case keyMissing
    case expectIndicatorsKey
    case notAList
    case expectIndicatorList
    case indicatorNotMapping
    case expectIndicatorKeys
    case unknownKey
    case expectOneOf
    case isMissing
    case expectIndicatorIDChars
    case invalidIndicatorID
    case expectIDChars
    case expectUniqueIDs
    case notSingleValue
    case expectText
    case notAllowed
    case expectAlternatives
    case notANumber
    case expectNumberCatalogue
    case expectListExample
    case notIPMeasure
    case missingForSourceIP
    case notWaitlistMeasure
    case missingForSourceWaitlist
    case notHousingCategory
    case notLivingSituation
    case notARatio
    case expectRatio
    case missingForSourceFormula
    case expectFormula
    case formulaUnknownOperand
    case expectOperandHere
    case formulaCycle
    case expectFormulaOverOthers
    case yamlSyntax
    case expectYAMLSyntax
    case keyTwice
    case expectKeyOnce
    case yamlOther
    case expectUTF8YAML
    case isEmpty
    case expectValue
    case expectNumber
    case expectNumberComma
    case notADate
    case expectDate
    case notYesNo
    case expectYesNo
    case identityNumber
    case expectPseudonym
    case fileEmpty
    case expectHeaderRow
    case columnMissing
    case expectHeader
    case windows1252
    case expectExcelUTF8
    case invalidUnitID
    case expectUnitIDChars
    case toBeforeFrom
    case expectAfterFrom
    case notAPeriod
    case expectTargetPeriod
    case expectTargetValue
    case expectReportPeriod
    case identityInText
    case expectTextWithoutIdentity
    case caseTwice
    case expectOneRowPerApplication
    case expectHousing
    case expectDecisionDate
    case notKnownLiving
    case expectLiving
    case userTwice
    case expectOneRowPerUser
    case evaluatedAfterSnapshot
    case expectOnOrBefore
    case notAgeBand, expectAgeBand, notGender, expectGender, notAreaLevel, expectAreaLevel, notOverallLevel, expectOverallLevel
    case fileNameNotYear, expectBrukerPlanFileName, notBrukerPlanMeasure, missingForSourceBrukerPlan
    case unitNotActiveInMappingYear, expectUnitActiveInYear
    case csvQuoteNeverClosed, csvQuoteTooLong, expectClosingQuote, csvQuoteHoldsRows, expectQuoteClosedOnItsLine
    case successorChainTooLong, expectShortSuccessorChain, moreProblems, csvTooManyFields, expectFewerFields, linkLeadsOutside, expectInsideDataDirectory
    case csvHeaderQuoteOpen, expectPlainColumnNames, csvExtraFields, csvExtraFieldsJoined, expectFieldsOfHeader

    /// (English, bokmål)
    public var texts: (en: String, nb: String) {
        switch self {
        case .yearOutside: ("{1} is outside the years tertial reads, {2} to {3}", "{1} ligger utenfor årene tertial leser, {2} til {3}")
        case .expectYearsWithin: ("a date or period from {1} to {2} (50 years back and 1 ahead)", "en dato eller periode fra {1} til {2} (50 år tilbake og 1 fram)")
        case .treeTooDeep: ("\"{1}\" is more than {2} levels below the etat", "«{1}» ligger mer enn {2} nivåer under etaten")
        case .expectShallowTree: ("a tree at most {1} levels deep", "et tre med høyst {1} nivåer")
        case .fileNameNotUTF8: ("a file name here is not valid UTF-8; the file is skipped", "et filnavn her er ikke gyldig UTF-8; filen blir hoppet over")
        case .expectUTF8Names: ("file names in UTF-8", "filnavn i UTF-8")
        case .folderRemoved: ("the folder was removed; the last loaded figures stay until it is back", "mappen ble fjernet; tallene fra forrige innlesing står til den er tilbake")
        case .notAFolder: ("is a file, not a folder", "er en fil, ikke en mappe")
        case .expectFolder: ("a folder of .csv files", "en mappe med .csv-filer")
        case .notRegularFile: ("is not a regular file (a folder, a pipe or a device), so it is not read", "er ikke en vanlig fil (en mappe, en pipe eller en enhet), så den blir ikke lest")
        case .expectRegularFile: ("a regular .csv file", "en vanlig .csv-fil")
        case .fileTooLarge: ("the file is {1}, more than the {2} tertial reads", "filen er {1}, mer enn de {2} tertial leser")
        case .expectSmallerFile: ("a file of at most {1} (split it, e.g. one file per tertial)", "en fil på høyst {1} (del den opp, f.eks. én fil per tertial)")
        case .yamlAliasRefused: ("a YAML anchor or alias (& or *) is not allowed here", "et YAML-anker eller -alias (& eller *) er ikke tillatt her")
        case .expectNoAliases: ("each value written out (put a value that starts with & or * in quotes)", "hver verdi skrevet ut (sett en verdi som begynner med & eller * i anførselstegn)")
        case .staleTemporary: ("a temporary file left by an interrupted tertial write", "en midlertidig fil etter en avbrutt skriving fra tertial")
        case .expectNoTemporary: ("nothing: it can be deleted", "ingenting: den kan slettes")
        case .dataDirectoryMissing: ("the data directory does not exist or is not a directory", "datamappen finnes ikke eller er ikke en mappe")
        case .expectDataDirectory: ("a directory with units.csv and indicators.yaml", "en mappe med units.csv og indicators.yaml")
        case .fileMissing: ("the file is missing", "filen mangler")
        case .expectFileIn: ("{1} in {2}", "{1} i {2}")
        case .fileNotRead: ("tertial does not read this file; it is ignored", "tertial leser ikke denne filen; den blir ikke brukt")
        case .expectKnownFiles: ("one of {1}", "en av {1}")
        case .cannotReadBecause: ("cannot be read: {1}", "kan ikke leses: {1}")
        case .expectReadable: ("a readable file", "en fil som kan leses")
        case .notUTF8: ("is not valid UTF-8", "er ikke gyldig UTF-8")
        case .expectCatalogueUTF8: ("indicators.yaml saved as UTF-8", "indicators.yaml lagret som UTF-8")
        case .fileNameNotPeriod: ("the file name \"{1}\" is not a period", "filnavnet «{1}» er ikke en periode")
        case .expectIPFileName: ("a file named by its period, e.g. ip/2019-T3.csv", "en fil med perioden som navn, f.eks. ip/2019-T3.csv")
        case .definedTwice: ("\"{1}\" is defined twice (first at line {2})", "«{1}» er definert to ganger (første gang på linje {2})")
        case .expectUniqueUnitIDs: ("unique unit ids", "unike enhets-id-er")
        case .noRoot: ("no unit without a parent", "ingen enhet uten overordnet enhet")
        case .manyRoots: ("{1} units without a parent (lines {2})", "{1} enheter uten overordnet enhet (linje {2})")
        case .expectOneRoot: ("exactly one root unit (the etat) with an empty parent", "nøyaktig én øverste enhet (etaten) med tom parent")
        case .notAUnitInUnits: ("\"{1}\" is not a unit in units.csv", "«{1}» er ikke en enhet i units.csv")
        case .expectOtherUnit: ("the id of another unit", "id-en til en annen enhet")
        case .expectSuccessor: ("the id of the unit that took over", "id-en til enheten som overtok")
        case .chainCycle: ("the {1} chain of \"{2}\" comes back to itself (a cycle)", "{1}-kjeden til «{2}» kommer tilbake til seg selv (en sirkel)")
        case .expectNoCycles: ("a tree without cycles", "et tre uten sirkler")
        case .reportedByMatchesNothing: ("\"{1}\" is neither a unit kind nor a unit id in units.csv; it matches nothing", "«{1}» er verken en enhetstype eller en enhets-id i units.csv; den treffer ingenting")
        case .expectKindOrUnit: ("one of the kinds {1}, or a unit id", "en av typene {1}, eller en enhets-id")
        case .notInCatalogue: ("\"{1}\" is not in indicators.yaml", "«{1}» finnes ikke i indicators.yaml")
        case .expectIndicatorID: ("an indicator id from the catalogue", "en indikator-id fra katalogen")
        case .notInUnits: ("\"{1}\" is not in units.csv", "«{1}» finnes ikke i units.csv")
        case .expectTargetUnit: ("a unit id, '*' for every unit, or empty for the etat", "en enhets-id, '*' for alle enheter, eller tomt for etaten")
        case .expectUnitID: ("a unit id from units.csv", "en enhets-id fra units.csv")
        case .wrongPeriodKind: ("{1} is a {2}, but {3} is reported per {4}", "{1} er en {2}, men {3} rapporteres per {4}")
        case .expectPeriodSuchAs: ("a period such as {1}", "en periode som {1}")
        case .wordMonth: ("month", "måned")
        case .wordTertial: ("tertial", "tertial")
        case .wordYear: ("year", "år")
        case .reportedTwice: ("{1} for {2} in {3} is reported twice: here and at {4}", "{1} for {2} i {3} er rapportert to ganger: her og i {4}")
        case .expectOneValue: ("one value per period, unit and indicator", "én verdi per periode, enhet og indikator")
        case .yamlUnreadable: ("cannot be read as YAML: {1}", "kan ikke leses som YAML: {1}")
        case .expectYAML: ("valid YAML", "gyldig YAML")
        case .keyMissing: ("the key is missing", "nøkkelen mangler")
        case .expectIndicatorsKey: ("a top-level key indicators: with a list of indicators", "en nøkkel indicators: øverst, med en liste over indikatorer")
        case .notAList: ("is not a list", "er ikke en liste")
        case .expectIndicatorList: ("a list of indicators, each starting with '- id:'", "en liste over indikatorer, hver med '- id:' først")
        case .indicatorNotMapping: ("an indicator is not a mapping", "en indikator er ikke en samling nøkler")
        case .expectIndicatorKeys: ("keys such as id:, name:", "nøkler som id:, name:")
        case .unknownKey: ("unknown key, ignored", "ukjent nøkkel, blir ikke brukt")
        case .expectOneOf: ("one of {1}", "en av {1}")
        case .isMissing: ("is missing", "mangler")
        case .expectIndicatorIDChars: ("an id of lower-case letters, digits, '_' and '.'", "en id av små bokstaver, sifre, '_' og '.'")
        case .invalidIndicatorID: ("\"{1}\" is not a valid indicator id", "«{1}» er ikke en gyldig indikator-id")
        case .expectIDChars: ("lower-case letters, digits, '_' and '.'", "små bokstaver, sifre, '_' og '.'")
        case .expectUniqueIDs: ("unique ids", "unike id-er")
        case .notSingleValue: ("is not a single value", "er ikke én enkelt verdi")
        case .expectText: ("text", "tekst")
        case .notAllowed: ("\"{1}\" is not allowed", "«{1}» er ikke tillatt")
        case .expectAlternatives: ("{1}", "{1}")
        case .notANumber: ("\"{1}\" is not a number", "«{1}» er ikke et tall")
        case .expectNumberCatalogue: ("a number such as 50 or 12.5", "et tall som 50 eller 12.5")
        case .expectListExample: ("a list such as [resultatenhet, byomrade]", "en liste som [resultatenhet, byomrade]")
        case .notIPMeasure: ("\"{1}\" is not an IP measure", "«{1}» er ikke et IP-mål")
        case .missingForSourceIP: ("is missing for source: ip", "mangler for source: ip")
        case .notWaitlistMeasure: ("\"{1}\" is not a waitlist measure", "«{1}» er ikke et ventelistemål")
        case .missingForSourceWaitlist: ("is missing for source: waitlist", "mangler for source: waitlist")
        case .notHousingCategory: ("\"{1}\" is not a housing category", "«{1}» er ikke en boligkategori")
        case .notLivingSituation: ("\"{1}\" is not a living situation", "«{1}» er ikke en bosituasjon")
        case .notARatio: ("\"{1}\" is not a ratio of two indicators", "«{1}» er ikke et forhold mellom to indikatorer")
        case .expectRatio: ("A / B with two indicator ids", "A / B med to indikator-id-er")
        case .missingForSourceFormula: ("is missing for source: formula", "mangler for source: formula")
        case .expectFormula: ("formula: A / B", "formula: A / B")
        case .formulaUnknownOperand: ("\"{1}\" is not an indicator in the catalogue", "«{1}» er ikke en indikator i katalogen")
        case .expectOperandHere: ("the id of an indicator defined in this file", "id-en til en indikator som er definert i denne filen")
        case .formulaCycle: ("the formula refers back to {1} (a cycle)", "formelen viser tilbake til {1} (en sirkel)")
        case .expectFormulaOverOthers: ("a formula over other indicators", "en formel over andre indikatorer")
        case .yamlSyntax: ("YAML syntax: {1}", "YAML-syntaks: {1}")
        case .expectYAMLSyntax: ("valid YAML (check indentation and ':')", "gyldig YAML (sjekk innrykk og ':')")
        case .keyTwice: ("the key is given twice in one indicator", "nøkkelen er gitt to ganger i én indikator")
        case .expectKeyOnce: ("each key once", "hver nøkkel én gang")
        case .yamlOther: ("YAML: {1}", "YAML: {1}")
        case .expectUTF8YAML: ("valid UTF-8 YAML", "gyldig UTF-8 YAML")
        case .isEmpty: ("is empty", "er tom")
        case .expectValue: ("a value", "en verdi")
        case .expectNumber: ("a number such as 12, 12.5 or 1 408", "et tall som 12, 12.5 eller 1 408")
        case .expectNumberComma: ("a number such as 12, 12.5, 12,5 or 1 408", "et tall som 12, 12.5, 12,5 eller 1 408")
        case .notADate: ("\"{1}\" is not a date", "«{1}» er ikke en dato")
        case .expectDate: ("a date such as 2019-12-31 or 31.12.2019", "en dato som 2019-12-31 eller 31.12.2019")
        case .notYesNo: ("\"{1}\" is not a yes/no value", "«{1}» er ikke ja eller nei")
        case .expectYesNo: ("ja/nei, yes/no, 1/0 or true/false", "ja/nei, yes/no, 1/0 eller true/false")
        case .identityNumber: ("looks like a national identity number (11 digits) and is refused; the value is not shown", "ser ut som et fødselsnummer (11 sifre) og avvises; verdien vises ikke")
        case .expectPseudonym: ("a pseudonymous id", "en pseudonym id")
        case .fileEmpty: ("the file is empty", "filen er tom")
        case .expectHeaderRow: ("a header row with the columns {1}", "en overskriftsrad med kolonnene {1}")
        case .columnMissing: ("the column is missing", "kolonnen mangler")
        case .expectHeader: ("a header with the columns {1}", "en overskrift med kolonnene {1}")
        case .windows1252: ("not valid UTF-8; read as Windows-1252", "ikke gyldig UTF-8; lest som Windows-1252")
        case .expectExcelUTF8: ("UTF-8; save as \"CSV UTF-8\" in Excel", "UTF-8; lagre som «CSV UTF-8» i Excel")
        case .invalidUnitID: ("\"{1}\" is not a valid unit id", "«{1}» er ikke en gyldig enhets-id")
        case .expectUnitIDChars: ("lower-case letters, digits and '-', e.g. ph-vest", "små bokstaver, sifre og '-', f.eks. ph-vest")
        case .toBeforeFrom: ("{1} is before from ({2})", "{1} er før from ({2})")
        case .expectAfterFrom: ("a date on or after from", "en dato lik eller etter from")
        case .notAPeriod: ("\"{1}\" is not a period", "«{1}» er ikke en periode")
        case .expectTargetPeriod: ("a period such as 2019, 2019-T3 or 2019-03", "en periode som 2019, 2019-T3 eller 2019-03")
        case .expectTargetValue: ("a target value", "en målverdi")
        case .expectReportPeriod: ("a period such as 2019-T3, 2019-11 or 2019", "en periode som 2019-T3, 2019-11 eller 2019")
        case .identityInText: ("contains what looks like a national identity number (11 digits); the row is refused and the text not shown", "inneholder noe som ser ut som et fødselsnummer (11 sifre); raden avvises og teksten vises ikke")
        case .expectTextWithoutIdentity: ("text without personal identifiers", "tekst uten personidentifikatorer")
        case .caseTwice: ("case \"{1}\" appears twice (first at line {2})", "sak «{1}» står to ganger (første gang på linje {2})")
        case .expectOneRowPerApplication: ("one row per application", "én rad per søknad")
        case .expectHousing: ("OMBPS2, OMBPS3, OMBPS4 or BOSENTER", "OMBPS2, OMBPS3, OMBPS4 eller BOSENTER")
        case .expectDecisionDate: ("the date of the decision (vedtak)", "datoen for vedtaket")
        case .notKnownLiving: ("\"{1}\" is not a known living situation", "«{1}» er ikke en kjent bosituasjon")
        case .expectLiving: ("bostedslos, annet_omsorgsniva, helse_bergen, dps, kjop_av_plass or annet", "bostedslos, annet_omsorgsniva, helse_bergen, dps, kjop_av_plass eller annet")
        case .userTwice: ("user \"{1}\" appears twice (first at line {2})", "bruker «{1}» står to ganger (første gang på linje {2})")
        case .expectOneRowPerUser: ("one row per user", "én rad per bruker")
        case .evaluatedAfterSnapshot: ("{1} is after the snapshot date {2}", "{1} er etter datoen for uttrekket {2}")
        case .expectOnOrBefore: ("a date on or before {1}", "en dato lik eller før {1}")
        case .notAgeBand: ("\"{1}\" is not an age band", "«{1}» er ikke en aldersgruppe")
        case .expectAgeBand: ("18-25, 26-35, 36-45, 46-55 or 56+", "18-25, 26-35, 36-45, 46-55 eller 56+")
        case .notGender: ("\"{1}\" is not a gender tertial knows", "«{1}» er ikke et kjønn tertial kjenner")
        case .expectGender: ("mann, kvinne or annet (or empty)", "mann, kvinne eller annet (eller tomt)")
        case .notAreaLevel: ("\"{1}\" is not a functional level", "«{1}» er ikke et funksjonsnivå")
        case .expectAreaLevel: ("a score 1-5 (1 green, 2-4 yellow, 5 red) or grønn, gul, rød (empty: not mapped)", "en skår 1-5 (1 grønn, 2-4 gul, 5 rød) eller grønn, gul, rød (tomt: ikke kartlagt)")
        case .notOverallLevel: ("\"{1}\" is not an overall functional level", "«{1}» er ikke et samlet funksjonsnivå")
        case .expectOverallLevel: ("grønn, gul, rød or blodrød, as BrukerPlan's index gave it", "grønn, gul, rød eller blodrød, slik BrukerPlans indeks ga det")
        case .fileNameNotYear: ("the file name \"{1}\" is not a year", "filnavnet «{1}» er ikke et år")
        case .expectBrukerPlanFileName: ("a file named by the mapping year, e.g. brukerplan/2014.csv", "en fil med kartleggingsåret som navn, f.eks. brukerplan/2014.csv")
        case .notBrukerPlanMeasure: ("\"{1}\" is not a BrukerPlan measure", "«{1}» er ikke et BrukerPlan-mål")
        case .missingForSourceBrukerPlan: ("is missing for source: brukerplan", "mangler for source: brukerplan")
        case .unitNotActiveInMappingYear: ("unit \"{1}\" was not active in {2}, the mapping year", "enheten «{1}» var ikke aktiv i {2}, kartleggingsåret")
        case .expectUnitActiveInYear: ("a unit that existed during the mapping year", "en enhet som fantes i kartleggingsåret")
        case .csvQuoteNeverClosed: ("the field that starts with a quote on line {1} is never closed; this row is not read, the rows after it are", "feltet som begynner med anførselstegn på linje {1}, lukkes aldri; denne raden blir ikke lest, radene etter den blir det")
        case .csvQuoteTooLong: ("the field that starts with a quote on line {1} is still open after {2} lines; this row is not read, the rows after it are", "feltet som begynner med anførselstegn på linje {1}, er fortsatt åpent etter {2} linjer; denne raden blir ikke lest, radene etter den blir det")
        case .expectClosingQuote: ("a closing \" for a field that starts with \" (or no \" first in the field)", "et avsluttende \" for et felt som begynner med \" (eller ingen \" først i feltet)")
        case .csvQuoteHoldsRows: ("a text in quotes runs from line {1} to line {2}, and line {3} holds the delimiter \"{4}\": if a quote is missing, rows on those lines were read as part of the text", "en tekst i anførselstegn går fra linje {1} til linje {2}, og linje {3} har skilletegnet «{4}»: mangler et anførselstegn, er rader på de linjene lest som en del av teksten")
        case .expectQuoteClosedOnItsLine: ("a quoted text closed where it ends (check the quotes on these lines)", "en tekst i anførselstegn som lukkes der den slutter (sjekk anførselstegnene på disse linjene)")
        case .linkLeadsOutside: ("is a symbolic link that leads outside the data directory; it is not read", "er en symbolsk lenke som fører ut av datamappen; den blir ikke lest")
        case .expectInsideDataDirectory: ("the file or folder itself in the data directory (copy it in; the data directory may itself be a link)", "filen eller mappen selv i datamappen (kopier den inn; datamappen selv kan være en lenke)")
        case .csvTooManyFields: ("the line has {1} fields, more than the {2} tertial reads; a row is not read (a header keeps its first {2} names)", "linjen har {1} felt, flere enn de {2} tertial leser; en rad blir ikke lest (en overskrift beholder de {2} første navnene)")
        case .expectFewerFields: ("at most {1} fields on a line", "høyst {1} felt på en linje")
        case .moreProblems: ("… and {1} more problems in this file (the first {2} are listed)", "… og {1} problemer til i denne filen (de første {2} er listet)")
        case .successorChainTooLong: ("\"{1}\" is followed by more than {2} successors (successor after successor)", "«{1}» følges av mer enn {2} etterfølgere (etterfølger etter etterfølger)")
        case .expectShortSuccessorChain: ("at most {1} units succeeding each other", "høyst {1} enheter som etterfølger hverandre")
        case .csvHeaderQuoteOpen: ("a quote in the header is not closed on its line; it is read as an ordinary character", "et anførselstegn i overskriftsraden lukkes ikke på samme linje; det leses som et vanlig tegn")
        case .expectPlainColumnNames: ("column names without quotes", "kolonnenavn uten anførselstegn")
        case .csvExtraFields: ("the row has {1} fields, the header {2}: \"{3}\" and what follows has no column", "raden har {1} felt, overskriften {2}: «{3}» og det som følger har ingen kolonne")
        case .csvExtraFieldsJoined: ("the row has {1} fields, the header {2}: the fields over are read as part of {3}, joined by the delimiter", "raden har {1} felt, overskriften {2}: feltene over leses som en del av {3}, skilt med skilletegnet")
        case .expectFieldsOfHeader: ("no more fields than the header (a text that holds \"{1}\" in quotes)", "ikke flere felt enn overskriften (en tekst med «{1}» i anførselstegn)")
        }
    }
}

/// A problem with its values: what a diagnostic says, in either language.
public struct Phrase: Hashable, Sendable, CustomStringConvertible {
    public enum Arg: Hashable, Sendable {
        case text(String)
        /// A word that is itself translated (a period kind).
        case word(Problem)
    }

    public let problem: Problem
    public let args: [Arg]

    /// Every value a message quotes is masked: an identity number never reaches a screen
    /// or a log, whichever file or check it came from.
    public init(_ problem: Problem, _ args: Arg...) {
        self.problem = problem
        self.args = args.map { if case .text(let t) = $0 { return .text(IdentityNumber.masked(t)) } else { return $0 } }
    }
    public init(_ problem: Problem, _ args: [String]) { self.problem = problem; self.args = args.map { .text(IdentityNumber.masked($0)) } }
    public init(_ problem: Problem, _ first: String, _ rest: String...) { self.init(problem, [first] + rest) }

    /// The text in one language: bokmål when `norwegian`, English otherwise.
    public func text(norwegian: Bool) -> String {
        let t = problem.texts
        var s = norwegian ? t.nb : t.en
        for (k, a) in args.enumerated() {
            let v: String
            switch a {
            case .text(let x): v = x
            case .word(let w): v = norwegian ? w.texts.nb : w.texts.en
            }
            s = s.replacingOccurrences(of: "{\(k + 1)}", with: v)
        }
        return s
    }

    public var description: String { text(norwegian: false) }
}
