// The fuzz targets' own byte decoder, shared with tst_fuzz_regressions (which is built by g++,
// without libFuzzer), so a structure-aware input means the same case in both. Each decision
// takes the next one or two bytes; once the bytes run out every decision returns its lower bound,
// so any byte string, even empty, is a complete input. Simple enough to write inputs by hand:
// a range of at most 256 values is one byte, v ↦ lo + v mod (hi − lo + 1).
#pragma once
#include <cstddef>
#include <cstdint>

namespace equilab::fuzz {

class FuzzBytes {
  public:
    FuzzBytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}

    // An integer in [lo, hi] (lo ≤ hi, hi − lo < 65536): one byte when the range has at most
    // 256 values, two (little endian) otherwise.
    int range(int lo, int hi) {
        const unsigned span = static_cast<unsigned>(hi - lo) + 1u;
        if (span <= 1) return lo;
        unsigned v = next();
        if (span > 256) v |= next() << 8;
        return lo + static_cast<int>(v % span);
    }
    bool flag() { return range(0, 1) == 1; }
    // A real in [lo, hi] on a grid of 65536 points (two bytes).
    double real(double lo, double hi) {
        const unsigned v = next() | (next() << 8);
        return lo + (hi - lo) * (static_cast<double>(v) / 65535.0);
    }
    size_t remaining() const { return size_ - pos_; }

  private:
    unsigned next() { return pos_ < size_ ? data_[pos_++] : 0u; }
    const uint8_t* data_;
    size_t size_;
    size_t pos_ = 0;
};

}  // namespace equilab::fuzz
