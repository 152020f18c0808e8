// Labelled datasets for training: features as columns of X (d×N), class labels 0…C−1.
// Readers report errors naming the file and what is wrong, and leave their output untouched.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "types.h"

namespace equilab {

struct Dataset {
    std::string name;
    Matrix X;             // d×N
    IndexVector labels;   // N
    int classes = 0;
    int image_width = 0;  // >0 for image data (MNIST: 28), for display

    Index size() const { return X.cols(); }
    Index features() const { return X.rows(); }
    Dataset subset(const std::vector<Index>& columns) const;
};

struct DatasetSplit {
    Dataset train, validation, test;
};

// Seeded shuffle, then the first train_fraction for training, the next validation_fraction for
// validation, the rest for testing.
DatasetSplit splitDataset(const Dataset& all, double train_fraction, double validation_fraction,
                          unsigned seed);

// ---- synthetic 2-D sets ----
struct SyntheticOptions {
    std::string kind = "moons";  // moons, circles, spirals, xor, blobs
    int samples = 600;
    double noise = 0.1;
    int classes = 2;             // spirals and blobs: 2 to 10; the others are binary
    unsigned seed = 0;

    bool IsValid(std::string* error) const;
};
std::vector<std::string> syntheticKinds();
bool makeSynthetic(const SyntheticOptions& options, Dataset* out, std::string* error);

// The whole file as bytes; false with "<path>: cannot open" when it cannot be read.
bool readFileBytes(const std::string& path, std::string* bytes, std::string* error);

// ---- IDX (the original MNIST format: big-endian header, unsigned bytes) ----
struct IdxArray {
    std::vector<uint32_t> dims;
    std::vector<uint8_t> data;
};
bool parseIdx(const std::string& bytes, IdxArray* out, std::string* error);
bool readIdxFile(const std::string& path, IdxArray* out, std::string* error);
bool writeIdxFile(const std::string& path, const IdxArray& array, std::string* error);

// A folder of IDX files whose names start with train / val / test and contain images / labels
// (e.g. train-images-idx3-ubyte). Pixels are scaled to [0, 1]. A missing val split is allowed
// (then validation is empty).
bool loadMnist(const std::string& folder, DatasetSplit* out, std::string* error);
bool loadIdxPair(const std::string& images, const std::string& labels, Dataset* out,
                 std::string* error);

// ---- CSV ----
struct CsvOptions {
    std::string label_column;  // a header name, or a 0-based index; empty means the last column
    int header = -1;           // 1 yes, 0 no, -1 detect (first row not all numeric)
};
bool parseCsv(const std::string& text, const CsvOptions& options, Dataset* out, std::string* error);
bool readCsvFile(const std::string& path, const CsvOptions& options, Dataset* out,
                 std::string* error);

}  // namespace equilab
