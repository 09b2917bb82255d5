public enum TUIVersion { public static let name = "tertial" }
