// The projection kinds' shared parametrization (core/model/parametrization.h): p = vec(A), the
// training step updates A directly and projects afterwards. Each kind supplies only project();
// used by parametrization.cpp (free, spectral ball, spectral norm) and parametrization_extra.cpp
// (inf_ball).
#pragma once

#include "core/model/model.h"
#include "core/model/parametrization.h"

namespace equilab {

class ProjectionParametrization : public Parametrization {
  public:
    ProjectionParametrization(const ParametrizationSpec& spec, Index n)
        : Parametrization(spec, n) {}
    Index parameterCount() const override { return n_ * n_; }
    Matrix matrix(const Vector& p) const override {
        return project(Eigen::Map<const Matrix>(p.data(), n_, n_));
    }
    Vector fromMatrix(const Matrix& A) const override {
        const Matrix P = project(A);
        return Eigen::Map<const Vector>(P.data(), P.size());
    }
    // The training step updates A directly and projects afterwards, so the gradient in p is G.
    Vector vjp(const Vector&, const Matrix& G) const override {
        return Eigen::Map<const Vector>(G.data(), G.size());
    }
    Vector random(unsigned seed, double scale) const override {
        const Matrix A = randomGaussian(n_, n_, scale, seed);
        return Eigen::Map<const Vector>(A.data(), A.size());
    }
    bool isProjection() const override { return true; }
};

}  // namespace equilab
