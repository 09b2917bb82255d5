import Foundation

// Changes between periods and the data-quality checks of a computation (split from
// Engine.swift, unchanged).

extension Computation {
    // MARK: Changes and data-quality checks

    /// Records a warning in the list of its indicator (safe while that indicator's thread runs).
    func addWarning(_ kind: QualityWarning.Kind, _ i: Int?, _ u: Int, _ per: Period, _ source: SourceRef?) {
        warnBuf[i ?? inds.count].append(QualityWarning(kind: kind, unit: u, indicator: i, period: per, source: source))
    }

    /// A reported 0 after at least three non-zero values that vary by at most a quarter of their mean.
    func checkDropsToZero(_ i: Int) {
        do {
            let kind = info[i].freq
            let ps = (0..<nP).filter { periods[$0].kind == kind }
            for u in 0..<nU {
                var run = [Double]()
                for p in ps {
                    let c = cells[i, u, p]
                    guard c.exists, !c.value.isNaN else { run.removeAll(); continue }
                    let v = c.value
                    if v == 0, c.origin == .reported, run.count >= 3 {
                        let recent = run.suffix(6)
                        let mean = recent.reduce(0, +) / Double(recent.count)
                        if recent.allSatisfy({ $0 > 0 }), (recent.max()! - recent.min()!) <= 0.25 * mean {
                            let per = periods[p]
                            addWarning(.dropToZero(typical: mean), i, u, per, source(c))
                            // Every total built on it: the parents, and a successor whose history is carried from it.
                            var above = [u]
                            var seen = Set<Int>()
                            while let y = above.popLast() {
                                for x in [tree.parent[y], tree.units[y].successor.flatMap { tree.index[$0] }].compactMap({ $0 }) where seen.insert(x).inserted {
                                    let cx = cells[i, x, p]
                                    guard cx.exists, !cx.value.isNaN else { continue }
                                    let built = x == tree.parent[y] ? cx.origin == .aggregated : cx.origin == .carried
                                    guard built else { continue }
                                    addWarning(.builtOnSuspect(unit: tree.units[u].id), i, x, per, source(c))
                                    above.append(x)
                                }
                            }
                        }
                    }
                    run.append(v)
                }
            }
        }
    }

    /// Units whose count per 100 of its denominator (`per:`) is far from the other units'
    /// that reported it in the same period: more than `outlierRatio` times the others'
    /// median or less than its inverse, or a robust z-score (0.6745 · (x − median) / MAD over
    /// all of them, the MAD at least a tenth of the median) above `outlierZ`. At least four
    /// units are needed to have peers at all.
    func checkOutliers(_ i: Int) {
        guard let perID = inds[i].per, let d = ds.indicatorIndex[perID] else { return }
        let ratio = max(1, inds[i].outlierRatio), zLimit = inds[i].outlierZ
        for p in 0..<nP where periods[p].kind == info[i].freq {
            var units = [Int](), rates = [Double]()
            for u in 0..<nU where isDueUnit(i, u, p) {
                let c = cells[i, u, p], b = cells[d, u, p]
                guard c.exists, c.origin == .reported, !c.value.isNaN, b.exists, !b.value.isNaN, b.value > 0 else { continue }
                units.append(u); rates.append(c.value / b.value * 100)
            }
            guard rates.count >= 4 else { continue }
            let all = Computation.median(rates)
            // The MAD is at least a tenth of the median: figures that agree closely (46 against
            // 50) are not outliers because the others happen to agree even more closely.
            let mad = max(Computation.median(rates.map { abs($0 - all) }), 0.1 * abs(all))
            for (k, u) in units.enumerated() {
                var others = rates
                others.remove(at: k)
                let peers = Computation.median(others)
                let x = rates[k]
                let byRatio = peers > 0 && (x > ratio * peers || x < peers / ratio)
                let byZ = mad > 0 && abs(0.6745 * (x - all) / mad) > zLimit
                if byRatio || byZ {
                    addWarning(.outlier(rate: x, peersMedian: peers), i, u, periods[p], source(cells[i, u, p]))
                }
            }
        }
    }

    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        guard !s.isEmpty else { return 0 }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Reports for a period in which their unit did not exist (of the indicators computed in this run).
    func checkReportsOutsideActiveDates() {
        ds.reports.forEachRow { k, r in
            let u = Int(ds.reportUnit[k]), i = Int(ds.reportIndicator[k])
            guard u >= 0, i < 0 ? previous == nil : recompute[i], !tree.units[u].overlaps(r.period) else { return }
            addWarning(.outsideActiveDates, i >= 0 ? i : nil, u, r.period, ds.reports[k].source)
        }
    }

    /// The indicator the waitlist cases' own warnings are shown on: the count of all waiting.
    var waitlistAnchor: Int? { Computation.waitlistAnchor(inds) }

    static func waitlistAnchor(_ inds: [Indicator]) -> Int? {
        inds.firstIndex { $0.source == .waitlist && $0.waitlistMeasure == .waiting && $0.housing.isEmpty && $0.livingNow.isEmpty }
            ?? inds.firstIndex { $0.source == .waitlist }
    }

    func checkWaitlistCases() {
        let anchor = waitlistAnchor
        var lookup = UnitLookup(tree)
        for c in ds.waitlist {
            let u = lookup.index(c.unit)
            guard u >= 0 else { continue }
            let per = Period.containing(c.granted, kind: .tertial)
            if let r = c.received, c.granted < r {
                addWarning(.grantedBeforeReceived(caseID: c.id), anchor, u, per, c.source)
            }
            if let x = c.exit, x < c.granted {
                addWarning(.exitBeforeGranted(caseID: c.id), anchor, u, per, c.source)
            }
            if c.isProcessingBreach, inSpan(per), let d = c.processingDays {
                addWarning(.processingBreach(caseID: c.id, days: d), anchor, u, per, c.source)
            }
        }
    }
}
