#include "core/model/scenario.h"

#include <cmath>

#include "core/internal/option_limits.h"

namespace equilab {
namespace {

bool checkEntries(const Matrix& M, const char* name, std::string* error) {
    for (Index i = 0; i < M.rows(); ++i) {
        for (Index j = 0; j < M.cols(); ++j) {
            const double v = M(i, j);
            if (std::isfinite(v) && std::abs(v) <= kMaxEntryMagnitude) continue;
            if (error) {
                *error = std::string(name) + "[" + std::to_string(i) + "]" +
                         (M.cols() > 1 || std::string(name) == "A" || std::string(name) == "B"
                              ? "[" + std::to_string(j) + "]"
                              : "") +
                         (std::isfinite(v)
                              ? ": magnitude above the limit of " + limitText(kMaxEntryMagnitude)
                              : ": not a finite number");
            }
            return false;
        }
    }
    return true;
}

}  // namespace

bool Scenario::IsValid(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    const Index n = hiddenDim(), d = inputDim();
    if (n < 1 || n > kMaxHiddenDim)
        return fail("hidden_dim must be between 1 and " + std::to_string(kMaxHiddenDim));
    if (d < 1 || d > kMaxInputDim)
        return fail("input_dim must be between 1 and " + std::to_string(kMaxInputDim));
    if (!model.IsValid(error)) return false;
    if (x.size() != d)
        return fail("x must have " + std::to_string(d) + " entries (got " +
                    std::to_string(x.size()) + ")");
    if (w0.size() != 0 && w0.size() != n)
        return fail("w0 must have " + std::to_string(n) + " entries (got " +
                    std::to_string(w0.size()) + ")");
    if (!checkEntries(model.A, "A", error) || !checkEntries(model.B, "B", error) ||
        !checkEntries(model.c, "c", error) || !checkEntries(x, "x", error) ||
        !checkEntries(w0, "w0", error))
        return false;
    if (!solver.IsValid(error)) return false;
    return parametrization.IsValid(error);
}

Model Scenario::effectiveModel() const {
    if (parametrization.kind == ParametrizationKind::Free) return model;
    Model m = model;
    m.A = createParametrization(parametrization, hiddenDim())->apply(model.A);
    return m;
}

Scenario defaultScenario() {
    Scenario s;
    const double q = 0.9, theta = 0.6;
    s.model.A.resize(2, 2);
    s.model.A << q * std::cos(theta), -q * std::sin(theta), q * std::sin(theta),
        q * std::cos(theta);
    s.model.B.resize(2, 2);
    s.model.B << 0.3, -0.1, 0.1, 0.2;
    s.model.c.resize(2);
    s.model.c << 0.05, -0.05;
    s.x.resize(2);
    s.x << 1.0, -0.5;
    s.w0 = Vector::Zero(2);
    s.w0 << -0.9, 0.9;  // start away from w* so the spiral is visible
    return s;
}

Scenario randomScenario(int hidden, int input, unsigned seed, double normA) {
    Scenario s;
    s.model.A = randomMatrixWithNorm(hidden, normA, seed);
    s.model.B =
        randomGaussian(hidden, input, 1.0 / std::sqrt(static_cast<double>(input)), seed + 1);
    s.model.c = randomGaussian(hidden, 1, 0.1, seed + 2);
    s.x = randomGaussian(input, 1, 1.0, seed + 3);
    return s;
}

Scenario resizedScenario(const Scenario& s, int hidden, int input, unsigned seed) {
    Scenario r = randomScenario(hidden, input, seed);
    r.solver = s.solver;
    r.parametrization = s.parametrization;
    const Index n = std::min<Index>(hidden, s.hiddenDim());
    const Index d = std::min<Index>(input, s.inputDim());
    if (hidden == s.hiddenDim()) r.model.A = s.model.A;
    r.model.B.topLeftCorner(n, d) = s.model.B.topLeftCorner(n, d);
    r.model.c.head(n) = s.model.c.head(n);
    r.x.head(d) = s.x.head(d);
    if (s.w0.size()) {
        r.w0 = Vector::Zero(hidden);
        r.w0.head(n) = s.w0.head(n);
    }
    return r;
}

}  // namespace equilab
