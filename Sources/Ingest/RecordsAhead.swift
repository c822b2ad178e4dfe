import CSVInput
import Foundation
import StudyModel

/// A CSV source opened and read on a thread of its own before its loader needs it: `segments.csv`, while
/// the ingest's thread reads the codebook, makes the store's schema and stores the participants (one core
/// would be idle once the instruments are read), so that a small file is parsed whole by the time its rows
/// are checked, and a large one's first records are.
///
/// The thread opens the file (its header read and checked by ``SourceReader``'s initializer, its problems
/// kept apart), then takes its records, and the error that ends it, in file order (handed over 64 at a
/// time) until ``byteBudget`` bytes of fields are held, the file ends, or the loader catches up. The loader's ``open(log:)`` logs the
/// opening's problems where opening the file there logged them, and the reader it gives hands out the
/// records taken ahead first, then reads on from the file itself: the records, their lines, the problems
/// and their order are those of a reader opened by the loader. The progress handler is told nothing
/// before ``open(log:)`` (then the last progress it missed).
///
/// `@unchecked Sendable`: `opened`, `items`, `stopped`, `running`, `isOpen` and `missedProgress` are read
/// and written only while `condition` is locked; the reader (and its table) is used by the thread until
/// it sets `running` to `false`, and by the consumer only after it saw that under the lock; `drained` and
/// `drainedCount` are used by the consumer alone (`drained` emptied under the lock).
final class RecordsAhead: @unchecked Sendable {
    /// A record taken ahead, the end of the file, or the error the table threw there (boxed: an item is
    /// the size of a record).
    enum Item {
        case record(CSVRecord)
        case end
        indirect case failure(CSVError)
    }

    /// Bytes of fields held ahead at most (a file up to about this size is read whole ahead).
    static let byteBudget = 4 << 20
    /// Items handed over to the consumer's side at a time (the lock taken once for them).
    private static let chunkSize = 64

    private let condition = NSCondition()
    private let progress: IngestProgressHandler?
    /// Guarded by `condition`: the opening's problems and reader (set once; the reader handed out by
    /// `open`), the items taken and not yet handed out, whether the consumer asked the thread to stop,
    /// whether the thread has not returned yet, whether `open` was called, the progress it missed.
    private var opened: (reader: SourceReader?, log: ProblemLog)?
    private var items: [Item] = []
    private var stopped = false
    private var running = true
    private var isOpen = false
    private var missedProgress: IngestProgress?
    /// The consumer's items taken over from `items`, and the next one to hand out.
    private var drained: [Item] = []
    private var drainedCount = 0

    /// Starts opening and reading the file at `path` on a thread of its own (the arguments are
    /// ``SourceReader``'s).
    init(
        path: String, requiredColumns: [String], dialect: CSVDialect?, progress: IngestProgressHandler?,
        digestAhead: DigestAhead?, byteBudget: Int = RecordsAhead.byteBudget
    ) {
        self.progress = progress
        let thread = Thread { [self] in
            var log = ProblemLog()
            let reader = SourceReader(
                path: path, requiredColumns: requiredColumns, dialect: dialect, log: &log,
                progress: self.progress == nil ? nil : { [self] in report($0) }, digestAhead: digestAhead)
            handOver { opened = (reader, log) }
            if let reader { takeRecords(of: reader, upTo: byteBudget) }
            handOver { running = false }
        }
        thread.name = "RecordsAhead"
        thread.start()
    }

    /// Takes the reader's records until `byteBudget` bytes of fields are held, the file ends or the
    /// consumer asks the thread to stop.
    private func takeRecords(of reader: SourceReader, upTo byteBudget: Int) {
        var held = 0
        var chunk: [Item] = []
        chunk.reserveCapacity(Self.chunkSize)
        while true {
            let item = reader.nextFromTable()
            var ends = false
            switch item {
            case .record(let record): held += Self.byteCount(of: record)
            case .end: ends = true
            case .failure(let error): ends = !error.reason.isRecoverable
            }
            chunk.append(item)
            guard ends || held >= byteBudget || chunk.count == Self.chunkSize else { continue }
            let stops = handOver {
                items.append(contentsOf: chunk)
                return ends || stopped || held >= byteBudget
            }
            chunk.removeAll(keepingCapacity: true)
            if stops { return }
        }
    }

    /// Runs `change` under the lock and wakes the consumer.
    @discardableResult
    private func handOver<Result>(_ change: () -> Result) -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return change()
    }

    /// The bytes `record`'s fields and their ends take in its batch's storage.
    private static func byteCount(of record: CSVRecord) -> Int {
        record.withUnsafeFields { fields in
            guard fields.count > 0 else { return 0 }
            let first = fields[0], last = fields[fields.count - 1]
            return last.baseAddress! + last.count - first.baseAddress! + fields.count * MemoryLayout<Int>.stride
        }
    }

    /// The file's reader, once the thread opened it (waiting for that), after logging the opening's
    /// problems into `log`: `nil` when the file or its header is unusable, as ``SourceReader``'s
    /// initializer gives. Call it once.
    func open(log: inout ProblemLog) -> SourceReader? {
        condition.lock()
        while opened == nil { condition.wait() }
        let (reader, openingLog) = opened!
        opened!.reader = nil
        isOpen = true
        if let missedProgress { progress?(missedProgress) }
        missedProgress = nil
        condition.unlock()
        log.add(contentsOf: openingLog.asError)
        reader?.recordsAhead = self
        return reader
    }

    /// The next item taken ahead, or `nil` when there is none and the thread has returned (waiting for
    /// either, having asked the thread to stop): then the reader reads on from its table. Used by the
    /// reader's consumer alone.
    func next() -> Item? {
        if drainedCount < drained.count {
            defer { drainedCount += 1 }
            return drained[drainedCount]
        }
        condition.lock()
        defer { condition.unlock() }
        drained = []
        while items.isEmpty {
            guard running else { return nil }
            stopped = true
            condition.wait()
        }
        swap(&drained, &items)
        drainedCount = 1
        return drained[0]
    }

    /// Tells the thread to stop and waits until it has returned (for an ingest that failed before its
    /// loader opened the file, or at its end); a reader not handed out is dropped (its parse stops).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running { condition.wait() }
        // The reader's block observer holds this object: dropped, the reader holds it no more. (Released
        // after the lock: its parse's thread, stopped then, may be waiting for the lock to report progress.)
        let unopened = opened?.reader
        opened?.reader = nil
        items = []
        condition.unlock()
        withExtendedLifetime(unopened) {}
    }

    /// Tells the progress handler of `progress` once ``open(log:)`` was called, else keeps it for then.
    private func report(_ progress: IngestProgress) {
        condition.lock()
        defer { condition.unlock() }
        if isOpen { self.progress?(progress) } else { missedProgress = progress }
    }
}
