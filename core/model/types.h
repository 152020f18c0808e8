// Eigen aliases used across core/. One place decides the scalar and storage conventions.
//
// Conventions: vectors are columns. For a single input, w and c have n = hidden_dim entries,
// x has d = input_dim entries, A is n×n and B is n×d. For a batch, samples are the columns of
// X (d×N) and W (n×N), so the hot products are GEMMs A·W and B·X.
#pragma once

#include <Eigen/Core>

#include <complex>

namespace equilab {

using Index = Eigen::Index;

template <typename Scalar>
using MatrixT = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using VectorT = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

using Matrix = MatrixT<double>;
using Vector = VectorT<double>;
using MatrixF = MatrixT<float>;
using VectorF = VectorT<float>;
using ComplexVector = Eigen::Matrix<std::complex<double>, Eigen::Dynamic, 1>;
using IndexVector = Eigen::Matrix<int, Eigen::Dynamic, 1>;

}  // namespace equilab
