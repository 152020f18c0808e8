#include "ui/panels/drive_slider.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QTableView>

#include <algorithm>
#include <cmath>

#include "ui/document/commands.h"
#include "ui/panels/matrix_editor.h"

namespace equilab {

DriveSlider::DriveSlider(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("driveSlider"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    kind_ = new QComboBox(this);
    kind_->setObjectName(QStringLiteral("driveKind"));
    kind_->addItem(tr("entry of B"), int(DriveTargetKind::EntryB));
    kind_->addItem(tr("row of B (‖·‖₂)"), int(DriveTargetKind::RowB));
    kind_->addItem(tr("entry of c"), int(DriveTargetKind::EntryC));
    kind_->addItem(tr("all of c (‖c‖₂)"), int(DriveTargetKind::AllC));
    kind_->addItem(tr("entry of x"), int(DriveTargetKind::EntryX));
    kind_->setToolTip(
        tr("What the slider moves. Selecting a cell, a row of B or the whole c "
           "column in the tables chooses it too."));
    row_ = new QSpinBox(this);
    row_->setObjectName(QStringLiteral("driveRow"));
    row_->setPrefix(tr("i = "));
    column_ = new QSpinBox(this);
    column_->setObjectName(QStringLiteral("driveColumn"));
    column_->setPrefix(tr("j = "));
    for (QSpinBox* s : {row_, column_}) s->setMinimum(1);
    slider_ = new QSlider(Qt::Horizontal, this);
    slider_->setObjectName(QStringLiteral("driveValueSlider"));
    slider_->setMinimumWidth(120);
    value_ = new QLabel(this);
    value_->setObjectName(QStringLiteral("driveValue"));
    value_->setMinimumWidth(
        value_->fontMetrics().horizontalAdvance(QStringLiteral("‖B₁₀₀‖₂ = −0.00 ")));
    row->addWidget(new QLabel(tr("Slide"), this));
    row->addWidget(kind_);
    row->addWidget(row_);
    row->addWidget(column_);
    row->addWidget(slider_, 1);
    row->addWidget(value_);

    connect(kind_, &QComboBox::activated, this, &DriveSlider::controlsEdited);
    connect(row_, &QSpinBox::valueChanged, this, &DriveSlider::controlsEdited);
    connect(column_, &QSpinBox::valueChanged, this, &DriveSlider::controlsEdited);
    connect(slider_, &QSlider::sliderPressed, this, [this] {
        if (!doc_) return;
        dragStart_ = targetValues();
        dragging_ = true;
        ++serial_;
    });
    connect(slider_, &QSlider::sliderReleased, this, [this] {
        dragging_ = false;
        sync();
    });
    connect(slider_, &QSlider::valueChanged, this, &DriveSlider::moved);
}

void DriveSlider::setDocument(Document* doc) {
    if (doc_) disconnect(doc_, nullptr, this, nullptr);
    doc_ = doc;
    if (doc_) connect(doc_, &Document::scenarioChanged, this, &DriveSlider::sync);
    sync();
}

void DriveSlider::followSelection(MatrixEditor* editor) {
    for (Block b : {Block::B, Block::c, Block::x}) {
        QTableView* table = editor->table(b);
        auto pick = [this, table, b] {
            const QModelIndex at = table->currentIndex();
            if (!at.isValid() || !doc_) return;
            QItemSelectionModel* sel = table->selectionModel();
            DriveTarget t;
            t.row = at.row();
            t.column = at.column();
            if (b == Block::B)
                t.kind = sel->isRowSelected(at.row(), {}) && table->model()->columnCount() > 1
                             ? DriveTargetKind::RowB
                             : DriveTargetKind::EntryB;
            else if (b == Block::c)
                t.kind = sel->isColumnSelected(0, {}) && table->model()->rowCount() > 1
                             ? DriveTargetKind::AllC
                             : DriveTargetKind::EntryC;
            else {
                t.kind = DriveTargetKind::EntryX;
                t.column = at.row();  // x is shown as one column
            }
            setTarget(t);
        };
        connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this, pick);
        connect(table->selectionModel(), &QItemSelectionModel::currentChanged, this, pick);
    }
}

bool DriveSlider::isNormTarget() const {
    return target_.kind == DriveTargetKind::RowB || target_.kind == DriveTargetKind::AllC;
}

void DriveSlider::setTarget(const DriveTarget& t) {
    target_ = t;
    sync();
}

double DriveSlider::valueAt(int pos) const {
    return (isNormTarget() ? kNormRange : kEntryRange) * pos / kSteps;
}

double DriveSlider::currentValue() const {
    const Scenario& s = doc_->scenario();
    switch (target_.kind) {
        case DriveTargetKind::EntryB:
            return s.model.B(target_.row, target_.column);
        case DriveTargetKind::RowB:
            return s.model.B.row(target_.row).norm();
        case DriveTargetKind::EntryC:
            return s.model.c(target_.row);
        case DriveTargetKind::AllC:
            return s.model.c.norm();
        case DriveTargetKind::EntryX:
            return s.x(target_.column);
    }
    return 0;
}

void DriveSlider::sync() {
    if (!doc_ || dragging_) return;
    const int n = doc_->scenario().hiddenDim(), d = doc_->scenario().inputDim();
    // Keep the target inside the current dimensions.
    target_.row = std::clamp(target_.row, 0, std::max(0, n - 1));
    target_.column = std::clamp(target_.column, 0, std::max(0, d - 1));
    const QSignalBlocker b1(kind_), b2(row_), b3(column_), b4(slider_);
    kind_->setCurrentIndex(kind_->findData(int(target_.kind)));
    row_->setMaximum(std::max(1, n));
    column_->setMaximum(std::max(1, d));
    row_->setValue(target_.row + 1);
    column_->setValue(target_.column + 1);
    const DriveTargetKind k = target_.kind;
    row_->setVisible(k == DriveTargetKind::EntryB || k == DriveTargetKind::RowB ||
                     k == DriveTargetKind::EntryC);
    column_->setVisible(k == DriveTargetKind::EntryB || k == DriveTargetKind::EntryX);
    const double v = currentValue();
    if (isNormTarget()) {
        slider_->setRange(1, kSteps);
        slider_->setEnabled(v > 0);
        slider_->setToolTip(v > 0 ? tr("Drag to rescale; one drag is one undo step.")
                                  : tr("All entries are zero: there is nothing to scale."));
        value_->setText(tr("‖·‖₂ = %1").arg(v, 0, 'f', 2));
    } else {
        slider_->setRange(-kSteps, kSteps);
        slider_->setEnabled(true);
        slider_->setToolTip(
            tr("Drag to set the entry (−%1 … %1); one drag is one undo step.").arg(kEntryRange));
        value_->setText(tr("= %1").arg(v, 0, 'f', 2));
    }
    slider_->setValue(
        static_cast<int>(std::lround(v / (isNormTarget() ? kNormRange : kEntryRange) * kSteps)));
}

void DriveSlider::controlsEdited() {
    DriveTarget t;
    t.kind = static_cast<DriveTargetKind>(kind_->currentData().toInt());
    t.row = row_->value() - 1;
    t.column = column_->value() - 1;
    setTarget(t);
}

Matrix DriveSlider::targetValues() const {
    const Scenario& s = doc_->scenario();
    const int i = target_.row, j = target_.column;
    switch (target_.kind) {
        case DriveTargetKind::EntryB:
            return s.model.B.block(i, j, 1, 1);
        case DriveTargetKind::RowB:
            return s.model.B.row(i);
        case DriveTargetKind::EntryC:
            return s.model.c.segment(i, 1);
        case DriveTargetKind::AllC:
            return s.model.c;
        case DriveTargetKind::EntryX:
            return s.x.segment(j, 1);
    }
    return {};
}

void DriveSlider::moved(int pos) {
    if (!doc_) return;
    // A move without a drag (keys, wheel) is a step of its own, from the values now.
    if (!dragging_) {
        dragStart_ = targetValues();
        ++serial_;
    }
    const double v = valueAt(pos);
    const int i = target_.row, j = target_.column;
    const int mergeId = kDriveSliderFirst + serial_ % (kDriveSliderLast - kDriveSliderFirst + 1);
    const Matrix single = Matrix::Constant(1, 1, v);
    auto scaled = [&](double* norm) {
        *norm = dragStart_.norm();
        return Matrix(dragStart_ * (v / *norm));
    };
    double norm = 0;
    switch (target_.kind) {
        case DriveTargetKind::EntryB:
            doc_->setCells(Block::B, i, j, single,
                           tr("Slide B[%1,%2] to %3").arg(i + 1).arg(j + 1).arg(v, 0, 'f', 2),
                           mergeId);
            break;
        case DriveTargetKind::RowB: {
            const Matrix row = scaled(&norm);
            if (!(norm > 0) || row.rows() != 1) return;
            doc_->setCells(Block::B, i, 0, row,
                           tr("Scale row %1 of B to ‖·‖₂ = %2").arg(i + 1).arg(v, 0, 'f', 2),
                           mergeId);
            break;
        }
        case DriveTargetKind::EntryC:
            doc_->setCells(Block::c, i, 0, single,
                           tr("Slide c[%1] to %2").arg(i + 1).arg(v, 0, 'f', 2), mergeId);
            break;
        case DriveTargetKind::AllC: {
            const Matrix c = scaled(&norm);
            if (!(norm > 0)) return;
            doc_->setCells(Block::c, 0, 0, c, tr("Scale c to ‖c‖₂ = %1").arg(v, 0, 'f', 2),
                           mergeId);
            break;
        }
        case DriveTargetKind::EntryX:
            doc_->setCells(Block::x, j, 0, single,
                           tr("Slide x[%1] to %2").arg(j + 1).arg(v, 0, 'f', 2), mergeId);
            break;
    }
    value_->setText((isNormTarget() ? tr("‖·‖₂ = %1") : tr("= %1")).arg(v, 0, 'f', 2));
}

}  // namespace equilab
