/// The elements open while an XML document is parsed, each with its XML path for messages
/// (`/Project/Sources/TextSource[2]/PlainTextSelection[1]`): elements of the `indexed` names carry their
/// position among their parent's children of that name.
struct XMLElementStack {
    private struct Element {
        var name: String
        var path: String
        var childCounts: [String: Int] = [:]
    }

    /// The element names that repeat under one parent and are numbered in paths.
    let indexed: Set<String>
    private var elements: [Element] = []

    init(indexed: Set<String>) {
        self.indexed = indexed
    }

    /// Opens an element; returns its path.
    @discardableResult
    mutating func open(_ name: String) -> String {
        var path = "/" + name
        if !elements.isEmpty {
            let count = (elements[elements.count - 1].childCounts[name] ?? 0) + 1
            elements[elements.count - 1].childCounts[name] = count
            path = elements[elements.count - 1].path + "/" + name + (indexed.contains(name) ? "[\(count)]" : "")
        }
        elements.append(Element(name: name, path: path))
        return path
    }

    /// Closes the innermost element; returns its name.
    @discardableResult
    mutating func close() -> String { elements.removeLast().name }

    /// How many elements are open.
    var depth: Int { elements.count }

    /// The path of the innermost open element (`""` when none is).
    var path: String { elements.last?.path ?? "" }

    /// The name of the element `levels` above the innermost (0: the innermost itself); `nil` beyond the root.
    func name(above levels: Int) -> String? {
        let index = elements.count - 1 - levels
        return index >= 0 ? elements[index].name : nil
    }
}
