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
    /// What was expected, after the problem: `(expected a number)`.
    case expectedAside
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
    case expectForecastWindow
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
    // Workbooks (.xlsx, issue 26).
    case xlsxNotAWorkbook, expectXLSX, xlsxMissingPart, xlsxPartTooLarge, expectSmallerWorkbook, xlsxBadXML, xlsxBadCell, xlsxNoSheet, xlsxSizeMismatch
    case xlsxExtraCells, expectCellsUnderHeader, bothCSVAndXLSX, expectOneOfCSVAndXLSX, xlsxTooManyColumns

    /// (English, bokmål)
    public var texts: (nb: String, en: String) {
        switch self {
        case .expectedAside: ("(forventet {1})", "(expected {1})")
        case .yearOutside: ("{1} ligger utenfor årene tertial leser, {2} til {3}", "{1} is outside the years tertial reads, {2} to {3}")
        case .expectYearsWithin: ("en dato eller periode fra {1} til {2} (50 år tilbake og 1 fram)", "a date or period from {1} to {2} (50 years back and 1 ahead)")
        case .treeTooDeep: ("«{1}» ligger mer enn {2} nivåer under etaten", "\"{1}\" is more than {2} levels below the etat")
        case .expectShallowTree: ("et tre med høyst {1} nivåer", "a tree at most {1} levels deep")
        case .fileNameNotUTF8: ("et filnavn her er ikke gyldig UTF-8; filen blir hoppet over", "a file name here is not valid UTF-8; the file is skipped")
        case .expectUTF8Names: ("filnavn i UTF-8", "file names in UTF-8")
        case .folderRemoved: ("mappen ble fjernet; tallene fra forrige innlesing står til den er tilbake", "the folder was removed; the last loaded figures stay until it is back")
        case .notAFolder: ("er en fil, ikke en mappe", "is a file, not a folder")
        case .expectFolder: ("en mappe med .csv-filer", "a folder of .csv files")
        case .notRegularFile: ("er ikke en vanlig fil (en mappe, en pipe eller en enhet), så den blir ikke lest", "is not a regular file (a folder, a pipe or a device), so it is not read")
        case .expectRegularFile: ("en vanlig .csv-fil", "a regular .csv file")
        case .fileTooLarge: ("filen er {1}, mer enn de {2} tertial leser", "the file is {1}, more than the {2} tertial reads")
        case .expectSmallerFile: ("en fil på høyst {1} (del den opp, f.eks. én fil per tertial)", "a file of at most {1} (split it, e.g. one file per tertial)")
        case .yamlAliasRefused: ("et YAML-anker eller -alias (& eller *) er ikke tillatt her", "a YAML anchor or alias (& or *) is not allowed here")
        case .expectNoAliases: ("hver verdi skrevet ut (sett en verdi som begynner med & eller * i anførselstegn)", "each value written out (put a value that starts with & or * in quotes)")
        case .staleTemporary: ("en midlertidig fil etter en avbrutt skriving fra tertial", "a temporary file left by an interrupted tertial write")
        case .expectNoTemporary: ("ingenting: den kan slettes", "nothing: it can be deleted")
        case .dataDirectoryMissing: ("datamappen finnes ikke eller er ikke en mappe", "the data directory does not exist or is not a directory")
        case .expectDataDirectory: ("en mappe med units.csv og indicators.yaml", "a directory with units.csv and indicators.yaml")
        case .fileMissing: ("filen mangler", "the file is missing")
        case .expectFileIn: ("{1} i {2}", "{1} in {2}")
        case .fileNotRead: ("tertial leser ikke denne filen; den blir ikke brukt", "tertial does not read this file; it is ignored")
        case .expectKnownFiles: ("en av {1}", "one of {1}")
        case .cannotReadBecause: ("kan ikke leses: {1}", "cannot be read: {1}")
        case .expectReadable: ("en fil som kan leses", "a readable file")
        case .notUTF8: ("er ikke gyldig UTF-8", "is not valid UTF-8")
        case .expectCatalogueUTF8: ("indicators.yaml lagret som UTF-8", "indicators.yaml saved as UTF-8")
        case .fileNameNotPeriod: ("filnavnet «{1}» er ikke en periode", "the file name \"{1}\" is not a period")
        case .expectIPFileName: ("en fil med perioden som navn, f.eks. ip/2019-T3.csv", "a file named by its period, e.g. ip/2019-T3.csv")
        case .definedTwice: ("«{1}» er definert to ganger (første gang på linje {2})", "\"{1}\" is defined twice (first at line {2})")
        case .expectUniqueUnitIDs: ("unike enhets-id-er", "unique unit ids")
        case .noRoot: ("ingen enhet uten overordnet enhet", "no unit without a parent")
        case .manyRoots: ("{1} enheter uten overordnet enhet (linje {2})", "{1} units without a parent (lines {2})")
        case .expectOneRoot: ("nøyaktig én øverste enhet (etaten) med tom parent", "exactly one root unit (the etat) with an empty parent")
        case .notAUnitInUnits: ("«{1}» er ikke en enhet i units.csv", "\"{1}\" is not a unit in units.csv")
        case .expectOtherUnit: ("id-en til en annen enhet", "the id of another unit")
        case .expectSuccessor: ("id-en til enheten som overtok", "the id of the unit that took over")
        case .chainCycle: ("{1}-kjeden til «{2}» kommer tilbake til seg selv (en sirkel)", "the {1} chain of \"{2}\" comes back to itself (a cycle)")
        case .expectNoCycles: ("et tre uten sirkler", "a tree without cycles")
        case .reportedByMatchesNothing: ("«{1}» er verken en enhetstype eller en enhets-id i units.csv; den treffer ingenting", "\"{1}\" is neither a unit kind nor a unit id in units.csv; it matches nothing")
        case .expectKindOrUnit: ("en av typene {1}, eller en enhets-id", "one of the kinds {1}, or a unit id")
        case .notInCatalogue: ("«{1}» finnes ikke i indicators.yaml", "\"{1}\" is not in indicators.yaml")
        case .expectIndicatorID: ("en indikator-id fra katalogen", "an indicator id from the catalogue")
        case .notInUnits: ("«{1}» finnes ikke i units.csv", "\"{1}\" is not in units.csv")
        case .expectTargetUnit: ("en enhets-id, '*' for alle enheter, eller tomt for etaten", "a unit id, '*' for every unit, or empty for the etat")
        case .expectUnitID: ("en enhets-id fra units.csv", "a unit id from units.csv")
        case .wrongPeriodKind: ("{1} er en {2}, men {3} rapporteres per {4}", "{1} is a {2}, but {3} is reported per {4}")
        case .expectPeriodSuchAs: ("en periode som {1}", "a period such as {1}")
        case .wordMonth: ("måned", "month")
        case .wordTertial: ("tertial", "tertial")
        case .wordYear: ("år", "year")
        case .reportedTwice: ("{1} for {2} i {3} er rapportert to ganger: her og i {4}", "{1} for {2} in {3} is reported twice: here and at {4}")
        case .expectOneValue: ("én verdi per periode, enhet og indikator", "one value per period, unit and indicator")
        case .yamlUnreadable: ("kan ikke leses som YAML: {1}", "cannot be read as YAML: {1}")
        case .expectYAML: ("gyldig YAML", "valid YAML")
        case .keyMissing: ("nøkkelen mangler", "the key is missing")
        case .expectIndicatorsKey: ("en nøkkel indicators: øverst, med en liste over indikatorer", "a top-level key indicators: with a list of indicators")
        case .expectForecastWindow: ("et helt antall måneder fra 3 til 120", "a whole number of months from 3 to 120")
        case .notAList: ("er ikke en liste", "is not a list")
        case .expectIndicatorList: ("en liste over indikatorer, hver med '- id:' først", "a list of indicators, each starting with '- id:'")
        case .indicatorNotMapping: ("en indikator er ikke en samling nøkler", "an indicator is not a mapping")
        case .expectIndicatorKeys: ("nøkler som id:, name:", "keys such as id:, name:")
        case .unknownKey: ("ukjent nøkkel, blir ikke brukt", "unknown key, ignored")
        case .expectOneOf: ("en av {1}", "one of {1}")
        case .isMissing: ("mangler", "is missing")
        case .expectIndicatorIDChars: ("en id av små bokstaver, sifre, '_' og '.'", "an id of lower-case letters, digits, '_' and '.'")
        case .invalidIndicatorID: ("«{1}» er ikke en gyldig indikator-id", "\"{1}\" is not a valid indicator id")
        case .expectIDChars: ("små bokstaver, sifre, '_' og '.'", "lower-case letters, digits, '_' and '.'")
        case .expectUniqueIDs: ("unike id-er", "unique ids")
        case .notSingleValue: ("er ikke én enkelt verdi", "is not a single value")
        case .expectText: ("tekst", "text")
        case .notAllowed: ("«{1}» er ikke tillatt", "\"{1}\" is not allowed")
        case .expectAlternatives: ("{1}", "{1}")
        case .notANumber: ("«{1}» er ikke et tall", "\"{1}\" is not a number")
        case .expectNumberCatalogue: ("et tall som 50 eller 12.5", "a number such as 50 or 12.5")
        case .expectListExample: ("en liste som [resultatenhet, byomrade]", "a list such as [resultatenhet, byomrade]")
        case .notIPMeasure: ("«{1}» er ikke et IP-mål", "\"{1}\" is not an IP measure")
        case .missingForSourceIP: ("mangler for source: ip", "is missing for source: ip")
        case .notWaitlistMeasure: ("«{1}» er ikke et ventelistemål", "\"{1}\" is not a waitlist measure")
        case .missingForSourceWaitlist: ("mangler for source: waitlist", "is missing for source: waitlist")
        case .notHousingCategory: ("«{1}» er ikke en boligkategori", "\"{1}\" is not a housing category")
        case .notLivingSituation: ("«{1}» er ikke en bosituasjon", "\"{1}\" is not a living situation")
        case .notARatio: ("«{1}» er ikke et forhold mellom to indikatorer", "\"{1}\" is not a ratio of two indicators")
        case .expectRatio: ("A / B med to indikator-id-er", "A / B with two indicator ids")
        case .missingForSourceFormula: ("mangler for source: formula", "is missing for source: formula")
        case .expectFormula: ("formula: A / B", "formula: A / B")
        case .formulaUnknownOperand: ("«{1}» er ikke en indikator i katalogen", "\"{1}\" is not an indicator in the catalogue")
        case .expectOperandHere: ("id-en til en indikator som er definert i denne filen", "the id of an indicator defined in this file")
        case .formulaCycle: ("formelen viser tilbake til {1} (en sirkel)", "the formula refers back to {1} (a cycle)")
        case .expectFormulaOverOthers: ("en formel over andre indikatorer", "a formula over other indicators")
        case .yamlSyntax: ("YAML-syntaks: {1}", "YAML syntax: {1}")
        case .expectYAMLSyntax: ("gyldig YAML (sjekk innrykk og ':')", "valid YAML (check indentation and ':')")
        case .keyTwice: ("nøkkelen er gitt to ganger i én indikator", "the key is given twice in one indicator")
        case .expectKeyOnce: ("hver nøkkel én gang", "each key once")
        case .yamlOther: ("YAML: {1}", "YAML: {1}")
        case .expectUTF8YAML: ("gyldig UTF-8 YAML", "valid UTF-8 YAML")
        case .isEmpty: ("er tom", "is empty")
        case .expectValue: ("en verdi", "a value")
        case .expectNumber: ("et tall som 12, 12.5 eller 1 408", "a number such as 12, 12.5 or 1 408")
        case .expectNumberComma: ("et tall som 12, 12.5, 12,5 eller 1 408", "a number such as 12, 12.5, 12,5 or 1 408")
        case .notADate: ("«{1}» er ikke en dato", "\"{1}\" is not a date")
        case .expectDate: ("en dato som 2019-12-31 eller 31.12.2019", "a date such as 2019-12-31 or 31.12.2019")
        case .notYesNo: ("«{1}» er ikke ja eller nei", "\"{1}\" is not a yes/no value")
        case .expectYesNo: ("ja/nei, yes/no, 1/0 eller true/false", "ja/nei, yes/no, 1/0 or true/false")
        case .identityNumber: ("ser ut som et fødselsnummer (11 sifre) og avvises; verdien vises ikke", "looks like a national identity number (11 digits) and is refused; the value is not shown")
        case .expectPseudonym: ("en pseudonym id", "a pseudonymous id")
        case .fileEmpty: ("filen er tom", "the file is empty")
        case .expectHeaderRow: ("en overskriftsrad med kolonnene {1}", "a header row with the columns {1}")
        case .columnMissing: ("kolonnen mangler", "the column is missing")
        case .expectHeader: ("en overskrift med kolonnene {1}", "a header with the columns {1}")
        case .windows1252: ("ikke gyldig UTF-8; lest som Windows-1252", "not valid UTF-8; read as Windows-1252")
        case .expectExcelUTF8: ("UTF-8; lagre som «CSV UTF-8» i Excel", "UTF-8; save as \"CSV UTF-8\" in Excel")
        case .invalidUnitID: ("«{1}» er ikke en gyldig enhets-id", "\"{1}\" is not a valid unit id")
        case .expectUnitIDChars: ("små bokstaver, sifre og '-', f.eks. ph-vest", "lower-case letters, digits and '-', e.g. ph-vest")
        case .toBeforeFrom: ("{1} er før from ({2})", "{1} is before from ({2})")
        case .expectAfterFrom: ("en dato lik eller etter from", "a date on or after from")
        case .notAPeriod: ("«{1}» er ikke en periode", "\"{1}\" is not a period")
        case .expectTargetPeriod: ("en periode som 2019, 2019-T3 eller 2019-03", "a period such as 2019, 2019-T3 or 2019-03")
        case .expectTargetValue: ("en målverdi", "a target value")
        case .expectReportPeriod: ("en periode som 2019-T3, 2019-11 eller 2019", "a period such as 2019-T3, 2019-11 or 2019")
        case .identityInText: ("inneholder noe som ser ut som et fødselsnummer (11 sifre); raden avvises og teksten vises ikke", "contains what looks like a national identity number (11 digits); the row is refused and the text not shown")
        case .expectTextWithoutIdentity: ("tekst uten personidentifikatorer", "text without personal identifiers")
        case .caseTwice: ("sak «{1}» står to ganger (første gang på linje {2})", "case \"{1}\" appears twice (first at line {2})")
        case .expectOneRowPerApplication: ("én rad per søknad", "one row per application")
        case .expectHousing: ("OMBPS2, OMBPS3, OMBPS4 eller BOSENTER", "OMBPS2, OMBPS3, OMBPS4 or BOSENTER")
        case .expectDecisionDate: ("datoen for vedtaket", "the date of the decision (vedtak)")
        case .notKnownLiving: ("«{1}» er ikke en kjent bosituasjon", "\"{1}\" is not a known living situation")
        case .expectLiving: ("bostedslos, annet_omsorgsniva, helse_bergen, dps, kjop_av_plass eller annet", "bostedslos, annet_omsorgsniva, helse_bergen, dps, kjop_av_plass or annet")
        case .userTwice: ("bruker «{1}» står to ganger (første gang på linje {2})", "user \"{1}\" appears twice (first at line {2})")
        case .expectOneRowPerUser: ("én rad per bruker", "one row per user")
        case .evaluatedAfterSnapshot: ("{1} er etter datoen for uttrekket {2}", "{1} is after the snapshot date {2}")
        case .expectOnOrBefore: ("en dato lik eller før {1}", "a date on or before {1}")
        case .notAgeBand: ("«{1}» er ikke en aldersgruppe", "\"{1}\" is not an age band")
        case .expectAgeBand: ("18-25, 26-35, 36-45, 46-55 eller 56+", "18-25, 26-35, 36-45, 46-55 or 56+")
        case .notGender: ("«{1}» er ikke et kjønn tertial kjenner", "\"{1}\" is not a gender tertial knows")
        case .expectGender: ("mann, kvinne eller annet (eller tomt)", "mann, kvinne or annet (or empty)")
        case .notAreaLevel: ("«{1}» er ikke et funksjonsnivå", "\"{1}\" is not a functional level")
        case .expectAreaLevel: ("en skår 1-5 (1 grønn, 2-4 gul, 5 rød) eller grønn, gul, rød (tomt: ikke kartlagt)", "a score 1-5 (1 green, 2-4 yellow, 5 red) or grønn, gul, rød (empty: not mapped)")
        case .notOverallLevel: ("«{1}» er ikke et samlet funksjonsnivå", "\"{1}\" is not an overall functional level")
        case .expectOverallLevel: ("grønn, gul, rød eller blodrød, slik BrukerPlans indeks ga det", "grønn, gul, rød or blodrød, as BrukerPlan's index gave it")
        case .fileNameNotYear: ("filnavnet «{1}» er ikke et år", "the file name \"{1}\" is not a year")
        case .expectBrukerPlanFileName: ("en fil med kartleggingsåret som navn, f.eks. brukerplan/2014.csv", "a file named by the mapping year, e.g. brukerplan/2014.csv")
        case .notBrukerPlanMeasure: ("«{1}» er ikke et BrukerPlan-mål", "\"{1}\" is not a BrukerPlan measure")
        case .missingForSourceBrukerPlan: ("mangler for source: brukerplan", "is missing for source: brukerplan")
        case .unitNotActiveInMappingYear: ("enheten «{1}» var ikke aktiv i {2}, kartleggingsåret", "unit \"{1}\" was not active in {2}, the mapping year")
        case .expectUnitActiveInYear: ("en enhet som fantes i kartleggingsåret", "a unit that existed during the mapping year")
        case .csvQuoteNeverClosed: ("feltet som begynner med anførselstegn på linje {1}, lukkes aldri; denne raden blir ikke lest, radene etter den blir det", "the field that starts with a quote on line {1} is never closed; this row is not read, the rows after it are")
        case .csvQuoteTooLong: ("feltet som begynner med anførselstegn på linje {1}, er fortsatt åpent etter {2} linjer; denne raden blir ikke lest, radene etter den blir det", "the field that starts with a quote on line {1} is still open after {2} lines; this row is not read, the rows after it are")
        case .expectClosingQuote: ("et avsluttende \" for et felt som begynner med \" (eller ingen \" først i feltet)", "a closing \" for a field that starts with \" (or no \" first in the field)")
        case .csvQuoteHoldsRows: ("en tekst i anførselstegn går fra linje {1} til linje {2}, og linje {3} har skilletegnet «{4}»: mangler et anførselstegn, er rader på de linjene lest som en del av teksten", "a text in quotes runs from line {1} to line {2}, and line {3} holds the delimiter \"{4}\": if a quote is missing, rows on those lines were read as part of the text")
        case .expectQuoteClosedOnItsLine: ("en tekst i anførselstegn som lukkes der den slutter (sjekk anførselstegnene på disse linjene)", "a quoted text closed where it ends (check the quotes on these lines)")
        case .linkLeadsOutside: ("er en symbolsk lenke som fører ut av datamappen; den blir ikke lest", "is a symbolic link that leads outside the data directory; it is not read")
        case .expectInsideDataDirectory: ("filen eller mappen selv i datamappen (kopier den inn; datamappen selv kan være en lenke)", "the file or folder itself in the data directory (copy it in; the data directory may itself be a link)")
        case .csvTooManyFields: ("linjen har {1} felt, flere enn de {2} tertial leser; en rad blir ikke lest (en overskrift beholder de {2} første navnene)", "the line has {1} fields, more than the {2} tertial reads; a row is not read (a header keeps its first {2} names)")
        case .expectFewerFields: ("høyst {1} felt på en linje", "at most {1} fields on a line")
        case .moreProblems: ("… og {1} problemer til i denne filen (de første {2} er listet)", "… and {1} more problems in this file (the first {2} are listed)")
        case .successorChainTooLong: ("«{1}» følges av mer enn {2} etterfølgere (etterfølger etter etterfølger)", "\"{1}\" is followed by more than {2} successors (successor after successor)")
        case .expectShortSuccessorChain: ("høyst {1} enheter som etterfølger hverandre", "at most {1} units succeeding each other")
        case .csvHeaderQuoteOpen: ("et anførselstegn i overskriftsraden lukkes ikke på samme linje; det leses som et vanlig tegn", "a quote in the header is not closed on its line; it is read as an ordinary character")
        case .expectPlainColumnNames: ("kolonnenavn uten anførselstegn", "column names without quotes")
        case .csvExtraFields: ("raden har {1} felt, overskriften {2}: «{3}» og det som følger har ingen kolonne", "the row has {1} fields, the header {2}: \"{3}\" and what follows has no column")
        case .csvExtraFieldsJoined: ("raden har {1} felt, overskriften {2}: feltene over leses som en del av {3}, skilt med skilletegnet", "the row has {1} fields, the header {2}: the fields over are read as part of {3}, joined by the delimiter")
        case .expectFieldsOfHeader: ("ikke flere felt enn overskriften (en tekst med «{1}» i anførselstegn)", "no more fields than the header (a text that holds \"{1}\" in quotes)")
        case .xlsxNotAWorkbook: ("er ikke en Excel-arbeidsbok (.xlsx) tertial kan lese", "is not an Excel workbook (.xlsx) tertial can read")
        case .expectXLSX: ("en .xlsx-fil lagret av Excel eller LibreOffice (ikke .xls, ikke passordbeskyttet)", "an .xlsx file saved by Excel or LibreOffice (not .xls, not password-protected)")
        case .xlsxMissingPart: ("arbeidsboken mangler delen {1}", "the workbook lacks its part {1}")
        case .xlsxPartTooLarge: ("delen {1} er {2} utpakket, mer enn de {3} tertial leser", "the part {1} is {2} unpacked, more than the {3} tertial reads")
        case .expectSmallerWorkbook: ("en arbeidsbok som er mindre utpakket (del den opp, f.eks. én fil per tertial)", "a workbook that is smaller unpacked (split it, e.g. one file per tertial)")
        case .xlsxBadXML: ("delen {1} er ikke gyldig XML (linje {2} i den)", "the part {1} is not valid XML (line {2} of it)")
        case .xlsxBadCell: ("cellen {1} viser til en delt tekst som ikke finnes, eller står til venstre for cellen før", "the cell {1} refers to a shared text that does not exist, or comes left of the cell before")
        case .xlsxNoSheet: ("arbeidsboken har ingen ark", "the workbook has no sheet")
        case .xlsxSizeMismatch: ("en del av arbeidsboken pakkes ikke ut til størrelsen arkivet oppgir (skadet fil)", "a part of the workbook does not unpack to the size the archive gives (a damaged file)")
        case .xlsxExtraCells: ("raden har en celle i kolonne {1}, til høyre for overskriftens {2} kolonner: «{3}» har ingen kolonne", "the row has a cell in column {1}, right of the header's {2} columns: \"{3}\" has no column")
        case .expectCellsUnderHeader: ("celler bare under en overskrift (en merknad i kolonnen comment)", "cells only under a header (a note in the column comment)")
        case .bothCSVAndXLSX: ("{1} er også her: de to filene gjelder det samme, og bare {1} leses", "{1} is here too: the two files are for the same thing, and only {1} is read")
        case .expectOneOfCSVAndXLSX: ("én av dem: flytt eller slett den du ikke bruker", "one of them: move or delete the one not in use")
        case .xlsxTooManyColumns: ("raden har en celle i kolonne {1}, etter de {2} kolonnene tertial leser; raden leses ikke", "the row has a cell in column {1}, past the {2} columns tertial reads; the row is not read")
        }
    }
}

