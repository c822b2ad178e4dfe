/// The character encoding of a CSV file, as a study's manifest declares it (`dialect.encoding`).
///
/// Files in UTF-16 or Windows-1251 are converted to UTF-8 block by block before libcsv reads them; line
/// ends stay line ends, so lines and fields keep the numbers they have in the original file.
public enum CSVEncoding: String, CaseIterable, Sendable {
    /// UTF-8, with or without a byte-order mark (the default).
    case utf8 = "utf-8"
    /// UTF-16 as Excel's "Unicode Text" writes it: little-endian unless a byte-order mark says big-endian.
    case utf16 = "utf-16"
    /// Windows-1251 (Cyrillic), as Excel in a Russian locale saves "CSV".
    case windows1251 = "windows-1251"
}
