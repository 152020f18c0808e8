#include "ui/training/model_workspace.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

#include "ui/document/document.h"
#include "ui/panels/file_dialogs.h"
#include "ui/training/convergence_worker.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/digits_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"

namespace equilab {

ModelWorkspace::ModelWorkspace(Document* doc, TrainingWorkspace* training, QWidget* parentWidget)
    : QObject(parentWidget), doc_(doc), training_(training), parentWidget_(parentWidget) {
    view_ = new DatasetConvergenceView(parentWidget);
    convergence_ = new ConvergenceController(this);
    TrainingController* tc = training_->controller();
    connect(tc, &TrainingController::runFinished, this, [this, tc](int id) {
        const TrainingRun* run = tc->run(id);
        if (!run || run->status == TrainStatus::InvalidInput) return;
        TrainingSummary s;
        s.status = run->status;
        s.message = run->message.toStdString();
        s.test_accuracy = run->test_accuracy;
        s.history = run->records;
        ModelFile m;
        m.params = tc->lastSnapshot().params;  // the trainer's values, widened exactly to double
        m.dtype = run->config.float32 ? QStringLiteral("float32") : QStringLiteral("float64");
        m.meta = trainedModelMeta(run->config.trainer, run->config.data, s, m.dtype,
                                  tc->data().test.image_width > 0);
        setModel(m, run->label, tc->data().test);
    });
    connect(training_->boundaryView(), &DecisionBoundaryView::pointClicked, this,
            [this](const QPointF& p) {
                Vector x(2);
                x << p.x(), p.y();
                QString error;
                if (!explore(
                        x, tr("the input x = (%1, %2)").arg(p.x(), 0, 'g', 4).arg(p.y(), 0, 'g', 4),
                        &error))
                    emit message(error);
            });
    connect(training_->digitsView(), &DigitsView::digitClicked, this, [this, tc](int k) {
        const Dataset& test = tc->data().test;
        if (k >= test.size()) return;
        QString error;
        if (!explore(test.X.col(k), tr("test digit #%1 (label %2)").arg(k + 1).arg(test.labels(k)),
                     &error))
            emit message(error);
    });
    connect(view_, &DatasetConvergenceView::evaluateRequested, this, &ModelWorkspace::evaluate);
    connect(view_, &DatasetConvergenceView::cancelRequested, convergence_,
            &ConvergenceController::cancel);
    connect(view_, &DatasetConvergenceView::exploreRequested, this, [this](int i) {
        if (i >= evaluated_.size()) return;
        QString error;
        if (!explore(evaluated_.X.col(i),
                     tr("test input #%1 (label %2)").arg(i + 1).arg(evaluated_.labels(i)), &error))
            emit message(error);
    });
    connect(convergence_, &ConvergenceController::busyChanged, view_,
            &DatasetConvergenceView::setBusy);
    connect(convergence_, &ConvergenceController::progress, view_,
            &DatasetConvergenceView::setProgress);
    connect(convergence_, &ConvergenceController::failed, view_,
            &DatasetConvergenceView::setFailed);
    connect(convergence_, &ConvergenceController::finished, this,
            [this](const Dataset& data, const DatasetConvergence& r) {
                evaluated_ = data;
                view_->setResult(data, r);
                emit message(tr("Dataset convergence: %1 inputs, median %2 iterations, accuracy %3")
                                 .arg(r.samples)
                                 .arg(r.iteration_stats.median)
                                 .arg(r.accuracy, 0, 'f', 4));
            });
}

void ModelWorkspace::addMenuActions(QMenu* file) {
    file->addAction(tr("Open &Model…"), this, &ModelWorkspace::openDialog);
    saveAction_ = file->addAction(tr("Save Mo&del…"), this, &ModelWorkspace::saveDialog);
    saveAction_->setEnabled(hasModel_);
    saveAction_->setToolTip(tr("Save the model of the last finished training run (.npz)"));
}

void ModelWorkspace::setModel(const ModelFile& m, const QString& source, const Dataset& testData) {
    model_ = m;
    source_ = source;
    hasModel_ = true;
    testData_ = testData;
    if (saveAction_) saveAction_->setEnabled(true);
    DataSpec spec;
    const bool known = testData.size() > 0 || dataSpecFromMeta(m.meta, &spec);
    const ModelParams<double>& p = m.params;
    view_->setModelText(
        tr("Model: %1 — n = %2, d = %3, %4 classes; dataset %5")
            .arg(source)
            .arg(p.hidden())
            .arg(p.B.cols())
            .arg(p.Wout.rows())
            .arg(known ? QString::fromStdString(testData.size() ? testData.name : spec.dataset) +
                             tr(" (test split)")
                       : tr("unknown (the file's meta names none)")),
        known && m.hasReadout());
    emit modelChanged();
}

bool ModelWorkspace::openModel(const QString& path, QString* error) {
    ModelFile m;
    if (!loadModelFile(path, {}, &m, error)) return false;
    setModel(m, QFileInfo(path).fileName(), Dataset());
    emit message(tr("Opened model %1 (n = %2, d = %3)")
                     .arg(path)
                     .arg(m.params.hidden())
                     .arg(m.params.B.cols()));
    evaluate();  // when the dataset is known and there is a readout
    emit modelOpened();
    return true;
}

bool ModelWorkspace::saveModel(const QString& path, QString* error) const {
    if (!hasModel_) {
        if (error) *error = tr("no model yet: finish a training run or open a model first");
        return false;
    }
    return saveModelFile(path, model_, error);
}

const ModelParams<double>* ModelWorkspace::exploreParams() const {
    TrainingController* tc = training_->controller();
    if (tc->isRunning() && tc->lastSnapshot().params.A.size() > 0)
        return &tc->lastSnapshot().params;
    if (hasModel_) return &model_.params;
    if (tc->lastSnapshot().params.A.size() > 0) return &tc->lastSnapshot().params;
    return nullptr;
}

bool ModelWorkspace::explore(const Vector& x, const QString& what, QString* error) {
    const ModelParams<double>* p = exploreParams();
    if (!p) {
        if (error) *error = tr("No model to explore yet: start a training run or open a model.");
        return false;
    }
    if (x.size() != p->B.cols()) {
        if (error)
            *error = tr("The input has %1 entries but the model expects %2")
                         .arg(x.size())
                         .arg(p->B.cols());
        return false;
    }
    Scenario s = modelScenario(*p, x);
    s.solver = doc_->scenario().solver;  // keep the user's solver settings
    std::string why;
    if (!s.IsValid(&why)) {
        if (error) *error = tr("The model cannot be explored: %1").arg(QString::fromStdString(why));
        return false;
    }
    doc_->setScenario(s, tr("Explore the model on %1").arg(what));
    emit message(
        tr("Exploring the model on %1: every explorer view now shows this input").arg(what));
    return true;
}

void ModelWorkspace::evaluate() {
    if (!hasModel_ || !model_.hasReadout()) return;
    ConvergenceRequest r;
    r.params = model_.params;
    r.data = testData_;
    if (testData_.size() == 0 && !dataSpecFromMeta(model_.meta, &r.spec)) return;
    r.options.unrolled_T = trainingForwardSteps(model_.meta);
    r.options.unrolled_float32 = model_.dtype == "float32";
    convergence_->request(std::move(r));
}

bool ModelWorkspace::exploreSlowest(QString* error) {
    const DatasetConvergence& r = view_->result();
    if (r.slowest.empty() || r.slowest.front() >= evaluated_.size()) {
        if (error) *error = tr("no evaluated inputs yet");
        return false;
    }
    const Index i = r.slowest.front();
    return explore(evaluated_.X.col(i),
                   tr("the slowest test input #%1 (label %2, %3 iterations)")
                       .arg(i + 1)
                       .arg(evaluated_.labels(i))
                       .arg(r.iterations[static_cast<size_t>(i)]),
                   error);
}

void ModelWorkspace::openDialog() {
    const QString path =
        openFileDialog(parentWidget_, tr("Open model"), tr("NumPy models (*.npz);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openModel(path, &error))
        QMessageBox::warning(parentWidget_, tr("Cannot open model"), error);
}

void ModelWorkspace::saveDialog() {
    QString path = saveFileDialog(parentWidget_, tr("Save model"), QStringLiteral("model.npz"),
                                  tr("NumPy models (*.npz)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".npz", Qt::CaseInsensitive)) path += ".npz";
    QString error;
    if (saveModel(path, &error))
        emit message(tr("Saved the model to %1").arg(path));
    else
        QMessageBox::warning(parentWidget_, tr("Cannot save model"), error);
}

}  // namespace equilab
