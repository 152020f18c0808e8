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

#include "core/model/types.h"

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

// Streaming: the preamble (magic, version, header length) is the first npyPreambleSize(bytes)
// bytes (bytes holding at least 8); parseNpyHeader() reads the preamble and the header (exactly
// npyPreambleSize + header length bytes, no data) and checks the dtype and the shape's limits;
// npyDataBytes() is then what the data must hold. Nothing is allocated from the header's sizes.
// npyPreambleSize returns 0 when the magic or version is wrong (then parseNpyHeader says why).
size_t npyPreambleSize(const std::string& first8);
// The header length the preamble declares (valid after npyPreambleSize > 0 on those bytes).
uint32_t npyHeaderLength(const std::string& preamble);
bool parseNpyHeader(const std::string& preambleAndHeader, NpyArray* out, std::string* error);
uint64_t npyDataBytes(const NpyArray& header);

// Fills a matrix from a '<f4' or '<f8' array's data handed over in pieces of any size (C or
// Fortran order, 1 or 2 dimensions as matrixFromNpy): the matrix is allocated once, from a header
// whose sizes the caller has checked, and the raw data is never held whole.
class NpyMatrixFiller {
  public:
    NpyMatrixFiller(const NpyArray& header, Matrix* out);
    void feed(const char* data, size_t size);
    bool complete() const { return item_ == total_ && pending_.empty(); }

  private:
    void put(const char* item);
    Matrix* m_;
    bool f4_, rowMajor_;
    Index cols_ = 1, total_ = 0, item_ = 0;
    std::string pending_;  // a partial item between pieces
};

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
