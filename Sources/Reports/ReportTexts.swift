import Foundation
import Model

/// The catalogue of the reports' sentences with figures in them, and of why a file could
/// not be written (the dashboard's export and `--output` say the same).
public enum ReportTexts {
    /// Small counts suppressed: counts from 1 to `limit - 1` are shown as `<limit`.
    public static func smallCountsSuppressed(below limit: Int) -> Sentence {
        Sentence(nb: "Tall mellom 1 og \(limit - 1) er vist som <\(limit); andeler bygget på dem som ..",
                 en: "Counts between 1 and \(limit - 1) are shown as <\(limit); ratios built on them as ..")
    }

    /// Applications without an interim reply after four weeks, when their case ids are left out.
    public static func applicationsOverFourWeeks(_ n: Int) -> Sentence {
        Sentence(nb: "I tillegg, søknader behandlet på over 4 uker uten foreløpig svar: \(n) (saksnumre vises med --with-cases).",
                 en: "Also, applications processed in over 4 weeks without an interim reply: \(n) (case ids with --with-cases).")
    }

    /// The sheet of `tertial report --format xlsx`, and of `report corporater --format xlsx`.
    public static let scorecardSheet = Sentence(nb: "Styringskort", en: "Scorecard")
    public static let corporaterSheet = Sentence(nb: "Corporater", en: "Corporater")

    /// A total built on fewer values than are due (a report's note column).
    public static func incomplete(present: Int, expected: Int) -> Sentence {
        Sentence(nb: "ufullstendig: \(present) av \(expected) verdier", en: "incomplete: \(present) of \(expected) values")
    }
}

extension ReportTexts {
    /// Why a file could not be written (`FileOutput.Failure`'s text).
    static func failure(_ f: FileOutput.Failure) -> Sentence {
        switch f {
        case .exists(let path): return Sentence(nb: "\(path) finnes allerede; bruk --force for å skrive over", en: "\(path) exists; use --force to overwrite it")
        case .notAFile(let path):
            return Sentence(nb: "\(path) er ikke en vanlig fil (en enhet, en pipe eller en mappe); den erstattes aldri",
                            en: "\(path) is not a regular file (a device, a pipe or a folder); it is never replaced")
        case .noName: return Sentence(nb: "--output trenger et filnavn", en: "--output needs a file name")
        case let .cannotWrite(path, why, code):
            let parent = (path as NSString).deletingLastPathComponent
            let folder = parent.isEmpty ? "." : parent
            switch code {
            case ENOENT, ENOTDIR: return Sentence(nb: "Kunne ikke lagre: mappen \(folder) finnes ikke", en: "Could not save: the folder \(folder) does not exist")
            case EACCES, EPERM, EROFS: return Sentence(nb: "Kunne ikke lagre: ingen skrivetilgang til \(folder)", en: "Could not save: no permission to write in \(folder)")
            default: return ReportTexts.couldNotSave(path, why)
            }
        }
    }
}

extension ReportTexts {
    /// A file that could not be saved, and the system's reason.
    public static func couldNotSave(_ path: String, _ why: String) -> Sentence {
        Sentence(nb: "Kunne ikke lagre \(path): \(why)", en: "Could not save \(path): \(why)")
    }
}
