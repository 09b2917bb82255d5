import Foundation

/// How long someone granted a place today will wait, and whether the list grows (issue 25):
/// for the cases granted in a window before a day, the Aalen–Johansen cumulative incidence of
/// allocation (leaving without a place competing, a case still waiting censored on the day),
/// and the flow of the last 12 months. docs/data-format.md, "The waitlist forecast".
public struct WaitlistForecast: Sendable {
    /// Below this many cases in the window no estimate is given (and the reason is said).
    public static let minimumCases = 10
    public static let defaultWindowMonths = 24
    /// The points the leaders read: 3, 6 and 12 months after the decision.
    public static let horizons = [91, 182, 365]

    public struct Point: Sendable, Equatable {
        public let days: Int
        public let p: Double
        public let low: Double
        public let high: Double
    }

    public let date: Day
    public let windowStart: Day
    /// Cases granted in the window (on or after `windowStart`, on or before `date`).
    public let casesInWindow: Int
    /// Nil when there are fewer than `minimumCases`.
    public let estimate: CumulativeIncidence?
    /// The chance of a place within 3, 6 and 12 months, with the 95 % interval.
    public let allocated: [Point]
    /// The first day half have a place; nil when under half do within the window's data.
    public let medianDays: Int?
    /// The longest time the window's data reaches (for "under half get a place within N days").
    public let longestObserved: Int?
    /// The chance of leaving the list without a place within 12 months.
    public let left12m: Double?
    /// The last 12 months: grants, allocations, departures without a place.
    public let grants12m: Int
    public let allocations12m: Int
    public let departures12m: Int
    /// Grants and allocations in each of the 12 months up to the date (oldest first).
    public let grantsByMonth: [Int]
    public let allocationsByMonth: [Int]
    /// Waiting on the date.
    public let waitingNow: Int
    /// The mean number waiting at the last 12 month ends, and what Little's law gives from
    /// the arrivals and the mean time on the list of those who left it (nil without exits).
    public let meanWaiting: Double
    public let littlesLaw: Double?

    /// The list's change per month over the last 12 (grants − allocations − departures) / 12.
    public var netPerMonth: Double { Double(grants12m - allocations12m - departures12m) / 12 }

    /// Months until the list is empty at the last 12 months' rate (nil when it does not shrink).
    public var monthsToEmpty: Double? { netPerMonth < 0 ? Double(waitingNow) / -netPerMonth : nil }

    /// Little's law and the figures disagree by more than half: exits may not be registered.
    public var littleDisagrees: Bool {
        guard let l = littlesLaw, meanWaiting > 0 else { return false }
        return abs(meanWaiting - l) > 0.5 * meanWaiting
    }

    /// A case as the forecast reads it: the day it was granted and the day it left the list
    /// (the earlier of allocated and left, as `WaitCase.exit`), and whether that was a place.
    /// Day numbers, not `WaitCase`s: the forecast runs over every unit's cases.
    public struct Timing: Sendable {
        public let granted: Int32
        /// `Int32.max`: still on the list.
        public let exit: Int32
        public let allocated: Bool
        /// The category's place in `Housing.allCases`.
        public let category: UInt8
        public var housing: Housing { Housing.allCases[Int(category)] }
        public init(_ c: WaitCase) {
            switch c.housing { // its place in Housing.allCases
            case .ombps2: category = 0
            case .ombps3: category = 1
            case .ombps4: category = 2
            case .bosenter: category = 3
            }
            let d = c.packedExitDays
            granted = d.granted
            let a = d.allocated == .min ? Int32.max : d.allocated, l = d.left == .min ? Int32.max : d.left
            exit = min(a, l)
            allocated = a != .max && a <= l
        }
    }

    /// `cases`: the cases of the unit (with its coverage) and category; `windowMonths` back
    /// from `date`.
    public init(cases: [WaitCase], date: Day, windowMonths: Int = WaitlistForecast.defaultWindowMonths) {
        self.init(timings: cases.map(Timing.init), date: date, windowMonths: windowMonths)
    }

