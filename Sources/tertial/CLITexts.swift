import Model

/// The catalogue of ArgumentParser's sentences a user meets, in bokmål. They come only as
/// English text: the parser's error types are not public, so a sentence is known by its
/// English pattern (`(.+?)` for the quoted parts) and said again in bokmål (`$1`, `$2`).
/// Anything else it says stays English (a test runs each through the real parser).
enum CLITexts {
    static let parserSentences: [(String, String)] = [
        // With a suggestion it ends in a full stop, without one it does not: the stop is kept as it is.
        ("Unknown option '(.+?)'", "Ukjent valg «$1»"),
        ("Did you mean '(.+?)'\\?", "Mente du «$1»?"),
        ("Missing value for '(.+?)'", "Mangler en verdi for «$1»"),
        ("Missing expected argument '(.+?)'", "Mangler argumentet «$1»"),
        ("Unexpected argument '(.+?)'", "Uventet argument «$1»"),
        ("The value '(.+?)' is invalid for '(.+?)'", "Verdien «$1» passer ikke for «$2»"),
        ("Please provide one of (.+)\\.$", "Bruk en av $1."),
        // Six values and more are a list, one per line.
        ("Please provide one of the following:", "Bruk en av disse:"),
    ]

    /// The parser's "'a' or 'b'".
    static let parserOr = "' eller '"
}

/// The command line's own sentences with arguments (issue 22): paths, periods, counts.
extension CLITexts {
    // MARK: Options

    static func notAPeriod(_ typed: String) -> Sentence {
        Sentence(nb: "--period \(typed) er ikke en periode (forventet 2019-T3, 2019-11 eller 2019)", en: "--period \(typed) is not a period (expected 2019-T3, 2019-11 or 2019)")
    }

    static func badWindow(_ months: Int) -> Sentence {
        Sentence(nb: "--window \(months): forventet et antall måneder fra 3 til 120", en: "--window \(months): expected a number of months from 3 to 120")
    }

    static func notADate(_ typed: String) -> Sentence {
        Sentence(nb: "--at \(typed) er ikke en dato (forventet 31.12.2019 eller 2019-12-31)", en: "--at \(typed) is not a date (expected 2019-12-31 or 31.12.2019)")
    }

    /// `--poll`'s range; `from` as the language writes a decimal.
    static func pollRange(from: String, to: Int) -> Sentence {
        Sentence(nb: "--poll tar et antall sekunder fra \(from) til \(to)", en: "--poll takes a number of seconds from \(from) to \(to)")
    }

    static func formatTakesOnePeriod(_ format: String) -> Sentence {
        Sentence(nb: "--format \(format) tar én --period", en: "--format \(format) takes one --period")
    }

    static func noDataDirectory(_ path: String) -> Sentence {
        Sentence(nb: "datamappen \(path) finnes ikke eller er ikke en mappe", en: "the data directory \(path) does not exist or is not a folder")
    }

    static func hasErrors(_ directory: String) -> Sentence {
        Sentence(nb: "\(directory) har feil; kjør `tertial check \(directory)` for å se alle", en: "\(directory) has errors; run `tertial check \(directory)` for all of them")
    }

    static func unknownIndicator(_ id: String) -> Sentence {
        Sentence(nb: "ukjent indikator «\(id)»; se indicators.yaml", en: "unknown indicator \"\(id)\"; see indicators.yaml")
    }

    /// After an error from the parser: where to read more.
    static func seeHelp(_ command: String) -> Sentence {
        Sentence(nb: "Se «\(command)» for mer hjelp.", en: "See '\(command)' for more information.")
    }

    // MARK: Output

    static func wrote(_ path: String) -> Sentence { Sentence(nb: "skrev \(path)", en: "wrote \(path)") }

    static let binaryNotToTerminal = Sentence(nb: "en Excel-fil skrives ikke til terminalen: bruk --output FIL.xlsx (eller send den videre med > eller |)",
                                              en: "an Excel file is not written to the terminal: use --output FILE.xlsx (or redirect it with > or |)")

    static func cannotWrite(_ path: String, _ why: String) -> Sentence {
        Sentence(nb: "kan ikke skrive \(path): \(why)", en: "cannot write \(path): \(why)")
    }

    static func cannotRead(_ path: String) -> Sentence { Sentence(nb: "kan ikke lese \(path)", en: "cannot read \(path)") }

    /// A list of problems cut at its bound: how many more there are.
    static func moreProblems(_ n: Int) -> Sentence { Sentence(nb: "… og \(n) feil til", en: "… and \(n) more problems") }

    // MARK: check

    static func notLoaded(_ directory: String, errors: Int, warnings: Int) -> Sentence {
        Sentence(nb: "\(directory): \(errors) feil, \(warnings) advarsler; ikke lastet", en: "\(directory): \(errors) error(s), \(warnings) warning(s); not loaded")
    }

    /// `sources` is what each data source holds, `periods` the tertials' range.
    static func checked(_ directory: String, sources: String, periods: String, warnings: Int, quality: Int) -> Sentence {
        Sentence(nb: "\(directory): ok: \(sources), \(periods); \(warnings) advarsler, \(quality) datakvalitetsvarsler",
                 en: "\(directory): ok: \(sources), \(periods); \(warnings) warning(s), \(quality) data-quality warning(s)")
    }

