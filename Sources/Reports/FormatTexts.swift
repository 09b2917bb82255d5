import Model

/// The catalogue of the words figures are written with: the units after a number and the
/// judgement of a change.
public enum FormatTexts {
    /// After a count of days: `97 d`.
    public static let days = Sentence(nb: " d", en: " d")
    /// After a change of a share: `+1,2 prosentpoeng`, `+1.2 pp`.
    public static let points = Sentence(nb: " prosentpoeng", en: " pp")
    /// After a change that is better or worse by the indicator's direction.
    public static let better = Sentence(nb: " bedre", en: " better")
    public static let worse = Sentence(nb: " verre", en: " worse")
}
