// Honest tables: each cell shows 4 significant digits and is never cut off (scientific when the
// value is small or large; the full value in the tooltip and the editor), rows and columns count
// from 1 like every index in the UI, a block pasted from a spreadsheet or from numpy.savetxt
// text lands in the table as one undo step, and a selection copies out with full precision.
#include <QtTest>

#include "tests/test_support.h"

#include <QClipboard>
#include <QHeaderView>
#include <QTableView>

#include "ui/document/document.h"
#include "ui/document/matrix_table_model.h"
#include "ui/document/number_format.h"
#include "ui/panels/matrix_editor.h"
#include "ui/window/main_window.h"

using namespace equilab;

class TestTables : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void formatCell_data();
    void formatCell();
    void formatCellRoundsCorrectly();
    void cellsAreNeverElided();
    void tableShowsOneBasedIndices();
    void paste_data();
    void paste();
    void pasteRefusesBadBlocks_data();
    void pasteRefusesBadBlocks();
    void pasteThroughKeyboardIsOneUndoStep();
    void copyRoundTrips();
};

void TestTables::formatCell_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    const QString m = QString(QChar(0x2212));
    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("tiny negative") << -8.00723e-05 << m + "8.007e-05";
    QTest::newRow("four digits") << 0.7428020534187105 << "0.7428";
    QTest::newRow("negative") << -0.5081782260555319 << m + "0.5082";
    QTest::newRow("short") << 0.3 << "0.3";
    QTest::newRow("integer") << 2.0 << "2";
    QTest::newRow("thousands") << 1234.5678 << "1235";
    QTest::newRow("large") << 123456.0 << "1.235e+05";
    QTest::newRow("boundary small") << 0.001 << "0.001";
    QTest::newRow("below boundary") << 0.00099996 << "0.001";
    QTest::newRow("just below 1e-3") << 0.000999 << "9.99e-04";
    QTest::newRow("limit") << 1e6 << "1e+06";
}

void TestTables::formatCell() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(equilab::formatCell(value), text);
}

void TestTables::formatCellRoundsCorrectly() {
    // Independent check over many magnitudes: the text parses back to the value rounded to 4
    // significant digits (never truncated), and is never longer than the width sample.
    QRandomGenerator rng(7);
    for (int i = 0; i < 20000; ++i) {
        const double v = (rng.generateDouble() - 0.5) * std::pow(10.0, rng.bounded(-12, 9));
        QString text = equilab::formatCell(v);
        QVERIFY2(text.size() <= cellTextWidthSample().size(), qPrintable(text));
        text.replace(QChar(0x2212), '-');
        bool ok = false;
        const double back = text.toDouble(&ok);
        QVERIFY2(ok, qPrintable(text));
        const double rounded =
            std::stod(QString::asprintf("%.3e", v).toStdString());  // C's rounding
        QVERIFY2(std::abs(back - rounded) <= 1e-12 * std::abs(rounded),
                 qPrintable(QStringLiteral("%1 shown as %2").arg(v, 0, 'g', 17).arg(text)));
        // Full precision in the editor: exactly the value.
        QCOMPARE(formatFull(v).toDouble(), v);
    }
}

void TestTables::cellsAreNeverElided() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    Scenario s = w.document()->scenario();
    s.model.A(0, 0) = -8.00723456e-05;
    s.model.A(0, 1) = -123456.789;
    w.document()->setScenario(s, "small and large");
    QTableView* t = w.matrixEditor()->table(Block::A);
    for (int r = 0; r < 2; ++r)
        for (int c = 0; c < 2; ++c) {
            const QModelIndex i = t->model()->index(r, c);
            const QString text = i.data(Qt::DisplayRole).toString();
            const int room =
                t->columnWidth(c) - 2 * t->style()->pixelMetric(QStyle::PM_FocusFrameHMargin) - 4;
            QVERIFY2(t->fontMetrics().horizontalAdvance(text) <= room, qPrintable(text));
            QVERIFY(i.data(Qt::ToolTipRole).toString().endsWith(formatFull(s.model.A(r, c))));
            QCOMPARE(i.data(Qt::EditRole).toString().toDouble(), s.model.A(r, c));
        }
}

void TestTables::tableShowsOneBasedIndices() {
    Document doc;
    MatrixTableModel m(Block::A);
    m.setDocument(&doc);
    QCOMPARE(m.headerData(0, Qt::Horizontal, Qt::DisplayRole).toInt(), 1);
    QCOMPARE(m.headerData(1, Qt::Vertical, Qt::DisplayRole).toInt(), 2);
    QCOMPARE(m.cellName(1, 0), QStringLiteral("A[2][1]"));
    QString error;
    QVERIFY(!doc.setEntry(Block::A, 1, 0, 1e300, &error));
    QVERIFY2(error.startsWith("A[2][1]"), qPrintable(error));
}

