#include "tests/reference_linalg.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

namespace equilab::testing {

double largestSingularValue(const Matrix& M) {
    return M.size() ? Eigen::BDCSVD<Matrix>(M).singularValues()(0) : 0.0;
}

double largestSingularValueJacobi(const Matrix& M) {
    return M.size() ? Eigen::JacobiSVD<Matrix>(M).singularValues()(0) : 0.0;
}

double spectralRadiusDense(const Matrix& M) {
    return M.size() ? Eigen::EigenSolver<Matrix>(M, false).eigenvalues().cwiseAbs().maxCoeff()
                    : 0.0;
}

}  // namespace equilab::testing
