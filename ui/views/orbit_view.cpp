#include "ui/views/orbit_view.h"

#include <qcustomplot.h>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

#include "ui/document/document.h"
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

    auto* row = new QHBoxLayout;
    row->setContentsMargins(6, 4, 6, 0);
    parameter_ = new QComboBox(this);
    parameter_->setObjectName(QStringLiteral("orbitParameter"));
    parameter_->setToolTip(tr("The parameter swept along the horizontal axis"));
    from_ = new QDoubleSpinBox(this);
    to_ = new QDoubleSpinBox(this);
    for (QDoubleSpinBox* b : {from_, to_}) {
        b->setRange(-1000, 1000);
        b->setDecimals(3);
        b->setSingleStep(0.1);
        b->setKeyboardTracking(false);
    }
    from_->setObjectName(QStringLiteral("orbitFrom"));
    to_->setObjectName(QStringLiteral("orbitTo"));
    component_ = new QSpinBox(this);
    component_->setObjectName(QStringLiteral("orbitComponent"));
    component_->setPrefix(tr("w"));
    component_->setMinimum(1);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("orbitStatus"));
    // The progress text must not widen the window: a row of its own, wrapped when narrow.
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    status_->setWordWrap(true);
    status_->setContentsMargins(6, 0, 6, 0);
    parameter_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    parameter_->setMinimumContentsLength(8);
    row->addWidget(new QLabel(tr("Parameter"), this));
    row->addWidget(parameter_);
    row->addWidget(new QLabel(tr("from"), this));
    row->addWidget(from_);
    row->addWidget(new QLabel(tr("to"), this));
    row->addWidget(to_);
    row->addWidget(new QLabel(tr("plot"), this));
    row->addWidget(component_);
    row->addStretch(1);
    static_cast<QVBoxLayout*>(layout())->insertLayout(0, row);
    static_cast<QVBoxLayout*>(layout())->insertWidget(1, status_);

    connect(parameter_, &QComboBox::activated, this, [this] {
        // A new parameter gets a range that suits it.
        const auto kind =
            static_cast<OrbitParameter>(parameter_->currentData().toList().value(0).toInt());
        syncing_ = true;
        if (kind == OrbitParameter::ScaleA) {
            from_->setValue(doc_ ? doc_->viewSettings().sweep_min : 0.05);
            to_->setValue(doc_ ? doc_->viewSettings().sweep_max : 2.5);
        } else if (kind == OrbitParameter::DriveScale) {
            from_->setValue(0);
            to_->setValue(3);
        } else {
            from_->setValue(-3);
            to_->setValue(3);
        }
        syncing_ = false;
        controlsEdited();
    });
    connect(from_, &QDoubleSpinBox::valueChanged, this, &OrbitView::controlsEdited);
    connect(to_, &QDoubleSpinBox::valueChanged, this, &OrbitView::controlsEdited);
    connect(component_, &QSpinBox::valueChanged, this, &OrbitView::controlsEdited);
    connect(controller_, &OrbitController::updated, this, &OrbitView::redraw);
}

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
    if (isVisible() || (doc_ && doc_->scenario().hiddenDim() <= kEagerMaxN)) recompute();
    return true;
}

void OrbitView::documentChanged() {
    const Model& m = doc_->scenario().model;
    // Keep what still fits the new dimensions.
    if (options_.component >= m.hiddenDim()) options_.component = 0;
    if ((options_.parameter == OrbitParameter::EntryC && options_.index >= m.hiddenDim()) ||
        (options_.parameter == OrbitParameter::EntryX && options_.index >= m.inputDim())) {
        options_.parameter = OrbitParameter::ScaleA;
        options_.index = 0;
    }
    stale_ = true;
    syncControls();
    if (isVisible() || m.hiddenDim() <= kEagerMaxN) recompute();
}

