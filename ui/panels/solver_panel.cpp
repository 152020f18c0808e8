#include "ui/panels/solver_panel.h"

#include <QLocale>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

#include "ui/document/document.h"
#include "ui/document/number_format.h"
#include "ui/views/playback.h"

namespace equilab {

SolverPanel::SolverPanel(QWidget* parent) : QWidget(parent) {
    method_ = new QComboBox(this);
    method_->setObjectName(QStringLiteral("solverMethod"));
    for (SolverMethod m : allSolverMethods())
        method_->addItem(QString::fromStdString(toString(m)), static_cast<int>(m));
    method_->setToolTip(
        tr("picard: w ← φ(w); km: damped w ← (1−β)w + βφ(w); anderson: "
           "extrapolation over the last m steps; broyden: quasi-Newton on "
           "φ(w) − w; newton: exact Jacobian (small n)."));
    tolerance_ = new QLineEdit(this);
    tolerance_->setObjectName(QStringLiteral("tolerance"));
    tolerance_->setToolTip(
        tr("Stop when ‖φ(w) − w‖₂ ≤ tolerance (a positive number, e.g. 1e-10)."));
    cap_ = new QSpinBox(this);
    cap_->setRange(1, SolverLimits::kMaxIterations);
    cap_->setKeyboardTracking(false);
    cap_->setToolTip(tr("Iteration cap."));
    damping_ = new QDoubleSpinBox(this);
    damping_->setRange(SolverLimits::kMinDamping, SolverLimits::kMaxDamping);
    damping_->setDecimals(6);  // a scenario's 0.555 shows and stays 0.555
    damping_->setSingleStep(0.05);
    damping_->setKeyboardTracking(false);
    damping_->setToolTip(tr("Damping β of km and the mixing of anderson, in (0, 1]."));
    memory_ = new QSpinBox(this);
    memory_->setObjectName(QStringLiteral("memory"));
    memory_->setRange(1, SolverLimits::kMaxMemory);
    memory_->setKeyboardTracking(false);
    memory_->setToolTip(tr("Anderson memory m: how many past steps the extrapolation uses."));

    play_ = new QPushButton(tr("Play"), this);
    play_->setObjectName(QStringLiteral("playButton"));
    play_->setToolTip(tr("Animate the iterates from w₀ (Space)."));
    play_->setShortcut(Qt::Key_Space);
    step_ = new QPushButton(tr("Step"), this);
    step_->setObjectName(QStringLiteral("stepButton"));
    step_->setToolTip(tr("Show one more iterate."));
    reset_ = new QPushButton(tr("Reset"), this);
    reset_->setToolTip(tr("Back to w₀."));
    speed_ = new QDoubleSpinBox(this);
    speed_->setRange(0.5, 1000);  // ViewSettings::fromJson's clamp
    speed_->setValue(ViewSettings{}.speed);
    speed_->setSuffix(tr(" it/s"));
    speed_->setToolTip(tr("Animation speed in iterations per second."));
    cursor_ = new QLabel(tr("showing all iterates"), this);
    cursor_->setObjectName(QStringLiteral("playbackCursor"));

    auto* settings = new QGroupBox(tr("Solver"), this);
    auto* f = new QFormLayout(settings);
    f->addRow(tr("Method"), method_);
    f->addRow(tr("Tolerance"), tolerance_);
    f->addRow(tr("Max iterations"), cap_);
    f->addRow(tr("Damping β"), damping_);
    f->addRow(tr("Memory m"), memory_);
    auto* anim = new QGroupBox(tr("Animation"), this);
    auto* a = new QVBoxLayout(anim);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(play_);
    buttons->addWidget(step_);
    buttons->addWidget(reset_);
    a->addLayout(buttons);
    auto* sp = new QFormLayout;
    sp->addRow(tr("Speed"), speed_);
    a->addLayout(sp);
    a->addWidget(cursor_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(settings);
    layout->addWidget(anim);
    layout->addStretch(1);

    // Each widget changes only its own field; the others keep the document's values exactly.
    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        edit([this](SolverOptions& o) {
            o.method = static_cast<SolverMethod>(method_->currentData().toInt());
        });
    });
    connect(tolerance_, &QLineEdit::editingFinished, this, &SolverPanel::commitTolerance);
    connect(cap_, &QSpinBox::valueChanged, this,
            [this](int v) { edit([v](SolverOptions& o) { o.max_iterations = v; }); });
    connect(damping_, &QDoubleSpinBox::valueChanged, this,
            [this](double v) { edit([v](SolverOptions& o) { o.damping = v; }); });
    connect(memory_, &QSpinBox::valueChanged, this,
            [this](int v) { edit([v](SolverOptions& o) { o.memory = v; }); });
}

