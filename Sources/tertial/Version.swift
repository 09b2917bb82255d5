/// The release, kept in this one place: `tertial --version` prints it, scripts/package.sh
/// reads it for the package's name and writes the commit into its copy of the tree.
enum Version {
    static let number = "0.25.0"
    /// The commit the package was built from (scripts/package.sh); nil in a developer's build.
    static let commit: String? = nil

    static var text: String {
        "tertial \(number) (" + (commit.map { "commit \($0)" } ?? "commit unknown: a developer's build") + ")"
    }
}