    public init(timings cases: [Timing], date: Day, windowMonths: Int = WaitlistForecast.defaultWindowMonths) {
        self.date = date
        let start = WaitlistForecast.monthsBack(date, windowMonths)
        windowStart = start
        let today = Int32(date.ordinal), first = Int32(start.ordinal), yearAgo = today - 365
        var obs = [(days: Int, kind: Int)]()
        // The month ends of the last 12 months (the last one the date itself), as day numbers.
        var monthEnds = (0..<12).map { Int32(WaitlistForecast.monthsBack(date, 11 - $0).ordinal) }
        monthEnds[11] = today
        func month(_ d: Int32) -> Int? {
            guard d > yearAgo, d <= today else { return nil }
            return monthEnds.firstIndex { d <= $0 }
        }
        var grants = [Int](repeating: 0, count: 12), allocations = [Int](repeating: 0, count: 12)
        var departures = 0
        var waitingAt = [Int](repeating: 0, count: 12)
        var waiting = 0, stays = 0, staysCount = 0
        for c in cases {
            // The estimate: granted in the window; allocated or left by the date is an event,
            // else censored on the date.
            if c.granted >= first && c.granted <= today {
                if c.exit <= today { obs.append((Int(c.exit - c.granted), c.allocated ? 1 : 2)) }
                else { obs.append((Int(today - c.granted), 0)) }
            }
            // The flow of the last 12 months, month by month.
            if let m = month(c.granted) { grants[m] += 1 }
            if c.exit != .max, let m = month(c.exit) {
                if c.allocated { allocations[m] += 1 } else { departures += 1 }
                stays += Int(c.exit - c.granted); staysCount += 1
            }
            if c.granted <= today && c.exit > today { waiting += 1 }
            if c.granted <= today && c.exit > monthEnds[0] {
                for (k, end) in monthEnds.enumerated() where c.granted <= end && c.exit > end { waitingAt[k] += 1 }
            }
        }
        casesInWindow = obs.count
        let ci = obs.count >= WaitlistForecast.minimumCases ? CumulativeIncidence(obs, kinds: 2) : nil
        estimate = ci
        allocated = ci.map { ci in WaitlistForecast.horizons.map { d in
            let (lo, hi) = ci.interval(1, at: d)
            return Point(days: d, p: ci.incidence(1, at: d), low: lo, high: hi)
        } } ?? []
        medianDays = ci?.firstDay(1, reaching: 0.5)
        longestObserved = ci?.lastDay
        left12m = ci.map { $0.incidence(2, at: 365) }
        grantsByMonth = grants; allocationsByMonth = allocations
        grants12m = grants.reduce(0, +); allocations12m = allocations.reduce(0, +); departures12m = departures
        waitingNow = waiting
        meanWaiting = Double(waitingAt.reduce(0, +)) / 12
        // L = λ W: arrivals per day over the last year × the mean days on the list of those who left it.
        littlesLaw = staysCount > 0 ? Double(grants12m) / 365 * Double(stays) / Double(staysCount) : nil
    }

    /// The same day `months` months earlier (the month's last day when it has fewer).
    static func monthsBack(_ d: Day, _ months: Int) -> Day {
        let c = d.components
        var y = c.year, m = c.month - months
        while m < 1 { m += 12; y -= 1 }
        return Day(year: y, month: m, day: min(c.day, Day.daysIn(year: y, month: m)))!
    }
}

extension Snapshot {
    /// The forecast of a unit's waitlist (with its coverage on the day, as every register
    /// figure) for a category (nil: all), on a day; `windowMonths` nil: the catalogue's
    /// setting (`forecast_window_months`, 24 by default).
    public func forecast(unit: Int, housing: Housing?, at date: Day, windowMonths: Int? = nil) -> WaitlistForecast {
        forecasts(unit: unit, at: date, windowMonths: windowMonths)[housing]!
    }

    /// The forecasts of a unit for every category and for all (nil), made in one pass over
    /// its cases and kept for the snapshot's life.
    public func forecasts(unit: Int, at date: Day, windowMonths: Int? = nil) -> [Housing?: WaitlistForecast] {
        let window = windowMonths ?? dataset.settings.forecastWindowMonths
        return cache.memo(ForecastKey(unit: unit, day: date, window: window)) {
            let (timings, byUnit) = cache.memo("forecastTimings") { () -> ([WaitlistForecast.Timing], [[Int32]]) in
                let units = cache.caseUnits { dataset.waitlist.map { tree.index[$0.unit] ?? -1 } }
                var byUnit = [[Int32]](repeating: [], count: tree.units.count)
                for (k, u) in units.enumerated() where u >= 0 { byUnit[u].append(Int32(k)) }
                return (dataset.waitlist.map(WaitlistForecast.Timing.init), byUnit)
            }
            let covered = cache.coverage { Coverage(tree) }.covered(by: unit, on: date)
            // By category, indexed by its place in `Housing.allCases` (no hashing per case).
            let categories = Housing.allCases
            var split = [[WaitlistForecast.Timing]](repeating: [], count: categories.count), all = [WaitlistForecast.Timing]()
            for (u, cases) in byUnit.enumerated() where covered[u] {
                for k in cases {
                    let t = timings[Int(k)]
                    split[Int(t.category)].append(t)
                    all.append(t)
                }
            }
            var out: [Housing?: WaitlistForecast] = [nil: WaitlistForecast(timings: all, date: date, windowMonths: window)]
            for (k, h) in categories.enumerated() { out[h] = WaitlistForecast(timings: split[k], date: date, windowMonths: window) }
            return out
        }
    }
}

extension Snapshot {
    /// The forecasts of several units (the JSON export, the benchmark): the first made alone
    /// (it builds the cases' timings once), the others on every core.
    public func forecasts(units: [Int], at date: Day, windowMonths: Int? = nil) -> [[Housing?: WaitlistForecast]] {
        guard let first = units.first else { return [] }
        _ = forecasts(unit: first, at: date, windowMonths: windowMonths)
        DispatchQueue.concurrentPerform(iterations: units.count) { k in
            _ = forecasts(unit: units[k], at: date, windowMonths: windowMonths)
        }
        return units.map { forecasts(unit: $0, at: date, windowMonths: windowMonths) }
    }
}

private struct ForecastKey: Hashable { let unit: Int; let day: Day; let window: Int }
