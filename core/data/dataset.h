// Labelled datasets for training: features as columns of X (d×N), class labels 0…C−1.
// Readers report errors naming the file and what is wrong, and leave their output untouched.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include "core/model/types.h"

namespace equilab {

struct Dataset {
    std::string name;
    Matrix X;            // d×N
    IndexVector labels;  // N
    int classes = 0;
    int image_width = 0;      // >0 for image data (MNIST: 28), for display
    bool regression = false;  // real-valued targets (squared error) instead of class labels
    Matrix targets;           // regression: k×N targets (labels unused, classes = k)
    std::string note;         // what a reader decided (e.g. whether a CSV header was found)
    // Each column's index in its source: a CSV's data row (0-based, a header not counted), an
    // IDX file's image; empty: the column index itself. subset() carries it through the split.
    std::vector<Index> rows;
    Index row(Index j) const { return rows.empty() ? j : rows[static_cast<size_t>(j)]; }

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
    int classes = 2;  // spirals and blobs: 2 to 10; the others are binary
    unsigned seed = 0;

    bool IsValid(std::string* error) const;
};
std::vector<std::string> syntheticKinds();
bool makeSynthetic(const SyntheticOptions& options, Dataset* out, std::string* error);

// Default size limit of dataset files (CSV, IDX); DataSpec::max_file_bytes overrides it.
constexpr uint64_t kDefaultMaxDatasetFileBytes =
    1000000000;  // 1000 MB (MB = 10^6 bytes, as printed)
// Refuses, before anything is read, what is not a regular file (folders, devices such as
// /dev/zero, FIFOs, sockets) and files above max_bytes, with "<path>: <why>".
bool checkRegularFile(const std::string& path, uint64_t max_bytes, std::string* error,
                      uint64_t* size = nullptr);
// The whole file as bytes (checked by checkRegularFile first); false with "<path>: <why>".
bool readFileBytes(const std::string& path, std::string* bytes, std::string* error,
                   uint64_t max_bytes = kDefaultMaxDatasetFileBytes);

// Whole-split consistency, checked before any training touches the data: a non-empty training
// split with at least one feature; every split with the training split's feature count, sizes
// that agree, finite features; classification: at least two classes and every label of every
// split in [0, classes) (else the split, the index and the label are named); regression: finite
// targets with the training split's dimension.
bool validateSplit(const DatasetSplit& split, std::string* error);

// ---- IDX (the original MNIST format: big-endian header, unsigned bytes) ----
struct IdxArray {
    std::vector<uint32_t> dims;
    std::vector<uint8_t> data;
};
bool parseIdx(const std::string& bytes, IdxArray* out, std::string* error);
// The header alone (bytes may hold more): dims filled, data empty, *offset where the data starts,
// *count its size (at most 2^34, checked without overflow).
bool parseIdxHeader(const std::string& bytes, IdxArray* out, size_t* offset, uint64_t* count,
                    std::string* error);
// Reads only a file's header (20 bytes at most).
bool readIdxHeader(const std::string& path, IdxArray* dims, uint64_t* count, std::string* error);
bool readIdxFile(const std::string& path, IdxArray* out, std::string* error);
// Through writeFileAtomically (core/internal/safe_write.h): the file is complete or the old one is
// kept.
bool writeIdxFile(const std::string& path, const IdxArray& array, std::string* error);
// Several IDX files, all or nothing (writeFilesAtomically).
bool writeIdxFiles(const std::vector<std::pair<std::string, const IdxArray*>>& files,
                   std::string* error);

// A folder of IDX files whose names start with train / val / test and contain images / labels
// (e.g. train-images-idx3-ubyte). Pixels are scaled to [0, 1]. A missing val split is allowed
// (then validation is empty).
bool loadMnist(const std::string& folder, DatasetSplit* out, std::string* error);
// What loadMnist will hold, from the IDX headers alone (nothing loaded): per pixel the byte read
// and the double of X, per label a byte and an int. An estimate exact to the buffers, not
// counting the allocator's overhead.
bool estimateMnistBytes(const std::string& folder, uint64_t* bytes, std::string* error);
bool loadIdxPair(const std::string& images, const std::string& labels, Dataset* out,
                 std::string* error);

// ---- CSV ----
// Read streaming (one line at a time), with LF, CRLF or CR line ends. Features must be finite
// numbers (denormals such as 1e-310 are finite); every bad cell is reported as "line L, column C".
// Classification labels: numbers are compared as numbers ("1", "1.0" and "1e0" are one class)
// and must then be integers; words stay words; at most kMaxCsvClasses distinct labels.
// Fields may be quoted ("a, b" is one cell; "" inside quotes is a quote), within one line. Numbers
// are decimal (0x10 is refused, not read as 16). Each line is capped at kMaxCsvLineBytes and
// kMaxCsvColumns (a model's d ≤ 10⁶ features and a label) while it is read, so memory stays
// linear in the data whatever the file holds.
constexpr int kMaxCsvClasses = 100;
constexpr size_t kMaxCsvLineBytes = size_t(32) << 20;  // 32 MiB: 10⁶ features of 30 characters
constexpr size_t kMaxCsvColumns = 1000001;
struct CsvOptions {
    std::string label_column;  // a header name, or a 0-based index; empty means the last column
    int header = -1;           // 1 yes, 0 no, -1 auto: a header only if no feature cell is a number
    bool regression = false;   // the label column holds real-valued targets
    bool float32 = false;      // refuse values outside the float32 range (|x| > 3.4e38)
    uint64_t max_file_bytes = kDefaultMaxDatasetFileBytes;  // readCsvFile only
};
bool parseCsv(const std::string& text, const CsvOptions& options, Dataset* out, std::string* error);
bool parseCsvStream(std::istream& in, const CsvOptions& options, Dataset* out, std::string* error);
bool readCsvFile(const std::string& path, const CsvOptions& options, Dataset* out,
                 std::string* error);

}  // namespace equilab
