#include "core/training/optimizer.h"

#include <cmath>

#include "core/internal/option_limits.h"

namespace equilab {

std::string toString(OptimizerKind k) {
    return k == OptimizerKind::Adam ? "adam" : "sgd";
}

bool parseOptimizerKind(const std::string& name, OptimizerKind* k) {
    if (name == "sgd")
        *k = OptimizerKind::Sgd;
    else if (name == "adam")
        *k = OptimizerKind::Adam;
    else
        return false;
    return true;
}

bool OptimizerOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (!(learning_rate > 0 && learning_rate <= TrainingLimits::kMaxLearningRate))
        return fail("learning rate must be in (0, " +
                    std::to_string(int(TrainingLimits::kMaxLearningRate)) + "]");
    if (!(momentum >= 0 && momentum < 1)) return fail("momentum must be in [0, 1)");
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1))
        return fail("Adam betas must be in [0, 1)");
    if (!(epsilon > 0)) return fail("Adam epsilon must be positive");
    return true;
}

template <typename Scalar>
void Optimizer<Scalar>::step(int block, Scalar* param, const Scalar* grad, Index size) {
    if (block >= static_cast<int>(state_.size())) state_.resize(block + 1);
    State& s = state_[block];
    Eigen::Map<VectorT<Scalar>> p(param, size);
    Eigen::Map<const VectorT<Scalar>> g(grad, size);
    const Scalar lr = static_cast<Scalar>(options_.learning_rate);
    if (options_.kind == OptimizerKind::Sgd) {
        if (s.m.size() != size) s.m = VectorT<Scalar>::Zero(size);
        s.m = static_cast<Scalar>(options_.momentum) * s.m + g;
        p -= lr * s.m;
        return;
    }
    if (s.m.size() != size) {
        s.m = VectorT<Scalar>::Zero(size);
        s.v = VectorT<Scalar>::Zero(size);
        s.t = 0;
    }
    ++s.t;
    const Scalar b1 = static_cast<Scalar>(options_.beta1), b2 = static_cast<Scalar>(options_.beta2);
    s.m = b1 * s.m + (Scalar(1) - b1) * g;
    s.v = b2 * s.v + (Scalar(1) - b2) * g.cwiseProduct(g);
    const Scalar c1 = Scalar(1) - static_cast<Scalar>(std::pow(options_.beta1, s.t));
    const Scalar c2 = Scalar(1) - static_cast<Scalar>(std::pow(options_.beta2, s.t));
    const Scalar eps = static_cast<Scalar>(options_.epsilon);
    p.array() -= lr * (s.m.array() / c1) / ((s.v.array() / c2).sqrt() + eps);
}

template class Optimizer<float>;
template class Optimizer<double>;

}  // namespace equilab
