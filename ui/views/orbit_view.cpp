#include "ui/views/orbit_view.h"

#include <qcustomplot.h>

#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/document/document.h"
#include "ui/views/parameter_controls.h"
#include "ui/views/parameter_marks.h"
#include "ui/workers/orbit_worker.h"

namespace equilab {

namespace {
constexpr int kMaxMarkedTransitions = 8;  // more (chaotic bands flicker) would hide the points
}

OrbitView::OrbitView(QWidget* parent) : PlotView(tr("Orbit diagram"), parent) {
    setObjectName(QStringLiteral("orbit"));
    controller_ = new OrbitController(this);
    setAxisLabels(tr("scale s (A ← s·A)"), tr("w₁ (last iterates)"));
    points_ = plot()->addGraph();
    points_->setName(tr("last iterates"));
    points_->setLineStyle(QCPGraph::lsNone);
    points_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, seriesColor(0), 2.5));
    points_->setAdaptiveSampling(false);
    plot()->legend->setVisible(false);
    setEmptyText(tr("Computing the orbit diagram…"));

    controls_ = new ParameterControls(QStringLiteral("orbit"),
                                      tr("The parameter swept along the horizontal axis"), this);
    marks_ = std::make_unique<ParameterMarks>(this, QPen(QColor(200, 40, 40), 1.2, Qt::DashLine),
                                              QColor(200, 40, 40), kMaxMarkedTransitions);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("orbitStatus"));
    // The progress text must not widen the window: a row of its own, wrapped when narrow.
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    status_->setWordWrap(true);
    status_->setContentsMargins(6, 0, 6, 0);
    static_cast<QVBoxLayout*>(layout())->insertWidget(0, controls_);
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, status_);
    static_cast<QVBoxLayout*>(layout())->setStretchFactor(plot(), 1);  // the rows keep their height
    connect(controls_, &ParameterControls::edited, this, &OrbitView::controlsEdited);
    connect(controller_, &OrbitController::updated, this, &OrbitView::redraw);
}

OrbitView::~OrbitView() = default;

void OrbitView::setDocument(Document* doc) {
    doc_ = doc;
    options_.p_min = doc->viewSettings().sweep_min;
    options_.p_max = doc->viewSettings().sweep_max;
    connect(doc, &Document::scenarioChanged, this, &OrbitView::documentChanged);
    documentChanged();
}

bool OrbitView::setOptions(const OrbitOptions& options, QString* error) {
    std::string why;
    if (doc_ ? !options.IsValidFor(doc_->scenario().model, &why) : !options.IsValid(&why)) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    options_ = options;
    stale_ = true;
    syncControls();
    if (isVisible())
        recompute();
    else
        controller_->cancel();  // stale: computed again when shown or by ensureComputed()
    return true;
}

void OrbitView::documentChanged() {
    // Keep what still fits the new dimensions.
    fitParameterToModel(doc_->scenario().model, &options_.parameter, &options_.index,
                        &options_.component);
    stale_ = true;
    syncControls();
    if (isVisible())
        recompute();
    else
        controller_->cancel();  // stale: computed again when shown or by ensureComputed()
}

void OrbitView::syncControls() {
    if (!doc_) return;
    controls_->sync(doc_->scenario().model, options_.parameter, options_.index, options_.p_min,
                    options_.p_max, options_.component, doc_->viewSettings().sweep_min,
                    doc_->viewSettings().sweep_max);
}

void OrbitView::controlsEdited() {
    if (!doc_) return;
    OrbitOptions o = options_;
    o.parameter = controls_->parameter();
    o.index = controls_->index();
    o.p_min = controls_->from();
    o.p_max = controls_->to();
    o.component = controls_->component();
    QString error;
    if (!setOptions(o, &error)) status_->setText(error);
}

void OrbitView::showEvent(QShowEvent* event) {
    PlotView::showEvent(event);
    ensureComputed();
}

void OrbitView::ensureComputed() {
    if (stale_ && doc_) recompute();
}

