#include "ui/panels/dimensions_panel.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

#include "core/internal/option_limits.h"
#include "core/model/model.h"
#include "ui/document/document.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

DimensionsPanel::DimensionsPanel(QWidget* parent) : QWidget(parent) {
    hidden_ = new QSpinBox(this);
    hidden_->setObjectName(QStringLiteral("hiddenDim"));
    hidden_->setRange(1, kMaxHiddenDim);
    hidden_->setKeyboardTracking(false);
    hidden_->setToolTip(tr("Hidden dimension n: the size of w and of the square matrix A "
                           "(1 to %1). New entries are random with ‖A‖₂ = 0.9.")
                            .arg(kMaxHiddenDim));
    input_ = new QSpinBox(this);
    input_->setObjectName(QStringLiteral("inputDim"));
    input_->setRange(1, kMaxInputDim);
    input_->setKeyboardTracking(false);
    input_->setToolTip(tr("Input dimension d: the size of x and the number of columns of B."));
    run_ = new QPushButton(tr("Run"), this);
    run_->setObjectName(QStringLiteral("runButton"));
    run_->setToolTip(tr("Solve the fixed-point problem again (edits re-solve by themselves)."));

    generator_ = new QComboBox(this);
    generator_->setObjectName(QStringLiteral("generator"));
    for (MatrixGenerator g : allMatrixGenerators())
        generator_->addItem(QString::fromStdString(toString(g)), static_cast<int>(g));
    generator_->setToolTip(
        tr("random: Gaussian; orthogonal: k Householder reflections; symmetric: "
           "spread real spectrum; identity: scaled I; rotation: complex "
           "eigenvalues, so iterates spiral."));
    generatorNorm_ = new QDoubleSpinBox(this);
    generatorNorm_->setRange(0.0, 10.0);
    generatorNorm_->setSingleStep(0.05);
    generatorNorm_->setValue(0.9);
    generatorNorm_->setToolTip(tr("‖A‖₂ of the generated matrix."));
    reflections_ = new QSpinBox(this);
    reflections_->setRange(0, kMaxHiddenDim);
    reflections_->setSpecialValueText(tr("n"));
    reflections_->setToolTip(tr(
        "Householder reflections k for the orthogonal generator (n: as many as the dimension)."));
    generate_ = new QPushButton(tr("Generate A"), this);
    generate_->setObjectName(QStringLiteral("generateButton"));
    generate_->setToolTip(tr("Replace A by a new seeded matrix of the chosen kind (undoable)."));

    scale_ = new QSlider(Qt::Horizontal, this);
    scale_->setObjectName(QStringLiteral("scaleSlider"));
    scale_->setRange(1, kSliderSteps);
    scale_->setToolTip(
        tr("Rescale A to the chosen ‖A‖₂ (s·A). Drag across 1 to watch the "
           "contraction break; one drag is one undo step."));
    scaleLabel_ = new QLabel(this);

    parametrization_ = new QComboBox(this);
    parametrization_->setObjectName(QStringLiteral("parametrization"));
    for (ParametrizationKind k : allParametrizationKinds())
        parametrization_->addItem(QString::fromStdString(toString(k)), static_cast<int>(k));
    parametrization_->setToolTip(
        tr("Applied to A before each solve: free (as edited), "
           "spectral_ball (clip singular values at r), spectral_norm "
           "(scale to ‖A‖₂ ≤ r), householder (symmetric, ‖A‖₂ < r), "
           "householder_svd (any contractive A)."));
    radius_ = new QDoubleSpinBox(this);
    radius_->setRange(0.001, ParametrizationLimits::kMaxRadius);  // the low end: 3 decimals
    radius_->setSingleStep(0.01);
    radius_->setDecimals(3);
    radius_->setToolTip(tr("Radius r of the parametrization."));
    applyParametrization_ = new QPushButton(tr("Bake into A"), this);
    applyParametrization_->setToolTip(tr("Replace A by its parametrized version (undoable)."));

    auto* dims = new QGroupBox(tr("Dimensions"), this);
    auto* f1 = new QFormLayout(dims);
    f1->addRow(tr("Hidden n"), hidden_);
    f1->addRow(tr("Input d"), input_);
    f1->addRow(run_);
    auto* gen = new QGroupBox(tr("Generate A"), this);
    auto* f2 = new QFormLayout(gen);
    f2->addRow(tr("Kind"), generator_);
    f2->addRow(tr("‖A‖₂"), generatorNorm_);
    f2->addRow(tr("Reflections"), reflections_);
    f2->addRow(generate_);
    auto* sc = new QGroupBox(tr("Scale A"), this);
    auto* f3 = new QVBoxLayout(sc);
    f3->addWidget(scaleLabel_);
    f3->addWidget(scale_);
    auto* par = new QGroupBox(tr("Parametrization"), this);
    auto* f4 = new QFormLayout(par);
    f4->addRow(tr("Kind"), parametrization_);
    f4->addRow(tr("Radius r"), radius_);
    f4->addRow(applyParametrization_);
    auto* layout = new QVBoxLayout(this);
    for (QWidget* w : {static_cast<QWidget*>(dims), static_cast<QWidget*>(gen),
                       static_cast<QWidget*>(sc), static_cast<QWidget*>(par)})
        layout->addWidget(w);
    layout->addStretch(1);

    auto commit = [this] {
        if (doc_) doc_->setDimensions(hidden_->value(), input_->value());
    };
    connect(hidden_, &QSpinBox::valueChanged, this, commit);
    connect(input_, &QSpinBox::valueChanged, this, commit);
    connect(run_, &QPushButton::clicked, this, &DimensionsPanel::runRequested);
    connect(generate_, &QPushButton::clicked, this, [this] {
        if (doc_)
            doc_->generateA(static_cast<MatrixGenerator>(generator_->currentData().toInt()),
                            generatorNorm_->value(), reflections_->value());
    });
    connect(scale_, &QSlider::valueChanged, this, [this](int v) {
        if (doc_) doc_->scaleAToNorm(kSliderMax * v / kSliderSteps, currentNorm());
    });
    auto setPar = [this] {
        if (!doc_) return;
        ParametrizationSpec spec = doc_->scenario().parametrization;
        spec.kind = static_cast<ParametrizationKind>(parametrization_->currentData().toInt());
        spec.radius = radius_->value();
        doc_->setParametrization(spec);
    };
    connect(parametrization_, &QComboBox::currentIndexChanged, this, setPar);
    connect(radius_, &QDoubleSpinBox::valueChanged, this, setPar);
    connect(applyParametrization_, &QPushButton::clicked, this, [this] {
        if (doc_) doc_->applyParametrizationToA();
    });
}

