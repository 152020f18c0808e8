// libFuzzer target, structure-aware: the bytes choose a small dataset split and the training
// settings (tests/fuzz/training_case.cpp), which must be refused with a message or train a few
// steps and solve; ASan/UBSan watch every index of the GEMMs and the readout.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/training_case.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string fault = equilab::fuzz::runTrainingCase(data, size).fault;
    if (!fault.empty()) {
        std::fprintf(stderr, "fuzz_training: %s\n", fault.c_str());
        std::abort();
    }
    return 0;
}
