/// A JSON value as ``JSONTreeEncoder`` builds it: containers are references, so that a nested
/// container keeps receiving values after it was placed in its parent.
enum JSONNode {
    case null
    case bool(Bool)
    /// A number's text, ready to write.
    case number(String)
    case string(String)
    case array(JSONArray)
    case object(JSONObject)
    /// The value a `superEncoder()` gives its parent, known once that encoder is done (an empty object
    /// when nothing was encoded through it).
    case deferred(JSONTreeEncoder)
    /// JSON text written beforehand at the nesting level the node stands at (``SortedJSONEncoder/ArrayElement``).
    case text([UInt8])
}

/// An array being filled.
final class JSONArray {
    var elements: [JSONNode] = []
}

/// An object being filled, its members in the order encoded (sorted, and a repeated key's last value
/// kept, when written).
final class JSONObject {
    var members: [(key: String, value: JSONNode)] = []
}
