/* The parse floor of scripts/benchmark.py: streams one CSV file through bare libcsv (the library the
 * Swift reader wraps), with the reader's options (strict quoting, strict end, empty fields as NULL), in
 * 64 KiB blocks, and prints the records and fields it saw. Nothing else: no line numbers, no UTF-8
 * validation, no copies of the fields.
 *
 *     cc -O2 -o libcsv-parse libcsv_parse.c -lcsv && ./libcsv-parse segments.csv
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static unsigned long fields, records;

static void on_field(void *data, size_t length, void *context) { (void)data; (void)length; (void)context; fields++; }
static void on_record(int terminator, void *context) { (void)terminator; (void)context; records++; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE.csv\n", argv[0]); return 2; }
    FILE *file = fopen(argv[1], "rb");
    if (!file) { perror(argv[1]); return 1; }
    struct csv_parser parser;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0) { fputs("csv_init failed\n", stderr); return 1; }
    static char block[1 << 16];
    size_t read;
    while ((read = fread(block, 1, sizeof block, file)) > 0) {
        if (csv_parse(&parser, block, read, on_field, on_record, NULL) != read) {
            fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
            return 1;
        }
    }
    if (csv_fini(&parser, on_field, on_record, NULL) != 0) {
        fprintf(stderr, "%s: %s\n", argv[1], csv_strerror(csv_error(&parser)));
        return 1;
    }
    csv_free(&parser);
    fclose(file);
    printf("parse      %lu records, %lu fields\n", records, fields);
    return 0;
}
