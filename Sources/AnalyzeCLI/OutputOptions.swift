import ArgumentParser

/// How a command talks: quietly, as JSON for machines, or as text (coloured and with a progress bar
/// only when standard error is a terminal).
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing on success (problems still go to standard error).")
    var quiet = false

    @Flag(help: "Print a machine-readable JSON summary (one object per stage) on standard output.")
    var json = false
}
