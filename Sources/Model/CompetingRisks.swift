import Foundation

/// The Aalen–Johansen estimator of cumulative incidence with competing risks (issue 25's
/// statistics; the waitlist forecast is built on it). Written here, not taken from a
/// library: Swift has no maintained survival-analysis package; every figure is checked
/// against scikit-survival's `cumulative_incidence_competing_risks` (`scripts/`, CI).
///
/// Each observation is a duration (whole days) and how it ended: the event of interest
/// (1: a place was allocated), the competing event (2: left the list without a place), or
/// censored (0: still waiting when observed). At a day with several observations, the
/// events of that day happen before the censorings of that day (whoever is censored on a
/// day was at risk on it), as the estimator defines and scikit-survival counts.
public struct CumulativeIncidence: Sendable, Equatable {
    /// One step: a day on which something was observed.
    public struct Step: Sendable, Equatable {
        public let day: Int
        /// At risk on the day (observed for at least this many days).
        public let atRisk: Int
        /// Events of each kind on the day: [censored, kind 1, kind 2, …].
        public let counts: [Int]
        /// The probability of no event of any kind by the end of the day (Kaplan–Meier).
        public let survival: Double
        /// The cumulative incidence of each kind (index 0: kind 1) by the end of the day.
        public let incidence: [Double]
        /// Its variance, Aalen's estimator (Pintilie 2006, eq. 4.5).
        public let variance: [Double]
    }

    /// How many kinds of event (2 for the waitlist: allocated, left).
    public let kinds: Int
    public let observations: Int
    // The steps as columns (one allocation each, not three per step: the forecast runs for
    // every unit and category); `steps` gives them as values.
    /// The days with an observation, ascending.
    public let days: [Int]
    let atRisk: [Int]
    /// [censored, kind 1, …] per step, `kinds + 1` apart.
    let counts: [Int]
    let survival: [Double]
    /// F of each kind per step, `kinds` apart; the same for the variance.
    let incidences: [Double]
    let variances: [Double]

    /// Every step, as values.
    public var steps: [Step] {
        days.indices.map { j in
            Step(day: days[j], atRisk: atRisk[j], counts: Array(counts[j * (kinds + 1)..<(j + 1) * (kinds + 1)]), survival: survival[j],
                 incidence: Array(incidences[j * kinds..<(j + 1) * kinds]), variance: Array(variances[j * kinds..<(j + 1) * kinds]))
        }
    }

    /// The last day with an observation.
    public var lastDay: Int? { days.last }

