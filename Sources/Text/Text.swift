/// The one text system of tertial (issue 22): everything a person reads is `Readable` in
/// both languages. A module below Model, so the loader's problems, the store's errors, the
/// reports, the dashboard and the CLI all say things the same way.
///
/// - A **catalogue** is an enum of one feature whose members are whole sentences in both
///   languages with typed arguments (`FollowUpTexts.outsideScope(unit:role:)`): the compiler
///   checks the number and kinds of the arguments, and each language puts them where its
///   word order wants them. Catalogue files are named `…Texts.swift` (and `Strings.swift`,
///   `Problems.swift`, the older keyed catalogues); a test refuses language pairs and
///   language ternaries anywhere else.
/// - A **message type** (`Msg`, `Phrase`, `Diagnostic`, `FollowUpError`) adopts `Readable`.

/// The user's language: Norwegian bokmål by default, English with `--lang en`.
public enum Lang: String, Sendable, CaseIterable {
    case nb, en
}

/// Anything a person reads, in either language.
public protocol Readable {
    func text(_ lang: Lang) -> String
}

extension Readable {
    /// In bokmål (true) or English: for the places that still pass a flag.
    public func text(norwegian: Bool) -> String { text(norwegian ? .nb : .en) }
}

/// A whole sentence (or phrase) in both languages, its arguments already in place. Made by
/// the catalogues' functions, never written inline elsewhere.
public struct Sentence: Readable, Hashable, Sendable, CustomStringConvertible {
    public let nb: String
    public let en: String
    public init(nb: String, en: String) { self.nb = nb; self.en = en }
    /// What another readable thing says, in both languages.
    public init(_ r: some Readable) { nb = r.text(.nb); en = r.text(.en) }
    public func text(_ lang: Lang) -> String { lang == .nb ? nb : en }
    /// English, for logs and tests.
    public var description: String { en }

    /// Two sentences one after the other (a space between), each language with its own.
    public static func + (a: Sentence, b: Sentence) -> Sentence { Sentence(nb: a.nb + b.nb, en: a.en + b.en) }
}
