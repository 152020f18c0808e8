// Curves on a logarithmic y axis that would hide one drawn before them. Two methods whose errors
// agree to a few digits draw the same line; the later one is then drawn thinner and dashed with
// hollow markers over the earlier one, and its legend entry names it, so both stay visible.
#pragma once

#include <QString>

#include <vector>

class QCPGraph;

namespace equilab {

// values[k][i] is curve k's value at the i-th abscissa of a grid the curves share; a value that
// is not positive and finite is not plotted.
using CurveValues = std::vector<std::vector<double>>;

// Curve k on an earlier curve j: within 1 % of the decades the plotted values span (at least one
// decade) at half of its points or more (with = j, the first such, or −1), and at every point with
// the same points plotted (everywhere).
struct CurveOverlap {
    int with = -1;
    bool everywhere = false;
};
CurveOverlap curveOverlap(const CurveValues& values, size_t k);

// Draws graph g (pen colour and name already set) as a curve over the one it would hide: width 1,
// dashed, hollow markers larger than the discs of the curve under it, and "name (≈ other)" in the
// legend when everywhere on it. A curve on no other keeps width 2 and disc markers.
void styleOverlap(QCPGraph* g, const CurveOverlap& on, const QString& otherName);

}  // namespace equilab
