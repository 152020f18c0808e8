// One model-reader case, shared by fuzz_model and tst_fuzz_regressions (so a saved input means
// the same check in both): parse with the default import and with layout "row", check what is
// accepted (shapes, limits, finiteness, a round trip through serializeModelNpz) and that a
// refusal is one non-empty line.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace equilab::fuzz {

struct ModelCaseResult {
    bool accepted = false;
    std::string refusal;  // the message when refused
    std::string fault;    // non-empty: a property failed (the fuzzer aborts)
};

ModelCaseResult runModelCase(const uint8_t* data, size_t size);

}  // namespace equilab::fuzz
