// swift-tools-version:6.1
import Foundation
import PackageDescription

// PostgreSQL (the shared follow-up store) is the package trait `Postgres`, on by default;
// `--disable-default-traits` builds without it (CI's AddressSanitizer run: BoringSSL's build
// is long, and the PostgreSQL cases have run in the plain one). Code under it is compiled
// with the `TERTIAL_POSTGRES` condition.
let postgres: Set<String> = ["Postgres"]
let postgresSettings: [SwiftSetting] = [.define("TERTIAL_POSTGRES", .when(traits: postgres))]

let package = Package(
    name: "tertial",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tertial", targets: ["tertial"]),
        .executable(name: "tertial-bench", targets: ["tertial-bench"]),
    ],
    traits: [
        .trait(name: "Postgres", description: "The shared follow-up store on PostgreSQL (postgres-nio)."),
        .default(enabledTraits: ["Postgres"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
        // The .xlsx container (issue 26): a well-kept ZIP library, no hand-written inflate.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Everything a person reads, in both languages (the one text system; below Model).
        .target(name: "Text"),
        // zlib (Debian's): the .xlsx parts and a meeting's baseline; the well-kept deflate, not a hand-written one.
        .systemLibrary(name: "CTertialZlib", providers: [.apt(["zlib1g-dev"])]),
        // The .xlsx reader and writer (issue 26): ZIPFoundation for the container, zlib, no Model.
        .target(name: "Spreadsheet", dependencies: ["CTertialZlib", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "Model", dependencies: ["Text", "Spreadsheet", .product(name: "Yams", package: "Yams")]),
        // Follow-up (comments and actions): SQLite through GRDB (docs/architecture.md, "The store").
        // PostgreSQL through postgres-nio, for a whole etat (docs/followup.md), with the trait.
        .target(name: "Store", dependencies: ["Model", "CTertialZlib", .product(name: "GRDB", package: "GRDB.swift"),
                                              .product(name: "PostgresNIO", package: "postgres-nio", condition: .when(traits: postgres)),
                                              .product(name: "NIOSSL", package: "swift-nio-ssl", condition: .when(traits: postgres))],
                swiftSettings: postgresSettings),
        .target(name: "Reports", dependencies: ["Model", "Store", "Spreadsheet"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TUI", dependencies: ["Model", "Reports", "Store", "CNcursesw"]),
        .executableTarget(name: "tertial", dependencies: [
            "Model", "Reports", "Store", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tertial-bench", dependencies: [
            "Model", "Reports", "Store", "TUI", "Spreadsheet",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // What every test target shares (Tests/TestSupport): XCTest's assertions over Swift
        // Testing (one runner, one count), the sample data, its temporary copies, the golden files.
        .target(name: "TestSupport", dependencies: ["Model", "Store"], path: "Tests/TestSupport", swiftSettings: postgresSettings),
        .testTarget(name: "ModelTests", dependencies: ["Model", "Spreadsheet", "TestSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Model", "TestSupport"], swiftSettings: postgresSettings),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Model", "Store", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["golden"],
                    swiftSettings: postgresSettings),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Model", "Reports", "Store", "TestSupport"], exclude: ["golden"],
                    swiftSettings: postgresSettings),
    ],
    // The code was written for Swift 5 mode (checked with the Swift 6 compiler's warnings).
    swiftLanguageModes: [.v5]
)

// The fuzz targets (Fuzz/), only when asked for: scripts/fuzz.sh builds them with
// -sanitize=fuzzer,address in a build folder of their own.
if ProcessInfo.processInfo.environment["TERTIAL_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver"))
    for (name, path) in [("fuzz-csv", "Fuzz/CSV"), ("fuzz-catalogue", "Fuzz/Catalogue"), ("fuzz-loader", "Fuzz/Loader"), ("fuzz-xlsx", "Fuzz/XLSX")] {
        package.targets.append(.executableTarget(name: name, dependencies: ["Model", "Spreadsheet", "FuzzDriver"], path: path,
                                                 swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
