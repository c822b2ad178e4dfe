#ifndef ANALYZE_CLIBCSV_SHIM_H
#define ANALYZE_CLIBCSV_SHIM_H
#include <csv.h>
#endif
