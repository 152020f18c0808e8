// libFuzzer target: the IDX reader. Accepted arrays must be self-consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    equilab::IdxArray a;
    std::string error;
    if (!equilab::parseIdx(std::string(reinterpret_cast<const char*>(data), size), &a, &error)) {
        if (error.empty()) std::abort();
        return 0;
    }
    uint64_t count = 1;
    for (uint32_t d : a.dims) count *= d;
    if (count != a.data.size()) std::abort();
    return 0;
}
