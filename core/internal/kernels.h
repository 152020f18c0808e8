// The hot numerical kernels — the batched forward solve (computeDrive, solveBatch), the
// hypergradient passes and the training step (Trainer::init creates the parametrization and the
// optimizer the step runs) — compiled once more for each of several x86-64 instruction-set
// levels (x86-64-v2, v3, v4), each into its own shared object, and chosen at run time from the
// CPU. The rest of the program is built for the portable baseline.
//
// Contract. Each variant object (libequilab-kernels-<isa>.so) compiles the same core source
// files with -march=<isa>, hidden visibility and a version script, so it exports exactly one
// symbol, equilab_kernel_table(); every inline and template function it instantiates (Eigen's
// GEMM above all) stays inside it, so code built for different instruction sets never shares a
// definition. Structures cross the boundary by reference; Eigen's heap alignment is fixed for
// the whole program (EIGEN_MAX_ALIGN_BYTES, EIGEN_MAX_STATIC_ALIGN_BYTES), so memory allocated
// on one side may be resized or freed on the other.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/analysis/jacobian_radius.h"
#include "core/data/dataset.h"
#include "core/solvers/batched.h"
#include "core/training/hypergradient.h"
#include "core/training/trainer.h"

namespace equilab::kernels {

// Bumped whenever KernelTable or a structure it passes changes shape.
constexpr int kAbi = 6;

template <typename Scalar>
struct KernelSet {
    void (*gemmProduct)(const MatrixT<Scalar>&, const MatrixT<Scalar>&, MatrixT<Scalar>*);
    MatrixT<Scalar> (*computeDrive)(const MatrixT<Scalar>&, const VectorT<Scalar>&,
                                    const MatrixT<Scalar>&);
    BatchSolveResult<Scalar> (*solveBatch)(const MatrixT<Scalar>&, const MatrixT<Scalar>&,
                                           const BatchSolveOptions<Scalar>&,
                                           const MatrixT<Scalar>&);
    void (*hypergradientInto)(const ModelParams<Scalar>&, const MatrixT<Scalar>&,
                              const Targets<Scalar>&, const HypergradOptions&,
                              HypergradWorkspace<Scalar>*, HypergradResult<Scalar>*);
    bool (*trainerInit)(Trainer<Scalar>*, const TrainerOptions&, const DatasetSplit&, std::string*);
    StepRecord (*trainerStep)(Trainer<Scalar>*);
};

struct KernelTable {
    int abi = kAbi;
    std::size_t layout = 0;  // layoutFingerprint() of the side that built the table
    const char* isa = "";    // "x86-64-v3", …
    KernelSet<float> f;
    KernelSet<double> d;
    // ρ(diag(d) A) for one input (jacobian_radius.h; `evaluate` and the Dataset convergence view
    // call it once per input): Arnoldi's products and the Hessenberg QR of its checks.
    JacobianRadius (*jacobianRadius)(const Matrix&, const Vector&, const JacobianRadiusOptions&,
                                     JacobianRadiusWorkspace*) = nullptr;
};

// Sizes of the structures passed across, folded into one number: a variant built from other
// headers is refused instead of misreading memory.
constexpr std::size_t layoutFingerprint() {
    std::size_t h = 1469598103934665603ull;
    for (std::size_t s :
         {sizeof(KernelTable), sizeof(BatchSolveResult<float>), sizeof(BatchSolveOptions<float>),
          sizeof(HypergradResult<float>), sizeof(HypergradWorkspace<float>),
          sizeof(HypergradOptions), sizeof(Targets<float>), sizeof(Trainer<float>),
          sizeof(Trainer<double>), sizeof(TrainerOptions), sizeof(StepRecord), sizeof(DatasetSplit),
          sizeof(TrainingSummary), sizeof(std::string)})
        h = (h ^ s) * 1099511628211ull;
    for (std::size_t s :
         {sizeof(JacobianRadius), sizeof(JacobianRadiusOptions), sizeof(JacobianRadiusWorkspace)})
        h = (h ^ s) * 1099511628211ull;
    return h;
}

// The variant for this CPU, loaded on first use (thread-safe), or nullptr when the program's own
// baseline code runs: no variants in this build, none found next to the executable, none the
// CPU supports, or EQUILAB_KERNELS=baseline in the environment. EQUILAB_KERNELS=<isa> asks for
// one level (if the CPU has it); the default is the highest the CPU has.
const KernelTable* active();

// "x86-64-v4", … for the loaded variant; "baseline" otherwise.
std::string activeIsa();

template <typename Scalar>
const KernelSet<Scalar>* activeSet();

// The levels this build has variants of, lowest first (empty without variants).
std::vector<std::string> builtIsas();
// Loads one variant whatever the choice above (for tests); nullptr when the CPU lacks the level
// or the object is missing or does not match.
const KernelTable* loadVariant(const std::string& isa);

}  // namespace equilab::kernels

// At the top of a kernel's body: forwards the call to the CPU's variant when one is loaded.
// Compiled out inside the variants themselves and in builds without variants.
#if defined(EQUILAB_KERNEL_DISPATCH) && !defined(EQUILAB_KERNEL_VARIANT)
#define EQUILAB_DISPATCH(fn, ...)                                              \
    if (const auto* equilabKernels_ = ::equilab::kernels::activeSet<Scalar>()) \
    return equilabKernels_->fn(__VA_ARGS__)
#else
#define EQUILAB_DISPATCH(fn, ...) static_cast<void>(0)
#endif
