// The one exported symbol of a kernel variant (libequilab-kernels-<isa>.so): its table of entry
// points. Compiled only into the variants, with EQUILAB_KERNEL_VARIANT and EQUILAB_KERNEL_ISA
// defined, so the functions below are this object's own copies.
#include "core/internal/kernels.h"

namespace equilab::kernels {
namespace {

template <typename Scalar>
KernelSet<Scalar> makeSet() {
    KernelSet<Scalar> s;
    s.gemmProduct = &gemmProduct<Scalar>;
    s.computeDrive = &computeDrive<Scalar>;
    s.solveBatch = &solveBatch<Scalar>;
    s.hypergradientInto = &hypergradientInto<Scalar>;
    s.trainerInit = [](Trainer<Scalar>* t, const TrainerOptions& o, const DatasetSplit& d,
                       std::string* e) { return t->init(o, d, e); };
    s.trainerStep = [](Trainer<Scalar>* t) { return t->step(); };
    return s;
}

KernelTable makeTable() {
    KernelTable t;
    t.layout = layoutFingerprint();
    t.isa = EQUILAB_KERNEL_ISA;
    t.f = makeSet<float>();
    t.d = makeSet<double>();
    t.jacobianRadius = &jacobianRadius;
    return t;
}

}  // namespace
}  // namespace equilab::kernels

extern "C" __attribute__((visibility("default"))) const equilab::kernels::KernelTable*
equilab_kernel_table() {
    static const equilab::kernels::KernelTable table = equilab::kernels::makeTable();
    return &table;
}
