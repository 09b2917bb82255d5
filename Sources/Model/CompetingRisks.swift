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

    public let steps: [Step]
    /// How many kinds of event (2 for the waitlist: allocated, left).
    public let kinds: Int
    public let observations: Int

    /// `observations`: (days, kind), kind 0 for censored, 1…`kinds` for the events.
    public init(_ observations: [(days: Int, kind: Int)], kinds: Int) {
        self.kinds = kinds
        self.observations = observations.count
        let sorted = observations.sorted { $0.days < $1.days }
        // Counts per distinct day.
        var days = [Int](), counts = [[Int]]()
        for o in sorted {
            if days.last != o.days { days.append(o.days); counts.append([Int](repeating: 0, count: kinds + 1)) }
            counts[counts.count - 1][min(max(o.kind, 0), kinds)] += 1
        }
        var atRisk = [Int](repeating: 0, count: days.count)
        var left = sorted.count
        for j in days.indices { atRisk[j] = left; left -= counts[j].reduce(0, +) }
        // S(t) and F_k(t), and the S of the day before each step.
        var s = 1.0
        var f = [Double](repeating: 0, count: kinds)
        var sBefore = [Double](), survival = [Double](), incidence = [[Double]]()
        for j in days.indices {
            let n = Double(atRisk[j]), d = Double(counts[j].dropFirst().reduce(0, +))
            sBefore.append(s)
            for k in 0..<kinds { f[k] += n > 0 ? s * Double(counts[j][k + 1]) / n : 0 }
            if n > 0 { s *= 1 - d / n }
            survival.append(s); incidence.append(f)
        }
        // Aalen's variance of F_k at each step j (sums over the steps i ≤ j; a term whose
        // denominator is 0 is 0, as in scikit-survival).
        // Expanded with running sums over i (O(steps), not O(steps²): the forecast runs for
        // every unit and category): Σ (F_j − F_i)² a_i = F_j² Σa − 2 F_j Σ F_i a + Σ F_i² a.
        var variance = [[Double]](repeating: [Double](repeating: 0, count: kinds), count: days.count)
        for k in 0..<kinds {
            var sa = 0.0, sfa = 0.0, sffa = 0.0, sb = 0.0, sc = 0.0, sfc = 0.0
            for j in days.indices {
                let n = Double(atRisk[j]), d = Double(counts[j].dropFirst().reduce(0, +)), dk = Double(counts[j][k + 1])
                let fi = incidence[j][k]
                let a = (n - 1) * (n - d), b = (n - 1) * n * n, c = n * (n - d) * (n - 1)
                if a > 0 { let t = d / a; sa += t; sfa += fi * t; sffa += fi * fi * t }
                if b > 0 { sb += (n - dk) * dk / b * sBefore[j] * sBefore[j] }
                if c > 0 { let t = dk * (n - dk) * sBefore[j] / c; sc += t; sfc += fi * t }
                let fj = fi
                variance[j][k] = max(0, fj * fj * sa - 2 * fj * sfa + sffa + sb - 2 * (fj * sc - sfc))
            }
        }
        steps = days.indices.map { Step(day: days[$0], atRisk: atRisk[$0], counts: counts[$0], survival: survival[$0],
                                       incidence: incidence[$0], variance: variance[$0]) }
    }

    /// The cumulative incidence of `kind` (1…) by the end of `day` (0 before the first step).
    public func incidence(_ kind: Int, at day: Int) -> Double {
        step(at: day).map { $0.incidence[kind - 1] } ?? 0
    }

    /// The last step on or before `day`.
    public func step(at day: Int) -> Step? {
        var lo = 0, hi = steps.count
        while lo < hi { let mid = (lo + hi) / 2; if steps[mid].day <= day { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? nil : steps[lo - 1]
    }

    /// A pointwise confidence interval for F_kind(day), on the log(−log) scale as
    /// scikit-survival's `conf_type="log-log"` (z for `level`: 1.959964 for 95 %).
    public func interval(_ kind: Int, at day: Int, z: Double = 1.959963984540054) -> (low: Double, high: Double) {
        guard let st = step(at: day) else { return (0, 0) }
        let f = st.incidence[kind - 1], v = st.variance[kind - 1]
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
        steps.first { $0.incidence[kind - 1] >= p - 1e-12 }?.day
    }
}
