// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // Release code reaches a concrete type's metadata through an accessor function instead of its mangled
    // name: the runtime no longer scans the static binary's conformance records the first time each
    // result type is encoded (`analyze run` S: about 2% fewer instructions; docs/benchmark.md).
    .unsafeFlags(["-Xfrontend", "-disable-concrete-type-metadata-mangled-name-accessors"], .when(configuration: .release)),
]

let package = Package(
    name: "analyze",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "analyze", targets: ["analyze"]),
        .executable(name: "generate-sample", targets: ["generate-sample"]),
        .executable(name: "analyze-benchmark", targets: ["analyze-benchmark"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // MARK: - The pipeline, left to right: CSV → model → store → ingest → analysis → report → CLI

        // The C boundary: libcsv (Debian `libcsv-dev`, no pkg-config file).
        .systemLibrary(name: "CLibCSV", providers: [.apt(["libcsv-dev"]), .brew(["libcsv"])]),
        // A block of text checked for UTF-8, NUL bytes and carriage returns 32 bytes at a time (AVX2, chosen
        // at run time), for CSVInput's blocks.
        .target(name: "CBlockScan"),
        // A streaming CSV reader with 1-based line numbers, the only importer of CLibCSV and CBlockScan.
        .target(name: "CSVInput", dependencies: ["CLibCSV", "CBlockScan"], swiftSettings: swiftSettings),
        // The C boundary for statistics packages' files: ReadStat (Debian `libreadstat-dev`, no pkg-config file).
        .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"]), .brew(["readstat"])]),
        // SPSS `.sav` and Stata `.dta` files read whole, and `.sav` files written; the only importer of CReadStat.
        .target(name: "StatFileInput", dependencies: ["CReadStat"], swiftSettings: swiftSettings),
        // The study's vocabulary: codebook, manifest, participants, segments, instruments.
        .target(
            name: "StudyModel",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Catalogs")],
            swiftSettings: swiftSettings),
        // The C boundary for SQLite's process-wide settings (`sqlite3_config` is variadic): a one-line shim
        // over Debian's `libsqlite3-dev`, the library GRDB links.
        .systemLibrary(name: "CSQLiteSettings", providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        // The embedded SQLite store (GRDB).
        .target(
            name: "Storage",
            dependencies: [
                "StudyModel", "FileSafety", "CSQLiteSettings", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        // Reading and validating the study folder into the store, in one transaction.
        .target(
            name: "Ingest",
            dependencies: [
                "CSVInput", "StatFileInput", "StudyModel", "Storage", "QDAExchange",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // REFI-QDA exchange: the codebook as a `.qdc` (written and read), the layout that makes it round-trip;
        // the study as a `.qdpx` project written, and projects read (a zip through ZIPFoundation).
        .target(
            name: "QDAExchange",
            dependencies: [
                "StudyModel", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: swiftSettings),
        // Writing files whole or not at all: temporary paths removed on interrupt, plain system errors.
        .target(name: "FileSafety", swiftSettings: swiftSettings),
        // R's standalone math library (Debian `r-mathlib`): distribution functions.
        .systemLibrary(name: "CRmath", providers: [.apt(["r-mathlib"])]),
        // Statistics, free of the store and the CLI; the only importer of CRmath (besides its tests, which
        // compare the port of R's random hypergeometric draws with the C library).
        .target(name: "Statistics", dependencies: ["CRmath"], swiftSettings: swiftSettings),
        // The deterministic JSON the tool writes (results, tidy tables): JSONEncoder's sorted, pretty output, faster.
        .target(name: "JSONOutput", swiftSettings: swiftSettings),
        // The analysis plan: crosstabs and survey distributions computed from the store.
        .target(
            name: "Analysis",
            dependencies: ["StudyModel", "Storage", "Statistics", "JSONOutput", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings),
        // The publication stage: disclosure control over every published table at once, its audit, and
        // the statistics recomputed on the counts that may be published.
        .target(name: "Publication", dependencies: ["StudyModel", "Statistics", "Analysis"], swiftSettings: swiftSettings),
        // Rendering published results: text, Markdown, tidy CSV, JSON, summary, provenance (no Storage); the
        // participant × code matrix as CSV and SPSS `.sav` (through StatFileInput).
        .target(
            name: "Reporting",
            dependencies: [
                "StudyModel", "Analysis", "Publication", "FileSafety", "StatFileInput", "JSONOutput",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings),
        // The commands.
        .target(
            name: "AnalyzeCLI",
            dependencies: [
                "StudyModel", "Storage", "Ingest", "Analysis", "Reporting", "FileSafety", "QDAExchange", "StatFileInput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "analyze",
            dependencies: ["AnalyzeCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings,
            // The release tool links the Swift runtime and Foundation statically: the loader then binds
            // 15 shared libraries instead of 30, and a process starts in about 5.8 ms of CPU instead of
            // 10.7 (`analyze --version`; docs/benchmark.md, "Start-up").
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-static-stdlib",
                        // What the dependencies compiled against the shared Foundation do not name.
                        "-lFoundationXML", "-l_CFXMLInterface", "-lFoundation", "-lFoundationInternationalization",
                        "-lFoundationEssentials", "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCollections",
                        "-l_FoundationCShims", "-lswiftSynchronization", "-lxml2",
                        // The loader's relocations of the binary's pointers packed (RELR, glibc 2.36; gold cannot).
                        "-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs",
                    ], .when(configuration: .release))
            ]),

        // MARK: - Tools

        // The seeded generator of the synthetic sample study (and of benchmark studies).
        .target(name: "SampleGeneration", dependencies: ["StudyModel", "Statistics"], swiftSettings: swiftSettings),
        .executableTarget(
            name: "generate-sample",
            dependencies: [
                "SampleGeneration", "StudyModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),
        .executableTarget(
            name: "analyze-benchmark",
            dependencies: [
                "SampleGeneration", "StudyModel", "Storage", "Ingest", "Analysis", "CSVInput", "JSONOutput",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings),

        // MARK: - Tests

        .target(
            name: "TestSupport", dependencies: ["StudyModel", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            path: "Tests/TestSupport"),
        .testTarget(name: "CSVInputTests", dependencies: ["CSVInput", "Statistics", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "StatFileInputTests", dependencies: ["StatFileInput"], swiftSettings: swiftSettings),
        .testTarget(
            name: "QDAExchangeTests", dependencies: ["QDAExchange", "StudyModel", "TestSupport"], exclude: ["Schema"],
            swiftSettings: swiftSettings),
        .testTarget(name: "FileSafetyTests", dependencies: ["FileSafety"], swiftSettings: swiftSettings),
        .testTarget(name: "JSONOutputTests", dependencies: ["JSONOutput", "Statistics"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StatisticsTests", dependencies: ["Statistics", "CRmath"], exclude: ["Fixtures"], swiftSettings: swiftSettings),
        .testTarget(
            name: "StudyModelTests", dependencies: ["StudyModel", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "IngestTests",
            dependencies: [
                "Ingest", "Storage", "StudyModel", "Statistics", "TestSupport", "QDAExchange", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Conformance", "Regressions"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AnalysisTests",
            dependencies: [
                "Analysis", "Ingest", "Storage", "StudyModel", "Statistics", "TestSupport", "SampleGeneration", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "PublicationTests",
            dependencies: ["Publication", "Reporting", "Analysis", "Statistics", "SampleGeneration", "Ingest", "Storage", "StudyModel", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Publication", "Analysis", "Ingest", "Storage", "StudyModel", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AnalyzeCLITests",
            dependencies: [
                "AnalyzeCLI", "Analysis", "Ingest", "QDAExchange", "Storage", "StudyModel", "StatFileInput", "TestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Scripts"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "SampleGenerationTests", dependencies: ["SampleGeneration", "StudyModel"], swiftSettings: swiftSettings),
    ]
)
