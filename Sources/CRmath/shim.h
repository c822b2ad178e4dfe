#ifndef ANALYZE_CRMATH_SHIM_H
#define ANALYZE_CRMATH_SHIM_H
/* R's standalone math library (Debian r-mathlib). pnorm, qnorm and dnorm are macros there:
   call pnorm5, qnorm5 and dnorm4 from Swift. */
#define MATHLIB_STANDALONE 1
#include <Rmath.h>
#endif
