// The document's writes: what the undo commands call to swap a value in or out (the scenario, A,
// cells, solver options, parametrization), each emitting the signal that names what changed.
#include <cmath>
#include <memory>

#include "core/model/model.h"
#include "ui/document/commands.h"
#include "ui/document/document.h"
#include "ui/document/document_compare.h"

namespace equilab {

void Document::replaceScenario(const Scenario& s) {
    Scenario copy = s;
    swapScenario(&copy);
}

void Document::swapScenario(Scenario* s) {
    const bool resized =
        s->hiddenDim() != scenario().hiddenDim() || s->inputDim() != scenario().inputDim();
    std::swap(file_.scenario, *s);
    aChanged(-1);
    if (resized)
        emit dimensionsChanged(static_cast<int>(scenario().hiddenDim()),
                               static_cast<int>(scenario().inputDim()));
    else
        emitAllCellsChanged();
    if (!sameOptions(s->solver, scenario().solver)) emit solverOptionsChanged();
    if (!sameSpec(s->parametrization, scenario().parametrization)) emit parametrizationChanged();
    emit scenarioChanged();
}

void Document::emitAllCellsChanged() {
    for (Block b : {Block::A, Block::B, Block::c, Block::x, Block::w0})
        emit cellsChanged(b, QRect(0, 0, blockCols(b), blockRows(b)));
}

void Document::writeCells(Block block, int row, int col, const Matrix& values) {
    Scenario& s = file_.scenario;
    if (block == Block::w0 && !s.w0.size()) s.w0 = Vector::Zero(s.hiddenDim());
    const Index r = values.rows(), c = values.cols();
    switch (block) {
        case Block::A:
            s.model.A.block(row, col, r, c) = values;
            break;
        case Block::B:
            s.model.B.block(row, col, r, c) = values;
            break;
        case Block::c:
            s.model.c.segment(row, r) = values.col(0);
            break;
        case Block::x:
            s.x.segment(row, r) = values.col(0);
            break;
        case Block::w0:
            s.w0.segment(row, r) = values.col(0);
            break;
    }
    if (block == Block::A) aChanged(-1);
    emit cellsChanged(block, QRect(col, row, int(c), int(r)));
    emit scenarioChanged();
}

void Document::writeW0(const Vector& w0) {
    file_.scenario.w0 = w0;
    emit cellsChanged(Block::w0, QRect(0, 0, 1, blockRows(Block::w0)));
    emit scenarioChanged();
}

void Document::writeA(const Matrix& A, double knownNorm) {
    file_.scenario.model.A = A;
    aChanged(knownNorm >= 0 ? knownNorm : -1);
    emit cellsChanged(Block::A, QRect(0, 0, int(A.cols()), int(A.rows())));
    emit scenarioChanged();
}

void Document::swapA(Matrix* A) {
    file_.scenario.model.A.swap(*A);
    aChanged(-1);
    const Matrix& now = file_.scenario.model.A;
    emit cellsChanged(Block::A, QRect(0, 0, int(now.cols()), int(now.rows())));
    emit scenarioChanged();
}

void Document::writeScaledA(const std::shared_ptr<const Matrix>& start, double factor,
                            double norm) {
    Matrix& A = file_.scenario.model.A;
    if (A.rows() != start->rows() || A.cols() != start->cols())
        A.resize(start->rows(), start->cols());
    A = *start * factor;  // into A's storage: no temporary of n² numbers
    aChanged(norm);
    sharedA_ = start;  // the solver scales its own copy
    sharedAScale_ = factor;
    emit cellsChanged(Block::A, QRect(0, 0, int(A.cols()), int(A.rows())));
    emit scenarioChanged();
}

void Document::writeSolverOptions(const SolverOptions& options) {
    file_.scenario.solver = options;
    emit solverOptionsChanged();
    emit scenarioChanged();
}

void Document::writeParametrization(const ParametrizationSpec& spec) {
    file_.scenario.parametrization = spec;
    emit parametrizationChanged();
    emit scenarioChanged();
}

}  // namespace equilab