void OrbitView::syncControls() {
    if (!doc_) return;
    syncing_ = true;
    const Model& m = doc_->scenario().model;
    parameter_->clear();
    auto add = [this](const QString& text, OrbitParameter p, int index) {
        parameter_->addItem(text, QVariantList{static_cast<int>(p), index});
        if (p == options_.parameter && index == options_.index)
            parameter_->setCurrentIndex(parameter_->count() - 1);
    };
    add(tr("scale s of A"), OrbitParameter::ScaleA, 0);
    add(tr("drive scale (B x + c)"), OrbitParameter::DriveScale, 0);
    for (int i = 0; i < m.hiddenDim() && i < 64; ++i)
        add(tr("c%1").arg(i + 1), OrbitParameter::EntryC, i);
    for (int i = 0; i < m.inputDim() && i < 64; ++i)
        add(tr("x%1").arg(i + 1), OrbitParameter::EntryX, i);
    from_->setValue(options_.p_min);
    to_->setValue(options_.p_max);
    component_->setMaximum(static_cast<int>(m.hiddenDim()));
    component_->setValue(options_.component + 1);
    syncing_ = false;
}

void OrbitView::controlsEdited() {
    if (syncing_ || !doc_) return;
    OrbitOptions o = options_;
    const QVariantList choice = parameter_->currentData().toList();
    o.parameter = static_cast<OrbitParameter>(choice.value(0).toInt());
    o.index = choice.value(1).toInt();
    o.p_min = from_->value();
    o.p_max = to_->value();
    o.component = component_->value() - 1;
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
    QStringList out;
    for (QCPItemText* t : labels_)
        if (t->visible()) out.append(t->text().trimmed());
    return out;
}

void OrbitView::redraw() {
    const OrbitDiagram& d = controller_->diagram();
    const OrbitOptions& o = d.options;
    const QString name = QString::fromStdString(orbitParameterName(o.parameter, o.index));
    const QString axis = o.parameter == OrbitParameter::ScaleA ? tr("scale s (A ← s·A)")
                         : o.parameter == OrbitParameter::DriveScale
                             ? tr("drive scale p (B x + c ← p·(B x + c))")
                         : o.parameter == OrbitParameter::EntryC ? tr("c%1").arg(o.index + 1)
                                                                 : tr("x%1").arg(o.index + 1);
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
    while (lines_.size() < kMaxMarkedTransitions) {
        auto* l = new QCPItemStraightLine(plot());
        l->setPen(QPen(QColor(200, 40, 40), 1.2, Qt::DashLine));
        auto* t = new QCPItemText(plot());
        t->setColor(QColor(200, 40, 40));
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        t->setBrush(QColor(255, 255, 255, 210));  // readable over the points
        t->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        lines_.append(l);
        labels_.append(t);
    }
    for (int i = 0; i < lines_.size(); ++i) {
        const bool on = i < static_cast<int>(tr_.size());
        lines_[i]->setVisible(on);
        labels_[i]->setVisible(on);
        if (!on) continue;
        const double at = 0.5 * (tr_[i].p_left + tr_[i].p_right);
        lines_[i]->point1->setCoords(at, 0);
        lines_[i]->point2->setCoords(at, 1);
        // Stacked a line apart, so marks close together keep readable labels.
        // (Before the first layout the axis rect has no height yet: a fixed step then.)
        const int h = plot()->axisRect()->height();
        const double line =
            h > 100 ? std::clamp(1.4 * QFontMetricsF(labels_[i]->font()).height() / h, 0.06, 0.12)
                    : 0.08;
        labels_[i]->position->setCoords(at, 0.02 + line * (i % 4));
        labels_[i]->setText(tr(" %1 → %2 (%3 ≈ %4)")
                                .arg(verdictName(tr_[i].from, tr_[i].from_period),
                                     verdictName(tr_[i].to, tr_[i].to_period), name)
                                .arg(at, 0, 'g', 3));
    }
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
    requestReplot();
}

}  // namespace equilab
