#include "ui/workers/solve_memo.h"

#include "ui/workers/solve_worker.h"

namespace equilab {

namespace {

// Exact equality, entry by entry (a NaN entry is never equal: recomputed, never wrongly reused).
template <class M>
bool sameEntries(const M& a, const M& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && (a.array() == b.array()).all();
}

}  // namespace

bool samePicardOptions(const SolverOptions& a, const SolverOptions& b) {
    return a.tolerance == b.tolerance && a.max_iterations == b.max_iterations &&
           a.divergence_factor == b.divergence_factor &&
           a.divergence_window == b.divergence_window && a.record_iterates == b.record_iterates;
}

bool SolveMemo::keepIfSame(const SolveResult& r) {
    const bool same = key_ && samePicardOptions(key_->scenario.solver, r.scenario.solver) &&
                      sameEntries(key_->scenario.x, r.scenario.x) &&
                      sameEntries(key_->scenario.w0, r.scenario.w0) &&
                      sameEntries(key_->scenario.model.c, r.scenario.model.c) &&
                      sameEntries(key_->scenario.model.B, r.scenario.model.B) &&
                      sameEntries(key_->scenario.model.A, r.scenario.model.A);
    if (!same) forget();
    return same;
}

void SolveMemo::forget() {
    key_.reset();
    picardRun.reset();
    certificate.reset();
    starts.reset();
    sweep.reset();
}

}  // namespace equilab