    // MARK: The follow-up store

    static func noStoreYet(_ path: String) -> Sentence {
        Sentence(nb: "Ingen oppfølging ennå: det finnes ingen oppfølgingsdatabase i \(path) (den lages ved første kommentar eller tiltak)",
                 en: "No follow-up yet: there is no follow-up store at \(path) (it is made with the first comment or action)")
    }

    static func storeCreated(_ location: String, schema: String) -> Sentence {
        Sentence(nb: "Opprettet \(location) (mappe 0700, fil 0600, WAL) med skjemaet: \(schema)", en: "Created \(location) (folder 0700, file 0600, WAL) with the schema: \(schema)")
    }

    static func storeExisted(_ location: String, schema: String) -> Sentence {
        Sentence(nb: "\(location) fantes; skjemaet er: \(schema)", en: "\(location) existed; its schema is: \(schema)")
    }

    static func storeSchema(_ location: String, _ schema: String) -> Sentence {
        Sentence(nb: "\(location): skjema \(schema)", en: "\(location): schema \(schema)")
    }

    static func storeCounts(entries: Int, history: Int, integrity: String) -> Sentence {
        Sentence(nb: "\(entries) oppføringer, \(history) historikkrader, integritetssjekk: \(integrity)", en: "\(entries) entries, \(history) history rows, integrity check: \(integrity)")
    }

    static func exportIsCSV(_ format: String) -> Sentence {
        Sentence(nb: "--format \(format): eksporten er csv", en: "--format \(format): the export is csv")
    }

    static func importRefused(_ file: String) -> Sentence {
        Sentence(nb: "\(file) er ikke importert: rettingene over trengs først (ingenting er skrevet)", en: "\(file) was not imported: the fixes above are needed first (nothing was written)")
    }

    static func imported(entries: Int, history: Int, into location: String) -> Sentence {
        Sentence(nb: "Importerte \(entries) oppføringer med \(history) historikkrader til \(location)", en: "Imported \(entries) entries with \(history) history rows into \(location)")
    }

    // MARK: The access file

    static func accessUnknownUnit(_ file: String, unit: String) -> Sentence {
        Sentence(nb: "\(file): enheten «\(unit)» finnes ikke i units.csv (ingenting er endret)", en: "\(file): the unit \"\(unit)\" is not in units.csv (nothing was changed)")
    }

    static func accessHeader(_ file: String) -> Sentence {
        Sentence(nb: "\(file): overskriftsraden må ha kolonnene role og unit", en: "\(file): the header row must have the columns role and unit")
    }

    static func accessBadRow(_ file: String, line: Int, role: String) -> Sentence {
        Sentence(nb: "\(file):\(line): «\(role)» er ikke et rollenavn (a-z, 0-9, _) eller enheten mangler (ingenting er endret)",
                 en: "\(file):\(line): \"\(role)\" is not a role name (a-z, 0-9, _) or the unit is missing (nothing was changed)")
    }

    // MARK: Meetings

    static func notAMeeting(_ typed: String) -> Sentence {
        Sentence(nb: "«\(typed)» er ikke et møtenummer (skriv nummeret fra `tertial meeting list`, eller last)",
                 en: "\"\(typed)\" is not a meeting number (type the number from `tertial meeting list`, or last)")
    }
    static func meetingOpened(_ id: Int64, scope: String, items: Int) -> Sentence {
        Sentence(nb: "Åpnet møte nr. \(id) (\(scope)) med \(items) punkter på agendaen", en: "Opened meeting no. \(id) (\(scope)) with \(items) items on the agenda")
    }
    static func savedNotLinked(_ id: Int64, _ why: String) -> Sentence {
        Sentence(nb: "nr. \(id) er lagret, men ikke knyttet til møtet: \(why)", en: "no. \(id) is saved, but not linked to the meeting: \(why)")
    }
    static func meetingClosed(_ id: Int64) -> Sentence { Sentence(nb: "Møte nr. \(id) er avsluttet", en: "Meeting no. \(id) is closed") }
    static let meetingStillOpen = Sentence(nb: "åpent", en: "open")
    static let meetingOpenedColumn = Sentence(nb: "Åpnet", en: "Opened")
    static let meetingClosedColumn = Sentence(nb: "Avsluttet", en: "Closed")
    static let meetingLeftColumn = Sentence(nb: "Igjen", en: "Left")
    static func noBaseline(_ unit: String) -> Sentence {
        Sentence(nb: "ingen møter for \(unit) å sammenligne med (åpne et med `tertial meeting open --unit \(unit)`)",
                 en: "no meeting of \(unit) to compare with (open one with `tertial meeting open --unit \(unit)`)")
    }
    static func sinceMeeting(_ id: Int64, _ when: String) -> Sentence {
        Sentence(nb: "møte nr. \(id) (\(when))", en: "meeting no. \(id) (\(when))")
    }
}
