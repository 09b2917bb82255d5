// swift-tools-version:5.10
import Foundation
import PackageDescription

let withPostgres = ProcessInfo.processInfo.environment["TERTIAL_NO_POSTGRES"] == nil
let postgresSettings: [SwiftSetting] = withPostgres ? [.define("TERTIAL_POSTGRES")] : []

let package = Package(
    name: "tertial",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tertial", targets: ["tertial"]),
        .executable(name: "tertial-bench", targets: ["tertial-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ] + (withPostgres ? [
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.0"),
    ] : []),
    targets: [
        .target(name: "Model", dependencies: [.product(name: "Yams", package: "Yams")]),
        // Follow-up (comments and actions): SQLite through GRDB (docs/architecture.md, "The store").
        // PostgreSQL through postgres-nio, for a whole etat (docs/followup.md); left out only when
        // TERTIAL_NO_POSTGRES is set (CI's AddressSanitizer run: BoringSSL's build is long).
        .target(name: "Store", dependencies: ["Model", .product(name: "GRDB", package: "GRDB.swift")] + (withPostgres ? [
                    .product(name: "PostgresNIO", package: "postgres-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl")] : []),
                swiftSettings: postgresSettings),
        .target(name: "Reports", dependencies: ["Model", "Store"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TUI", dependencies: ["Model", "Reports", "Store", "CNcursesw"]),
        .executableTarget(name: "tertial", dependencies: [
            "Model", "Reports", "Store", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tertial-bench", dependencies: [
            "Model", "Reports", "Store", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // What every test target shares (Tests/TestSupport): XCTest's assertions over Swift
        // Testing (one runner, one count), the sample data, its temporary copies, the golden files.
        .target(name: "TestSupport", dependencies: ["Model"], path: "Tests/TestSupport"),
        .testTarget(name: "ModelTests", dependencies: ["Model", "TestSupport"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "Model", "TestSupport"], swiftSettings: postgresSettings),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Model", "Store", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")], exclude: ["golden"],
                    swiftSettings: postgresSettings),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Model", "Reports", "Store", "TestSupport"], exclude: ["golden"],
                    swiftSettings: postgresSettings),
    ]
)

// The fuzz targets (Fuzz/), only when asked for: scripts/fuzz.sh builds them with
// -sanitize=fuzzer,address in a build folder of their own.
if ProcessInfo.processInfo.environment["TERTIAL_FUZZ"] != nil {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver"))
    for (name, path) in [("fuzz-csv", "Fuzz/CSV"), ("fuzz-catalogue", "Fuzz/Catalogue"), ("fuzz-loader", "Fuzz/Loader")] {
        package.targets.append(.executableTarget(name: name, dependencies: ["Model", "FuzzDriver"], path: path,
                                                 swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
    }
}
