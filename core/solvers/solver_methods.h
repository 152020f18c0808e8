// Factories of the concrete solvers; only createSolver() should call these.
#pragma once

#include <memory>

#include "core/solvers/solver.h"

namespace equilab {

std::unique_ptr<FixedPointSolver> makePicardSolver(const SolverOptions& options);
std::unique_ptr<FixedPointSolver> makeKrasnoselskiiMannSolver(const SolverOptions& options);
std::unique_ptr<FixedPointSolver> makeAndersonSolver(const SolverOptions& options);
std::unique_ptr<FixedPointSolver> makeBroydenSolver(const SolverOptions& options);
std::unique_ptr<FixedPointSolver> makeNewtonSolver(const SolverOptions& options);

}  // namespace equilab
