import Model

/// What the store says of meetings, in both languages.
public enum MeetingTexts {
    static func noSuchMeeting(_ id: Int64) -> Sentence { Sentence(nb: "det finnes ikke noe møte nr. \(id)", en: "there is no meeting no. \(id)") }
    static func closed(_ id: Int64) -> Sentence {
        Sentence(nb: "møte nr. \(id) er avsluttet; et avsluttet møte endres ikke", en: "meeting no. \(id) is closed; a closed meeting is not changed")
    }
    static func alreadyOpen(_ id: Int64) -> Sentence {
        Sentence(nb: "møte nr. \(id) for denne enheten er fortsatt åpent; fortsett det eller avslutt det først",
                 en: "meeting no. \(id) for this unit is still open; resume it or close it first")
    }
    static let noMeeting = Sentence(nb: "det er ikke holdt noe møte for denne enheten ennå", en: "no meeting has been held for this unit yet")
}
