// Whether two settings the document edits are equal, field by field (an edit that changes nothing
// makes no undo step and emits no signal). Shared by document.cpp and document_writes.cpp.
#pragma once

#include "core/model/parametrization.h"
#include "core/solvers/solver.h"

namespace equilab {

inline bool sameOptions(const SolverOptions& a, const SolverOptions& b) {
    return a.method == b.method && a.tolerance == b.tolerance &&
           a.max_iterations == b.max_iterations && a.damping == b.damping && a.memory == b.memory;
}

inline bool sameSpec(const ParametrizationSpec& a, const ParametrizationSpec& b) {
    return a.kind == b.kind && a.radius == b.radius && a.reflections == b.reflections;
}

}  // namespace equilab