/// A problem with its values: what a diagnostic says, in either language.
public struct Phrase: Readable, Hashable, Sendable, CustomStringConvertible {
    public enum Arg: Hashable, Sendable {
        case text(String)
        /// A word that is itself translated (a period kind).
        case word(Problem)
    }

    public let problem: Problem
    public let args: [Arg]

    /// Every value a message quotes is masked: an identity number never reaches a screen
    /// or a log, whichever file or check it came from.
    fileprivate init(_ problem: Problem, values: [Arg]) {
        self.problem = problem
        self.args = values.map { if case .text(let t) = $0 { return .text(IdentityNumber.masked(t)) } else { return $0 } }
    }
    fileprivate init(_ problem: Problem, _ args: [String]) { self.init(problem, values: args.map { .text($0) }) }

    /// A problem without values; one with values is made by its function below.
    public init(_ problem: Problem) {
        assert(!problem.texts.en.contains("{1}"), "\(problem) has values: use Phrase.\(problem)(…)")
        self.init(problem, values: [])
    }

    /// The text in one language.
    public func text(_ lang: Lang) -> String {
        let t = problem.texts
        var s = lang == .nb ? t.nb : t.en
        for (k, a) in args.enumerated() {
            let v: String
            switch a {
            case .text(let x): v = x
            case .word(let w): v = lang == .nb ? w.texts.nb : w.texts.en
            }
            s = s.replacingOccurrences(of: "{\(k + 1)}", with: v)
        }
        return s
    }

