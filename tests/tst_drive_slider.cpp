// The B / c / x slider: a drag changes exactly the selected entries by the amounts the slider's
// scale gives (computed here from the position, not read back from the widget), every move
// reaches the document (views re-solve live), one drag is one undo step, and undo restores the
// scenario from before the drag bit for bit. Targets are chosen through the table selection.
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QSlider>
#include <QStyle>
#include <QStyleOptionSlider>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/panels/drive_slider.h"
#include "ui/panels/matrix_editor.h"
#include "ui/workers/gui_thread_guard.h"

using namespace equilab;

namespace {

void drag(QSlider* s, const QList<int>& positions) {
    s->setSliderDown(true);  // emits sliderPressed, as a mouse press on the handle does
    for (int p : positions) s->setValue(p);
    s->setSliderDown(false);  // sliderReleased
}

// Bit-for-bit equality of everything a drag may touch.
bool same(const Scenario& a, const Scenario& b) {
    return a.model.A == b.model.A && a.model.B == b.model.B && a.model.c == b.model.c &&
           a.x == b.x && a.w0 == b.w0;
}

}  // namespace

class TestDriveSlider : public QObject {
    Q_OBJECT
  private slots:
    void dragChangesTheSelectionOnly_data();
    void dragChangesTheSelectionOnly();
    void dragStoresOnlyTheMovedCells();
    void eachDragIsOneUndoStep();
    void zeroVectorCannotBeScaled();
    void mouseDragIsOneUndoStep();
};

void TestDriveSlider::dragChangesTheSelectionOnly_data() {
    QTest::addColumn<int>("block");  // Block of the table clicked
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("wholeLine");  // select the whole row of B / the whole c column
    QTest::addColumn<int>("kind");        // DriveTargetKind expected from the selection
    QTest::newRow("entry B[2,1]") << int(Block::B) << 1 << 0 << false
                                  << int(DriveTargetKind::EntryB);
    QTest::newRow("row 3 of B") << int(Block::B) << 2 << 0 << true << int(DriveTargetKind::RowB);
    QTest::newRow("entry c[2]") << int(Block::c) << 1 << 0 << false << int(DriveTargetKind::EntryC);
    QTest::newRow("all of c") << int(Block::c) << 0 << 0 << true << int(DriveTargetKind::AllC);
    QTest::newRow("entry x[2]") << int(Block::x) << 1 << 0 << false << int(DriveTargetKind::EntryX);
}

void TestDriveSlider::dragChangesTheSelectionOnly() {
    QFETCH(int, block);
    QFETCH(int, row);
    QFETCH(int, column);
    QFETCH(bool, wholeLine);
    QFETCH(int, kind);
    Document doc;
    ScenarioFile file;
    file.scenario = randomScenario(4, 3, 5, 0.8);
    doc.reset(file);
    MatrixEditor editor;
    editor.setDocument(&doc);
    DriveSlider slider;
    slider.setDocument(&doc);
    slider.followSelection(&editor);

    QTableView* table = editor.table(static_cast<Block>(block));
    if (wholeLine && static_cast<Block>(block) == Block::B)
        table->selectRow(row);
    else if (wholeLine)
        table->selectColumn(0);
    else
        table->setCurrentIndex(table->model()->index(row, column));
    QCOMPARE(int(slider.target().kind), kind);

    const Scenario before = doc.scenario();
    const int stepsBefore = doc.undoStack()->count();
    QSignalSpy changed(&doc, &Document::scenarioChanged);
    const QList<int> path{50, 120, -80, 37};
    const bool norm = kind == int(DriveTargetKind::RowB) || kind == int(DriveTargetKind::AllC);
    QList<int> positions = path;
    if (norm)  // norms: positions 1 … 300
        for (int& p : positions) p = std::abs(p);
    drag(slider.slider(), positions);
    QCOMPARE(changed.count(), positions.size());  // every move reached the document
    QCOMPARE(doc.undoStack()->count(), stepsBefore + 1);

    // What the last position must have done, from the slider's documented scale.
    const double v = 3.0 * positions.last() / 300.0;  // both scales span 3 in 300 steps
    Scenario expect = before;
    switch (static_cast<DriveTargetKind>(kind)) {
        case DriveTargetKind::EntryB:
            expect.model.B(row, column) = v;
            break;
        case DriveTargetKind::RowB:
            expect.model.B.row(row) *= v / before.model.B.row(row).norm();
            break;
        case DriveTargetKind::EntryC:
            expect.model.c(row) = v;
            break;
        case DriveTargetKind::AllC:
            expect.model.c *= v / before.model.c.norm();
            break;
        case DriveTargetKind::EntryX:
            expect.x(row) = v;
            break;
    }
    const Scenario& after = doc.scenario();
    QVERIFY(!same(after, before));
    QCOMPARE(after.model.A, expect.model.A);
    QVERIFY((after.model.B - expect.model.B).cwiseAbs().maxCoeff() <= 1e-15);
    QVERIFY((after.model.c - expect.model.c).cwiseAbs().maxCoeff() <= 1e-15);
    QVERIFY((after.x - expect.x).cwiseAbs().maxCoeff() <= 1e-15);
    // Entries outside the selection are untouched, bit for bit.
    for (Index i = 0; i < before.model.B.rows(); ++i)
        for (Index j = 0; j < before.model.B.cols(); ++j)
            if (!((kind == int(DriveTargetKind::EntryB) && i == row && j == column) ||
                  (kind == int(DriveTargetKind::RowB) && i == row)))
                QCOMPARE(after.model.B(i, j), before.model.B(i, j));
    if (norm) {
        const double got = kind == int(DriveTargetKind::RowB) ? after.model.B.row(row).norm()
                                                              : after.model.c.norm();
        QVERIFY(std::abs(got - v) < 1e-12);
    }

    doc.undoStack()->undo();
    QVERIFY(same(doc.scenario(), before));
    doc.undoStack()->redo();
    QVERIFY(same(doc.scenario(), after));
}

