#include "ui/training/training_workspace.h"

#include <QEvent>
#include <QGridLayout>
#include <QStackedWidget>

#include "ui/document/document.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/digits_view.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_pace_bar.h"
#include "ui/training/training_panel.h"

namespace equilab {

TrainingWorkspace::TrainingWorkspace(Document* doc, QWidget* parentWidget)
    : QObject(parentWidget), doc_(doc) {
    controller_ = new TrainingController(this);
    panel_ = new TrainingPanel(parentWidget);
    panel_->setController(controller_);
    panel_->setDocument(doc);

    curves_ = new QWidget(parentWidget);
    auto* grid = new QGridLayout(curves_);
    grid->setContentsMargins(0, 0, 0, 0);
    using Q = TrainingCurvesView::Quantity;
    const Q quantities[] = {Q::Loss, Q::Accuracy, Q::NormA, Q::ForwardResidual, Q::BackwardResidual,
                            Q::Rho};
    for (int i = 0; i < TrainingCurvesView::kQuantities; ++i) {
        auto* v = new TrainingCurvesView(quantities[i], curves_);
        v->setController(controller_);
        grid->addWidget(v, i / 3, i % 3);
        curveViews_.append(v);
    }
    // Speed and single step sit under the curves they drive.
    pace_ = new TrainingPaceBar(controller_, panel_->pauseButton(), curves_);
    grid->addWidget(pace_, 2, 0, 1, 3);
    connect(pace_, &TrainingPaceBar::startRequested, panel_, [this] { panel_->startRun(true); });
    grid->setRowStretch(0, 1);
    grid->setRowStretch(1, 1);
    boundary_ = new DecisionBoundaryView(parentWidget);
    digits_ = new DigitsView(parentWidget);
    predictions_ = new QStackedWidget(parentWidget);
    predictions_->addWidget(boundary_);
    predictions_->addWidget(digits_);
    hypergrad_ = new HypergradView(parentWidget);
    bias_ = new GradientBiasView(parentWidget);
    for (QWidget* v : {static_cast<QWidget*>(hypergrad_), static_cast<QWidget*>(bias_)}) {
        v->installEventFilter(this);  // computed when first shown (ensureHypergradients)
        static_cast<PlotView*>(v)->setEmptyText(tr("Computed when this tab is shown."));
    }

    connect(controller_, &TrainingController::runStarted, this, [this] {
        // The study model's sweep would share the two cores with the run (the window trained at
        // a seventh of the CLI's speed beside it); the trained model's follows the run.
        debounce_.stop();
        hypergrad_->cancel();
        bias_->cancel();
        const DatasetSplit& d = controller_->data();
        const bool images = d.test.image_width > 0;
        predictions_->setCurrentWidget(images ? static_cast<QWidget*>(digits_) : boundary_);
        if (images)
            digits_->setData(d.test);
        else {
            boundary_->setData(d.train);
            boundary_->setTestData(d.test);
        }
    });
    // The regions follow each snapshot while a run trains: "training …" until it ends.
    connect(controller_, &TrainingController::runningChanged, this, [this](bool running) {
        boundary_->setPendingText(running ? tr("training… (the regions follow each snapshot)")
                                          : QString());
    });
    connect(controller_, &TrainingController::snapshotReady, this,
            [this](const TrainingSnapshot& s) {
                boundary_->setSnapshot(s);
                if (!s.digitPredictions.empty())
                    digits_->setPredictions(s.digitPredictions, s.step);
            });
    // From here on the current model is the trained one.
    connect(controller_, &TrainingController::runFinished, this, [this] { markStale(true); });
    connect(doc_, &Document::trainingConfigChanged, this, [this] { markStale(false); });
    debounce_.setSingleShot(true);
    debounce_.setInterval(300);
    connect(&debounce_, &QTimer::timeout, this, &TrainingWorkspace::ensureHypergradients);
}

bool TrainingWorkspace::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Show && (watched == hypergrad_ || watched == bias_))
        ensureHypergradients();
    return QObject::eventFilter(watched, event);
}

bool TrainingWorkspace::sweepsVisible() const {
    return hypergrad_->isVisible() || bias_->isVisible();
}

void TrainingWorkspace::markStale(bool trained) {
    stale_ = true;
    trained_ = trained;
    if (!sweepsVisible()) return;
    if (trained)
        ensureHypergradients();
    else
        debounce_.start();  // edits in the dock come in bursts
}

QList<PlotView*> TrainingWorkspace::plots() const {
    QList<PlotView*> out;
    for (auto* v : curveViews_) out.append(v);
    out.append(boundary_);
    out.append(hypergrad_);
    out.append(bias_);
    return out;
}

bool TrainingWorkspace::hypergradPending() const {
    return debounce_.isActive() || hypergrad_->isComputing();
}

void TrainingWorkspace::ensureHypergradients() {
    if (!stale_ || controller_->isRunning()) return;  // runFinished marks the trained model's
    debounce_.stop();
    stale_ = false;
    if (trained_) {
        hypergrad_->compute(controller_->lastSnapshot().params, controller_->data().train);
        bias_->compute(controller_->lastSnapshot().params, controller_->data().train);
        return;
    }
    const TrainingConfig& c = doc_->trainingConfig();
    // The data is loaded on the sweep's worker, not here.
    hypergrad_->computeStudy(c.data, c.trainer.hidden, c.trainer.parametrization.radius,
                             c.trainer.seed);
    bias_->computeStudy(c.data, c.trainer.hidden, c.trainer.parametrization.radius, c.trainer.seed);
}

void TrainingWorkspace::refreshHypergradients() {
    if (controller_->isRunning()) return;
    stale_ = true;
    trained_ = false;
    ensureHypergradients();
}

}  // namespace equilab
