#include "app/cli/cli_model.h"
#include "io/data_location.h"

#include <QFileInfo>

#include "app/cli/cli_common.h"
#include "app/cli/cli_data.h"

namespace equilab::cli {

void addModelOptions(QCommandLineParser& p, bool withSample) {
    p.addOption({"model", "Model file (.npz: A, B, c, W_out, b_out, meta).", "file"});
    p.addOption(
        {"layout", "column (default, or meta's) or row: A, B, W_out transposed on import.", "L"});
    p.addOption({"map", "Array names: A=NAME,B=NAME,c=NAME+NAME,W_out=NAME,b_out=NAME.", "spec"});
    p.addOption({"dataset",
                 "moons, circles, spirals, xor, blobs, mnist or csv:PATH (default: the model's).",
                 "name"});
    p.addOption({"samples", "Synthetic: number of points; mnist: training images used.", "N"});
    p.addOption({"noise", "Synthetic noise.", "S"});
    p.addOption({"classes", "Classes of spirals and blobs.", "C"});
    p.addOption({"data-dir", "Folder of the MNIST IDX files.", "dir"});
    p.addOption({"label-column", "CSV label column: header name or 0-based index.", "col"});
    p.addOption(
        {"data-seed", "Seed of the synthetic data and of the split (default: the model's).", "S"});
    p.addOption({"split",
                 "train, validation, test (default) or all (the whole file, in its order; MNIST: "
                 "the three files one after another).",
                 "name"});
    if (withSample)
        p.addOption(
            {"sample", "The input's number within the split, from 1 (as the window counts).", "I"});
}

namespace {

// The three splits as one dataset: a split file (CSV, synthetic) back in its row order; MNIST's
// separate files one after another, each column's file named in *parts.
Dataset wholeSource(const DatasetSplit& s, bool separateFiles, std::vector<QString>* parts) {
    const Dataset* pieces[] = {&s.train, &s.validation, &s.test};
    const char* names[] = {"train", "validation", "test"};
    Dataset d = s.train;
    Index total = 0;
    for (const Dataset* p : pieces) total += p->size();
    d.X.resize(s.train.features(), total);
    d.labels.resize(total);
    if (d.regression) d.targets.resize(s.train.targets.rows(), total);
    d.rows.assign(static_cast<size_t>(total), 0);
    std::vector<std::pair<Index, std::pair<int, Index>>> order;  // (row, (piece, column))
    for (int k = 0; k < 3; ++k)
        for (Index j = 0; j < pieces[k]->size(); ++j) order.push_back({pieces[k]->row(j), {k, j}});
    if (!separateFiles)
        std::stable_sort(order.begin(), order.end(),
                         [](auto& a, auto& b) { return a.first < b.first; });
    parts->clear();
    for (Index i = 0; i < total; ++i) {
        const auto [row, at] = order[static_cast<size_t>(i)];
        const Dataset& from = *pieces[at.first];
        d.X.col(i) = from.X.col(at.second);
        d.labels(i) = from.labels(at.second);
        if (d.regression) d.targets.col(i) = from.targets.col(at.second);
        d.rows[static_cast<size_t>(i)] = row;
        if (separateFiles) parts->push_back(QString::fromLatin1(names[at.first]));
    }
    return d;
}

}  // namespace

bool loadModelData(const QCommandLineParser& p, ModelData* out, QString* error) {
    if (!p.isSet("model")) {
        *error = "--model: required";
        return false;
    }
    ModelImport import;
    import.layout = p.value("layout");
    if (p.isSet("layout") && import.layout != "row" && import.layout != "column") {
        *error = "--layout: expected column or row, got \"" + import.layout + "\"";
        return false;
    }
    if (p.isSet("map") && !parseModelMap(p.value("map"), &import, error)) return false;
    ModelData m;
    m.path = p.value("model");
    setActivity("reading the model " + m.path);
    if (!loadModelFile(m.path, import, &m.model, error)) return false;
    const bool fromMeta = dataSpecFromMeta(m.model.meta, &m.spec);
    if (!fromMeta && !p.isSet("dataset")) {
        *error = "--dataset: required (the model's meta names no dataset)";
        return false;
    }
    DataSpec& d = m.spec;
    if (p.isSet("dataset")) d.dataset = p.value("dataset").toStdString();
    if (p.isSet("samples")) d.samples_set = true;
    if (p.isSet("data-dir"))
        d.data_dir = p.value("data-dir").toStdString();
    else if (d.dataset == "mnist" && !findMnistFolder(QString::fromStdString(d.data_dir)).isEmpty())
        d.data_dir = findMnistFolder(QString::fromStdString(d.data_dir)).toStdString();
    if (p.isSet("label-column")) d.label_column = p.value("label-column").toStdString();
    int seed = static_cast<int>(d.seed);
    if (!(optionInt(p, "samples", 4, 10000000, &d.samples, error) &&
          optionDouble(p, "noise", 0.0, 10.0, &d.noise, error) &&
          optionInt(p, "classes", 2, 10, &d.classes, error) &&
          optionInt(p, "data-seed", 0, 2147483647, &seed, error)))
        return false;
    d.seed = static_cast<unsigned>(seed);
    m.split = p.isSet("split") ? p.value("split") : QStringLiteral("test");
    if (m.split != "train" && m.split != "validation" && m.split != "test" && m.split != "all") {
        *error = "--split: expected train, validation, test or all, got \"" + m.split + "\"";
        return false;
    }
    DatasetSplit all;
    std::string why;
    if (!checkDataMemory(d, defaultMemoryLimit(), error)) return false;
    setActivity("loading the dataset " + QString::fromStdString(d.dataset));
    if (!loadTrainingData(d, &all, &why)) {
        *error = QString::fromStdString(why);
        return false;
    }
    if (m.split == "all")
        m.data = wholeSource(all, d.dataset == "mnist", &m.parts);
    else
        m.data = m.split == "train"        ? all.train
                 : m.split == "validation" ? all.validation
                                           : all.test;
    if (m.data.features() != m.model.params.B.cols()) {
        *error = QStringLiteral("--dataset: %1 has %2 features but the model's B expects %3")
                     .arg(QString::fromStdString(d.dataset))
                     .arg(m.data.features())
                     .arg(m.model.params.B.cols());
        return false;
    }
    *out = std::move(m);
    return true;
}

bool sampleIndex(const QCommandLineParser& p, const ModelData& m, Index* out, QString* error) {
    if (!p.isSet("sample")) {
        *error = "--sample: required (the input's number within the " + m.split + " split, from 1)";
        return false;
    }
    int i = 0;
    if (!optionInt(p, "sample", 0, 2147483647, &i, error)) return false;
    if (i == 0) {
        *error = QStringLiteral(
            "--sample: inputs count from 1, like the window (the first input is --sample 1)");
        return false;
    }
    if (i > m.data.size()) {
        *error = QStringLiteral("--sample: %1 is out of range (the %2 split has %3 samples)")
                     .arg(i)
                     .arg(m.split)
                     .arg(m.data.size());
        return false;
    }
    *out = i - 1;
    return true;
}

bool loadModelScenario(const QCommandLineParser& p, ScenarioFile* out, QString* error) {
    if (p.optionNames().contains("scenario")) {
        *error = "--model and --scenario exclude each other";
        return false;
    }
    ModelData m;
    Index i = 0;
    if (!loadModelData(p, &m, error) || !sampleIndex(p, m, &i, error)) return false;
    ScenarioFile f;
    f.scenario = modelScenario(m.model.params, m.data.X.col(i));
    std::string why;
    if (!f.scenario.IsValid(&why)) {
        *error = "--model: the model cannot be explored: " + QString::fromStdString(why);
        return false;
    }
    f.extra["model_sample"] = QJsonObject{{"model", QFileInfo(m.path).fileName()},
                                          {"dataset", QString::fromStdString(m.spec.dataset)},
                                          {"split", m.split},
                                          {"index", static_cast<int>(i) + 1},  // from 1
                                          {"label", m.data.labels(i)}};
    *out = std::move(f);
    return true;
}

}  // namespace equilab::cli
