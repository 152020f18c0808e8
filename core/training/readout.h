// The outer loss E of the bilevel problem: a linear readout Z = W_out W + b_out·1ᵀ (C×N) of the
// hidden states, scored by the mean cross-entropy against class labels (classification) or by
// ½·mean‖Z_i − Y_i‖² against targets (regression).
#pragma once

#include "core/model/types.h"

namespace equilab {

enum class LossKind { CrossEntropy, SquaredError };

template <typename Scalar>
struct Targets {
    LossKind kind = LossKind::CrossEntropy;
    IndexVector labels;      // N class indices in [0, C) for cross-entropy
    MatrixT<Scalar> values;  // C×N targets for squared error
    Index count() const { return kind == LossKind::CrossEntropy ? labels.size() : values.cols(); }
};

template <typename Scalar>
struct ReadoutGradient {
    double loss = 0;
    MatrixT<Scalar> dW;     // ∂E/∂W, n×N
    MatrixT<Scalar> dWout;  // C×n
    VectorT<Scalar> dbout;  // C
    double accuracy = 0;    // fraction of argmax(Z) = label (cross-entropy only)
};

// Loss and gradients of E at hidden states W. When wantGradient is false only loss and accuracy
// are computed.
template <typename Scalar>
ReadoutGradient<Scalar> readoutLoss(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                                    const MatrixT<Scalar>& W, const Targets<Scalar>& targets,
                                    bool wantGradient = true);

// The same into *out, reusing its matrices' memory (training calls it every step).
template <typename Scalar>
void readoutLossInto(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                     const MatrixT<Scalar>& W, const Targets<Scalar>& targets, bool wantGradient,
                     ReadoutGradient<Scalar>* out);

// argmax of each column of Wout W + bout.
template <typename Scalar>
IndexVector predictClasses(const MatrixT<Scalar>& Wout, const VectorT<Scalar>& bout,
                           const MatrixT<Scalar>& W);

}  // namespace equilab
