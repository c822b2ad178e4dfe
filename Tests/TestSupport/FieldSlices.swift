/// Calls `body` with `fields` laid one after another in one buffer, each given as its slice of it (as a
/// CSV record's fields are), valid only during the call.
public func withFieldSlices<Result>(_ fields: [[UInt8]], _ body: ([UnsafeRawBufferPointer]) throws -> Result) rethrows -> Result {
    try Array(fields.joined()).withUnsafeBytes { all in
        var start = 0
        let slices = fields.map { bytes in
            defer { start += bytes.count }
            return UnsafeRawBufferPointer(rebasing: all[start..<start + bytes.count])
        }
        return try body(slices)
    }
}
