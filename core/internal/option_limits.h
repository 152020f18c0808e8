// Every user-settable limit of the models the lab trains, declared once (as SolverLimits in
// solver.h does for the solver, and kMaxHiddenDim / kMaxInputDim / kMaxEntryMagnitude in
// scenario.h for the explorer's scenario). The options' IsValid(), the scenario and
// training-configuration readers, the panels' widget ranges and the CLI options read them, and
// their messages print them, so a limit changed here changes everywhere at once.
#pragma once

#include <cstdio>
#include <string>

namespace equilab {

struct TrainingLimits {
    static constexpr int kMaxHidden = 4096;            // hidden size of a trained model
    static constexpr int kMaxSteps = 10'000'000;       // optimizer steps (0: evaluate only)
    static constexpr double kMinLearningRate = 1e-12;  // the CLI's and the panel's lower end
    static constexpr double kMaxLearningRate = 100.0;  // learning rate in (0, kMax]
    static constexpr double kMaxMomentum = 0.999999;   // momentum in [0, 1)
    static constexpr int kMaxIterations = 100'000;     // T (forward) and K (adjoint) iterations
    static constexpr int kMaxBatchSize = 100'000'000;  // 0: full batch
    static constexpr int kMaxEvalEvery = 100'000'000;  // 0: never
    static constexpr double kMaxInitScale = 10.0;      // init scale in [0, kMax]
};

// The parametrization of A (parametrization.h), in the explorer's scenario and in training.
struct ParametrizationLimits {
    static constexpr double kMaxRadius = 100.0;      // radius r in (0, kMax]
    static constexpr int kMaxReflections = 100'000;  // Householder reflections k (0: k = n)
};

// The data sets the trainer generates (synthetic.h) or reads (a sample count for MNIST).
struct DataLimits {
    static constexpr int kMinSamples = 4;
    static constexpr int kMaxSamples = 1'000'000;
    static constexpr double kMaxNoise = 10.0;
    static constexpr int kMinClasses = 2;
    static constexpr int kMaxClasses = 10;
};

// The largest value at or below v that a spin box with `decimals` decimals shows exactly (Qt
// rounds a spin box's range to its decimals: 0.999999 with 3 decimals would become 1).
inline double floorToDecimals(double v, int decimals) {
    double scale = 1;
    for (int k = 0; k < decimals; ++k) scale *= 10;
    return static_cast<double>(static_cast<long long>(v * scale)) / scale;
}

// A limit as messages print it: %g without the exponent's plus sign and leading zeros
// (1e6, 1e-300, 25000, 0.5).
inline std::string limitText(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    std::string s = buf;
    const size_t e = s.find('e');
    if (e == std::string::npos) return s;
    std::string exponent = s.substr(e + 1);
    const bool negative = !exponent.empty() && exponent[0] == '-';
    if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) exponent.erase(0, 1);
    while (exponent.size() > 1 && exponent[0] == '0') exponent.erase(0, 1);
    return s.substr(0, e + 1) + (negative ? "-" : "") + exponent;
}

// "between LO and HI" with integers printed in full (10000000, not 1e+07).
inline std::string rangeText(long long lo, long long hi) {
    return "between " + std::to_string(lo) + " and " + std::to_string(hi);
}

}  // namespace equilab