void TestDriveSlider::dragStoresOnlyTheMovedCells() {
    // At n = 1000 a step must cost the row it moves, not a copy of the scenario (8 MB of A).
    Document doc;
    ScenarioFile file;
    file.scenario = [] {  // the fixture, built on the test thread
        const AllowGuiThreadWork fixture;
        return randomScenario(1000, 40, 3, 0.8);
    }();
    doc.reset(file);
    DriveSlider slider;
    slider.setDocument(&doc);
    slider.setTarget({DriveTargetKind::RowB, 7, 0});
    const Matrix B0 = doc.scenario().model.B;
    QSignalSpy cells(&doc, &Document::cellsChanged);
    drag(slider.slider(), {20, 60, 90, 150});
    QCOMPARE(cells.count(), 4);
    for (const QList<QVariant>& c : cells) {
        QCOMPARE(c.at(0).value<Block>(), Block::B);
        QCOMPARE(c.at(1).toRect(), QRect(0, 7, 40, 1));  // the row, nothing else
    }
    QCOMPARE(doc.undoStack()->count(), 1);
    // The history holds the row before the drag and after it.
    QVERIFY2(doc.undoBytes() <= qint64(2 * 40 * sizeof(double)) + 1024,
             qPrintable(QString::number(doc.undoBytes())));
    QVERIFY(std::abs(doc.scenario().model.B.row(7).norm() - 3.0 * 150 / 300) < 1e-12);
    doc.undoStack()->undo();
    QVERIFY(doc.scenario().model.B == B0);
}

void TestDriveSlider::eachDragIsOneUndoStep() {
    Document doc;
    ScenarioFile file;
    file.scenario = randomScenario(3, 2, 9, 0.8);
    doc.reset(file);
    DriveSlider slider;
    slider.setDocument(&doc);
    slider.setTarget({DriveTargetKind::EntryC, 0, 0});
    const Scenario s0 = doc.scenario();
    const int base = doc.undoStack()->count();
    drag(slider.slider(), {10, 20, 30});
    const Scenario s1 = doc.scenario();
    drag(slider.slider(), {-10, -200});
    const Scenario s2 = doc.scenario();
    QCOMPARE(doc.undoStack()->count(), base + 2);
    QCOMPARE(s1.model.c(0), 3.0 * 30 / 300);
    QCOMPARE(s2.model.c(0), 3.0 * -200 / 300);
    // A move by key (no drag) is a step of its own.
    slider.slider()->triggerAction(QAbstractSlider::SliderSingleStepAdd);
    QCOMPARE(doc.undoStack()->count(), base + 3);
    QCOMPARE(doc.scenario().model.c(0), 3.0 * -199 / 300);
    doc.undoStack()->undo();
    QVERIFY(same(doc.scenario(), s2));
    doc.undoStack()->undo();
    QVERIFY(same(doc.scenario(), s1));
    doc.undoStack()->undo();
    QVERIFY(same(doc.scenario(), s0));
}

void TestDriveSlider::zeroVectorCannotBeScaled() {
    Document doc;
    ScenarioFile file;
    file.scenario = randomScenario(3, 2, 9, 0.8);
    file.scenario.model.c.setZero();
    doc.reset(file);
    DriveSlider slider;
    slider.setDocument(&doc);
    slider.setTarget({DriveTargetKind::AllC, 0, 0});
    QVERIFY(!slider.slider()->isEnabled());
    slider.setTarget({DriveTargetKind::EntryC, 1, 0});
    QVERIFY(slider.slider()->isEnabled());
}

void TestDriveSlider::mouseDragIsOneUndoStep() {
    // A real drag of the handle with QTest mouse events.
    Document doc;
    ScenarioFile file;
    file.scenario = randomScenario(3, 2, 9, 0.8);
    doc.reset(file);
    DriveSlider slider;
    slider.resize(600, 40);
    slider.setDocument(&doc);
    slider.setTarget({DriveTargetKind::EntryX, 0, 1});
    slider.show();
    QVERIFY(QTest::qWaitForWindowExposed(&slider));
    QSlider* s = slider.slider();
    QStyleOptionSlider opt;
    opt.initFrom(s);
    opt.orientation = s->orientation();
    opt.minimum = s->minimum();
    opt.maximum = s->maximum();
    opt.sliderPosition = opt.sliderValue = s->value();
    const QRect handle =
        s->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, s);
    const Scenario before = doc.scenario();
    const int base = doc.undoStack()->count();
    QSignalSpy changed(&doc, &Document::scenarioChanged);
    QPoint at = handle.center();
    QTest::mousePress(s, Qt::LeftButton, {}, at);
    for (int k = 0; k < 5; ++k) {
        at += QPoint(20, 0);
        QTest::mouseMove(s, at);
    }
    QTest::mouseRelease(s, Qt::LeftButton, {}, at);
    QVERIFY(changed.count() >= 2);  // the views saw the moves live
    QCOMPARE(doc.undoStack()->count(), base + 1);
    QCOMPARE(doc.scenario().x(1), 3.0 * s->value() / 300);
    QVERIFY(doc.scenario().x(1) > before.x(1));
    QCOMPARE(doc.scenario().x(0), before.x(0));
    doc.undoStack()->undo();
    QVERIFY(same(doc.scenario(), before));
}

QTEST_MAIN(TestDriveSlider)
#include "tst_drive_slider.moc"
