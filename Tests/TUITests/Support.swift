import Foundation
import Testing
import TestSupport
@testable import Model
@testable import Reports
@testable import TUI

/// The sample dataset at the repository root (TestSupport's).
typealias Sample = SampleData

/// Drives `update` with keys, as the event loop would.
struct Driver {
    var state: AppState
    let snapshot: Snapshot
    var effects: [Effect] = []

    init(width: Int = 100, height: Int = 30, unit: String? = nil, period: Period? = .tertial(2019, 3), lang: Lang = .nb, unicode: Bool = true,
         snapshot: Snapshot? = nil) {
        let snap = snapshot ?? Sample.snapshot
        self.snapshot = snap
        state = AppState(snapshot: snap, unit: unit.flatMap { snap.tree.index[$0] }, period: period, lang: lang,
                         width: width, height: height, dataName: "sample-data", unicode: unicode)
        state.loadedAt = "12:00:00"
        state = Dashboard.update(state, .resize(width: width, height: height), snap).0
    }

    mutating func press(_ keys: Key...) { for k in keys { send(k) } }

    mutating func send(_ k: Key) {
        let (s, e) = Dashboard.update(state, .key(k), snapshot)
        state = s
        effects += e
    }

    mutating func type(_ text: String) { for c in text { send(.char(c)) } }

    var screen: CellBuffer { Dashboard.render(state, snapshot) }
    var text: String { screen.text }
    /// A unit's id and position in the sample snapshot.
    func unit(_ id: String) -> UnitID { XCTAssertNotNil(snapshot.tree.position(UnitID(id)), id); return UnitID(id) }
    func indicator(_ id: String) -> IndicatorID { XCTAssertNotNil(snapshot.position(IndicatorID(id)), id); return IndicatorID(id) }

    var selected: Item? {
        let p = Views.panel(state, snapshot)
        return p.items.indices.contains(state.top.cursor) ? p.items[state.top.cursor] : nil
    }
}
