// What the solve worker must compute for a set of exported views (equilab-cli export): the
// spectra for the eigenvalue, singular-value and convergence plots (the certificate's bound), the
// analysis (all solvers, several starts, basins, scale sweep) for the phase, convergence, basins
// and sweep plots. Trajectories and the training views need only the primary solve.
#pragma once

#include <QStringList>

namespace equilab::cli {

struct ExportWork {
    bool certificate = false;
    bool analysis = false;
};

inline ExportWork exportWork(const QStringList& views) {
    ExportWork w;
    for (const QString& v : views) {
        w.certificate |= v == "eigenvalues" || v == "singular_values" || v == "convergence";
        w.analysis |= v == "phase" || v == "convergence" || v == "basins" || v == "sweep";
    }
    return w;
}

}  // namespace equilab::cli
