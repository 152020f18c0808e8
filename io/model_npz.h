// The model file: a NumPy .npz (a zip of .npy arrays, numpy.load / numpy.savez), holding
//
//   A (n×n), B (n×d), c (n)          the layer w = tanh(A w + B x + c), column convention
//   W_out (k×n), b_out (k)           the readout logits = W_out w* + b_out (optional as a pair)
//   meta                             a 0-d '<U' string of JSON text: {"format": "equilab-model",
//                                    "version": 1, "layout": "column", "dtype", "parametrization",
//                                    "training", "dataset", "input_normalization", "metrics"}
//
// Reading is strict and names the array: dtype '<f4' or '<f8', shapes consistent, entries finite
// and within ±1e6, n ≤ 4096, d ≤ 10⁶, k ≤ 10⁴. Models from elsewhere: layout "row" (the option or
// meta's "layout") means row-vector code W_{t+1} = tanh(W_t A + X B + c), logits = W Wo + bo, so
// A, B and W_out are transposed on import; a name map takes each array from other entries, and
// several names joined by '+' are summed (c = A.bias + B.bias for two nn.Linear layers).
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include "core/data/data_spec.h"
#include "core/model/scenario.h"
#include "core/training/hypergradient.h"
#include "core/training/trainer.h"

namespace equilab {

constexpr int kModelFormatVersion = 1;
constexpr int kMaxModelHidden = 4096;
constexpr int kMaxModelInput = 1000000;
constexpr int kMaxModelClasses = 10000;

struct ModelFile {
    ModelParams<double> params;  // column convention; Wout, bout empty when there is no readout
    QJsonObject meta;
    QString dtype = QStringLiteral("float64");  // of the stored arrays: float32 or float64

    bool hasReadout() const { return params.Wout.size() > 0; }
};

struct ModelImport {
    QString layout;                    // "column", "row", or empty: meta's, else column
    QMap<QString, QStringList> names;  // A, B, c, W_out, b_out → entries (summed)
    uint64_t max_memory = 0;           // bytes the arrays may take; 0: defaultMemoryLimit()
};

// "A=dynamics.weight,B=input.weight,c=A.bias+B.bias" → names. Keys other than the five are
// refused.
bool parseModelMap(const QString& spec, ModelImport* out, QString* error);

// Bounded before allocating: entries whose logical names clash (A and A.npy) are refused; every
// entry's method (stored or deflate) and declared size, meta's 1 MB, every .npy header's dtype
// and shape against the limits above, the shapes against each other and the memory budget are
// checked before any array's data is inflated; the data is then streamed into the matrices.
bool parseModelNpz(const QByteArray& zip, const ModelImport& import, ModelFile* out,
                   QString* error);
// Arrays in the model's dtype (float32 rounds), C order, deflated; meta with layout "column".
QByteArray serializeModelNpz(const ModelFile& file);

// A zip archive (deflated entries, fixed timestamps) of the given named byte strings: how
// serializeModelNpz packs its arrays, and how tests build hand-made archives.
QByteArray zipEntries(const QList<QPair<QString, QByteArray>>& entries);

// Regular files only (a device or FIFO is refused before reading); the archive is read through
// the file, never whole into memory.
bool loadModelFile(const QString& path, const ModelImport& import, ModelFile* out, QString* error);
// Through saveBytesAtomically (io/safe_file.h): the old file survives a failed write.
bool saveModelFile(const QString& path, const ModelFile& file, QString* error);

// The meta of a trained model.
QJsonObject trainedModelMeta(const TrainerOptions& options, const DataSpec& data,
                             const TrainingSummary& summary, const QString& dtype, bool imageData);
// meta["dataset"]'s numbers in range (samples 4 to 10⁷, noise 0 to 10, classes 2 to 10, seed a
// uint32) and its names strings; the reader refuses a file that fails this (never clamps).
bool checkMetaDataset(const QJsonObject& meta, QString* error);
// The dataset the model was trained on, from meta["dataset"]; false when meta has none.
bool dataSpecFromMeta(const QJsonObject& meta, DataSpec* out);
// T of the training's forward pass, from meta["training"]["T"]; 0 when unknown.
int trainingForwardSteps(const QJsonObject& meta);

// The explorer's scenario for one input: the model's A, B, c (parametrization free, so A is
// exactly the trained one), the input x, w₀ = 0, default solver settings.
Scenario modelScenario(const ModelParams<double>& params, const Vector& x);

}  // namespace equilab
