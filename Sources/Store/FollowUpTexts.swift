import Model

/// The catalogue of follow-up: why the store refused something, and what is wrong with a
/// line of an import. Whole sentences with their arguments typed (issue 22).
public enum FollowUpTexts {
    /// The field a message is about, named as a person reads it.
    static func fieldName(_ field: String) -> Sentence {
        switch field {
        case "owner": Sentence(nb: "Ansvarlig", en: "Responsible")
        case "note": Sentence(nb: "Notatet", en: "The note")
        case "by": Sentence(nb: "Brukernavnet", en: "The user name")
        case "participants": Sentence(nb: "Deltakerlisten", en: "The list of participants")
        default: Sentence(nb: "Teksten", en: "The text")
        }
    }

    /// What was typed as a due date is none (the dashboard's form and `followup add --due`).
    public static func notADueDate(_ typed: String) -> Sentence {
        Sentence(nb: "«\(typed)» er ikke en frist (skriv 31.01.2027, 31.1 eller +14)", en: "\"\(typed)\" is not a due date (type 31.01.2027, 31.1 or +14)")
    }

    static let emptyText = Sentence(nb: "teksten er tom", en: "the text is empty")
    static func tooLong(_ n: Int) -> Sentence { Sentence(nb: "teksten er for lang (høyst \(n) tegn)", en: "the text is too long (at most \(n) characters)") }
    static func identityNumber(_ field: String) -> Sentence {
        let f = fieldName(field)
        return Sentence(nb: "\(f.nb) inneholder det som ser ut som et fødselsnummer; oppfølging skal ikke navngi brukere",
                        en: "\(f.en) contains what looks like a national identity number; follow-up must not name users")
    }
    static func controlCharacter(_ field: String) -> Sentence {
        let f = fieldName(field)
        return Sentence(nb: "\(f.nb) inneholder et kontrolltegn eller en escape-sekvens (som ESC eller BEL); skriv den uten",
                        en: "\(f.en) contains a control character or escape sequence (such as ESC or BEL); write it without")
    }
    static let authorEmpty = Sentence(nb: "brukernavnet er tomt", en: "the user name is empty")
    static func authorTooLong(_ n: Int) -> Sentence { Sentence(nb: "brukernavnet er lengre enn \(n) tegn", en: "the user name is longer than \(n) characters") }
    static let authorElevenDigits = Sentence(nb: "brukernavnet har elleve sifre, som et fødselsnummer; det avvises",
                                             en: "the user name holds eleven digits, like a national identity number; it is refused")
    static func schemaLocked(_ p: String, by who: String) -> Sentence {
        Sentence(nb: "databasen \(p) er låst av en annen økt (\(who)); prøv igjen når den er ferdig, eller be den som har den åpen om å avslutte",
                 en: "the database \(p) is locked by another session (\(who)); try again when it is done, or ask whoever has it open to finish")
    }
    static func storeRefused(_ p: String, _ why: StoreRefusal) -> Sentence {
        switch why {
        case .uri: Sentence(nb: "\(p) er en file:-adresse; oppgi stien til databasefilen", en: "\(p) is a file: URI; give the path of the database file")
        case .symlink: Sentence(nb: "\(p) er en symbolsk lenke; tertial åpner bare sin egen databasefil, ikke en lenke (oppgi filen lenken peker på)",
                                en: "\(p) is a symbolic link; tertial opens only its own database file, not a link (give the file it points to)")
        case .notAFile: Sentence(nb: "\(p) er ikke en vanlig fil", en: "\(p) is not a regular file")
        case .notTertials: Sentence(nb: "\(p) er ikke en oppfølgingsdatabase fra tertial; den er ikke endret (oppgi en annen --store)",
                                    en: "\(p) is not a tertial follow-up store; it was not changed (give another --store)")
        }
    }
    static func readOnly(_ p: String) -> Sentence {
        Sentence(nb: "oppfølgingen er skrivebeskyttet (\(p)); tallene vises som før", en: "the follow-up is read-only (\(p)); the figures are shown as before")
    }
    static func newerSchema(_ p: String) -> Sentence {
        Sentence(nb: "\(p) er laget av en nyere tertial; oppdater tertial (databasen er ikke endret)",
                 en: "\(p) was made by a newer tertial; update tertial (the database was not changed)")
    }
    static func notADatabase(_ p: String) -> Sentence {
        Sentence(nb: "\(p) er ikke en tertial-database (skadet?); den er ikke endret", en: "\(p) is not a tertial database (damaged?); it was not changed")
    }
    static func noSuchEntry(_ id: Int64) -> Sentence { Sentence(nb: "oppføring \(id) finnes ikke", en: "entry \(id) does not exist") }
    static func notAnAction(_ id: Int64) -> Sentence { Sentence(nb: "oppføring \(id) er ikke et tiltak", en: "entry \(id) is not an action") }
    static func cannotOpen(_ p: String, because why: String) -> Sentence { Sentence(nb: "kan ikke åpne \(p): \(why)", en: "cannot open \(p): \(why)") }
    static func diskFull(_ p: String) -> Sentence {
        Sentence(nb: "kunne ikke lagre: disken er full (\(p)); ingenting er endret, tallene vises som før",
                 en: "could not save: the disk is full (\(p)); nothing was changed, the figures are shown as before")
    }
    static func notEmpty(_ p: String) -> Sentence {
        Sentence(nb: "\(p) har oppføringer allerede; importer til en tom database (ingenting er endret)",
                 en: "\(p) has entries already; import into an empty store (nothing was changed)")
    }
    static func failed(_ why: String) -> Sentence { Sentence(nb: "kunne ikke lagre: \(why)", en: "could not save: \(why)") }
    static func disconnected(_ p: String) -> Sentence {
        Sentence(nb: "ingen forbindelse til oppfølgingsdatabasen (\(p)); ikke lagret, prøv igjen når forbindelsen er tilbake (teksten er tatt vare på)",
                 en: "no connection to the follow-up database (\(p)); not saved, try again when it is back (the text is kept)")
    }
    static func outsideScope(unit: String, role: String) -> Sentence {
        Sentence(nb: "rollen \(role) kan ikke skrive oppfølging for \(unit); databasen gir den bare tilgang til sine egne enheter (tertial store init --access)",
                 en: "the role \(role) may not write follow-up for \(unit); the database gives it its own units only (tertial store init --access)")
    }

