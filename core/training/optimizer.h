// First-order optimizers over blocks of parameters (one block per tensor), PyTorch conventions:
//   sgd   v ← μ v + g;  p ← p − η v          (momentum μ, heavy ball)
//   adam  m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²; p ← p − η m̂ / (√v̂ + ε)
#pragma once

#include <string>
#include <vector>

#include "core/model/types.h"

namespace equilab {

enum class OptimizerKind { Sgd, Adam };
std::string toString(OptimizerKind k);
bool parseOptimizerKind(const std::string& name, OptimizerKind* k);

struct OptimizerOptions {
    OptimizerKind kind = OptimizerKind::Sgd;
    double learning_rate = 0.5;
    double momentum = 0.9;  // sgd
    double beta1 = 0.9;     // adam
    double beta2 = 0.999;   // adam
    double epsilon = 1e-8;  // adam

    bool IsValid(std::string* error) const;
};

template <typename Scalar>
class Optimizer {
  public:
    explicit Optimizer(const OptimizerOptions& options) : options_(options) {}
    // Updates param (size entries) in place from grad; block identifies the tensor's state.
    void step(int block, Scalar* param, const Scalar* grad, Index size);
    void reset() { state_.clear(); }

  private:
    struct State {
        VectorT<Scalar> m, v;
        long t = 0;
    };
    OptimizerOptions options_;
    std::vector<State> state_;
};

}  // namespace equilab