    public var description: String { text(.en) }
}

/// A problem with values is made only through these functions (issue 22): each names what
/// it quotes, with its kind, so the compiler checks the number and the kinds of a
/// diagnostic's values; the text with its places is beside it in `Problem.texts`. A
/// problem without values is `Phrase(.key)`.
extension Phrase {
    // A value quoted from a file (masked by `init` when it looks like an identity number).
    public static func notAUnitInUnits(_ id: String) -> Phrase { Phrase(.notAUnitInUnits, [id]) }
    public static func reportedByMatchesNothing(_ value: String) -> Phrase { Phrase(.reportedByMatchesNothing, [value]) }
    public static func notInCatalogue(_ id: String) -> Phrase { Phrase(.notInCatalogue, [id]) }
    public static func notInUnits(_ id: String) -> Phrase { Phrase(.notInUnits, [id]) }
    public static func invalidIndicatorID(_ id: String) -> Phrase { Phrase(.invalidIndicatorID, [id]) }
    public static func invalidUnitID(_ id: String) -> Phrase { Phrase(.invalidUnitID, [id]) }
    public static func notAllowed(_ value: String) -> Phrase { Phrase(.notAllowed, [value]) }
    public static func notANumber(_ value: String) -> Phrase { Phrase(.notANumber, [value]) }
    public static func notADate(_ value: String) -> Phrase { Phrase(.notADate, [value]) }
    public static func notAPeriod(_ value: String) -> Phrase { Phrase(.notAPeriod, [value]) }
    public static func notYesNo(_ value: String) -> Phrase { Phrase(.notYesNo, [value]) }
    public static func notIPMeasure(_ value: String) -> Phrase { Phrase(.notIPMeasure, [value]) }
    public static func notWaitlistMeasure(_ value: String) -> Phrase { Phrase(.notWaitlistMeasure, [value]) }
    public static func notBrukerPlanMeasure(_ value: String) -> Phrase { Phrase(.notBrukerPlanMeasure, [value]) }
    public static func notHousingCategory(_ value: String) -> Phrase { Phrase(.notHousingCategory, [value]) }
    public static func notLivingSituation(_ value: String) -> Phrase { Phrase(.notLivingSituation, [value]) }
    public static func notKnownLiving(_ value: String) -> Phrase { Phrase(.notKnownLiving, [value]) }
    public static func notAgeBand(_ value: String) -> Phrase { Phrase(.notAgeBand, [value]) }
    public static func notGender(_ value: String) -> Phrase { Phrase(.notGender, [value]) }
    public static func notAreaLevel(_ value: String) -> Phrase { Phrase(.notAreaLevel, [value]) }
    public static func notOverallLevel(_ value: String) -> Phrase { Phrase(.notOverallLevel, [value]) }
    public static func notARatio(_ value: String) -> Phrase { Phrase(.notARatio, [value]) }
    public static func formulaUnknownOperand(_ operand: String) -> Phrase { Phrase(.formulaUnknownOperand, [operand]) }
    public static func formulaCycle(_ indicator: String) -> Phrase { Phrase(.formulaCycle, [indicator]) }
    public static func fileNameNotPeriod(_ name: String) -> Phrase { Phrase(.fileNameNotPeriod, [name]) }
    public static func fileNameNotYear(_ name: String) -> Phrase { Phrase(.fileNameNotYear, [name]) }
    public static func toBeforeFrom(_ to: String, from: String) -> Phrase { Phrase(.toBeforeFrom, [to, from]) }
    public static func evaluatedAfterSnapshot(_ evaluated: Day, snapshot: Day) -> Phrase { Phrase(.evaluatedAfterSnapshot, ["\(evaluated)", "\(snapshot)"]) }
    public static func unitNotActiveInMappingYear(_ id: String, year: Int) -> Phrase { Phrase(.unitNotActiveInMappingYear, [id, String(year)]) }
    /// A pseudonym seen before in the file, and the line it was first on.
    public static func caseTwice(_ id: String, firstLine: Int) -> Phrase { Phrase(.caseTwice, [id, String(firstLine)]) }
    public static func userTwice(_ id: String, firstLine: Int) -> Phrase { Phrase(.userTwice, [id, String(firstLine)]) }
    public static func definedTwice(_ id: String, firstLine: Int) -> Phrase { Phrase(.definedTwice, [id, String(firstLine)]) }
    public static func reportedTwice(indicator: String, unit: String, period: Period, alsoAt: String) -> Phrase {
        Phrase(.reportedTwice, [indicator, unit, "\(period)", alsoAt])
    }
    /// A period of the wrong kind for its indicator: `2019-11 is a month, but x is reported per tertial`.
    public static func wrongPeriodKind(_ period: Period, indicator: String, reportedPer kind: Period.Kind) -> Phrase {
        func word(_ k: Period.Kind) -> Problem { switch k { case .month: .wordMonth; case .tertial: .wordTertial; case .year: .wordYear } }
        return Phrase(.wrongPeriodKind, values: [.text("\(period)"), .word(word(period.kind)), .text(indicator), .word(word(kind))])
    }
    public static func yearOutside(_ value: String, from: Int, to: Int) -> Phrase { Phrase(.yearOutside, [value, String(from), String(to)]) }

