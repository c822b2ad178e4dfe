// An LD_PRELOAD shim for fault injection: the FAIL_AT-th call (counting from 1) of write, pwrite,
// pwrite64, writev, fsync and fdatasync on a descriptor other than standard output and error fails
// with FAIL_ERRNO (28 = ENOSPC, 5 = EIO), and so does every later one (a full disk stays full).
// Without FAIL_AT, the calls are counted and the count is written to COUNT_FILE at exit.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static long calls = 0;
static long fail_at = -1;
static int fail_errno = 28;

__attribute__((constructor)) static void setup(void) {
    const char *at = getenv("FAIL_AT");
    const char *code = getenv("FAIL_ERRNO");
    if (at) fail_at = atol(at);
    if (code) fail_errno = atoi(code);
}

__attribute__((destructor)) static void report(void) {
    const char *path = getenv("COUNT_FILE");
    if (!path) return;
    FILE *file = fopen(path, "w");
    if (file) { fprintf(file, "%ld\n", calls); fclose(file); }
}

static int should_fail(int fd) {
    if (fd <= 2) return 0;
    calls += 1;
    return fail_at > 0 && calls >= fail_at;
}

typedef ssize_t (*write_f)(int, const void *, size_t);
typedef ssize_t (*pwrite_f)(int, const void *, size_t, off_t);
typedef ssize_t (*writev_f)(int, const struct iovec *, int);
typedef int (*sync_f)(int);
#define REAL(name, type) static type real = 0; if (!real) real = (type)dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buffer, size_t count) {
    REAL("write", write_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd, buffer, count);
}

ssize_t pwrite(int fd, const void *buffer, size_t count, off_t offset) {
    REAL("pwrite", pwrite_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd, buffer, count, offset);
}

ssize_t pwrite64(int fd, const void *buffer, size_t count, off_t offset) {
    REAL("pwrite64", pwrite_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd, buffer, count, offset);
}

ssize_t writev(int fd, const struct iovec *vector, int count) {
    REAL("writev", writev_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd, vector, count);
}

int fsync(int fd) {
    REAL("fsync", sync_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd);
}

int fdatasync(int fd) {
    REAL("fdatasync", sync_f);
    if (should_fail(fd)) { errno = fail_errno; return -1; }
    return real(fd);
}
