import CTertialZlib
import Foundation

/// A meeting's baseline as the store keeps it: deflated with zlib (a year of monthly
/// meetings of the generated etat stays a few MiB; docs/performance.md). The stored form
/// starts with `TBZ1` and the length of the text, so a reader knows how much to make room
/// for and refuses more (no bomb); a text stored plainly is read as it is.
enum Deflated {
    static let magic: [UInt8] = Array("TBZ1".utf8)
    /// The longest baseline text read back.
    static let maxLength = 1 << 30

    static func pack(_ text: Data) -> Data {
        var bound = compressBound(uLong(text.count))
        var out = [UInt8](repeating: 0, count: Int(bound))
        let status = text.withUnsafeBytes { src in
            compress2(&out, &bound, src.bindMemory(to: Bytef.self).baseAddress, uLong(text.count), Z_DEFAULT_COMPRESSION)
        }
        guard status == Z_OK else { return text }
        var n = UInt64(text.count).bigEndian
        return Data(magic) + Data(bytes: &n, count: 8) + Data(out.prefix(Int(bound)))
    }

    static func unpack(_ data: Data) -> Data? {
        let b = [UInt8](data)
        guard b.count >= 12, Array(b[0..<4]) == magic else { return data }
        let n = b[4..<12].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard n <= UInt64(maxLength) else { return nil }
        var length = uLongf(n)
        var out = [UInt8](repeating: 0, count: Int(n))
        let status = b.withUnsafeBufferPointer { src in uncompress(&out, &length, src.baseAddress! + 12, uLong(b.count - 12)) }
        guard status == Z_OK, length == uLongf(n) else { return nil }
        return Data(out)
    }
}
