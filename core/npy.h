// The NumPy .npy format (format versions 1.0, 2.0 and 3.0), parsed strictly:
//
//   "\x93NUMPY" major minor, header length (uint16 LE for 1.x, uint32 LE for 2.x/3.x), then a
//   Python dict literal {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), } padded with
//   spaces and ended by '\n', then the raw data: product(shape) items of the dtype, C order
//   (last index fastest) or Fortran order (first index fastest).
//
// The parser accepts exactly the three keys, a little-endian dtype whose item size it knows
// (float '<f4', '<f8'; integer '<i4', '<i8', '|u1', '|i1'; strings '<U k', '|S k'; bool '|b1'),
// non-negative dimensions, and a data block whose length is exactly what the header says.
// Numeric model arrays must be '<f4' or '<f8'; matrixFromNpy() refuses anything else. Errors
// do not name the array: callers prefix its name.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/types.h"

namespace equilab {

struct NpyArray {
    std::string descr;  // e.g. "<f8"
    bool fortran_order = false;
    std::vector<int64_t> shape;  // empty for a scalar (0-d array)
    std::string data;            // raw little-endian bytes, itemSize() · count()

    int64_t count() const;  // product of shape (1 for a scalar)
    int itemSize() const;   // bytes per item, from descr
};

// Bytes per item of a dtype descr, or 0 when the descr is not one this parser knows.
int npyItemSize(const std::string& descr);

// Limits that keep a hostile header from asking for absurd memory.
constexpr int64_t kMaxNpyItems = int64_t(1) << 28;  // 268 M items
constexpr uint32_t kMaxNpyHeader = 1u << 16;        // 64 KiB of header text

bool parseNpy(const std::string& bytes, NpyArray* out, std::string* error);

// A '<f4' or '<f8' array of 1 or 2 dimensions as a matrix: shape (r, c) gives r×c, shape (m,)
// gives m×1. A 0-d array or more than 2 dimensions is refused.
bool matrixFromNpy(const NpyArray& a, Matrix* out, std::string* error);

enum class NpyFloat { F4, F8 };
// A matrix written as a C-order float array: shape (rows, cols), or (rows,) when asVector.
// F4 rounds each entry to float (exact for values that came from floats).
std::string npyFromMatrix(const Matrix& m, NpyFloat dtype, bool asVector = false);
// The .npy bytes of an array given its descr, shape and raw data (C order).
std::string npyBytes(const std::string& descr, const std::vector<int64_t>& shape,
                     const std::string& data);

}  // namespace equilab