    // The system's or a parser's own words.
    public static func cannotReadBecause(_ reason: String) -> Phrase { Phrase(.cannotReadBecause, [reason]) }
    public static func yamlUnreadable(_ reason: String) -> Phrase { Phrase(.yamlUnreadable, [reason]) }
    public static func yamlSyntax(_ reason: String) -> Phrase { Phrase(.yamlSyntax, [reason]) }
    public static func yamlOther(_ reason: String) -> Phrase { Phrase(.yamlOther, [reason]) }

    // Sizes and bounds.
    public static func fileTooLarge(_ size: String, limit: String) -> Phrase { Phrase(.fileTooLarge, [size, limit]) }
    public static func treeTooDeep(_ id: String, levels: Int) -> Phrase { Phrase(.treeTooDeep, [id, String(levels)]) }
    public static func successorChainTooLong(_ id: String, limit: Int) -> Phrase { Phrase(.successorChainTooLong, [id, String(limit)]) }
    public static func manyRoots(_ count: Int, lines: String) -> Phrase { Phrase(.manyRoots, [String(count), lines]) }
    public static func chainCycle(_ chain: String, from id: String) -> Phrase { Phrase(.chainCycle, [chain, id]) }
    /// `count` is grouped as people read it (`1 204`).
    public static func moreProblems(_ count: String, listed: Int) -> Phrase { Phrase(.moreProblems, [count, String(listed)]) }