void TestTables::paste_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("col");
    QTest::addColumn<QList<double>>("expected");  // rows × cols of the pasted block, row-major
    QTest::addColumn<int>("cols");
    QTest::newRow("spreadsheet tabs") << "1.5\t-2\n3e-3\t4\n"
                                      << 0 << 0 << QList<double>{1.5, -2, 3e-3, 4} << 2;
    QTest::newRow("savetxt spaces")
        << "# A from numpy\n1.000000000000000000e+00 2.500000000000000000e-01\n"
        << 1 << 0 << QList<double>{1, 0.25} << 2;
    QTest::newRow("csv with CRLF") << "0.1,0.2\r\n0.3,0.4\r\n"
                                   << 1 << 1 << QList<double>{0.1, 0.2, 0.3, 0.4} << 2;
    QTest::newRow("one cell") << "  7  " << 2 << 2 << QList<double>{7} << 1;
    QTest::newRow("unicode minus")
        << QString("%1%2").arg(QChar(0x2212)).arg("0.5") << 0 << 2 << QList<double>{-0.5} << 1;
}

void TestTables::paste() {
    QFETCH(QString, text);
    QFETCH(int, row);
    QFETCH(int, col);
    QFETCH(QList<double>, expected);
    QFETCH(int, cols);
    Document doc;
    doc.setDimensions(3, 3);
    const Matrix before = doc.scenario().model.A;
    const int steps = doc.undoStack()->count();
    MatrixTableModel m(Block::A);
    m.setDocument(&doc);
    QString error;
    QVERIFY2(m.pasteText(row, col, text, &error), qPrintable(error));
    const Matrix& A = doc.scenario().model.A;
    const int rows = expected.size() / cols;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            const bool inside = i >= row && i < row + rows && j >= col && j < col + cols;
            QCOMPARE(A(i, j), inside ? expected[(i - row) * cols + (j - col)] : before(i, j));
        }
    QCOMPARE(doc.undoStack()->count(), steps + 1);  // one undo step
    doc.undoStack()->undo();
    QVERIFY(doc.scenario().model.A == before);
}

void TestTables::pasteRefusesBadBlocks_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("word") << "1 2\n3 x"
                          << "line 2, cell 2: \"x\" is not a number";
    QTest::newRow("ragged") << "1 2\n3"
                            << "line 2 has 1 cells, the first row 2";
    QTest::newRow("too big") << "1 2 3 4\n"
                             << "does not fit at A[1][1]";
    QTest::newRow("huge") << "1e7"
                          << "above the limit";
    QTest::newRow("nan") << "nan"
                         << "not a finite number";
    QTest::newRow("empty") << "\n# only a comment\n"
                           << "no numbers";
}

void TestTables::pasteRefusesBadBlocks() {
    QFETCH(QString, text);
    QFETCH(QString, message);
    Document doc;
    const QByteArray before = serializeScenario(doc.file());
    MatrixTableModel m(Block::A);
    m.setDocument(&doc);
    QSignalSpy rejected(&m, &MatrixTableModel::editRejected);
    QString error;
    QVERIFY(!m.pasteText(0, 0, text, &error));
    QVERIFY2(error.contains(message), qPrintable(error));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(serializeScenario(doc.file()), before);
    QCOMPARE(doc.undoStack()->count(), 0);
}

void TestTables::pasteThroughKeyboardIsOneUndoStep() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.document()->setDimensions(4, 2);
    const int steps = w.document()->undoStack()->count();
    QTableView* t = w.matrixEditor()->table(Block::c);
    t->setFocus();
    t->setCurrentIndex(t->model()->index(1, 0));
    // A numpy row vector pasted into the column c goes down the column.
    QApplication::clipboard()->setText("0.25 -0.5 0.75\n");
    QTest::keySequence(t, QKeySequence::Paste);
    const Vector& c = w.document()->scenario().model.c;
    QCOMPARE(c(1), 0.25);
    QCOMPARE(c(2), -0.5);
    QCOMPARE(c(3), 0.75);
    QCOMPARE(w.document()->undoStack()->count(), steps + 1);
}

void TestTables::copyRoundTrips() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTableView* t = w.matrixEditor()->table(Block::A);
    t->setFocus();
    t->selectAll();
    QTest::keySequence(t, QKeySequence::Copy);
    Matrix copied;
    QString error;
    QVERIFY2(parseNumberBlock(QApplication::clipboard()->text(), &copied, &error),
             qPrintable(error));
    QVERIFY(copied == w.document()->scenario().model.A);  // bit for bit
}

QTEST_MAIN(TestTables)
#include "tst_tables.moc"
