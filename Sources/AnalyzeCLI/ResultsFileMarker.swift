import Foundation

/// What tells a file of analysis results from any other file: a JSON object with the keys
/// `toolVersion` and `tables` (whatever their values, `null` included), as every version of
/// `analyze analyze` wrote.
///
/// Only the two keys are looked at: the results themselves are not decoded (at a million segment rows
/// they are 18 MB of JSON, which `JSONSerialization` would turn into objects only to check two keys).
struct ResultsFileMarker: Decodable {
    private enum CodingKeys: String, CodingKey {
        case toolVersion, tables
    }

    /// Whether the object has both keys.
    let isResults: Bool

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        isResults = container.contains(.toolVersion) && container.contains(.tables)
    }

    /// Whether `data` is analysis results of analyze (of this or an earlier version).
    static func marksResults(_ data: Data) -> Bool {
        (try? JSONDecoder().decode(ResultsFileMarker.self, from: data))?.isResults ?? false
    }
}
