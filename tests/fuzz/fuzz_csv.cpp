// libFuzzer target: the CSV dataset reader. The first byte picks the label column option.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/data/dataset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace equilab;
    if (size == 0) return 0;
    CsvOptions o;
    switch (data[0] % 4) {
        case 0:
            break;  // last column
        case 1:
            o.label_column = "0";
            break;
        case 2:
            o.label_column = "label";
            break;
        default:
            o.header = 0;
            break;
    }
    Dataset d;
    std::string error;
    const std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (!parseCsv(text, o, &d, &error)) {
        if (error.empty()) std::abort();
        return 0;
    }
    if (d.X.cols() != d.labels.size() || d.classes < 2 || !d.X.allFinite()) std::abort();
    for (Eigen::Index i = 0; i < d.labels.size(); ++i)
        if (d.labels(i) < 0 || d.labels(i) >= d.classes) std::abort();
    return 0;
}
