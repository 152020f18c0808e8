#include "core/internal/memory_estimate.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace equilab {

double MemoryEstimate::total() const {
    double t = 0;
    for (const auto& term : terms) t += term.bytes;
    return t;
}

std::string formatBytes(double bytes) {
    char buf[64];
    if (bytes >= 1e9)
        std::snprintf(buf, sizeof buf, "%.1f GB", bytes / 1e9);
    else if (bytes >= 1e6)
        std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    else
        std::snprintf(buf, sizeof buf, "%.0f kB", bytes / 1e3);
    return buf;
}

std::string MemoryEstimate::describe() const {
    std::vector<MemoryTerm> sorted = terms;
    std::sort(sorted.begin(), sorted.end(),
              [](const MemoryTerm& a, const MemoryTerm& b) { return a.bytes > b.bytes; });
    std::string s = formatBytes(total()) + " (";
    int shown = 0;
    for (const auto& t : sorted) {
        if (t.bytes < 1e6 && shown > 0) break;
        if (shown++ > 0) s += ", ";
        s += t.name + " " + formatBytes(t.bytes);
        if (shown == 3) break;
    }
    return s + ")";
}

uint64_t defaultMemoryLimit() {
    const long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || page <= 0) return uint64_t(4) << 30;
    return static_cast<uint64_t>(pages) * static_cast<uint64_t>(page) / 2;
}

namespace {

void add(MemoryEstimate* e, const std::string& name, double bytes) {
    if (bytes > 0) e->terms.push_back({name, bytes});
}

void addCommon(const TrainingShape& s, int64_t batch, MemoryEstimate* e) {
    const double n = s.hidden, d = static_cast<double>(s.features),
                 C = static_cast<double>(s.outputs);
    const double sb = s.scalar_bytes;
    const double samples = static_cast<double>(s.train + s.validation + s.test);
    add(e, "data", samples * d * (8.0 + sb));
    add(e, "batched workspace ~12·n·N", 12.0 * n * static_cast<double>(batch) * sb);
    if (s.method == HypergradMethod::Itd)
        add(e, "ITD trajectory (T+1)·n·N", (s.T + 1.0) * n * static_cast<double>(batch) * sb);
    if (s.method == HypergradMethod::Phantom)
        add(e, "phantom steps and slopes (2K+1)·n·N",
            (2.0 * s.K + 1.0) * n * static_cast<double>(batch) * sb);
    add(e, "parameters", 5.0 * (n * n + n * d + C * n) * sb);
}

}  // namespace

MemoryEstimate estimateTraining(const TrainingShape& s) {
    MemoryEstimate e;
    const int64_t batch = s.batch > 0 && s.batch < s.train ? s.batch : s.train;
    addCommon(s, batch, &e);
    const double n = s.hidden;
    const ParametrizationKind k = s.parametrization.kind;
    if (k == ParametrizationKind::Householder || k == ParametrizationKind::HouseholderSvd) {
        const double refl = s.parametrization.reflections > 0 ? s.parametrization.reflections : n;
        const double copies =
            (k == ParametrizationKind::HouseholderSvd ? 2.0 : 1.0) * (s.adam ? 6.0 : 5.0);
        add(&e, "Householder parameters k·n", copies * refl * n * 8.0);
    }
    add(&e, "SVD of A", 4.0 * n * n * 8.0);
    // Validation and test: a forward solve of each split (W and the drive).
    add(&e, "evaluation",
        3.0 * n * static_cast<double>(std::max(s.validation, s.test)) * s.scalar_bytes);
    return e;
}

MemoryEstimate estimateHypergrad(const TrainingShape& s, bool exact_reference, int threads) {
    MemoryEstimate e;
    addCommon(s, s.train, &e);
    const double n = s.hidden;
    if (exact_reference || s.method == HypergradMethod::Exact)
        add(&e, "dense reference 3·n² per thread", 3.0 * n * n * 8.0 * std::max(1, threads));
    return e;
}

bool checkMemory(const MemoryEstimate& e, uint64_t limit, const std::string& what,
                 std::string* error) {
    if (e.total() <= static_cast<double>(limit)) return true;
    if (error)
        *error = what + " needs an estimated " + e.describe() + ", above the memory limit of " +
                 formatBytes(static_cast<double>(limit)) + " (--max-memory MB to change it)";
    return false;
}

}  // namespace equilab