    // CSV.
    public static func csvQuoteNeverClosed(openedOnLine line: Int) -> Phrase { Phrase(.csvQuoteNeverClosed, [String(line)]) }
    public static func csvQuoteTooLong(openedOnLine line: Int, limit: Int) -> Phrase { Phrase(.csvQuoteTooLong, [String(line), String(limit)]) }
    public static func csvQuoteHoldsRows(from: Int, to: Int, delimiterOnLine: Int, delimiter: String) -> Phrase {
        Phrase(.csvQuoteHoldsRows, [String(from), String(to), String(delimiterOnLine), delimiter])
    }
    public static func csvTooManyFields(_ fields: Int, limit: Int) -> Phrase { Phrase(.csvTooManyFields, [String(fields), String(limit)]) }
    public static func csvExtraFields(_ fields: Int, header: Int, first: String) -> Phrase { Phrase(.csvExtraFields, [String(fields), String(header), first]) }
    public static func csvExtraFieldsJoined(_ fields: Int, header: Int, into column: String) -> Phrase { Phrase(.csvExtraFieldsJoined, [String(fields), String(header), column]) }

    // What was expected.
    public static func expectedAside(_ what: String) -> Phrase { Phrase(.expectedAside, [what]) }
    /// `(expected …)` around an expectation, in a language. Not masked again: its values were
    /// when it was made, and its own words (`18-25, 26-35, 36-45, 46-55`) are no identity number.
    public static func expectedAside(_ e: Phrase, _ lang: Lang) -> String {
        let t = Problem.expectedAside.texts
        return (lang == .nb ? t.nb : t.en).replacingOccurrences(of: "{1}", with: e.text(lang))
    }
    public static func expectYearsWithin(_ from: Int, _ to: Int) -> Phrase { Phrase(.expectYearsWithin, [String(from), String(to)]) }
    public static func expectShallowTree(_ levels: Int) -> Phrase { Phrase(.expectShallowTree, [String(levels)]) }
    public static func expectShortSuccessorChain(_ limit: Int) -> Phrase { Phrase(.expectShortSuccessorChain, [String(limit)]) }
    public static func expectSmallerFile(_ limit: String) -> Phrase { Phrase(.expectSmallerFile, [limit]) }
    public static func xlsxMissingPart(_ part: String) -> Phrase { Phrase(.xlsxMissingPart, [part]) }
    public static func xlsxPartTooLarge(_ part: String, size: String, limit: String) -> Phrase { Phrase(.xlsxPartTooLarge, [part, size, limit]) }
    public static func xlsxBadXML(_ part: String, line: Int) -> Phrase { Phrase(.xlsxBadXML, [part, String(line)]) }
    public static func xlsxBadCell(_ cell: String) -> Phrase { Phrase(.xlsxBadCell, [cell]) }
    public static func xlsxExtraCells(column: String, header: Int, text: String) -> Phrase { Phrase(.xlsxExtraCells, [column, String(header), text]) }
    public static func xlsxTooManyColumns(column: String, limit: Int) -> Phrase { Phrase(.xlsxTooManyColumns, [column, String(limit)]) }
    public static func bothCSVAndXLSX(_ other: String) -> Phrase { Phrase(.bothCSVAndXLSX, [other]) }
    public static func expectFileIn(_ file: String, _ directory: String) -> Phrase { Phrase(.expectFileIn, [file, directory]) }
    public static func expectKnownFiles(_ names: String) -> Phrase { Phrase(.expectKnownFiles, [names]) }
    public static func expectKindOrUnit(_ kinds: [String]) -> Phrase { Phrase(.expectKindOrUnit, [kinds.joined(separator: ", ")]) }
    public static func expectOneOf(_ keys: [String]) -> Phrase { Phrase(.expectOneOf, [keys.joined(separator: ", ")]) }
    /// The words a field may hold: `a | b | c`.
    public static func expectAlternatives(_ words: [String]) -> Phrase { Phrase(.expectAlternatives, [words.joined(separator: " | ")]) }
    public static func expectPeriodSuchAs(_ example: String) -> Phrase { Phrase(.expectPeriodSuchAs, [example]) }
    public static func expectHeaderRow(_ columns: [String]) -> Phrase { Phrase(.expectHeaderRow, [columns.joined(separator: ", ")]) }
    public static func expectHeader(_ columns: [String]) -> Phrase { Phrase(.expectHeader, [columns.joined(separator: ", ")]) }
    public static func expectOnOrBefore(_ day: Day) -> Phrase { Phrase(.expectOnOrBefore, ["\(day)"]) }
    public static func expectFewerFields(_ limit: Int) -> Phrase { Phrase(.expectFewerFields, [String(limit)]) }
    public static func expectFieldsOfHeader(delimiter: String) -> Phrase { Phrase(.expectFieldsOfHeader, [delimiter]) }
}