void DimensionsPanel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (!doc_) return;
    // Only what the panel shows: the shape and the parametrization (a cell edit resyncs nothing).
    connect(doc_, &Document::dimensionsChanged, this, &DimensionsPanel::syncFromDocument);
    connect(doc_, &Document::parametrizationChanged, this, &DimensionsPanel::syncFromDocument);
    connect(doc_, &Document::normAChanged, this, [this] { showNorm(currentNorm()); });
    syncFromDocument();
}

void DimensionsPanel::setSolveController(SolveController* solver) {
    if (solver_) disconnect(solver_, nullptr, this, nullptr);
    solver_ = solver;
    if (solver_)
        connect(solver_, &SolveController::resultReady, this, [this] {
            if (doc_) showNorm(currentNorm());
        });
    if (doc_) showNorm(currentNorm());
}

double DimensionsPanel::currentNorm() const {
    if (!doc_) return -1;
    if (doc_->knownNormA() >= 0) return doc_->knownNormA();
    return solver_ ? solver_->normAFor(doc_->aRevision()) : -1;
}

void DimensionsPanel::syncFromDocument() {
    const QSignalBlocker b1(hidden_), b2(input_), b3(scale_), b4(parametrization_), b5(radius_);
    const Scenario& s = doc_->scenario();
    hidden_->setValue(static_cast<int>(s.hiddenDim()));
    input_->setValue(static_cast<int>(s.inputDim()));
    showNorm(currentNorm());
    parametrization_->setCurrentIndex(
        parametrization_->findData(static_cast<int>(s.parametrization.kind)));
    radius_->setValue(s.parametrization.radius);
}

// ‖A‖₂ as the document knows it: from the solve's certificate (computed on the worker) or from
// the slider's own scaling; "…" while it is computed. Nothing is computed here.
void DimensionsPanel::showNorm(double norm) {
    if (norm < 0) {
        scaleLabel_->setText(tr("‖A‖₂ = … (computing)"));
        return;
    }
    if (!scale_->isSliderDown()) {
        const QSignalBlocker block(scale_);
        scale_->setValue(static_cast<int>(std::lround(norm / kSliderMax * kSliderSteps)));
    }
    scaleLabel_->setText(
        tr("‖A‖₂ = %1 %2")
            .arg(norm, 0, 'f', 3)
            .arg(norm < 1 ? tr("(contraction)") : tr("(no contraction certificate)")));
}

}  // namespace equilab
