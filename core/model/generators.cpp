#include "core/model/generators.h"

#include <Eigen/Eigenvalues>

#include <cmath>

#include "core/model/model.h"
#include "core/model/parametrization.h"

namespace equilab {

std::string toString(MatrixGenerator g) {
    switch (g) {
        case MatrixGenerator::Random:
            return "random";
        case MatrixGenerator::Orthogonal:
            return "orthogonal";
        case MatrixGenerator::Symmetric:
            return "symmetric";
        case MatrixGenerator::Identity:
            return "identity";
        case MatrixGenerator::Rotation:
            return "rotation";
    }
    return "random";
}

std::vector<MatrixGenerator> allMatrixGenerators() {
    return {MatrixGenerator::Random, MatrixGenerator::Orthogonal, MatrixGenerator::Symmetric,
            MatrixGenerator::Identity, MatrixGenerator::Rotation};
}

bool parseMatrixGenerator(const std::string& name, MatrixGenerator* g) {
    for (auto k : allMatrixGenerators()) {
        if (toString(k) == name) {
            *g = k;
            return true;
        }
    }
    return false;
}

namespace {

Matrix randomOrthogonal(Index n, unsigned seed, int reflections) {
    const Index k = reflections > 0 ? reflections : n;
    return householderProduct(randomGaussian(n, k, 1.0, seed));
}

}  // namespace

Matrix generateMatrix(MatrixGenerator kind, Index n, double norm, unsigned seed, int reflections) {
    switch (kind) {
        case MatrixGenerator::Random:
            return randomMatrixWithNorm(n, norm, seed);
        case MatrixGenerator::Orthogonal:
            return norm * randomOrthogonal(n, seed, reflections);
        case MatrixGenerator::Symmetric: {
            const Matrix Q = randomOrthogonal(n, seed, 0);
            const Vector lambda =
                n > 1 ? Vector(Vector::LinSpaced(n, -1.0, 1.0)) : Vector(Vector::Ones(1));
            return norm * Q * lambda.asDiagonal() * Q.transpose();
        }
        case MatrixGenerator::Identity:
            return norm * Matrix::Identity(n, n);
        case MatrixGenerator::Rotation: {
            // Angles spread over (0, π) so every pair spirals at its own speed.
            Matrix R = Matrix::Zero(n, n);
            for (Index b = 0; b + 1 < n; b += 2) {
                const double theta = M_PI * (b / 2 + 0.5) / ((n + 1) / 2);
                R(b, b) = R(b + 1, b + 1) = std::cos(theta);
                R(b, b + 1) = -std::sin(theta);
                R(b + 1, b) = std::sin(theta);
            }
            if (n % 2) R(n - 1, n - 1) = 1.0;
            if (n <= 2) return norm * R;
            const Matrix Q = randomOrthogonal(n, seed, 0);
            return norm * Q * R * Q.transpose();
        }
    }
    return randomMatrixWithNorm(n, norm, seed);
}

}  // namespace equilab
