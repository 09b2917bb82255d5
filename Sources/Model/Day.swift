#if canImport(Glibc)
import Glibc
#endif
/// A calendar date without time or zone, stored as days since 1970-01-01.
///
/// Foundation's `Date` and `Calendar` are avoided in the model on purpose: every
/// rule in the data contract is about whole days, and plain integers make the
/// waitlist arithmetic (wait = D - granted) exact and fast.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let ordinal: Int

    public init(ordinal: Int) { self.ordinal = ordinal }

    /// Returns nil for an impossible date (31 Feb, month 13, ...).
    @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month),
              (1000...9999).contains(year) else { return nil }
        self.init(civil: year, month, day)
    }

    /// Any calendar date, for arithmetic on valid ones (a period's start in year 999 is a
    /// day like any other); the caller has checked month and day.
    @inline(__always)
    init(civil year: Int, _ month: Int, _ day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    public var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Today on this machine's clock, in local time.
    public static func today() -> Day {
        var t = time(nil)
        var tmv = tm()
        localtime_r(&t, &tmv)
        return Day(civil: Int(tmv.tm_year) + 1900, Int(tmv.tm_mon) + 1, Int(tmv.tm_mday))
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }
    public static func + (a: Day, n: Int) -> Day { Day(ordinal: a.ordinal + n) }

    /// ISO form, `2019-12-31`.
    public var description: String {
        let c = components
        return "\(c.year)-\(Day.pad2(c.month))-\(Day.pad2(c.day))"
    }

    /// Norwegian form, `31.12.2019`.
    public var norwegian: String {
        let c = components
        return "\(Day.pad2(c.day)).\(Day.pad2(c.month)).\(c.year)"
    }

    public static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Parses `2019-12-31` or `31.12.2019` (surrounding spaces ignored).
    public init?(parsing text: Substring) {
        let t = text.trimmingSpaces
        let bytes = Array(t.utf8)
        func num(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= bytes.count else { return nil }
            var v = 0
            for i in r {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        if bytes.count == 10, bytes[4] == 45, bytes[7] == 45,
           let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) {
            self.init(year: y, month: m, day: d)
        } else if bytes.count == 10, bytes[2] == 46, bytes[5] == 46,
                  let d = num(0..<2), let m = num(3..<5), let y = num(6..<10) {
            self.init(year: y, month: m, day: d)
        } else {
            return nil
        }
    }

    public init?(parsing text: String) { self.init(parsing: Substring(text)) }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\u{00A0}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{00A0}" { s = s.dropLast() }
        return s
    }
}

extension String {
    var trimmingSpaces: String { String(Substring(self).trimmingSpaces) }
}
