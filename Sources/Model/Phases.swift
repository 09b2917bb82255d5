import Foundation

/// The wall-clock time of each step of a load or a compute, kept for the benchmark
/// (`tertial-bench time` prints them) and for docs/performance.md's phase breakdown.
/// Costs one clock read per step.
public struct Phases: Sendable {
    public struct Step: Sendable { public let name: String; public let seconds: Double }
    public private(set) var steps: [Step] = []
    private var last: Double

    public init() { last = Phases.now() }

    /// Ends the current step under this name; the next one starts now.
    mutating func mark(_ name: String) {
        let t = Phases.now()
        steps.append(Step(name: name, seconds: t - last))
        last = t
    }

    public var description: String {
        steps.map { String(format: "%@ %.1f ms", $0.name, $0.seconds * 1000) }.joined(separator: ", ")
    }

    /// Seconds on the monotonic clock (the dashboard's and the benchmark's clock too).
    public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
