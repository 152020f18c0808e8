#include "app/cli/cli_data.h"
#include "io/data_location.h"

#include "app/cli/cli_common.h"
#include "core/internal/option_limits.h"

#include <cstdio>

namespace equilab::cli {

void addDataOptions(QCommandLineParser& p) {
    p.addOption({"dataset",
                 "moons, circles, spirals, xor, blobs, mnist or csv:PATH (default moons).",
                 "name"});
    p.addOption({"samples", "Synthetic: number of points; mnist: training images used.", "N"});
    p.addOption({"noise", "Synthetic noise (default 0.1).", "S"});
    p.addOption({"classes", "Classes of spirals and blobs (default 2).", "C"});
    p.addOption({"data-dir",
                 "Folder of the MNIST IDX files (default: equilab/mnist in the XDG data "
                 "directory, where scripts/fetch-mnist writes, else data/mnist).",
                 "dir"});
    p.addOption(
        {"label-column", "CSV label column: header name or 0-based index (default last).", "col"});
    p.addOption({"hidden", "Hidden size n (default 20).", "n"});
    p.addOption({"radius", "Radius r of the spectral constraint on A (default 0.9).", "R"});
    p.addOption({"seed", "Random seed (default 0).", "S"});
    p.addOption({"header",
                 "CSV: is the first row a header? yes, no or auto (default auto: a header "
                 "only if none of its feature cells is a number).",
                 "mode"});
    p.addOption({"task",
                 "classification (default) or regression (CSV: the label column holds "
                 "real-valued targets; squared-error loss, RMSE reported).",
                 "task"});
    p.addOption(
        {"max-file-size", "Largest dataset file read, in MB (10^6 bytes; default 1000).", "MB"});
    p.addOption(
        {"max-memory", "Refuse work estimated above this many MB (default: half the RAM).", "MB"});
}

bool readDataOptions(const QCommandLineParser& p, DataOptions* o, QString* error) {
    DataSpec& d = o->spec;
    if (p.isSet("dataset")) d.dataset = p.value("dataset").toStdString();
    d.samples_set = p.isSet("samples");
    if (p.isSet("data-dir"))
        d.data_dir = p.value("data-dir").toStdString();
    else if (d.dataset == "mnist" && !findMnistFolder().isEmpty())  // io/data_location.h
        d.data_dir = findMnistFolder().toStdString();
    if (p.isSet("label-column")) d.label_column = p.value("label-column").toStdString();
    using D = DataLimits;
    using T = TrainingLimits;
    if (!(optionInt(p, "samples", D::kMinSamples, D::kMaxSamples, &d.samples, error) &&
          optionDouble(p, "noise", 0.0, D::kMaxNoise, &d.noise, error) &&
          optionInt(p, "classes", D::kMinClasses, D::kMaxClasses, &d.classes, error) &&
          optionInt(p, "hidden", 1, T::kMaxHidden, &o->hidden, error) &&
          optionDouble(p, "radius", 1e-6, ParametrizationLimits::kMaxRadius, &o->radius, error) &&
          optionInt(p, "seed", 0, 2147483647, &o->seed, error)))
        return false;
    d.seed = static_cast<unsigned>(o->seed);
    const QString header = p.value("header");
    if (p.isSet("header")) {
        if (header == "yes")
            d.csv_header = 1;
        else if (header == "no")
            d.csv_header = 0;
        else if (header == "auto")
            d.csv_header = -1;
        else {
            *error = "--header: expected yes, no or auto, got \"" + header + "\"";
            return false;
        }
    }
    if (p.isSet("task")) {
        if (p.value("task") != "classification" && p.value("task") != "regression") {
            *error =
                "--task: expected classification or regression, got \"" + p.value("task") + "\"";
            return false;
        }
        d.regression = p.value("task") == "regression";
    }
    double fileMb = d.max_file_bytes / 1e6, memMb = o->max_memory / 1e6;
    if (!optionDouble(p, "max-file-size", 1e-6, 1e7, &fileMb, error) ||
        !optionDouble(p, "max-memory", 1.0, 1e9, &memMb, error))
        return false;
    d.max_file_bytes = static_cast<uint64_t>(fileMb * 1e6);
    o->max_memory = static_cast<uint64_t>(memMb * 1e6);
    return true;
}

bool checkMemoryLimit(const DataOptions& o, const MemoryEstimate& e, const QString& what,
                      QString* error) {
    std::string why;
    if (checkMemory(e, o.max_memory, what.toStdString(), &why)) return true;
    *error = QString::fromStdString(why);
    return false;
}

void reportDataNote(const DatasetSplit& data, bool quiet) {
    if (!quiet && !data.train.note.empty())
        std::fprintf(stderr, "dataset: %s\n", data.train.note.c_str());
}

bool checkDataMemory(const DataSpec& spec, uint64_t limit, QString* error) {
    if (spec.dataset != "mnist") return true;  // synthetic: small; CSV: linear in its capped file
    uint64_t bytes = 0;
    std::string why;
    if (!estimateMnistBytes(spec.data_dir, &bytes, &why)) return true;  // the loader says why
    MemoryEstimate e;
    e.terms.push_back(
        {"the IDX images and labels, from their headers", static_cast<double>(bytes)});
    if (checkMemory(e, limit, "loading the dataset", &why)) return true;
    *error = "--dataset: " + QString::fromStdString(why) + "; refused before loading";
    return false;
}

bool loadData(const DataOptions& o, DatasetSplit* out, QString* error) {
    // --max-memory before loading: the estimate comes from the files' headers.
    if (!checkDataMemory(o.spec, o.max_memory, error)) return false;
    setActivity("loading the dataset " + QString::fromStdString(o.spec.dataset));
    std::string why;
    if (loadTrainingData(o.spec, out, &why)) return true;
    *error = QString::fromStdString(why);
    return false;
}

}  // namespace equilab::cli