    // An import's lines (`tertial store import`).
    static func notATime(_ shown: String) -> Sentence {
        Sentence(nb: "«\(shown)» er ikke et tidspunkt som 2026-12-03T10:00:00Z", en: "\"\(shown)\" is not a time such as 2026-12-03T10:00:00Z")
    }
    static func unknownUnit(_ shown: String) -> Sentence { Sentence(nb: "«\(shown)» er ikke en enhet i units.csv", en: "\"\(shown)\" is not a unit in units.csv") }
    static func unknownIndicator(_ shown: String) -> Sentence { Sentence(nb: "«\(shown)» finnes ikke i indicators.yaml", en: "\"\(shown)\" is not in indicators.yaml") }
    static func periodOutside(_ p: Period, _ years: ClosedRange<Int>) -> Sentence {
        Sentence(nb: "\(p) ligger utenfor årene tertial leser, \(years.lowerBound) til \(years.upperBound)",
                 en: "\(p) is outside the years tertial reads, \(years.lowerBound) to \(years.upperBound)")
    }
    static func createdTwice(_ id: Int64) -> Sentence { Sentence(nb: "oppføring \(id) opprettes to ganger", en: "entry \(id) is created twice") }
    static func changedBeforeCreated(_ id: Int64) -> Sentence {
        Sentence(nb: "oppføring \(id) endres før den er opprettet", en: "entry \(id) is changed before it is created")
    }

    // An export file's lines (`tertial store import` reads them).
    static let exportColumnMissing = Sentence(nb: "kolonnen mangler (forventet overskriften fra `tertial store export`)",
                                              en: "column missing (expected the header of `tertial store export`)")
    static func notAnEntryNumber(_ v: String) -> Sentence { Sentence(nb: "«\(v)» er ikke et oppføringsnummer", en: "\"\(v)\" is not an entry number") }
    static func notAKind(_ v: String) -> Sentence { Sentence(nb: "«\(v)» er ikke comment eller action", en: "\"\(v)\" is not comment or action") }
    static func notAPeriod(_ v: String) -> Sentence { Sentence(nb: "«\(v)» er ikke en periode", en: "\"\(v)\" is not a period") }
    static func notAChange(_ v: String) -> Sentence {
        Sentence(nb: "«\(v)» er ikke en endring (created, edited, status, superseded)", en: "\"\(v)\" is not a change")
    }
    static func notADate(_ v: String) -> Sentence { Sentence(nb: "«\(v)» er ikke en dato (ÅÅÅÅ-MM-DD)", en: "\"\(v)\" is not a date (YYYY-MM-DD)") }
    static func notAStatus(_ v: String) -> Sentence {
        Sentence(nb: "«\(v)» er ikke planned, in_progress, done eller cancelled", en: "\"\(v)\" is not planned, in_progress, done or cancelled")
    }
}
