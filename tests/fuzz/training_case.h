// One structure-aware training case, decoded from bytes (FuzzBytes): a small dataset split
// (sizes, feature counts per split, labels that may be out of range, regression targets, odd
// values) and the training settings. Run by fuzz_training (libFuzzer) and replayed by
// tst_fuzz_regressions for every file in tests/fuzz/{corpus,regressions}/training.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace equilab::fuzz {

struct TrainingCaseResult {
    std::string fault;     // "" or the broken contract
    bool trained = false;  // the split and options were accepted and training ran
    std::string refusal;   // validateSplit's or Trainer::init's message when refused
};

// Runs the case: validateSplit must accept exactly what Trainer::init accepts (with a message
// when it refuses), and what is accepted must train a few steps, evaluate, predict classes in
// range and solve one fixed point of the trained model. A memory fault is for the sanitizers.
TrainingCaseResult runTrainingCase(const uint8_t* data, size_t size);

}  // namespace equilab::fuzz
