#include "core/training/readout.h"

#include <cmath>

namespace equilab {

template <typename Scalar>
ReadoutGradient<Scalar> readoutLoss(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                                    const MatrixT<Scalar>& W, const Targets<Scalar>& targets,
                                    bool wantGradient) {
    ReadoutGradient<Scalar> out;
    readoutLossInto(Wout, bout, W, targets, wantGradient, &out);
    return out;
}

template <typename Scalar>
void readoutLossInto(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                     const MatrixT<Scalar>& W, const Targets<Scalar>& targets, bool wantGradient,
                     ReadoutGradient<Scalar>* result) {
    ReadoutGradient<Scalar>& out = *result;
    out.loss = 0;
    out.accuracy = 0;
    const Index N = W.cols();
    MatrixT<Scalar> Z(Wout.rows(), N);
    Z.noalias() = Wout * W;
    Z.colwise() += bout;
    if (targets.kind == LossKind::CrossEntropy) {
        // Stable softmax: subtract the column max before exponentiating.
        double loss = 0;
        Index correct = 0;
        for (Index i = 0; i < N; ++i) {
            Index arg;
            const Scalar zmax = Z.col(i).maxCoeff(&arg);
            Z.col(i).array() = (Z.col(i).array() - zmax).exp();
            const Scalar sum = Z.col(i).sum();
            const int y = targets.labels(i);
            loss += std::log(static_cast<double>(sum)) - std::log(static_cast<double>(Z(y, i)));
            correct += (arg == y);
            Z.col(i) /= sum;  // Z now holds P
        }
        out.loss = N ? loss / N : 0.0;
        out.accuracy = N ? static_cast<double>(correct) / N : 0.0;
        if (!wantGradient) return;
        for (Index i = 0; i < N; ++i) Z(targets.labels(i), i) -= Scalar(1);
    } else {
        Z -= targets.values;
        out.loss = N ? 0.5 * static_cast<double>(Z.squaredNorm()) / N : 0.0;
        if (!wantGradient) return;
    }
    // Z now holds N·∂E/∂Z.
    if (N) Z /= static_cast<Scalar>(N);
    out.dW.noalias() = Wout.transpose() * Z;
    out.dWout.noalias() = Z * W.transpose();
    out.dbout = Z.rowwise().sum();
}

template <typename Scalar>
IndexVector predictClasses(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                           const MatrixT<Scalar>& W) {
    MatrixT<Scalar> Z = Wout * W;
    Z.colwise() += bout;
    IndexVector out(W.cols());
    for (Index i = 0; i < W.cols(); ++i) {
        Index arg;
        Z.col(i).maxCoeff(&arg);
        out(i) = static_cast<int>(arg);
    }
    return out;
}

#define EQUILAB_INSTANTIATE(S)                                                             \
    template ReadoutGradient<S> readoutLoss(const MatrixT<S>&, const VectorT<S>&,          \
                                            const MatrixT<S>&, const Targets<S>&, bool);   \
    template void readoutLossInto(const MatrixT<S>&, const VectorT<S>&, const MatrixT<S>&, \
                                  const Targets<S>&, bool, ReadoutGradient<S>*);           \
    template IndexVector predictClasses(const MatrixT<S>&, const VectorT<S>&, const MatrixT<S>&);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