bool OrbitView::isComplete() const {
    return !stale_ && controller_->diagram().complete;
}

void OrbitView::recompute() {
    const Scenario& s = doc_->scenario();
    QString error;
    if (!controller_->request(s.effectiveModel(), s.x, s.startingPoint(), options_, &error)) {
        status_->setText(error);
        return;
    }
    stale_ = false;
    setPendingText(tr("computing the orbit diagram…"));
}

QString OrbitView::periodName(int period) {
    if (period == 1) return tr("fixed point");
    if (period > 1) return tr("%1-cycle").arg(period);
    if (period == kOrbitNonFinite) return tr("non-finite");
    return tr("aperiodic");
}

QString OrbitView::verdictName(Dynamics verdict, int period) {
    // Both end at a fixed point; verdictChanges() does not tell them apart either.
    if (reachedFixedPoint(verdict)) return tr("converged");
    return QString::fromStdString(orbitVerdictName(verdict, period));
}

QStringList OrbitView::transitionLabels() const {
    return marks_->labels();
}

void OrbitView::redraw() {
    const OrbitDiagram& d = controller_->diagram();
    const OrbitOptions& o = d.options;
    const QString name = QString::fromStdString(orbitParameterName(o.parameter, o.index));
    const QString axis = parameterAxisLabel(o.parameter, o.index);
    setAxisLabels(axis, tr("w%1 (last %2 of %3 Picard iterates)")
                            .arg(o.component + 1)
                            .arg(o.keep)
                            .arg(o.burn_in + o.keep));
    setTitle(tr("Orbit diagram over %1").arg(name));
    QVector<double> keys, values;
    keys.reserve(static_cast<int>(d.pointCount()));
    values.reserve(keys.capacity());
    for (const OrbitColumn& c : d.columns)
        for (double v : c.values) {
            keys.append(c.p);
            values.append(std::isfinite(v) ? v : std::nan(""));
        }
    points_->setData(keys, values, true);

    const std::vector<OrbitVerdictChange> tr_ =
        d.complete ? d.verdictChanges() : std::vector<OrbitVerdictChange>{};
    const int marked = std::min(static_cast<int>(tr_.size()), marks_->capacity());
    for (int i = 0; i < marked; ++i) {
        const double at = 0.5 * (tr_[i].p_left + tr_[i].p_right);
        marks_->mark(i, at,
                     tr("%1 → %2 (%3 ≈ %4)")
                         .arg(verdictName(tr_[i].from, tr_[i].from_period),
                              verdictName(tr_[i].to, tr_[i].to_period), name)
                         .arg(at, 0, 'g', 3));
    }
    marks_->hideFrom(marked);
    plot()->xAxis->setRange(o.p_min, o.p_max);
    plot()->yAxis->setRange(-1.05, 1.05);  // tanh: every iterate lies in (−1, 1)
    if (d.complete) {
        const double rate =
            controller_->seconds() > 0 ? d.pointCount() / controller_->seconds() : 0;
        status_->setText(tr("%1 columns, %2 points in %3 s (%4 points/s)%5")
                             .arg(d.columns.size())
                             .arg(d.pointCount())
                             .arg(controller_->seconds(), 0, 'f', 2)
                             .arg(rate, 0, 'g', 3)
                             .arg(tr_.size() > static_cast<size_t>(kMaxMarkedTransitions)
                                      ? tr("; %1 verdict changes, first %2 marked")
                                            .arg(tr_.size())
                                            .arg(kMaxMarkedTransitions)
                                      : QString()));
    } else {
        status_->setText(controller_->isBusy()
                             ? tr("computing: %1 of %2 columns…").arg(d.columns.size()).arg(o.count)
                             : QString());
    }
    setPendingText(!d.complete && controller_->isBusy()
                       ? tr("computing: %1 of %2 columns…").arg(d.columns.size()).arg(o.count)
                       : QString());
    requestReplot();
}

}  // namespace equilab
