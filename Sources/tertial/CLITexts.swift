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
    ]

    /// The parser's "'a' or 'b'".
    static let parserOr = "' eller '"
}
