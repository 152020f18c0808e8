// Seeded synthetic 2-D classification sets (as in scikit-learn's make_moons & co).
//   moons    two interleaved half circles
//   circles  a small circle inside a large one (radius ratio 0.5)
//   spirals  C interleaved arms of an Archimedean spiral
//   xor      uniform points in [−1, 1]², label = sign(x₁) ≠ sign(x₂)
//   blobs    C Gaussian clusters with centres on a circle of radius 3
// Gaussian noise of standard deviation `noise` is added to every point.
#include <algorithm>
#include <cmath>
#include <random>

#include "core/data/dataset.h"
#include "core/internal/option_limits.h"

namespace equilab {

std::vector<std::string> syntheticKinds() {
    return {"moons", "circles", "spirals", "xor", "blobs"};
}

bool SyntheticOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    const auto kinds = syntheticKinds();
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        return fail("unknown dataset \"" + kind +
                    "\" (expected moons, circles, spirals, xor, blobs, "
                    "mnist or csv:PATH)");
    using L = DataLimits;
    if (samples < L::kMinSamples || samples > L::kMaxSamples)
        return fail("samples must be " + rangeText(L::kMinSamples, L::kMaxSamples));
    if (!(noise >= 0 && noise <= L::kMaxNoise))
        return fail("noise must be between 0 and " + std::to_string(int(L::kMaxNoise)));
    if (classes < L::kMinClasses || classes > L::kMaxClasses)
        return fail("classes must be " + rangeText(L::kMinClasses, L::kMaxClasses));
    return true;
}

bool makeSynthetic(const SyntheticOptions& o, Dataset* out, std::string* error) {
    if (!o.IsValid(error)) return false;
    std::mt19937_64 rng(o.seed);
    std::normal_distribution<double> gauss(0.0, 1.0);
    std::uniform_real_distribution<double> uni(0.0, 1.0);
    const int N = o.samples;
    const bool multi = o.kind == "spirals" || o.kind == "blobs";
    const int C = multi ? o.classes : 2;
    Dataset d;
    d.name = o.kind;
    d.classes = C;
    d.X.resize(2, N);
    d.labels.resize(N);
    for (int i = 0; i < N; ++i) {
        const int label = i % C;  // balanced classes
        double x = 0, y = 0;
        if (o.kind == "moons") {
            const double t = M_PI * uni(rng);
            x = label == 0 ? std::cos(t) : 1 - std::cos(t);
            y = label == 0 ? std::sin(t) : 0.5 - std::sin(t);
        } else if (o.kind == "circles") {
            const double t = 2 * M_PI * uni(rng);
            const double r = label == 0 ? 1.0 : 0.5;
            x = r * std::cos(t);
            y = r * std::sin(t);
        } else if (o.kind == "spirals") {
            const double t = uni(rng);  // position along the arm
            const double angle = 3 * M_PI * t + 2 * M_PI * label / C;
            x = t * std::cos(angle);
            y = t * std::sin(angle);
        } else if (o.kind == "xor") {
            x = 2 * uni(rng) - 1;
            y = 2 * uni(rng) - 1;
            // Labels follow the quadrant here, not i % C.
            d.labels(i) = (x > 0) != (y > 0);
        } else {  // blobs
            const double angle = 2 * M_PI * label / C;
            x = 3 * std::cos(angle);
            y = 3 * std::sin(angle);
        }
        d.X(0, i) = x + o.noise * gauss(rng);
        d.X(1, i) = y + o.noise * gauss(rng);
        if (o.kind != "xor") d.labels(i) = label;
    }
    *out = std::move(d);
    return true;
}

}  // namespace equilab
