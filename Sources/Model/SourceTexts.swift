/// The catalogue of the data directory's kinds of file: how `tertial check` counts what a
/// dataset holds.
public enum SourceTexts {
    public static func units(_ n: Int) -> Sentence { Sentence(nb: "\(n) enheter", en: "\(n) units") }
    public static func indicators(_ n: Int) -> Sentence { Sentence(nb: "\(n) indikatorer i katalogen", en: "\(n) indicators in the catalogue") }
    public static func targets(_ n: Int) -> Sentence { Sentence(nb: "\(n) målregler", en: "\(n) target rules") }
    public static func reports(_ n: Int) -> Sentence { Sentence(nb: "\(n) rapporterte verdier", en: "\(n) reported values") }
    public static func waitlist(_ n: Int) -> Sentence { Sentence(nb: "\(n) ventelistesaker", en: "\(n) waitlist cases") }
    public static func ip(_ n: Int) -> Sentence { Sentence(nb: "\(n) IP-uttrekk", en: "\(n) IP snapshots") }
    public static func brukerplan(_ n: Int) -> Sentence { Sentence(nb: "\(n) BrukerPlan-kartlegginger", en: "\(n) BrukerPlan mappings") }
}
