// IDX files: magic 0x00 0x00 <type> <ndim>, then ndim big-endian uint32 sizes, then the data.
// Only unsigned bytes (type 0x08) are read and written, as MNIST uses.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/data/dataset.h"
#include "core/internal/safe_write.h"

namespace equilab {
namespace {

constexpr unsigned char kTypeUnsignedByte = 0x08;
constexpr uint32_t kMaxIdxDims = 4;
constexpr int kMaxDigit = 9;

uint32_t bigEndian32(const std::string& b, size_t at) {
    return (uint32_t(uint8_t(b[at])) << 24) | (uint32_t(uint8_t(b[at + 1])) << 16) |
           (uint32_t(uint8_t(b[at + 2])) << 8) | uint32_t(uint8_t(b[at + 3]));
}

}  // namespace

bool readFileBytes(const std::string& path, std::string* bytes, std::string* error,
                   uint64_t max_bytes) {
    if (!checkRegularFile(path, max_bytes, error)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = path + ": cannot open";
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    *bytes = ss.str();
    return true;
}

bool parseIdxHeader(const std::string& b, IdxArray* out, size_t* offset, uint64_t* count,
                    std::string* error) {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (b.size() < 4)
        return fail("too short for an IDX header (" + std::to_string(b.size()) + " bytes)");
    if (b[0] != 0 || b[1] != 0)
        return fail("wrong magic number: the first two bytes must be zero (not an IDX file)");
    if (uint8_t(b[2]) != kTypeUnsignedByte)
        return fail("unsupported IDX data type 0x" + std::to_string(uint8_t(b[2])) +
                    " (only unsigned bytes, 0x08, are supported)");
    const uint32_t ndim = uint8_t(b[3]);
    if (ndim < 1 || ndim > kMaxIdxDims)
        return fail("IDX header declares " + std::to_string(ndim) +
                    " dimensions (expected 1 to 4)");
    if (b.size() < 4 + 4 * size_t(ndim)) return fail("truncated IDX header");
    IdxArray a;
    uint64_t n = 1;
    for (uint32_t i = 0; i < ndim; ++i) {
        a.dims.push_back(bigEndian32(b, 4 + 4 * i));
        // Checked before multiplying: four sizes of 2^32 would overflow 64 bits.
        if (a.dims.back() != 0 && n > (uint64_t(1) << 34) / a.dims.back())
            return fail("IDX sizes are implausibly large");
        n *= a.dims.back();
    }
    *offset = 4 + 4 * size_t(ndim);
    *count = n;
    *out = std::move(a);
    return true;
}

bool parseIdx(const std::string& b, IdxArray* out, std::string* error) {
    IdxArray a;
    size_t offset = 0;
    uint64_t count = 0;
    if (!parseIdxHeader(b, &a, &offset, &count, error)) return false;
    if (b.size() - offset != count) {
        std::ostringstream m;
        m << "IDX sizes say " << count << " bytes of data but the file has " << (b.size() - offset)
          << (b.size() - offset < count ? " (truncated)" : " (trailing bytes)");
        if (error) *error = m.str();
        return false;
    }
    a.data.assign(b.begin() + static_cast<std::ptrdiff_t>(offset), b.end());
    *out = std::move(a);
    return true;
}

// Streaming: the header first, the sizes checked against the file's size, then the data read
// straight into its vector (never the file held twice).
bool readIdxFile(const std::string& path, IdxArray* out, std::string* error) {
    uint64_t size = 0;
    if (!checkRegularFile(path, kDefaultMaxDatasetFileBytes, error, &size)) return false;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) *error = path + ": cannot open";
        return false;
    }
    std::string head(20, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    IdxArray a;
    size_t offset = 0;
    uint64_t count = 0;
    std::string why;
    if (!parseIdxHeader(head, &a, &offset, &count, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    if (size - offset != count) {
        std::ostringstream m;
        m << path << ": IDX sizes say " << count << " bytes of data but the file has "
          << (size - offset) << (size - offset < count ? " (truncated)" : " (trailing bytes)");
        if (error) *error = m.str();
        return false;
    }
    a.data.resize(count);
    in.clear();
    in.seekg(static_cast<std::streamoff>(offset));
    in.read(reinterpret_cast<char*>(a.data.data()), static_cast<std::streamsize>(count));
    if (static_cast<uint64_t>(in.gcount()) != count) {
        if (error) *error = path + ": the file changed while it was read (truncated)";
        return false;
    }
    *out = std::move(a);
    return true;
}

bool readIdxHeader(const std::string& path, IdxArray* dims, uint64_t* count, std::string* error) {
    if (!checkRegularFile(path, kDefaultMaxDatasetFileBytes, error)) return false;
    std::ifstream in(path, std::ios::binary);
    std::string head(20, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    size_t offset = 0;
    std::string why;
    if (!parseIdxHeader(head, dims, &offset, count, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    return true;
}

namespace {

// The header (magic and big-endian sizes); false when the dimensions do not match the data.
bool idxHeader(const std::string& path, const IdxArray& a, std::string* header,
               std::string* error) {
    uint64_t count = 1;
    for (uint32_t d : a.dims) count *= d;
    if (a.dims.empty() || a.dims.size() > kMaxIdxDims || count != a.data.size()) {
        if (error) *error = path + ": dimensions do not match the data";
        return false;
    }
    header->assign({0, 0, char(kTypeUnsignedByte), char(a.dims.size())});
    for (uint32_t d : a.dims) header->append({char(d >> 24), char(d >> 16), char(d >> 8), char(d)});
    return true;
}

}  // namespace

bool writeIdxFile(const std::string& path, const IdxArray& a, std::string* error) {
    return writeIdxFiles({{path, &a}}, error);
}

bool writeIdxFiles(const std::vector<std::pair<std::string, const IdxArray*>>& files,
                   std::string* error) {
    std::vector<std::string> headers(files.size());
    std::vector<PendingFile> pending;
    for (size_t i = 0; i < files.size(); ++i) {
        const IdxArray& a = *files[i].second;
        if (!idxHeader(files[i].first, a, &headers[i], error)) return false;
        pending.push_back({files[i].first,
                           {{headers[i].data(), headers[i].size()},
                            {reinterpret_cast<const char*>(a.data.data()), a.data.size()}}});
    }
    std::vector<std::string> written;
    return writeFilesAtomically(pending, &written, error);
}

bool loadIdxPair(const std::string& images, const std::string& labels, Dataset* out,
                 std::string* error) {
    IdxArray im, lb;
    if (!readIdxFile(images, &im, error) || !readIdxFile(labels, &lb, error)) return false;
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (im.dims.size() != 3) return fail(images + ": expected 3 dimensions (count, rows, columns)");
    if (lb.dims.size() != 1) return fail(labels + ": expected 1 dimension (count)");
    if (im.dims[0] != lb.dims[0])
        return fail(images + " has " + std::to_string(im.dims[0]) + " images but " + labels +
                    " has " + std::to_string(lb.dims[0]) + " labels");
    if (im.dims[1] == 0 || im.dims[2] == 0)
        return fail(images + ": the images are " + std::to_string(im.dims[1]) + "×" +
                    std::to_string(im.dims[2]) + " pixels (zero-size images)");
    const Index N = im.dims[0], d = Index(im.dims[1]) * im.dims[2];
    Dataset ds;
    ds.name = "mnist";
    ds.image_width = static_cast<int>(im.dims[2]);
    ds.X.resize(d, N);
    ds.labels.resize(N);
    for (Index i = 0; i < N; ++i) {
        for (Index j = 0; j < d; ++j) ds.X(j, i) = im.data[size_t(i * d + j)] / 255.0;
        ds.labels(i) = lb.data[size_t(i)];
        if (ds.labels(i) > kMaxDigit)
            return fail(labels + ": label " + std::to_string(ds.labels(i)) + " at index " +
                        std::to_string(i) + " is not a digit (MNIST labels are 0 to 9)");
    }
    ds.classes = kMaxDigit + 1;
    *out = std::move(ds);
    return true;
}

namespace {

struct MnistFiles {
    std::string images[3], labels[3];  // train, val, test (val may be missing)
};

bool findMnistFiles(const std::string& folder, MnistFiles* out, std::string* error) {
    std::vector<std::string> names;
    if (DIR* dir = opendir(folder.c_str())) {
        while (dirent* e = readdir(dir)) names.emplace_back(e->d_name);
        closedir(dir);
    } else {
        if (error) *error = folder + ": cannot open the folder (run scripts/fetch-mnist first)";
        return false;
    }
    std::sort(names.begin(), names.end());
    auto find = [&](const std::string& split, const std::string& kind) -> std::string {
        for (const auto& n : names)
            if (n.rfind(split, 0) == 0 && n.find(kind) != std::string::npos &&
                n.find(".part") == std::string::npos && n.find(".tmp-") == std::string::npos)
                return folder + "/" + n;
        return {};
    };
    const char* splits[] = {"train", "val", "test"};
    for (int i = 0; i < 3; ++i) {
        out->images[i] = find(splits[i], "images");
        out->labels[i] = find(splits[i], "labels");
        if ((out->images[i].empty() || out->labels[i].empty()) && i != 1) {
            if (error)
                *error = folder + ": no " + splits[i] +
                         " images/labels IDX files (run scripts/fetch-mnist)";
            return false;
        }
    }
    return true;
}

}  // namespace

bool estimateMnistBytes(const std::string& folder, uint64_t* bytes, std::string* error) {
    MnistFiles files;
    if (!findMnistFiles(folder, &files, error)) return false;
    uint64_t total = 0;
    for (int i = 0; i < 3; ++i) {
        if (files.images[i].empty() || files.labels[i].empty()) continue;
        IdxArray dims;
        uint64_t count = 0;
        if (!readIdxHeader(files.images[i], &dims, &count, error)) return false;
        total += 9 * count;
        if (!readIdxHeader(files.labels[i], &dims, &count, error)) return false;
        total += 5 * count;
    }
    *bytes = total;
    return true;
}

bool loadMnist(const std::string& folder, DatasetSplit* out, std::string* error) {
    MnistFiles files;
    if (!findMnistFiles(folder, &files, error)) return false;
    DatasetSplit s;
    for (int i = 0; i < 3; ++i) {
        if (files.images[i].empty() || files.labels[i].empty()) continue;
        Dataset& target = i == 0 ? s.train : i == 1 ? s.validation : s.test;
        if (!loadIdxPair(files.images[i], files.labels[i], &target, error)) return false;
    }
    std::string why;
    if (!validateSplit(s, &why)) {
        if (error) *error = folder + ": " + why;
        return false;
    }
    *out = std::move(s);
    return true;
}

}  // namespace equilab
