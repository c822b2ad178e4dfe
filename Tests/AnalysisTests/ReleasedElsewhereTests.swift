import Analysis
import Foundation
import Testing

/// `ReleasedElsewhere.drop` frees a value on another thread, whichever thread runs first.
@Suite struct ReleasedElsewhereTests {
    /// Notes the thread its instance is freed on.
    final class Watched: @unchecked Sendable {
        let freed: DispatchSemaphore
        let thread: UnsafeMutablePointer<pthread_t>
        init(freed: DispatchSemaphore, thread: UnsafeMutablePointer<pthread_t>) {
            self.freed = freed
            self.thread = thread
        }
        deinit {
            thread.pointee = pthread_self()
            freed.signal()
        }
    }

    /// A value holding the watched object among others.
    struct Held {
        var round: Int
        var watched: [Watched]
        var text: String
    }

    @Test func aDroppedValueIsFreedOnAnotherThread() {
        let thread = UnsafeMutablePointer<pthread_t>.allocate(capacity: 1)
        defer { thread.deallocate() }
        for round in 0..<200 {
            let freed = DispatchSemaphore(value: 0)
            thread.pointee = pthread_self()
            // A struct holding the object, as the report's document holds its arrays.
            let value = Held(round: round, watched: [Watched(freed: freed, thread: thread)], text: "text \(round)")
            ReleasedElsewhere.drop(consume value)
            #expect(freed.wait(timeout: .now() + 10) == .success)
            #expect(pthread_equal(thread.pointee, pthread_self()) == 0)
        }
    }
}
