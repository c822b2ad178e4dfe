import Foundation

/// A producer on a thread of its own that runs at most `depth` elements ahead of its consumer: the
/// reader's batches of records (``CSVReader``), and the ingest's checked rows of `segments.csv`.
///
/// The producer hands each element over with ``put(_:)``, which waits while `depth` elements are
/// waiting and returns `false` once the consumer has stopped it; the consumer takes them in order with
/// ``take()``. ``stop()`` returns only when the producer has returned, so that nothing it calls (a
/// block observer, say) runs afterwards.
///
/// `@unchecked Sendable`: every stored property is either immutable (`depth`, `condition`) or read and
/// written only while `condition` is locked, and the elements themselves are `Sendable`.
public final class ReadAhead<Element: Sendable>: @unchecked Sendable {
    private let depth: Int
    private let condition = NSCondition()
    /// Guarded by `condition`: the elements handed over and not yet taken, whether the consumer has
    /// stopped the producer, and whether the producer has not returned yet.
    private var elements: [Element] = []
    private var stopped = false
    private var running = true

    /// Starts `produce` on a thread named `name`; it gets the queue to put its elements into.
    public init(depth: Int, name: String, _ produce: @escaping @Sendable (ReadAhead<Element>) -> Void) {
        self.depth = depth
        let thread = Thread { [self] in
            defer {
                condition.lock()
                running = false
                condition.broadcast()
                condition.unlock()
            }
            produce(self)
        }
        thread.name = name
        thread.start()
    }

    /// Hands `element` over, waiting while `depth` elements wait to be taken.
    /// - Returns: `false` when the consumer has stopped the producer (the element is dropped): the
    ///   producer should return.
    public func put(_ element: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while elements.count >= depth, !stopped { condition.wait() }
        if stopped { return false }
        elements.append(element)
        condition.broadcast()
        return true
    }

    /// The next element, waiting for it if need be. Ask only for elements the producer will put.
    public func take() -> Element {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty { condition.wait() }
        condition.broadcast()
        return elements.removeFirst()
    }

    /// Tells the producer to stop and waits until it has returned.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }
}
