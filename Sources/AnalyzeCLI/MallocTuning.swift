import Glibc

/// What the tool asks of glibc's allocator (`malloc.h` is not in the `Glibc` module, so its functions
/// are looked up by name; on another C library they are absent and nothing is asked).
enum MallocTuning {
    /// `mallopt(M_ARENA_MAX, 1)`: one malloc arena for every thread (before any thread starts).
    static func oneArena() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let arenaMax: Int32 = -8  // M_ARENA_MAX
        _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, 1)
    }

    /// `malloc_trim(0)`: the free pages inside the heap given back to the system, so that a stage that
    /// allocates next starts from what is in use, not from the previous stage's high-water mark.
    static func returnFreePages() {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
        typealias MallocTrim = @convention(c) (Int) -> Int32
        _ = unsafeBitCast(symbol, to: MallocTrim.self)(0)
    }
}
