// Checks on dataset files and on loaded splits as a whole (see dataset.h): what is refused here
// never reaches the GEMMs or the readout, whose indexing assumes consistent splits.
#include <sys/stat.h>

#include <cstdio>
#include <set>
#include <string>

#include "core/data/dataset.h"

namespace equilab {
namespace {

std::string megabytes(uint64_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.1f MB", bytes / 1e6);
    return buf;
}

// Named splits, in the order they are reported.
struct NamedSplit {
    const char* name;
    const Dataset* data;
};

bool checkOne(const NamedSplit& s, const Dataset& train, std::string* why) {
    const Dataset& d = *s.data;
    const std::string name = s.name;
    if (d.X.cols() != d.labels.size() || (d.regression && d.targets.cols() != d.X.cols())) {
        *why = "the " + name + " split has " + std::to_string(d.X.cols()) + " samples but " +
               std::to_string(d.labels.size()) + " labels";
        return false;
    }
    if (d.size() == 0) return true;
    if (d.features() != train.features()) {
        *why = "the " + name + " split has " + std::to_string(d.features()) +
               " features per sample but the training split has " +
               std::to_string(train.features());
        if (d.image_width > 0 && train.image_width > 0)
            *why += " (images " + std::to_string(d.image_width) + " wide, training images " +
                    std::to_string(train.image_width) + " wide)";
        return false;
    }
    for (Index i = 0; i < d.size(); ++i)
        if (!d.X.col(i).allFinite()) {
            *why = "the " + name + " split has a non-finite feature in sample " + std::to_string(i);
            return false;
        }
    if (d.regression != train.regression) {
        *why = "the " + name + " split and the training split disagree on the task";
        return false;
    }
    if (d.regression) {
        if (d.targets.rows() != train.targets.rows()) {
            *why = "the " + name + " split has " + std::to_string(d.targets.rows()) +
                   " targets per sample but the training split has " +
                   std::to_string(train.targets.rows());
            return false;
        }
        if (!d.targets.allFinite()) {
            *why = "the " + name + " split has a non-finite target";
            return false;
        }
        return true;
    }
    for (Index i = 0; i < d.size(); ++i) {
        const int y = d.labels(i);
        if (y < 0 || y >= train.classes) {
            *why = "the " + name + " split has label " + std::to_string(y) + " at index " +
                   std::to_string(i) + ", outside the training classes 0 to " +
                   std::to_string(train.classes - 1);
            return false;
        }
    }
    return true;
}

}  // namespace

bool checkRegularFile(const std::string& path, uint64_t max_bytes, std::string* error,
                      uint64_t* size) {
    auto fail = [&](const std::string& m) {
        if (error) *error = path + ": " + m;
        return false;
    };
    struct stat st {};
    if (path.empty()) return fail("no file named");
    if (::stat(path.c_str(), &st) != 0) return fail("cannot open (no such file, or no permission)");
    if (S_ISDIR(st.st_mode)) return fail("is a folder, not a file");
    if (!S_ISREG(st.st_mode))
        return fail("is not a regular file (a device, FIFO or socket); refused");
    if (static_cast<uint64_t>(st.st_size) > max_bytes)
        return fail("is " + megabytes(static_cast<uint64_t>(st.st_size)) + ", above the limit of " +
                    megabytes(max_bytes) + "; refused before reading");
    if (size) *size = static_cast<uint64_t>(st.st_size);
    return true;
}

bool validateSplit(const DatasetSplit& split, std::string* error) {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    const Dataset& train = split.train;
    // Sizes first: the checks below index labels by sample (a fuzzer found the single-class
    // check reading past a short label vector).
    for (const NamedSplit& s :
         {NamedSplit{"training", &split.train}, NamedSplit{"validation", &split.validation},
          NamedSplit{"test", &split.test}}) {
        const Dataset& d = *s.data;
        if (d.X.cols() != d.labels.size() || (d.regression && d.targets.cols() != d.X.cols()))
            return fail("the " + std::string(s.name) + " split has " + std::to_string(d.X.cols()) +
                        " samples but " +
                        std::to_string(d.regression ? d.targets.cols() : d.labels.size()) +
                        (d.regression ? " targets" : " labels"));
    }
    if (train.size() == 0) return fail("the training split is empty");
    if (train.features() == 0) return fail("the samples have no features (zero-size images?)");
    if (!train.regression) {
        if (train.classes < 2) return fail("the training split needs at least two classes");
        std::set<int> seen;
        for (Index i = 0; i < train.size() && seen.size() < 2; ++i) seen.insert(train.labels(i));
        if (seen.size() < 2 && train.labels.size() > 0 && train.labels(0) >= 0 &&
            train.labels(0) < train.classes)
            return fail("the training split has a single class (label " +
                        std::to_string(train.labels(0)) + "); at least two are needed");
    } else if (train.targets.rows() < 1) {
        return fail("the training split has no regression targets");
    }
    std::string why;
    for (const NamedSplit& s :
         {NamedSplit{"training", &split.train}, NamedSplit{"validation", &split.validation},
          NamedSplit{"test", &split.test}})
        if (!checkOne(s, train, &why)) return fail(why);
    return true;
}

}  // namespace equilab