void SolverPanel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (!doc_) return;
    connect(doc_, &Document::solverOptionsChanged, this, &SolverPanel::syncFromDocument);
    // The animation speed is a view setting (saved with the scenario's view, one place): the
    // spin box edits it, the playback follows the document (MainWindow).
    connect(doc_, &Document::viewSettingsChanged, this, [this] {
        const QSignalBlocker block(speed_);
        speed_->setValue(doc_->viewSettings().speed);
    });
    connect(speed_, &QDoubleSpinBox::valueChanged, this, [this](double v) {
        if (!doc_) return;
        ViewSettings view = doc_->viewSettings();
        view.speed = v;
        doc_->setViewSettings(view);
    });
    syncFromDocument();
    const QSignalBlocker block(speed_);
    speed_->setValue(doc_->viewSettings().speed);
}

void SolverPanel::setPlayback(Playback* p) {
    playback_ = p;
    connect(play_, &QPushButton::clicked, p, [p] { p->isPlaying() ? p->pause() : p->play(); });
    connect(step_, &QPushButton::clicked, p, &Playback::step);
    connect(reset_, &QPushButton::clicked, p, &Playback::reset);
    connect(p, &Playback::playingChanged, this,
            [this](bool on) { play_->setText(on ? tr("Pause") : tr("Play")); });
    connect(p, &Playback::cursorChanged, this, [this](int k) {
        cursor_->setText(k < 0 ? tr("showing all iterates")
                               : tr("showing w₀ … w%1").arg(subscript(k)));
    });
}

void SolverPanel::syncFromDocument() {
    const QSignalBlocker b1(method_), b2(cap_), b3(damping_), b4(memory_);
    const SolverOptions& o = doc_->scenario().solver;
    method_->setCurrentIndex(method_->findData(static_cast<int>(o.method)));
    tolerance_->setText(QString::number(o.tolerance, 'g', QLocale::FloatingPointShortest));
    cap_->setValue(o.max_iterations);
    damping_->setValue(o.damping);
    memory_->setValue(o.memory);
}

void SolverPanel::edit(const std::function<void(SolverOptions&)>& change) {
    if (!doc_) return;
    SolverOptions o = doc_->scenario().solver;
    change(o);
    doc_->setSolverOptions(o);
}

void SolverPanel::commitTolerance() {
    if (!doc_) return;
    const SolverOptions& current = doc_->scenario().solver;
    bool ok = false;
    const double tol = tolerance_->text().trimmed().toDouble(&ok);
    using L = SolverLimits;
    if (!ok || !(tol >= L::kMinTolerance && tol <= L::kMaxTolerance)) {
        emit editRejected(tr("Tolerance: \"%1\" is not a number between %2 and %3; kept %4")
                              .arg(tolerance_->text())
                              .arg(L::kMinTolerance)
                              .arg(L::kMaxTolerance)
                              .arg(current.tolerance));
        tolerance_->setText(
            QString::number(current.tolerance, 'g', QLocale::FloatingPointShortest));
        return;
    }
    if (tol == current.tolerance) return;
    edit([tol](SolverOptions& o) { o.tolerance = tol; });
}

}  // namespace equilab
