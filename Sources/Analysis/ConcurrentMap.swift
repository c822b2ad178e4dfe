import Dispatch

/// Maps a collection on all cores, keeping the order of the results: the same input gives the same
/// output, whatever the scheduling.
public enum ConcurrentMap {
    public static func map<C: RandomAccessCollection, T: Sendable>(
        _ collection: C, _ transform: @Sendable (C.Element) -> T
    ) -> [T] where C.Index == Int, C: Sendable {
        let results = ResultSlots<T>(count: collection.count)
        DispatchQueue.concurrentPerform(iterations: collection.count) { offset in
            results.store(transform(collection[collection.startIndex + offset]), at: offset)
        }
        return results.values()
    }
}

/// Slots written once each from several threads (each slot by one thread), read after all are done.
/// The storage is a raw buffer, so that writes to different slots never touch shared Swift state.
private final class ResultSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) {
        slots[index] = value
    }

    func values() -> [T] { slots.map { $0! } }
}
