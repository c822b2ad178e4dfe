#ifndef ANALYZE_CSQLITESETTINGS_SHIM_H
#define ANALYZE_CSQLITESETTINGS_SHIM_H
#include <sqlite3.h>

/* sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0), which Swift cannot call (sqlite3_config is variadic):
   SQLite stops counting its memory, which it does under a global mutex on every allocation. Takes
   effect only before SQLite's first use in the process (else SQLITE_MISUSE, and nothing changes). */
static inline int analyze_sqlite3_memstatus_off(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

#endif
