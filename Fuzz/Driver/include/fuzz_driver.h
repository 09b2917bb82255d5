#ifndef TERTIAL_FUZZ_DRIVER_H
#define TERTIAL_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>
/* libFuzzer's driver (compiler-rt): runs the fuzzing loop with a callback. */
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
