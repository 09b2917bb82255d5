// swift-tools-version:5.10
import PackageDescription

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
    ],
    targets: [
        .target(name: "Model", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "Reports", dependencies: ["Model"]),
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncursesw5-dev"])]),
        .target(name: "TUI", dependencies: ["Model", "Reports", "CNcursesw"]),
        .executableTarget(name: "tertial", dependencies: [
            "Model", "Reports", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tertial-bench", dependencies: [
            "Model", "Reports", "TUI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Model"], exclude: ["golden"]),
        .testTarget(name: "TUITests", dependencies: ["TUI", "Model", "Reports"], exclude: ["golden"]),
    ]
)
