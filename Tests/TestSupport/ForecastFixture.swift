import Foundation
import Model

/// A dataset written for the waitlist forecast's tests (issue 25), with figures computed by
/// hand. Unit A (OMBPS3): ten cases granted on 1 February 2020; three get a place after 50
/// days, two after 100, one leaves without a place after 150, four still wait on 31 August
/// 2020 (the end of the data). Unit B (OMBPS2): one case granted on 1 June 2020, still waiting
/// (91 days on 31 August).
///
/// On 31 August 2020, with the default 24-month window:
/// - OMBPS3: 3/10 have a place by 3 months; 7 at risk on day 100 and 2 placed: 0.3 + 0.7 · 2/7
///   = 0.5 by 6 and 12 months; half by day 100; leaving: 5 at risk on day 150 with S = 1/2,
///   1/2 · 1/5 = 0.1 within 12 months; 10 grants and 5 allocations in the last 12 months.
/// - OMBPS2: one case, under the minimum of ten: no estimate.
/// - All categories: 11 cases; 3/11 by day 50 (and by 3 months, day 91); B is censored on day
///   91, so 7 are at risk on day 100 and 2 placed: 3/11 + 8/11 · 2/7 = 37/77 by 6 months.
public enum ForecastFixture {
    public static let units = """
    id;name;parent;kind;from;to;successor
    root;Etaten;;etat;;;
    a;Enhet A;root;resultatenhet;;;
    b;Enhet B;root;resultatenhet;;;

    """

    public static func catalogue(window: String? = nil) -> String {
        (window.map { "forecast_window_months: \($0)\n" } ?? "") + """
        indicators:
          - id: w_total
            name: Venter
            source: waitlist
            measure: waiting
            frequency: month

        """
    }

    public static var waitlist: String {
        var lines = ["case;unit;housing;received;granted;interim_reply;allocated;left;left_reason;living_now;discharge_ready"]
        let plan: [(String, String)] = [("2020-03-22", ""), ("2020-03-22", ""), ("2020-03-22", ""), ("2020-05-11", ""), ("2020-05-11", ""),
                                        ("", "2020-06-30"), ("", ""), ("", ""), ("", ""), ("", "")]
        for (k, p) in plan.enumerated() {
            lines.append("A-\(k + 1);a;OMBPS3;2020-01-15;2020-02-01;;\(p.0);\(p.1);\(p.1.isEmpty ? "" : "flyttet");annet;nei")
        }
        lines.append("B-1;b;OMBPS2;2020-05-20;2020-06-01;;;;;dps;nei")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The dataset in a new temporary folder; `window` writes `forecast_window_months`.
    public static func write(window: String? = nil) throws -> TemporaryCopy {
        let dir = NSTemporaryDirectory() + "tertial-forecast-" + UUID().uuidString
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/reports", withIntermediateDirectories: true)
        try units.write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        try catalogue(window: window).write(toFile: dir + "/indicators.yaml", atomically: true, encoding: .utf8)
        try waitlist.write(toFile: dir + "/waitlist.csv", atomically: true, encoding: .utf8)
        return TemporaryCopy(path: dir)
    }
}
