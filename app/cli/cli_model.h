// Options shared by the commands that read a model file (evaluate, export-scenario, and solve /
// spectrum with --model):
//   --model FILE.npz --layout column|row --map A=NAME,B=NAME+NAME,...
//   --dataset … --samples --noise --classes --data-dir --label-column --data-seed (default: the
//   dataset named in the model's meta) --split train|validation|test (default test)
//   --sample I (the input to explore)
#pragma once

#include <QCommandLineParser>

#include "core/data/dataset.h"
#include "io/model_npz.h"
#include "io/scenario_json.h"

namespace equilab::cli {

struct ModelData {
    ModelFile model;
    QString path;
    DataSpec spec;
    QString split;               // train, validation, test or all
    Dataset data;                // that split (data.row(i): the sample's row in its file)
    std::vector<QString> parts;  // split all of MNIST: each sample's file (train, validation, test)
};

// --model, --layout, --map and the dataset options; withSample adds --sample.
void addModelOptions(QCommandLineParser& p, bool withSample);
// Loads the model and the split. False with a one-line message on bad input.
bool loadModelData(const QCommandLineParser& p, ModelData* out, QString* error);
// --sample I within the split.
bool sampleIndex(const QCommandLineParser& p, const ModelData& m, Index* out, QString* error);
// solve / spectrum --model: the scenario of the model and the chosen sample, with provenance
// under "model_sample" in extra.
bool loadModelScenario(const QCommandLineParser& p, ScenarioFile* out, QString* error);

}  // namespace equilab::cli
