// libFuzzer target: the model file reader (io/model_npz_read.cpp: the zip archive, its entries,
// the .npy headers and data, meta). Any input is either read into a model whose shapes agree and
// whose entries are finite and within the limits (which then round-trips through the writer), or
// refused with a one-line message; never a crash, a hang, or memory beyond the budget: the
// reader gets a small budget (64 MB) here, so a bomb that slipped past the header checks would
// show as an out-of-memory report, not pass.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "tests/fuzz/model_case.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const equilab::fuzz::ModelCaseResult r = equilab::fuzz::runModelCase(data, size);
    if (!r.fault.empty()) std::abort();
    return 0;
}
