// IDX files: magic 0x00 0x00 <type> <ndim>, then ndim big-endian uint32 sizes, then the data.
// Only unsigned bytes (type 0x08) are read and written, as MNIST uses.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/dataset.h"

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

bool parseIdx(const std::string& b, IdxArray* out, std::string* error) {
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
    uint64_t count = 1;
    for (uint32_t i = 0; i < ndim; ++i) {
        a.dims.push_back(bigEndian32(b, 4 + 4 * i));
        count *= a.dims.back();
        if (count > (uint64_t(1) << 34)) return fail("IDX sizes are implausibly large");
    }
    const size_t offset = 4 + 4 * size_t(ndim);
    if (b.size() - offset != count) {
        std::ostringstream m;
        m << "IDX sizes say " << count << " bytes of data but the file has " << (b.size() - offset)
          << (b.size() - offset < count ? " (truncated)" : " (trailing bytes)");
        return fail(m.str());
    }
    a.data.assign(b.begin() + static_cast<std::ptrdiff_t>(offset), b.end());
    *out = std::move(a);
    return true;
}

bool readIdxFile(const std::string& path, IdxArray* out, std::string* error) {
    std::string bytes, why;
    if (!readFileBytes(path, &bytes, error)) return false;
    if (!parseIdx(bytes, out, &why)) {
        if (error) *error = path + ": " + why;
        return false;
    }
    return true;
}

bool writeIdxFile(const std::string& path, const IdxArray& a, std::string* error) {
    uint64_t count = 1;
    for (uint32_t d : a.dims) count *= d;
    if (a.dims.empty() || a.dims.size() > kMaxIdxDims || count != a.data.size()) {
        if (error) *error = path + ": dimensions do not match the data";
        return false;
    }
    const std::string tmp = path + ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) {
            if (error) *error = path + ": cannot write";
            return false;
        }
        const char header[4] = {0, 0, char(kTypeUnsignedByte), char(a.dims.size())};
        out.write(header, 4);
        for (uint32_t d : a.dims) {
            const char be[4] = {char(d >> 24), char(d >> 16), char(d >> 8), char(d)};
            out.write(be, 4);
        }
        out.write(reinterpret_cast<const char*>(a.data.data()),
                  static_cast<std::streamsize>(a.data.size()));
        if (!out.flush()) {
            if (error) *error = path + ": writing failed";
            return false;
        }
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        if (error) *error = path + ": cannot replace the file";
        return false;
    }
    return true;
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

bool loadMnist(const std::string& folder, DatasetSplit* out, std::string* error) {
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
                n.find(".part") == std::string::npos)
                return folder + "/" + n;
        return {};
    };
    DatasetSplit s;
    for (const char* split : {"train", "val", "test"}) {
        const std::string im = find(split, "images"), lb = find(split, "labels");
        if (im.empty() || lb.empty()) {
            if (std::string(split) == "val") continue;
            if (error)
                *error =
                    folder + ": no " + split + " images/labels IDX files (run scripts/fetch-mnist)";
            return false;
        }
        Dataset& target = std::string(split) == "train" ? s.train
                          : std::string(split) == "val" ? s.validation
                                                        : s.test;
        if (!loadIdxPair(im, lb, &target, error)) return false;
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
