#include "dimensions_panel.h"

#include <QFormLayout>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include "document.h"

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

    auto* form = new QFormLayout(this);
    form->addRow(tr("Hidden dimension n"), hidden_);
    form->addRow(tr("Input dimension d"), input_);
    form->addRow(run_);

    auto commit = [this] {
        if (doc_) doc_->setDimensions(hidden_->value(), input_->value());
    };
    connect(hidden_, &QSpinBox::valueChanged, this, commit);
    connect(input_, &QSpinBox::valueChanged, this, commit);
    connect(run_, &QPushButton::clicked, this, &DimensionsPanel::runRequested);
}

void DimensionsPanel::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (!doc_) return;
    connect(doc_, &Document::dimensionsChanged, this, &DimensionsPanel::syncFromDocument);
    syncFromDocument();
}

void DimensionsPanel::syncFromDocument() {
    const QSignalBlocker b1(hidden_), b2(input_);
    hidden_->setValue(static_cast<int>(doc_->scenario().hiddenDim()));
    input_->setValue(static_cast<int>(doc_->scenario().inputDim()));
}

}  // namespace equilab
