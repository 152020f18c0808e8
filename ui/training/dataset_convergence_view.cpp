#include "ui/training/dataset_convergence_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <cmath>

#include "ui/views/plot_view.h"

namespace equilab {
namespace {

constexpr int kListed = 30;

void showHistogram(PlotView* view, const Histogram& h, const QColor& color) {
    QCustomPlot* p = view->plot();
    p->clearPlottables();
    if (h.counts.empty()) {
        view->requestReplot();
        return;
    }
    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    bars->setName(view->title());
    bars->removeFromLegend();
    QVector<double> keys, values;
    for (size_t b = 0; b < h.counts.size(); ++b) {
        keys.append(0.5 * (h.edges[b] + h.edges[b + 1]));
        values.append(static_cast<double>(h.counts[b]));
    }
    bars->setData(keys, values);
    bars->setWidth(h.edges[1] - h.edges[0]);
    bars->setPen(QPen(color.darker(130)));
    bars->setBrush(color);
    p->xAxis->setRange(h.edges.front(), h.edges.back());
    p->yAxis->setRange(0, *std::max_element(values.begin(), values.end()) * 1.1);
    view->requestReplot();
}

}  // namespace

DatasetConvergenceView::DatasetConvergenceView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("datasetConvergence"));
    model_ = new QLabel(tr("No model yet: train one, or File → Open Model."), this);
    model_->setWordWrap(true);
    evaluate_ = new QPushButton(tr("Evaluate"), this);
    evaluate_->setObjectName(QStringLiteral("evaluateDataset"));
    evaluate_->setToolTip(
        tr("Solve the model's fixed point for every test input (Picard from 0 to "
           "tolerance 1e-10) and compute ρ(J) per input at its fixed point."));
    evaluate_->setEnabled(false);
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->setVisible(false);
    classes_ = new QComboBox(this);
    classes_->setObjectName(QStringLiteral("classFilter"));
    classes_->addItem(tr("all classes"), -1);
    auto* top = new QHBoxLayout;
    top->addWidget(model_, 1);
    top->addWidget(classes_);
    top->addWidget(evaluate_);
    top->addWidget(cancel_);
    top->addWidget(progress_);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("convergenceSummary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    iterations_ = new PlotView(tr("Iterations to tolerance"), this);
    iterations_->setObjectName(QStringLiteral("dataset_iterations"));
    iterations_->setAxisLabels(tr("Picard iterations to ‖φ(w) − w‖ ≤ 1e-10"), tr("inputs"));
    iterations_->setEmptyText(tr("Press Evaluate to solve every input of the dataset."));
    rho_ = new PlotView(tr("ρ(J) at the fixed point"), this);
    rho_->setObjectName(QStringLiteral("dataset_rho"));
    rho_->setAxisLabels(tr("ρ(J), J = diag(1 − w*²) A"), tr("inputs"));
    rho_->setEmptyText(tr("Press Evaluate."));
    slowest_ = new QListWidget(this);
    slowest_->setObjectName(QStringLiteral("slowestInputs"));
    slowest_->setToolTip(tr("The slowest inputs; click one to explore it in every view."));
    // Whole lines (the ρ(J) column last) wrapped in a narrow pane, never elided.
    slowest_->setWordWrap(true);
    slowest_->setTextElideMode(Qt::ElideNone);
    slowest_->setUniformItemSizes(false);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(iterations_);
    split->addWidget(rho_);
    auto* side = new QWidget(this);
    auto* sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(0, 0, 0, 0);
    sideLayout->addWidget(new QLabel(tr("Slowest inputs (click to explore):"), side));
    sideLayout->addWidget(slowest_);
    split->addWidget(side);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(summary_);
    layout->addWidget(split, 1);
    connect(evaluate_, &QPushButton::clicked, this, &DatasetConvergenceView::evaluateRequested);
    connect(cancel_, &QPushButton::clicked, this, &DatasetConvergenceView::cancelRequested);
    connect(classes_, &QComboBox::currentIndexChanged, this, &DatasetConvergenceView::refresh);
    connect(slowest_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        emit exploreRequested(item->data(Qt::UserRole).toInt());
    });
}

void DatasetConvergenceView::setModelText(const QString& text, bool canEvaluate) {
    model_->setText(text);
    evaluate_->setEnabled(canEvaluate);
}

void DatasetConvergenceView::setBusy(bool busy) {
    cancel_->setEnabled(busy);
    progress_->setVisible(busy);
    progress_->setValue(0);
    // Both plots show the last evaluation (if any) until the new one arrives.
    const QString pending = busy ? tr("computing the convergence over the samples…") : QString();
    iterations_->setPendingText(pending);
    rho_->setPendingText(pending);
}

void DatasetConvergenceView::setProgress(double fraction) {
    progress_->setValue(static_cast<int>(std::lround(1000 * fraction)));
}

void DatasetConvergenceView::setFailed(const QString& message) {
    setBusy(false);
    summary_->setText(tr("Evaluation stopped: %1").arg(message));
}