    /// `observations`: (days, kind), kind 0 for censored, 1…`kinds` for the events.
    public init(_ observations: [(days: Int, kind: Int)], kinds: Int) {
        self.kinds = kinds
        self.observations = observations.count
        let width = kinds + 1
        // Counts per distinct day. Durations are whole days in a bounded range (the waitlist:
        // under the window's length), so they are counted into a table by day rather than
        // sorted (the forecast runs for every unit and category: issue 25's benchmark);
        // a range far wider than the observations falls back to sorting.
        var days = [Int](), counts = [Int]()
        let lo = observations.lazy.map(\.days).min() ?? 0, hi = observations.lazy.map(\.days).max() ?? 0
        if observations.isEmpty {
        } else if hi - lo <= 4 * observations.count + 1024 {
            var table = [Int](repeating: 0, count: (hi - lo + 1) * width)
            for o in observations { table[(o.days - lo) * width + min(max(o.kind, 0), kinds)] += 1 }
            for d in 0...(hi - lo) {
                var any = false
                for k in 0..<width where table[d * width + k] > 0 { any = true; break }
                guard any else { continue }
                days.append(d + lo)
                counts.append(contentsOf: table[d * width..<(d + 1) * width])
            }
        } else {
            for o in observations.sorted(by: { $0.days < $1.days }) {
                if days.last != o.days { days.append(o.days); counts.append(contentsOf: repeatElement(0, count: width)) }
                counts[counts.count - width + min(max(o.kind, 0), kinds)] += 1
            }
        }
        let n = days.count
        var atRisk = [Int](repeating: 0, count: n)
        var events = [Int](repeating: 0, count: n)
        var left = observations.count
        for j in 0..<n {
            atRisk[j] = left
            for k in 0..<width { left -= counts[j * width + k] }
            for k in 1..<width { events[j] += counts[j * width + k] }
        }
        // S(t) and F_k(t), and the S of the day before each step.
        var s = 1.0
        var f = [Double](repeating: 0, count: kinds)
        var sBefore = [Double](repeating: 0, count: n), survival = [Double](repeating: 0, count: n)
        var incidence = [Double](repeating: 0, count: n * kinds)
        for j in 0..<n {
            let r = Double(atRisk[j]), d = Double(events[j])
            sBefore[j] = s
            for k in 0..<kinds {
                f[k] += r > 0 ? s * Double(counts[j * width + k + 1]) / r : 0
                incidence[j * kinds + k] = f[k]
            }
            if r > 0 { s *= 1 - d / r }
            survival[j] = s
        }
        // Aalen's variance of F_k at each step j (sums over the steps i ≤ j; a term whose
        // denominator is 0 is 0, as in scikit-survival), expanded with running sums over i
        // (O(steps), not O(steps²)): Σ (F_j − F_i)² a_i = F_j² Σa − 2 F_j Σ F_i a + Σ F_i² a.
        var variance = [Double](repeating: 0, count: n * kinds)
        for k in 0..<kinds {
            var sa = 0.0, sfa = 0.0, sffa = 0.0, sb = 0.0, sc = 0.0, sfc = 0.0
            for j in 0..<n {
                let r = Double(atRisk[j]), d = Double(events[j]), dk = Double(counts[j * width + k + 1])
                let fj = incidence[j * kinds + k]
                let a = (r - 1) * (r - d), b = (r - 1) * r * r, c = r * (r - d) * (r - 1)
                if a > 0 { let t = d / a; sa += t; sfa += fj * t; sffa += fj * fj * t }
                if b > 0 { sb += (r - dk) * dk / b * sBefore[j] * sBefore[j] }
                if c > 0 { let t = dk * (r - dk) * sBefore[j] / c; sc += t; sfc += fj * t }
                variance[j * kinds + k] = max(0, fj * fj * sa - 2 * fj * sfa + sffa + sb - 2 * (fj * sc - sfc))
            }
        }
        self.days = days; self.atRisk = atRisk; self.counts = counts; self.survival = survival
        self.incidences = incidence; self.variances = variance
    }

    /// The cumulative incidence of `kind` (1…) by the end of `day` (0 before the first step).
    public func incidence(_ kind: Int, at day: Int) -> Double {
        index(at: day).map { incidences[$0 * kinds + kind - 1] } ?? 0
    }

    /// The last step on or before `day`.
    public func step(at day: Int) -> Step? {
        index(at: day).map { j in steps[j] }
    }

    /// The index of the last step on or before `day`.
    func index(at day: Int) -> Int? {
        var lo = 0, hi = days.count
        while lo < hi { let mid = (lo + hi) / 2; if days[mid] <= day { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? nil : lo - 1
    }

    /// A pointwise confidence interval for F_kind(day), on the log(−log) scale as
    /// scikit-survival's `conf_type="log-log"` (z for `level`: 1.959964 for 95 %).
    public func interval(_ kind: Int, at day: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double) {
        guard let j = index(at: day) else { return (0, 0) }
        let f = incidences[j * kinds + kind - 1], v = variances[j * kinds + kind - 1]
        let eps = Double.ulpOfOne
        guard f > eps else { return (0, 0) }
        let logF = log(f)
        let sigma = v > eps ? v.squareRoot() / f : 0
        let theta = logF < -eps ? z * sigma / logF : 0
        return (exp(exp(-theta) * logF), exp(exp(theta) * logF))
    }

    /// The first day on which the cumulative incidence of `kind` reaches `p` (the median:
    /// 0.5), nil when it never does in the data.
    public func firstDay(_ kind: Int, reaching p: Double) -> Int? {
        days.indices.first { incidences[$0 * kinds + kind - 1] >= p - 1e-12 }.map { days[$0] }
    }
}
