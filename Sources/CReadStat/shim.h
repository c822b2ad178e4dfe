#ifndef ANALYZE_CREADSTAT_SHIM_H
#define ANALYZE_CREADSTAT_SHIM_H
/* ReadStat (Debian libreadstat-dev): SPSS .sav/.zsav and Stata .dta files. */
#include <readstat.h>
#endif