void DatasetConvergenceView::setResult(const Dataset& dataset, const DatasetConvergence& result) {
    data_ = dataset;
    result_ = result;
    const QSignalBlocker block(classes_);
    classes_->clear();
    classes_->addItem(tr("all classes"), -1);
    for (int c = 0; c < result.classes; ++c) classes_->addItem(tr("class %1").arg(c), c);
    refresh();
}

void DatasetConvergenceView::setClassFilter(int cls) {
    const int i = classes_->findData(cls);
    if (i >= 0) classes_->setCurrentIndex(i);
}

void DatasetConvergenceView::refresh() {
    const DatasetConvergence& r = result_;
    if (r.samples == 0) return;
    const int cls = classes_->currentData().toInt();
    std::vector<double> its, rhos;
    std::vector<Index> members;
    Index notConverged = 0, correct = 0, correctConverged = 0, searched = 0, na = 0;
    for (Index i = 0; i < r.samples; ++i) {
        if (cls >= 0 && data_.labels(i) != cls) continue;
        const auto s = static_cast<size_t>(i);
        members.push_back(i);
        const bool right = r.predicted(i) == data_.labels(i);
        if (r.converged[s]) {
            its.push_back(r.iterations[s]);
            correctConverged += right;
        } else {
            ++notConverged;
        }
        // ρ(J) only at verified fixed points (core/analysis/dataset_convergence.h).
        if (std::isfinite(r.rho[s])) rhos.push_back(r.rho[s]);
        searched += r.rho_source[s] == RhoSource::SearchedFixedPoint;
        na +=
            r.rho_source[s] == RhoSource::NoFixedPoint || r.rho_source[s] == RhoSource::NotSearched;
        correct += right;
    }
    const Percentiles it = percentiles(its), rs = percentiles(rhos);
    const Index m = static_cast<Index>(members.size());
    const Index conv = m - notConverged;
    showHistogram(iterations_, histogram(its, 20, true), PlotView::seriesColor(0));
    showHistogram(rho_, histogram(rhos, 20, false), PlotView::seriesColor(1));
    const QString accuracy =
        notConverged == 0
            ? tr("accuracy %1 at the fixed point").arg(m ? double(correct) / m : 0.0, 0, 'f', 4)
            : (conv > 0 ? tr("accuracy %1 at the fixed point over the %2 converged inputs")
                              .arg(double(correctConverged) / conv, 0, 'f', 4)
                              .arg(conv)
                        : tr("accuracy at the fixed point n/a (none converged)")) +
                  tr("; %1 at the last iterate of all %2")
                      .arg(double(correct) / m, 0, 'f', 4)
                      .arg(m);
    QString rhoText = rs.count > 0 ? tr("ρ(J) at the fixed point over %1 inputs: median %2, max %3")
                                         .arg(rs.count)
                                         .arg(rs.median, 0, 'f', 4)
                                         .arg(rs.max, 0, 'f', 4)
                                   : tr("ρ(J): no verified fixed point");
    if (searched > 0)
        rhoText += tr(" (%1 at fixed points Picard did not reach, found by Newton's search)")
                       .arg(searched);
    if (na > 0) rhoText += tr("; n/a for %1 unconverged inputs").arg(na);
    summary_->setText(tr("%1 inputs%2: %3. Iterations to tolerance: min %4, median %5, 90th "
                         "percentile %6, max %7; %8 did not converge within %9. %10.")
                          .arg(m)
                          .arg(cls >= 0 ? tr(" of class %1").arg(cls) : QString())
                          .arg(accuracy)
                          .arg(it.min)
                          .arg(it.median)
                          .arg(it.p90)
                          .arg(it.max)
                          .arg(notConverged)
                          .arg(r.max_iterations)
                          .arg(rhoText));
    // The slowest members, unconverged first.
    std::stable_sort(members.begin(), members.end(), [&r](Index a, Index b) {
        const auto sa = static_cast<size_t>(a), sb = static_cast<size_t>(b);
        return std::make_pair(!r.converged[sa], r.iterations[sa]) >
               std::make_pair(!r.converged[sb], r.iterations[sb]);
    });
    slowest_->clear();
    for (Index k = 0; k < std::min<Index>(kListed, m); ++k) {
        const Index i = members[static_cast<size_t>(k)];
        const auto s = static_cast<size_t>(i);
        auto* item =
            new QListWidgetItem(tr("#%1  label %2 → %3  %4 iterations%5  ρ(J) %6")
                                    .arg(i + 1)  // from 1, as --sample takes it
                                    .arg(data_.labels(i))
                                    .arg(r.predicted(i))
                                    .arg(r.iterations[s])
                                    .arg(r.converged[s] ? QString() : tr(" (not converged)"))
                                    .arg(std::isfinite(r.rho[s]) ? QString::number(r.rho[s], 'f', 4)
                                                                 : QStringLiteral("–")),
                                slowest_);
        item->setData(Qt::UserRole, static_cast<int>(i));
    }
}

}  // namespace equilab
